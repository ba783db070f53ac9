"""Every official label of the 政府信息公开工作年度报告, in one place.

Source: 国办公开办函〔2021〕30号 (the 2021 format) and the 2019 trial format, as transcribed in
``../shared/spec/statutory_tables.md`` and ``../shared/spec/interchange.md``. Keys are exactly the
interchange keys (full-width punctuation). Nothing else in the project spells these labels out.
"""

from __future__ import annotations

from typing import Final

SCHEMA = "annual-report/1"

TEMPLATE_2021: Final = "2021"
TEMPLATE_2019: Final = "2019"
TEMPLATES = (TEMPLATE_2021, TEMPLATE_2019)

# ---------------------------------------------------------------- sections
SECTION_KEYS = ("一", "二", "三", "四", "五", "六")
SECTION_TITLES = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
# Sub-headings of section 一 named by the format: (一)…(五).
OVERVIEW_TOPICS = {
    "一": "主动公开政府信息情况",
    "二": "依申请公开政府信息情况",
    "三": "政府信息管理情况",
    "四": "政府信息公开平台建设情况",
    "五": "监督保障情况",
}

# ---------------------------------------------------------------- table 2 (主动公开)
T2_DOC_ROWS = ("规章", "行政规范性文件")  # 第二十条第（一）项
T2_DOC_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
T2_SINGLE_ROWS = ("行政许可", "行政处罚", "行政强制", "行政事业性收费")
T2_ITEM_OF = {  # 第二十条 item each row reports on
    "规章": "第二十条第（一）项",
    "行政规范性文件": "第二十条第（一）项",
    "行政许可": "第二十条第（五）项",
    "行政处罚": "第二十条第（六）项",
    "行政强制": "第二十条第（六）项",
    "行政事业性收费": "第二十条第（八）项",
}
T2_SINGLE_COLUMN = {
    "行政许可": "本年处理决定数量",
    "行政处罚": "本年处理决定数量",
    "行政强制": "本年处理决定数量",
    "行政事业性收费": "本年收费金额（单位：万元）",
}
T2_FEE = "行政事业性收费"

# 2019 trial format (kept so that old reports round-trip; the validators flag it in 2021+ reports).
T2_2019 = {
    "规章": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    "规范性文件": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    "行政许可": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "其他对外管理服务事项": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政处罚": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政强制": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政事业性收费": ("上一年项目数量", "本年增/减"),
    "政府集中采购": ("采购项目数量", "采购总金额"),
}

# ---------------------------------------------------------------- table 3 (依申请)
T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T3_APPLICANT_COLUMNS = T3_COLUMNS[:6]
T3_ORG_COLUMNS = T3_COLUMNS[1:6]  # 法人或其他组织
T3_TOTAL_COLUMN = "总计"

R_NEW = "一、本年新收政府信息公开申请数量"
R_CARRIED_IN = "二、上年结转政府信息公开申请数量"
R_RESULTS = "三、本年度办理结果"
R_TOTAL = "三、本年度办理结果/（七）总计"
R_CARRIED_OUT = "四、结转下年度继续办理"

G_PUBLIC = "（一）予以公开"
G_PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
G_WITHHELD = "（三）不予公开"
G_UNAVAILABLE = "（四）无法提供"
G_NOT_HANDLED = "（五）不予处理"
G_OTHER = "（六）其他处理"
G_TOTAL = "（七）总计"

_WITHHELD = (
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
)
_UNAVAILABLE = (
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
)
_NOT_HANDLED = (
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
)
_OTHER = (
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
)

