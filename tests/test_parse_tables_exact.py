"""表二 and 表四 placement in report/parse/tables.py, cell by cell: the 10 numbers of a 2021 表二 by position, a
short document row left blank and named, a number that floated out of its row put back by its note, the 2019 format
detected by any one of its own words and filled in order with the exact warning, a short 表四 filled in order."""

from conftest import FIXTURES
from report.model import labels as L
from report.parse import parse_text
from report.parse.tables import _note_column, _t2_is_2019, extract_table2, extract_table3, extract_table4

DOC = ("本年制发件数", "本年废止件数", "现行有效件数")


def doc(*values):
    return dict(zip(DOC, values))


def diags_of(diags):
    return [(d.code, d.severity, d.where, d.message) for d in diags]


def test_ten_numbers_in_order_fill_table2_by_position():
    table, diags, found = extract_table2("规章 1 2 3 行政规范性文件 4 5 6 行政许可 7 行政处罚 8 行政强制 9 行政事业性收费 10")
    assert table == {"规章": doc(1, 2, 3), "行政规范性文件": doc(4, 5, 6), "行政许可": 7, "行政处罚": 8, "行政强制": 9,
                     "行政事业性收费": 10}
    assert (diags, found) == ([], True)


def test_a_document_row_with_two_numbers_is_blank_and_named_even_when_the_count_is_ten():
    table, diags, found = extract_table2("规章 1 2 3 行政规范性文件 4 5 行政许可 7 行政处罚 8 行政强制 9 行政事业性收费 10 11")
    assert table == {"规章": doc(1, 2, 3), "行政规范性文件": doc(None, None, None), "行政许可": 7, "行政处罚": 8,
                     "行政强制": 9, "行政事业性收费": 10}
    assert diags_of(diags) == [
        ("t2_short_row", "warning", "表二/行政规范性文件",
         "表二“行政规范性文件”一行只有2个数字（应为3个），无法确定各属哪一列，该行留空，请对照原文补填。"),
        ("t2_layout", "warning", "表二", "表二读到10个数字（应为10个），已按行标签定位，未识别的单元格留空，请核对原文。")]
    assert found is True


def test_a_floating_number_goes_back_to_the_column_its_note_names():
    table, diags, found = extract_table2("第二十条第（一）项 22 （其中修订 16 件） 规章 1 2 行政许可 7")
    assert table["规章"] == doc(22, 1, 2) and table["行政许可"] == 7 and table["行政处罚"] is None
    assert diags_of(diags)[0] == ("t2_floating_cell", "warning", "表二/规章",
                                  "表二“规章”一行少一个单元格，已把表格外单独成行的数字 22 按其说明文字归入“本年制发件数”，请核对原文。")
    assert found is True


def test_table2_without_numbers_is_blank_and_not_found():
    table, diags, found = extract_table2("无")
    assert (diags, found) == ([], False)
    assert table == {"规章": doc(None, None, None), "行政规范性文件": doc(None, None, None), "行政许可": None,
                     "行政处罚": None, "行政强制": None, "行政事业性收费": None}


def test_the_2019_format_is_filled_in_order_with_the_count_in_the_warning():
    table, diags, found = extract_table2("政府集中采购 采购项目数量 3 采购总金额 4")
    assert table["规章"] == {"本年新制作数量": 3, "本年新公开数量": 4, "对外公开总数量": None}
    assert table["政府集中采购"] == {"采购项目数量": None, "采购总金额": None}
    assert diags_of(diags) == [("t2_layout", "warning", "表二", "表二（2019年格式）读到2个数字（应为22个），已按顺序填入，请核对。")]
    assert found is True


def test_any_one_word_of_the_2019_table2_names_its_format():
    assert [_t2_is_2019(t) for t in ("本年新制作 数量", "上一年项目数量", "政府集中采购", "规章 行政许可")] == [
        True, True, True, False]


def test_the_note_after_a_floating_number_names_its_column():
    notes = (" （其中修订 16 件）", "(废止 2 件)", "其中修订", "（其他）", "(新增3件）后", "（失效1件) 其中（修订2件）",
             "（其中制发）（废止）", "(制发)(废止)")
    assert [_note_column(n) for n in notes] == [
        "本年制发件数", "本年废止件数", None, None, "本年制发件数", "本年废止件数", "本年制发件数", "本年制发件数"]


def test_a_short_table4_is_filled_in_order_and_warned():
    table, diags, found = extract_table4("行政复议 1 2 3 4 10 行政诉讼 1 2")
    assert table == {"行政复议": [1, 2, 3, 4, 10], "行政诉讼_未经复议直接起诉": [1, 2, None, None, None],
                     "行政诉讼_复议后起诉": [None] * 5}
    assert diags_of(diags) == [("t4_layout", "warning", "表四", "表四读到7个数字（应为15个），已按顺序填入，缺少的留空，请核对原文。")]
    assert found is True


