"""Which section a sentence lands in: prose next to the statutory tables, headings without 、, headings lost in
conversion (found by their content), and page chrome glued to the end of crawler text. Real tune-split reports
(tests/corpus/raw), some with one controlled change each (a heading removed, a paragraph added after a table)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from report.parse import parse_text
from report.parse.table_span import narrative_cut, table_extent
from report.rules.meta import publication_date
from report.rules.validate import validate

RAW = Path(__file__).resolve().parent / "corpus" / "raw"


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def _compact(s: str) -> str:
    return "".join(s.split())


def _lands(report, sentence: str) -> list[str]:
    """The parts of the parsed report whose text holds ``sentence`` (whitespace ignored)."""
    parts = dict(report.sections, preamble=report.preamble or "", closing=report.closing or "")
    return [k for k, v in parts.items() if _compact(sentence) in _compact(v)]


# ------------------------------------------------------------------ prose next to a table


def test_the_sentence_before_table4_is_in_section_four_not_cut_with_the_table():
    # c3_009 (tune, crawler run-together): 「四、…情况2022年，未有政府信息公开行政复议及行政诉讼有关情况。行政复议行政诉讼…」
    report = parse_text(_raw("c3_009.txt"))
    assert _lands(report, "2022年，未有政府信息公开行政复议及行政诉讼有关情况。") == ["四"]
    assert "结果维持" not in report.sections["四"]


def test_a_paragraph_after_table2_stays_in_section_two_and_the_cells_do_not_change():
    original = _raw("c1_002.txt")
    prose = "本年度通过门户网站主动公开政府信息1234条，其中行政处罚信息636条。"
    text = original.replace("政府集中采购00三、收到和处理", "政府集中采购00" + prose + "三、收到和处理", 1)
    assert text != original
    report, base = parse_text(text), parse_text(original)
    assert _lands(report, prose) == ["二"]
    assert "规范性文件" not in report.sections["二"] and "采购总金额" not in report.sections["二"]
    assert report.table2 == base.table2 and report.table3 == base.table3 and report.table4 == base.table4


def test_an_introduction_naming_a_table3_row_stays_in_section_three():
    original = _raw("c1_002.txt")
    intro = "本年新收政府信息公开申请0件，其中自然人0件。"
    text = original.replace("申请情况（本列数据的勾稽关系", "申请情况" + intro + "（本列数据的勾稽关系", 1)
    report = parse_text(text)
    assert _lands(report, intro) == ["三"]
    assert "勾稽关系" not in report.sections["三"] and "属于国家秘密" not in report.sections["三"]
    assert report.table3 == parse_text(original).table3


def test_a_row_named_in_prose_is_not_table_but_a_row_with_cells_is():
    region = "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可4500其他对外管理服务事项000本年其中行政许可12件。"
    first, last = table_extent("二", region)  # type: ignore[misc]
    assert region[first:].startswith("第二十条")
    assert region[last:] == "本年其中行政许可12件。"
    # a span with no sentence after the table is left as the reader cut it
    assert narrative_cut("二", region[:last], 0, last) == (0, last)


# ------------------------------------------------------------------ headings


def test_a_heading_written_without_the_enumeration_comma_opens_section_one():
    original = _raw("c1_002.txt")
    text = original.replace("。一、总体情况2019年", "。一总体情况2019年", 1)
    assert text != original
    report = parse_text(text)
    first = "我局政府信息公开工作在区管委会和省公安厅政府信息公开工作领导小组的组织领导下"
    assert _lands(report, first) == ["一"]
    assert "一总体情况" not in _compact(report.preamble or "")


def test_section_five_without_its_heading_is_found_by_its_glued_sub_heading():
    # c1_013 (tune): 「…总计000000000000000五、存在的主要问题及改进情况（一）主要问题1.配备的人员少…」, heading removed
    original = _raw("c1_013.txt")
    text = original.replace("五、存在的主要问题及改进情况（一）主要问题", "（一）主要问题", 1)
    assert text != original
    report = parse_text(text)
    assert _lands(report, "配备的人员少、力量薄，信息公开工作的质量和水平有待提高。") == ["五"]
    assert [d.where for d in report.diagnostics if d.code == "section_by_content"] == ["sections.五"]
    assert report.table4 == parse_text(original).table4
    assert not [f for f in validate(report) if f.rule == "sections_present"]


def test_section_one_without_its_heading_is_found_by_its_first_topic():
    # c2_007 (tune): 「…。 一、总体情况 坚持以…扎实推进相关工作。（一）主动公开政府信息的情况牵头推进…」
    original = _raw("c2_007.txt")
    text = original.replace(" 一、总体情况 ", " ", 1)
    assert text != original
    report = parse_text(text)
    assert _lands(report, "牵头推进全区政务公开工作，督促各单位进一步公开法定公开内容") == ["一"]
    assert [d.where for d in report.diagnostics if d.code == "section_by_content"] == ["sections.一"]


def test_a_year_of_numbered_prose_is_not_a_heading_without_a_separator():
    text = "X局2023年政府信息公开工作年度报告\n一年来，总体运行平稳。\n二、主动公开政府信息情况\n略。"
    report = parse_text(text)
    assert _lands(report, "一年来，总体运行平稳。") == ["preamble"]


# ------------------------------------------------------------------ chrome


def test_a_site_footer_glued_to_the_last_line_of_crawler_text_is_removed():
    original = _raw("c1_002.txt")
    text = original.rstrip() + "主办单位：平潭综合实验区管理委员会 网站标识码3501000000 闽ICP备05012345号\n"
    report = parse_text(text)
    assert "网站标识码" not in report.text() and "主办单位" not in (report.closing or "")
    assert report.sections["六"] == parse_text(original).sections["六"]


def test_a_table_whose_cells_ran_together_is_not_left_in_the_narrative():
    # c5_001 (tune): 「…规章000规范性文件000…政府集中采购 4838518699.09元」 and 「…尚未审结总计000000000000000」: no
    # separate numbers, so the readers' span was empty and the whole table stayed in 二 and 四 as prose
    report = parse_text(_raw("c5_001.txt"))
    assert "规范性文件" not in report.sections["二"] and "政府集中采购" not in report.sections["二"]
    assert "结果维持" not in report.sections["四"]
    truth = json.loads((RAW.parent / "truth" / "c5_001.json").read_text(encoding="utf-8"))
    assert report.table2["行政许可"] == truth["table2"]["行政许可"]  # the cells are read as before


def test_the_page_breadcrumb_and_view_buttons_are_not_in_the_preamble_but_the_byline_date_stays():
    # c5_002 (tune): 「当前位置： 首页政务公开…年报 平潭…报告 来源： 时间：2023-01-10 10:26 -->  全真版 文字版 文件下载 相关链接： 根据…」
    report = parse_text(_raw("c5_002.txt"))
    pre = report.preamble or ""
    assert "当前位置" not in pre and "全真版" not in pre and "文件下载" not in pre and "相关链接" not in pre
    assert "根据《中华人民共和国政府信息公开条例》" in pre and "时间：2023-01-10" in pre
    assert publication_date(report) == (date(2023, 1, 10), "preamble")
    assert report.title == "平潭综合实验区农业农村局2022年政府信息公开工作年度报告"


def test_a_lost_heading_of_two_three_or_four_is_found_at_its_tables_printed_header():
    # c1_002 (run-together) and c3_013 (spaced crawler text), each with one statutory heading removed: the table is
    # read as before, its text does not leak into the section before, and the parser says where it guessed
    for name in ("c1_002.txt", "c3_013.txt"):
        original = _raw(name)
        base = parse_text(original)
        for heading in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"):
            text = original.replace(heading, "", 1)
            assert text != original
            report = parse_text(text)
            key = heading[0]
            assert [d.where for d in report.diagnostics if d.code == "section_by_content"] == [f"sections.{key}"]
            assert (report.table2, report.table3, report.table4) == (base.table2, base.table3, base.table4)
            assert report.sections == base.sections, (name, key)
            assert not [f for f in validate(report) if f.rule == "section_missing"]
