"""Structure, year, 统计期限, sections 五/六, placeholders, publication date and cross-year rules: every field of
every finding (rule, severity, where, expected, actual, cells, the message staff read), on small reports built
here, each branch and each boundary (the 12-line preamble head, the 20-character date line, the 10-year window for
stale years, the ×3 / 20 swing bounds, the deadline days) on both sides.

The messages are written out in full: they are what staff read, and a changed word or a lost figure is a
regression like any other.
"""

from datetime import date

import pytest

from report.model import CellRef
from report.model import labels as L
from report.model.findings import Finding
from report.model.tables import Diagnostic, Report
from report.rules import meta as RM
from report.rules import text as RT
from report.rules import years as RY

T = L.SECTION_TITLES


def F(rule, severity, where, message, expected=None, actual=None, cells=()):
    return Finding(rule=rule, severity=severity, where=where, expected=expected, actual=actual, message=message,
                   cells=list(cells))


def rep(year=2024, agency="某县人民政府", template="2021", **sections) -> Report:
    r = Report.blank(template, agency=agency, year=year)
    r.sections = dict(sections)
    return r


# ---------------------------------------------------------------- sections present, order
def test_no_narrative_at_all_is_one_warning_even_without_section_keys():
    r = rep()
    assert r.sections == {}
    assert RT.sections_present(r) == [F(
        "sections_missing", "warning", "结构",
        "未提供报告正文（六个部分均为空），本次只审核了表格。发布的年度报告须按条例第五十条写全六个部分（一、总体情况 至 六、其他需要报告的事项）。",
        expected=list(T.values()), actual=[])]


def test_missing_sections_are_errors_a_filled_table_counts_as_present():
    r = rep(**{"一": "总体情况正文。", "四": "复议诉讼正文。", "六": "   "})
    r.table2["行政许可"] = 3  # 二 holds only its table
    assert RT.sections_present(r) == [
        F("section_missing", "error", f"结构/{T[k]}", f"缺少「{T[k]}」部分（或该部分为空）。条例第五十条规定的内容不能遗漏，请补写。",
          expected=T[k], actual="缺失或为空")
        for k in ("三", "五", "六")]


def test_a_heading_inside_another_section_is_an_order_error_not_a_missing_section():
    r = rep(**{"一": "正文", "二": "正文", "三": "正文", "四": "复议诉讼。\n五、存在的主要问题及改进情况\n培训不足。", "六": "正文"})
    assert RM.misplaced_sections(r) == {"五": "四"}
    assert RT.sections_present(r) == []
    assert RM.section_order(r) == [F(
        "section_order", "error", "结构/五、存在的主要问题及改进情况",
        "「五、存在的主要问题及改进情况」没有按规定顺序出现（它的标题出现在第四部分的范围内）。年度报告应按一、总体情况 至 六、其他需要报告的事项 "
        "的顺序编写，请调整章节顺序；该部分的统计表和文字可能因此未能正确读取和核对。",
        expected="位于第四部分之后", actual="出现在第四部分的范围内")]


def test_section_one_heading_in_the_preamble():
    r = rep(**dict.fromkeys("二三四五六", "正文"))
    r.preamble = "前言\n一、总体情况\n本年度……"
    assert RM.misplaced_sections(r) == {"一": "preamble"}
    [f] = RM.section_order(r)
    assert (f.where, f.expected, f.actual) == ("结构/一、总体情况", "位于正文开头", "出现在第一部分之前")
    assert "（它的标题出现在第一部分之前）" in f.message


def test_a_section_present_by_its_table_is_never_misplaced():
    r = rep(**{"一": "正文\n三、收到和处理政府信息公开申请情况"})
    r.table3[L.R_NEW][0] = 1
    assert "三" not in RM.misplaced_sections(r)
    r.table3[L.R_NEW][0] = None
    assert RM.misplaced_sections(r) == {"三": "一"}


