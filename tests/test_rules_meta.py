"""Publication deadline (N-5), 考核/评议/责任追究 in government reports (N-6), section order, and 2019 表二 values —
each on a real published report that holds and an edited copy that fails."""

import json

import pytest

from conftest import FIXTURES
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Diagnostic, Report
from report.parse import parse_file, parse_text
from report.rules import meta as RM
from report.rules import table2 as R2
from report.rules.validate import validate

RAW = {p.name[:3]: p for p in FIXTURES.glob("*.txt") if "pdfminer" not in p.name}


@pytest.fixture(scope="module")
def parsed():
    return {k: parse_file(p) for k, p in RAW.items()}


def copy(parsed, key) -> Report:
    return parsed[key].model_copy(deep=True)


def rules_of(findings):
    return [(f.rule, f.severity) for f in findings]


# ---------------------------------------------------------------- N-5 publication date
@pytest.mark.parametrize("key, when, where", [
    ("001", (2022, 2, 8), "closing"),    # 「长沙市芙蓉区…\n2022年2月8日」, a district government: by 3月31日
    ("005", (2026, 1, 23), "closing"),   # signature 2026年1月23日 (also 「(2026年1月23日)」 under the title)
    ("010", (2022, 2, 8), "preamble"),   # crawler 「发布时间: 2022-02-08 16:34」
])
def test_real_reports_are_dated_within_the_deadline(parsed, key, when, where):
    d, found = RM.publication_date(parsed[key])
    assert (d.year, d.month, d.day) == when and found == where
    assert RM.publication_deadline(parsed[key]) == []


def test_date_under_the_title_is_used_when_the_signature_has_none(parsed):
    r = copy(parsed, "005")
    r.closing = "沭阳县人民政府"
    d, found = RM.publication_date(r)
    assert (d.month, d.day, found) == (1, 23, "preamble")


def test_no_date_is_an_info(parsed):
    found = RM.publication_deadline(parsed["002"])  # 淮安 2024: the scraped text has no signature date
    assert rules_of(found) == [("publication_date_missing", "info")]
    assert "2025年" in found[0].message


def test_government_report_published_after_31_march_is_late(parsed):
    r = copy(parsed, "001")
    r.closing = r.closing.replace("2022年2月8日", "2022年4月8日")
    found = RM.publication_deadline(r)
    assert rules_of(found) == [("publication_late", "warning")]
    assert found[0].expected == "不晚于2022年3月31日" and found[0].actual == "2022年4月8日"


def test_department_report_published_in_february_is_late(parsed):
    r = copy(parsed, "001")
    r.agency = "长沙市芙蓉区教育局"  # same date, 2022年2月8日, but a department: 1月31日
    found = RM.publication_deadline(r)
    assert rules_of(found) == [("publication_late", "warning")] and "1月31日" in found[0].message
    r.year = 2017  # before the 2019 revision every agency had until 3月31日
    r.closing = r.closing.replace("2022年2月8日", "2018年2月8日")
    assert RM.publication_deadline(r) == []


def test_date_copied_from_an_old_report_is_an_error(parsed):
    r = copy(parsed, "001")
    r.closing = r.closing.replace("2022年2月8日", "2021年2月8日")
    found = RM.publication_deadline(r)
    assert rules_of(found) == [("publication_date_year", "error")] and found[0].actual == "2021年2月8日"


def test_date_in_chinese_numerals(parsed):
    r = copy(parsed, "001")
    r.closing = r.closing.replace("2022年2月8日", "二〇二二年四月二十八日")
    assert RM.publication_date(r)[0].isoformat() == "2022-04-28"
    assert rules_of(RM.publication_deadline(r)) == [("publication_late", "warning")]


def test_signature_and_date_on_one_line_and_a_period_sentence_is_not_a_date(parsed):
    r = copy(parsed, "001")
    r.closing = "长沙市芙蓉区人民政府 2022年4月8日"
    assert RM.publication_date(r)[0].isoformat() == "2022-04-08"
    r.closing = "本报告所列数据统计期限为2021年1月1日至2021年12月31日"  # ends in a date, but is no date line
    assert RM.publication_date(r) == (None, "")
    assert rules_of(RM.publication_deadline(r)) == [("publication_date_missing", "info")]


def test_township_has_no_statutory_deadline(parsed):
    r = copy(parsed, "001")
    r.agency = "长沙市芙蓉区东岸街道办事处"
    r.closing = r.closing.replace("2022年2月8日", "2022年4月8日")
    assert RM.publication_deadline(r) == []


@pytest.mark.parametrize("name, title, kind", [
    ("长沙市芙蓉区人民政府", None, "government"),
    ("平潭综合实验区党工委管委会", None, "government"),
    ("淮安市人民政府办公室", "淮安市2024年政府信息公开工作年度报告", "government"),
    ("淮安市人民政府办公室", "淮安市人民政府办公室2024年政府信息公开工作年度报告", "department"),
    ("镇江市人民政府", None, "government"),
    ("沭阳县沭城街道办事处", None, "township"),
    ("沭阳县钱集镇人民政府", None, "township"),
    ("淮安市人民政府国有资产监督管理委员会", None, "department"),
    ("长沙市芙蓉区教育局", None, "department"),
    ("某某", None, "unknown"),
    (None, None, "unknown"),
])
def test_agency_kind(name, title, kind):
    assert RM.agency_kind(name, title) == kind


