"""The identities declared once (report.model.identities), the one evaluator, the blank policy, the formatter."""

import json

import pytest

from conftest import FIXTURES
from report.model import CellRef, Report, by_code, evaluate, fmt_number, identities, sum_cells
from report.model import labels as L
from report.model.identities import row_lookup, row_total

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))


def truth(prefix: str) -> Report:
    path = next(p for p in TRUTHS if p.name.startswith(prefix))
    return Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))


def test_instances_per_format():
    codes = [i.code for i in identities(L.TEMPLATE_2021)]
    assert codes.count("T3-A") == 7 and codes.count("T3-B") == 7 and codes.count("T3-C") == 25
    assert [c for c in codes if c.startswith("T4")] == ["T4-A", "T4-B", "T4-C"]
    assert [i.code for i in identities(L.TEMPLATE_2019)].count("T3-C") == 23
    t3b = by_code("T3-B", L.TEMPLATE_2019)[0]
    assert len(t3b.rhs) == 19 and t3b.lhs == (CellRef.t3(L.R_TOTAL, "自然人"),)
    assert all("statutory_tables.md" in i.spec for i in identities())


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_every_identity_holds_on_the_truth_reports(path):
    r = Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))
    outcomes = [evaluate(i, r.get) for i in identities(r.template)]
    assert outcomes and all(o.status == "holds" and o.diff == 0 for o in outcomes)


def test_a_wrong_cell_fails_with_the_difference():
    r = truth("001")
    ref = CellRef.t3(L.R_NEW)
    r.set(ref, r.get(ref) + 5)
    failed = {(o.identity.code, o.identity.scope): o.diff for o in (evaluate(i, r.get) for i in identities())
              if o.status == "fails"}
    assert failed == {("T3-A", "总计"): 5, ("T3-C", L.R_NEW): 5}


def test_a_blank_cell_is_undetermined_never_zero():
    r = truth("001")
    blank = CellRef.t3(L.t3_groups()[L.G_WITHHELD][0], "自然人")
    r.set(blank, None)
    o = evaluate(by_code("T3-B")[0], r.get)
    assert o.status == "undetermined" and o.blanks == (blank,) and o.diff is None and o.rhs is None
    assert o.could_hold  # the blank may be the missing number
    r.set(CellRef.t3(L.R_TOTAL, "自然人"), 0)
    assert not evaluate(by_code("T3-B")[0], r.get).could_hold  # no non-negative number closes it


def test_sum_policy_and_row_lookups():
    assert sum_cells([1, 2, 3]) == 6 and sum_cells([1, None, 3]) is None and sum_cells([]) == 0
    assert sum_cells([0.1, 0.2]) == 0.3
    o = evaluate(row_total(L.R_NEW), row_lookup(L.R_NEW, [3, None, None, None, None, None, 3]))
    assert o.status == "undetermined" and o.balanced_without_blanks and o.could_hold


@pytest.mark.parametrize("value, text", [(18651.06, "18651.06"), (12.0, "12"), (24252.311082, "24252.311082"),
                                         (1e-07, "0.0000001"), (3, "3"), (None, "空白"), (-2.5, "-2.5")])
def test_one_formatter_never_rounds(value, text):
    assert fmt_number(value) == text
    assert fmt_number(None, blank="") == ""
