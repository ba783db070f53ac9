"""The interview: questions built from last year's report, answers turned into facts the draft cites.

Questions, per sub-part of 一 (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障), for 五 and for 六:

- each figure of last year's text that is not a table cell (``report.claims.bind_claims`` finds it unverifiable
  against last year's tables) -> a number question showing last year's clause (「去年：全年发布政策解读117篇。今年？」);
- each named work item of last year's text (a 《document》, a “named” action, an organised event) -> a text question;
- each problem last year's 五 states -> 「整改情况？」; then this year's problems and measures;
- what the profile requires and last year did not mention (考核、评议、责任追究 for governments, 信息处理费,
  落实工作要点, 建议提案办理结果公开, 创新…).

Answers (``{question id: text or number}``) become facts: a number -> :class:`report.claims.facts.Fact` (bound by
the checker), a text -> :class:`report.claims.facts.TextFact` (cited by id), and every number inside a text answer a
``Fact`` of its own (``<id>#1``…), so the checker can bind it too.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

from report.claims import bind_claims
from report.claims.facts import Fact, FactError, TextFact, read_number
from report.claims.numbers import extract_numbers
from report.model.tables import Report

from .last_year_text import SUBPARTS, problem_key, sentences, split_overview, split_problems
from .profiles import Profile, classify

_WORK_ITEM = re.compile(r"《[^》]{2,40}》|“[^”]{2,30}”|举办|召开|开展|印发|出台|上线|开设|建立|组织")
_PLAIN_NUMBER = re.compile(r"\s*约?[\d,，.]+\s*[个件条篇次场期人项家万亿元%]{0,3}\s*")


@dataclass
class Question:
    id: str
    section: str  # 一 | 五 | 六
    subpart: str  # a sub-part of 一, or 整改情况/存在问题/改进措施 (五), or a topic of 六
    question: str
    last_year: str = ""
    kind: str = "text"  # number | text
    label: str = ""  # short name the fact takes
    unit: str = ""
    template: str = ""  # last year's clause; the answer number replaces its figure
    figure: str = ""  # the figure's surface in ``template``
    required: bool = True
    key: str = ""  # what the question asks about, whatever its id: a base topic or last year's own clause

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "section": self.section, "subpart": self.subpart, "question": self.question,
                "last_year": self.last_year, "kind": self.kind}


@dataclass
class Interview:
    questions: list[Question] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)
    problems_last_year: list[str] = field(default_factory=list)
    outline: dict[str, str] = field(default_factory=dict)  # sub-part -> last year's heading
    last_year_text: dict[str, str] = field(default_factory=dict)  # sub-part / 五 / 六 -> last year's text

    def of(self, section: str, subpart: Optional[str] = None) -> list[Question]:
        return [q for q in self.questions if q.section == section and (subpart is None or q.subpart == subpart)]

    def answer(self, qid: str) -> Any:
        a = self.answers.get(qid)
        return None if a is None or (isinstance(a, str) and not a.strip()) else a

    def facts(self) -> tuple[list[Fact], list[TextFact]]:
        return answers_to_facts(self.questions, self.answers)

    def matching(self, stored: dict[str, Any]) -> dict[str, Any]:
        """The stored answers that belong to this interview's questions. An answer saved with the fingerprint of
        its question (``#<id>``, :meth:`fingerprints`) is applied only while that id asks the same question: when
        another last-year report renumbers the derived questions, it waits in the store instead of answering
        another question. Answers without a fingerprint (an answers file) apply by id."""
        by_id = {q.id: q for q in self.questions}
        out: dict[str, Any] = {}
        for qid, value in stored.items():
            if qid.startswith(FINGERPRINT):
                continue
            q, fp = by_id.get(qid), stored.get(FINGERPRINT + qid)
            if q is not None and fp is not None and fp != fingerprint(q):
                continue
            out[qid] = value
        return out

    def fingerprints(self, qids: Any) -> dict[str, str]:
        """``{"#<id>": fingerprint}`` for answers being saved."""
        by_id = {q.id: q for q in self.questions}
        return {FINGERPRINT + qid: fingerprint(by_id[qid]) for qid in qids if qid in by_id}


FINGERPRINT = "#"


def fingerprint(q: Question) -> str:
    """What a question asks, as a short stable code (its section and its key or label)."""
    return hashlib.sha1(f"{q.section}|{q.key or q.label or q.question}".encode()).hexdigest()[:12]


# ------------------------------------------------------------------ questions
def _unit_after(clause: str, end: int) -> str:
    m = re.match(r"[个件条篇次场期人项家万亿元%]+", clause[end:])
    return m.group(0) if m else ""


def _figure_questions(sp: str, text: str, previous: Report, prefix: str) -> list[Question]:
    out: list[Question] = []
    seen: set[str] = set()
    for c in bind_claims(text, previous, []):
        if c.status != "unverifiable":
            continue
        after = text[c.end:c.end + 2]
        if after[:1] in "年月日" and (after[:1] != "年" or 1990 <= c.value <= 2100):
            continue
        clause = c.text.strip().rstrip("。；，")
        if not clause or clause in seen or len(clause) > 80:
            continue
        seen.add(clause)
        label = re.sub(r"[\d,，.]+[个件条篇次场期人项家万亿元%]*", "", clause).strip("，。；、 ")[:30] or sp
        pos = clause.find(text[c.start:c.end]) if text[c.start:c.end] else -1
        unit = _unit_after(clause, pos + (c.end - c.start)) if pos >= 0 else ""
        surface = text[c.start:c.end]
        m = re.match(r"约?[\d,，.]+", surface)
        figure = m.group(0) if m else surface
        unit = surface[len(figure):] if m else unit
        template = clause if figure and clause.count(surface) == 1 else ""
        out.append(Question(id=f"{prefix}.{len(out) + 1}", section="一", subpart=sp,
                            question=f"去年：{clause}。今年？", last_year=clause, kind="number",
                            label=label, unit=unit, template=template, figure=figure))
    return out


def _work_item_questions(sp: str, text: str, start: int, prefix: str, limit: int = 3) -> list[Question]:
    out: list[Question] = []
    for s in sentences(text):
        if re.search(r"\d", s) or not _WORK_ITEM.search(s) or len(s) < 10:
            continue
        s = s.rstrip("。；")
        out.append(Question(id=f"{prefix}.{start + len(out) + 1}", section="一", subpart=sp,
                            question=f"去年：{s[:80]}。今年这项工作做了什么？", last_year=s[:120], kind="text",
                            label=s[:20], required=False))
        if len(out) >= limit:
            break
    return out


# The base topics of each sub-part, in the order of their fixed ids (一<i>.1, 一<i>.2 …); a profile that does not
# ask a topic leaves its id unused (考核 is asked of governments only) rather than renumbering the rest.
_BASE_SLOTS = {"主动公开": ("解读", "发布会"), "依申请公开": ("答复",), "政府信息管理": ("审查",), "平台建设": ("网站",),
               "监督保障": ("培训", "考核")}


def _base(sp: str, prof: Profile) -> list[tuple[str, str, str, str, str]]:
    """(topic word, question, kind, label, unit): asked when last year's text of the sub-part lacks the word."""
    base = {
        "主动公开": [("解读", "今年发布政策解读多少篇？", "number", "全年发布政策解读", "篇"),
                 ("发布会", "今年召开新闻发布会多少场？", "number", "全年召开新闻发布会", "场")],
        "依申请公开": [("答复", "依申请公开的办理做法（如答复审核、法律审核、文书规范）？", "text", "依申请公开办理做法", "")],
        "政府信息管理": [("审查", "保密审查、规范性文件清理、公开指南和目录更新的情况？", "text", "政府信息管理", "")],
        "平台建设": ([("网站", "门户网站、政务新媒体的建设和管理情况？", "text", "平台建设", "")] if prof.own_portal else
                 [("网站", "本机关是否有独立网站？政府信息公开专栏设在哪个网站，今年如何维护？", "text", "公开平台", "")]),
        "监督保障": [("培训", "今年组织政务公开培训多少次？", "number", "全年组织政务公开培训", "次")],
    }[sp]
    if sp == "监督保障" and prof.is_government:
        base.append(("考核", "工作考核、社会评议和责任追究结果情况（条例第五十条第四项）？", "text",
                     "工作考核、社会评议和责任追究结果", ""))
    return base


def _subpart_questions(prefix: str, sp: str, text: str, previous: Optional[Report], prof: Profile) -> list[Question]:
    """The questions of one sub-part of 一, with ids that do not depend on what last year's report says: the base
    topics (政策解读, 新闻发布会, 培训, 考核…) keep their own number in every interview (一1.1 is always 政策解读,
    with or without last year's report, for every profile), and a question derived from last year's text on a
    base topic takes that topic's id (「去年：全年发布政策解读117篇」 is 一1.1 too), so an answer given before last
    year's report was loaded stays on its topic; the other derived questions are numbered after the base slots,
    in the order of last year's text."""
    derived = _figure_questions(sp, text, previous, prefix) if previous is not None and text else []
    derived += _work_item_questions(sp, text, 0, prefix)
    base = _BASE_SLOTS[sp]
    heirs: dict[int, int] = {}  # derived question -> the base slot whose id it takes
    out: list[tuple[int, Question]] = []
    for word, q, kind, label, unit in _base(sp, prof):
        slot = base.index(word) + 1
        if word in text and any(word in x.last_year for x in derived):  # last year's own question asks it
            heir = next((k for k, x in enumerate(derived) if k not in heirs and word in x.last_year), None)
            if heir is not None:
                heirs[heir] = slot
            continue
        out.append((slot, Question(id=f"{prefix}.{slot}", section="一", subpart=sp, question=q, kind=kind,
                                   label=label, unit=unit, key=f"{sp}/{word}")))
    n = len(base)
    for k, x in enumerate(derived):
        if k in heirs:
            slot = heirs[k]
            x.key = f"{sp}/{base[slot - 1]}"  # the base topic it stands for
        else:
            n += 1
            slot = n
            x.key = f"{sp}/{x.last_year}"
        x.id = f"{prefix}.{slot}"
        out.append((slot, x))
    return [q for _slot, q in sorted(out, key=lambda t: t[0])]


def build_interview(report: Report, previous: Optional[Report] = None,
                    profile: Optional[Profile] = None) -> Interview:
    prof = profile or classify(report)
    iv = Interview()
    prev_one = (previous.sections.get("一") or "") if previous is not None else ""
    parts, heads = split_overview(prev_one)
    iv.outline, iv.last_year_text = heads, dict(parts)
    iv.questions.append(Question(id="一0", section="一", subpart="综述", kind="text", label="全年工作综述",
                                 question="全年政务公开工作的总体情况（一两句话综述主要做法和成效）？"))
    for i, sp in enumerate(SUBPARTS, 1):
        iv.questions += _subpart_questions(f"一{i}", sp, parts.get(sp, ""), previous, prof)
    prev_five = (previous.sections.get("五") or "") if previous is not None else ""
    iv.last_year_text["五"] = prev_five
    iv.problems_last_year = split_problems(prev_five)
    for i, p in enumerate(iv.problems_last_year, 1):
        iv.questions.append(Question(id=f"五1.{i}", section="五", subpart="上年度问题整改",
                                     question=f"去年的问题：{p}。今年整改情况？", last_year=p, kind="text",
                                     label=problem_key(p), key=p))
    iv.questions.append(Question(id="五2.1", section="五", subpart="本年度存在问题", kind="text",
                                 question="今年存在的主要问题（可写多条，每条一行）？", label="本年度存在的主要问题"))
    iv.questions.append(Question(id="五2.2", section="五", subpart="改进措施", kind="text",
                                 question="针对今年的问题，下一步的改进措施（每条一行）？", label="改进措施"))
    prev_six = (previous.sections.get("六") or "") if previous is not None else ""
    iv.last_year_text["六"] = prev_six

    def ly(word: str) -> str:
        return next((s for s in sentences(prev_six) if word in s), "")

    six = (("信息处理费", "今年收取信息处理费的情况（金额，单位元；未收取请填 0）？", "number", "收取信息处理费", "元"),
           ("工作要点", "落实上级年度政务公开工作要点的情况？", "text", "落实年度政务公开工作要点", ""),
           ("建议", "人大代表建议和政协提案办理结果公开的情况？", "text", "人大代表建议和政协提案办理结果公开", ""),
           ("创新", "今年政务公开工作的创新做法？", "text", "政务公开工作创新", ""))
    for i, (word, q, kind, label, unit) in enumerate(six, 1):
        last = ly(word)
        iv.questions.append(Question(id=f"六{i}", section="六", subpart=label, kind=kind, label=label, unit=unit,
                                     question=(f"去年：{last[:80].rstrip('。；')}。" if last else "") + q,
                                     last_year=last))
    return iv


# ------------------------------------------------------------------ answers
def load_answers(data: Any) -> dict[str, Any]:
    """Answers from a path, a JSON string or a dict ``{question id: text or number}``."""
    if data is None:
        return {}
    if isinstance(data, (str, Path)) and not str(data).lstrip().startswith("{"):
        p = Path(data)
        try:
            data = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise FactError(f"找不到访谈答案文件：{p}") from exc
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise FactError(f"访谈答案不是有效的 JSON（第 {exc.lineno} 行）：{exc.msg}") from exc
    if not isinstance(data, dict):
        raise FactError("访谈答案应为“问题编号：回答”对象，例如 {\"一1.1\": 130, \"六2\": \"……\"}。")
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, bool) or not isinstance(v, (str, int, float)) and v is not None:
            raise FactError(f"问题 {k} 的回答应为文字或数字：{v!r}")
        out[str(k)] = v
    return out


def answers_to_facts(questions: list[Question], answers: dict[str, Any]) -> tuple[list[Fact], list[TextFact]]:
    nums: list[Fact] = []
    texts: list[TextFact] = []
    by_id = {q.id: q for q in questions}
    for qid, raw in answers.items():
        q = by_id.get(qid)
        if q is None or raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        label = q.label or q.subpart
        plain = isinstance(raw, (int, float)) or bool(_PLAIN_NUMBER.fullmatch(str(raw)))
        value = read_number(raw) if q.kind == "number" and plain else None
        if value is not None:
            nums.append(Fact(id=qid, label=label, value=value[0], unit=value[1] or q.unit or None))
            continue
        text = str(raw).strip()
        texts.append(TextFact(id=qid, label=label, text=text, section=q.section, subpart=q.subpart))
        for j, m in enumerate(extract_numbers(text), 1):
            nums.append(Fact(id=f"{qid}#{j}", label=f"{label}：{text[max(0, m.start - 12):m.end + 2]}",
                             value=m.value, unit=m.unit or None))
    return nums, texts


def questions_json(iv: Interview) -> list[dict[str, Any]]:
    return [q.public() for q in iv.questions]


def as_dict(q: Question) -> dict[str, Any]:
    return asdict(q)