# ---------------------------------------------------------------- N-6 考核、评议、责任追究
@pytest.mark.parametrize("key, missing", [
    ("001", ["责任追究"]),                    # 纳入全区年度考核; 评议满意率 100%; no 责任追究 (spec N-6 example)
    ("005", ["责任追究"]),                    # 考核 and 满意度 reported
    ("002", ["工作考核", "社会评议", "责任追究"]),  # 淮安 2024 mentions none of them
])
def test_government_reports_name_what_they_leave_out(parsed, key, missing):
    found = RM.government_items(parsed[key])
    assert rules_of(found) == [("government_items_missing", "warning")]
    assert found[0].actual == missing and "、".join(missing) in found[0].message


def test_mentioning_accountability_satisfies_the_rule(parsed):
    r = copy(parsed, "001")
    r.sections["五"] += "\n本年度未发生政府信息公开工作责任追究情况。"
    assert RM.government_items(r) == []


def test_departments_and_zones_are_not_asked(parsed):
    assert RM.government_items(parsed["010"]) == []  # 管委会, not a 人民政府
    r = copy(parsed, "001")
    r.agency = "长沙市芙蓉区教育局"
    assert RM.government_items(r) == []


# ---------------------------------------------------------------- section order
def _reorder(order: str) -> str:
    lines = RAW["001"].read_text(encoding="utf-8").split("\n")
    start = {k: next(i for i, ln in enumerate(lines) if ln.startswith(k + "、")) for k in L.SECTION_KEYS}
    keys = L.SECTION_KEYS
    end = {k: start[keys[i + 1]] if i + 1 < len(keys) else len(lines) for i, k in enumerate(keys)}
    body = [ln for k in order for ln in lines[start[k]:end[k]]]
    return "\n".join(lines[: start["一"]] + body)


def test_sections_in_the_official_order_give_no_order_finding(parsed):
    assert RM.section_order(parsed["001"]) == [] and RM.misplaced_sections(parsed["001"]) == {}


@pytest.mark.parametrize("order, moved", [("一三二四五六", "三"), ("二一三四五六", "二"), ("一二三四六五", "六")])
def test_a_section_out_of_order_is_a_structure_error_not_a_missing_section(order, moved):
    r = parse_text(_reorder(order))
    found = validate(r)
    order_findings = [f for f in found if f.rule == "section_order"]
    assert [(f.severity, f.where) for f in order_findings] == [("error", f"结构/{L.SECTION_TITLES[moved]}")]
    assert not [f for f in found if f.rule == "section_missing"]


def test_a_section_whose_table_was_read_is_in_order_even_if_its_heading_is_quoted(parsed):
    r = copy(parsed, "001")
    r.sections["三"] = ""  # holds only its table, which the parser read in place
    r.sections["一"] += "\n三、收到和处理政府信息公开申请情况见下表。"
    assert RM.section_order(r) == []
    r.table3 = Report.blank().table3  # no table either: the heading in section 一 is the misplaced section
    assert [f.actual for f in RM.section_order(r)] == ["出现在第一部分的范围内"]


def test_a_parser_order_diagnostic_is_surfaced_once(parsed):
    r = copy(parsed, "001")
    r.diagnostics.append(Diagnostic(code="section_order", severity="error", where="三、收到和处理政府信息公开申请情况",
                                    message="第三部分出现在第二部分之前。"))
    found = validate(r)
    assert [(f.rule, f.where, f.message) for f in found if "order" in f.rule] == [
        ("section_order", "结构", "第三部分出现在第二部分之前。")]


# ---------------------------------------------------------------- 2019 trial-format 表二
def table2_2019() -> Report:
    """A 2020 report's 表二 in the 2019 trial format, with a fall in 行政许可 items (本年增/减 negative)."""
    r = Report.blank(L.TEMPLATE_2019, agency="某某县人民政府", year=2020)
    values = {"规章": [0, 0, 0], "规范性文件": [12, 12, 85], "行政许可": [312, -8, 10452],
              "其他对外管理服务事项": [40, 2, 1200], "行政处罚": [518, 0, 2306], "行政强制": [25, -3, 77],
              "行政事业性收费": [16, -1], "政府集中采购": [143, 5621.37]}
    for row, cols in L.T2_2019.items():
        r.table2[row] = dict(zip(cols, values[row]))
    return r


def test_2019_table2_with_a_negative_change_and_a_money_amount_holds():
    r = table2_2019()
    assert R2.table2_shape(r) == L.TEMPLATE_2019
    assert R2.table2_values(r) == []


@pytest.mark.parametrize("row, col, value, expected", [
    ("行政许可", "上一年项目数量", -312, "非负数"),
    ("政府集中采购", "采购总金额", -5621.37, "非负数"),
    ("行政处罚", "处理决定数量", 2306.5, "整数"),
    ("行政许可", "本年增/减", -8.5, "整数"),
])
def test_2019_table2_bad_values(row, col, value, expected):
    r = table2_2019()
    r.table2[row][col] = value
    found = R2.table2_values(r)
    assert [(f.rule, f.severity, f.where, f.expected, f.actual) for f in found] == [
        ("bad_value", "error", CellRef("table2", row, col).id, expected, value)]


def test_2019_table2_blank_is_reported():
    r = table2_2019()
    r.table2["行政强制"]["本年增/减"] = None
    assert [(f.rule, f.where) for f in R2.table2_values(r)] == [("blank_cell", CellRef("table2", "行政强制", "本年增/减").id)]


def test_mixed_report_2021_table2_with_2019_table3_is_still_checked():
    r = Report.from_interchange(json.loads(sorted((FIXTURES / "truth").glob("*.json"))[0].read_text(encoding="utf-8")))
    r.template = L.TEMPLATE_2019
    assert R2.table2_shape(r) == L.TEMPLATE_2021
    r.table2["行政处罚"] = -1
    assert [f.rule for f in R2.table2_values(r)] == ["bad_value"]
