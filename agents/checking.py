"""Check every number in model-written text against the tables and facts (the model is never the judge).

``report.claims.bind_claims`` binds each number to a cell, a sum of cells or a user fact. On top of it, one thing
only drafting knows about: a number written explicitly as a comparison with last year (上年/去年/同比…) is
accepted when it equals last year's figure or the change on it (``上年/<cell>``, ``比较/<cell>``). Everything else that is not verified becomes a finding.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from report.claims import Claim, Fact, bind_claims
from report.model import Report

from .factsheet import build_factsheet
from .provenance import resolve, same_value
from .types import DraftFinding

_PLACEHOLDER = re.compile(r"【待补充[^】]*】")
_COMPARE = re.compile(r"上年(?!结转)|去年|上一年(?!结转)|同比|较\d{4}年|比\d{4}年")  # 上年结转 is this year's figure


def _comparison_ids(report: Report, previous: Optional[Report]) -> list[str]:
    sheet = build_factsheet(report, (), previous)
    return [ln.id for ln in sheet.by_kind("last_year", "change")]


def bind(text: str, report: Report, facts: Iterable[Fact] = (), previous: Optional[Report] = None) -> list[Claim]:
    """All number claims of ``text`` with status and provenance (cell id, derived expression or fact id)."""
    facts = list(facts or [])
    holes = [m.span() for m in _PLACEHOLDER.finditer(text)]
    # a figure quoted inside 【待补充：…（去年：…320条）】 is a hint for staff, not a statement of the draft; the
    # placeholder itself is an error (rule N-PH) until it is filled in
    claims = [c for c in bind_claims(text, report, facts, previous=previous)
              if not any(a <= c.start < b for a, b in holes)]
    compare_ids = _comparison_ids(report, previous) if previous is not None else []
    for c in claims:
        if c.status == "verified" or not compare_ids:
            continue
        left = text[max(0, c.start - 16):c.start]
        left = re.split(r"[，。；！？\n]", left)[-1]  # the comparison word must precede the number in its clause
        if not _COMPARE.search(left):
            continue
        for pid in compare_ids:
            if same_value(resolve(pid, report, previous, facts), c.value):
                c.status, c.severity, c.cell, c.fact = "verified", "info", pid, None
                c.expected, c.message = c.value, "与上年数据比较的数字，已与上年报告核对一致"
                break
    return claims


def findings_of(claims: list[Claim]) -> list[DraftFinding]:
    out = []
    for c in claims:
        if c.status == "verified":
            continue
        out.append(DraftFinding(
            kind="number", severity="error" if c.status == "contradicts" else "warning",
            message=c.message or ("数字与报表数据不符" if c.status == "contradicts" else "数字在报表和事实中找不到依据"),
            text=c.text, value=c.value, expected=c.expected, cell=c.cell or c.fact))
    return out


def describe(findings: list[DraftFinding]) -> str:
    """Findings as lines for the repair prompt."""
    lines = []
    for i, f in enumerate(findings, 1):
        line = f"{i}. “{f.text}”中的数字 {f.value}：{f.message}"
        if f.expected is not None:
            line += f"（报表/事实中的值为 {f.expected}" + (f"，编号 {f.cell}" if f.cell else "") + "）"
        lines.append(line)
    return "\n".join(lines)
