"""Questions about the project's own figures, answered by code from its tables (this year's and last year's).

「去年我们的依申请公开总数是多少？」 reads last year's report; 「今年予以公开占多少？」 divides the cell by the total
it is part of; 「复议有几件」 reads 表四. Every answer names the cells it used (their ``CellRef`` ids) and prints
numbers with ``fmt_number``; a sum goes through ``sum_cells`` (a blank makes it unknown, and the answer says so).
The model never computes these: chat answers them before a model is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from knowledge.lexical import DOMAIN_WORDS
from report.model import CellRef, Report, fmt_number, sum_cells, try_parse
from report.model import labels as L

from .factsheet import build_factsheet, group_id, group_sum, percent_change

SHARE_RE = re.compile(r"占比|占多少|占几|占百分之|占总数|占全部|所占|比例|比重|百分比|百分之几")
PREVIOUS_RE = re.compile(r"去年|上年(?!结转)|上一年(?!结转)|前一年|上年度(?!结转)")
COMPARE_RE = re.compile(r"比上年|比去年|较上年|较去年|同比|增长|下降|增加了|减少了|变化|增减")
FIGURE_RE = re.compile(r"多少|几件|几个|几起|几次|有几|数量|数字|总计|合计|总数|一共|共计|占比|占多少|比例|比重|增长|下降")
# another agency named in the question (芙蓉区、淮安市…): then it is about a stored report, not the project
AGENCY_RE = re.compile(r"([\u4e00-\u9fa5]{2,8}?)(区|县|市|州|旗)")
OWN_PREFIXES = ("我", "本", "全", "该", "我们", "咱", "各", "市", "县", "区")
# words that say nothing about which cell is meant
FILLER_RE = re.compile(r"比上年|比去年|较上年|较去年|同比|增长|下降|增加|减少|变化|增减|去年|今年|本年度|本年|上年度|"
                       r"上一年|我们|我单位|我区|我县|我市|咱们|的|是|有|多少|几件|几个|一共|共计|"
                       r"总共|请问|吗|呢|么|？|\?|。|，|占比|占多少|占|比例|比重|百分比|了")
# a question about a rule (how to count, whether to…), not about the project's figures
RULE_RE = re.compile(r"算几|算不算|算哪|怎么|如何|是否|要不要|能不能|可不可以|应当|应该|规定|哪一栏|哪一项|哪类|归哪")
SYNONYMS = {
    "收到": "本年新收", "新收": "本年新收", "受理": "本年新收", "依申请公开总数": "本年新收总计",
    "申请总数": "本年新收总计", "办结": "（七）总计", "答复": "（七）总计", "结转下年": "四、结转下年度",
    "上年结转": "二、上年结转", "复议": "表四行政复议", "诉讼": "行政诉讼", "规范性文件": "行政规范性文件",
    "收费": "行政事业性收费", "许可": "行政许可", "处罚": "行政处罚", "强制": "行政强制",
    "不予公开": "（三）不予公开", "无法提供": "（四）无法提供", "不予处理": "（五）不予处理",
    "部分公开": "（二）部分公开", "予以公开": "（一）予以公开", "纠正": "结果纠正", "维持": "结果维持",
    "未审结": "尚未审结",
}


@dataclass
class Candidate:
    id: str
    label: str
    value: Optional[float | int]
    ref: Optional[CellRef] = None


@dataclass
class FigureAnswer:
    text: str
    cells: list[str] = field(default_factory=list)


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[\s/、，。（）()：:？?_]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def names_other_agency(question: str, report: Optional[Report]) -> bool:
    own = (report.agency or "") if report is not None else ""
    for m in AGENCY_RE.finditer(question):
        name = m.group(0)
        if name.startswith(OWN_PREFIXES) or len(m.group(1)) < 2 or name in own:
            continue
        return True
    return False


def candidates(report: Report) -> list[Candidate]:
    """Every cell of the report (blank ones too, so that a blank is reported as blank) and the derived sums."""
    out: list[Candidate] = []
    seen: set[str] = set()
    for ln in build_factsheet(report).by_kind("cell", "derived"):
        if ln.id == "报告年度":
            continue
        out.append(Candidate(ln.id, ln.label, ln.value, try_parse(ln.id)))
        seen.add(ln.id)
    # the result groups and the 表四 行政诉讼 total even when a part is blank: their sum is then unknown
    # (sum_cells), and the answer says so instead of falling back to one of the parts
    for group, rows in L.t3_groups(report.template).items():
        gid = group_id(report, group)
        if len(rows) > 1 and gid not in seen:
            short = group.split("（区分")[0]
            out.append(Candidate(gid, f"表三 办理结果 {short}（各分项合计）", group_sum(report, group)))
            seen.add(gid)
    suits = f"{CellRef('table4', L.T4_SUIT_DIRECT, '总计').id} + {CellRef('table4', L.T4_SUIT_AFTER, '总计').id}"
    if suits not in seen:
        out.append(Candidate(suits, "表四 行政诉讼合计（未经复议直接起诉+复议后起诉）",
                             sum_cells((report.t4(L.T4_SUIT_DIRECT), report.t4(L.T4_SUIT_AFTER)))))
    for ref, v in report.cells():
        if ref.id not in seen:
            out.append(Candidate(ref.id, ref.id, v, ref))
    return out


def find(question: str, report: Report) -> Optional[Candidate]:
    """The cell (or derived sum) a question is about, or None when nothing matches well enough."""
    core = FILLER_RE.sub("", question)
    expanded = core + "".join(v for k, v in SYNONYMS.items() if k in question)
    q = _bigrams(expanded)
    need = _bigrams(core)
    if not q or not need:
        return None
    # a statutory term of the question (信息处理费, 政务新媒体…) that no table row or column carries means the
    # question is not about a table cell at all; the terms come from the retrieval vocabulary, not a list here
    terms = [w for w in DOMAIN_WORDS if len(w) >= 4 and w in question]
    best, best_score, best_cover = None, 0.0, 0.0
    for c in candidates(report):
        name = c.id + c.label
        if any(w not in name and not _covered(w, name) for w in terms):
            continue
        grams = _bigrams(name)
        score = float(len(q & grams))
        cover = len(need & grams) / len(need)
        if c.id.endswith("/总计"):
            score += 0.5
        for col in (*L.T3_APPLICANT_COLUMNS, "法人或其他组织", *L.T4_COLUMNS[:4]):
            short = col.removeprefix("结果")
            if col in c.id + c.label and short not in question:
                score -= 1.5  # a breakdown the question does not ask for
        if "各分项合计" in c.id or "合计" in c.label:
            score += 0.25  # the group total before any one of its sub-rows
        if score > best_score:
            best, best_score, best_cover = c, score, cover
    if best is None or best_score < 2 or best_cover < 0.3:
        return None
    return best


def _covered(term: str, name: str) -> bool:
    """A question term counts as present in a cell name when a synonym of it is (复议 -> 行政复议)."""
    grams = _bigrams(name)
    return any((k in term or term in k) and len(_bigrams(v) & grams) * 2 >= len(_bigrams(v))
               for k, v in SYNONYMS.items())


def _unit(cid: str) -> str:
    return "万元" if L.T2_FEE in cid else "件"


def _year_label(report: Report, fallback: str) -> str:
    return f"{report.year}年" if report.year else fallback


def denominator(c: Candidate, report: Report) -> Optional[Candidate]:
    """The total a cell is a part of: a 表三 result -> （七）总计; an applicant column -> its row's 总计;
    a 表四 column -> its group's 总计."""
    ref = c.ref
    cid = c.id
    if cid.startswith("表三/" + L.R_RESULTS) and not cid.startswith("表三/" + L.R_TOTAL):
        ref_total = CellRef("table3", L.R_TOTAL, "总计")
    elif ref is not None and ref.table == "table3" and ref.column != "总计":
        ref_total = CellRef("table3", ref.row, "总计")
    elif ref is not None and ref.table == "table4" and ref.column != "总计":
        ref_total = CellRef("table4", ref.row, "总计")
    elif ref is not None and ref.table == "table3" and ref.row == L.R_CARRIED_OUT:
        ref_total = CellRef("table3", L.R_NEW, "总计")
    else:
        return None
    return Candidate(ref_total.id, ref_total.id, report.get(ref_total), ref_total)


