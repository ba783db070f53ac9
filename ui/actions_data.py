"""本年数据: open/create a project, edit the tables and facts, start from last year's report or an Excel template.

Plain functions (no gradio): each takes the services and a project id, changes the project, saves it and returns
what the tab shows. Domain work is delegated to ``report.*``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional

from report.claims import Fact
from report.export import read_filled, write_template
from report.model import Finding, Report, apply_previous, stock_baseline
from report.model import labels as L
from report.model.agency import same_agency
from report.model.findings import BLANK_RULES
from report.rules import validate as validate_report
from report.usecases import load_report
from ui import frames, sheets
from ui.projects import Project
from ui.services import Services, UserError

REPORT_EXTS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".json")
XLSX_EXTS = (".xlsx",)
MB = 1024 * 1024


def upload_problem(name: str, size: Optional[int], allowed: Iterable[str], limit_mb: float) -> Optional[str]:
    """The Chinese reason a file cannot be accepted (wrong type, empty, too large), or None."""
    allowed = tuple(allowed)
    suffix = Path(name).suffix.lower()
    if allowed and suffix not in allowed:
        return f"不支持的文件类型“{suffix or '无扩展名'}”（{name}）。请上传以下格式：{'、'.join(allowed)}。"
    if size is not None and size > limit_mb * MB:
        return f"文件 {name} 有 {size / MB:.1f} MB，超过上限 {int(limit_mb)} MB（MAX_UPLOAD_MB），请压缩或拆分后再上传。"
    if size == 0:
        return f"文件 {name} 是空文件，请检查后重新上传。"
    return None


def check_upload(svc: Services, path: Any, allowed: Iterable[str]) -> Path:
    """The uploaded file, or a Chinese error if it is missing, too large or of the wrong type."""
    if not path:
        raise UserError("请先选择要上传的文件。")
    p = Path(path if isinstance(path, (str, Path)) else getattr(path, "name", path))
    problem = upload_problem(p.name, None, allowed, svc.settings.max_upload_mb)
    if problem:
        raise UserError(problem)
    if not p.is_file():
        raise UserError(f"上传的文件 {p.name} 未能保存到服务器，请重新上传。")
    problem = upload_problem(p.name, p.stat().st_size, allowed, svc.settings.max_upload_mb)
    if problem:
        raise UserError(problem)
    return p


# ---------------------------------------------------------------- projects
def open_project(svc: Services, pid: Any) -> Project:
    return svc.projects.open_or_create(pid)


def new_project(svc: Services) -> Project:
    return svc.projects.create()


def set_meta(svc: Services, pid: str, agency: str, year: Any) -> Project:
    y = _year(year)

    def change(p: Project) -> None:
        p.report.agency = (agency or "").strip() or None
        p.report.year = y

    return svc.projects.update(pid, change)


def _year(year: Any) -> Optional[int]:
    if year in (None, ""):
        return None
    try:
        y = int(float(year))
    except (TypeError, ValueError):
        raise UserError(f"年度“{year}”不是有效的年份，请填写如 2025。") from None
    if not 2008 <= y <= 2100:
        raise UserError(f"年度 {y} 不在合理范围（2008 年《条例》施行以后），请检查。")
    return y


# ---------------------------------------------------------------- tables and facts
def save_tables(svc: Services, pid: str, t2: Any, t3: Any, t4: Any) -> tuple[Project, list[str]]:
    """Apply the edited grids (via ``report.export.markdown``) and save; non-number entries keep the old value and are
    reported back as Chinese messages naming the cell."""
    bad: list[str] = []

    def change(p: Project) -> None:
        p.report, messages = frames.apply_tables(p.report, t2, t3, t4)
        p.auto_cells = []  # totals sent as frames are the sender's own figures
        bad.extend(messages)

    return svc.projects.update(pid, change), bad


def save_sheet(svc: Services, pid: str, state: Any) -> tuple[Project, list[str]]:
    """Apply the browser sheets' state (``ui.sheets``) and save: values, and which 总计 cells were computed."""
    bad: list[str] = []

    def change(p: Project) -> None:
        p.report, auto, messages = sheets.apply_sheet_state(p.report, state)
        p.auto_cells = auto
        bad.extend(messages)

    return svc.projects.update(pid, change), bad


TABLE_PLACES = ("表二", "表三", "表四", "跨年度")


def live_findings(project: Project) -> tuple[list[Finding], list[str]]:
    """What the 本年数据 tab shows while the tables are being filled -> (findings, one line per unfinished table).

    Blank cells are not listed one by one (an empty form would give one finding per row): each table with blank
    rows gets one line, 「表三还有 23 行未填」. A blank 总计 whose parts are filled stays a finding (its value is
    known). Findings about the narrative belong to 起草/导出 and are left out here. The audit of a published report
    (审核) keeps every blank finding."""
    findings = [f for f in validate(project) if f.where.startswith(TABLE_PLACES) or f.cells]
    shown = [f for f in findings if f.rule not in BLANK_RULES or (f.rule == "blank_total" and f.expected is not None)]
    todo = [f"{table}还有 {n} 行未填" for table, n in sheets.blank_rows(project.report).items()]
    return shown, todo


