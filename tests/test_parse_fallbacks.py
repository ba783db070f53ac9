"""The fallback paths of the 表三 placement (report/parse/tables.py ``_anchor_rows``, grid.py, t3check.py,
row_labels.py), on synthetic reports rendered from the dev truths in three forms: plain text (one row per line),
Markdown (a pipe table) and crawler text (cells run together).

Each case damages one table the way published files are damaged — a row whose label was lost, a row missing, two
rows printed out of order — and asserts the exact cells: every row equals the truth, except the rows named here,
whose value is stated (blank) or carries a warning whose ``where`` names the row. The off-by-one mutant of
``_anchor_rows`` (``pointer = idx`` instead of ``idx + 1``) writes the unlabeled row over the row before it; the
tests marked ``anchor`` in their name fail on it.
"""

from __future__ import annotations

import json

import pytest
from test_parse_crawler import glued, render, spaced

from conftest import FIXTURES
from report.model import labels as L
from report.parse import parse_text
from report.parse.grid import rows_from_segments, segments, t3_row_ok
from report.parse.tables import extract_table3, extract_table4

TRUTHS = ("001_changsha_furongqu_2021", "002_huaian_shi_2024", "005_suqian_shuyangxian_2025", "010_pingtan_2021")
LETTERS = f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/1.信访举报投诉类申请"
REPEATED = f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/2.重复申请"
PUBLICATIONS = f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/3.要求提供公开出版物"
HEAD = ("申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他")
Rows = list[tuple[str, list, bool]]  # (row path, values, label printed)


def truth(name: str) -> dict:
    return json.loads((FIXTURES / "truth" / f"{name}.json").read_text(encoding="utf-8"))


def huaian() -> dict:
    data = truth("002_huaian_shi_2024")
    assert data["table3"][LETTERS][-1] == 62 and data["table3"][REPEATED][-1] == 25  # the rows the mutant confuses
    return data


def damaged(table3: dict, drop: tuple[str, ...] = (), unlabel: tuple[str, ...] = (), swap: tuple[str, str] | None = None) -> Rows:
    rows = [(p, v, p not in unlabel) for p, v in table3.items() if p not in drop]
    if swap:
        i, j = (next(k for k, r in enumerate(rows) if r[0] == p) for p in swap)
        rows[i], rows[j] = rows[j], rows[i]
    return rows


