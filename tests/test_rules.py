"""Table rules (表三, 表四, blanks): each holds on the hand-checked truths and fires on a one-cell mutation."""

import json

import pytest

from conftest import FIXTURES
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report
from report.rules import tables as R

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))
COLS = L.T3_COLUMNS
RESULT_ROW = f"{L.R_RESULTS}/{L.G_PUBLIC}"


def truth(name: str = "001") -> Report:
    path = next(p for p in TRUTHS if p.name.startswith(name))
    return Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))


def rules_of(findings):
    return [f.rule for f in findings]


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_every_table_rule_holds_on_the_truths(path):
    r = Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))
    for rule in (R.table3_blanks, R.table3_values, R.table3_balance, R.table3_results_total, R.table3_row_totals,
                 R.table3_misplaced_column, R.table4_blanks, R.table4_values, R.table4_totals):
        assert rule(r) == [], rule.__name__


def test_t3a_balance_fires_with_both_sides_of_the_identity():
    r = truth("002")
    new, cin = r.t3(L.R_NEW, "自然人"), r.t3(L.R_CARRIED_IN, "自然人")
    total, out = r.t3(L.R_TOTAL, "自然人"), r.t3(L.R_CARRIED_OUT, "自然人")
    assert new + cin == total + out  # the identity holds in the truth (3001+34 = 2932+103)
    r.set(CellRef("table3", L.R_CARRIED_OUT, "自然人"), out + 10)
    found = R.table3_balance(r)
    assert len(found) == 1
    f = found[0]
    assert (f.rule, f.severity, f.expected, f.actual) == ("t3_balance", "error", new + cin, total + out + 10)
    assert CellRef("table3", L.R_CARRIED_OUT, "自然人").id in f.cells
    assert "自然人" in f.message and "前者少 10" in f.message


def test_t3b_results_total_names_the_sum_it_should_be():
    r = truth("001")
    col = COLS.index("自然人")
    total = r.t3(L.R_TOTAL, "自然人")
    r.table3[RESULT_ROW][col] += 1
    found = R.table3_results_total(r)
    assert [(f.rule, f.expected, f.actual) for f in found] == [("t3_results_total", total + 1, total)]
    assert f"应为 {total + 1}" in found[0].message
    assert CellRef("table3", RESULT_ROW, "自然人").id in found[0].cells


def test_t3c_row_total_fires_on_any_applicant_cell():
    r = truth("005")
    row = L.R_NEW
    before = r.t3(row)
    r.set(CellRef("table3", row, "法律服务机构"), (r.t3(row, "法律服务机构") or 0) + 3)
    found = R.table3_row_totals(r)
    assert [(f.rule, f.where, f.expected, f.actual) for f in found] == [
        ("t3_row_total", CellRef("table3", row, "总计").id, before + 3, before)]


def test_t3f_hint_when_an_application_sits_in_the_wrong_applicant_column():
    r = truth("001")  # 自然人 137 -> 136, 其他 0 -> 1 in row 一: the row still sums, the 总计 column balances
    r.set(CellRef("table3", L.R_NEW, "自然人"), 136)
    r.set(CellRef("table3", L.R_NEW, "其他"), 1)
    assert R.table3_row_totals(r) == []
    assert sorted(f.where for f in R.table3_balance(r)) == sorted(
        [CellRef("table3", L.R_NEW, "自然人").id, CellRef("table3", L.R_NEW, "其他").id])
    hints = R.table3_misplaced_column(r)
    assert [(h.rule, h.severity) for h in hints] == [("t3_misplaced_column", "info")]
    assert hints[0].actual == {"自然人": -1, "其他": 1}


def test_t3f_stays_quiet_when_the_total_column_is_also_off():
    r = truth("001")
    r.set(CellRef("table3", L.R_NEW, "自然人"), 136)
    r.set(CellRef("table3", L.R_NEW, "总计"), 138)
    assert R.table3_misplaced_column(r) == []


@pytest.mark.parametrize("group", L.T4_GROUPS)
def test_t4_totals_fire_per_group(group):
    r = truth("002")
    parts = r.table4[group][:4]
    r.table4[group][1] += 2
    found = R.table4_totals(r)
    assert [(f.rule, f.expected, f.actual) for f in found] == [("t4_total", sum(parts) + 2, sum(parts))]
    assert L.T4_GROUP_TITLES[group] in found[0].message


