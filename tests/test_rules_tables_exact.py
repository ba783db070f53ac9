"""表二/表三/表四 rules and ``validate`` itself: every field of every finding (rule, severity, where, expected,
actual, cells, message), blank summaries at each level (table, column, row of two or more, cell, computable
total), cells the parser could not read, the agency-level heuristics, the fee-unit bounds on both sides, and the
order findings come out in.

Tables are filled here by hand (a consistent 表三 is built from one row of numbers), so every expected figure can
be checked by reading the test.
"""

import importlib

import pytest

from report.model import CellRef
from report.model import labels as L
from report.model.findings import Finding
from report.model.tables import Diagnostic, Report
from report.rules import table2 as R2
from report.rules import tables as R

V = importlib.import_module("report.rules.validate")  # the package re-exports the function under the same name

COLS = L.T3_COLUMNS
T4 = L.T4_COLUMNS


def F(rule, severity, where, message, expected=None, actual=None, cells=()):
    return Finding(rule=rule, severity=severity, where=where, expected=expected, actual=actual, message=message,
                   cells=list(cells))


def c3(row, col):
    return CellRef("table3", row, col).id


def c4(group, col):
    return CellRef("table4", group, col).id


def c2(row, col=None):
    return CellRef("table2", row, col).id


def full(agency="某县财政局", template="2021") -> Report:
    """A report whose three tables are filled and consistent: 一 5 (自然人 3, 商业企业 2), 二 0, all five decided
    予以公开, 四 0; 表四 行政复议 1 维持; 表二 all 0."""
    r = Report.blank(template, agency=agency, year=2024)
    rows = L.t3_rows(template)
    for row in rows:
        r.table3[row] = [0] * 7
    r.table3[L.R_NEW] = [3, 2, 0, 0, 0, 0, 5]
    r.table3[f"{L.R_RESULTS}/{L.G_PUBLIC}"] = [3, 2, 0, 0, 0, 0, 5]
    r.table3[L.R_TOTAL] = [3, 2, 0, 0, 0, 0, 5]
    for g in L.T4_GROUPS:
        r.table4[g] = [0] * 5
    r.table4[L.T4_REVIEW] = [1, 0, 0, 0, 1]
    for row in r.table2:
        r.table2[row] = dict.fromkeys(r.table2[row], 0) if isinstance(r.table2[row], dict) else 0
    return r


def test_the_full_report_is_clean():
    r = full()
    assert [(f.rule, f.where) for f in V.validate(r)] == [("sections_missing", "结构")]  # tables only, no text
    for rule in (R.table3_blanks, R.table3_values, R.table3_balance, R.table3_results_total, R.table3_row_totals,
                 R.table3_misplaced_column, R.table4_blanks, R.table4_values, R.table4_totals, R2.table2_values,
                 R2.table2_fee_unit, R2.table2_regulations):
        assert rule(r) == [], rule.__name__


# ---------------------------------------------------------------- small helpers
def test_pad_parts_text_more_less():
    assert R._pad(None, 3) == (None, None, None)
    assert R._pad([1], 3) == (1, None, None)
    assert R._pad([1, 2, 3], 3) == (1, 2, 3)
    assert R._pad((1, 2, 3, 4), 3) == (1, 2, 3)
    assert R._parts_text(["甲", "乙", "丙"], [1, 0, 2.5]) == "甲 1 + 丙 2.5"
    assert R._parts_text(["甲", "乙"], [0, None]) == "各项均为 0"
    assert (R._more_less(1), R._more_less(-1), R._more_less(2.5), R._more_less(None)) == ("多 1", "少 1", "多 2.5", "无法比较")
    assert R.blank_severity("draft") == "error" and R.blank_severity("audit") == "warning"


# ---------------------------------------------------------------- identities worded
def test_row_total_message():
    r = full()
    r.table3[L.R_NEW] = [1, 2, 0, 0, 0, 0, 4]
    cells = [c3(L.R_NEW, c) for c in ("总计", *COLS[:6])]
    assert R.table3_row_totals(r) == [F(
        "t3_row_total", "error", cells[0],
        "表三「一、本年新收政府信息公开申请数量」一行的总计填写为 4，但六类申请人之和为 3（自然人 1 + 商业企业 2），总计多 1。总计应为 3，或请核对各列。",
        expected=3, actual=4, cells=cells)]
    r.table3[L.R_NEW] = [0, 0, 0, 0, 0, 0, 1]
    assert R.table3_row_totals(r)[0].message == (
        "表三「一、本年新收政府信息公开申请数量」一行的总计填写为 1，但六类申请人之和为 0（各项均为 0），总计多 1。总计应为 0，或请核对各列。")


def test_two_failing_rows_are_both_reported():
    r = full()
    r.table3[L.R_NEW][6] = 6
    r.table3[L.R_CARRIED_OUT] = [1, 0, 0, 0, 0, 0, 0]
    assert [f.where for f in R.table3_row_totals(r)] == [c3(L.R_NEW, "总计"), c3(L.R_CARRIED_OUT, "总计")]


