"""Sections 五 and 六 of the offline drafter: last year's problems item by item with their 整改 answers, this
year's problems and measures (a repeat of an old problem is flagged), 信息处理费 and the other matters the format
notice asks for; what no input states is a placeholder."""

from __future__ import annotations

import re
from typing import Any, Optional

from report.claims.numbers import extract_numbers
from report.model import CellRef, sum_cells
from report.model import labels as L
from report.model.tables import Report

from . import offline_hints as H
from . import offline_text as T
from .factsheet import group_id, group_sum
from .interview import Interview, problem_key
from .offline_parts import PH, TOT, route_facts, write_facts
from .profiles import Profile
from .types import DraftFinding
from .writer import Writer, self_name


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


def section_five(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
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
    elif (iv.last_year_text.get("五") or "").strip():  # last year's 五 named no problem the reader could split
        last = re.sub(r"\s+", "", iv.last_year_text["五"])[:40]
        w.add(PH.format(f"上年度问题的整改情况（去年第五部分：{last}…）") + "\n")
    else:
        w.add(PH.format(H.last_year_five(report)) + "\n")
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
    else:  # with the measures when both are missing: one placeholder
        w.add("【待补充：本年度存在的主要问题" + ("" if measures else "及改进措施"))
        _data_hint(w, report)
        w.add("】\n")
    if measures:
        w.add("改进措施：")
        seen = 0
        for i, m in enumerate(measures):
            w.add(f"{T.ORDINALS_TEN[i]}是").answer(m, "五2.2", seen).add("；" if i < len(measures) - 1 else "。")
            seen += len(extract_numbers(m))
        w.add("\n")
    elif problems:
        w.add(PH.format("改进措施") + "\n")


_FEW = 10


def _data_hint(w: Writer, report: Report) -> None:
    """What the tables suggest staff look at when naming this year's problems, with this agency's own figures, each
    bound to its cell (「（报表显示：行政复议结果纠正1件，办结136件中无法提供45件）」), inside the placeholder."""
    hints: list[tuple[str, Any, str, str]] = []  # (words before, value, cell id, words after)
    corrected = report.t4(L.T4_REVIEW, "结果纠正")
    if corrected:
        hints.append(("行政复议结果纠正", corrected, CellRef("table4", L.T4_REVIEW, "结果纠正").id, ""))
    done = report.t3(L.R_TOTAL) or 0
    # results that stand out among those closed: 无法提供 a quarter or more, the other refusals a tenth or more
    # (shares say something only over enough applications: ten or more closed)
    notable = [(g, v) for g, share in ((L.G_UNAVAILABLE, 4), (L.G_WITHHELD, 10), (L.G_NOT_HANDLED, 10), (L.G_OTHER, 10))
               if done >= _FEW and (v := group_sum(report, g) or 0) and v * share >= done]
    if notable:
        hints.append(("办结", done, CellRef("table3", L.R_TOTAL, TOT).id, ""))
        for i, (g, v) in enumerate(notable):
            hints.append((("中" if not i else "、") + T.GROUP_WORDS[g], v, group_id(report, g), ""))
    carried = report.t3(L.R_CARRIED_OUT) or 0
    if done >= _FEW and carried * 20 >= done + carried:  # a twentieth or more left for next year
        hints.append(("结转下年度", carried, CellRef("table3", L.R_CARRIED_OUT, TOT).id, ""))
    suits = sum_cells([report.t4(L.T4_SUIT_DIRECT), report.t4(L.T4_SUIT_AFTER)])
    if suits:
        ids = f"{CellRef('table4', L.T4_SUIT_DIRECT, '总计').id} + {CellRef('table4', L.T4_SUIT_AFTER, '总计').id}"
        hints.append(("被提起行政诉讼", suits, ids, ""))
    if report.t3(L.R_NEW) == 0:
        hints.append(("本年未收到政府信息公开申请", None, "", ""))
    if not hints:
        return
    w.add("（报表显示：")
    for i, (before, value, cell, after) in enumerate(hints):
        w.add("，" if i and not before.startswith(("中", "、")) else "").add(before)
        if value is not None:
            w.num(value, cell=cell)
        w.add(after)
    w.add("）")


def section_six(report: Report, previous: Optional[Report], facts: list[Any], w: Writer,
                 findings: list[DraftFinding], iv: Interview, prof: Profile, fact_ids: dict[str, Any]) -> None:
    me = self_name(report.agency)
    year = f"{report.year}年" if report.year else "本年度"
    routes = route_facts(facts)
    fee_facts = [f for f in routes["六"] if any(k in f.label for k in T.FEE_WORDS)]
    other = [f for f in routes["六"] if f not in fee_facts]
    fee_rows = L.t3_groups(report.template)[L.G_OTHER]
    unpaid_row = fee_rows[1] if len(fee_rows) == 3 else ""
    unpaid = report.t3(unpaid_row) if unpaid_row else None
    fee_answer = fact_ids.get("六1")
    w.add("（一）信息处理费收取情况\n")
    if fee_answer is not None or fee_facts:
        w.add(f"{year}，{me}")
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
    elif _no_applications(report):  # no application, so nothing could be charged: said from 表三's cells
        w.add(f"本年度没有政府信息公开申请，{me}未收取信息处理费")
        w.claims.append(_table_zero_claim(w, "未收取信息处理费"))
        w.add("。")
    else:
        if unpaid:
            w.add("发出收费通知后申请人逾期未缴费的申请").num(
                unpaid, cell=CellRef("table3", unpaid_row, TOT).id).add("。")
        w.add(PH.format("本年度收取信息处理费的情况" + _last_year(iv, "六1")))
    w.add("\n")
    n = 1
    missing = []
    asks = H.other_matters(report, prof)
    for key in ("六2", "六3", "六4"):
        q = next((x for x in iv.questions if x.id == key), None)
        if q is None:
            continue
        a = iv.answer(key)
        if a is None:  # the format asks for it; nothing says it: one placeholder for all such items, at the end
            missing.append(asks.get(key, q.label) + _last_year(iv, key))
            continue
        n += 1
        w.add(f"（{T.ORDINALS_TEN[n - 1]}）{q.label}情况\n")
        w.answer(str(a).strip().rstrip("。；"), key).add("。\n")
    if missing:
        w.add(f"（{T.ORDINALS_TEN[n]}）其他事项\n" + PH.format("；".join(missing)) + "\n")
    write_facts(w, other)


def _last_year(iv: Interview, qid: str) -> str:
    """「（去年：…）」 with last year's own sentence on the topic, or ''."""
    q = next((x for x in iv.questions if x.id == qid), None)
    last = re.sub(r"\s+", "", q.last_year).rstrip("。；") if q is not None else ""
    return f"（去年：{last[:40]}）" if last else ""


def _zero_claim(w: Writer, fid: str) -> Any:
    from report.claims import Claim

    return Claim(text="未收取信息处理费", value=0, start=w._len, end=w._len, status="verified", severity="info",
                 fact=fid, expected=0, message="数字来自工作人员提供的事实")



def _no_applications(report: Report) -> bool:
    return report.t3(L.R_NEW) == 0 and report.t3(L.R_CARRIED_IN) == 0


def _table_zero_claim(w: Writer, text: str) -> Any:
    """The zero 表三 states (新收 0, 上年结转 0), bound to its cell, for a sentence that writes no digit."""
    from report.claims import Claim

    return Claim(text=text, value=0, start=w._len, end=w._len, status="verified", severity="info",
                 cell=CellRef("table3", L.R_NEW, TOT).id, expected=0, message="数字来自报表单元格")
