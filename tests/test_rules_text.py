"""Structure, year, 统计期限, sections 五/六, 表二 and cross-year rules, on real report text cut into sections."""

import json
import re

import pytest

from conftest import FIXTURES
from report import parse
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report
from report.rules import table2 as R2
from report.rules import text as RT
from report.rules import years as RY

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))


def truth(name: str) -> Report:
    path = next(p for p in TRUTHS if p.name.startswith(name))
    return Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))


def with_text(name: str) -> Report:
    """The truth tables plus the six sections cut from the raw published text at the official headings."""
    r = truth(name)
    raw = next(FIXTURES.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    starts = []
    for k in L.SECTION_KEYS:
        m = re.search(r"(?m)^[#\s]*" + re.escape(L.SECTION_TITLES[k][:6]), raw[starts[-1][2] if starts else 0:])
        assert m, k
        base = starts[-1][2] if starts else 0
        starts.append((k, base + m.start(), base + m.end()))
    r.preamble = raw[: starts[0][1]]
    r.title = raw.strip().splitlines()[0].strip("# ")
    secs = {}
    for i, (k, _s, e) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(raw)
        secs[k] = raw[e:end].split("\n", 1)[-1]
    r.sections = secs
    return r


TEXT_RULES = (RT.sections_present, RT.section5_content, RT.section6_info_fee, RT.template_current,
              RT.year_consistency, RT.period_sentence)


@pytest.mark.parametrize("name", ["001", "002"])
def test_text_rules_hold_on_real_reports(name):
    r = with_text(name)
    assert all(len(r.sections[k]) > 40 for k in L.SECTION_KEYS)
    for rule in TEXT_RULES:
        assert rule(r) == [], rule.__name__


def test_missing_section_is_an_error_and_no_text_at_all_is_one_warning():
    r = with_text("001")
    r.sections["五"] = ""
    found = RT.sections_present(r)
    assert [(f.rule, f.severity) for f in found] == [("section_missing", "error")]
    assert "五、存在的主要问题及改进情况" in found[0].message
    bare = truth("001")
    assert [(f.rule, f.severity) for f in RT.sections_present(bare)] == [("sections_missing", "warning")]


def test_stale_period_sentence_copied_from_last_year():
    r = with_text("001")  # 「统计期限自2021年1月1日起,至2021年12月31日止」 sits in section 六
    r.sections["六"] = r.sections["六"].replace("自2021年1月1日起,至2021年12月31日止", "自2020年1月1日起,至2020年12月31日止")
    found = RT.period_sentence(r)
    assert [(f.rule, f.severity) for f in found] == [("period_year", "error")]
    assert found[0].where.startswith("sections.六[") and "2020年1月1日" in found[0].message


def test_period_sentence_with_spaces_from_pdf_text():
    r = with_text("002")  # 「统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日」 in the preamble
    assert RT.period_sentence(r) == []
    r.preamble = r.preamble.replace("2024 年 12 月 31 日", "2024 年 6 月 30 日")
    assert [f.rule for f in RT.period_sentence(r)] == ["period_year"]


def test_missing_period_sentence():
    r = with_text("001")
    r.sections["六"] = re.sub(r"本报告中所列数据的统计期限[^。]*。", "", r.sections["六"])
    found = RT.period_sentence(r)
    assert [(f.rule, f.severity) for f in found] == [("period_missing", "error")]
    assert "2021年1月1日" in found[0].message


def test_stale_year_at_a_section_opening():
    r = with_text("002")
    r.sections["四"] = "2023年，全市共收到行政复议申请……\n" + r.sections["四"]
    found = RT.year_consistency(r)
    assert [(f.rule, f.severity, f.expected, f.actual) for f in found] == [("stale_year", "error", 2024, 2023)]
    assert found[0].where.startswith("sections.四[0:")
    r = with_text("002")
    r.sections["五"] = "2025年，我市将进一步……\n" + r.sections["五"]  # plans for next year are fine
    assert RT.year_consistency(r) == []


def test_title_year_disagreeing_with_the_report_year():
    r = with_text("001")
    r.title = r.title.replace("2021", "2020")
    assert [(f.rule, f.expected, f.actual) for f in RT.year_consistency(r)] == [("year_mismatch", 2021, 2020)]


def test_section5_just_wu():
    r = with_text("001")
    r.sections["五"] = "无。"
    assert [(f.rule, f.severity) for f in RT.section5_content(r)] == [("section5_empty", "error")]


def test_section6_silent_on_information_fee_and_the_stronger_message():
    r = with_text("001")
    r.sections["六"] = r.sections["六"].replace("2021年度,我区未收取任何信息处理费。", "")
    found = RT.section6_info_fee(r)
    assert [(f.rule, f.severity) for f in found] == [("info_fee_note", "warning")]
    assert "收费通知" not in found[0].message
    row = f"{L.R_RESULTS}/{L.G_OTHER}/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    r.set(CellRef("table3", row, "总计"), 2)
    found = RT.section6_info_fee(r)
    assert "收费通知" in found[0].message and found[0].cells == [CellRef("table3", row, "总计").id]


def test_old_template_in_a_2021_report():
    r = truth("001")
    assert RT.template_current(r) == []
    r = Report.blank("2019", year=2021)
    assert [(f.rule, f.severity) for f in RT.template_current(r)] == [("old_template", "warning")]
    assert RT.template_current(Report.blank("2019", year=2020)) == []


# ---------------------------------------------------------------- 表二
@pytest.mark.parametrize("name", ["001", "002", "005", "010"])
def test_table2_rules_hold_on_the_truths(name):
    r = truth(name)
    assert R2.table2_values(r) == [] and R2.table2_fee_unit(r) == [] and R2.table2_regulations(r) == []


def test_agency_levels_of_the_sample_agencies():
    assert R2.agency_level("长沙市芙蓉区人民政府") == "county"
    assert R2.agency_level("沭阳县人民政府") == "county"
    assert R2.agency_level("淮安市人民政府") == "city_or_above"
    assert R2.agency_level(truth("010").agency) == "unknown"  # 平潭综合实验区: a zone, never guessed
    assert R2.agency_level("长沙市芙蓉区定王台街道办事处") == "county"


def test_regulations_reported_by_a_county():
    r = truth("005")
    r.table2["规章"]["本年制发件数"] = 1
    found = R2.table2_regulations(r)
    assert [(f.rule, f.severity) for f in found] == [("t2_regulations_county", "warning")]
    assert truth("002").table2["规章"]["本年制发件数"] == 1 and R2.table2_regulations(truth("002")) == []


def test_fee_in_yuan_named_by_the_narrative():
    r = truth("001")  # 3199 万元 in the truth
    r.sections["二"] = "全年行政事业性收费共计31990000元。"
    assert R2.table2_fee_unit(r) == []
    r.table2["行政事业性收费"] = 31990000
    found = R2.table2_fee_unit(r)
    assert [(f.rule, f.expected) for f in found] == [("fee_unit", 3199)]


def test_fee_implausibly_large_for_a_county():
    r = truth("005")  # 4068.208 万元 for 沭阳县
    r.table2["行政事业性收费"] = 40682080
    found = R2.table2_fee_unit(r)
    assert [f.rule for f in found] == ["fee_unit"] and "4068.208" in found[0].message


def test_information_fee_in_yuan_is_not_compared_with_table2():
    r = with_text("002")  # section 六: 「全年收取政府信息公开信息处理费 3940 元」
    r.table2["行政事业性收费"] = 3940
    assert R2.table2_fee_unit(r) == []


def test_table2_blank_negative_and_fraction():
    r = truth("001")
    r.table2["行政许可"] = None
    r.table2["行政处罚"] = -3
    r.table2["行政规范性文件"]["本年废止件数"] = 2.5
    assert sorted(f.rule for f in R2.table2_values(r)) == ["bad_value", "bad_value", "blank_cell"]
    assert [f.rule for f in R2.table2_values(Report.blank())] == ["blank_table"]


# ---------------------------------------------------------------- cross-year
def last_year_of(r: Report) -> Report:
    """A consistent previous-year report: its carry-out = this year's carry-in, its stock explains this year's."""
    prev = r.model_copy(deep=True)
    prev.year = r.year - 1
    prev.table3[L.R_CARRIED_OUT] = list(r.table3[L.R_CARRIED_IN])
    for row in L.T2_DOC_ROWS:
        issued, repealed, stock = (r.table2[row][c] for c in L.T2_DOC_COLUMNS)
        prev.table2[row]["现行有效件数"] = stock - issued + repealed
    return prev


@pytest.mark.parametrize("name", ["001", "002", "005", "010"])
def test_cross_year_holds_for_a_consistent_previous_report(name):
    r = truth(name)
    assert RY.cross_year(r, last_year_of(r)) == []


def test_carry_over_mismatch_is_an_error_per_column():
    r = truth("002")  # 上年结转 34 自然人
    prev = last_year_of(r)
    prev.table3[L.R_CARRIED_OUT][0] = 30
    prev.table3[L.R_CARRIED_OUT][6] = 30
    found = RY.carry_over(r, prev)
    assert [(f.rule, f.severity, f.expected, f.actual) for f in found] == [
        ("carry_over", "error", 30, 34), ("carry_over", "error", 30, 34)]
    assert found[0].where == CellRef("table3", L.R_CARRIED_IN, "自然人").id


def test_stock_continuity_warning():
    r = truth("010")  # 行政规范性文件 69 / 3 / 665
    prev = last_year_of(r)
    prev.table2["行政规范性文件"]["现行有效件数"] = 500
    found = RY.stock_continuity(r, prev)
    assert [(f.rule, f.severity, f.expected, f.actual) for f in found] == [
        ("stock_continuity", "warning", 500 + 69 - 3, 665)]


def test_large_swing_is_info_and_small_numbers_are_ignored():
    r = truth("002")
    prev = last_year_of(r)
    prev.table3[L.R_NEW][6] = 1000  # 3119 now: more than ×3
    found = RY.large_swings(r, prev)
    assert [(f.rule, f.severity) for f in found] == [("large_swing", "info")]
    r = truth("001")
    prev = last_year_of(r)
    prev.table4[L.T4_REVIEW][4] = 6  # 2 now: ÷3, but below the noise floor
    assert RY.large_swings(r, prev) == []


def test_previous_report_of_the_wrong_year_skips_the_checks():
    r = truth("002")
    prev = last_year_of(r)
    prev.year = 2021
    prev.table3[L.R_CARRIED_OUT][0] = 0
    assert [f.rule for f in RY.cross_year(r, prev)] == ["previous_year"]


# ---------------------------------------------------------------- narrative numbers (report.claims)
class FakeClaim:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def test_contradicting_claims_become_findings(monkeypatch):
    """The conversion from Claim to Finding, with a stand-in report_claims (report.claims owns the real one)."""
    claim = FakeClaim(text="共受理政府信息公开申请3120件", value=3120, start=5, end=20, status="contradicts",
                      severity="error", cell=CellRef("table3", L.R_NEW, "总计").id, fact=None, expected=3119,
                      message="正文写3120件，表三本年新收总计为3119件。", cells=[])
    quiet = FakeClaim(text="23类", value=23, start=0, end=3, status="unverifiable", severity="info", cell=None,
                      fact=None, expected=None, message="无法核对", cells=[])
    monkeypatch.setattr(RT, "report_claims", lambda report, previous=None: [
        (k, c) for k, t in report.sections.items() if "3120" in t for c in (claim, quiet)])
    r = with_text("002")
    r.sections["三"] = "全市共受理政府信息公开申请3120件。"
    found = RT.narrative_numbers(r)
    assert [(f.rule, f.severity, f.where, f.expected, f.actual) for f in found] == [
        ("narrative_number", "error", "sections.三[5:20]", 3119, 3120)]
    assert [f.rule for f in RT.narrative_numbers(r, "draft")] == ["narrative_number", "narrative_unverified"]


def test_real_claims_flag_a_changed_narrative_number():
    r = parse.parse_file(FIXTURES / "001_changsha_furongqu_2021.txt")
    assert "共办理政府信息公开申请139件" in r.sections["一"]
    assert RT.narrative_numbers(r) == []
    r.sections["一"] = r.sections["一"].replace("共办理政府信息公开申请139件", "共办理政府信息公开申请193件")
    found = RT.narrative_numbers(r)
    assert [(f.rule, f.actual) for f in found] == [("narrative_number", 193)]
    start = r.sections["一"].index("193")
    assert found[0].where.startswith(f"sections.一[{start}:")  # the span of the number (with its unit)


def test_table_sections_count_as_present_when_their_table_is_filled():
    r = with_text("001")
    for k in ("二", "三", "四"):
        r.sections[k] = ""  # the parser removes tables from section text; these hold only their table
    assert RT.sections_present(r) == []
    r.table4 = Report.blank().table4
    assert [f.where for f in RT.sections_present(r)] == ["结构/四、政府信息公开行政复议、行政诉讼情况"]


@pytest.mark.parametrize("name", ["001_changsha_furongqu_2021.txt", "002_huaian_shi_2024.pdf",
                                  "005_suqian_shuyangxian_2025.txt", "010_pingtan_2021.txt"])
def test_text_rules_hold_on_parsed_fixtures(name):
    r = parse.parse_file(FIXTURES / name)
    for rule in TEXT_RULES:
        assert rule(r) == [], rule.__name__