def _frame(body: list[str]) -> str:
    return "\n".join(["某市人民政府2024年政府信息公开工作年度报告", "一、总体情况", "本年度依法做好政府信息公开工作。",
                      "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", *body,
                      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"])


def text_form(rows: Rows) -> str:
    """Web text / pypdf text: the group headings on their own lines, then ``label v1 … v7`` per row."""
    body, seen = [HEAD], set()
    for path, values, labelled in rows:
        parts = path.split("/")
        if labelled:
            for head in parts[:-1]:
                if head not in seen:
                    seen.add(head)
                    body.append(head)
        body.append((parts[-1] + " " if labelled else "") + " ".join(str(v) for v in values))
    return _frame(body)


def markdown_form(rows: Rows) -> str:
    """A pipe table with the leaf label in the first cell (empty when lost)."""
    md = ["| 项目 | " + " | ".join(L.T3_COLUMNS) + " |", "|" + "---|" * 8]
    for path, values, labelled in rows:
        md.append(f"| {path.split('/')[-1] if labelled else ''} | " + " | ".join(str(v) for v in values) + " |")
    return _frame(["## 表三", "", *md, ""]).replace("\n四、", "\n## 四、")


FORMS = {"text": text_form, "markdown": markdown_form}


def wrong_rows(report, table3: dict) -> dict[str, list]:
    return {p: report.table3.get(p) for p, v in table3.items() if report.table3.get(p) != v}


def warned_rows(report) -> set[str]:
    return {d.where.removeprefix("表三/") for d in report.diagnostics
            if d.severity in ("warning", "error") and (d.where or "").startswith("表三/")}


def layout_warning(report) -> bool:
    return any(d.code == "t3_layout" and d.severity == "warning" and d.where == "表三" for d in report.diagnostics)


def _first_distinct_subrow(table3: dict) -> str:
    """A sub-row (not the first of its group, so no heading is printed before it) whose numbers differ from the
    row above: if it landed on the row above, the cells would show it."""
    paths = list(table3)
    for prev, path in zip(paths, paths[1:]):
        if path.count("/") == 2 and prev.rsplit("/", 1)[0] == path.rsplit("/", 1)[0] and table3[prev] != table3[path]:
            return path
    raise AssertionError("no distinct sub-row in this truth")


# ------------------------------------------------------------------ one unlabeled row (the count still fits)
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", TRUTHS)
def test_one_unlabeled_row_is_placed_by_position(form, name):
    data = truth(name)
    row = _first_distinct_subrow(data["table3"])
    report = parse_text(FORMS[form](damaged(data["table3"], unlabel=(row,))))
    assert report.table3 == data["table3"]
    assert not layout_warning(report)


# ------------------------------------------------------------------ the anchor fallback (the count does not fit)
@pytest.mark.parametrize("form", FORMS)
def test_anchor_unlabeled_row_after_a_missing_row_keeps_its_neighbour(form):
    """重复申请 has lost its label and 要求提供公开出版物 is missing: 25 goes to 重复申请, 62 stays in 信访举报投诉类申请."""
    data = huaian()
    report = parse_text(FORMS[form](damaged(data["table3"], drop=(PUBLICATIONS,), unlabel=(REPEATED,))))
    assert report.table3[LETTERS] == [56, 6, 0, 0, 0, 0, 62]
    assert report.table3[REPEATED] == [25, 0, 0, 0, 0, 0, 25]
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7}
    assert layout_warning(report)
    assert [d.where for d in report.diagnostics if d.code == "t3_row_by_position"] == [f"表三/{REPEATED}"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", TRUTHS)
def test_anchor_unlabeled_row_with_a_missing_row_in_every_truth(form, name):
    data = truth(name)
    row = _first_distinct_subrow(data["table3"])
    missing = L.R_CARRIED_OUT  # the last row: after the unlabeled one, so the count is off when it is placed
    report = parse_text(FORMS[form](damaged(data["table3"], drop=(missing,), unlabel=(row,))))
    assert wrong_rows(report, data["table3"]) == {missing: [None] * 7}
    assert layout_warning(report)
    assert [d.where for d in report.diagnostics if d.code == "t3_row_by_position"] == [f"表三/{row}"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", TRUTHS)
def test_anchor_missing_row_is_blank_and_the_rest_exact(form, name):
    data = truth(name)
    report = parse_text(FORMS[form](damaged(data["table3"], drop=(PUBLICATIONS,))))
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7}
    assert layout_warning(report)


@pytest.mark.parametrize("form", FORMS)
def test_anchor_two_unlabeled_rows_after_a_missing_row_are_named(form):
    """Rows 4 and 5 of （五） lost their labels and row 3 is missing: nothing tells where the gap is, so the two rows
    land one row early — and each row filled by position is named by a t3_row_by_position warning with its cells."""
    data = huaian()
    four = f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/4.无正当理由大量反复申请"
    five = f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/5.要求行政机关确认或重新出具已获取信息"
    report = parse_text(FORMS[form](damaged(data["table3"], drop=(PUBLICATIONS,), unlabel=(four, five))))
    assert report.table3[PUBLICATIONS] == data["table3"][four]
    assert wrong_rows(report, data["table3"]) == {four: data["table3"][five], five: [None] * 7}
    unlabeled = [d for d in report.diagnostics if d.code == "t3_row_by_position"]
    assert [(d.where, d.severity) for d in unlabeled] == [(f"表三/{PUBLICATIONS}", "warning"), (f"表三/{four}", "warning")]
    assert unlabeled[1].cells == [f"表三/{four}/{c}" for c in L.T3_COLUMNS]
    assert {r.row for r in report.uncertain_cells()} == {PUBLICATIONS, four}


# ------------------------------------------------------------------ rows out of order
@pytest.mark.parametrize("form", FORMS)
def test_swapped_rows_when_the_count_fits_are_named_by_a_warning(form):
    """All 25 rows present, two printed in the other order: placed by position, and each of the two rows is named
    by a label_mismatch warning (its numbers may belong to the other row)."""
    data = huaian()
    report = parse_text(FORMS[form](damaged(data["table3"], swap=(LETTERS, REPEATED))))
    assert set(wrong_rows(report, data["table3"])) == {LETTERS, REPEATED}
    mismatched = {d.where for d in report.diagnostics if d.code == "label_mismatch" and d.severity == "warning"}
    assert mismatched == {f"表三/{LETTERS}", f"表三/{REPEATED}"}


@pytest.mark.parametrize("form", FORMS)
def test_anchor_row_out_of_order_goes_back_to_its_own_label(form):
    """A missing row sends the table through the anchor fallback; a row printed after the one that follows it
    lands on its own (earlier, still blank) row — not on the next free row (62 in 要求提供公开出版物 before)."""
    data = huaian()
    report = parse_text(FORMS[form](damaged(data["table3"], drop=(PUBLICATIONS,), swap=(LETTERS, REPEATED))))
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7}
    assert layout_warning(report)


@pytest.mark.parametrize("form", FORMS)
def test_anchor_row_after_the_last_row_still_goes_back_to_its_own_label(form):
    """（七）总计 printed after 四、结转下年度继续办理 (the last row), with a row missing: the fallback goes on past the
    last row for a labelled row and puts it on its own blank row."""
    data = huaian()
    report = parse_text(FORMS[form](damaged(data["table3"], drop=(PUBLICATIONS,), swap=(L.R_TOTAL, L.R_CARRIED_OUT))))
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7}


