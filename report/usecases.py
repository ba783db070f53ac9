"""Audit one or many reports: read each file, validate it, and summarise the batch.

A path is a raw published report (text, HTML, Markdown, DOCX, PDF — read by :func:`report.parse.parse_file`) or an
interchange JSON (detected by content: a JSON object with ``table3``). Folders are walked recursively in sorted
order. One unreadable file never stops a batch: its entry carries an ``error`` field with a Chinese reason.

Exit status (:func:`exit_code`): 1 when any report has an ``error`` finding; else 2 when any file was unreadable;
else 0.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from report.model.findings import SEVERITY_LABELS, Finding
from report.model.tables import Report
from report.rules.validate import summarise, validate

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".json")
TOP_FINDINGS = 3
SUMMARY_COLUMNS = ("文件", "机关", "年度", "错误", "警告", "提示", "主要问题")


class AuditInputError(ValueError):
    """A file that cannot be read as a report; the message (Chinese) says why."""


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files to audit: each file as given, each folder walked recursively (report-like suffixes, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES
                          and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            out.append(p)
    return out


def _interchange(data: bytes) -> Optional[dict[str, Any]]:
    head = data.lstrip()[:1]
    if head not in (b"{", b"\xef"):
        return None
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return obj if isinstance(obj, dict) and "table3" in obj else None


def load_report(path: str | Path) -> Report:
    """Read one file as a Report. Raises :class:`AuditInputError` (Chinese message) when it cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AuditInputError(f"找不到文件：{path}") from None
    except OSError as exc:
        raise AuditInputError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if not data.strip():
        raise AuditInputError(f"文件 {path.name} 是空的，没有可审核的内容。")
    obj = _interchange(data)
    if obj is not None:
        try:
            return Report.from_interchange(obj)
        except (ValueError, TypeError) as exc:
            raise AuditInputError(f"文件 {path.name} 是 JSON，但不符合年报交换格式：{exc}") from None
    if path.suffix.lower() == ".json":
        raise AuditInputError(f"文件 {path.name} 不是年报交换格式的 JSON（缺少 table3），无法审核。")
    try:
        from report.parse.reader import ReportParseError, parse_file
    except ImportError:
        raise AuditInputError("原始年报的解析模块（report.parse）尚未安装，目前只能审核交换格式的 JSON 文件。") from None
    try:
        return parse_file(path)
    except ReportParseError as exc:
        raise AuditInputError(f"文件 {path.name} 无法解析为年度报告：{exc}") from None
    except Exception as exc:  # a damaged file must not stop a batch: report it with the reason
        raise AuditInputError(f"文件 {path.name} 无法读取为年度报告（{type(exc).__name__}: {exc}）。") from None


def report_entry(path: str | Path, report: Report, findings: list[Finding]) -> dict[str, Any]:
    return {
        "file": str(path),
        "report": {"agency": report.agency, "year": report.year},
        "counts": summarise(findings),
        "findings": [f.public() for f in findings],
    }


def audit_file(path: str | Path, previous: Optional[Report] = None, *, mode: str = "audit") -> dict[str, Any]:
    """One entry: ``{"file", "report": {agency, year}, "counts", "findings": […]}`` or ``{"file", "error"}``."""
    try:
        report = load_report(path)
    except AuditInputError as exc:
        return {"file": str(path), "error": str(exc)}
    return report_entry(path, report, validate(report, previous, mode=mode))


def _same_agency(report_agency: Optional[str], previous: Optional[Report]) -> bool:
    return previous is not None and (not report_agency or not previous.agency or report_agency == previous.agency)


def audit_paths(
    paths: Iterable[str | Path],
    previous: Optional[Report] = None,
    *,
    mode: str = "audit",
    progress: Optional[Callable[[Path], None]] = None,
) -> list[dict[str, Any]]:
    """Audit every file. With several files, ``previous`` is used only for reports of the same agency."""
    files = collect_paths(paths)
    single = len(files) == 1
    out = []
    for f in files:
        try:
            report = load_report(f)
        except AuditInputError as exc:
            out.append({"file": str(f), "error": str(exc)})
        else:
            prev = previous if single or _same_agency(report.agency, previous) else None
            out.append(report_entry(f, report, validate(report, prev, mode=mode)))
        if progress:
            progress(f)
    return out


def exit_code(entries: list[dict[str, Any]]) -> int:
    if any(e.get("counts", {}).get("error") for e in entries):
        return 1
    if not entries or any("error" in e for e in entries):
        return 2
    return 0


def summary_rows(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per file: file, agency, year, counts by severity, the top findings (or the reason it was unreadable)."""
    rows = []
    for e in entries:
        if "error" in e:
            rows.append({"文件": e["file"], "机关": "", "年度": "", "错误": "", "警告": "", "提示": "",
                         "主要问题": f"无法读取：{e['error']}"})
            continue
        c = e["counts"]
        top = "；".join(f"[{SEVERITY_LABELS[f['severity']]}] {f['message']}" for f in e["findings"][:TOP_FINDINGS])
        rows.append({"文件": e["file"], "机关": e["report"]["agency"] or "", "年度": e["report"]["year"] or "",
                     "错误": c["error"], "警告": c["warning"], "提示": c["info"], "主要问题": top or "未发现问题"})
    return rows


def write_summary(entries: list[dict[str, Any]], path: str | Path) -> Path:
    """Write the batch summary as XLSX (openpyxl) or CSV (utf-8-sig, so Excel shows Chinese) by suffix."""
    path = Path(path)
    rows = summary_rows(entries)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=SUMMARY_COLUMNS)
            w.writeheader()
            w.writerows(rows)
        return path
    if suffix != ".xlsx":
        raise AuditInputError(f"汇总表只能保存为 .xlsx 或 .csv，而不是「{path.name}」。")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "审核汇总"
    ws.append(list(SUMMARY_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([r[c] for c in SUMMARY_COLUMNS])
    for col, width in zip("ABCDEFG", (40, 30, 8, 6, 6, 6, 100)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    wb.save(path)
    return path


def format_entry(entry: dict[str, Any]) -> str:
    """Readable Chinese text for one entry."""
    lines = [f"文件：{entry['file']}"]
    if "error" in entry:
        lines.append(f"无法读取：{entry['error']}")
        return "\n".join(lines)
    rep, c = entry["report"], entry["counts"]
    lines.append(f"报告：{rep['agency'] or '（未识别机关）'} {str(rep['year']) + '年度' if rep['year'] else '（未识别年度）'}")
    lines.append(f"错误 {c['error']} 项，警告 {c['warning']} 项，提示 {c['info']} 项")
    for i, f in enumerate(entry["findings"], 1):
        lines.append(f"{i}. [{SEVERITY_LABELS[f['severity']]}] {f['where']}")
        lines.append(f"   {f['message']}")
    if not entry["findings"]:
        lines.append("未发现问题。")
    return "\n".join(lines)