def test_balance_message():
    r = full()
    r.table3[L.R_CARRIED_OUT] = [1, 0, 0, 0, 0, 0, 1]
    cells = [c3(row, "自然人") for row in (L.R_NEW, L.R_CARRIED_IN, L.R_TOTAL, L.R_CARRIED_OUT)]
    found = R.table3_balance(r)
    assert found[0] == F(
        "t3_balance", "error", cells[0],
        "表三「自然人」列勾稽关系不平：一、本年新收（3）+ 二、上年结转（0）= 3，而（七）总计（3）+ 四、结转下年度继续办理（1）= 4，前者少 1。"
        "两边应相等，请核对这四个单元格。", expected=3, actual=4, cells=cells)
    assert [f.where for f in found] == [cells[0], c3(L.R_NEW, "总计")]


def test_results_total_message():
    r = full()
    r.table3[L.R_TOTAL] = [2, 2, 0, 0, 0, 0, 4]
    r.table3[L.R_NEW] = [2, 2, 0, 0, 0, 0, 4]  # 一 + 二 = （七）+ 四 still holds
    r.table3[L.R_CARRIED_OUT] = [0] * 7
    r.table3[L.R_CARRIED_IN] = [0] * 7
    found = R.table3_results_total(r)
    n = len(L.t3_result_rows("2021"))
    assert n == 21
    assert found[0] == F(
        "t3_results_total", "error", c3(L.R_TOTAL, "自然人"),
        f"表三「自然人」列（七）总计填写为 2，但 {n} 项办理结果之和为 3（（一）予以公开 3），（七）总计少 1。（七）总计应为 3，或请核对分项。",
        expected=3, actual=2, cells=found[0].cells)
    assert found[0].cells[0] == c3(L.R_TOTAL, "自然人") and len(found[0].cells) == n + 1
    assert [f.where for f in found] == [c3(L.R_TOTAL, "自然人"), c3(L.R_TOTAL, "总计")]


def test_table4_total_message():
    r = full()
    r.table4[L.T4_REVIEW] = [1, 1, 0, 0, 3]
    r.table4[L.T4_SUIT_AFTER] = [0, 0, 0, 2, 1]
    assert R.table4_totals(r) == [
        F("t4_total", "error", c4(L.T4_REVIEW, "总计"),
          "表四「行政复议」总计填写为 3，但结果维持、结果纠正、其他结果、尚未审结之和为 2（结果维持 1 + 结果纠正 1）。总计应为 2，或请核对分项。",
          expected=2, actual=3, cells=[c4(L.T4_REVIEW, c) for c in ("总计", *T4[:4])]),
        F("t4_total", "error", c4(L.T4_SUIT_AFTER, "总计"),
          "表四「行政诉讼（复议后起诉）」总计填写为 1，但结果维持、结果纠正、其他结果、尚未审结之和为 2（尚未审结 2）。总计应为 2，或请核对分项。",
          expected=2, actual=1, cells=[c4(L.T4_SUIT_AFTER, c) for c in ("总计", *T4[:4])]),
    ]


def test_misplaced_column_hint_for_either_identity():
    r = full()
    r.table3[L.R_NEW] = [2, 2, 0, 0, 0, 1, 5]  # one application moved from 自然人 to 其他 in row 一 only
    assert R.table3_misplaced_column(r) == [F(
        "t3_misplaced_column", "info", "表三/申请人列",
        "表三「一+二 与（七）总计+四」在 「自然人」-1，「其他」+1 列不平，但正负抵消、总计列平衡：可能有申请被填到了错误的申请人类别列，请按申请人身份核对这几列。",
        expected=0, actual={"自然人": -1, "其他": 1}, cells=[c3(L.R_TOTAL, "自然人"), c3(L.R_TOTAL, "其他")])]
    r = full()
    r.table3[f"{L.R_RESULTS}/{L.G_PUBLIC}"] = [2, 3, 0, 0, 0, 0, 5]  # moved within the results only
    [hint] = R.table3_misplaced_column(r)
    assert hint.message.startswith("表三「办理结果分项之和与（七）总计」在 「自然人」-1，「商业企业」+1 列不平")
    assert hint.actual == {"自然人": -1, "商业企业": 1}
    r = full()
    r.table3[L.R_NEW] = [2, 2, 0, 0, 0, 0, 5]  # 自然人 −1 with nothing to cancel it: no hint
    assert R.table3_misplaced_column(r) == []
    r.table3[L.R_NEW] = [2, 2, 0, 0, 0, 1, 6]  # 总计 column off as well: a real error, no hint
    assert R.table3_misplaced_column(r) == []


