"""The use cases the command line and the web app share; both call these, so both give the same results.

- **Audit a batch** (:func:`audit_paths`, :func:`write_summary`, :func:`write_details`): read each file, validate it,
  summarise the batch with one set of columns (:data:`SUMMARY_COLUMNS`, :data:`DETAIL_COLUMNS`) and one severity
  table (:data:`report.model.SEVERITY_LABELS`).
- **Export with the 草稿 rule** (:func:`export_report`): Word and/or Markdown, marked 草稿 while validator errors
  remain; if checking cannot run, nothing is exported (:class:`report.model.errors.CheckUnavailable`).
- **Check a text** (:func:`check_text`): every number bound to a cell, a sum of cells or a user fact.

Drafting (online or offline) is the agents' use case: :func:`agents.drafting.draft_section`.

A path is a raw published report (text, HTML, Markdown, DOCX, PDF — read by :func:`report.parse.parse_file`) or an
interchange JSON (detected by content: a JSON object with ``table3``). Folders are walked recursively in sorted
order. One unreadable file never stops a batch: its entry carries an ``error`` field with a Chinese reason.

Exit status (:func:`exit_code`): 1 when any report has an ``error`` finding; else 2 when any file was unreadable;
else 0.
"""

from __future__ import annotations

import csv
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from report.claims import Claim, Fact, SectionClaim, bind_claims, report_claims
from report.export.docx import write_docx
from report.export.markdown import to_markdown
from report.export.xlsx import csv_safe, text_cells
from report.model.agency import same_agency
from report.model.errors import CheckUnavailable, UnreadableInput
from report.model.findings import SEVERITY_LABELS, Finding
from report.model.tables import Report
from report.parse import ReportParseError, parse_file
from report.rules.validate import summarise, validate

log = logging.getLogger("nianbao.report")

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".json")
TOP_FINDINGS = 3
SUMMARY_COLUMNS = ("文件", "机关", "年度", "错误", "警告", "提示", "主要问题", "解析提示")
DETAIL_COLUMNS = ("文件", "严重程度", "规则", "位置", "应为", "实际", "说明")


class AuditInputError(UnreadableInput):
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
        return parse_file(path)
    except ReportParseError as exc:
        raise AuditInputError(f"文件 {path.name} 无法解析为年度报告：{exc}") from None
    except Exception as exc:  # a damaged file must not stop a batch: logged with its traceback, reported with the reason
        log.exception("parsing %s failed", path)
        raise AuditInputError(f"文件 {path.name} 无法读取为年度报告（{type(exc).__name__}: {exc}）。") from None


def report_entry(path: str | Path, report: Report, findings: list[Finding]) -> dict[str, Any]:
    return {
        "file": str(path),
        "report": {"agency": report.agency, "year": report.year},
        "counts": summarise(findings),
        "findings": [f.public() for f in findings],
        "parser_notes": "；".join(d.message for d in report.diagnostics if d.severity != "info")[:300],
    }


def audit_file(path: str | Path, previous: Optional[Report] = None, *, mode: str = "audit") -> dict[str, Any]:
    """One entry: ``{"file", "report": {agency, year}, "counts", "findings": […]}`` or ``{"file", "error"}``."""
    try:
        report = load_report(path)
    except AuditInputError as exc:
        return {"file": str(path), "error": str(exc)}
    return report_entry(path, report, validate(report, previous, mode=mode))


def _same_agency(report_agency: Optional[str], previous: Optional[Report]) -> bool:
    """The same agency under either of its names (管委会 / 管理委员会, with or without the city): report.model.agency."""
    return previous is not None and (not report_agency or not previous.agency
                                     or same_agency(report_agency, previous.agency))


def audit_paths(
    paths: Iterable[str | Path],
    previous: Optional[Report] = None,
    *,
    mode: str = "audit",
    progress: Optional[Callable[[Path], None]] = None,
    display: Optional[Callable[[Path], str]] = None,
) -> list[dict[str, Any]]:
    """Audit every file. With several files, ``previous`` is used only for reports of the same agency.
    ``display(path)`` names a file in the summaries (the web app shows the uploaded name, not its temp path)."""
    files = collect_paths(paths)
    single = len(files) == 1
    out = []
    for f in files:
        try:
            report = load_report(f)
        except AuditInputError as exc:
            entry: dict[str, Any] = {"file": str(f), "error": str(exc)}
        else:
            prev = previous if single or _same_agency(report.agency, previous) else None
            entry = report_entry(f, report, validate(report, prev, mode=mode))
        if display is not None:
            entry["display"] = display(f)
        out.append(entry)
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
    """One row per file (:data:`SUMMARY_COLUMNS`): counts by severity, the top findings (or why it was unreadable),
    and the parser's own warnings."""
    rows = []
    for e in entries:
        if "error" in e:
            rows.append({**dict.fromkeys(SUMMARY_COLUMNS, ""), "文件": e["display"] if "display" in e else e["file"],
                         "主要问题": f"无法读取：{e['error']}"})
            continue
        c = e["counts"]
        top = "；".join(f"[{SEVERITY_LABELS[f['severity']]}] {f['message']}" for f in e["findings"][:TOP_FINDINGS])
        rows.append({"文件": e.get("display", e["file"]), "机关": e["report"]["agency"] or "",
                     "年度": e["report"]["year"] or "", "错误": c["error"], "警告": c["warning"], "提示": c["info"],
                     "主要问题": top or "未发现问题", "解析提示": e.get("parser_notes", "")})
    return rows


