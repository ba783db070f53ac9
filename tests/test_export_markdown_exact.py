"""Markdown export and the grid helpers, line by line: the whole document of a small report written out by hand
(both 表二 formats), escaping of what report text may carry, titles with missing parts, and the frame helpers'
edge cases (pandas-like rows, NaN, blank marks, old grid diagnostics replaced, wrong row counts refused)."""

import pytest

from report import Report
from report.export.markdown import (
    GRID_DIAGNOSTIC,
    _md_table,
    apply_table2_frame,
    apply_table3_frame,
    apply_table4_frame,
    report_title,
    safe_text,
    table2_frame,
    table3_frame,
    to_markdown,
)
from report.model import labels as L
from report.model.tables import Diagnostic

T3_HEAD = ["|  | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |", "|---|---|---|---|---|---|---|---|"]
T4_BLOCK = [
    "|  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |", "|---|---|---|---|---|---|",
    "| 行政复议 | 1 |  |  |  | 1 |", "| 行政诉讼（未经复议直接起诉） |  |  |  |  |  |", "| 行政诉讼（复议后起诉） |  |  |  |  |  |",
]


def t3_lines(report: Report, filled: dict[str, str]) -> list[str]:
    """The 表三 rows: labels joined with ' / ', every cell empty except the rows given."""
    return [f"| {' / '.join(p.split('/'))} |" + (f" {filled[p]} |" if p in filled else "  |" * 7)
            for p in L.t3_rows(report.template)]


def small() -> Report:
    r = Report.blank(agency="某县人民政府", year=2024)
    r.preamble = "  本报告依据条例编制。\n"
    r.sections["一"] = "\n（一）主动公开 <b>12</b> 条。\n"
    r.sections["六"] = "未收取信息处理费。"
    r.closing = "某县人民政府\n2025年1月20日\n\n"
    r.table2["规章"]["本年制发件数"] = 1
    r.table2[L.T2_FEE] = 1.5
    r.table3[L.R_NEW] = [1, 2, 0, 0, 0, 0, 3]
    r.table4[L.T4_REVIEW] = [1, None, None, None, 1]
    return r


def test_the_whole_markdown_of_a_small_report():
    r = small()
    expected = [
        "# 某县人民政府2024年政府信息公开工作年度报告", "",
        "本报告依据条例编制。", "",
        "## 一、总体情况", "",
        "（一）主动公开 &lt;b&gt;12&lt;/b&gt; 条。", "",
        "## 二、主动公开政府信息情况", "",
        "**第二十条第（一）项**", "",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|",
        "| 规章 | 1 |  |  |", "| 行政规范性文件 |  |  |  |", "",
        "**第二十条第（五）项**", "",
        "| 信息内容 | 本年处理决定数量 |", "|---|---|", "| 行政许可 |  |", "",
        "**第二十条第（六）项**", "",
        "| 信息内容 | 本年处理决定数量 |", "|---|---|", "| 行政处罚 |  |", "| 行政强制 |  |", "",
        "**第二十条第（八）项**", "",
        "| 信息内容 | 本年收费金额（单位：万元） |", "|---|---|", "| 行政事业性收费 | 1.5 |", "",
        "## 三、收到和处理政府信息公开申请情况", "",
        L.T3_IDENTITY_NOTE, "",
        *T3_HEAD,
        *t3_lines(r, {L.R_NEW: "1 | 2 | 0 | 0 | 0 | 0 | 3"}), "",
        "## 四、政府信息公开行政复议、行政诉讼情况", "",
        *T4_BLOCK, "",
        "## 五、存在的主要问题及改进情况", "",
        "## 六、其他需要报告的事项", "",
        "未收取信息处理费。", "",
        "某县人民政府\n2025年1月20日",
    ]
    assert to_markdown(r) == "\n".join(expected) + "\n"