def test_the_parsers_order_diagnostic_wins():
    r = rep(**{"一": "正文\n五、存在的主要问题及改进情况"})
    r.diagnostics = [Diagnostic(code="section_order", severity="warning", message="章节顺序：五在一之内"),
                     Diagnostic(code="sections_out_of_order", severity="info", message="第二条", where="四、五"),
                     Diagnostic(code="t3_layout", severity="warning", message="无关")]
    assert RM.section_order(r) == [
        F("section_order", "error", "结构", "章节顺序：五在一之内", expected="一至六部分按规定顺序", actual="顺序错乱"),
        F("section_order", "error", "结构", "第二条", expected="一至六部分按规定顺序", actual="四、五")]


# ---------------------------------------------------------------- placeholders, 五, 六, template
def test_placeholders_in_every_part_with_their_spans():
    r = rep(**{"一": "【待补充】", "三": "正文"})
    r.preamble = "前言【待补充：机关名称】。"
    r.closing = "落款【待补充: 日期 】"
    assert RT.placeholders(r) == [
        F("N-PH", "error", "preamble[2:12]", "仍有待补充的内容：机关名称。请补充实际情况后再发布。", expected="补充后的正文",
          actual="【待补充：机关名称】"),
        F("N-PH", "error", "sections.一[0:5]", "仍有待补充的内容：（未注明）。请补充实际情况后再发布。", expected="补充后的正文",
          actual="【待补充】"),
        F("N-PH", "error", "closing[2:12]", "仍有待补充的内容：日期。请补充实际情况后再发布。", expected="补充后的正文",
          actual="【待补充: 日期 】"),
    ]


@pytest.mark.parametrize("text,flagged", [("无。", "无。"), (" 暂无 \n", "暂无"), ("无问题；", "无问题；"), ("没有", "没有"),
                                          ("无相关情况", "无相关情况"), ("存在问题：无", None), ("", None), ("   ", None)])
def test_section_five_that_only_says_none(text, flagged):
    found = RT.section5_content(rep(**{"五": text}))
    assert found == ([F("section5_empty", "error", "sections.五",
                        "「五、存在的主要问题及改进情况」只写了“无”。条例第五十条（四）要求报告存在的主要问题及改进情况，请如实写明问题和改进措施。",
                        expected="存在的主要问题及改进措施", actual=flagged)] if flagged else [])


FEE_ROW = f"{L.R_RESULTS}/{L.G_OTHER}/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
FEE_ID = CellRef("table3", FEE_ROW, "总计").id


def test_section_six_fee_note_plain_with_fees_and_mentioned_elsewhere():
    r = rep(**{"六": "其他事项。"})
    plain = "「六、其他需要报告的事项」没有说明信息处理费的收取情况。请写明本年度是否收取信息处理费（未收取也应写明）。"
    assert RT.section6_info_fee(r) == [F("info_fee_note", "warning", "sections.六", plain, expected="说明信息处理费收取情况",
                                         actual="未提及")]
    r.table3[FEE_ROW] = [0, 0, 0, 0, 0, 2, 2]
    r.sections.update({"一": "未收取信息处理费。", "三": "信息处理费0元", "五": "无"})
    assert RT.section6_info_fee(r) == [F(
        "info_fee_note", "warning", "sections.六",
        "表三「（六）其他处理 2.逾期未按收费通知要求缴纳费用」总计为 2，说明本年度发出过收费通知，但「六、其他需要报告的事项」没有说明信息处理费的"
        "收取情况。请写明收费通知件数、实际收取金额（元）。（第一、三部分提到了信息处理费，建议移到第六部分。）",
        expected="说明信息处理费收取情况", actual="未提及", cells=[FEE_ID])]
    r.sections["六"] = "本年度未收取信息处理费。"
    assert RT.section6_info_fee(r) == []
    assert RT.section6_info_fee(rep(**{"六": " "})) == []
    old = rep(template="2019", **{"六": "其他。", "二": "信息处理费"})  # the 2019 表三 has no such row
    assert RT.section6_info_fee(old)[0].message == plain + "（第二部分提到了信息处理费，建议移到第六部分。）"