def answer(question: str, report: Optional[Report], previous: Optional[Report]) -> Optional[FigureAnswer]:
    """The answer to a question about the project's figures, or None when it is not one (or names no cell)."""
    if report is None or not FIGURE_RE.search(question) or RULE_RE.search(question) \
            or names_other_agency(question, report):
        return None
    compare = bool(COMPARE_RE.search(question))
    wants_previous = bool(PREVIOUS_RE.search(question)) and not compare
    years = [int(y) for y in re.findall(r"(20\d\d)\s*年", question)]
    if previous is not None and previous.year in years and report.year not in years:
        wants_previous = True
    if wants_previous and previous is None:
        c = find(question, report)
        if c is None:
            return None
        return FigureAnswer("当前项目没有载入上年度报告，无法回答上年的数字。可以在“本年数据”页从上年报告开始，"
                            f"或先询问本年的数字（本年 {c.label}）。")
    source = previous if wants_previous and previous is not None else report
    c = find(question, source)
    if c is None:
        return None
    which = f"{_year_label(source, '上年' if wants_previous else '本年')}（{'上年报告' if wants_previous else '本年报表'}）"
    unit = _unit(c.id)
    if c.value is None:
        return FigureAnswer(f"{which}{c.label}：该单元格为空白（未填报），无法给出数字。\n单元格：{c.id}", [c.id])
    if compare:
        return _compare(c, report, previous)
    if SHARE_RE.search(question):
        d = denominator(c, source)
        if d is None:
            return FigureAnswer(f"{which}{c.label}：**{fmt_number(c.value)}{unit}**（不清楚要与哪个总数相比，"
                                f"未计算占比）\n单元格：{c.id}", [c.id])
        if d.value is None or d.value == 0:
            why = "为空白" if d.value is None else "为0"
            return FigureAnswer(f"{which}{c.label}：{fmt_number(c.value)}{unit}；总数 {d.id} {why}，无法计算占比。\n"
                                f"单元格：{c.id}；{d.id}", [c.id, d.id])
        pct = round(c.value / d.value * 100, 2)
        return FigureAnswer(
            f"{which}{c.label}：**{fmt_number(c.value)}{unit}**，占 {fmt_number(d.value)}{unit} 的 "
            f"**{fmt_number(pct)}%**（{fmt_number(c.value)} ÷ {fmt_number(d.value)}，按两位小数）。\n"
            f"单元格：{c.id}；{d.id}", [c.id, d.id])
    return FigureAnswer(f"{which}{c.label}：**{fmt_number(c.value)}{unit}**\n单元格：{c.id}", [c.id])