def test_the_2019_table2_has_its_own_items_and_columns():
    r = Report.blank("2019", agency="某县人民政府", year=2020)
    r.table2["政府集中采购"] = {"采购项目数量": 4, "采购总金额": 12.5}
    r.table2["行政许可"] = {"上一年项目数量": 10, "本年增/减": -2, "处理决定数量": 300}
    md = to_markdown(r)
    start = md.index("**第二十条第（一）项**")
    block = md[start : md.index("## 三、")].rstrip("\n").split("\n")
    assert block == [
        "**第二十条第（一）项**", "",
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |", "|---|---|---|---|",
        "| 规章 |  |  |  |", "| 规范性文件 |  |  |  |", "",
        "**第二十条第（五）项**", "",
        "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |", "|---|---|---|---|",
        "| 行政许可 | 10 | -2 | 300 |", "| 其他对外管理服务事项 |  |  |  |", "",
        "**第二十条第（六）项**", "",
        "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |", "|---|---|---|---|",
        "| 行政处罚 |  |  |  |", "| 行政强制 |  |  |  |", "",
        "**第二十条第（八）项**", "",
        "| 信息内容 | 上一年项目数量 | 本年增/减 |", "|---|---|---|", "| 行政事业性收费 |  |  |", "",
        "**第二十条第（九）项**", "",
        "| 信息内容 | 采购项目数量 | 采购总金额 |", "|---|---|---|", "| 政府集中采购 | 4 | 12.5 |",
    ]
    assert md.count("| ") > 0 and len([ln for ln in md.splitlines() if ln.startswith("| 三、")]) == 20
    headers, rows = table2_frame(r)
    assert headers == ["项目", "栏目", "数值"] and len(rows) == 22
    assert rows[6:9] == [["行政许可", "上一年项目数量", 10], ["行政许可", "本年增/减", -2], ["行政许可", "处理决定数量", 300]]
    assert rows[-2:] == [["政府集中采购", "采购项目数量", 4], ["政府集中采购", "采购总金额", 12.5]]
    back = apply_table2_frame(r, rows)
    assert back.table2 == r.table2 and back.diagnostics == []


def test_empty_preamble_and_closing_leave_no_blank_blocks():
    r = Report.blank(agency="某局", year=2023)
    r.preamble, r.closing = "  \n ", " \n"
    md = to_markdown(r)
    assert md.startswith("# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n## 二、")
    assert md.endswith("| 行政诉讼（复议后起诉） |  |  |  |  |  |\n\n## 五、存在的主要问题及改进情况\n\n## 六、其他需要报告的事项\n")


@pytest.mark.parametrize("title,agency,year,expected", [
    ("自拟标题", "某局", 2024, "自拟标题"),
    (None, None, None, "（机关名称）（年度）政府信息公开工作年度报告"),
    (None, "某局", None, "某局（年度）政府信息公开工作年度报告"),
    (None, None, 2024, "（机关名称）2024年政府信息公开工作年度报告"),
    ("", "某局", 2024, "某局2024年政府信息公开工作年度报告"),
])
def test_report_title(title, agency, year, expected):
    r = Report.blank(agency=agency, year=year)
    r.title = title
    assert report_title(r) == expected


@pytest.mark.parametrize("text,expected", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[点我](javascript:alert(1))", "点我"),
    ("[点我]( < JavaScript:alert(1))", "点我"),
    ("[图](data:text/html;base64,xx)", "图"),
    ("[说明](https://www.gov.cn/a)", "[说明](https://www.gov.cn/a)"),
    ("见 vbscript:msgbox", "见 vbscript&#58;msgbox"),
    ("见 JAVASCRIPT : x", "见 JAVASCRIPT&#58; x"),
    ("javascripts:no", "javascripts:no"),
    ("普通文字", "普通文字"),
])
def test_safe_text(text, expected):
    assert safe_text(text) == expected


def test_cells_with_pipes_and_newlines_do_not_break_the_table():
    r = Report.blank(agency="某|局\n二", year=2024)
    r.title = None
    md = to_markdown(r)
    assert md.startswith("# 某|局\n二2024年")  # the title is not a table cell
    _, rows = table3_frame(r)
    rows[0][0] = "x"  # labels do not matter when the count is right
    assert apply_table3_frame(r, rows).table3 == r.table3


def test_a_table_cell_with_a_pipe_or_a_newline_stays_one_cell():
    """A | would open a new column and a newline end the table: escaped / joined; numbers as stored, blank empty."""
    assert _md_table(["项目|甲"], [["x\ny<b>", 5, 1.5, None]]) == [
        "| 项目\\|甲 |", "|---|", "| x y&lt;b&gt; | 5 | 1.5 |  |"]


