"""Offline drafter: the standard sentences of sections 一, 五 and 六 written from the tables and facts, no LLM.

Every number is written through :class:`agents.writer.Writer`, so it carries its provenance (a cell id, a
derived expression or a fact id) and is re-resolved before the draft is returned. The wording varies with what the
data shows (no applications, rise or fall on last year, corrected review cases, fees charged or not); sentences
that state things the tables cannot know are listed in ``findings`` for staff to confirm.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from report.claims.numbers import extract_numbers
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report

from . import offline_text as T
from .factsheet import ORG_SUM, group_id, group_sum, last_year_id, org_sum, percent_change
from .interview import SUBPARTS, Interview, Question, build_interview, problem_key
from .profiles import Profile, classify
from .types import DraftFinding, SectionDraft
from .writer import Writer, check_own_claims, self_name

PH = "【待补充：{}】"

SECTIONS = ("一", "五", "六")
TOT = L.T3_TOTAL_COLUMN


class _Style:
    """Picks one of a template's wordings: not one that last year's report already used, else by year."""

    def __init__(self, report: Report, previous: Optional[Report]):
        self.me = self_name(report.agency)
        self.year = report.year or 0
        self.avoid = previous.text() if previous is not None else ""

    def pick(self, variants: Any) -> str:
        if isinstance(variants, str):
            variants = (variants,)
        texts = [v.format(me=self.me) for v in variants]
        fresh = [t for t in texts if t.strip("，")[:24] not in self.avoid] or texts
        return fresh[self.year % len(fresh)]


def _route_facts(facts: list[Any]) -> dict[str, list[Any]]:
    """Put each user fact under the sub-heading whose topic its label names."""
    routes: dict[str, list[Any]] = {k: [] for k in ("一", "二", "三", "四", "五", "六")}
    for f in facts:
        label = f.label
        for key, words in T.FACT_ROUTES:
            if any(w in label for w in words):
                routes[key].append(f)
                break
        else:
            routes["一"].append(f)
    return routes


def _write_facts(w: Writer, facts: list[Any], lead: str = "") -> None:
    for f in facts:
        w.add(f.label)
        w.num(f.value, fact=f.id, unit=f.unit or "")
        w.add("。")


def _answer_number(w: Writer, q: Question, value: Any) -> None:
    """Last year's clause with this year's figure in place of last year's (「全年发布政策解读130篇」)."""
    nums = list(extract_numbers(str(value))) if isinstance(value, str) else []
    v = nums[0].value if nums else value
    unit = (nums[0].unit if nums and nums[0].unit else "") or q.unit
    t, fig = q.template, q.figure
    if t and fig and fig in t:
        i = t.index(fig)
        before, after = t[:i], t[i + len(fig):]
        if q.unit and after.startswith(q.unit):
            after = after[len(q.unit):]
        before = before.removeprefix("其中").removeprefix("去年")
        w.add(before).num(v, fact=q.id, unit=unit).add(after.rstrip("。；，") + "。")
    else:
        w.add(q.label).num(v, fact=q.id, unit=unit).add("。")


def _answers(w: Writer, iv: Interview, section: str, subpart: str, facts: dict[str, Any]) -> None:
    """The interview answers of one sub-part, in place; what is required and unanswered -> one placeholder."""
    missing: list[str] = []
    start = w._len
    for q in iv.of(section, subpart):
        a = iv.answer(q.id)
        if a is None:
            topic = next((t for t in T.TOPIC_WORDS if t in q.label), None)
            if topic and topic in w.text()[w.text().rfind("\n（"):]:
                continue  # a user fact of this sub-part already states it
            if q.required:
                label = q.label or q.subpart
                missing.append(f"今年数字（去年：{q.last_year}）" if q.kind == "number" and q.last_year else label)
            continue
        if q.kind == "number" and q.id in facts:
            _answer_number(w, q, facts[q.id].value)
        else:
            w.answer(str(a).strip().rstrip("。；"), q.id).add("。")
    if not missing and w._len == start and not _written_since_heading(w):
        missing.append(f"{subpart}工作情况")
    if missing:
        w.add(PH.format("；".join(missing)))


def _written_since_heading(w: Writer) -> bool:
    return not w.text().endswith("\n")


