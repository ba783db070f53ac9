"""Section 一 of the offline drafter: the five sub-parts, table-driven sentences with every number bound to its cell,
then the interview's answers; what no input states is a placeholder."""

from __future__ import annotations

import re
from typing import Any, Optional, Sequence

from report.model import CellRef, sum_cells
from report.model import labels as L
from report.model.tables import Report

from . import offline_hints as H
from . import offline_text as T
from .factsheet import ORG_SUM, group_id, group_sum, last_year_id, org_sum, percent_change
from .interview import SUBPARTS, Interview
from .offline_parts import PH, TOT, Item, Style, place_answers, route_facts, t3, write_facts
from .profiles import Profile
from .types import DraftFinding
from .writer import Writer


def _lead_hint(iv: Interview, report: Report, prof: Profile) -> str:
    """The overview's placeholder: what is missing, in this agency's terms, with how last year's report opened as
    the model to follow."""
    opening = next((ln.strip() for ln in (iv.last_year_text.get("综述") or "").splitlines() if ln.strip()), "")
    return f"全年工作综述：{H.lead(report, prof)}" + (f"（去年：{opening[:40]}）" if opening else "")


def _heading(iv: Interview, i: int) -> str:
    sp = SUBPARTS[i]
    own = iv.outline.get(sp, "")
    return (own if own.startswith("（") else f"（{T.ORDINALS_TEN[i]}）{L.OVERVIEW_TOPICS[T.TOPIC_KEYS[i]]}") + "\n"