class FakeFrame:
    """What a UI grid hands back: an object with ``.values.tolist()`` (a pandas DataFrame)."""

    def __init__(self, rows):
        self.values = type("V", (), {"tolist": lambda _self: rows})()


def test_frames_accept_dataframes_nan_and_blank_marks():
    r = small()
    headers, rows = table3_frame(r)
    rows[0][1:] = [float("nan"), "—", " / ", True, "1,234", 5.0, None]
    back = apply_table3_frame(r, FakeFrame(rows))
    assert back.table3[L.R_NEW] == [None, None, None, None, 1234, 5, None]
    assert back.diagnostics == []
    assert isinstance(back.table3[L.R_NEW][5], int)


def test_a_grid_edit_replaces_earlier_grid_diagnostics_and_keeps_the_parsers():
    r = small()
    parser_note = Diagnostic(code="t3_layout", severity="warning", message="表三版式异常", where="表三")
    old_grid = Diagnostic(code=GRID_DIAGNOSTIC, severity="error", message="旧的", where="表四/行政复议/结果维持")
    r.diagnostics = [parser_note, old_grid]
    _, rows = table3_frame(r)
    rows[1][3] = "三"
    back = apply_table3_frame(r, rows)
    assert [(d.code, d.where, d.message) for d in back.diagnostics] == [
        ("t3_layout", "表三", "表三版式异常"),
        (GRID_DIAGNOSTIC, f"表三/{L.R_CARRIED_IN}/科研机构",
         f"表三/{L.R_CARRIED_IN}/科研机构 填写的“三”不是数字，已按空白处理，请改为数字或留空。")]
    assert r.diagnostics == [parser_note, old_grid]  # the input report is not changed


def test_rows_are_matched_by_label_even_with_spaces_and_short_rows_pad():
    r = small()
    rows = [["  行政复议 ", 2, 0, 0, 0, 2], [L.T4_GROUP_TITLES[L.T4_SUIT_AFTER], 1], [L.T4_GROUP_TITLES[L.T4_SUIT_DIRECT]]]
    back = apply_table4_frame(r, rows)
    assert back.table4 == {L.T4_REVIEW: [2, 0, 0, 0, 2], L.T4_SUIT_DIRECT: [None] * 5, L.T4_SUIT_AFTER: [1, None, None, None, None]}
    with pytest.raises(ValueError) as exc:
        apply_table4_frame(r, rows + [["多余", 1]])
    assert str(exc.value) == "表四应有3行，收到4行；请不要增删表格行。"
    _, t3rows = table3_frame(r)
    with pytest.raises(ValueError) as exc:
        apply_table3_frame(r, t3rows[:-1])
    assert str(exc.value) == "表三应有25行，收到24行；请不要增删表格行。"
    with pytest.raises(ValueError) as exc:
        apply_table3_frame(r, None)
    assert str(exc.value) == "表三应有25行，收到0行；请不要增删表格行。"


def test_table2_frame_count_is_checked_and_short_rows_are_blank():
    r = small()
    _, rows = table2_frame(r)
    assert len(rows) == 10
    with pytest.raises(ValueError) as exc:
        apply_table2_frame(r, rows[:9])
    assert str(exc.value) == "表二应有10行，收到9行；请不要增删表格行。"
    rows[0] = ["规章", "本年制发件数"]  # the value column missing: blank
    rows[-1][2] = "2.25"
    back = apply_table2_frame(r, rows)
    assert back.table2["规章"]["本年制发件数"] is None and back.table2[L.T2_FEE] == 2.25


def test_the_2019_frames_round_trip_with_their_23_rows():
    r = Report.blank("2019", agency="某县人民政府", year=2020)
    r.table3[f"{L.R_RESULTS}/{L.G_OTHER}"] = [1, 0, 0, 0, 0, 2, 3]
    headers, rows = table3_frame(r)
    assert len(rows) == 23
    back = apply_table3_frame(r, rows)
    assert back.table3 == r.table3 and back.diagnostics == []