# ---------------------------------------------------------------- values
def test_bad_values_in_tables_three_and_four():
    r = full()
    r.table3[L.R_NEW][0] = -1
    r.table3[L.R_CARRIED_IN][1] = 2.5
    r.table3[L.R_CARRIED_IN][2] = 2.0  # a whole float is fine
    r.table4[L.T4_SUIT_DIRECT][1] = -2
    r.table4[L.T4_SUIT_DIRECT][2] = 0.5
    assert R.table3_values(r) == [
        F("bad_value", "error", c3(L.R_NEW, "自然人"), "表三「一、本年新收政府信息公开申请数量」「自然人」为负数（-1），件数和金额不能为负，请核对。",
          expected="非负数", actual=-1, cells=[c3(L.R_NEW, "自然人")]),
        F("bad_value", "error", c3(L.R_CARRIED_IN, "商业企业"),
          "表三「二、上年结转政府信息公开申请数量」「商业企业」为小数（2.5），此处应为件数（整数），请核对。", expected="整数", actual=2.5,
          cells=[c3(L.R_CARRIED_IN, "商业企业")]),
    ]
    assert R.table4_values(r) == [
        F("bad_value", "error", c4(L.T4_SUIT_DIRECT, "结果纠正"), "表四「行政诉讼（未经复议直接起诉）」「结果纠正」为负数（-2），件数和金额不能为负，请核对。",
          expected="非负数", actual=-2, cells=[c4(L.T4_SUIT_DIRECT, "结果纠正")]),
        F("bad_value", "error", c4(L.T4_SUIT_DIRECT, "其他结果"), "表四「行政诉讼（未经复议直接起诉）」「其他结果」为小数（0.5），此处应为件数（整数），请核对。",
          expected="整数", actual=0.5, cells=[c4(L.T4_SUIT_DIRECT, "其他结果")]),
    ]
    third = L.t3_rows("2021")[4]
    r = full()
    r.table3[third][6] = -3
    assert R.table3_values(r)[0].message == f"表三「{L.t3_short_label(third)}」「总计」为负数（-3），件数和金额不能为负，请核对。"
    assert L.t3_short_label(third) == "（三）不予公开 1.属于国家秘密"


# ---------------------------------------------------------------- blanks
def test_table4_wholly_blank():
    r = Report.blank()
    cells = [c4(g, c) for g in L.T4_GROUPS for c in T4]
    expected = F("blank_table", "warning", "表四", "表四全部空白（共 15 个单元格）。没有发生的事项请填 0，不要留空。",
                 expected="全部单元格填写数字", actual="全部空白", cells=cells)
    assert R.table4_blanks(r) == [expected]
    assert R.table4_blanks(r, "draft") == [expected.model_copy(update={"severity": "error"})]


def test_blank_total_column_with_parts_filled_is_an_error_with_the_sums():
    r = full()
    r.table4 = {L.T4_REVIEW: [1, 0, 0, 0, None], L.T4_SUIT_DIRECT: [0, 0, 0, 0, None], L.T4_SUIT_AFTER: [0, 2, 0, 0, None]}
    assert R.table4_blanks(r) == [F(
        "blank_total", "error", "表四/总计列",
        "表四「总计」列整列空白，但各分项已填写。总计应为各分项之和，按分项计算应填：行政复议 1；行政诉讼（未经复议直接起诉） 0；行政诉讼（复议后起诉） 2",
        expected={"行政复议": 1, "行政诉讼（未经复议直接起诉）": 0, "行政诉讼（复议后起诉）": 2}, actual=None,
        cells=[c4(g, "总计") for g in L.T4_GROUPS])]
    r.table4[L.T4_REVIEW][0] = None  # a part blank as well: that row's sum is unknown, the others are given
    found = R.table4_blanks(r)
    assert found[0].expected == {"行政诉讼（未经复议直接起诉）": 0, "行政诉讼（复议后起诉）": 2}
    assert found[1] == F("blank_cell", "warning", c4(L.T4_REVIEW, "结果维持"),
                         "表四「行政复议」「结果维持」单元格空白，应填写数字；没有发生的事项请填 0。", expected="数字（没有发生请填 0）",
                         cells=[c4(L.T4_REVIEW, "结果维持")])
    r.table4 = {g: [None, 0, 0, 0, None] for g in L.T4_GROUPS}  # parts blank in every row
    assert R.table4_blanks(r)[1] == F(
        "blank_total", "warning", "表四/总计列", "表四「总计」列整列空白，分项也有空白。请先补全分项，再按各分项之和填写总计。",
        expected={}, actual=None, cells=[c4(g, "总计") for g in L.T4_GROUPS])
    assert R.table4_blanks(r)[0] == F(
        "blank_column", "warning", "表四/结果维持列", "表四「结果维持」列整列空白（3 个单元格）。没有发生的事项请填 0。",
        expected="填写数字", actual="整列空白", cells=[c4(g, "结果维持") for g in L.T4_GROUPS])


