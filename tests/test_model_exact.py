"""The data model's small contracts, value by value (report/model): the error hierarchy's Chinese message, cell
cleaning at its edges (bools, integral floats up to 2**53, full-width commas), rounding of sums to 6 decimals, short
rows read blank, table 2 writes that keep the other columns, the template and its groups, and row labels."""

import json

import pytest

from report.model import labels as L
from report.model.cells import CellRef
from report.model.errors import AppError, CheckUnavailable, InputError, InternalError, UnreadableInput
from report.model.identities import sum_cells, table3_lookup
from report.model.tables import Diagnostic, Report, blank_table2, clean_number

REPEATED = f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/2.重复申请"


def test_every_error_carries_its_chinese_sentence_as_str_and_message_zh():
    for cls in (AppError, InputError, UnreadableInput, CheckUnavailable):
        e = cls("文件无法读取")
        assert (str(e), e.message_zh, e.args) == ("文件无法读取", "文件无法读取", ("文件无法读取",))
    assert isinstance(UnreadableInput("x"), ValueError) and not isinstance(CheckUnavailable("x"), ValueError)
    bug = InternalError()  # shown to staff as it is, never the exception's own text
    default = "处理时出现内部错误，已记录详细信息。已保存的数据不受影响，请重试或联系管理员。"
    assert (str(bug), bug.message_zh, InternalError("另一句").message_zh) == (default, default, "另一句")


def test_clean_number_at_its_edges():
    values = (True, False, None, 3.0, 1000.0, 2.0**53 - 1, 2.0**53, 1.5, "1，234", "1,234", " 7 ", "1.5", "/", "abc")
    got = [clean_number(v) for v in values]
    assert got == [None, None, None, 3, 1000, 2**53 - 1, 2.0**53, 1.5, 1234, 1234, 7, 1.5, None, None]
    assert [type(v).__name__ for v in got] == ["NoneType"] * 3 + ["int"] * 3 + ["float", "float"] + ["int"] * 3 + [
        "float", "NoneType", "NoneType"]


def test_sums_are_rounded_to_six_decimals():
    assert sum_cells([0.1234567, 1]) == 1.123457
    assert sum_cells([0.1, 0.2]) == 0.3 and sum_cells([2, 3]) == 5 and sum_cells([1, None]) is None


def test_a_short_row_reads_blank_beyond_its_end():
    row = [1, 2]
    get = table3_lookup({L.R_NEW: row})
    assert [get(CellRef.t3(L.R_NEW, c)) for c in L.T3_COLUMNS[:3]] == [1, 2, None]
    r = Report.blank(agency="某局", year=2024)
    r.table3[L.R_NEW] = row
    r.table4[L.T4_REVIEW] = [1]
    assert [r.get(CellRef.t3(L.R_NEW, c)) for c in L.T3_COLUMNS[:3]] == [1, 2, None]
    assert [r.get(CellRef("table4", L.T4_REVIEW, c)) for c in L.T4_COLUMNS[:2]] == [1, None]


def test_table2_reads_a_row_reference_and_a_cell_reference_by_the_rows_shape():
    r = Report.blank(agency="某局", year=2024)
    r.table2["规章"]["本年制发件数"] = 4
    r.table2["行政许可"] = 9
    assert r.get(CellRef("table2", "规章")) is None  # a whole document row is not a value
    assert r.get(CellRef("table2", "规章", "本年制发件数")) == 4
    assert r.get(CellRef("table2", "行政许可")) == 9
    assert r.get(CellRef("table2", "行政许可", "本年制发件数")) is None


def test_setting_a_table2_cell_keeps_the_other_columns_of_its_row():
    r = Report.blank(agency="某局", year=2024)
    r.table2["规章"] = {"本年制发件数": 1, "本年废止件数": 2, "现行有效件数": 3}
    r.set(CellRef("table2", "规章", "本年废止件数"), 5)
    assert r.table2["规章"] == {"本年制发件数": 1, "本年废止件数": 5, "现行有效件数": 3}
    r.set(CellRef("table2", "新行", "本年制发件数"), 7)
    assert r.table2["新行"] == {"本年制发件数": 7}
    with pytest.raises(KeyError, match=f"{L.TABLE_NAMES['table3']}/{L.R_NEW} 是一整行，不是单元格"):
        r.set(CellRef("table3", L.R_NEW, None), 1)


def test_cells_named_after_an_info_diagnostic_are_still_flagged():
    r = Report.blank(agency="某局", year=2024)
    new_total = CellRef.t3(L.R_NEW)
    r.diagnostics = [Diagnostic(code="a", severity="info", message="说明", cells=[CellRef.t3(REPEATED).id]),
                     Diagnostic(code="b", severity="warning", message="未读出", cells=[new_total.id])]
    assert r.unread_cells() == frozenset({new_total})


def test_text_without_a_preamble_starts_with_the_first_section_title():
    r = Report.blank(agency="某局", year=2024)
    r.preamble = ""
    assert r.text().split("\n")[0] == L.SECTION_TITLES[L.SECTION_KEYS[0]]


def test_to_json_passes_its_options_and_keeps_chinese():
    text = Report.blank(agency="某局", year=2024).to_json(indent=2)
    assert text.startswith("{\n  ") and '"agency": "某局"' in text and json.loads(text)["year"] == 2024


def test_an_interchange_without_table2_gets_the_blank_table2_of_its_template():
    for template in (L.TEMPLATE_2021, L.TEMPLATE_2019):
        data = Report.blank(agency="某局", year=2024, template=template).to_interchange()
        data.pop("table2")
        assert Report.from_interchange(data).table2 == blank_table2(template)


def test_template_groups_and_short_labels():
    assert L.t3_groups(L.TEMPLATE_2019) is L.T3_GROUPS_2019 and L.t3_groups(L.TEMPLATE_2021) is L.T3_GROUPS_2021
    assert L.T3_GROUPS_2019 != L.T3_GROUPS_2021
    assert [L.t3_short_label(p) for p in (REPEATED, L.R_RESULTS, L.R_NEW, "甲/乙")] == [
        f"{L.G_NOT_HANDLED} 2.重复申请", L.R_RESULTS, L.R_NEW, "甲 乙"]


def test_setting_a_cell_of_a_missing_or_short_row_creates_or_pads_it_blank():
    r = Report.blank(agency="某局", year=2024)
    r.set(CellRef.t3("某新行", L.T3_TOTAL_COLUMN), 5)
    assert r.table3["某新行"] == [None] * 6 + [5]
    r.table4[L.T4_REVIEW] = [1]
    r.set(CellRef("table4", L.T4_REVIEW, L.T4_TOTAL_COLUMN), 9)
    assert r.table4[L.T4_REVIEW] == [1, None, None, None, 9]


def test_an_older_interchange_keeps_its_closing_text_when_closing_is_empty():
    data = Report.blank(agency="某局", year=2024).to_interchange()
    data["closing"], data["closing_text"] = "", "某局\n2025年1月20日"
    assert Report.from_interchange(data).closing == "某局\n2025年1月20日"


def test_agency_key_of_a_name_is_its_identity_key_and_blank_without_one():
    from report.model.agency import agency_key

    assert (agency_key("淮安市人民政府"), agency_key(""), agency_key(None)) == ("淮安市人民政府", "", "")