@pytest.mark.parametrize("template,year,found", [("2019", 2021, True), ("2019", 2022, True), ("2019", 2020, False),
                                                  ("2019", None, False), ("2021", 2024, False)])
def test_old_template(template, year, found):
    r = rep(year=year, template=template)
    expected = [F("old_template", "warning", "结构",
                  f"{year}年度报告仍使用2019年试行格式的表格。自2021年度报告起应使用国办公开办函〔2021〕30号规定的格式（表三「（六）其他处理」分为三项），请更换模板。",
                  expected="2021年版格式", actual="2019年试行格式")]
    assert RT.template_current(r) == (expected if found else [])


# ---------------------------------------------------------------- years in the text
def test_unknown_year():
    assert RT.year_consistency(rep(year=None)) == []
    assert RT.year_consistency(rep(year=None, **{"三": "正文"})) == [F(
        "year_unknown", "warning", "标题",
        "没有识别出报告所属年度，无法核对统计期限和正文年份。请在标题中写明“××××年政府信息公开工作年度报告”。",
        expected="报告年度", actual=None)]


def test_title_year_and_stale_paragraph_years():
    one = "2023年，我县继续推进。\n2022年度，完成清理。\n2013年，开始公开。\n2014年、建立制度。\n2024年，本年工作。\n2025年，展望。"
    two = "\n　2023年，全年平稳。"
    r = rep(**{"一": one, "二": two})
    r.title = "某县人民政府2023年政府信息公开工作年度报告"
    i22, i14 = one.index("2022年度"), one.index("2014年")
    stale = "这很可能是从上一年报告照抄未改的年份，请改为2024年并核对其后的内容和数字。"
    assert RT.year_consistency(r) == [
        F("year_mismatch", "error", "标题", "标题中的年份为2023年，与报告年度2024年不一致，请核对标题。", expected=2024, actual=2023),
        F("stale_year", "error", "sections.一[0:6]", f"本部分开头写的是“2023年，”，而本报告是2024年度报告。{stale}",
          expected=2024, actual=2023),
        F("stale_year", "warning", f"sections.一[{i22}:{i22 + 7}]", f"段落开头写的是“2022年度，”，而本报告是2024年度报告。{stale}",
          expected=2024, actual=2022),
        F("stale_year", "warning", f"sections.一[{i14}:{i14 + 6}]", f"段落开头写的是“2014年、”，而本报告是2024年度报告。{stale}",
          expected=2024, actual=2014),
        F("stale_year", "error", "sections.二[1:8]", f"本部分开头写的是“2023年，”，而本报告是2024年度报告。{stale}",
          expected=2024, actual=2023),
    ]
    r.title = "某县人民政府政府信息公开工作年度报告"  # no year in the title: nothing to compare
    assert [f.rule for f in RT.year_consistency(r)].count("year_mismatch") == 0


def test_stale_years_in_preamble_and_closing_are_named_by_part():
    r = rep(**{"一": "正文"})
    r.preamble, r.closing = "2023年，", "落款\n2023年、"
    assert [f.where for f in RT.year_consistency(r)] == ["preamble[0:6]", "closing[3:9]"]


