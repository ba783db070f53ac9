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
from report.claims.facts import TextFact
from report.model import labels as L
from report.model.errors import CheckUnavailable
from report.model.tables import Report

from .checking import bind, describe, findings_of
from .factsheet import build_factsheet
from .interview import SUBPARTS, Interview, build_interview
from .llm import ChatModel, LLMFailure, invoke_text
from .offline import SECTIONS, draft_offline
from .offline_hints import describe as describe_profile
from .profiles import Profile, classify
from .retrieval import gather_passages, quote
from .types import DraftFinding, Searcher, SectionDraft

log = logging.getLogger("nianbao.agents")

GUIDES = {"一": "guide_overview", "五": "guide_problems", "六": "guide_other"}
MAX_REPAIRS = 2


def section_requirements(section: str, profile: Profile) -> str:
    """What the format notice (国办公开办函〔2021〕30号) and 条例第五十条 require of the section, for this profile."""
    text = load_prompt(f"requirements_{ {'一': 'one', '五': 'five', '六': 'six'}[section] }").render().strip()
    if section == "一" and profile.is_government:
        text += "\n- 本机关是人民政府：监督保障部分须写明工作考核、社会评议和责任追究结果情况（条例第五十条第四项）。"
    if section == "一" and not profile.makes_rules:
        text += "\n- 本机关不制定规章：不要写规章。"
    if section == "一" and not profile.own_portal:
        text += "\n- 不要声称本机关有自己的门户网站，除非访谈回答这样说。"
    return text


def interview_text(iv: Interview, section: str, text_facts: list[TextFact]) -> str:
    by_id = {t.id: t for t in text_facts}
    lines = []
    for q in iv.of(section):
        a = iv.answer(q.id)
        shown = (by_id[q.id].text if q.id in by_id else a) if a is not None else "（未回答：写【待补充：…】）"
        lines.append(f"[{q.id}] （{q.subpart}）{q.question} 回答：{shown}")
    return "\n".join(lines) or "（无访谈问题）"


def last_year_section(iv: Interview, section: str, own_passages: Any = ()) -> str:
    """Last year's own text of the section (``--previous``), else this agency's past passages from the knowledge
    base; quoted as data (delimiter look-alikes defused)."""
    if section == "一":
        parts = [f"{iv.outline.get(sp, sp)}：\n{t}" for sp, t in iv.last_year_text.items()
                 if sp in ("综述", *SUBPARTS) and t]
        text = "\n".join(parts)
    else:
        text = iv.last_year_text.get(section) or ""
    if not text.strip():
        return quote(list(own_passages or []), "（资料库中没有本单位往年的报告）")
    return text.replace("<<<", "《").replace(">>>", "》")


def build_messages(report: Report, section: str, sheet_text: str, passages: Any, *, iv: Optional[Interview] = None,
                   profile: Optional[Profile] = None, text_facts: Optional[list[TextFact]] = None) -> list:
    from langchain_core.messages import HumanMessage, SystemMessage

    prof = profile or classify(report)
    iv = iv if iv is not None else build_interview(report, None, prof)
    problems = "\n".join(f"{i}. {p}" for i, p in enumerate(iv.problems_last_year, 1)) or "（无）"
    user = load_prompt("draft_section").render(
        requirements=section_requirements(section, prof),
        profile=describe_profile(report, prof),
        last_year_text=last_year_section(iv, section, passages.own),
        last_year_problems=problems,
        interview=interview_text(iv, section, list(text_facts or [])),
        agency=report.agency or "本机关",
        year=report.year or "本",
        section_title=L.SECTION_TITLES[section],
        section_guide=load_prompt(GUIDES[section]).render().strip(),
        facts=sheet_text,
        peer_passages=quote(passages.peers),
        regulation_passages=quote(passages.regulation),
    )
    return [SystemMessage(load_prompt("system_drafting").render().strip()), HumanMessage(user)]


def _fallback(report: Report, section: str, facts: list[Fact], previous: Optional[Report], failure: LLMFailure,
              extra: Iterable[DraftFinding] = (), *, iv: Optional[Interview] = None,
              prof: Optional[Profile] = None) -> SectionDraft:
    draft = draft_offline(report, facts, previous, section, interview=iv, profile=prof)
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
                  max_repairs: int = MAX_REPAIRS, answers: Optional[dict[str, Any]] = None,
                  profile: Optional[Profile] = None) -> SectionDraft:
    """Draft section 一, 五 or 六; ``model=None`` -> offline templates (mode 'offline').

    ``answers`` (question id -> text or number) are the interview answers (:mod:`agents.interview`); each becomes a
    fact the draft cites and the checker binds. ``profile`` overrides the agency profile read from the name."""
    if section not in SECTIONS:
        raise ValueError(f"只能起草第一、五、六部分（收到：{section}）；第二至四部分的表格由报表数据直接生成。")
    facts = list(facts or [])
    prof = profile or classify(report)
    iv = build_interview(report, previous, prof)
    iv.answers = iv.matching(dict(answers or {}))  # an answer saved for another question under this id waits
    answer_facts, text_facts = iv.facts()
    if model is None:
        return draft_offline(report, facts, previous, section, interview=iv, profile=prof)
    base_facts = list(facts)
    facts = facts + answer_facts
    from langchain_core.messages import AIMessage, HumanMessage

    passages = gather_passages(kb, report, section)
    sheet_text = build_factsheet(report, facts, previous).render()
    messages = build_messages(report, section, sheet_text, passages, iv=iv, profile=prof, text_facts=text_facts)
    try:
        text = invoke_text(model, messages)
    except LLMFailure as failure:
        return _fallback(report, section, base_facts, previous, failure, passages.findings, iv=iv, prof=prof)

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
