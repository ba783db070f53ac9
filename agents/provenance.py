"""Resolve a provenance id (cell id, derived expression, last-year cell, user fact id) back to its value.

Used to re-check every number a draft carries: the offline drafter's own claims, the last-year comparisons a
model writes, and the chat's "这段话的数字对吗". Id forms (see :mod:`agents.factsheet`):
``表三/<row>/<col>``; ``A + B + …`` (sum of cells); ``表三/<row>/法人或其他组织（…）``; ``上年/<cell id>``;
``比较/<cell id>`` (absolute percent change on last year, 1 decimal); ``报告年度``; a user fact id.
A sum with a blank cell is unknown (``None``), as in :func:`report.model.sum_cells` — the checker agrees.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from report.model import Report, sum_cells, try_parse
from report.model import labels as L

from .factsheet import GROUP_WILDCARD, LAST_YEAR, group_sum, org_sum, percent_change

Value = Optional[float]


def _cell(report: Optional[Report], cid: str) -> Value:
    """The value of a cell id (``None`` for a blank cell, or when ``cid`` names no cell)."""
    ref = try_parse(cid)
    return report.get(ref) if report is not None and ref is not None else None


def resolve(pid: str, report: Report, previous: Optional[Report] = None, facts: Iterable[Any] = ()) -> Value:
    """The value the id stands for, or None when it names nothing known."""
    pid = (pid or "").strip()
    if not pid:
        return None
    for f in facts or []:
        if f.id == pid:
            return f.value
    if pid == "报告年度":
        return report.year
    if pid.startswith(LAST_YEAR + "/"):
        return _cell(previous, pid[len(LAST_YEAR) + 1:])
    if pid.startswith("比较/"):
        cid = pid[3:]
        now, before = _cell(report, cid), _cell(previous, cid)
        if now is None or before is None:
            return None
        pct = percent_change(now, before)
        return abs(pct) if pct is not None else None
    if f"/{GROUP_WILDCARD}/" in pid:
        group = pid.split("/")[2]
        return group_sum(report, group)
    if "法人或其他组织（" in pid:
        row = pid.split("/", 1)[1].rsplit("/", 1)[0]
        return org_sum(report, row)
    if " + " in pid:  # a sum of cells: unknown when any of them is blank (report.model.sum_cells)
        return sum_cells(_cell(report, p) for p in pid.split(" + "))
    return _cell(report, pid)


def same_value(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    try:
        return abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(b)))
    except (TypeError, ValueError):
        return False


def known_values(report: Report, previous: Optional[Report] = None, facts: Iterable[Any] = ()) -> set[float]:
    """Every value a correct draft may contain: cells, derived sums, last year's key cells, changes, facts."""
    from .factsheet import build_factsheet

    out = {float(v) for _, v in report.cells() if v is not None}
    for ln in build_factsheet(report, facts, previous).lines:
        out.add(float(ln.value))
    for group in L.t3_groups(report.template):
        s = group_sum(report, group)
        if s is not None:
            out.add(float(s))
    return out