def _t3(report: Report, row: str, col: str = TOT) -> Optional[int | float]:
    return report.t3(row, col)


def _heading(iv: Interview, i: int) -> str:
    sp = SUBPARTS[i]
    own = iv.outline.get(sp, "")
    return (own if own.startswith("（") else f"（{T.ORDINALS_TEN[i]}）{L.OVERVIEW_TOPICS[T.TOPIC_KEYS[i]]}") + "\n"


def _proactive(w: Writer, report: Report, st: _Style, facts: list[Any], iv: Interview, prof: Profile,
               fact_ids: dict[str, Any]) -> None:
    w.add(_heading(iv, 0))
    docs = report.table2.get("行政规范性文件")
    if isinstance(docs, dict) and docs.get("本年制发件数") is not None:
        made, gone, valid = (docs.get(c) for c in L.T2_DOC_COLUMNS)
        row = "行政规范性文件"
        if made:
            w.add("全年制发行政规范性文件").num(made, cell=CellRef("table2", row, "本年制发件数").id)
        else:
            w.add("全年未新制发行政规范性文件")
        if gone:
            w.add("，废止行政规范性文件").num(gone, cell=CellRef("table2", row, "本年废止件数").id)
        if valid is not None:
            w.add("，截至年底现行有效的行政规范性文件共").num(valid, cell=CellRef("table2", row, "现行有效件数").id)
        w.add("，均按规定在政府信息公开平台集中公开。")
    rules = report.table2.get("规章")
    if prof.makes_rules and isinstance(rules, dict) and rules.get("本年制发件数"):
        w.add("制发规章").num(rules["本年制发件数"], cell=CellRef("table2", "规章", "本年制发件数").id).add("。")
    decisions = [(r, v) for r in ("行政许可", "行政处罚", "行政强制")
                 if isinstance(v := report.table2.get(r), (int, float)) and v]
    if decisions:
        w.add("依法公开行政执法信息，本年度")
        for i, (r, v) in enumerate(decisions):
            w.add("、" if i else "").add(f"{r}决定").num(v, cell=CellRef("table2", r).id)
        w.add("，做到执法依据、程序和结果公开透明。")
    fee = report.table2.get(L.T2_FEE)
    if isinstance(fee, (int, float)) and fee > 0:
        w.add("行政事业性收费金额").num(fee, cell=CellRef("table2", L.T2_FEE).id, unit="万元").add("。")
    _write_facts(w, facts)
    _answers(w, iv, "一", SUBPARTS[0], fact_ids)
    w.add("\n")


def _breakdown(w: Writer, report: Report) -> None:
    natural = _t3(report, L.R_NEW, "自然人")
    orgs = org_sum(report, L.R_NEW)
    if natural is None or orgs is None:
        return
    if orgs == 0:
        w.add("，均为自然人申请")
    elif natural == 0:
        w.add("，均为法人或其他组织申请")
    else:
        w.add("，其中自然人申请").num(natural, cell=CellRef("table3", L.R_NEW, "自然人").id)
        w.add("、法人或其他组织申请").num(orgs, cell=ORG_SUM.format(row=L.R_NEW))


def _trend(w: Writer, report: Report, previous: Optional[Report], new: int | float) -> None:
    ref = CellRef.t3(L.R_NEW)
    cid = ref.id
    before = previous.get(ref) if previous is not None else None
    if before is None:
        return
    pct = percent_change(new, before)
    w.add("新收申请数上年为").num(before, cell=last_year_id(cid))
    if pct is None:
        w.add("。")
        return
    if pct == 0:
        w.add("，与上年持平。")
    else:
        w.add("，同比增长" if pct > 0 else "，同比下降").num(abs(pct), cell=f"比较/{cid}", unit="%").add("。")