def test_a_note_after_the_table_ending_in_a_row_name_does_not_make_a_short_row():
    table, diags, _ = extract_table2("规章 1 2 3 行政规范性文件 4 5 6 行政许可 7 行政处罚 8 行政强制 9 行政事业性收费 10 "
                                     "备注：另有部门规范性文件")
    assert table["行政规范性文件"] == doc(4, 5, 6) and table["行政事业性收费"] == 10 and diags == []


def test_the_floating_numbers_note_may_be_the_start_of_the_last_segment():
    table, diags, _ = extract_table2("第二十条第（一）项 22 （其中修订 16 件） 规章 1 2")
    assert table["规章"] == doc(22, 1, 2) and [d.code for d in diags] == ["t2_floating_cell", "t2_layout"]
    table, diags, _ = extract_table2("规章 1 2 3 行政许可 7 说明 22")  # a stray last number with no note: unused
    assert table["规章"] == doc(1, 2, 3) and table["行政许可"] == 7 and table["行政处罚"] is None
    assert [d.code for d in diags] == ["t2_layout"]


def test_a_single_row_takes_one_number_unless_its_run_fills_every_cell_left():
    table, _, _ = extract_table2("规章 1 2 3 行政规范性文件 4 5 6 行政许可 7 8 行政强制 9")
    assert [table[r] for r in ("行政许可", "行政处罚", "行政强制", "行政事业性收费")] == [7, None, 9, None]
    table, _, _ = extract_table2("规章 1 2 3 行政规范性文件 4 5 行政许可 7 8 9 10")
    assert [table[r] for r in ("行政许可", "行政处罚", "行政强制", "行政事业性收费")] == [7, 8, 9, 10]
    assert table["行政规范性文件"] == doc(None, None, None)


def test_table4_glued_to_its_total_header_is_cut_by_the_group_identities():
    table, diags, found = extract_table4("行政复议 总计110020000000000")
    assert table == {"行政复议": [1, 1, 0, 0, 2], "行政诉讼_未经复议直接起诉": [0] * 5, "行政诉讼_复议后起诉": [0] * 5}
    assert (diags, found) == ([], True)


def test_a_2019_table3_keeps_its_template_without_numbers_and_when_anchored():
    table, template, diags, found = extract_table3("其他处理 无")
    assert (template, list(table), diags, found) == ("2019", list(L.T3_ROWS_2019), [], False)
    table, template, diags, found = extract_table3("（六）其他处理 一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1")
    assert (template, list(table), found) == ("2019", list(L.T3_ROWS_2019), True)
    assert table[L.R_NEW] == [1, 0, 0, 0, 0, 0, 1]
    assert [(d.code, d.message) for d in diags] == [
        ("t3_layout", "表三的数字个数与规范格式（23行×7列）不一致，已按行标签定位了1行，未识别的行留空，请核对原文。")]


def test_the_page_column_restoration_says_so_exactly():
    text = (FIXTURES / "pdfminer" / "001_changsha_furongqu_2021.libreoffice.pdfminer.txt").read_text(encoding="utf-8")
    assert [d.message for d in parse_text(text).diagnostics if d.code == "t3_column_blocks"] == [
        "表三的数字在文本中按页、按列排列（PDF 版面提取，行标签与数字分离）；按行标签定位的结果不符合勾稽关系，"
        "已按“每页若干行、逐列排列”还原（只有这一种还原使各行的各类申请人之和等于总计），请对照原文核对。"]


def test_a_row_labelled_without_its_prefix_is_still_the_normative_documents_row():
    table, _, _ = extract_table2("规章 1 2 3 规范性文件 4 5 6 行政许可 7")
    assert table["行政规范性文件"] == doc(4, 5, 6) and table["规章"] == doc(1, 2, 3) and table["行政许可"] == 7


def test_the_2019_table2_restored_from_its_headers_says_which_rows():
    from test_parse_columnmajor import LIBREOFFICE_PDFMINER_2019

    _, diags, _ = extract_table2(LIBREOFFICE_PDFMINER_2019.split("\n", 1)[1])
    assert [d.message for d in diags] == [
        "表二“规章、规范性文件、行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费、政府集中采购”的行标签与数字"
        "分开排列（PDF 版面提取），已按列标题和行标签的顺序还原。"]


def test_a_row_is_named_by_the_last_row_name_in_its_label():
    table, _, _ = extract_table2("规章与行政许可说明 规章 1 2 3 行政许可 7")
    assert table["规章"] == doc(1, 2, 3) and table["行政许可"] == 7


def test_a_document_row_with_one_number_sends_a_ten_number_table2_to_the_labels():
    table, diags, _ = extract_table2("规章 1 行政规范性文件 4 5 6 行政许可 7 8 9 行政处罚 8 行政强制 9 行政事业性收费 10")
    assert table["规章"] == doc(None, None, None) and table["行政规范性文件"] == doc(4, 5, 6)
    assert [d.code for d in diags] == ["t2_short_row", "t2_layout"]