def test_blank_rows_of_two_or_more_cells_and_single_cells():
    r = full()
    r.table4 = {L.T4_REVIEW: [None] * 5, L.T4_SUIT_DIRECT: [0, 0, 0, 0, 0], L.T4_SUIT_AFTER: [0, 0, 0, 0, 0]}
    assert R.table4_blanks(r, "draft") == [F(
        "blank_row", "error", f"表四/{L.T4_REVIEW}", "表四「行政复议」一行空白。没有发生的事项请填 0。", expected="填写数字",
        actual="整行空白", cells=[c4(L.T4_REVIEW, c) for c in T4])]
    # three columns wholly blank; what is left of row 行政复议 is two blank cells: still a blank row
    r.table4 = {L.T4_REVIEW: [None] * 5, L.T4_SUIT_DIRECT: [None, None, None, 0, 0], L.T4_SUIT_AFTER: [None, None, None, 0, 0]}
    found = R.table4_blanks(r)
    assert [f.rule for f in found] == ["blank_column"] * 3 + ["blank_row"]
    assert found[3].cells == [c4(L.T4_REVIEW, "尚未审结"), c4(L.T4_REVIEW, "总计")]
    # one cell left after the columns: a single blank cell, not a row
    r.table4 = {L.T4_REVIEW: [None, None, None, None, 0], L.T4_SUIT_DIRECT: [None, None, None, 0, 0],
                L.T4_SUIT_AFTER: [None, None, None, 0, 0]}
    assert [f.rule for f in R.table4_blanks(r)] == ["blank_column"] * 3 + ["blank_cell"]


def test_a_blank_total_cell_with_filled_parts():
    r = full()
    r.table4[L.T4_REVIEW] = [1, 2, 0, 0, None]
    assert R.table4_blanks(r) == [F(
        "blank_total", "error", c4(L.T4_REVIEW, "总计"), "表四「行政复议」「总计」为总计单元格，却留空；按已填分项计算应为 3。",
        expected=3, actual=None, cells=[c4(L.T4_REVIEW, "总计")])]
    r = full()
    r.table3[L.R_TOTAL][0] = None  # the （七）总计 row: the sum of the result rows
    r.table3[L.R_NEW][6] = None
    assert R.table3_blanks(r) == [
        F("blank_total", "error", c3(L.R_NEW, "总计"), "表三「一、本年新收政府信息公开申请数量」「总计」为总计单元格，却留空；按已填分项计算应为 5。",
          expected=5, actual=None, cells=[c3(L.R_NEW, "总计")]),
        F("blank_total", "error", c3(L.R_TOTAL, "自然人"), "表三「（七）总计」「自然人」为总计单元格，却留空；按已填分项计算应为 3。",
          expected=3, actual=None, cells=[c3(L.R_TOTAL, "自然人")]),
    ]


def test_cells_the_parser_could_not_read_are_not_blanks():
    r = full()
    a, b, filled = c3(L.R_NEW, "自然人"), c3(L.R_NEW, "商业企业"), c3(L.R_NEW, "总计")
    r.table3[L.R_NEW][0] = r.table3[L.R_NEW][1] = None
    r.table4[L.T4_REVIEW][0] = None
    r.diagnostics = [
        Diagnostic(code="t3_cell", severity="warning", message="第一行前两格无法读出", cells=[a, b, filled, ""]),
        Diagnostic(code="t3_again", severity="error", message="再次提到", cells=[a]),
        Diagnostic(code="t4_note", severity="info", message="只是提示", cells=[c4(L.T4_REVIEW, "结果维持")]),
    ]
    assert R.unread_of(r, "table3") == {a: "第一行前两格无法读出", b: "第一行前两格无法读出"}
    assert R.unread_of(r, "table4") == {}
    assert R.unread_of(r, "table2") == {}
    assert R.table3_blanks(r) == [F(
        "unread_cells", "warning", "表三",
        "表三有 2 个单元格解析时未能读出（解析提示：第一行前两格无法读出）。这不是报告本身的空白，已不作空白处理；请对照原文核对这些单元格。",
        expected="对照原文核对", actual="未读出", cells=sorted([a, b]))]
    r.diagnostics[1] = Diagnostic(code="t3_again", severity="error", message="再次提到", cells=[a, c3(L.R_CARRIED_IN, "自然人")])
    r.table3[L.R_CARRIED_IN][0] = None
    [head] = R.table3_blanks(r)
    assert head.message.startswith("表三有 3 个单元格解析时未能读出（解析提示：第一行前两格无法读出；再次提到）。")
    assert R.table4_blanks(r)[0].rule == "blank_cell"  # an info diagnostic does not make a cell unread


def test_validate_replaces_blank_findings_about_unread_cells_by_one_warning():
    r = full()
    names = [c4(L.T4_REVIEW, c) for c in T4] + [c4(L.T4_SUIT_DIRECT, c) for c in T4[:2]]
    r.table4[L.T4_REVIEW] = [None] * 5
    r.table4[L.T4_SUIT_DIRECT][:2] = [None, None]
    r.diagnostics = [Diagnostic(code="t4_unread", severity="warning", message="表四无法读出", cells=names)]
    blank_row = F("blank_row", "warning", "x", "m", cells=names[:5])
    partial = F("blank_cell", "warning", "y", "m", cells=[names[0], c3(L.R_NEW, "自然人")])
    other = F("t4_total", "error", "z", "m", cells=names[:1])
    kept = V.not_the_reports_blanks(r, [blank_row, partial, other])
    assert kept == [partial, other, F(
        "unread_cells", "warning", "解析", f"有 7 个单元格未能从原文读出（解析问题，不是报告留空），未作空白检查，请对照原文核实：{'、'.join(sorted(names)[:6])}等。",
        expected="原文中的数字", actual=None, cells=sorted(names))]
    r.table4[L.T4_SUIT_DIRECT][1] = 0  # six unread cells: all named, no 「等」
    assert V.not_the_reports_blanks(r, [])[0].message.endswith(f"{'、'.join(sorted(names[:6]))}。")
    r.diagnostics = []
    assert V.not_the_reports_blanks(r, [blank_row]) == [blank_row]


