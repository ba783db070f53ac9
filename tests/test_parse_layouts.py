"""Section and metadata layouts met on real reports (synthetic texts built from the dev truths):
a typo in a section title, a report that numbers its own narrative headings and then the statutory parts
一/二/三, a title broken over two lines, and a 统计周期 sentence instead of 统计期限."""

from __future__ import annotations

from test_parse_crawler import TRUTHS, render, spaced, truth

from report.model import labels as L
from report.parse import parse_text


def _missing(report) -> str:
    return " ".join(d.message for d in report.diagnostics if d.code == "section_missing")


def test_section_title_typo_still_finds_table4():
    data = truth(TRUTHS[1])
    text = render(data, spaced, spaced).replace("四、政府信息公开行政复议", "四、政府信息公开行政法复议")
    assert "行政法复议" in text
    report = parse_text(text)
    assert report.table4 == data["table4"]
    assert report.table3 == data["table3"]
    assert "四、" not in _missing(report)


def _renumbered(text: str) -> str:
    """The report's own narrative headings 一…六, then the statutory parts numbered 一、二、三、五."""
    narrative = ("一、总体情况 本年度依法推进政务公开。\n二、工作机制保障 健全制度。\n三、主动公开工作情况 及时发布信息。\n"
                 "四、政府信息公开申请情况 依法答复。\n五、政府信息管理 动态调整。\n六、政府信息公开平台建设 优化网站。\n")
    head, rest = text.split("一、总体情况 本年度依法做好政府信息公开工作。")
    rest = (rest.replace("二、主动公开政府信息情况", "\n一、主动公开政府信息情况")
                .replace("三、收到和处理政府信息公开申请情况", "\n二、收到和处理政府信息公开申请情况")
                .replace("四、政府信息公开行政复议", "\n三、政府信息公开行政复议")
                .replace(" 五、存在的主要问题及改进情况", "\n四、存在的主要问题及改进情况")
                .replace(" 六、其他需要报告的事项", "\n五、其他需要报告的事项"))
    return head + "\n" + narrative + rest


def test_tables_found_by_title_words_when_the_report_numbers_its_own_headings():
    data = truth(TRUTHS[2])
    report = parse_text(_renumbered(render(data, spaced, spaced)))
    assert report.table3 == data["table3"]
    assert report.table4 == data["table4"]
    for row in L.T2_SINGLE_ROWS:
        assert report.table2[row] == data["table2"][row]
    missing = _missing(report)
    for key in ("二", "三", "四", "六"):
        assert L.SECTION_TITLES[key] not in missing, key
    assert "工作机制保障" in report.sections["一"]  # the narrative headings stay in the text


def test_title_over_two_lines_and_statistics_period_sentence():
    body = render(truth(TRUTHS[0]), spaced, spaced).split(" ", 1)[1]
    text = ("2024 年上海市某某局政府信息公开工作\n年度报告\n本年度报告中所列数据的统计周期\n为 2024 年 1 月 1 日至 12 月 31 日。\n"
            + body)
    report = parse_text(text)
    assert report.year == 2024
    assert report.agency == "上海市某某局"
    assert not any(d.code in ("year_missing", "agency_missing") for d in report.diagnostics)
    no_title = parse_text("本年度报告中所列数据的统计周期为 2023 年 1 月 1 日至 12 月 31 日。\n" + body)
    assert no_title.year == 2023


def _markdown_table2(t2: dict, notes: tuple[str, str]) -> str:
    """Table 2 of a PDF-to-Markdown conversion: one multi-line cell per document row floated out of the table
    (规章's 本年制发件数, 行政规范性文件's 本年废止件数), the single-value rows as plain lines."""
    reg, doc = t2["规章"], t2["行政规范性文件"]
    made, repealed, valid = L.T2_DOC_COLUMNS
    return "\n".join([
        "二、主动公开政府信息情况", "第二十条第（一）项", str(reg[made]), notes[0], str(doc[repealed]), notes[1],
        f"第二十条第（五）项 信息内容 本年处理决定数量 行政许可 {t2['行政许可']}",
        f"第二十条第（六）项 信息内容 本年处理决定数量 行政处罚 {t2['行政处罚']}", f"行政强制 {t2['行政强制']}",
        f"第二十条第（八）项 信息内容 本年收费金额（单位：万元） 行政事业性收费 {t2['行政事业性收费']}",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|",
        f"| 规章 | {reg[repealed]} | {reg[valid]} |", f"| 行政规范性文件 | {doc[made]} | {doc[valid]} |", "",
    ])


def _with_table2(data: dict, notes: tuple[str, str]) -> str:
    text = render(data, spaced, spaced)
    a, b = text.index("二、主动公开政府信息情况"), text.index(" 三、收到和处理")
    return text[:a] + "\n" + _markdown_table2(data["table2"], notes) + "\n" + text[b + 1 :]


def test_markdown_table2_floating_cells_placed_by_their_notes():
    data = truth(TRUTHS[1])
    report = parse_text(_with_table2(data, ("（其中修订 3 件）", "（含自然失效 2 件）")))
    assert report.table2 == data["table2"]
    assert [d.where for d in report.diagnostics if d.code == "t2_floating_cell"] == ["表二/规章", "表二/行政规范性文件"]


def test_markdown_table2_short_rows_are_never_shifted_into_the_next_rows():
    data = truth(TRUTHS[1])
    report = parse_text(_with_table2(data, ("（见说明）", "（见说明）")))
    for row in L.T2_SINGLE_ROWS:
        assert report.table2[row] == data["table2"][row], row
    for row in L.T2_DOC_ROWS:
        assert all(v is None for v in report.table2[row].values()), row
    assert {d.where for d in report.diagnostics if d.code == "t2_short_row"} == {"表二/规章", "表二/行政规范性文件"}