def _compare(c: Candidate, report: Report, previous: Optional[Report]) -> FigureAnswer:
    unit = _unit(c.id)
    if previous is None:
        return FigureAnswer(f"本年{c.label}：{fmt_number(c.value)}{unit}；当前项目没有载入上年度报告，无法比较。\n"
                            f"单元格：{c.id}", [c.id])
    before = previous.get(c.ref) if c.ref is not None else None
    if before is None and c.ref is None:
        match = next((x for x in candidates(previous) if x.id == c.id), None)
        before = match.value if match else None
    if before is None:
        return FigureAnswer(f"本年{c.label}：{fmt_number(c.value)}{unit}；上年报告中该单元格为空白，无法比较。\n"
                            f"单元格：{c.id}", [c.id])
    now = c.value
    assert now is not None
    pct = percent_change(now, before)
    diff = now - before
    if pct is None:
        trend = f"上年为0，增加{fmt_number(diff)}{unit}" if diff else "持平"
    else:
        trend = "持平" if not pct else ("增长" if pct > 0 else "下降") + f"{fmt_number(abs(pct))}%"
    return FigureAnswer(f"{c.label}：本年**{fmt_number(now)}{unit}**，上年{fmt_number(before)}{unit}，{trend}"
                        f"（{fmt_number(now)} − {fmt_number(before)} = {fmt_number(diff)}）。\n"
                        f"单元格：{c.id}（本年、上年报告同一单元格）", [c.id])