# ---------------------------------------------------------------- 表二
@pytest.mark.parametrize("agency,level", [
    (None, "unknown"), ("", "unknown"), ("某市高新区管委会", "unknown"), ("某镇人民政府", "county"), ("某街道办事处", "county"),
    ("某县财政局", "county"), ("某旗人民政府", "county"), ("某市某区人民政府", "county"), ("某区人民政府", "county"),
    ("某区政府", "county"), ("某区财政局", "unknown"), ("某州某区卫健委", "county"), ("某市财政局", "city_or_above"),
    ("某省人民政府", "city_or_above"), ("某某中心", "unknown"), ("某市财政局（县级）", "city_or_above"),
    ("某地区行署", "city_or_above"),
])
def test_agency_level(agency, level):
    assert R2.agency_level(agency) == level


def test_table2_shape_reads_its_own_rows():
    r = Report.blank()
    assert R2.table2_shape(r) == "2021"
    r.table2 = {"规范性文件": {}}
    assert R2.table2_shape(r) == "2019"
    r.table2 = {"规范性文件": {}, "行政规范性文件": {}}
    assert R2.table2_shape(r) == "2021"
    r.table2 = {"行政许可": 1}
    assert R2.table2_shape(r) == "2021"
    r.template = "2019"
    assert R2.table2_shape(r) == "2019"


T2_IDS = [c2(r, c) for r in L.T2_DOC_ROWS for c in L.T2_DOC_COLUMNS] + [c2(r) for r in L.T2_SINGLE_ROWS]


def test_table2_wholly_blank_and_single_blanks():
    r = Report.blank()
    expected = F("blank_table", "warning", "表二", "表二全部空白（共 10 个单元格）。没有发生的事项请填 0，不要留空。",
                 expected="全部单元格填写数字", actual="全部空白", cells=T2_IDS)
    assert R2.table2_values(r) == [expected]
    assert R2.table2_values(r, "draft") == [expected.model_copy(update={"severity": "error"})]
    r = full()
    r.table2["规章"]["本年制发件数"] = None
    r.table2["行政许可"] = {"本年处理决定数量": 3}  # a single row written as a dict: not readable, blank
    assert R2.table2_values(r, "draft") == [
        F("blank_cell", "error", c2("规章", "本年制发件数"), "表二「规章」「本年制发件数」空白，应填写数字；没有发生的事项请填 0。",
          expected="数字（没有发生请填 0）", cells=[c2("规章", "本年制发件数")]),
        F("blank_cell", "error", c2("行政许可"), "表二「行政许可」空白，应填写数字；没有发生的事项请填 0。",
          expected="数字（没有发生请填 0）", cells=[c2("行政许可")]),
    ]
    r.table2["规章"] = None  # a document row that is not a row: its three cells are blank
    assert [f.where for f in R2.table2_values(r)][:3] == [c2("规章", c) for c in L.T2_DOC_COLUMNS]


def test_table2_values_and_unread_cells():
    r = full()
    r.table2["行政许可"] = -1
    r.table2["规章"]["本年制发件数"] = 2.5
    r.table2[L.T2_FEE] = 1.5  # 万元: decimals allowed
    r.table2["行政处罚"] = None
    r.diagnostics = [Diagnostic(code="t2_cell", severity="warning", message="表二行政处罚未读出", cells=[c2("行政处罚")])]
    assert R2.table2_values(r) == [
        F("unread_cells", "warning", "表二",
          "表二有 1 个单元格解析时未能读出（解析提示：表二行政处罚未读出）。这不是报告本身的空白，已不作空白处理；请对照原文核对这些单元格。",
          expected="对照原文核对", actual="未读出", cells=[c2("行政处罚")]),
        F("bad_value", "error", c2("规章", "本年制发件数"), "表二「规章」「本年制发件数」为小数（2.5），此处应为件数（整数），请核对。",
          expected="整数", actual=2.5, cells=[c2("规章", "本年制发件数")]),
        F("bad_value", "error", c2("行政许可"), "表二「行政许可」为负数（-1），件数和金额不能为负，请核对。", expected="非负数",
          actual=-1, cells=[c2("行政许可")]),
    ]
    r.table2[L.T2_FEE] = -0.5
    assert R2.table2_values(r)[-1].message == "表二「行政事业性收费」为负数（-0.5），件数和金额不能为负，请核对。"