def _on_request(w: Writer, report: Report, previous: Optional[Report], me: str, year: str, facts: list[Any],
                findings: list[DraftFinding], iv: Interview, fact_ids: dict[str, Any]) -> None:
    w.add(_heading(iv, 1))
    new, carried_in = _t3(report, L.R_NEW), _t3(report, L.R_CARRIED_IN)
    done, carried_out = _t3(report, L.R_TOTAL), _t3(report, L.R_CARRIED_OUT)
    if new is None or done is None:
        findings.append(DraftFinding(kind="input", severity="warning",
                                     message="表三缺少本年新收申请数或办理结果总计，依申请公开部分只写了通用表述，请先补全表三。"))
        w.add(T.ON_REQUEST_NO_DATA.format(me=me))
        _answers(w, iv, "一", SUBPARTS[1], fact_ids)
        w.add("\n")
        return
    if new == 0 and not carried_in:
        w.add(T.ON_REQUEST_NONE.format(year=year, me=me))
    else:
        w.add(f"{year}，{me}共收到政府信息公开申请").num(new, cell=CellRef("table3", L.R_NEW, TOT).id)
        _breakdown(w, report)
        w.add("。")
        _trend(w, report, previous, new)
        if carried_in:
            w.add("上年结转政府信息公开申请").num(carried_in, cell=CellRef("table3", L.R_CARRIED_IN, TOT).id).add("。")
        w.add("全年办结政府信息公开申请").num(done, cell=CellRef("table3", L.R_TOTAL, TOT).id)
        parts = [(g, v) for g in L.t3_groups(report.template) if (v := group_sum(report, g))]
        if parts:
            w.add("，其中")
            for i, (g, v) in enumerate(parts):
                w.add("，" if i else "").add(T.GROUP_WORDS[g]).num(v, cell=group_id(report, g))
        w.add("。")
        if carried_out:
            w.add("另有").num(carried_out, cell=CellRef("table3", L.R_CARRIED_OUT, TOT).id)
            w.add("申请结转下年度继续办理。")
        else:
            w.add("无结转下年度继续办理的申请。")
        unknown_row = L.t3_groups(report.template)[L.G_UNAVAILABLE][0]
        unknown = _t3(report, unknown_row)
        if unknown and done and unknown * 5 >= done:
            w.add("无法提供的申请主要属于本机关不掌握相关政府信息的情形，均已依法告知申请人，并尽可能指明获取信息的渠道。")
    _write_facts(w, facts)
    _answers(w, iv, "一", SUBPARTS[1], fact_ids)
    w.add("\n")


def _plain_part(w: Writer, i: int, facts: list[Any], iv: Interview, fact_ids: dict[str, Any]) -> None:
    """政府信息管理 / 平台建设: only what the answers and facts state (no template claims about portals, 审查…)."""
    w.add(_heading(iv, i))
    _write_facts(w, facts)
    _answers(w, iv, "一", SUBPARTS[i], fact_ids)
    w.add("\n")


def _cases(w: Writer, report: Report, me: str) -> None:
    review = report.t4(L.T4_REVIEW)
    direct, after = report.t4(L.T4_SUIT_DIRECT), report.t4(L.T4_SUIT_AFTER)
    if review is None and direct is None and after is None:
        return
    suits = (direct or 0) + (after or 0)
    if not review and not suits:
        w.add("全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的案件。")
        return
    if review:
        w.add("全年因政府信息公开工作被申请行政复议").num(review, cell=CellRef("table4", L.T4_REVIEW, "总计").id)
        parts = [(c, v) for c in L.T4_COLUMNS[:4] if (v := report.t4(L.T4_REVIEW, c))]
        if parts:
            w.add("，其中")
            for i, (c, v) in enumerate(parts):
                w.add("、" if i else "").add(c).num(v, cell=CellRef("table4", L.T4_REVIEW, c).id)
        w.add("。")
    else:
        w.add("全年未发生政府信息公开行政复议案件。")
    if suits:
        both = f"{CellRef('table4', L.T4_SUIT_DIRECT, '总计').id} + {CellRef('table4', L.T4_SUIT_AFTER, '总计').id}"
        w.add("被提起政府信息公开行政诉讼").num(suits, cell=both)
        if direct and after:
            w.add("，其中未经复议直接起诉").num(direct, cell=CellRef("table4", L.T4_SUIT_DIRECT, "总计").id)
            w.add("、复议后起诉").num(after, cell=CellRef("table4", L.T4_SUIT_AFTER, "总计").id)
        elif direct or after:
            w.add("，均为" + ("未经复议直接起诉" if direct else "复议后起诉"))
        pending = (report.t4(L.T4_SUIT_DIRECT, "尚未审结") or 0) + (report.t4(L.T4_SUIT_AFTER, "尚未审结") or 0)
        w.add("。" if not pending else "，部分案件尚未审结。")
    else:
        w.add("未发生政府信息公开行政诉讼案件。")
    corrected = report.t4(L.T4_REVIEW, "结果纠正") or 0
    corrected_suits = (report.t4(L.T4_SUIT_DIRECT, "结果纠正") or 0) + (report.t4(L.T4_SUIT_AFTER, "结果纠正") or 0)
    if corrected or corrected_suits:
        w.add(T.CORRECTED.format(me=me))


