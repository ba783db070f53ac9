"""Markdown output of an annual report, and the statutory tables as plain rows for grids in the UI.

- :func:`to_markdown`: title, preamble, the six sections with their official titles, 表二–表四 as Markdown
  tables (a blank cell stays empty, never 0), closing.
- ``tableN_frame(report) -> (headers, rows)`` and ``apply_tableN_frame(report, rows) -> Report``: the tables as
  lists of rows for an editable grid, and back. The UI holds no domain logic: it shows the rows and hands the
  edited rows back; unreadable entries become blank cells plus a Chinese diagnostic naming the cell.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.numfmt import fmt_number
from report.model.tables import BLANK_MARKS, Cell, Diagnostic, Report, clean_number

ROW_HEADER = "项目"  # first column of the editable grids (row label)
GRID_DIAGNOSTIC = "grid_not_a_number"


_UNSAFE_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:(?:[^()]|\([^()]*\))*\)", re.I)
_UNSAFE_SCHEME = re.compile(r"\b(javascript|vbscript)\s*:", re.I)


def safe_text(text: str) -> str:
    """Report text as inert Markdown: raw HTML is escaped (``<script>`` shows as text, never runs) and links to
    ``javascript:``/``vbscript:``/``data:`` keep only their label."""
    text = _UNSAFE_LINK.sub(lambda m: m.group(1), text)
    text = _UNSAFE_SCHEME.sub(lambda m: f"{m.group(1)}&#58;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _md_escape(value: Any) -> str:
    text = value if isinstance(value, str) else fmt_number(value, blank="")
    return safe_text(text).replace("|", "\\|").replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_md_escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return out


def _t2_markdown(report: Report) -> list[str]:
    """表二 as one small table per 第二十条 item, as the template groups it."""
    out: list[str] = []
    for item, rows in _t2_items(report.template):
        cols = rows[0][1]
        out += ["", f"**{item}**", ""]
        body = [[row] + [fmt_number(report.get(ref), blank="") for ref in refs] for row, _, refs in rows]
        out += _md_table([L.T2_CONTENT_HEADER, *cols], body)
    return out


def _t2_items(template: str) -> list[tuple[str, list[tuple[str, tuple[str, ...], list[CellRef]]]]]:
    """[(item, [(row, column labels, value refs)…])…] for either template."""
    items: dict[str, list[tuple[str, tuple[str, ...], list[CellRef]]]] = {}
    if template == L.TEMPLATE_2019:
        for row, cols in L.T2_2019.items():
            refs = [CellRef("table2", row, c) for c in cols]
            items.setdefault(L.T2_2019_ITEM_OF[row], []).append((row, cols, refs))
    else:
        for row in L.T2_DOC_ROWS:
            refs = [CellRef("table2", row, c) for c in L.T2_DOC_COLUMNS]
            items.setdefault(L.T2_ITEM_OF[row], []).append((row, L.T2_DOC_COLUMNS, refs))
        for row in L.T2_SINGLE_ROWS:
            items.setdefault(L.T2_ITEM_OF[row], []).append((row, (L.T2_SINGLE_COLUMN[row],), [CellRef("table2", row)]))
    return list(items.items())


def report_title(report: Report) -> str:
    """The report's own title, else ``{agency}{year}年政府信息公开工作年度报告`` with placeholders when unknown."""
    if report.title:
        return report.title
    agency = report.agency or "（机关名称）"
    year = f"{report.year}年" if report.year else "（年度）"
    return f"{agency}{year}政府信息公开工作年度报告"


def to_markdown(report: Report) -> str:
    """The whole report as Markdown (GitHub tables)."""
    out = [f"# {safe_text(report_title(report))}", ""]
    if report.preamble.strip():
        out += [safe_text(report.preamble.strip()), ""]
    for key in L.SECTION_KEYS:
        out += [f"## {L.SECTION_TITLES[key]}", ""]
        text = (report.sections.get(key) or "").strip()
        if text:
            out += [safe_text(text), ""]
        if key == "二":
            out += _t2_markdown(report)[1:] + [""]
        elif key == "三":
            headers, rows = table3_frame(report)
            out += [L.T3_IDENTITY_NOTE, ""]
            out += _md_table([""] + headers[1:], rows) + [""]
        elif key == "四":
            headers, rows = table4_frame(report)
            out += _md_table([""] + headers[1:], rows) + [""]
    if report.closing.strip():
        out += [safe_text(report.closing.strip()), ""]
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------- editable grids
def table3_frame(report: Report) -> tuple[list[str], list[list[Any]]]:
    """表三 as (headers, rows): ``[项目, 自然人, …, 总计]`` and one row per row path: ``[label, 7 values]``.

    The label is the full row path with ' / ' between levels (unique per row); values are numbers or None.
    """
    headers = [ROW_HEADER, *L.T3_COLUMNS]
    rows = []
    for path in L.t3_rows(report.template):
        rows.append([_row_label(path), *_padded(report.table3.get(path), len(L.T3_COLUMNS))])
    return headers, rows


