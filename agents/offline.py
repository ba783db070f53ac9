"""Offline drafter: the standard sentences of sections 一, 五 and 六 written from the tables and facts, no LLM.

Every number is written through :class:`agents.writer.Writer`, so it carries its provenance (a cell id, a
derived expression or a fact id) and is re-resolved before the draft is returned. The wording varies with what the
data shows (no applications, rise or fall on last year, corrected review cases, fees charged or not); sentences
that state things the tables cannot know are listed in ``findings`` for staff to confirm.

Split along the sections: :mod:`agents.offline_one` (一, table-driven sub-parts), :mod:`agents.offline_five_six`
(五 and 六), :mod:`agents.offline_parts` (placeholder, answers in place, user facts routed); the sentence
templates are in :mod:`agents.offline_text`.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from report.model import labels as L
from report.model.tables import Report

from .interview import Interview, build_interview
from .offline_five_six import repeats, section_five, section_six
from .offline_one import section_one
from .profiles import Profile, classify
from .types import DraftFinding, SectionDraft
from .writer import Writer, check_own_claims

__all__ = ["SECTIONS", "draft_offline", "repeats"]

SECTIONS = ("一", "五", "六")

_WRITERS = {"一": section_one, "五": section_five, "六": section_six}


def draft_offline(report: Report, facts: Iterable[Any] = (), previous: Optional[Report] = None,
                  section: str = "一", *, interview: Optional[Interview] = None,
                  profile: Optional[Profile] = None) -> SectionDraft:
    """Deterministic draft of one section (一, 五 or 六); ValueError with a Chinese message for other sections."""
    if section not in _WRITERS:
        raise ValueError(f"只能起草第一、五、六部分（收到：{section}）；第二至四部分的表格由报表数据直接生成。")
    prof = profile or classify(report)
    iv = interview if interview is not None else build_interview(report, previous, prof)
    answer_facts, _texts = iv.facts()
    facts = list(facts or [])
    fact_ids = {f.id: f for f in answer_facts}
    all_facts = facts + answer_facts
    w, findings = Writer(), list[DraftFinding]()
    _WRITERS[section](report, previous, facts, w, findings, iv, prof, fact_ids)
    text, claims = w.finish()
    findings = check_own_claims(claims, report, previous, all_facts) + findings
    n_ph = text.count("【待补充")
    if n_ph:
        findings.append(DraftFinding(kind="input", severity="warning",
                                     message=f"稿件中有 {n_ph} 处【待补充】：请在访谈中回答或直接填写，补齐前文档为草稿。"))
    return SectionDraft(section=section, title=L.SECTION_TITLES[section], text=text.strip(), claims=claims,
                        findings=findings, sources=[], mode="offline")
