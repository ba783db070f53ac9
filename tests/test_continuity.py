import json

from conftest import FIXTURES
from report import Report
from report.model import labels as L
from report.model.continuity import apply_previous, stock_baseline
from report.rules.validate import validate


def _truth(stem):
    return Report.from_interchange(json.loads((FIXTURES / "truth" / f"{stem}.json").read_text(encoding="utf-8")))


def test_this_years_carry_in_is_last_years_carry_out():
    prev = _truth("002_huaian_shi_2024")
    this = apply_previous(Report.blank(), prev)
    assert this.table3[L.R_CARRIED_IN] == prev.table3[L.R_CARRIED_OUT] == [103, 0, 0, 0, 0, 0, 103]
    assert this.agency == "淮安市人民政府" and this.year == 2025
    assert not [f for f in validate(this, prev) if f.rule == "carry_over"]
    assert stock_baseline(prev) == {"规章": 11, "行政规范性文件": 66}


def test_blank_previous_row_does_not_wipe_entered_figures():
    prev = Report.blank(agency="甲", year=2023)
    this = Report.blank(agency="乙", year=2025)
    this.table3[L.R_CARRIED_IN] = [1, 0, 0, 0, 0, 0, 1]
    apply_previous(this, prev)
    assert this.table3[L.R_CARRIED_IN] == [1, 0, 0, 0, 0, 0, 1] and (this.agency, this.year) == ("乙", 2025)