# ---------------------------------------------------------------- 统计期限
def test_period_sentence_every_branch():
    assert RT.period_sentence(rep()) == []  # no text: nothing to check
    ok = "本报告中所列数据的统计期限自2024年1月1日起，至2024年12月31日止。"
    assert RT.period_sentence(rep(**{"一": ok})) == []
    wrong = "前言。本报告统计期限自2023年1月1日起，至2023年12月31日止。"
    r = rep(**{"一": "正文"})
    r.preamble = wrong
    s, e = wrong.index("统计期限"), wrong.index("2023年12月31日") + len("2023年12月31日")
    assert RT.period_sentence(r) == [F(
        "period_year", "error", f"preamble[{s}:{e}]",
        "统计期限写为2023年1月1日至2023年12月31日，与报告年度2024年不符（可能照抄了上一年报告）。应为2024年1月1日至2024年12月31日。",
        expected="2024年1月1日至2024年12月31日", actual="2023年1月1日至2023年12月31日")]
    half = "统计期限自2024年1月1日起，至2024年6月30日止。"
    assert RT.period_sentence(rep(**{"一": half}))[0].actual == "2024年1月1日至2024年6月30日"
    loose = "正文。统计时间为2023年度。"
    s = loose.index("统计时间")
    assert RT.period_sentence(rep(**{"一": "正文", "二": loose})) == [F(
        "period_year", "error", f"sections.二[{s}:{s + 10}]",
        "统计期限中的年份为2023年，与报告年度2024年不符（可能照抄了上一年报告），请改为2024年。", expected=2024, actual=2023)]
    assert RT.period_sentence(rep(**{"二": "统计时间为2024年度。"})) == []
    assert RT.period_sentence(rep(year=None, **{"二": "统计时间为2023年度。"})) == []
    assert RT.period_sentence(rep(year=None, **{"二": wrong})) == []
    assert RT.period_sentence(rep(**{"一": "正文"})) == [F(
        "period_missing", "error", "结构", "报告中没有统计期限说明。请加上一句：“本报告中所列数据的统计期限自2024年1月1日起，至2024年12月31日止。”",
        expected="统计期限说明", actual="未找到")]
    assert RT.period_sentence(rep(year=None, **{"一": "正文"}))[0].message == \
        "报告中没有统计期限说明。请加上一句：“本报告中所列数据的统计期限自××××年1月1日起，至××××年12月31日止。”"


def test_a_full_period_anywhere_wins_over_a_loose_year_earlier():
    r = rep(**{"一": "统计期限为2024年。", "二": "统计期限自2023年1月1日起，至2023年12月31日止。"})
    assert [(f.where, f.actual) for f in RT.period_sentence(r)] == [("sections.二[0:28]", "2023年1月1日至2023年12月31日")]


# ---------------------------------------------------------------- narrative numbers
class Claim:
    def __init__(self, **kw):
        base = {"text": "", "value": None, "start": 0, "end": 0, "status": "verified", "severity": None, "cell": None, "cells": (),
                    "expected": None, "message": None}
        self.__dict__.update(base | kw)


def test_claims_become_findings_with_defaults(monkeypatch):
    seen = []
    claims = [
        ("三", Claim(text="受理3120件", value=3120, start=5, end=12, status="contradicts", expected=3119,
                    cell="表三/一、本年新收政府信息公开申请数量/总计", message=None)),
        ("一", Claim(text="23类", value=23, start=0, end=3, status="unverifiable", cells=("表二/行政许可", "表二/行政处罚"),
                    message="无法核对")),
        ("二", Claim(text="5件", value=5, start=1, end=3, status="contradicts", severity="warning", expected=4,
                    cells=("表二/行政许可",), message="正文5件，表二为4件。")),
        ("四", Claim(text="已核对", status="verified")),
    ]

    def fake(report, previous=None):
        seen.append(previous)
        return claims

    monkeypatch.setattr(RT, "report_claims", fake)
    r, prev = rep(**{"一": "x"}), rep(year=2023)
    audit = [F("narrative_number", "error", "sections.三[5:12]", "正文“受理3120件”中的数字与表格不一致。", expected=3119,
               actual=3120, cells=["表三/一、本年新收政府信息公开申请数量/总计"]),
             F("narrative_number", "warning", "sections.二[1:3]", "正文5件，表二为4件。", expected=4, actual=5,
               cells=["表二/行政许可"])]
    assert RT.narrative_numbers(r, "audit", prev) == audit
    assert seen == [prev]
    draft = RT.narrative_numbers(r, "draft")
    assert draft == [audit[0], F("narrative_unverified", "warning", "sections.一[0:3]", "无法核对", actual=23,
                                 cells=["表二/行政许可", "表二/行政处罚"]), audit[1]]


