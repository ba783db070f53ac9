"""The token stream and grid helpers of the parser (report/parse/grid.py), value by value: numbers with thousands
separators and full-width minus, numbers followed by a unit being prose, blank marks, the offsets of segments, and
rows of a width from segments (a one-number segment is an irregular row, never dropped)."""

from report.parse.grid import (
    GridRow,
    Segment,
    _is_unit,
    _unlabeled_rows,
    labels_before,
    orient_block,
    rows_from_segments,
    segments,
    t3_row_ok,
    t4_group_ok,
    to_number,
)


def test_to_number_reads_separators_and_full_width_minus_and_keeps_integers_integers():
    got = [to_number(t) for t in ("1,234", "－5", "1.50", "12", "-3")]
    assert got == [1234, -5, 1.5, 12, -3]
    assert [type(v) for v in got] == [int, int, float, int, int]


def test_a_number_followed_by_a_unit_is_prose_even_as_the_last_but_one_token():
    assert segments("A 3 件") == [Segment("A3件", [], 0)]
    assert segments("收到 2024 年 申请 12 件。 表 1,234 － 5") == [Segment("收到2024年申请12件。表", [1234, None, 5], 30)]


def test_segments_carry_the_offset_after_their_last_value():
    assert segments("标题") == [Segment("标题", [], 0)]  # no value: offset 0
    assert segments("甲 1 2 乙 3") == [Segment("甲", [1, 2], 5), Segment("乙", [3], 9)]


def test_a_blank_mark_before_a_number_is_a_blank_cell():
    assert segments("/ 5") == [Segment("", [None, 5], 3)]
    assert segments("A /") == [Segment("A/", [], 0)]  # a trailing mark with no number after it is text


def test_unit_words_after_a_number():
    words = ("年政府", "件", "件。", "件一", "件\u9fff", "项目", "月", "日期", "个", "元，")
    assert [_is_unit(t) for t in words] == [True, True, True, False, False, False, True, True, True, True]


def test_table4_group_check_on_a_short_group_reads_the_missing_cells_as_blank():
    assert [t4_group_ok(g) for g in ([1, 1, 1], [1, 1, 0, 0, 2], [1, 1, 0, 0, 3])] == [False, True, False]
    assert [t3_row_ok(r) for r in ([1, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 2], [None] * 6 + [3])] == [True, False, False]


def test_rows_from_segments_skips_label_only_segments_and_keeps_a_single_number_as_irregular():
    res = rows_from_segments([Segment("标题", []), Segment("x", [5]), Segment("a", [1, 0, 0, 0, 0, 0, 1])], 7, t3_row_ok)
    assert res.rows == [GridRow("x", [5], "irregular"), GridRow("a", [1, 0, 0, 0, 0, 0, 1], "row")]
    assert (res.guessed_blocks, res.column_blocks, res.regular) == (0, 0, False)


def test_one_row_alone_is_not_a_run_of_unlabeled_rows():
    assert _unlabeled_rows([1] * 7, 7, lambda r: True) is False
    row = [1, 0, 0, 0, 0, 0, 1]
    assert _unlabeled_rows([*row, None, *row], 7, t3_row_ok) is True
    assert _unlabeled_rows([*row, 0, *row], 7, t3_row_ok) is False  # the separator must be blank


def test_a_block_that_reads_the_same_both_ways_is_row_major_and_verified():
    assert orient_block([0] * 14, 7, t3_row_ok) == ([[0] * 7, [0] * 7], True, "row")


def test_labels_before_a_block_need_half_its_rows_numbered_and_at_least_two():
    cases = (("1.甲 2.乙", 6), ("1.甲 2.乙 3.丙", 6), ("1.甲 2.乙", 2), ("1.甲", 2), ("1.甲 2.乙", 1), ("1.甲 2.乙", 5))
    assert [labels_before(label, k) for label, k in cases] == [False, True, True, False, False, True]


def test_a_number_glued_to_the_next_rows_label_splits_off_with_its_own_offset():
    assert segments("1 0二、上年结转 2") == [Segment("", [1, 0], 3), Segment("二、上年结转", [2], 11)]


def test_a_block_no_identity_orients_takes_the_preferred_orientation_unverified():
    values = list(range(1, 15))
    rows, cols = [values[:7], values[7:]], [values[0::2], values[1::2]]
    assert orient_block(values, 7, t3_row_ok, "column") == (cols, False, "column")
    assert orient_block(values, 7, t3_row_ok, "row") == (rows, False, "row")