def test_anchor_row_out_of_order_never_overwrites_a_filled_row():
    """信访 printed a second time after 重复申请 (two other rows missing, so the anchor fallback runs): its own row is
    filled, so the numbers go to the next free row, where the identities reject them (T3-B: the result rows would
    exceed （七）总计): that row is left blank and named, and 信访 keeps its own numbers."""
    data = huaian()
    five = f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/5.要求行政机关确认或重新出具已获取信息"
    rows = damaged(data["table3"], drop=(PUBLICATIONS, five))
    k = next(i for i, r in enumerate(rows) if r[0] == REPEATED)
    rows.insert(k + 1, (LETTERS, [9, 0, 0, 0, 0, 0, 9], True))
    report = parse_text(text_form(rows))
    assert report.table3[LETTERS] == [56, 6, 0, 0, 0, 0, 62]
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7, five: [None] * 7}
    unplaced = next(d for d in report.diagnostics if d.code == "t3_unplaced_rows")
    assert L.t3_short_label(PUBLICATIONS) in unplaced.message and L.t3_short_label(five) in unplaced.message
    assert not [d for d in report.diagnostics if d.code == "t3_row_by_position"]  # the blank row is not "placed"


def test_anchor_labelled_row_that_names_no_row_is_placed_by_position_and_named():
    """A row whose text names no row of 表三 (a typo beyond repair) in the anchor fallback: filled in order, named."""
    data = huaian()
    rows = damaged(data["table3"], drop=(PUBLICATIONS,))
    text = text_form(rows).replace("2.重复申请 25", "2.某某某某 25")
    report = parse_text(text)
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7}
    by_position = [d for d in report.diagnostics if d.code == "t3_row_by_position"]
    assert [(d.where, d.severity) for d in by_position] == [(f"表三/{REPEATED}", "warning")]
    assert by_position[0].message == (f"表三“{L.t3_short_label(REPEATED)}”行的数字是按顺序填入的（数字前的文字“2.某某某某”不是该行的"
                                      "标签），而表三的行数与规范格式不一致，可能错位，请核对原文。")
    assert by_position[0].cells == [f"表三/{REPEATED}/{c}" for c in L.T3_COLUMNS]
    layout = next(d for d in report.diagnostics if d.code == "t3_layout")
    assert layout.message.startswith("表三的数字个数与规范格式（25行×7列）不一致，已按行标签定位了24行")


