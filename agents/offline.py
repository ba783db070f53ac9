"""Offline drafter: the standard sentences of sections 一, 五 and 六 written from the tables and facts, no LLM.

Every number is written through :class:`agents.writer.Writer`, so it carries its provenance (a cell id, a
derived expression or a fact id) and is re-resolved before the draft is returned. The wording varies with what the
data shows (no applications, rise or fall on last year, corrected review cases, fees charged or not); sentences
that state things the tables cannot know are listed in ``findings`` for staff to confirm.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report

from . import offline_text as T
from .factsheet import ORG_SUM, group_id, group_sum, last_year_id, org_sum, percent_change
from .types import DraftFinding, SectionDraft
from .writer import Writer, check_own_claims, is_government, self_name

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


def _write_facts(w: Writer, facts: list[Any], lead: str = "据统计，") -> None:
    if not facts:
        return
    w.add(lead)
    for i, f in enumerate(facts):
        if i:
            w.add("，")
        w.add(f.label)
        w.num(f.value, fact=f.id, unit=f.unit or "")
    w.add("。")


def _t3(report: Report, row: str, col: str = TOT) -> Optional[int | float]:
    return report.t3(row, col)


def _proactive(w: Writer, report: Report, st: _Style, facts: list[Any]) -> None:
    w.add(f"（一）{L.OVERVIEW_TOPICS['一']}\n")
    w.add(st.pick(T.PROACTIVE_LEAD))
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
    if isinstance(rules, dict) and rules.get("本年制发件数"):
        w.add("制发规章").num(rules["本年制发件数"], cell=CellRef("table2", "规章", "本年制发件数").id).add("。")
    decisions = [(r, v) for r in ("行政许可", "行政处罚", "行政强制")
                 if isinstance(v := report.table2.get(r), (int, float)) and v]
    if decisions:
        w.add("依法公开行政执法信息，本年度")
        for i, (r, v) in enumerate(decisions):
            w.add("、" if i else "").add(f"{r}决定").num(v, cell=CellRef("table2", r).id)
        w.add("，做到执法依据、程序和结果公开透明。")
    fee = report.table2.get(L.T2_FEE)
    if isinstance(fee, (int, float)):
        w.add("行政事业性收费金额").num(fee, cell=CellRef("table2", L.T2_FEE).id, unit="万元")
        w.add("，收费项目、依据和标准均已主动公开。")
    _write_facts(w, facts, "此外，")
    w.add(st.pick(T.PROACTIVE_TAIL) + "\n")


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
                findings: list[DraftFinding]) -> None:
    w.add(f"（二）{L.OVERVIEW_TOPICS['二']}\n")
    new, carried_in = _t3(report, L.R_NEW), _t3(report, L.R_CARRIED_IN)
    done, carried_out = _t3(report, L.R_TOTAL), _t3(report, L.R_CARRIED_OUT)
    if new is None or done is None:
        findings.append(DraftFinding(kind="input", severity="warning",
                                     message="表三缺少本年新收申请数或办理结果总计，依申请公开部分只写了通用表述，请先补全表三。"))
        w.add(T.ON_REQUEST_NO_DATA.format(me=me) + "\n")
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
    w.add(T.ON_REQUEST_TAIL.format(me=me) + "\n")


def _management(w: Writer, st: _Style, facts: list[Any]) -> None:
    w.add(f"（三）{L.OVERVIEW_TOPICS['三']}\n")
    w.add(st.pick(T.MANAGEMENT))
    _write_facts(w, facts)
    w.add("\n")


def _platforms(w: Writer, st: _Style, facts: list[Any]) -> None:
    w.add(f"（四）{L.OVERVIEW_TOPICS['四']}\n")
    w.add(st.pick(T.PLATFORMS))
    _write_facts(w, facts)
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


def _oversight(w: Writer, report: Report, st: _Style, facts: list[Any], findings: list[DraftFinding]) -> None:
    me = st.me
    w.add(f"（五）{L.OVERVIEW_TOPICS['五']}\n")
    w.add(st.pick(T.OVERSIGHT))
    _cases(w, report, me)
    if is_government(report.agency):
        w.add(T.GOV_ASSESSMENT.format(me=me))
        findings.append(DraftFinding(kind="input", severity="info",
                                     message="（五）监督保障中的工作考核、社会评议和责任追究结果为通用写法，请按实际情况核实修改。"))
    _write_facts(w, facts)
    w.add("\n")


def _section_one(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
                 findings: list[DraftFinding]) -> None:
    st = _Style(report, previous)
    me = st.me
    year = f"{report.year}年" if report.year else "本年度"
    routes = _route_facts(facts)
    if report.year:
        w.num(report.year, cell="报告年度", unit="年")
    else:
        w.add("本年度")
    w.add(st.pick(T.OVERVIEW_LEAD) + "\n")
    _proactive(w, report, st, routes["一"])
    _on_request(w, report, previous, me, year, routes["二"], findings)
    _management(w, st, routes["三"])
    _platforms(w, st, routes["四"])
    _oversight(w, report, st, routes["五"], findings)


def _section_five(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
                  findings: list[DraftFinding]) -> None:
    me = self_name(report.agency)
    corrected = bool(report.t4(L.T4_REVIEW, "结果纠正"))
    done = report.t3(L.R_TOTAL) or 0
    unavailable = group_sum(report, L.G_UNAVAILABLE) or 0
    problems = list(T.PROBLEMS_BASE)
    if corrected:
        problems.insert(0, T.PROBLEM_CORRECTED)
    elif done and unavailable * 4 >= done:
        problems.insert(0, T.PROBLEM_UNAVAILABLE)
    elif not report.t3(L.R_NEW):
        problems.insert(0, T.PROBLEM_FEW_REQUESTS)
    problems = problems[:3]
    w.add("（一）存在的主要问题\n")
    w.add(f"{self_name(report.agency)}政府信息公开工作取得了一定成效，但对照新形势新要求，仍存在一些不足：")
    for i, p in enumerate(problems):
        w.add(f"{T.ORDINALS[i]}是{p}")
        w.add("；" if i < len(problems) - 1 else "。\n")
    w.add("（二）改进情况\n")
    if previous is not None and (previous.sections.get("五") or "").strip():
        w.add(T.LAST_YEAR_FOLLOW_UP.format(me=me))
    w.add(f"下一步，{me}将重点做好以下工作：")
    for i, p in enumerate(problems):
        w.add(f"{T.ORDINALS[i]}是{T.MEASURES[p]}")
        w.add("；" if i < len(problems) - 1 else "。")
    w.add("\n")
    findings.append(DraftFinding(kind="input", severity="info",
                                 message="第五部分的问题和措施为通用写法，请结合本单位实际情况修改，避免与往年报告雷同。"))


def _section_six(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
                 findings: list[DraftFinding]) -> None:
    me = self_name(report.agency)
    year = f"{report.year}年" if report.year else "本年度"
    routes = _route_facts(facts)
    fee_facts = [f for f in routes["六"] if any(k in f.label for k in T.FEE_WORDS)]
    other = [f for f in routes["六"] if f not in fee_facts]
    fee_rows = L.t3_groups(report.template)[L.G_OTHER]
    unpaid_row = fee_rows[1] if len(fee_rows) == 3 else ""
    unpaid = report.t3(unpaid_row) if unpaid_row else None
    w.add(f"（一）信息处理费收取情况\n{year}，{me}")
    if fee_facts:
        w.add("依照《政府信息公开信息处理费管理办法》收取信息处理费")
        for f in fee_facts:
            w.add("，共计" if "信息处理费" in f.label else f"，{f.label}").num(f.value, fact=f.id, unit=f.unit or "")
        w.add("。")
    elif unpaid:
        w.add("依照《政府信息公开信息处理费管理办法》对超出一定数量或频次的申请发出收费通知，")
        w.add("因申请人逾期未按收费通知要求缴纳费用而不再处理的申请").num(unpaid, cell=CellRef("table3", unpaid_row, TOT).id)
        w.add("。")
        findings.append(DraftFinding(kind="input", severity="warning",
                                     message="表三（六）2 显示有申请因逾期未缴纳信息处理费而不再处理，请补充本年实际收取信息处理费的金额。"))
    else:
        w.add("未收取信息处理费")
        if unpaid_row and unpaid == 0:
            w.add("，未发生因申请人逾期未缴纳信息处理费而不再处理申请的情况")
        w.add("。")
        findings.append(DraftFinding(kind="input", severity="info",
                                     message="第六部分写了“未收取信息处理费”，请核实本年确实未收取；如有收取，请以事实形式提供金额。"))
    w.add("\n（二）其他事项\n")
    w.add(T.SIX_OTHER.format(year=year, me=me))
    _write_facts(w, other)
    w.add("\n")


_WRITERS = {"一": _section_one, "五": _section_five, "六": _section_six}


def draft_offline(report: Report, facts: Iterable[Any] = (), previous: Optional[Report] = None,
                  section: str = "一") -> SectionDraft:
    """Deterministic draft of one section (一, 五 or 六); ValueError with a Chinese message for other sections."""
    if section not in _WRITERS:
        raise ValueError(f"只能起草第一、五、六部分（收到：{section}）；第二至四部分的表格由报表数据直接生成。")
    facts = list(facts or [])
    w, findings = Writer(), list[DraftFinding]()
    _WRITERS[section](report, previous, facts, w, findings)
    text, claims = w.finish()
    findings = check_own_claims(claims, report, previous, facts) + findings
    return SectionDraft(section=section, title=L.SECTION_TITLES[section], text=text.strip(), claims=claims,
                        findings=findings, sources=[], mode="offline")