def test_a_blank_cell_is_its_own_finding_not_a_wrong_sum():
    r = truth("002")
    cid = CellRef("table3", RESULT_ROW, "商业企业").id
    r.set(CellRef.parse(cid), None)
    blanks = R.table3_blanks(r)
    assert [(f.rule, f.where, f.severity) for f in blanks] == [("blank_cell", cid, "warning")]
    assert R.table3_results_total(r) == [] and R.table3_row_totals(r) == [] and R.table3_balance(r) == []
    assert R.table3_blanks(r, "draft")[0].severity == "error"


def test_a_blank_total_cell_reports_the_value_it_should_have():
    r = truth("005")
    want = r.t3(L.R_TOTAL, "自然人")
    r.set(CellRef("table3", L.R_TOTAL, "自然人"), None)  # column total, parts filled
    found = R.table3_blanks(r)
    assert [(f.rule, f.expected, f.severity) for f in found] == [("blank_total", want, "error")]  # even when auditing
    r = truth("005")
    want = r.t3(L.R_NEW)
    r.set(CellRef("table3", L.R_NEW, "总计"), None)  # row total, parts filled
    assert [(f.rule, f.expected) for f in R.table3_blanks(r)] == [("blank_total", want)]


def test_a_whole_blank_total_column_is_one_finding_with_every_expected_value():
    r = truth("002")
    want = {L.t3_short_label(row): vals[6] for row, vals in r.table3.items()}
    for row in r.table3:
        r.table3[row][6] = None
    found = R.table3_blanks(r)
    assert len(found) == 1
    assert (found[0].rule, found[0].expected, found[0].severity) == ("blank_total", want, "error")
    assert len(found[0].cells) == 25


def test_a_blank_total_column_whose_parts_are_blank_too_is_not_an_error():
    r = truth("002")
    for row in r.table3:
        r.table3[row][5] = r.table3[row][6] = None  # 其他 and 总计 blank: nothing to compute the total from
    found = R.table3_blanks(r)
    assert [(f.rule, f.severity, f.expected) for f in found] == [
        ("blank_column", "warning", "填写数字"), ("blank_total", "warning", {})]
    assert "分项也有空白" in found[1].message


def test_a_wholly_blank_table_is_one_finding():
    r = Report.blank()
    assert rules_of(R.table3_blanks(r)) == ["blank_table"]
    assert rules_of(R.table4_blanks(r)) == ["blank_table"]
    r = truth("001")
    for row in r.table3:
        r.table3[row][2] = None  # 科研机构 column blank
    assert rules_of(R.table3_blanks(r)) == ["blank_column"]
    r.table4[L.T4_SUIT_AFTER] = [None] * 5
    assert rules_of(R.table4_blanks(r)) == ["blank_row"]


def test_negative_and_fractional_counts_are_errors():
    r = truth("001")
    r.set(CellRef("table3", L.R_CARRIED_IN, "科研机构"), -1)
    r.table4[L.T4_REVIEW][0] = 0.5
    assert [(f.rule, f.actual) for f in R.table3_values(r)] == [("bad_value", -1)]
    assert [(f.rule, f.actual) for f in R.table4_values(r)] == [("bad_value", 0.5)]


def test_2019_template_rows_are_checked_with_their_own_result_rows():
    data = json.loads(TRUTHS[0].read_text(encoding="utf-8"))
    t3 = data["table3"]
    other = [k for k in t3 if "（六）其他处理/" in k]
    merged = [sum(t3[k][j] for k in other) for j in range(7)]
    for k in other:
        del t3[k]
    t3[f"{L.R_RESULTS}/{L.G_OTHER}"] = merged
    data["template"] = "2019"
    r = Report.from_interchange(data)
    assert r.template == "2019" and len(r.table3) == 23
    assert R.table3_results_total(r) == [] and R.table3_blanks(r) == []
    r.table3[f"{L.R_RESULTS}/{L.G_OTHER}"][0] += 1
    assert rules_of(R.table3_results_total(r)) == ["t3_results_total"]