def save_facts(svc: Services, pid: str, frame: Any) -> tuple[Project, list[str]]:
    facts, bad = frames.read_facts(frame)

    def change(p: Project) -> None:
        p.facts = [Fact(**f) for f in facts]

    return svc.projects.update(pid, change), bad


def validate(project: Project) -> list[Finding]:
    """Validator findings for this year's report (drafting mode), checked against last year's when loaded."""
    return validate_report(project.report, project.previous, mode="draft")


# ---------------------------------------------------------------- last year's report
def read_report_file(path: Path, settings: Any = None) -> Report:
    """A published report (any format the parser reads) or an interchange JSON -> Report; with ``settings``, parsed
    in a bounded child process (``ui/sandbox.py``: PARSE_MEMORY_MB, PARSE_SECONDS)."""
    from ui.sandbox import bounded

    try:
        return bounded(settings, load_report, path, name=path.name) if settings is not None else load_report(path)
    except ValueError as exc:  # AuditInputError / ReportParseError carry a Chinese message
        raise UserError(str(exc)) from exc


def set_previous(svc: Services, pid: str, previous: Report) -> Project:
    def change(p: Project) -> None:
        p.previous = previous
        apply_previous(p.report, previous)

    return svc.projects.update(pid, change)


def load_previous_upload(svc: Services, pid: str, path: Any) -> Project:
    return set_previous(svc, pid, read_report_file(check_upload(svc, path, REPORT_EXTS), svc.settings))


def kb_report_choices(svc: Services) -> list[tuple[str, str]]:
    """(label, doc id) of every report whose tables the knowledge base holds (bundled and uploaded)."""
    out = []
    for rep in svc.kb().reports():
        label = f"{rep.get('agency') or '机关未识别'} {rep.get('year') or '年度未识别'} 年"
        out.append((label, str(rep.get("doc_id"))))
    return out


def load_previous_from_kb(svc: Services, pid: str, doc_id: str) -> Project:
    if not doc_id:
        raise UserError("请先在下拉列表中选择一份年报（可点“刷新知识库年报列表”）。")
    for rep in svc.kb().reports():
        if str(rep.get("doc_id")) == str(doc_id):
            return set_previous(svc, pid, Report.from_interchange(rep))
    raise UserError("知识库中找不到所选年报，请刷新列表后重选。")


def kb_reports_of(svc: Services, agency: str | None) -> list[Report]:
    """Reports of this agency in the knowledge base, under any of its names (report.model.agency.same_agency)."""
    if not agency:
        return []
    return [Report.from_interchange(rep) for rep in svc.kb().reports() if same_agency(rep.get("agency"), agency)]


def _as_dict(d: Any) -> dict[str, Any]:
    if isinstance(d, dict):
        return d
    if hasattr(d, "model_dump"):
        return d.model_dump()
    return dict(vars(d))


def previous_summary(project: Project) -> str:
    prev = project.previous
    if prev is None:
        return "尚未载入上年年报。载入后，本年“二、上年结转政府信息公开申请数量”一行将按上年“四、结转下年度继续办理”自动填入。"
    carried = prev.table3.get(L.R_CARRIED_OUT) or []
    base = [f"{row} 现行有效件数 {_fmt(v)} 件" for row, v in stock_baseline(prev).items()]
    return (f"已载入上年年报：**{prev.agency or '机关名称未识别'} {prev.year or '年度未识别'} 年**。"
            f"上年结转下年度继续办理（总计）：{_fmt(carried[-1] if carried else None)} 件，已填入本年“上年结转”行。"
            + (f"上年基数：{'；'.join(base)}。" if base else ""))


def _fmt(v: Any) -> str:
    return "空白" if v is None else str(v)


# ---------------------------------------------------------------- Excel template
def template_xlsx(svc: Services, pid: str) -> Path:
    project = svc.projects.load(pid)
    path = svc.export_path(pid, f"年报表格模板_{project.report.year or '本年'}.xlsx")
    write_template(path, project.report)
    return path


def load_filled_xlsx(svc: Services, pid: str, path: Any) -> tuple[Project, list[str]]:
    """Import a filled Excel template -> (project, Chinese messages for staff).

    ``report.export.xlsx.read_filled`` leaves a cell it cannot read blank and says so in ``diagnostics`` (naming the
    sheet, the Excel cell and the table cell); those messages are returned so the tab shows them — nothing typed
    into the workbook disappears without a word.
    """
    from ui.sandbox import bounded

    p = check_upload(svc, path, XLSX_EXTS)
    try:
        filled = bounded(svc.settings, read_filled, p, name=p.name)
    except ValueError as exc:  # XlsxTemplateError carries a Chinese message
        raise UserError(f"无法读取填好的模板 {p.name}：{exc}") from exc

    def change(proj: Project) -> None:
        proj.report.table2, proj.report.table3, proj.report.table4 = filled.table2, filled.table3, filled.table4
        proj.report.agency = filled.agency or proj.report.agency
        proj.report.year = filled.year or proj.report.year

    messages = [f"Excel 模板：{d.message}" for d in filled.diagnostics]
    return svc.projects.update(pid, change), messages

