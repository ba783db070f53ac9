"""report.rules.table2.table2_fee_unit (表二 行政事业性收费 is in 万元): the narrative's amount in 元/万元/亿元, the
thousands separators, the size limits at, under and over them — pinned where the mutation bench found gaps."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from report.model import Report
from report.rules import table2 as R2


def report(fee, narrative: str = "", agency: str = "淮安市人民政府") -> Report:
    r = Report.from_interchange(json.loads((FIXTURES / "truth" / "002_huaian_shi_2024.json").read_text(encoding="utf-8")))
    r.agency = agency
    r.table2["行政事业性收费"] = fee
    r.sections["二"] = narrative
    return r


@pytest.mark.parametrize("written", ["31990000元", "31,990,000元", "31，990，000元", "3199万元", "0.3199亿元"])
def test_fee_in_yuan_found_whatever_the_unit_of_the_narrative(written):
    found = R2.table2_fee_unit(report(31990000, f"全年行政事业性收费共计{written}。"))
    assert [(f.rule, f.severity, f.where, f.expected, f.actual, f.cells) for f in found] == [
        ("fee_unit", "warning", "表二/行政事业性收费", 3199, 31990000, ["表二/行政事业性收费"])]
    assert found[0].message == (f"表二「行政事业性收费」填写为 31990000，正文写明收费 {written}，表中数字像是按“元”填写的。"
                                "表二该栏单位为万元，应填 3199。")


def test_fee_in_wan_yuan_as_the_narrative_says_is_not_flagged():
    assert R2.table2_fee_unit(report(3199, "全年行政事业性收费共计3199万元。")) == []
    assert R2.table2_fee_unit(report(3199, "全年行政事业性收费共计31990000元。")) == []


def test_smallest_fees():
    assert R2.table2_fee_unit(report(0, "全年行政事业性收费0元。")) == []  # nothing charged: nothing to check
    found = R2.table2_fee_unit(report(1, "全年行政事业性收费1元。"))
    assert [(f.expected, f.actual) for f in found] == [(0.0001, 1)]
    assert R2.table2_fee_unit(report(None, "全年行政事业性收费1元。")) == []


@pytest.mark.parametrize(("agency", "limit"), [("沭阳县人民政府", R2.COUNTY_FEE_LIMIT), ("淮安市人民政府", R2.ANY_FEE_LIMIT)])
def test_fee_size_limit_at_under_and_over(agency, limit):
    assert R2.table2_fee_unit(report(limit - 1, agency=agency)) == []
    assert R2.table2_fee_unit(report(limit, agency=agency)) == []
    found = R2.table2_fee_unit(report(limit + 1, agency=agency))
    who = "县（区）级机关" if limit == R2.COUNTY_FEE_LIMIT else "任何机关"
    assert [(f.rule, f.expected, f.actual) for f in found] == [("fee_unit", f"不超过 {limit} 万元", limit + 1)]
    assert f"对{who}而言异常偏大" in found[0].message