def test_a_failure_in_the_claims_code_is_a_warning_not_a_crash(monkeypatch):
    def boom(report, previous=None):
        raise ValueError("坏了")

    monkeypatch.setattr(RT, "report_claims", boom)
    assert RT.narrative_numbers(rep(**{"一": "x"})) == [F(
        "narrative_check_failed", "warning", "sections", "正文数字核对未能完成（ValueError: 坏了），请人工核对正文数字。")]


# ---------------------------------------------------------------- publication date and deadline
@pytest.mark.parametrize("closing,preamble,found", [
    ("某县人民政府\n2025年1月20日\n", "", (date(2025, 1, 20), "closing")),
    ("2025年1月20日\n某县人民政府\n二〇二五年二月三日", "", (date(2025, 2, 3), "closing")),
    ("某县人民政府\n二○二五年十一月三十日", "", (date(2025, 11, 30), "closing")),
    ("", "\n".join(["行"] * 11 + ["（2025年1月23日）"]), (date(2025, 1, 23), "preamble")),
    ("", "\n".join(["行"] * 12 + ["（2025年1月23日）"]), (None, "")),
    ("", "本机关报告发布日期为2025年1月23日", (date(2025, 1, 23), "preamble")),  # 20 characters
    ("", "本机关的报告发布日期为2025年1月23日", (None, "")),  # 21 characters: a sentence, not a date line
    ("", "标题\n发布时间：2025-02-08 09:30", (date(2025, 2, 8), "preamble")),
    ("2025年2月30日", "", (None, "")),  # no such day
])
def test_publication_date(closing, preamble, found):
    r = rep()
    r.closing, r.preamble = closing, preamble
    assert RM.publication_date(r) == found


@pytest.mark.parametrize("agency,title,kind", [
    (None, None, "unknown"), ("某市财政局（本级）", None, "department"), ("某市人民政府办公室", None, "government"),
    ("某市人民政府办公室", "某市人民政府办公室2024年政府信息公开工作年度报告", "department"),
    ("某市人民政府办公厅", "某市人民政府2024年政府信息公开工作年度报告", "government"),
    ("某镇人民政府", None, "township"), ("某街道办事处", None, "township"), ("某高新区管委会", None, "government"),
    ("某协会管委会", None, "unknown"), ("某县人民政府", None, "government"), ("某某", None, "unknown"),
    ("某县人民政府（试行）", None, "government"),
])
def test_agency_kind(agency, title, kind):
    assert RM.agency_kind(agency, title) == kind


def late(shown, deadline, rule_text):
    return [F("publication_late", "warning", "closing",
              f"报告落款日期为{shown}，晚于{deadline}。{rule_text}。请核对落款日期；如确属逾期公布，请在第五部分说明原因和改进措施。",
              expected=f"不晚于{deadline}", actual=shown)]


DEPT = "条例第四十九条规定，县级以上人民政府部门的年度报告应在每年1月31日前公布"
GOV = "条例第四十九条规定，县级以上人民政府的年度报告应在每年3月31日前公布"
UNKNOWN = "条例第四十九条规定，政府部门的年度报告应在每年1月31日前、本级政府的年度报告应在每年3月31日前公布"
OLD = "当时施行的条例（2007年）第三十一条规定，年度报告应在每年3月31日前公布"


