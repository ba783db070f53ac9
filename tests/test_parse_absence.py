"""What the parser did not find is blamed on the report only when the parser is confident the text is whole and
structured; otherwise the finding says the parser could not locate it (report/parse/structure.py,
report/rules/absence.py). Real fixture text with parts removed, and synthetic text, for both sides."""

from __future__ import annotations

import re

from conftest import FIXTURES
from report.model import labels as L
from report.parse import parse_text
from report.rules.validate import validate

RAW_001 = (FIXTURES / "001_changsha_furongqu_2021.txt").read_text(encoding="utf-8")
RAW_005 = (FIXTURES / "005_suqian_shuyangxian_2025.txt").read_text(encoding="utf-8")
T5 = L.SECTION_TITLES["五"]


def _rules(text: str) -> dict[str, str]:
    return {f.rule: f.severity for f in validate(parse_text(text))}


def _cut(text: str, start: str, end: str) -> str:
    i, j = text.index(start), text.index(end)
    return text[:i] + text[j:]


def test_whole_real_report_missing_section_five_is_the_reports_error():
    text = _cut(RAW_001, "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    report = parse_text(text)
    assert [d.code for d in report.diagnostics if d.where == f"结构/{T5}"] == ["section_absent"]
    found = [f for f in validate(report) if f.where == f"结构/{T5}"]
    assert [(f.rule, f.severity) for f in found] == [("section_missing", "error")]


def test_lost_heading_with_content_after_the_tables_is_unlocated_not_the_reports_fault():
    # The heading is lost but its content is still there, glued to the end of 四 (no （一） line of its own).
    text = RAW_001.replace("五、存在的主要问题及改进情况\n(一)工作中存在的主要问题\n", "工作中存在的主要问题：")
    report = parse_text(text)
    diag = next(d for d in report.diagnostics if d.code == "section_unlocated")
    assert diag.severity == "warning" and diag.where == f"结构/{T5}" and "可能为文本转换问题" in diag.message
    rules = _rules(text)
    assert "section_missing" not in rules
    assert rules["section_unlocated"] == "warning"


def test_two_lost_headings_are_both_unlocated_and_the_period_sentence_is_not_blamed():
    text = RAW_005.replace("## 五、政府信息公开工作存在的主要问题及改进情况", "").replace("六、其他需要报告的事项", "")
    text = re.sub(r"本报告[^。\n]*统计期限[^。\n]*。", "", text)
    report = parse_text(text)
    unlocated = {d.where for d in report.diagnostics if d.code == "section_unlocated"}
    assert unlocated == {f"结构/{T5}", f"结构/{L.SECTION_TITLES['六']}"}
    rules = _rules(text)
    assert "section_missing" not in rules and "period_missing" not in rules
    assert rules.get("period_unlocated") == "warning"


def test_missing_period_sentence_in_a_whole_report_is_an_error():
    text = re.sub(r"本报告中所列数据的统计期限[^。]*。", "", RAW_001)
    assert "统计期限" not in text
    assert _rules(text).get("period_missing") == "error"


def test_section_without_any_table_is_the_reports_blank_table():
    # 表四's section kept with a sentence and no table and no figure: the report left it out.
    text = _cut(RAW_001, "行政复议 |", "五、存在的主要问题及改进情况")
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况\n", "四、政府信息公开行政复议、行政诉讼情况\n本年度情况如下。\n")
    report = parse_text(text)
    assert [d.code for d in report.diagnostics if d.where == "表四"] == ["table_missing"]
    assert not any(ref.table == "table4" for ref in report.unread_cells())
    found = [f for f in validate(report) if f.where == "表四"]
    assert [(f.rule, f.severity) for f in found] == [("blank_table", "warning")]


def test_table_text_the_parser_could_not_read_is_unread_not_blank():
    # 表四's header words are there but its numbers were lost in conversion (every cell became text).
    head, rest = RAW_001.split("四、政府信息公开行政复议、行政诉讼情况\n")
    table, tail = rest.split("五、存在的主要问题及改进情况")
    lost = re.sub(r"\d+", "", table)
    report = parse_text(head + "四、政府信息公开行政复议、行政诉讼情况\n" + lost + "五、存在的主要问题及改进情况" + tail)
    diag = next(d for d in report.diagnostics if d.where == "表四")
    assert diag.code == "table_unlocated" and len(diag.cells) == 15
    assert {ref.table for ref in report.unread_cells()} == {"table4"}
    findings = validate(report)
    assert not [f for f in findings if f.rule == "blank_table" and f.where == "表四"]
    assert any(f.rule == "unread_cells" and any(c.startswith("表四/") for c in f.cells) for f in findings)


def test_synthetic_report_with_headings_but_no_section_five():
    body = ("2024年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n"
            "一、总体情况\n本年度依法公开。\n二、主动公开政府信息情况\n无。\n三、收到和处理政府信息公开申请情况\n无。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n无。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n")
    report = parse_text(body)
    assert any(d.code == "section_absent" for d in report.diagnostics)
    assert _rules(body).get("section_missing") == "error"
    # the same text where 四 goes on with what reads like 五's content: not confident any more
    doubtful = body.replace("四、政府信息公开行政复议、行政诉讼情况\n无。\n",
                            "四、政府信息公开行政复议、行政诉讼情况\n无。\n工作中还存在一些问题，下一步将改进。\n")
    rules = _rules(doubtful)
    assert "section_missing" not in rules and rules.get("section_unlocated") == "warning"