def test_table2_values_in_the_2019_shape():
    r = Report.blank("2019", agency="某县人民政府", year=2020)
    for row, cols in L.T2_2019.items():
        r.table2[row] = dict.fromkeys(cols, 0)
    r.table2["行政许可"]["本年增/减"] = -2  # a signed change: fine
    r.table2["其他对外管理服务事项"]["本年增/减"] = 2.5
    r.table2["行政处罚"]["上一年项目数量"] = -1
    r.table2["政府集中采购"]["采购总金额"] = 12.5  # money: decimals allowed
    r.table2["政府集中采购"]["采购项目数量"] = 1.5
    cid = c2("其他对外管理服务事项", "本年增/减")
    assert R2.table2_values(r) == [
        F("bad_value", "error", cid, "表二「其他对外管理服务事项」「本年增/减」为小数（2.5），此处应为事项数量的增减（整数），请核对。",
          expected="整数", actual=2.5, cells=[cid]),
        F("bad_value", "error", c2("行政处罚", "上一年项目数量"), "表二「行政处罚」「上一年项目数量」为负数（-1），件数和金额不能为负，请核对。",
          expected="非负数", actual=-1, cells=[c2("行政处罚", "上一年项目数量")]),
        F("bad_value", "error", c2("政府集中采购", "采购项目数量"), "表二「政府集中采购」「采购项目数量」为小数（1.5），此处应为件数（整数），请核对。",
          expected="整数", actual=1.5, cells=[c2("政府集中采购", "采购项目数量")]),
    ]
    r.table2["规章"] = None
    assert [f.where for f in R2.table2_values(r)][:3] == [c2("规章", c) for c in L.T2_2019["规章"]]
    assert R2.table2_fee_unit(r) == [] and R2.table2_regulations(r) == []


FEE = c2(L.T2_FEE)


def test_fee_unit_from_the_narrative_and_its_tolerance():
    r = full(agency="某县财政局")
    r.table2[L.T2_FEE] = 12345
    r.sections = {"一": "其他。", "六": "本年度收取行政事业性收费12,345元。"}
    assert R2.table2_fee_unit(r) == [F(
        "fee_unit", "warning", FEE, "表二「行政事业性收费」填写为 12345，正文写明收费 12,345元，表中数字像是按“元”填写的。表二该栏单位为万元，应填 1.2345。",
        expected=1.2345, actual=12345, cells=[FEE])]
    r.sections["六"] = "行政事业性收费共计1.2345万元。"
    assert R2.table2_fee_unit(r)[0].message.endswith("正文写明收费 1.2345万元，表中数字像是按“元”填写的。表二该栏单位为万元，应填 1.2345。")
    for fee in (12345.5, 12346, 12344.5):  # 0.5 or more away from the narrative's figure: not the same amount
        r.table2[L.T2_FEE] = fee
        r.sections["六"] = "行政事业性收费12345元。"
        assert R2.table2_fee_unit(r) == [], fee
    r.table2[L.T2_FEE] = 12345.4
    assert len(R2.table2_fee_unit(r)) == 1
    r.table2[L.T2_FEE] = 0
    assert R2.table2_fee_unit(r) == []


def test_fee_unit_implausibly_large():
    r = full(agency="某县财政局")
    r.table2[L.T2_FEE] = 200_000
    assert R2.table2_fee_unit(r) == []
    r.table2[L.T2_FEE] = 200_001
    assert R2.table2_fee_unit(r) == [F(
        "fee_unit", "warning", FEE, "表二「行政事业性收费」为 200001 万元（约 20 亿元），对县（区）级机关而言异常偏大，可能误按“元”填写。"
        "该栏单位为万元，按元计应填 20.0001，请核对。", expected="不超过 200000 万元", actual=200_001, cells=[FEE])]
    r.agency = "某市财政局"
    assert R2.table2_fee_unit(r) == []
    r.table2[L.T2_FEE] = 10_000_001
    assert R2.table2_fee_unit(r) == [F(
        "fee_unit", "warning", FEE, "表二「行政事业性收费」为 10000001 万元（约 1000 亿元），对任何机关而言异常偏大，可能误按“元”填写。"
        "该栏单位为万元，按元计应填 1000.0001，请核对。", expected="不超过 10000000 万元", actual=10_000_001, cells=[FEE])]


def test_regulations_at_county_level():
    r = full(agency="某县财政局")
    r.table2["规章"] = {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 3}
    cells = [c2("规章", "本年制发件数"), c2("规章", "现行有效件数")]
    assert R2.table2_regulations(r) == [F(
        "t2_regulations_county", "warning", cells[0],
        "某县财政局属县（区）级及以下机关，没有规章制定权，但表二「规章」行填写了 本年制发件数 2、现行有效件数 3。规章数应为 0；本级制发的文件请填在「行政规范性文件」行。",
        expected=0, actual={"本年制发件数": 2, "现行有效件数": 3}, cells=cells)]
    r.table2["规章"] = {"备注": 1}  # a column the template does not have
    [f] = R2.table2_regulations(r)
    assert (f.where, f.cells, f.actual) == ("表二/规章", [], {"备注": 1})
    r.table2["规章"] = 5
    assert R2.table2_regulations(r) == []
    r.table2["规章"] = {"本年制发件数": 2}
    r.agency = "某市财政局"
    assert R2.table2_regulations(r) == []