# ------------------------------------------------------------------ rows of the wrong width
def test_anchor_row_that_lost_its_total_is_padded_and_named():
    data = huaian()
    rows = damaged(data["table3"])
    k = next(i for i, r in enumerate(rows) if r[0] == REPEATED)
    rows[k] = (REPEATED, [25, 0, 0, 0, 0, 0], True)  # the 总计 cell lost
    report = parse_text(text_form(rows))
    assert wrong_rows(report, data["table3"]) == {REPEATED: [25, 0, 0, 0, 0, 0, None]}
    width = [d for d in report.diagnostics if d.code == "t3_row_width"]
    assert [(d.where, d.severity) for d in width] == [(f"表三/{REPEATED}", "warning")]
    assert width[0].cells == [f"表三/{REPEATED}/{c}" for c in L.T3_COLUMNS]  # which cell is missing is unknown
    assert width[0].message == (f"表三“{L.t3_short_label(REPEATED)}”行读到6个数字（应为7个），已按顺序填入，缺少的留空"
                                "（不是报告空白），请核对原文。")


def test_anchor_row_that_lost_a_middle_cell_is_blanked_when_the_padding_breaks_an_identity():
    """25 shifted into the 其他 column makes T3-B impossible there: the row is left blank and named."""
    data = huaian()
    rows = damaged(data["table3"])
    k = next(i for i, r in enumerate(rows) if r[0] == REPEATED)
    rows[k] = (REPEATED, [25, 0, 0, 0, 0, 25], True)
    report = parse_text(text_form(rows))
    assert wrong_rows(report, data["table3"]) == {REPEATED: [None] * 7}
    unplaced = next(d for d in report.diagnostics if d.code == "t3_unplaced_rows")
    assert unplaced.severity == "warning" and unplaced.message.endswith(f"{L.t3_short_label(REPEATED)}。")


def test_anchor_markdown_row_one_cell_too_wide_is_trimmed():
    data = huaian()
    md = markdown_form(damaged(data["table3"], drop=(PUBLICATIONS,)))
    md = md.replace("| 2.重复申请 | 25 | 0 | 0 | 0 | 0 | 0 | 25 |", "| 2.重复申请 | 25 | 0 | 0 | 0 | 0 | 0 | 25 | |")
    report = parse_text(md)
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7}
    assert not any(d.code == "t3_row_width" for d in report.diagnostics)


def test_anchor_rows_after_the_last_row_are_ignored():
    data = huaian()
    text = text_form(damaged(data["table3"], drop=(PUBLICATIONS,))).replace(
        "\n四、政府信息公开", "\n12 13\n四、政府信息公开")  # a stray page-number line after 四、结转下年度
    report = parse_text(text)
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7}


# ------------------------------------------------------------------ the grid: unlabeled Markdown rows
def test_grid_splits_rows_separated_by_an_empty_label_cell():
    """``| 1.信访… | 56 … 62 |`` then ``|  | 25 … 25 |``: the empty label cell reads as a blank between two rows."""
    segs = segments("1.信访举报投诉类申请 56 6 0 0 0 0 62 / 25 0 0 0 0 0 25 3.要求提供公开出版物 0 0 0 0 0 0 0")
    grid = rows_from_segments(segs, 7, t3_row_ok)
    assert [(r.label, r.values, r.kind) for r in grid.rows] == [
        ("1.信访举报投诉类申请", [56, 6, 0, 0, 0, 0, 62], "row"), ("", [25, 0, 0, 0, 0, 0, 25], "row"),
        ("3.要求提供公开出版物", [0, 0, 0, 0, 0, 0, 0], "row")]


@pytest.mark.parametrize("run", [
    "56 6 0 0 0 0 62 / 25 0 0 0 0 0 24",  # the second row does not balance
    "56 6 0 0 0 0 62 7 25 0 0 0 0 0 25",  # the separator is a number
    "56 6 0 0 0 0 62 /",                   # one row and a trailing blank: not two rows
])
def test_grid_does_not_split_runs_that_are_not_separated_rows(run):
    grid = rows_from_segments(segments("1.信访举报投诉类申请 " + run), 7, t3_row_ok)
    assert [r.kind for r in grid.rows] == ["irregular"]


