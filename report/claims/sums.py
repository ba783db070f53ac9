"""Arithmetic inside one sentence of narrative (statutory_tables.md N-2): breakdowns and percent lists.

- ``共发布6352条，其中政务动态3517条，……专题专栏407条``: the parts after 其中 that share the total's unit (at least
  two of them) must add up to the total. A sum above or below the total is a warning (N-2; the list
  may overlap or be partial on purpose).
- ``其中……占18.95%，……，其它占2.04%``: three or more percentages after 其中, one of them for 其他/其它, must add up
  to 100 % within rounding (half a unit of the last decimal place per item).

Returns plain :class:`SumCheck` records; :mod:`report.claims` turns them into claims.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Union

from report.claims.numbers import NumberMention
from report.model.numfmt import fmt_number

Number = Union[int, float]


class SumCheck(NamedTuple):
    mention: NumberMention
    ok: bool
    severity: str
    expected: Optional[Number]
    expr: str
    message: str
    parts: tuple[NumberMention, ...] = ()  # the part mentions of a breakdown (empty for percent lists)


def _fmt(v: Number) -> str:
    """A sum computed here, rounded where it is computed (6 decimals), printed by the one formatter."""
    return fmt_number(round(v, 6))


def _decimals(m: NumberMention) -> int:
    digits = re.sub(r"[^\d.]", "", m.surface)
    return len(digits.split(".")[1]) if "." in digits else 0


def sum_checks(text: str, s0: int, s1: int, mentions: list[NumberMention]) -> list[SumCheck]:
    out: list[SumCheck] = []
    for hit in re.finditer("其中", text[s0:s1]):
        p = s0 + hit.start()
        before = [m for m in mentions if m.end <= p]
        after = [m for m in mentions if m.start >= p]
        if not after:
            continue
        percents = [m for m in after if m.kind == "percent"]
        if len(percents) >= 3 and any(re.search(r"其[他它]", text[max(s0, m.start - 12):m.start]) for m in percents):
            total = sum(m.value for m in percents)
            tol = 0.5 * 10 ** -max(_decimals(m) for m in percents) * len(percents) + 1e-9
            ok = abs(total - 100) <= tol
            expr = " + ".join(_fmt(m.value) for m in percents) + " = 100%"
            for m in percents:
                exp = round(100 - (total - m.value), 6)
                msg = (f"“{m.surface.strip()}”所在的百分比分项合计为 {_fmt(total)}%，" +
                       ("在四舍五入误差内等于100%。" if ok else f"不等于100%，请核对各项（本项应约为 {_fmt(exp)}%）。"))
                out.append(SumCheck(m, ok, "info" if ok else "error", exp, expr, msg))
            continue
        if not before:
            continue
        tot = before[-1]
        if tot.kind == "percent" or tot.unit is None:
            continue
        parts = [m for m in after if m.unit == tot.unit]
        if len(parts) < 2:
            continue
        total = sum(m.value for m in parts)
        ok = abs(total - tot.value) < 1e-6
        expr = "分项之和 " + " + ".join(_fmt(m.value) for m in parts)
        if ok:
            msg = f"“{tot.surface.strip()}”等于其后所列 {len(parts)} 个分项之和。"
            sev = "info"
        elif total > tot.value:
            msg = f"“{tot.surface.strip()}”小于其后所列分项之和 {_fmt(total)}{tot.unit}，总数或分项有误，请核对。"
            sev = "warning"  # statutory_tables.md N-2: breakdowns are warnings (a list may overlap or mix metrics)
        else:
            msg = (f"“{tot.surface.strip()}”与其后所列分项之和 {_fmt(total)}{tot.unit} 不一致（分项少 "
                   f"{_fmt(tot.value - total)}{tot.unit}）；如分项未列全，请写明“等”或补全。")
            sev = "warning"
        out.append(SumCheck(tot, ok, sev, total, expr, msg, tuple(parts)))
    return out