# ---------------------------------------------------------------- validate: modes, order, parser diagnostics
def test_cell_order_is_table_order():
    order = V._cell_order()
    ids = list(order)
    assert ids[:4] == [c2("规章", "本年制发件数"), c2("规章", "本年废止件数"), c2("规章", "现行有效件数"), c2("行政规范性文件", "本年制发件数")]
    assert ids[6:10] == [c2(r) for r in L.T2_SINGLE_ROWS]
    rows = list(L.T3_ROWS_2021) + ["三、本年度办理结果/（六）其他处理"]
    assert ids[10:10 + 7 * len(rows)] == [c3(r, c) for r in rows for c in COLS]
    assert ids[10 + 7 * len(rows):] == [c4(g, c) for g in L.T4_GROUPS for c in T4]
    assert list(order.values()) == list(range(len(ids)))
    assert V._CELL_ORDER == order


def test_findings_sorted_by_severity_part_and_position():
    def f(sev, where, cells=()):
        return F("r", sev, where, "m", cells=cells)

    found = [f("info", "结构"), f("warning", "sections.三[0:2]"), f("warning", "sections.一[5:6]"), f("warning", "表四"),
             f("warning", c3(L.R_CARRIED_IN, "自然人")), f("warning", c3(L.R_NEW, "商业企业")), f("warning", "解析"),
             f("warning", "其他"), f("warning", "跨年度"), f("warning", "closing"), f("warning", "表三/申请人列", [c3(L.R_NEW, "自然人")]),
             f("warning", c2("行政许可")), f("warning", "标题"), f("error", "sections.二"), f("warning", "sections.x"),
             f("warning", c4(L.T4_REVIEW, "总计")), f("warning", "preamble[0:1]")]
    ordered = sorted(found, key=V._order)
    assert [(x.severity, x.where) for x in ordered] == [
        ("error", "sections.二"),
        ("warning", "标题"), ("warning", "preamble[0:1]"),
        ("warning", c2("行政许可")),
        ("warning", "表三/申请人列"), ("warning", c3(L.R_NEW, "商业企业")), ("warning", c3(L.R_CARRIED_IN, "自然人")),
        ("warning", "表四"), ("warning", c4(L.T4_REVIEW, "总计")),
        ("warning", "sections.一[5:6]"), ("warning", "sections.x"), ("warning", "sections.三[0:2]"),
        ("warning", "closing"), ("warning", "跨年度"), ("warning", "解析"), ("warning", "其他"),
        ("info", "结构"),
    ]
    assert V._order(f("warning", "sections.x")) == (1, 4, 0) and V._order(f("warning", "其他")) == (1, 8, 0)
    assert V._order(f("info", "sections.六")) == (2, 4, 5)


def test_parser_errors_become_findings():
    r = full()
    r.diagnostics = [Diagnostic(code="t3_unreadable", severity="error", message="表三无法读取", where="表三"),
                     Diagnostic(code="no_where", severity="error", message="无位置"),
                     Diagnostic(code="t3_layout", severity="warning", message="只是警告"),
                     Diagnostic(code="section_order", severity="error", message="顺序")]
    assert V.parse_diagnostics(r) == [F("parse:t3_unreadable", "error", "表三", "表三无法读取"),
                                      F("parse:no_where", "error", "解析", "无位置")]


def test_validate_modes_and_previous():
    r = full()
    with pytest.raises(ValueError) as exc:
        V.validate(r, mode="publish")
    assert str(exc.value) == "mode 应为 audit 或 draft，而不是 'publish'"
    r.table2["行政许可"] = None
    r.table4[L.T4_REVIEW][1] = None
    audit = [(f.rule, f.severity, f.where) for f in V.validate(r) if f.rule == "blank_cell"]
    assert audit == [("blank_cell", "warning", c2("行政许可")), ("blank_cell", "warning", c4(L.T4_REVIEW, "结果纠正"))]
    draft = [(f.rule, f.severity, f.where) for f in V.validate(r, mode="draft") if f.rule == "blank_cell"]
    assert draft == [("blank_cell", "error", c2("行政许可")), ("blank_cell", "error", c4(L.T4_REVIEW, "结果纠正"))]
    prev = full()
    prev.year = 2023
    prev.table3[L.R_CARRIED_OUT][0] = 4
    rules = [f.rule for f in V.validate(r, prev)]
    assert "carry_over" in rules and "blank_cell" in rules and "sections_missing" in rules
    assert V.summarise(V.validate(r, prev)) == {"error": rules.count("carry_over"), "warning": 3, "info": 0, "total": len(rules)}


# ---------------------------------------------------------------- what the first mutation run left alive
def test_narrative_findings_keep_section_order_whatever_their_cells():
    """A narrative number is about a table cell, but it is shown with its section: section 一 before section 三."""
    later_cell = F("narrative_number", "error", "sections.一[0:3]", "m", cells=[c4(L.T4_REVIEW, "总计")])
    no_cell = F("narrative_number", "error", "sections.三[0:3]", "m")
    early_cell = F("narrative_number", "error", "sections.五[0:3]", "m", cells=[c2("规章", "本年制发件数")])
    assert sorted([early_cell, no_cell, later_cell], key=V._order) == [later_cell, no_cell, early_cell]


