"""What a narrative metric means in the statutory tables: metric name -> candidate cells (or sums of cells).

Used by :mod:`report.claims`. A candidate is ``Target(expr, value, label)``: ``expr`` is a cell id or a sum of cell
ids joined by `` + `` (so a reviewer can follow it), ``value`` is None when any cell is blank, ``label`` is the
staff-facing Chinese name. Ambiguities of the N-1 caveat (statutory_tables.md §4) are explicit: ``received`` accepts
一 or 一+二, ``handled`` (办理) accepts 一, 一+二 or （七）总计.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Union

from report.model import labels as L
from report.model.cells import CellRef
from report.model.identities import sum_cells
from report.model.tables import Report

Number = Union[int, float]


class Target(NamedTuple):
    expr: str
    value: Optional[Number]
    label: str
    refs: tuple[CellRef, ...] = ()  # the cells the value is computed from (a sum: several)


def _t3(row: str, col: str = L.T3_TOTAL_COLUMN) -> CellRef:
    return CellRef("table3", row, col)


def _t4(group: str, col: str = L.T4_TOTAL_COLUMN) -> CellRef:
    return CellRef("table4", group, col)


def _target(report: Report, refs: list[CellRef], label: str) -> Target:
    """A sum of cells: unknown (None) when any is blank (:func:`report.model.sum_cells`)."""
    return Target(" + ".join(r.id for r in refs), sum_cells(report.get(r) for r in refs), label, tuple(refs))


T4_BREAKDOWN = {"t4_kept": "结果维持", "t4_corrected": "结果纠正", "t4_other": "其他结果", "t4_pending": "尚未审结"}

METRIC_NAMES = {
    "new": "本年新收申请数", "received": "收到（受理）申请数", "carried_in": "上年结转申请数",
    "answered": "本年度办理结果总计（办结/答复）", "handled": "办理申请数", "carried_out": "结转下年度继续办理数",
    "public": "予以公开数", "partial": "部分公开数", "public_and_partial": "予以公开与部分公开之和",
    "withheld": "不予公开数", "unavailable": "无法提供数", "not_handled": "不予处理数", "other_handling": "其他处理数", "row": "表三办理结果分项",
    "natural": "自然人申请数", "org": "法人或其他组织申请数", "review": "行政复议案件数", "suit": "行政诉讼案件数",
    "suit_direct": "未经复议直接起诉案件数", "suit_after": "复议后起诉案件数", "cases": "行政复议和行政诉讼案件总数",
    "procurement": "政府集中采购", "reg": "规章本年制发件数", "normative": "行政规范性文件本年制发件数", "permit": "行政许可本年处理决定数量",
    "penalty": "行政处罚本年处理决定数量", "coercion": "行政强制本年处理决定数量", "fee": "行政事业性收费金额（万元）",
}


# Keywords of single Table 3 result rows (the sub-items of （三）–（六）), as (regex, group label, item index).
T3_ROW_KEYWORDS = [
    (r"国家秘密", L.G_WITHHELD, 0), (r"法律行政法规禁止|法律、行政法规禁止", L.G_WITHHELD, 1),
    (r"三安全一稳定|危及国家安全", L.G_WITHHELD, 2), (r"第三方合法权益", L.G_WITHHELD, 3),
    (r"内部事务", L.G_WITHHELD, 4), (r"过程性信息", L.G_WITHHELD, 5), (r"行政执法案卷", L.G_WITHHELD, 6),
    (r"行政查询", L.G_WITHHELD, 7), (r"不掌握|信息不存在|未掌握", L.G_UNAVAILABLE, 0),
    (r"另行制作|没有现成信息|无现成信息", L.G_UNAVAILABLE, 1), (r"补正后[^，。；]{0,8}不明确", L.G_UNAVAILABLE, 2),
    (r"信访举报投诉|信访、举报、投诉|信访类|举报投诉", L.G_NOT_HANDLED, 0), (r"重复申请", L.G_NOT_HANDLED, 1),
    (r"公开出版物", L.G_NOT_HANDLED, 2), (r"大量反复", L.G_NOT_HANDLED, 3),
    (r"确认或重新出具", L.G_NOT_HANDLED, 4), (r"逾期不补正|逾期未补正|不补正", L.G_OTHER, 0),
    (r"逾期未缴纳|未缴纳|缴纳费用|收费通知", L.G_OTHER, 1),
]


def row_metric(group: str, index: int) -> str:
    return f"row:{group}:{index}"


def targets(report: Report, metric: str, *, group: Optional[str] = None, context: str = "") -> list[Target]:
    """Candidate table values for ``metric``; ``group`` is 'review'/'suit' for Table 4 breakdowns."""
    if metric.startswith("row:"):
        _, g, idx = metric.split(":")
        paths = L.t3_groups(report.template)[g]
        if int(idx) >= len(paths) or paths[int(idx)].count("/") < 2:  # 2019 format: （六） has no sub-rows
            return []
        path = paths[int(idx)]
        return [_target(report, [_t3(path)], f"表三“{L.t3_short_label(path)}”总计")]
    name = METRIC_NAMES.get(metric, metric.split(":")[-1])
    rows = L.t3_groups(report.template)
    new, both = [_t3(L.R_NEW)], [_t3(L.R_NEW), _t3(L.R_CARRIED_IN)]
    if metric == "new":
        return [_target(report, new, "表三“一、本年新收政府信息公开申请数量”总计")]
    if metric == "received":
        first = _target(report, new, "表三“一、本年新收”总计")
        if not first.value:  # nothing received this year (一 = 0): 收到N件 cannot be carried-in applications alone
            return [first]
        return [first, _target(report, both, "表三“一”与“二”总计之和")]
    if metric == "carried_in":
        return [_target(report, [_t3(L.R_CARRIED_IN)], "表三“二、上年结转政府信息公开申请数量”总计")]
    if metric == "answered":
        return [_target(report, [_t3(L.R_TOTAL)], "表三“（七）总计”")]
    if metric == "handled":
        return [_target(report, new, "表三“一、本年新收”总计"), _target(report, both, "表三“一”与“二”总计之和"),
                _target(report, [_t3(L.R_TOTAL)], "表三“（七）总计”")]
    if metric == "carried_out":
        return [_target(report, [_t3(L.R_CARRIED_OUT)], "表三“四、结转下年度继续办理”总计")]
    group_of = {"public": L.G_PUBLIC, "partial": L.G_PARTIAL, "withheld": L.G_WITHHELD,
                "unavailable": L.G_UNAVAILABLE, "not_handled": L.G_NOT_HANDLED, "other_handling": L.G_OTHER}
    if metric in group_of:
        g = group_of[metric]
        return [_target(report, [_t3(p) for p in rows[g]], f"表三“{g.split('（区分')[0]}”总计")]
    if metric == "public_and_partial":
        ids = [_t3(p) for g in (L.G_PUBLIC, L.G_PARTIAL) for p in rows[g]]
        return [_target(report, ids, "表三“（一）予以公开”与“（二）部分公开”之和")]
    if metric.startswith("applicant:"):  # one applicant column named on its own (商业企业1件)
        col = metric.split(":", 1)[1]
        return [_target(report, [_t3(L.R_NEW, col)], f"表三“一、本年新收”{col}"),
                _target(report, [_t3(r, col) for r in (L.R_NEW, L.R_CARRIED_IN)], f"表三“一”与“二”{col}")]
    if metric in ("natural", "org"):
        cols = ["自然人"] if metric == "natural" else list(L.T3_ORG_COLUMNS)
        return [_target(report, [_t3(L.R_NEW, c) for c in cols], f"表三“一、本年新收”{name}"),
                _target(report, [_t3(r, c) for r in (L.R_NEW, L.R_CARRIED_IN) for c in cols], f"表三“一”与“二”{name}")]
    if metric == "review":
        return [_target(report, [_t4(L.T4_REVIEW)], "表四 行政复议 总计")]
    if metric == "suit":
        return [_target(report, [_t4(L.T4_SUIT_DIRECT), _t4(L.T4_SUIT_AFTER)], "表四 行政诉讼（直接起诉与复议后起诉）总计之和")]
    if metric == "suit_direct":
        return [_target(report, [_t4(L.T4_SUIT_DIRECT)], "表四 未经复议直接起诉 总计")]
    if metric == "suit_after":
        return [_target(report, [_t4(L.T4_SUIT_AFTER)], "表四 复议后起诉 总计")]
    if metric == "cases":
        has_review, has_suit = "复议" in context, ("诉讼" in context or "起诉" in context)
        if has_review and not has_suit:
            return targets(report, "review")
        if has_suit and not has_review:
            return targets(report, "suit")
        ids = [_t4(g) for g in L.T4_GROUPS]
        return [_target(report, ids, "表四 行政复议、行政诉讼三个总计之和")]
    if metric in T4_BREAKDOWN:
        col = T4_BREAKDOWN[metric]
        if group == "review":
            return [_target(report, [_t4(L.T4_REVIEW, col)], f"表四 行政复议 {col}")]
        if group == "suit":
            return [_target(report, [_t4(L.T4_SUIT_DIRECT, col), _t4(L.T4_SUIT_AFTER, col)], f"表四 行政诉讼 {col}（两类之和）")]
        return []
    if metric == "procurement":  # 2019 format only: 政府集中采购 采购项目数量 / 采购总金额
        if report.template != L.TEMPLATE_2019 and "政府集中采购" not in report.table2:
            return []
        col = "采购总金额" if "金额" in context else "采购项目数量"
        return [_target(report, [CellRef("table2", "政府集中采购", col)], f"表二“政府集中采购”{col}")]
    t2 = {"permit": "行政许可", "penalty": "行政处罚", "coercion": "行政强制", "fee": L.T2_FEE}
    if metric in t2:
        if report.template == L.TEMPLATE_2019:  # 2019 trial format: the 处理决定数量 column of the same rows
            if "处理决定数量" not in L.T2_2019.get(t2[metric], ()):
                return []
            ref = CellRef("table2", t2[metric], "处理决定数量")
            return [_target(report, [ref], f"表二“{t2[metric]}”处理决定数量")]
        return [_target(report, [CellRef("table2", t2[metric])], f"表二“{t2[metric]}”")]
    if metric in ("reg", "normative") and report.template == L.TEMPLATE_2019:
        # 2019 trial format: 本年新制作数量 / 本年新公开数量 / 对外公开总数量, chosen by the act the clause names
        row = "规章" if metric == "reg" else "规范性文件"
        col = ("对外公开总数量" if re.search("累计|总数|总量|对外公开总", context) else
               "本年新公开数量" if re.search("公开|发布|上网|公布", context) else "本年新制作数量")
        return [_target(report, [CellRef("table2", row, col)], f"表二“{row}”{col}")]
    if metric in ("reg", "normative"):
        row = "规章" if metric == "reg" else "行政规范性文件"
        col = ("本年废止件数" if re.search("废止|失效", context) else
               "现行有效件数" if re.search("现行有效|现有有效|有效", context) else "本年制发件数")
        return [_target(report, [CellRef("table2", row, col)], f"表二“{row}”{col}")]
    return []


def doc_columns(report: Report, metric: str) -> list[Target]:
    """Every column of the 规章 / 规范性文件 row (``metric`` 'reg' or 'normative') in the report's format: 2021
    制发 / 废止 / 现行有效; 2019 新制作 / 新公开 / 对外公开总数 — for a count that names no column."""
    if report.template == L.TEMPLATE_2019:
        row = "规章" if metric == "reg" else "规范性文件"
        return [_target(report, [CellRef("table2", row, col)], f"表二“{row}”{col}") for col in L.T2_2019[row]]
    return [t for col in L.T2_DOC_COLUMNS for t in targets(report, metric, context=col)]


def rate_targets(report: Report, kind: str) -> list[Target]:
    """Percent candidates for 公开率 / 办结率, computed from Table 3 (None when a cell is blank or the base is 0)."""
    def pct(num: list[Target], den: list[Target], label: str) -> Target:
        n, d = num[0].value, den[0].value
        val = None if n is None or not d else round(100 * n / d, 6)
        return Target(f"({num[0].expr}) / ({den[0].expr}) × 100%", val, label, num[0].refs + den[0].refs)

    answered = targets(report, "answered")
    if kind == "public_rate":
        return [pct(targets(report, "public_and_partial"), answered, "（予以公开＋部分公开）÷办理结果总计"),
                pct(targets(report, "public"), answered, "予以公开÷办理结果总计")]
    if kind == "answered_rate":
        rec = targets(report, "handled")  # 一, 一+二 (and （七）总计, not used here)
        return [pct(answered, [rec[1]], "办理结果总计÷（新收＋上年结转）"), pct(answered, [rec[0]], "办理结果总计÷本年新收")]
    return []