@pytest.mark.parametrize("year,agency,title,closing,expected", [
    (2024, "某县财政局", None, "2025年1月31日", []),
    (2024, "某县财政局", None, "2025年2月1日", late("2025年2月1日", "2025年1月31日", DEPT)),
    (2024, "某县人民政府", None, "2025年3月31日", []),
    (2024, "某县人民政府", None, "2025年4月1日", late("2025年4月1日", "2025年3月31日", GOV)),
    (2024, "某市人民政府办公室", "某市人民政府办公室2024年政府信息公开工作年度报告", "2025年2月1日",
     late("2025年2月1日", "2025年1月31日", DEPT)),
    (2024, "某市人民政府办公室", None, "2025年2月1日", []),
    (2024, "某镇人民政府", None, "2025年12月31日", []),
    (2024, "某镇人民政府", None, "2026年1月5日", late("2026年1月5日", "2025年内", "乡镇人民政府、街道办事处的年度报告应在次年公布")),
    (2024, "某某", None, "2025年2月15日", []),
    (2024, "某某", None, "2025年4月1日", late("2025年4月1日", "2025年3月31日", UNKNOWN)),
    (2018, "某县财政局", None, "2019年2月15日", []),
    (2018, "某县财政局", None, "2019年4月1日", late("2019年4月1日", "2019年3月31日", OLD)),
    (2019, "某县财政局", None, "2020年2月1日", late("2020年2月1日", "2020年1月31日", DEPT)),
    (2024, "某县财政局", None, "2024年12月30日", [F(
        "publication_date_year", "error", "closing",
        "报告落款日期为2024年12月30日，但2024年度报告只能在2024年结束后（2025年）发布。这很可能是照抄旧报告未改的日期，请改为实际发布日期。",
        expected="2025年", actual="2024年12月30日")]),
    (2024, "某县财政局", None, "某县财政局", [F(
        "publication_date_missing", "info", "closing",
        "未找到报告的落款日期。请在文末机关署名下写明发布日期（如“2025年1月20日”），以便核对是否在条例第四十九条规定的期限内公布。",
        expected="发布（落款）日期", actual=None)]),
])
def test_publication_deadline(year, agency, title, closing, expected):
    r = rep(year=year, agency=agency, **{"一": "正文"})
    r.title, r.closing = title, closing
    assert RM.publication_deadline(r) == expected


def test_no_deadline_check_without_year_or_text():
    r = rep(year=None, **{"一": "正文"})
    r.closing = "2030年1月1日"
    assert RM.publication_deadline(r) == []
    r = rep(**{"一": "  "})
    r.closing = "2030年1月1日"
    assert RM.publication_deadline(r) == []


# ---------------------------------------------------------------- 考核、评议、责任追究
GOV_MSG = ("本报告是人民政府的年度报告，条例第五十条（四）要求还应报告工作考核、社会评议和责任追究结果情况，但「一、总体情况」（监督保障）和"
           "「五、存在的主要问题及改进情况」中没有写{items}的情况。请补写（没有发生责任追究的，也应写明“未发生责任追究情况”）。")


def test_government_items_missing_and_mentioned_elsewhere():
    r = rep(**{"一": "本年度开展了工作考核。", "二": "对违规人员问责。", "三": "考评", "六": "群众满意度测评良好。"})
    assert "五" not in r.sections
    assert RM.government_items(r) == [F(
        "government_items_missing", "warning", "sections.一",
        GOV_MSG.format(items="社会评议、责任追究") + "（第二、六部分有相关字样，建议移到第一部分“监督保障”或第五部分。）",
        expected=["工作考核", "社会评议", "责任追究"], actual=["社会评议", "责任追究"])]
    r.sections["五"] = "开展社会评议，未发生责任追究情况。"
    assert RM.government_items(r) == []


def test_government_items_only_for_a_peoples_government():
    text = {"一": "本年度工作平稳。"}
    assert RM.government_items(rep(agency="某市财政局", **text)) == []
    assert RM.government_items(rep(agency="某高新区管委会", **text)) == []
    assert RM.government_items(rep(agency="某县人民政府", **{"三": "正文"})) == []  # 一 and 五 both empty
    town = RM.government_items(rep(agency="某镇人民政府", **text))
    assert [f.actual for f in town] == [["工作考核", "社会评议", "责任追究"]]
    assert town[0].message == GOV_MSG.format(items="工作考核、社会评议、责任追究")
    office = rep(agency="某市人民政府办公室", **text)
    assert len(RM.government_items(office)) == 1 and RM.is_government_report(office)
    office.title = "某市人民政府办公室2024年政府信息公开工作年度报告"
    assert RM.government_items(office) == [] and not RM.is_government_report(office)