def _proactive(w: Writer, report: Report, st: Style, facts: list[Any], iv: Interview, prof: Profile,
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
            w.add("、废止" if made else "，废止行政规范性文件").num(gone, cell=CellRef("table2", row, "本年废止件数").id)
        if valid is not None:
            w.add("，年底现行有效").num(valid, cell=CellRef("table2", row, "现行有效件数").id)
        w.add("。")
    rules = report.table2.get("规章")
    if prof.makes_rules and isinstance(rules, dict) and rules.get("本年制发件数"):
        w.add("制发规章").num(rules["本年制发件数"], cell=CellRef("table2", "规章", "本年制发件数").id).add("。")
    decisions = [(r, v) for r in ("行政许可", "行政处罚", "行政强制")
                 if isinstance(v := report.table2.get(r), (int, float)) and v]
    if decisions:
        w.add("本年度")
        for i, (r, v) in enumerate(decisions):
            w.add("、" if i else "").add(f"{r}决定").num(v, cell=CellRef("table2", r).id)
        w.add("。")
    fee = report.table2.get(L.T2_FEE)
    if isinstance(fee, (int, float)) and fee > 0:
        w.add("行政事业性收费金额").num(fee, cell=CellRef("table2", L.T2_FEE).id, unit="万元").add("。")
    write_facts(w, facts)
    place_answers(w, iv, "一", SUBPARTS[0], fact_ids, extra=H.proactive(report, prof))
    w.add("\n")


def _breakdown(w: Writer, report: Report) -> None:
    natural = t3(report, L.R_NEW, "自然人")
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
    new, carried_in = t3(report, L.R_NEW), t3(report, L.R_CARRIED_IN)
    done, carried_out = t3(report, L.R_TOTAL), t3(report, L.R_CARRIED_OUT)
    if new is None or done is None:
        findings.append(DraftFinding(kind="input", severity="warning",
                                     message="表三缺少本年新收申请数或办理结果总计，依申请公开部分只写了通用表述，请先补全表三。"))
        w.add(T.ON_REQUEST_NO_DATA.format(me=me))
        place_answers(w, iv, "一", SUBPARTS[1], fact_ids, hint=H.on_request(report))
        w.add("\n")
        return
    if new == 0 and carried_in == 0:
        w.add(T.ON_REQUEST_NONE.format(year=year, me=me))
    else:
        w.add(f"{year}，{me}共收到政府信息公开申请").num(new, cell=CellRef("table3", L.R_NEW, TOT).id)
        _breakdown(w, report)
        w.add("。")
        _trend(w, report, previous, new)
        if carried_in:
            w.add("上年结转").num(carried_in, cell=CellRef("table3", L.R_CARRIED_IN, TOT).id).add("。")
        w.add("全年办结").num(done, cell=CellRef("table3", L.R_TOTAL, TOT).id)
        parts = sorted([(g, v) for g in L.t3_groups(report.template) if (v := group_sum(report, g))],
                       key=lambda gv: -gv[1])  # this agency's results, the largest first
        if parts:
            w.add("，其中")
            for i, (g, v) in enumerate(parts):
                w.add("，" if i else "").add(T.GROUP_WORDS[g]).num(v, cell=group_id(report, g))
        w.add("。")
        if carried_out:
            w.add("另有").num(carried_out, cell=CellRef("table3", L.R_CARRIED_OUT, TOT).id)
            w.add("结转下年度继续办理。")
        elif carried_out == 0:  # a blank cell says nothing
            w.add("无结转下年度继续办理的申请。")
        _reasons(w, report)
    write_facts(w, facts)
    place_answers(w, iv, "一", SUBPARTS[1], fact_ids, hint=H.on_request(report))
    w.add("\n")


def _reason_name(row: str) -> str:
    """「三、本年度办理结果/（三）不予公开/4.保护第三方合法权益」 -> 「保护第三方合法权益」 (the reason, short)."""
    name = re.sub(r"^\d+[.．、]", "", row.rsplit("/", 1)[-1])
    return name.split("、行政机关")[0]  # the table's own words, which the checker reads back


_TOP_REASONS = 3


def _reasons(w: Writer, report: Report) -> None:
    """Why applications were withheld, unavailable, not handled or otherwise closed: this agency's own sub-rows of
    表三 that are not zero, the largest first, at most three per result (「不予公开的申请中，属于行政查询事项105件、
    其他法律行政法规禁止公开31件、属于四类过程性信息12件等」: the full list is 表三 itself), each with its cell."""
    clauses = []
    for g, rows in L.t3_groups(report.template).items():
        if len(rows) < 2:
            continue
        filled = sorted([(r, v) for r in rows if (v := t3(report, r)) and _reason_name(r) != "其他"],  # 其他: no reason
                        key=lambda rv: -rv[1])
        if filled:
            clauses.append((g, filled))
    for k, (g, filled) in enumerate(clauses):
        w.add(f"{T.GROUP_WORDS[g]}的申请中，")
        for i, (r, v) in enumerate(filled[:_TOP_REASONS]):  # the main reasons; every one is in 表三
            w.add("、" if i else "").add(_reason_name(r)).num(v, cell=CellRef("table3", r, TOT).id)
        w.add("等" if len(filled) > _TOP_REASONS else "").add("；" if k < len(clauses) - 1 else "。")


def _plain_part(w: Writer, i: int, facts: list[Any], iv: Interview, fact_ids: dict[str, Any],
                hint: Sequence[Item]) -> None:
    """政府信息管理 / 平台建设: only what the answers and facts state (no template claims about portals, 审查…)."""
    w.add(_heading(iv, i))
    write_facts(w, facts)
    place_answers(w, iv, "一", SUBPARTS[i], fact_ids, hint=hint)
    w.add("\n")


def _cases(w: Writer, report: Report, me: str) -> None:
    review = report.t4(L.T4_REVIEW)
    direct, after = report.t4(L.T4_SUIT_DIRECT), report.t4(L.T4_SUIT_AFTER)
    if review is None and direct is None and after is None:
        return
    suits = sum_cells([direct, after])  # unknown when either is blank: then each known route by its own cell
    if review == 0 and suits == 0:
        w.add("全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的案件。")
        return
    if review:
        w.add("全年因政府信息公开工作被申请行政复议").num(review, cell=CellRef("table4", L.T4_REVIEW, "总计").id)
        parts = sorted([(c, v) for c in L.T4_COLUMNS[:4] if (v := report.t4(L.T4_REVIEW, c))], key=lambda cv: -cv[1])
        if parts:
            w.add("，其中")
            for i, (c, v) in enumerate(parts):
                w.add("、" if i else "").add(c).num(v, cell=CellRef("table4", L.T4_REVIEW, c).id)
        w.add("。")
    elif review == 0:
        w.add("全年未发生政府信息公开行政复议案件。")
    if suits is None:
        for g, v, words in ((L.T4_SUIT_DIRECT, direct, "未经复议直接起诉"), (L.T4_SUIT_AFTER, after, "复议后起诉")):
            if v:
                w.add(f"{words}的政府信息公开行政诉讼").num(v, cell=CellRef("table4", g, "总计").id).add("。")
    elif suits:
        both = f"{CellRef('table4', L.T4_SUIT_DIRECT, '总计').id} + {CellRef('table4', L.T4_SUIT_AFTER, '总计').id}"
        w.add("被提起政府信息公开行政诉讼").num(suits, cell=both)
        if direct and after:
            w.add("，其中未经复议直接起诉").num(direct, cell=CellRef("table4", L.T4_SUIT_DIRECT, "总计").id)
            w.add("、复议后起诉").num(after, cell=CellRef("table4", L.T4_SUIT_AFTER, "总计").id)
        elif direct or after:
            w.add(("，均为" if suits > 1 else "，为") + ("未经复议直接起诉" if direct else "复议后起诉"))
        pending = (report.t4(L.T4_SUIT_DIRECT, "尚未审结") or 0) + (report.t4(L.T4_SUIT_AFTER, "尚未审结") or 0)
        w.add("。" if not pending else "，部分案件尚未审结。")
    else:
        w.add("未发生政府信息公开行政诉讼案件。")  # suits == 0: both routes known


def _oversight(w: Writer, report: Report, st: Style, facts: list[Any], iv: Interview,
               fact_ids: dict[str, Any], prof: Profile) -> None:
    w.add(_heading(iv, 4))
    _cases(w, report, st.me)
    write_facts(w, facts)
    place_answers(w, iv, "一", SUBPARTS[4], fact_ids, extra=H.oversight(report, prof))
    w.add("\n")


def section_one(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
                 findings: list[DraftFinding], iv: Interview, prof: Profile, fact_ids: dict[str, Any]) -> None:
    st = Style(report, previous)
    me = st.me
    year = f"{report.year}年" if report.year else "本年度"
    routes = route_facts(facts)
    if report.year:
        w.num(report.year, cell="报告年度", unit="年")
    else:
        w.add("本年度")
    w.add(f"，{me}政府信息公开工作")
    lead = iv.answer("一0")
    if lead is not None:
        w.add("：").answer(str(lead).strip().rstrip("。"), "一0").add("。\n")
    else:
        w.add(PH.format(_lead_hint(iv, report, prof)) + "\n")
    _proactive(w, report, st, routes["一"], iv, prof, fact_ids)
    _on_request(w, report, previous, me, year, routes["二"], findings, iv, fact_ids)
    _plain_part(w, 2, routes["三"], iv, fact_ids, H.management(report))
    _plain_part(w, 3, routes["四"], iv, fact_ids, H.platform(report, prof))
    _oversight(w, report, st, routes["五"], iv, fact_ids, prof)

