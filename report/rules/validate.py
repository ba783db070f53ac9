"""Run every rule on a report: ``validate(report, previous=None, *, mode='audit') -> list[Finding]``.

Findings are sorted by severity (error, warning, info), then in table order: structure and title, 表二, 表三 (row
by row), 表四, then the narrative sections in order, then cross-year findings and parser diagnostics.

``mode='draft'`` (while staff are filling in a report) makes blank cells errors and reports narrative numbers that
could not be tied to a table cell; ``mode='audit'`` (checking a published report) keeps those quieter.
"""

from __future__ import annotations

from typing import Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.findings import BLANK_RULES, SEVERITY_ORDER, Finding
from report.model.tables import Report
from report.rules import meta as RM
from report.rules import table2 as R2
from report.rules import tables as R
from report.rules import text as RT
from report.rules import years as RY

MODES = ("audit", "draft")


def _cell_order() -> dict[str, int]:
    ids: list[str] = []
    for row in L.T2_DOC_ROWS:
        ids += [CellRef("table2", row, c).id for c in L.T2_DOC_COLUMNS]
    ids += [CellRef("table2", row).id for row in L.T2_SINGLE_ROWS]
    rows = list(L.T3_ROWS_2021) + [r for r in L.T3_ROWS_2019 if r not in L.T3_ROWS_2021]
    ids += [CellRef("table3", r, c).id for r in rows for c in L.T3_COLUMNS]
    ids += [CellRef("table4", g, c).id for g in L.T4_GROUPS for c in L.T4_COLUMNS]
    return {c: i for i, c in enumerate(ids)}


_CELL_ORDER = _cell_order()
_PREFIX_RANK = (("结构", 0), ("标题", 0), ("preamble", 0), ("表二", 1), ("表三", 2), ("表四", 3),
                ("sections.", 4), ("closing", 5), ("跨年度", 6), ("解析", 7))
_SECTION_RANK = {k: i for i, k in enumerate(L.SECTION_KEYS)}


def _order(f: Finding) -> tuple[int, int, int]:
    rank = 8
    for prefix, r in _PREFIX_RANK:
        if f.where.startswith(prefix):
            rank = r
            break
    if rank == 4:  # the narrative in section order (a number's table cell does not move it to another section)
        return SEVERITY_ORDER[f.severity], rank, _SECTION_RANK.get(f.where[len("sections."):len("sections.") + 1], 0)
    pos = _CELL_ORDER.get(f.where)
    if pos is None and f.cells:
        pos = _CELL_ORDER.get(f.cells[0])
    return SEVERITY_ORDER[f.severity], rank, pos if pos is not None else 0


def parse_diagnostics(report: Report) -> list[Finding]:
    """Parser diagnostics of severity error (a table that could not be read…) become findings (a section-order
    diagnostic becomes :func:`report.rules.meta.section_order`'s structure finding instead)."""
    return [Finding(rule=f"parse:{d.code}", severity="error", where=d.where or "解析", message=d.message)
            for d in report.diagnostics if d.severity == "error" and d.code not in RM.ORDER_CODES]


def validate(report: Report, previous: Optional[Report] = None, *, mode: str = "audit") -> list[Finding]:
    """Every rule of :mod:`report.rules`, :mod:`report.rules.table2`, :mod:`report.rules.text`, :mod:`report.rules.meta`
    and :mod:`report.rules.years` (when ``previous`` is given), sorted. Never raises on a well-formed Report."""
    if mode not in MODES:
        raise ValueError(f"mode 应为 {' 或 '.join(MODES)}，而不是 {mode!r}")
    out: list[Finding] = []
    out += RT.sections_present(report)
    out += RM.section_order(report)
    out += RT.template_current(report)
    out += RT.year_consistency(report)
    out += RT.period_sentence(report)
    out += R2.table2_values(report, mode)
    out += R2.table2_fee_unit(report)
    out += R2.table2_regulations(report)
    out += R.table3_blanks(report, mode)
    out += R.table3_values(report)
    out += R.table3_balance(report)
    out += R.table3_results_total(report)
    out += R.table3_row_totals(report)
    out += R.table3_misplaced_column(report)
    out += R.table4_blanks(report, mode)
    out += R.table4_values(report)
    out += R.table4_totals(report)
    out += RT.section5_content(report)
    out += RT.section6_info_fee(report)
    out += RT.placeholders(report)
    out += RM.government_items(report)
    out += RM.publication_deadline(report)
    out += RT.narrative_numbers(report, mode, previous)
    if previous is not None:
        out += RY.cross_year(report, previous)
    out += parse_diagnostics(report)
    out = not_the_reports_blanks(report, out)
    out.sort(key=_order)
    return out


def not_the_reports_blanks(report: Report, findings: list[Finding]) -> list[Finding]:
    """A blank the parser could not read (:meth:`Report.unread_cells`) is not the report's blank: blank findings
    wholly about such cells are replaced by one warning naming them, so nothing is blamed on the report."""
    unread = {ref.id for ref in report.unread_cells()}
    if not unread:
        return findings
    kept = [f for f in findings if not (f.rule in BLANK_RULES and f.cells and set(f.cells) <= unread)]
    names = sorted(unread)
    kept.append(Finding(rule="unread_cells", severity="warning", where="解析", expected="原文中的数字", actual=None,
                        cells=names,
                        message=f"有 {len(names)} 个单元格未能从原文读出（解析问题，不是报告留空），未作空白检查，"
                                f"请对照原文核实：{'、'.join(names[:6])}{'等' if len(names) > 6 else ''}。"))
    return kept


def summarise(findings: list[Finding]) -> dict[str, int]:
    """Counts by severity: {'error': n, 'warning': n, 'info': n, 'total': n}."""
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for f in findings:
        counts[f.severity] += 1
    counts["total"] = len(findings)
    return counts