# ---------------------------------------------------------------- cross-year
def test_previous_report_of_another_year_and_agency():
    r, prev = rep(agency="某县人民政府"), rep(year=2022, agency="某县人民政府办公室")
    expected = [
        F("previous_year", "warning", "跨年度", "用于跨年度核对的上年报告是2022年度的，而本报告是2024年度；应与2023年度报告核对。跨年度核对已跳过。",
          expected=2023, actual=2022),
        # the county government's office is another body than the county government: a warning, not a note
        F("previous_agency", "warning", "跨年度", "上年报告的机关（某县人民政府办公室）与本报告（某县人民政府）不是同一机关，"
          "跨年度核对（上年结转、现行有效件数）可能把两个机关的数字相比：请换用本机关的上年报告。",
          expected="某县人民政府", actual="某县人民政府办公室"),
    ]
    assert RY.previous_matches(r, prev) == expected
    r.table3[L.R_CARRIED_IN][0] = 9  # would not match, but the years are wrong: nothing else is checked
    assert RY.cross_year(r, prev) == expected
    assert RY.previous_matches(r, rep(year=None, agency=None)) == []
    # the same body under a longer name (the city prefix) is only noted
    alias = RY.previous_matches(rep(agency="淮安市洪泽区人民政府"), rep(year=2023, agency="洪泽区人民政府"))
    assert [(f.rule, f.severity) for f in alias] == [("previous_agency", "info")]
    assert "按机关身份" in alias[0].message


def test_carry_over_per_column():
    r, prev = rep(), rep(year=2023)
    r.table3[L.R_CARRIED_IN] = [1, 0, 0, 0, 0, 0, 1]
    prev.table3[L.R_CARRIED_OUT] = [2, 0, 0, 0, 0, 0, 1]
    c = CellRef("table3", L.R_CARRIED_IN, "自然人").id
    expected = [F("carry_over", "error", c,
                  "表三「二、上年结转政府信息公开申请数量」「自然人」为 1，但2023年度报告「四、结转下年度继续办理」「自然人」为 2。两者应相等，请核对本报告或上年报告。",
                  expected=2, actual=1, cells=[c])]
    assert RY.carry_over(r, prev) == expected
    assert RY.cross_year(r, prev) == expected
    prev.year = None
    assert RY.carry_over(r, prev)[0].message.startswith("表三「二、上年结转政府信息公开申请数量」「自然人」为 1，但上年度报告")
    prev.table3[L.R_CARRIED_OUT] = [2]  # a short row: the other columns are not compared
    r.table3[L.R_CARRIED_IN] = [1, 5]
    assert [f.where for f in RY.carry_over(r, prev)] == [c]
    prev.table3[L.R_CARRIED_OUT] = [2, 0, 0, 0, 0, 0, 0]
    r.table3[L.R_CARRIED_IN] = [2]
    assert RY.carry_over(r, prev) == []


def test_stock_continuity():
    r, prev = rep(), rep(year=2023)
    r.table2["规章"] = {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 5}
    prev.table2["规章"] = {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 3}
    r.table2["行政规范性文件"] = {"本年制发件数": 2, "本年废止件数": 1, "现行有效件数": 11}
    prev.table2["行政规范性文件"] = {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 10}
    c = CellRef("table2", "规章", "现行有效件数").id
    expected = [F("stock_continuity", "warning", c,
                  "表二「规章」现行有效件数为 5，但按上年现行有效 3 + 本年制发 1 − 本年废止 0 计算应为 4。如有到期失效、集中清理等原因，请在正文说明；否则请核对。",
                  expected=4, actual=5, cells=[c])]
    assert RY.stock_continuity(r, prev) == expected
    r.table2["规章"]["现行有效件数"] = None  # a blank: not compared, and the next row still is
    r.table2["行政规范性文件"]["现行有效件数"] = 12
    assert [f.where for f in RY.stock_continuity(r, prev)] == [CellRef("table2", "行政规范性文件", "现行有效件数").id]
    r.table2["行政规范性文件"] = 7  # not a row of cells: skipped
    assert RY.stock_continuity(r, prev) == []
    r.table2["规章"]["现行有效件数"] = 5
    assert RY.stock_continuity(r, rep(year=2023, template="2019")) == []
    assert RY.stock_continuity(rep(template="2019"), prev) == []


