"""PDF table reading on PDFs from another producer: every fixture truth and tune-split truth is exported by this
project's Word writer, printed to PDF by LibreOffice, and parsed back — as a PDF (pypdf, the app's path) and, when
pdfminer.six is importable, from pdfminer's text (its column order). Prints cells exact / flagged / silent wrong and
the median parse time per extractor.

Usage: python bench/parse_pdf_synthetic.py [--keep DIR] [--pdfminer-path DIR] [--table-font PT]

``--table-font PT`` sets the font size of every table cell before printing (e.g. 12 or 8): the page breaks and the
text boxes of the tables move, so pdfminer gives other orders (headers with their numbers, columns out of order).

``--pdfminer-path`` adds a folder holding pdfminer.six to ``sys.path`` (it is not a dependency of the project).
Needs ``soffice`` (LibreOffice). Only the tune split is used: the measure split is for ``bench/parse_corpus.py``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from parse_corpus import flagged_by

from report.export.docx import write_docx
from report.model.tables import Report
from report.parse import parse_bytes, parse_text

FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "tests" / "corpus"


def truths() -> list[Path]:
    tune = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))["tune"]
    return sorted((FIXTURES / "truth").glob("*.json")) + [CORPUS / "truth" / f"{f.split('.')[0]}.json" for f in tune]


def _table_font(path: Path, size: float) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document(str(path))
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for para in cell.paragraphs:
                    for run in para.runs:
                        run.font.size = Pt(size)
    doc.save(str(path))


def make_pdfs(out: Path, table_font: float | None = None) -> dict[str, Report]:
    reports: dict[str, Report] = {}
    for path in truths():
        data = json.loads(path.read_text(encoding="utf-8"))
        rep = Report.from_interchange(data)
        y = int(data.get("year") or 2024)
        rep.year, rep.agency = y, "某市某局"
        rep.title = f"某市某局{y}年政府信息公开工作年度报告"
        rep.preamble = f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
        rep.sections.update({"一": "本年度依法做好政府信息公开工作。", "五": "存在的问题是公开不够及时，下一步将改进。",
                             "六": "本年度未收取信息处理费。"})
        rep.closing = f"某市某局\n{y + 1}年1月20日"
        write_docx(rep, out / f"{path.stem}.docx")
        if table_font:
            _table_font(out / f"{path.stem}.docx", table_font)
        reports[path.stem] = Report.from_interchange(data)
    profile = out / "lo_profile"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(out), *sorted(str(p) for p in out.glob("*.docx"))],
                   check=True, capture_output=True, timeout=600)
    return reports


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="LibreOffice 生成的 PDF 上的表格解析准确率")
    ap.add_argument("--keep", help="keep the PDFs in this folder")
    ap.add_argument("--pdfminer-path", help="folder with pdfminer.six (added to sys.path)")
    ap.add_argument("--table-font", type=float, help="font size (pt) of the table cells before printing")
    args = ap.parse_args(argv)
    if shutil.which("soffice") is None:
        print("soffice (LibreOffice) not found")
        return 2
    if args.pdfminer_path:
        sys.path.insert(0, args.pdfminer_path)
    try:
        from pdfminer.high_level import extract_text  # type: ignore[import-not-found]
    except ImportError:
        extract_text = None
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pdfsyn_"))
    work.mkdir(parents=True, exist_ok=True)
    reports = make_pdfs(work, args.table_font)
    extractors = [("pypdf (PDF file)", lambda p: parse_bytes(p.read_bytes()))]
    if extract_text is not None:
        extractors.append(("pdfminer text", lambda p: parse_text(extract_text(str(p)))))
    for name, parse in extractors:
        cells = exact = flagged = silent = 0
        times = []
        for stem, truth in reports.items():
            pdf = work / f"{stem}.pdf"
            t0 = time.perf_counter()
            parsed = parse(pdf)
            times.append((time.perf_counter() - t0) * 1000)
            for ref, want in truth.cells():
                cells += 1
                got = parsed.get(ref)
                if got == want:
                    exact += 1
                elif flagged_by(parsed, ref):
                    flagged += 1
                else:
                    silent += 1
                    print(f"  SILENT {stem} {ref.id}: got {got} want {want}")
        print(f"{name:18} reports {len(reports)}  cells {cells}  exact {100 * exact / cells:.2f}%  "
              f"wrong/unread with a warning {flagged}  silent wrong {silent}  median {statistics.median(times):.0f} ms")
    if extract_text is None:
        print("pdfminer.six not importable: its column order was not measured (pass --pdfminer-path)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