# ------------------------------------------------------------------ other template fits the count
def test_2019_row_count_switches_template_with_a_diagnostic():
    data = huaian()
    rows = {p: v for p, v in data["table3"].items() if "（六）其他处理/" not in p}
    other = [sum(col) for col in zip(*(v for p, v in data["table3"].items() if "（六）其他处理/" in p))]
    rows = dict(list(rows.items())[:-2] + [(f"{L.R_RESULTS}/（六）其他处理", other)] + list(rows.items())[-2:])
    region = "\n".join([HEAD] + [f"{p.split('/')[-1]} " + " ".join(map(str, v)) for p, v in rows.items()])
    region = "（注：含申请人逾期不补正的申请）\n" + region  # words of the 2021 sub-rows: the region looks 2021
    table, template, diags, found = extract_table3(region)
    assert found and template == L.TEMPLATE_2019
    assert [d.message for d in diags if d.code == "template_guess"] == ["表三共读到23行数字，按2019年格式的行结构解析。"]
    assert list(table.values()) == list(rows.values())


# ------------------------------------------------------------------ crawler text (cells run together)
def crawler(data: dict) -> str:
    return render(data, glued, spaced)


def test_crawler_missing_row_is_blank_and_named():
    data = huaian()
    damaged_data = dict(data, table3={p: v for p, v in data["table3"].items() if p != PUBLICATIONS})
    report = parse_text(crawler(damaged_data))
    assert wrong_rows(report, data["table3"]) == {PUBLICATIONS: [None] * 7}
    assert PUBLICATIONS in warned_rows(report)


def test_crawler_rows_out_of_order_are_exact_or_named():
    data = huaian()
    items = list(data["table3"].items())
    k = next(i for i, (p, _) in enumerate(items) if p == LETTERS)
    items[k], items[k + 1] = items[k + 1], items[k]
    report = parse_text(crawler(dict(data, table3=dict(items))))
    assert report.table3[LETTERS] == [56, 6, 0, 0, 0, 0, 62]
    assert wrong_rows(report, data["table3"]) == {REPEATED: [None] * 7}
    assert REPEATED in warned_rows(report)


def test_crawler_unlabeled_row_is_blank_and_named():
    """Two rows' digits run together under one label cannot be split by T3-C: both rows left blank, both named."""
    data = huaian()
    text = crawler(data)
    assert text.count("2.重复申请") == 1
    report = parse_text(text.replace("2.重复申请", ""))
    assert wrong_rows(report, data["table3"]) == {LETTERS: [None] * 7, REPEATED: [None] * 7}
    assert {LETTERS, REPEATED} <= warned_rows(report)
    unsplit = next(d for d in report.diagnostics if d.code == "unsplittable_run")
    assert unsplit.where == f"表三/{LETTERS}" and unsplit.severity == "error"


# ------------------------------------------------------------------ diagnostics of each placement path (exact)
def _codes(diags) -> list[tuple[str, str, str | None]]:
    return [(d.code, d.severity, d.where) for d in diags]


def t4_values(data: dict) -> list:
    return [v for g in L.T4_GROUPS for v in data["table4"][g]]


def test_table4_row_major_is_exact_without_diagnostics():
    data = huaian()
    table, diags, found = extract_table4("行政复议 " + " ".join(map(str, t4_values(data))))
    assert (table, diags, found) == (data["table4"], [], True)


def test_table4_column_major_is_restored_and_said():
    data = huaian()
    vals = t4_values(data)
    cols = [vals[g * 5 + c] for c in range(5) for g in range(3)]
    table, diags, found = extract_table4("行政复议 " + " ".join(map(str, cols)))
    assert table == data["table4"] and found
    assert _codes(diags) == [("grid_column_major", "info", "表四")]
    assert diags[0].message.startswith("表四的数字按列排列")


