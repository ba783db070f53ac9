"""Text builder that records where every number it writes comes from (for the offline drafter)."""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from report.claims import Claim
from report.model import fmt_number
from report.model.tables import Report

from .provenance import resolve, same_value
from .types import DraftFinding

_CLAUSE_END = re.compile(r"[。；！？\n]")


class Writer:
    """Append text; ``num()`` writes a number (and unit) and records a claim bound to its provenance id."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.claims: list[Claim] = []
        self._len = 0

    def add(self, s: str) -> "Writer":
        self.parts.append(s)
        self._len += len(s)
        return self

    def num(self, value: int | float, *, cell: Optional[str] = None, fact: Optional[str] = None,
            unit: str = "件") -> "Writer":
        surface = fmt_number(value)
        start = self._len
        self.add(surface + (unit or ""))
        self.claims.append(Claim(text=surface + (unit or ""), value=value, start=start, end=start + len(surface),
                                      status="verified", severity="info", cell=cell, fact=fact, expected=value,
                                      message="数字来自" + ("报表单元格" if cell else "工作人员提供的事实")))
        return self

    def answer(self, text: str, qid: str, skip: int = 0) -> "Writer":
        """Staff's own words, as typed; each number in them is a claim bound to the fact ``<qid>#<n>`` that
        :func:`agents.interview.answers_to_facts` made of it (same order, same extraction; ``skip``: numbers of
        the same answer written before this piece)."""
        from report.claims.numbers import extract_numbers

        base = self._len
        self.add(text)
        for j, m in enumerate(extract_numbers(text), skip + 1):
            self.claims.append(Claim(text=text[m.start:m.end], value=m.value, start=base + m.start,
                                     end=base + m.end, status="verified", severity="info", fact=f"{qid}#{j}",
                                     expected=m.value, message="数字来自工作人员的访谈回答"))
        return self

    def text(self) -> str:
        return "".join(self.parts)

    def finish(self) -> tuple[str, list[Claim]]:
        """Final text; each claim's ``text`` widened to the clause that contains it."""
        text = self.text()
        for c in self.claims:
            left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, c.start)), default=0)
            m = _CLAUSE_END.search(text, c.end)
            right = m.start() if m else len(text)
            c.text = text[left:right].strip("，、 ")
        return text, self.claims


def check_own_claims(claims: list[Claim], report: Report, previous: Optional[Report],
                     facts: Iterable[Any]) -> list[DraftFinding]:
    """Re-resolve every claim's provenance; a mismatch (a bug in a template) becomes a visible finding."""
    out = []
    facts = list(facts or [])
    for c in claims:
        pid = c.fact or c.cell or ""
        actual = resolve(pid, report, previous, facts)
        if not same_value(actual, c.value):
            c.status = "contradicts" if actual is not None else "unverifiable"
            c.severity = "error"
            c.expected = actual
            c.message = f"数字{fmt_number(c.value)}与来源（{pid}）的值{actual}不符"
            out.append(DraftFinding(kind="number", severity="error", message=c.message, text=c.text,
                                    value=c.value, expected=actual, cell=pid))
    return out


def self_name(agency: Optional[str]) -> str:
    """How the agency refers to itself in its report: 我区 / 我县 / 我市 / 我局 …"""
    a = (agency or "").strip()
    if not a:
        return "本机关"
    a = re.sub(r"（.*?）|\(.*?\)", "", a)
    for suffix, name in (("区人民政府", "我区"), ("县人民政府", "我县"), ("市人民政府", "我市"),
                         ("镇人民政府", "我镇"), ("乡人民政府", "我乡"), ("旗人民政府", "我旗"),
                         ("街道办事处", "我街道"), ("管理委员会", "我区"), ("管委会", "我区"),
                         ("省人民政府", "我省"), ("局", "我局"), ("委员会", "我委"), ("办公室", "我办"),
                         ("厅", "我厅"), ("中心", "我中心")):
        if a.endswith(suffix):
            return name
    return "本机关"


def is_government(agency: Optional[str]) -> bool:
    a = agency or ""
    return "人民政府" in a or "管理委员会" in a or "管委会" in a
