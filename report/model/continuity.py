"""Starting this year's report from last year's (X-1 in shared/spec/statutory_tables.md).

This year's 二、上年结转政府信息公开申请数量 row is last year's 四、结转下年度继续办理 row (all 7 columns); the agency
carries over and the reporting year is last year's + 1 when not yet set. Last year's 现行有效件数 is the baseline
of this year's (X-2); :func:`stock_baseline` gives it for display.
"""

from __future__ import annotations

from report.model import labels as L
from report.model.tables import Cell, Report


def apply_previous(report: Report, previous: Report) -> Report:
    """Fill ``report`` in place from ``previous`` and return it; never overwrites with blanks."""
    if not report.agency and previous.agency:
        report.agency = previous.agency
    if report.year is None and previous.year:
        report.year = previous.year + 1
    row = previous.table3.get(L.R_CARRIED_OUT)
    if row and any(v is not None for v in row):
        report.table3[L.R_CARRIED_IN] = list(row)
    return report


def stock_baseline(previous: Report) -> dict[str, Cell]:
    """Last year's 现行有效件数 per document row (规章, 行政规范性文件)."""
    out: dict[str, Cell] = {}
    for row in L.T2_DOC_ROWS:
        val = previous.table2.get(row)
        if isinstance(val, dict):
            out[row] = val.get("现行有效件数")
    return out
