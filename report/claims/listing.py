"""Every narrative number of a whole report, section by section: the one function behind ``report claims``,
``report audit`` (rule ``narrative_number``), :func:`report.usecases.check_text` and the drafting repair loop
(which binds a draft's text with :func:`report.claims.bind_claims` directly).

- :func:`report_claims` → list of :class:`SectionClaim` (section key + :class:`report.claims.Claim`);
- :func:`claim_record` → the JSON object of ``report claims --json``: ``{"section", "start", "end", "value", "unit",
  "text", "status", "cells": [[table, row, column], …], "reason"}`` (``cells`` uses the interchange keys);
- :func:`format_listing` → the readable Chinese listing.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from report.claims.binder import Claim, bind_claims
from report.claims.facts import Fact
from report.claims.years import preamble_years
from report.model import labels as L
from report.model.cells import try_parse
from report.model.numfmt import fmt_number
from report.model.tables import Report

_TITLES = {"preamble": "导语（一、之前）", "closing": "落款"}
STATUS_LABELS = {"verified": "一致", "contradicts": "矛盾", "unverifiable": "无法核对"}


class SectionClaim(NamedTuple):
    section: str  # 一…六, or "preamble" / "closing"
    claim: Claim


def report_claims(report: Report, previous: Optional[Report] = None,
                  facts: Optional[list[Fact]] = None) -> list[SectionClaim]:
    """One claim per number mention of every section (offsets into that section's text), in document order."""
    out: list[SectionClaim] = []
    # the preamble (before 一、): only the years naming the report and its period are checked
    for st in preamble_years(report.preamble or "", report.year):
        out.append(SectionClaim("preamble", Claim(text=st.clause, value=st.year, start=st.start, end=st.end,
                                                  status="contradicts", severity="warning", expected=report.year,
                                                  message=st.message, unit="年")))
    for key in L.SECTION_KEYS:
        text = report.sections.get(key, "")
        if text.strip():
            out += [SectionClaim(key, c) for c in bind_claims(text, report, facts, previous=previous)]
    return out


def _cell_keys(cell_id: str) -> Optional[list[str]]:
    ref = try_parse(cell_id)
    if ref is None:
        return None
    return [ref.table, ref.row] + ([ref.column] if ref.column else [])


def claim_record(item: SectionClaim) -> dict[str, Any]:
    c = item.claim
    cells = [k for k in (_cell_keys(x) for x in c.cells) if k is not None]
    return {"section": item.section, "start": c.start, "end": c.end, "value": c.value, "unit": c.unit,
            "text": c.text, "status": c.status, "severity": c.severity, "cells": cells,
            "expected": c.expected, "fact": c.fact, "reason": c.message}


def format_listing(items: list[SectionClaim], report: Report) -> str:
    """Readable Chinese: one line per number, grouped by section, and the counts by status."""
    head = f"{report.agency or '（未识别机关）'} {str(report.year) + '年度' if report.year else '（未识别年度）'}"
    lines = [f"报告：{head}"]
    counts = dict.fromkeys(STATUS_LABELS, 0)
    section = None
    for it in items:
        c = it.claim
        counts[c.status] += 1
        if it.section != section:
            section = it.section
            lines.append(f"\n{_TITLES.get(section) or L.SECTION_TITLES.get(section, section)}")
        unit = c.unit or ""
        mark = STATUS_LABELS[c.status] + ("（警告）" if c.status == "contradicts" and c.severity == "warning" else "")
        lines.append(f"  [{mark}] {fmt_number(c.value)}{unit}  “{c.text}”")
        lines.append(f"      {c.message}")
    if not items:
        lines.append("正文中没有可核对的数字。")
    lines.append("\n合计：" + "，".join(f"{STATUS_LABELS[k]} {n} 个" for k, n in counts.items()))
    return "\n".join(lines)
