"""The identity check of a guessed 表三 (report/parse/t3check.py), value by value: which identities a table breaks
under its own template, runs of numbers cut into rows (a stray cell at either end, or no way to tell), the
reading-order table, and what settling keeps, re-reads or blanks — with the exact warning."""

from report.model import labels as L
from report.model.tables import Diagnostic
from report.parse.grid import Segment
from report.parse.t3check import _checkable, _runs_of_rows, identity_failures, reading_order, settle_guessed

ROW = [1, 0, 0, 0, 0, 0, 1]
OTHER_2019 = f"{L.R_RESULTS}/（六）其他处理"  # a 2019 result row the 2021 template does not have


def zeros(template: str) -> dict[str, list]:
    return {p: [0] * 7 for p in L.t3_rows(template)}


def test_identity_failures_use_the_tables_own_template():
    assert OTHER_2019 in L.T3_ROWS_2019 and OTHER_2019 not in L.T3_ROWS_2021
    t = zeros(L.TEMPLATE_2019)
    t[OTHER_2019] = list(ROW)  # a result with a 总计 of 0: T3-B breaks in the 自然人 and 总计 columns
    involved = set(L.t3_result_rows(L.TEMPLATE_2019)) | {L.R_TOTAL}
    assert identity_failures(t, L.TEMPLATE_2019) == [involved, involved]
    assert identity_failures(t, L.TEMPLATE_2021) == []
    assert identity_failures(zeros(L.TEMPLATE_2019), L.TEMPLATE_2019) == []


def test_runs_of_rows_shed_a_stray_cell_at_the_end_that_breaks_the_row_sum():
    assert _runs_of_rows([None] * 9, 7) == []
    assert _runs_of_rows(ROW * 2, 7) == [ROW, ROW]
    assert _runs_of_rows([*ROW, 5], 7) == [ROW]  # a page number after the row
    assert _runs_of_rows([9, *ROW], 7) == [ROW]  # before it
    assert _runs_of_rows([None, *ROW], 7) == [ROW]  # an empty Markdown cell
    assert _runs_of_rows([1, 2, 3], 7) is None


def test_runs_of_rows_give_up_when_both_ends_fit_equally():
    assert _runs_of_rows([*ROW, 1], 7) is None  # 1|0…1 and 0…1|1 both balance
    # 5,1,2,0,0,0,0 breaks its sum, its shed cell is blank; 1,2,0,0,0,0,(blank total) is open: one point each
    assert _runs_of_rows([5, 1, 2, 0, 0, 0, 0, None], 7) is None
    assert _runs_of_rows([0, None, 0, 0, 0, 0, 0, 0], 7) is None  # tied readings with a blank: compared by score only


def test_reading_order_skips_label_only_segments_and_needs_the_templates_row_count():
    segs = [Segment("表头", [])] + [Segment("", [0] * 7) for _ in L.T3_ROWS_2019]
    assert reading_order(segs, L.TEMPLATE_2019) == zeros(L.TEMPLATE_2019)
    assert reading_order(segs, L.TEMPLATE_2021) is None  # 23 rows are not the 25 of 2021
    assert reading_order([Segment("", [1, 2, 3])], L.TEMPLATE_2021) is None


def test_a_table_that_holds_is_kept_as_it_is():
    diags: list[Diagnostic] = []
    t = zeros(L.TEMPLATE_2019)
    assert settle_guessed(t, L.TEMPLATE_2019, [], set(), diags) == (t, "kept") and diags == []


def test_a_failing_table_blanks_the_uncertain_rows_then_the_rows_of_each_broken_identity():
    t = zeros(L.TEMPLATE_2021)
    t[L.R_NEW] = list(ROW)  # 一 + 二 = （七）总计 + 四 breaks: those four rows, however certain, are blanked
    diags: list[Diagnostic] = []
    out, how = settle_guessed(t, L.TEMPLATE_2021, [], set(L.T3_ROWS_2021), diags)
    four = [L.R_NEW, L.R_CARRIED_IN, L.R_TOTAL, L.R_CARRIED_OUT]
    assert how == "blanked"
    assert out == {p: [None] * 7 if p in four else [0] * 7 for p in L.T3_ROWS_2021}
    assert t[L.R_NEW] == ROW  # the input is not changed
    assert [(d.code, d.severity, d.where) for d in diags] == [("t3_unplaced_rows", "warning", "表三")]
    assert diags[0].message == (
        "表三版面错乱，数字无法可靠地对应到行：按行标签定位的结果不符合表三的勾稽关系，也找不到符合勾稽关系的其他排列。"
        "以下行无法可靠定位，已留空，请对照原文补填：一、本年新收政府信息公开申请数量、二、上年结转政府信息公开申请数量、"
        "（七）总计、四、结转下年度继续办理。")


def test_uncertain_rows_are_blanked_and_certain_ones_kept():
    t = zeros(L.TEMPLATE_2021)
    t[L.R_TOTAL] = [5, 0, 0, 0, 0, 0, 5]
    out, how = settle_guessed(t, L.TEMPLATE_2021, [], {L.R_NEW}, [])
    assert how == "blanked" and out == {p: [0] * 7 if p == L.R_NEW else [None] * 7 for p in L.T3_ROWS_2021}


def test_reading_order_is_trusted_only_with_the_total_and_every_result_row_known():
    t = zeros(L.TEMPLATE_2021)
    assert _checkable(t, L.TEMPLATE_2021) is True
    t[L.t3_result_rows(L.TEMPLATE_2021)[0]] = [None] * 7
    assert _checkable(t, L.TEMPLATE_2021) is False
    t = zeros(L.TEMPLATE_2019)
    t[OTHER_2019] = [None] * 7  # the 2019 template's own result rows are asked for
    assert _checkable(t, L.TEMPLATE_2019) is False
    t = zeros(L.TEMPLATE_2021)
    t[L.R_TOTAL][2] = None
    assert _checkable(t, L.TEMPLATE_2021) is False


def test_a_broken_2019_identity_blanks_the_rows_it_involves():
    t = zeros(L.TEMPLATE_2019)
    t[OTHER_2019] = list(ROW)  # results exceed the 总计 of 0 (T3-B of 2019): every result row and the 总计 blanked
    out, how = settle_guessed(t, L.TEMPLATE_2019, [], set(L.T3_ROWS_2019), [])
    involved = set(L.t3_result_rows(L.TEMPLATE_2019)) | {L.R_TOTAL}
    assert how == "blanked" and out == {p: [None] * 7 if p in involved else [0] * 7 for p in L.T3_ROWS_2019}