def test_a_finding_placed_by_its_first_cell():
    by_cell = F("r", "warning", "表三/申请人列", "m", cells=[c3(L.R_CARRIED_IN, "自然人")])
    direct = F("r", "warning", c3(L.R_NEW, "商业企业"), "m")
    assert sorted([by_cell, direct], key=V._order) == [direct, by_cell]


def test_validate_passes_mode_and_previous_to_the_narrative_check(monkeypatch):
    RT = importlib.import_module("report.rules.text")
    seen = []

    class Claim:
        text, value, start, end, status, severity, cell, cells, expected, message = (
            "5件", 5, 0, 2, "unverifiable", None, None, (), None, "无法核对")

    def fake(report, previous=None):
        seen.append(previous)
        return [("一", Claim())]

    monkeypatch.setattr(RT, "report_claims", fake)
    r, prev = full(), full()
    prev.year = 2023
    assert [f.rule for f in V.validate(r, prev, mode="draft") if f.rule.startswith("narrative")] == ["narrative_unverified"]
    assert [f.rule for f in V.validate(r, prev) if f.rule.startswith("narrative")] == []
    assert seen == [prev, prev]


def test_a_blank_finding_exactly_about_the_unread_cells_is_dropped():
    r = full()
    names = [c4(L.T4_REVIEW, c) for c in T4]
    r.table4[L.T4_REVIEW] = [None] * 5
    r.diagnostics = [Diagnostic(code="t4_unread", severity="warning", message="表四无法读出", cells=names)]
    exact = F("blank_row", "warning", f"表四/{L.T4_REVIEW}", "m", cells=names)
    assert [f.rule for f in V.not_the_reports_blanks(r, [exact])] == ["unread_cells"]
    assert R.table4_blanks(r) == [F(
        "unread_cells", "warning", "表四",
        "表四有 5 个单元格解析时未能读出（解析提示：表四无法读出）。这不是报告本身的空白，已不作空白处理；请对照原文核对这些单元格。",
        expected="对照原文核对", actual="未读出", cells=sorted(names))]


def test_an_info_diagnostic_first_does_not_hide_the_warning_after_it():
    r = full()
    a = c3(L.R_NEW, "自然人")
    r.table3[L.R_NEW][0] = None
    r.diagnostics = [Diagnostic(code="note", severity="info", message="提示", cells=[a]),
                     Diagnostic(code="t3_cell", severity="warning", message="未读出", cells=[a])]
    assert R.unread_of(r, "table3") == {a: "未读出"}


def test_misplaced_hint_from_the_results_even_when_the_balance_total_is_off():
    r = full()
    r.table3[f"{L.R_RESULTS}/{L.G_PUBLIC}"] = [2, 3, 0, 0, 0, 0, 5]
    r.table3[L.R_CARRIED_OUT] = [0, 0, 0, 0, 0, 0, 1]  # the 总计 column of 一+二 = （七）+四 fails too
    assert [h.actual for h in R.table3_misplaced_column(r)] == [{"自然人": -1, "商业企业": 1}]


def test_results_total_names_the_parts_of_the_2019_rows():
    r = full(template="2019")
    other = f"{L.R_RESULTS}/{L.G_OTHER}"
    r.table3[other] = [1, 0, 0, 0, 0, 0, 1]  # （六）其他处理 is one row in the 2019 format
    [f] = [x for x in R.table3_results_total(r) if x.where == c3(L.R_TOTAL, "自然人")]
    assert "（一）予以公开 3 + （六）其他处理 1）" in f.message and (f.expected, f.actual) == (4, 3)


def test_fee_unit_expected_and_shown_to_six_decimals():
    r = full(agency="某县财政局")
    r.table2[L.T2_FEE] = 1234.567
    r.sections = {"六": "行政事业性收费1234.567元。"}
    [f] = R2.table2_fee_unit(r)
    assert f.expected == 0.123457 and f.message.endswith("表二该栏单位为万元，应填 0.123457。")
    r.sections = {}
    r.table2[L.T2_FEE] = 212_345.678
    [f] = R2.table2_fee_unit(r)
    assert f.message == ("表二「行政事业性收费」为 212345.678 万元（约 21.23 亿元），对县（区）级机关而言异常偏大，可能误按“元”填写。"
                         "该栏单位为万元，按元计应填 21.234568，请核对。")


@pytest.mark.parametrize("agency,level", [("某区人民政府（本级）", "county"), ("某市某区财政局", "county")])
def test_agency_level_more(agency, level):
    assert R2.agency_level(agency) == level


def test_2019_values_go_on_past_a_blank_cell():
    r = Report.blank("2019", agency="某县人民政府", year=2020)
    for row, cols in L.T2_2019.items():
        r.table2[row] = dict.fromkeys(cols, 0)
    r.table2["规章"]["本年新制作数量"] = None
    r.table2["行政处罚"]["上一年项目数量"] = -1
    assert [f.rule for f in R2.table2_values(r)] == ["blank_cell", "bad_value"]