def detail_rows(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per finding (:data:`DETAIL_COLUMNS`); an unreadable file is one error row."""
    rows = []
    for e in entries:
        name = e.get("display", e["file"])
        if "error" in e:
            rows.append({"文件": name, "严重程度": SEVERITY_LABELS["error"], "规则": "unreadable", "位置": "文件",
                         "应为": "", "实际": "", "说明": e["error"]})
            continue
        for f in e["findings"]:
            rows.append({"文件": name, "严重程度": SEVERITY_LABELS[f["severity"]], "规则": f["rule"], "位置": f["where"],
                         "应为": _plain(f["expected"]), "实际": _plain(f["actual"]), "说明": f["message"]})
    return rows


def _plain(v: Any) -> Any:
    if v is None:
        return ""
    return v if isinstance(v, (int, float, str)) else json.dumps(v, ensure_ascii=False)


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # utf-8-sig: Excel shows the Chinese
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        w.writerows({k: csv_safe(v) for k, v in r.items()} for r in rows)  # no cell runs as a formula in Excel


def write_summary(entries: list[dict[str, Any]], path: str | Path) -> Path:
    """The batch summary as XLSX (sheets 汇总 and 明细) or CSV (the summary; utf-8-sig) by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _write_csv(path, SUMMARY_COLUMNS, summary_rows(entries))
        return path
    if suffix != ".xlsx":
        raise AuditInputError(f"汇总表只能保存为 .xlsx 或 .csv，而不是「{path.name}」。")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    for title, columns, rows in (("汇总", SUMMARY_COLUMNS, summary_rows(entries)),
                                 ("明细", DETAIL_COLUMNS, detail_rows(entries))):
        if title != "汇总":
            ws = wb.create_sheet(title)
        ws.append(list(columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append([r.get(c, "") for c in columns])
        text_cells(ws)  # an agency name or message starting with = is text, never a formula
        ws.freeze_panes = "A2"
    summary = wb["汇总"]
    for col, width in zip("ABCDEFGH", (40, 30, 8, 6, 6, 6, 100, 40)):
        summary.column_dimensions[col].width = width
    for row in summary.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)
    return path


def write_details(entries: list[dict[str, Any]], path: str | Path) -> Path:
    """Every finding of the batch as CSV (utf-8-sig)."""
    path = Path(path)
    _write_csv(path, DETAIL_COLUMNS, detail_rows(entries))
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


# ---------------------------------------------------------------- export with the 草稿 rule
DRAFT_MD_BANNER = "> **草稿**：仍有 {n} 条校验错误未解决，不得作为正式文本发布。\n\n"


@dataclass
class ExportResult:
    paths: list[Path]
    errors: list[Finding] = field(default_factory=list)
    draft: bool = False


def export_report(report: Report, *, docx: Optional[str | Path] = None, md: Optional[str | Path] = None,
                  previous: Optional[Report] = None, mode: str = "audit", draft: bool = False) -> ExportResult:
    """Write Word and/or Markdown; marked 草稿 (``draft``) whenever the validators still report an error.

    The validators must run: if they cannot, :class:`CheckUnavailable` is raised and nothing is written — a report
    is never exported as final without its checks. ``mode`` is the validators' (``draft`` while filling in).
    """
    try:
        findings = validate(report, previous, mode=mode)
    except Exception as exc:
        log.exception("validation failed before export")
        raise CheckUnavailable(f"导出前的校验未能完成（{type(exc).__name__}），为避免导出未经校验的报告，本次未导出。"
                               "请联系管理员。") from exc
    errors = [f for f in findings if f.severity == "error"]
    is_draft = draft or bool(errors)
    written = []
    if docx:
        written.append(write_docx(report, docx, draft=is_draft))
    if md:
        text = to_markdown(report)
        if is_draft:
            text = DRAFT_MD_BANNER.format(n=len(errors)) + text
        path = Path(md)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return ExportResult(written, errors, is_draft)


# ---------------------------------------------------------------- check a text
def check_text(text: str, report: Report, facts: Iterable[Fact] = (), previous: Optional[Report] = None) -> list[Claim]:
    """Every number in ``text`` bound to a table cell, a sum of cells or a user fact (see :mod:`report.claims`)."""
    return bind_claims(text or "", report, list(facts), previous=previous)


def check_report(report: Report, previous: Optional[Report] = None, facts: Iterable[Fact] = ()) -> list[SectionClaim]:
    """Every number of every section of ``report`` (``python -m report claims``; the same binding as the audit)."""
    return report_claims(report, previous, list(facts))
