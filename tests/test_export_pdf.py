"""The exported .docx opens in LibreOffice (headless) and prints the tables: labels, values, sensible page count.

Needs the Debian packages libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk (installed by the project's
test setup). One conversion (~1.5 s) serves every check in this file.
"""

import json
import re
import subprocess
from collections import Counter

import pytest

from conftest import FIXTURES, requires_commands
from report import Report
from report.export.docx import write_docx
from report.model import labels as L

TRUTH = FIXTURES / "truth" / "002_huaian_shi_2024.json"  # the largest figures, a decimal fee

pytestmark = requires_commands(
    "soffice", "pdftotext",
    install="apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk",
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdf")
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    report = Report.from_interchange(truth)
    report.sections["一"] = "（一）主动公开政府信息情况。本年度主动公开政府信息共计1234条。"
    report.sections["五"] = "存在的主要问题：公开内容还不够全面。"
    src = write_docx(report, tmp / "report.docx")
    cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo_profile",
           "--convert-to", "pdf", "--outdir", str(tmp), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    out = tmp / "report.pdf"
    assert out.exists(), "LibreOffice did not produce a PDF"
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return {"text": text, "pages": pages, "truth": truth, "path": out}


def test_pdf_has_the_title_sections_and_a_sensible_page_count(pdf):
    flat = _squash(pdf["text"])
    assert "淮安市人民政府2024年政府信息公开工作年度报告" in flat
    for key in L.SECTION_KEYS:
        assert _squash(L.SECTION_TITLES[key]) in flat
    assert 2 <= pdf["pages"] <= 6
    assert "-1-" in flat and "-2-" in flat  # footer page numbers rendered from the PAGE field


def test_pdf_shows_table3_headers_and_all_25_row_labels(pdf):
    flat = _squash(pdf["text"])
    for label in (L.T3_IDENTITY_NOTE, L.T3_APPLICANT_HEADER, L.T3_ORG_HEADER, *L.T3_COLUMNS):
        assert _squash(label) in flat, label
    for path in L.T3_ROWS_2021:
        for part in path.split("/"):
            assert _squash(part) in flat, part
    for label in ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", *L.T4_COLUMNS):
        assert label in flat


def test_pdf_prints_every_table_value(pdf):
    truth = pdf["truth"]
    printed = Counter(re.findall(r"\d+(?:\.\d+)?", pdf["text"]))
    wanted = Counter()
    for vals in truth["table3"].values():
        wanted.update(str(v) for v in vals)
    for vals in truth["table4"].values():
        wanted.update(str(v) for v in vals)
    for _row, val in truth["table2"].items():
        wanted.update(str(v) for v in (val.values() if isinstance(val, dict) else [val]))
    missing = {v: n - printed[v] for v, n in wanted.items() if printed[v] < n}
    assert missing == {}
    assert "96171.6" in printed  # the 万元 fee keeps its decimal
