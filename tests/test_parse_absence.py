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


# ------------------------------------------------------------------ signatures run into 六
def test_inline_signature_after_the_last_sentence_goes_to_the_closing():
    from report.parse.sections import split_inline_signature
    text, sig = split_inline_signature("我局无其他需报告的事项。 平潭综合实验区君山片区管理局 2020年1月2日")
    assert text == "我局无其他需报告的事项。" and sig == "平潭综合实验区君山片区管理局\n2020年1月2日"
    # a space inside the date
    assert split_inline_signature("无其他需要报告事项。 某市市场监督管理局 2022年1月13 日")[1] == "某市市场监督管理局\n2022年1月13 日"
    # a print record (抄送 / …日印发) after the signature: the text is left whole
    text = "本年度没有产生信息公开处理费。 某市市场监督管理局 2022年1月13日抄送：驻局纪检监察组。某市市场监督管理局办公室 2022年1月13日印发"
    assert split_inline_signature(text) == (text, "")


def test_glued_signature_is_cut_where_the_titles_agency_name_starts():
    from report.parse.sections import split_inline_signature
    title = "某市行政审批局2020年政府信息公开工作年度报告"
    assert split_inline_signature("无某市行政审批局 2021年1月19日", title) == ("无", "某市行政审批局\n2021年1月19日")
    # without a name to go by, a glued run is left in the text (nothing is guessed)
    assert split_inline_signature("无某市行政审批局 2021年1月19日") == ("无某市行政审批局 2021年1月19日", "")


def test_prose_ending_in_a_date_or_an_agency_word_is_not_a_signature():
    from report.parse.sections import split_inline_signature
    for text in ("统计期限自2021年1月1日起至2021年12月31日止。", "本年度信息公开工作由办公室负责。",
                 "详见市政府办公室"):
        assert split_inline_signature(text) == (text, "")


def test_parsed_report_signature_and_publication_date_from_an_inline_signature():
    from report.rules.meta import publication_date
    body = ("某县交通运输局2021年政府信息公开工作年度报告 本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
            " 一、总体情况 本年度依法公开。 二、主动公开政府信息情况 无。 三、收到和处理政府信息公开申请情况 无。"
            " 四、政府信息公开行政复议、行政诉讼情况 无。 五、存在的主要问题及改进情况 存在问题，下一步改进。"
            " 六、其他需要报告的事项 本年度未收取信息处理费。 某县交通运输局 2022年1月20日 附件下载")
    report = parse_text(body)
    assert report.sections["六"] == "本年度未收取信息处理费。"
    assert report.closing.startswith("某县交通运输局\n2022年1月20日")
    assert report.agency == "某县交通运输局"
    assert str(publication_date(report)[0]) == "2022-01-20"


# ------------------------------------------------------------------ a 表三 row that lost a cell
def _t3_numbers(raw: str) -> list["re.Match[str]"]:
    a = raw.index("本年新收")
    b = raw.index("行政复议", a)
    return [m for m in re.finditer(r"(?<![\d.])\d+(?![\d.])", raw) if a <= m.start() < b]


def test_a_table3_row_that_lost_a_cell_is_exact_or_flagged_with_its_row():
    """pypdf and pdfminer text of the fixture PDF: any single 表三 number dropped leaves every 表三 cell exact or
    named by a warning (the cell, its row or 表三), never silently shifted."""
    import json

    from report.model.tables import Report

    truth = Report.from_interchange(json.loads((FIXTURES / "truth" / "002_huaian_shi_2024.json").read_text(encoding="utf-8")))
    for name in ("002_huaian_shi_2024.txt", "002_huaian_shi_2024.pdfminer.txt"):
        raw = (FIXTURES / name).read_text(encoding="utf-8")
        nums = _t3_numbers(raw)
        assert len(nums) >= 150
        for m in nums[::9]:
            report = parse_text(raw[: m.start()] + raw[m.end():])
            flagged = {c for d in report.diagnostics if d.severity != "info" for c in [*d.cells, d.where or ""]}
            for ref, want in truth.cells():
                if ref.table != "table3" or report.get(ref) == want:
                    continue
                row = ref.id.rsplit("/", 1)[0]
                assert ref.id in flagged or row in flagged or "表三" in flagged, (name, m.group(0), ref.id)