def _oversight(w: Writer, report: Report, st: _Style, facts: list[Any], iv: Interview,
               fact_ids: dict[str, Any]) -> None:
    w.add(_heading(iv, 4))
    _cases(w, report, st.me)
    _write_facts(w, facts)
    _answers(w, iv, "一", SUBPARTS[4], fact_ids)
    w.add("\n")


def _section_one(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
                 findings: list[DraftFinding], iv: Interview, prof: Profile, fact_ids: dict[str, Any]) -> None:
    st = _Style(report, previous)
    me = st.me
    year = f"{report.year}年" if report.year else "本年度"
    routes = _route_facts(facts)
    if report.year:
        w.num(report.year, cell="报告年度", unit="年")
    else:
        w.add("本年度")
    w.add(f"，{me}政府信息公开工作")
    lead = iv.answer("一0")
    if lead is not None:
        w.add("：").answer(str(lead).strip().rstrip("。"), "一0").add("。\n")
    else:
        w.add(PH.format("全年工作综述（贯彻落实条例的主要做法和成效）") + "\n")
    _proactive(w, report, st, routes["一"], iv, prof, fact_ids)
    _on_request(w, report, previous, me, year, routes["二"], findings, iv, fact_ids)
    _plain_part(w, 2, routes["三"], iv, fact_ids)
    _plain_part(w, 3, routes["四"], iv, fact_ids)
    _oversight(w, report, st, routes["五"], iv, fact_ids)


def _bigrams(s: str) -> set[str]:
    s = "".join(ch for ch in s if "\u4e00" <= ch <= "\u9fff")
    return {s[i:i + 2] for i in range(len(s) - 1)}


def repeats(new: str, old: str) -> bool:
    """A new problem that says what an old one said (Dice overlap of character bigrams >= 0.5)."""
    a, b = _bigrams(new), _bigrams(problem_key(old) or old)
    return bool(a and b) and 2 * len(a & b) / (len(a) + len(b)) >= 0.5


def _lines(answer: Any) -> list[str]:
    parts = re.split(r"[\n；;]+|(?<=[。])", str(answer))
    return [p.strip().rstrip("。；") for p in parts if p.strip().rstrip("。；")]


def _section_five(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
                  findings: list[DraftFinding], iv: Interview, prof: Profile, fact_ids: dict[str, Any]) -> None:
    w.add("（一）上年度存在问题的整改情况\n")
    if iv.problems_last_year:
        for i, q in enumerate(iv.of("五", "上年度问题整改")):
            a = iv.answer(q.id)
            w.add(f"{T.ORDINALS_TEN[i]}是针对“{problem_key(q.last_year)}”的问题，")
            if a is not None:
                w.answer(str(a).strip().rstrip("。；"), q.id).add("。")
            else:
                w.add(PH.format("整改措施和成效"))
            w.add("\n")
    elif previous is not None:
        w.add(PH.format("上年度报告所列问题及其整改情况（上年报告第五部分未能拆分出问题）") + "\n")
    else:
        w.add(PH.format("上年度报告所列问题及其整改情况（可提供上年报告，按问题逐项提问）") + "\n")
    w.add("（二）本年度存在的主要问题及改进措施\n")
    problems = _lines(iv.answer("五2.1") or "")
    measures = _lines(iv.answer("五2.2") or "")
    if problems:
        w.add("存在的主要问题：")
        seen = 0
        for i, p in enumerate(problems):
            w.add(f"{T.ORDINALS_TEN[i]}是").answer(p, "五2.1", seen).add("；" if i < len(problems) - 1 else "。")
            seen += len(extract_numbers(p))
            for old in iv.problems_last_year:
                if repeats(p, old):
                    findings.append(DraftFinding(kind="input", severity="warning", text=p,
                                                 message=f"本年度问题“{p[:24]}”与上年度问题“{problem_key(old)}”相同或相近："
                                                         "如去年已整改，请说明为何仍存在；如未整改，请在（一）中如实写明。"))
                    break
        w.add("\n")
    else:
        hint = _data_hint(report)
        w.add(PH.format("本年度存在的主要问题" + (f"（报表显示：{hint}，可考虑据此分析）" if hint else "")) + "\n")
    if measures:
        w.add("改进措施：")
        seen = 0
        for i, m in enumerate(measures):
            w.add(f"{T.ORDINALS_TEN[i]}是").answer(m, "五2.2", seen).add("；" if i < len(measures) - 1 else "。")
            seen += len(extract_numbers(m))
        w.add("\n")
    else:
        w.add(PH.format("针对上述问题的改进措施") + "\n")