# Result groups: group label -> its row paths (in order).
T3_GROUPS_2021: dict[str, tuple[str, ...]] = {
    G_PUBLIC: (f"{R_RESULTS}/{G_PUBLIC}",),
    G_PARTIAL: (f"{R_RESULTS}/{G_PARTIAL}",),
    G_WITHHELD: tuple(f"{R_RESULTS}/{G_WITHHELD}/{x}" for x in _WITHHELD),
    G_UNAVAILABLE: tuple(f"{R_RESULTS}/{G_UNAVAILABLE}/{x}" for x in _UNAVAILABLE),
    G_NOT_HANDLED: tuple(f"{R_RESULTS}/{G_NOT_HANDLED}/{x}" for x in _NOT_HANDLED),
    G_OTHER: tuple(f"{R_RESULTS}/{G_OTHER}/{x}" for x in _OTHER),
}
T3_GROUPS_2019 = dict(T3_GROUPS_2021)
T3_GROUPS_2019[G_OTHER] = (f"{R_RESULTS}/{G_OTHER}",)


def _rows(groups: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    out = [R_NEW, R_CARRIED_IN]
    for paths in groups.values():
        out.extend(paths)
    out += [R_TOTAL, R_CARRIED_OUT]
    return tuple(out)


T3_ROWS_2021 = _rows(T3_GROUPS_2021)  # 25 rows
T3_ROWS_2019 = _rows(T3_GROUPS_2019)  # 23 rows
T3_RESULT_ROWS_2021 = tuple(p for ps in T3_GROUPS_2021.values() for p in ps)  # 21 rows r03..r23
T3_RESULT_ROWS_2019 = tuple(p for ps in T3_GROUPS_2019.values() for p in ps)


def t3_rows(template: str = TEMPLATE_2021) -> tuple[str, ...]:
    return T3_ROWS_2019 if template == TEMPLATE_2019 else T3_ROWS_2021


def t3_groups(template: str = TEMPLATE_2021) -> dict[str, tuple[str, ...]]:
    return T3_GROUPS_2019 if template == TEMPLATE_2019 else T3_GROUPS_2021


def t3_result_rows(template: str = TEMPLATE_2021) -> tuple[str, ...]:
    return T3_RESULT_ROWS_2019 if template == TEMPLATE_2019 else T3_RESULT_ROWS_2021


def t3_short_label(path: str) -> str:
    """A row path's own label for messages: '（三）不予公开/1.属于国家秘密' -> '（三）不予公开 1.属于国家秘密'."""
    parts = path.split("/")
    if parts[0] == R_RESULTS and len(parts) > 1:
        parts = parts[1:]
    return " ".join(parts)


# ---------------------------------------------------------------- table 4 (复议诉讼)
T4_REVIEW = "行政复议"
T4_SUIT_DIRECT = "行政诉讼_未经复议直接起诉"
T4_SUIT_AFTER = "行政诉讼_复议后起诉"
T4_GROUPS = (T4_REVIEW, T4_SUIT_DIRECT, T4_SUIT_AFTER)
T4_GROUP_TITLES = {
    T4_REVIEW: "行政复议",
    T4_SUIT_DIRECT: "行政诉讼（未经复议直接起诉）",
    T4_SUIT_AFTER: "行政诉讼（复议后起诉）",
}
T4_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_TOTAL_COLUMN = "总计"

# ---------------------------------------------------------------- cell ids
TABLE_NAMES = {"table2": "表二", "table3": "表三", "table4": "表四"}

# ---------------------------------------------------------------- printed-template header texts (layout only)
# Header cells of the official tables that are not data keys (used by the Word/Excel/Markdown renderers).
T2_CONTENT_HEADER = "信息内容"
T2_2019_ITEM_OF = {  # 2019 trial format: 第二十条 item of each table-2 row
    "规章": "第二十条第（一）项",
    "规范性文件": "第二十条第（一）项",
    "行政许可": "第二十条第（五）项",
    "其他对外管理服务事项": "第二十条第（五）项",
    "行政处罚": "第二十条第（六）项",
    "行政强制": "第二十条第（六）项",
    "行政事业性收费": "第二十条第（八）项",
    "政府集中采购": "第二十条第（九）项",
}
T3_IDENTITY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT_HEADER = "申请人情况"
T3_ORG_HEADER = "法人或其他组织"
T4_SUIT = "行政诉讼"
T4_SUB_HEADERS = {T4_SUIT_DIRECT: "未经复议直接起诉", T4_SUIT_AFTER: "复议后起诉"}