def test_table4_group_that_does_not_add_up_is_kept_as_printed_and_said():
    data = huaian()
    vals = t4_values(data)
    vals[4] += 1  # 行政复议 总计 352 ≠ 351
    table, diags, found = extract_table4("行政复议 " + " ".join(map(str, vals)))
    assert table[L.T4_REVIEW] == [72, 64, 178, 37, 352] and found
    assert _codes(diags) == [("t4_sum", "info", "表四")]
    assert diags[0].message.startswith("表四有分组的结果之和不等于总计")


def test_table4_short_is_filled_in_order_and_warned():
    data = huaian()
    vals = t4_values(data)[:-1]
    table, diags, found = extract_table4("行政复议 " + " ".join(map(str, vals)))
    assert found
    assert [table[g] for g in L.T4_GROUPS] == [[72, 64, 178, 37, 351], [13, 4, 8, 1, 26], [12, 1, 1, 6, None]]
    assert _codes(diags) == [("t4_layout", "warning", "表四")]
    assert diags[0].message.startswith("表四读到14个数字（应为15个）")


def test_table4_without_numbers():
    table, diags, found = extract_table4("行政复议 行政诉讼 结果维持")
    assert (found, diags) == (False, []) and all(v is None for row in table.values() for v in row)


def test_table3_without_numbers():
    table, template, diags, found = extract_table3(HEAD)
    assert (found, diags, template) == (False, [], L.TEMPLATE_2021)
    assert list(table) == list(L.T3_ROWS_2021) and all(v is None for row in table.values() for v in row)


def _region(table3: dict) -> str:
    return "\n".join([HEAD] + [f"{p.split('/')[-1]} " + " ".join("/" if v is None else str(v) for v in vals)
                               for p, vals in table3.items()])


@pytest.mark.parametrize("bad", [1, 5, 6])
def test_table3_rows_that_do_not_add_up_are_named_up_to_five(bad):
    data = huaian()
    t3 = {p: list(v) for p, v in data["table3"].items()}
    broken = [p for p in t3 if t3[p][-1]][:bad]
    for p in broken:
        t3[p][0] += 1  # the applicant columns no longer add up to 总计 (T3-C)
    table, _, diags, found = extract_table3(_region(t3))
    assert table == t3 and found  # a clean layout keeps what is printed
    sums = [d for d in diags if d.code == "t3_row_sum"]
    if bad <= 5:
        assert _codes(sums) == [("t3_row_sum", "info", "表三")]
        assert sums[0].message.startswith("表三以下行的各类申请人之和不等于总计：" + "、".join(L.t3_short_label(p) for p in broken) + "（")
    else:
        assert sums == []  # more than five: the table itself is suspect, the identity rules report it


def test_table3_row_with_a_blank_total_is_not_called_unbalanced():
    data = huaian()
    t3 = {p: list(v) for p, v in data["table3"].items()}
    t3[REPEATED] = [25, 0, 0, 0, 0, 1, None]
    table, _, diags, _ = extract_table3(_region(t3))
    assert table[REPEATED] == [25, 0, 0, 0, 0, 1, None]
    assert not [d for d in diags if d.code == "t3_row_sum"]


def test_table3_column_major_block_is_restored_and_said():
    """pdfminer prints a block of rows column by column: the row identity (T3-C) picks the orientation."""
    data = huaian()
    rows = list(data["table3"].items())
    block = [rows[k][1] for k in range(2, 4)]  # （一）予以公开, （二）部分公开
    cols = [block[r][c] for c in range(7) for r in range(2)]
    lines = [HEAD] + [f"{p.split('/')[-1]} " + " ".join(map(str, v)) for p, v in rows[:2]]
    lines.append("（一）予以公开 （二）部分公开 " + " ".join(map(str, cols)))
    lines += [f"{p.split('/')[-1]} " + " ".join(map(str, v)) for p, v in rows[4:]]
    table, _, diags, _ = extract_table3("\n".join(lines))
    assert table == data["table3"]
    column = [d for d in diags if d.code == "grid_column_major"]
    assert _codes(column) == [("grid_column_major", "info", "表三")]
    assert column[0].message.startswith("表三有1个数字块按列排列")