def _data_hint(report: Report) -> str:
    """What the tables suggest staff look at when naming this year's problems (a hint inside the placeholder)."""
    if report.t4(L.T4_REVIEW, "结果纠正"):
        return "有行政复议结果纠正的案件"
    done = report.t3(L.R_TOTAL) or 0
    if done and (group_sum(report, L.G_UNAVAILABLE) or 0) * 4 >= done:
        return "“无法提供”的申请占比较高"
    if report.t3(L.R_NEW) == 0:
        return "本年未收到政府信息公开申请"
    return ""


def _section_six(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
                 findings: list[DraftFinding], iv: Interview, prof: Profile, fact_ids: dict[str, Any]) -> None:
    me = self_name(report.agency)
    year = f"{report.year}年" if report.year else "本年度"
    routes = _route_facts(facts)
    fee_facts = [f for f in routes["六"] if any(k in f.label for k in T.FEE_WORDS)]
    other = [f for f in routes["六"] if f not in fee_facts]
    fee_rows = L.t3_groups(report.template)[L.G_OTHER]
    unpaid_row = fee_rows[1] if len(fee_rows) == 3 else ""
    unpaid = report.t3(unpaid_row) if unpaid_row else None
    fee_answer = fact_ids.get("六1")
    w.add(f"（一）信息处理费收取情况\n{year}，{me}")
    if fee_answer is not None and not fee_answer.value:
        w.add("未收取信息处理费").add("。" if fee_answer.id in fact_ids else "")
        w.claims.append(_zero_claim(w, fee_answer.id))
    elif fee_answer is not None:
        w.add("依照《政府信息公开信息处理费管理办法》收取信息处理费，共计").num(fee_answer.value, fact=fee_answer.id,
                                                                  unit=fee_answer.unit or "元").add("。")
    elif fee_facts:
        w.add("依照《政府信息公开信息处理费管理办法》收取信息处理费")
        for f in fee_facts:
            w.add("，共计" if "信息处理费" in f.label else f"，{f.label}").num(f.value, fact=f.id, unit=f.unit or "")
        w.add("。")
    else:
        if unpaid:
            w.add("因申请人逾期未按收费通知要求缴纳费用而不再处理的申请").num(
                unpaid, cell=CellRef("table3", unpaid_row, TOT).id).add("。")
        w.add(PH.format("本年度收取信息处理费的情况，未收取的请写明"))
    w.add("\n")
    for i, key in enumerate(("六2", "六3", "六4"), 2):
        q = next((x for x in iv.questions if x.id == key), None)
        if q is None:
            continue
        w.add(f"（{T.ORDINALS_TEN[i - 1]}）{q.label}情况\n")
        a = iv.answer(key)
        if a is not None:
            w.answer(str(a).strip().rstrip("。；"), key).add("。")
        else:
            w.add(PH.format(q.label + "的情况"))
        w.add("\n")
    _write_facts(w, other)


def _zero_claim(w: Writer, fid: str) -> Any:
    from report.claims import Claim

    return Claim(text="未收取信息处理费", value=0, start=w._len, end=w._len, status="verified", severity="info",
                 fact=fid, expected=0, message="数字来自工作人员提供的事实")


_WRITERS = {"一": _section_one, "五": _section_five, "六": _section_six}


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