def table4_frame(report: Report) -> tuple[list[str], list[list[Any]]]:
    """表四 as (headers, rows): ``[项目, 结果维持, …, 总计]`` and one row per group (行政复议, 行政诉讼×2)."""
    headers = [ROW_HEADER, *L.T4_COLUMNS]
    rows = [[L.T4_GROUP_TITLES[g], *_padded(report.table4.get(g), len(L.T4_COLUMNS))] for g in L.T4_GROUPS]
    return headers, rows


def table2_frame(report: Report) -> tuple[list[str], list[list[Any]]]:
    """表二 as (headers, rows): ``[项目, 栏目, 数值]``, one row per cell (the table's columns differ by row)."""
    rows = []
    for _item, entries in _t2_items(report.template):
        for row, cols, refs in entries:
            for col, ref in zip(cols, refs):
                rows.append([row, col, report.get(ref)])
    return [ROW_HEADER, "栏目", "数值"], rows


def _padded(values: Optional[list[Cell]], n: int) -> list[Cell]:
    """Exactly n values: a missing or short row is padded with blanks (None)."""
    values = list(values or [])[:n]
    return values + [None] * (n - len(values))


def _row_label(path: str) -> str:
    return " / ".join(path.split("/"))


def _as_rows(rows: Any) -> list[list[Any]]:
    """Accept a list of lists or anything with ``.values.tolist()`` (a pandas DataFrame from a UI grid)."""
    if hasattr(rows, "values") and hasattr(rows.values, "tolist"):
        rows = rows.values.tolist()
    return [list(r) for r in (rows or [])]


def _read_cell(raw: Any, where: str, problems: list[Diagnostic]) -> Cell:
    """A grid entry -> number or None; anything that is neither blank nor a number yields a diagnostic."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw != raw:  # NaN from an emptied pandas cell
        return None
    value = clean_number(raw)
    if value is None and str(raw).strip() not in BLANK_MARKS:
        problems.append(
            Diagnostic(
                code=GRID_DIAGNOSTIC,
                severity="error",
                message=f"{where} 填写的“{str(raw).strip()}”不是数字，已按空白处理，请改为数字或留空。",
                where=where,
            )
        )
    return value


def _apply(report: Report, entries: Iterable[tuple[CellRef, Any]]) -> Report:
    out = report.model_copy(deep=True)
    out.diagnostics = [d for d in out.diagnostics if d.code != GRID_DIAGNOSTIC]
    problems: list[Diagnostic] = []
    for ref, raw in entries:
        out.set(ref, _read_cell(raw, ref.id, problems))
    out.diagnostics.extend(problems)
    return out


def _match_rows(rows: list[list[Any]], labels: list[str], what: str) -> list[list[Any]]:
    """Rows by their label when it matches, else by position; a wrong row count is refused."""
    if len(rows) != len(labels):
        raise ValueError(f"{what}应有{len(labels)}行，收到{len(rows)}行；请不要增删表格行。")
    by_label = {str(r[0]).strip(): r for r in rows if r}
    return [by_label.get(lab, rows[i]) for i, lab in enumerate(labels)]


def apply_table3_frame(report: Report, rows: Any) -> Report:
    """A copy of ``report`` with 表三 replaced by the grid rows from :func:`table3_frame` (edited)."""
    paths = L.t3_rows(report.template)
    matched = _match_rows(_as_rows(rows), [_row_label(p) for p in paths], "表三")
    entries = []
    for path, row in zip(paths, matched):
        values = list(row[1:]) + [None] * len(L.T3_COLUMNS)
        entries += [(CellRef("table3", path, col), values[j]) for j, col in enumerate(L.T3_COLUMNS)]
    return _apply(report, entries)


def apply_table4_frame(report: Report, rows: Any) -> Report:
    """A copy of ``report`` with 表四 replaced by the grid rows from :func:`table4_frame` (edited)."""
    matched = _match_rows(_as_rows(rows), [L.T4_GROUP_TITLES[g] for g in L.T4_GROUPS], "表四")
    entries = []
    for group, row in zip(L.T4_GROUPS, matched):
        values = list(row[1:]) + [None] * len(L.T4_COLUMNS)
        entries += [(CellRef("table4", group, col), values[j]) for j, col in enumerate(L.T4_COLUMNS)]
    return _apply(report, entries)


def apply_table2_frame(report: Report, rows: Any) -> Report:
    """A copy of ``report`` with 表二 replaced by the grid rows from :func:`table2_frame` (edited)."""
    refs = [ref for _i, entries in _t2_items(report.template) for _r, _c, rs in entries for ref in rs]
    got = _as_rows(rows)
    if len(got) != len(refs):
        raise ValueError(f"表二应有{len(refs)}行，收到{len(got)}行；请不要增删表格行。")
    return _apply(report, [(ref, row[2] if len(row) > 2 else None) for ref, row in zip(refs, got)])
