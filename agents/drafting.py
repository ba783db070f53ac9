"""Section drafting with a model: retrieval in code, one model call, every number checked, bounded repair.

Flow for sections 一, 五, 六 (tables 二–四 are rendered from data, never written by a model):
1. retrieve this agency's past reports (last year first), peers' reports and the regulation -> quoted as data;
2. render the prompt with the fact sheet (cells with ids, user facts, last year labelled LAST YEAR);
3. call the model; bind every number (``report.claims``); ``contradicts``/``unverifiable`` numbers go back to
   the model as findings, at most ``max_repairs`` rounds; what remains is flagged in the result;
4. any model failure (timeout, connection, 5xx, 429, empty or malformed reply) -> the offline draft, with a
   Chinese ``notice``: nothing is lost.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable, Optional

from prompts import load_prompt
from report.claims import Claim, Fact
from report.model import labels as L
from report.model.errors import CheckUnavailable
from report.model.tables import Report

from .checking import bind, describe, findings_of
from .factsheet import build_factsheet
from .llm import ChatModel, LLMFailure, invoke_text
from .offline import SECTIONS, draft_offline
from .retrieval import gather_passages, quote
from .types import DraftFinding, Searcher, SectionDraft

log = logging.getLogger("nianbao.agents")

GUIDES = {"一": "guide_overview", "五": "guide_problems", "六": "guide_other"}
MAX_REPAIRS = 2


def build_messages(report: Report, section: str, sheet_text: str, passages: Any) -> list:
    from langchain_core.messages import HumanMessage, SystemMessage

    user = load_prompt("draft_section").render(
        agency=report.agency or "本机关",
        year=report.year or "本",
        section_title=L.SECTION_TITLES[section],
        section_guide=load_prompt(GUIDES[section]).render().strip(),
        facts=sheet_text,
        own_passages=quote(passages.own, "（资料库中没有本单位往年的报告）"),
        peer_passages=quote(passages.peers),
        regulation_passages=quote(passages.regulation),
    )
    return [SystemMessage(load_prompt("system_drafting").render().strip()), HumanMessage(user)]


def _fallback(report: Report, section: str, facts: list[Fact], previous: Optional[Report], failure: LLMFailure,
              extra: Iterable[DraftFinding] = ()) -> SectionDraft:
    draft = draft_offline(report, facts, previous, section)
    draft.notice = failure.message
    draft.findings = [DraftFinding(kind="llm", severity="warning", message=failure.message), *extra, *draft.findings]
    return draft


def checked(text: str, report: Report, facts: list[Fact], previous: Optional[Report]) -> list[Claim]:
    """Every number of a model's draft bound and checked; if checking cannot run, drafting stops (fail closed):
    :class:`report.model.errors.CheckUnavailable` with a Chinese message, never an unchecked draft."""
    try:
        return bind(text, report, facts, previous)
    except Exception as exc:
        log.exception("binding the numbers of a draft failed")
        raise CheckUnavailable(f"稿件中的数字未能核对（{type(exc).__name__}），为避免使用未经核对的数字，本次未返回稿件。"
                               "请联系管理员。") from exc


def draft_section(report: Report, section: str, *, facts: Iterable[Fact] = (), previous: Optional[Report] = None,
                  model: Optional[ChatModel] = None, kb: Optional[Searcher] = None,
                  max_repairs: int = MAX_REPAIRS) -> SectionDraft:
    """Draft section 一, 五 or 六; ``model=None`` -> offline templates (mode 'offline')."""
    if section not in SECTIONS:
        raise ValueError(f"只能起草第一、五、六部分（收到：{section}）；第二至四部分的表格由报表数据直接生成。")
    facts = list(facts or [])
    if model is None:
        return draft_offline(report, facts, previous, section)
    from langchain_core.messages import AIMessage, HumanMessage

    passages = gather_passages(kb, report, section)
    sheet_text = build_factsheet(report, facts, previous).render()
    messages = build_messages(report, section, sheet_text, passages)
    try:
        text = invoke_text(model, messages)
    except LLMFailure as failure:
        return _fallback(report, section, facts, previous, failure, passages.findings)

    extra: list[DraftFinding] = list(passages.findings)
    rounds = 0
    claims = checked(text, report, facts, previous)
    bad = findings_of(claims)
    while bad and rounds < max_repairs:
        rounds += 1
        repair = load_prompt("repair").render(findings=describe(bad), draft=text, facts=sheet_text)
        messages = [*messages, AIMessage(text), HumanMessage(repair)]
        try:
            text = invoke_text(model, messages)
        except LLMFailure as failure:
            extra.append(DraftFinding(kind="llm", severity="warning",
                                      message=f"修改数字时{failure.message.split('。')[0]}；以下为未修改的稿件，标出的数字请人工核对。"))
            break
        claims = checked(text, report, facts, previous)
        bad = findings_of(claims)
    return SectionDraft(section=section, title=L.SECTION_TITLES[section], text=text, claims=claims,
                        findings=bad + extra, sources=passages.sources(), mode="online", repair_rounds=rounds)