def test_table3_block_no_identity_can_orient_is_guessed_then_blanked_and_named():
    """Two rows run together that add up in neither orientation: a guess (grid_guess). The guess breaks T3-C, so
    its rows are left blank and named (t3_unplaced_rows); the rows read with their own label keep their numbers."""
    data = huaian()
    rows = list(data["table3"].items())
    lines = [HEAD] + [f"{p.split('/')[-1]} " + " ".join(map(str, v)) for p, v in rows[:2]]
    lines.append("（一）予以公开 " + " ".join(map(str, [1288, 21, 0, 0, 50, 3, 1300, 447, 7, 0, 0, 0, 0, 450])))
    lines += [f"{p.split('/')[-1]} " + " ".join(map(str, v)) for p, v in rows[4:]]
    table, _, diags, _ = extract_table3("\n".join(lines))
    guessed = {rows[2][0], rows[3][0]}
    assert {p for p, v in table.items() if v != data["table3"][p]} == guessed
    assert all(table[p] == [None] * 7 for p in guessed)
    assert [d.code for d in diags] == ["t3_unplaced_rows", "grid_guess"]
    assert _codes(diags)[1] == ("grid_guess", "warning", "表三")
    assert diags[1].message.startswith("表三有1个数字块无法用“各列之和等于总计”验证排列方向")
    assert diags[0].message.endswith("：" + "、".join(L.t3_short_label(p) for p, _ in rows[2:4]) + "。")


def test_orient_block_says_which_orientation_and_whether_verified():
    from report.parse.grid import orient_block

    a, b = [3, 1, 0, 0, 0, 0, 4], [5, 0, 0, 0, 0, 2, 7]
    assert orient_block(a + b, 7, t3_row_ok) == ([a, b], True, "row")
    cols = [x for pair in zip(a, b) for x in pair]
    assert orient_block(cols, 7, t3_row_ok) == ([a, b], True, "column")
    bad = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]
    assert orient_block(bad, 7, t3_row_ok) == ([bad[:7], bad[7:]], False, "row")


def test_rows_from_segments_counts_guessed_and_column_blocks():
    a, b = [3, 1, 0, 0, 0, 0, 4], [5, 0, 0, 0, 0, 2, 7]
    cols = [x for pair in zip(a, b) for x in pair]
    bad = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]
    text = "甲 " + " ".join(map(str, cols)) + " 乙 " + " ".join(map(str, bad)) + " 丙 " + " ".join(map(str, bad))
    grid = rows_from_segments(segments(text), 7, t3_row_ok)
    assert (grid.column_blocks, grid.guessed_blocks) == (1, 2)
    assert [(r.label, r.kind, r.guessed) for r in grid.rows] == [
        ("甲", "block", False), ("", "block", False), ("乙", "block", True), ("", "block", True),
        ("丙", "block", True), ("", "block", True)]
    assert grid.regular


def test_segments_blank_marks_are_values_only_next_to_values():
    assert [(s.label, s.values) for s in segments("甲 / 5 乙 / / 3")] == [("甲", [None, 5]), ("乙", [None, None, 3])]
    assert [(s.label, s.values) for s in segments("甲 / 其他 4")] == [("甲/其他", [4])]
    assert [(s.label, s.values) for s in segments("甲 4 /")] == [("甲", [4, None])]
    assert [(s.label, s.values) for s in segments("甲 /")] == [("甲/", [])]


def test_anchor_row_with_a_blank_total_is_seven_cells_not_a_short_row():
    data = huaian()
    rows = damaged(data["table3"], drop=(PUBLICATIONS,))
    k = next(i for i, r in enumerate(rows) if r[0] == REPEATED)
    rows[k] = (REPEATED, [25, 0, 0, 0, 0, 0, "—"], True)  # 总计 printed blank
    report = parse_text(text_form(rows))
    assert report.table3[REPEATED] == [25, 0, 0, 0, 0, 0, None]
    assert not [d for d in report.diagnostics if d.code == "t3_row_width"]