def test_large_swings_bounds():
    r, prev = rep(), rep(year=2023)
    r.table3[L.R_NEW][6], prev.table3[L.R_NEW][6] = 60, 20
    r.table4[L.T4_REVIEW][4], prev.table4[L.T4_REVIEW][4] = 0, 20
    r.table4[L.T4_SUIT_DIRECT][4], prev.table4[L.T4_SUIT_DIRECT][4] = 0, 19  # both below 20: not news
    r.table4[L.T4_SUIT_AFTER][4], prev.table4[L.T4_SUIT_AFTER][4] = 20, 7  # 20 < 3 × 7
    r.table2["行政许可"], prev.table2["行政许可"] = 21, 7  # 21 = 3 × 7: reported
    r.table2["行政处罚"], prev.table2["行政处罚"] = 20, 6
    r.table2["行政强制"], prev.table2["行政强制"] = {"x": 1}, 1  # not a number: skipped
    new, rev = CellRef.t3(L.R_NEW).id, CellRef.t4(L.T4_REVIEW).id
    lic, pun = CellRef.t2("行政许可").id, CellRef.t2("行政处罚").id
    tail = "变化较大，请确认数字无误，并在正文简要说明原因。"
    assert RY.large_swings(r, prev) == [
        F("large_swing", "info", new, f"本年新收政府信息公开申请数量由上年的 20 增加到 60（3.0 倍）。{tail}", expected=20, actual=60,
          cells=[new]),
        F("large_swing", "info", rev, f"行政复议案件总计由上年的 20 减少到 0（从 0 起）。{tail}", expected=20, actual=0, cells=[rev]),
        F("large_swing", "info", lic, f"表二「行政许可」由上年的 7 增加到 21（3.0 倍）。{tail}", expected=7, actual=21, cells=[lic]),
        F("large_swing", "info", pun, f"表二「行政处罚」由上年的 6 增加到 20（3.3 倍）。{tail}", expected=6, actual=20, cells=[pun]),
    ]


# ---------------------------------------------------------------- what the first mutation run left alive
def test_sections_five_and_six_absent_from_the_dict():
    r = rep(**{"一": "正文"})
    assert "五" not in r.sections and "六" not in r.sections
    assert RT.section5_content(r) == [] and RT.section6_info_fee(r) == []


def test_a_present_section_is_never_misplaced_though_its_heading_is_quoted_elsewhere():
    r = rep(**{"一": "正文", "四": "复议。\n五、存在的主要问题及改进情况\n", "五": "问题。"})
    assert RM.misplaced_sections(r) == {}


@pytest.mark.parametrize("agency,kind", [("某区政府", "government"), ("某开发区管理委员会", "government")])
def test_agency_kind_more(agency, kind):
    assert RM.agency_kind(agency) == kind


def test_stock_continuity_only_between_two_2021_tables():
    r, prev = rep(), rep(year=2023)
    r.table2["规章"] = {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 5}
    prev.table2["规章"] = {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 3}
    prev.template = "2019"  # a 2019 report whose 表二 happens to carry the 2021 rows: still not compared
    assert RY.stock_continuity(r, prev) == []


def test_large_swings_go_on_past_a_blank_or_text_figure():
    r, prev = rep(), rep(year=2023)
    r.table3[L.R_NEW][6] = None  # the first figure blank: the others are still compared
    r.table2["行政许可"], prev.table2["行政许可"] = 21, 7
    r.table2["行政处罚"], prev.table2["行政处罚"] = "二十", 6  # text, not a number: skipped
    assert [f.where for f in RY.large_swings(r, prev)] == [CellRef.t2("行政许可").id]


def test_government_items_found_in_sections_three_and_four_are_named():
    r = rep(**{"一": "本年度开展了工作考核。", "三": "开展社会评议。", "四": "对违规人员问责。"})
    [f] = RM.government_items(r)
    assert f.message.endswith("（第三、四部分有相关字样，建议移到第一部分“监督保障”或第五部分。）")
