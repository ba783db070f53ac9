"""Cross-year rules: this year's report against last year's (``previous``).

Sources: ``shared/spec/statutory_tables.md`` §4 (X-1, X-2, X-3). Severity of X-1 is **error** here (the issue that
asked for it wins over the spec's "warning": a carry-over that does not match last year's report is a real error
in one of the two reports).
"""

from __future__ import annotations

from typing import Optional

from report.model import labels as L
from report.model.agency import same_agency
from report.model.cells import CellRef
from report.model.findings import Finding
from report.model.numfmt import fmt_number as _n
from report.model.tables import Cell, Report
from report.rules.tables import COLS, cid3

SWING_FACTOR = 3
SWING_MIN = 20  # ignore swings where both years are below this (3 → 10 applications is not news)

_SWING_METRICS: tuple[tuple[CellRef, str], ...] = (
    (CellRef.t3(L.R_NEW), "本年新收政府信息公开申请数量"),
    (CellRef.t4(L.T4_REVIEW), "行政复议案件总计"),
    (CellRef.t4(L.T4_SUIT_DIRECT), "行政诉讼（未经复议直接起诉）总计"),
    (CellRef.t4(L.T4_SUIT_AFTER), "行政诉讼（复议后起诉）总计"),
) + tuple((CellRef.t2(r), f"表二「{r}」") for r in L.T2_SINGLE_ROWS)

_STOCK = "现行有效件数"


def previous_matches(report: Report, previous: Report) -> list[Finding]:
    """X-1 precondition: ``previous`` is the same agency's report for the year before. Warning."""
    out = []
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        out.append(Finding(rule="previous_year", severity="warning", where="跨年度", expected=report.year - 1,
                           actual=previous.year,
                           message=f"用于跨年度核对的上年报告是{previous.year}年度的，而本报告是{report.year}年度；"
                                   f"应与{report.year - 1}年度报告核对。跨年度核对已跳过。"))
    if report.agency and previous.agency and report.agency != previous.agency:
        # the same agency under another spelling (洪泽区人民政府 / 淮安市洪泽区人民政府, 管委会 / 管理委员会) is
        # noted; a different agency is a warning, since every cross-year check would compare two bodies' figures
        if same_agency(report.agency, previous.agency):
            out.append(Finding(rule="previous_agency", severity="info", where="跨年度", expected=report.agency,
                               actual=previous.agency,
                               message=f"上年报告的机关名称写作“{previous.agency}”，本报告写作“{report.agency}”；"
                                       "按机关身份（地区和机关类别）判断为同一机关，请确认。"))
        else:
            out.append(Finding(rule="previous_agency", severity="warning", where="跨年度", expected=report.agency,
                               actual=previous.agency,
                               message=f"上年报告的机关（{previous.agency}）与本报告（{report.agency}）不是同一机关，"
                                       "跨年度核对（上年结转、现行有效件数）可能把两个机关的数字相比：请换用本机关的上年报告。"))
    return out


def carry_over(report: Report, previous: Report) -> list[Finding]:
    """X-1 (commonly checked: S4 ConsistencyValidationService.validateCrossYear, CROSS_YEAR_MISMATCH).

    Per column: this year's 二、上年结转 = last year's 四、结转下年度继续办理. Error (see module docstring).
    """
    cur = report.table3.get(L.R_CARRIED_IN) or ()
    prev = previous.table3.get(L.R_CARRIED_OUT) or ()
    out = []
    for j, col in enumerate(COLS):
        a: Cell = cur[j] if j < len(cur) else None
        b: Cell = prev[j] if j < len(prev) else None
        if a is None or b is None or abs(a - b) < 1e-6:
            continue
        c = cid3(L.R_CARRIED_IN, j)
        out.append(Finding(
            rule="carry_over", severity="error", where=c, expected=b, actual=a, cells=[c],
            message=f"表三「二、上年结转政府信息公开申请数量」「{col}」为 {_n(a)}，但{previous.year or '上'}年度报告"
                    f"「四、结转下年度继续办理」「{col}」为 {_n(b)}。两者应相等，请核对本报告或上年报告。"))
    return out


def _doc_cell(report: Report, row: str, col: str) -> Cell:
    r = report.table2.get(row)
    return r.get(col) if isinstance(r, dict) else None


def stock_continuity(report: Report, previous: Report) -> list[Finding]:
    """X-2 (commonly checked, S4 docs/three-tables-consistency-audit.md; not official).

    For 规章 and 行政规范性文件: 现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y). Legitimate
    breaks exist (expiry of 有效期, 清理, 修改 counted as 制发), so this is a warning that asks for an explanation.
    """
    if report.template != L.TEMPLATE_2021 or previous.template != L.TEMPLATE_2021:
        return []
    out = []
    for row in L.T2_DOC_ROWS:
        issued, repealed, stock = (_doc_cell(report, row, c) for c in L.T2_DOC_COLUMNS)
        before = _doc_cell(previous, row, _STOCK)
        if None in (stock, issued, repealed, before):
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        if abs(expected - stock) < 1e-6:  # type: ignore[operator]
            continue
        c = CellRef("table2", row, _STOCK).id
        out.append(Finding(
            rule="stock_continuity", severity="warning", where=c, expected=expected, actual=stock, cells=[c],
            message=f"表二「{row}」现行有效件数为 {_n(stock)}，但按上年现行有效 {_n(before)} + 本年制发 {_n(issued)} − "
                    f"本年废止 {_n(repealed)} 计算应为 {_n(expected)}。如有到期失效、集中清理等原因，请在正文说明；否则请核对。"))
    return out


def _value(report: Report, ref: CellRef) -> Optional[float]:
    v = report.get(ref)
    return v if isinstance(v, (int, float)) else None


def large_swings(report: Report, previous: Report) -> list[Finding]:
    """X-3-style plausibility (interpretation): a key figure ×3 or ÷3 against last year is worth a sentence. Info."""
    out = []
    for ref, label in _SWING_METRICS:
        cid = ref.id
        a, b = _value(report, ref), _value(previous, ref)
        if a is None or b is None:
            continue
        big, small = max(a, b), min(a, b)
        if big < SWING_MIN or big < SWING_FACTOR * small:
            continue
        trend = "增加" if a > b else "减少"
        ratio = f"{big / small:.1f} 倍" if small else "从 0 起"
        out.append(Finding(
            rule="large_swing", severity="info", where=cid, expected=b, actual=a, cells=[cid],
            message=f"{label}由上年的 {_n(b)} {trend}到 {_n(a)}（{ratio}）。变化较大，请确认数字无误，并在正文简要说明原因。"))
    return out


def cross_year(report: Report, previous: Report) -> list[Finding]:
    """All cross-year rules; skipped (with a warning) when ``previous`` is not last year's report."""
    out = previous_matches(report, previous)
    if any(f.rule == "previous_year" for f in out):
        return out
    return out + carry_over(report, previous) + stock_continuity(report, previous) + large_swings(report, previous)
