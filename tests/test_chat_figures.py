"""Chat answers about the project's own figures (computed by code, cells cited) and offline answers that quote the
sentence that answers."""

import json

from agents.answer import answering_span, compose
from agents.chat import OFFLINE_BANNER, respond
from agents.figures import answer
from agents.types import ChatSession
from conftest import FIXTURES
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report
from stub_openai import FakeHit

NEW = CellRef("table3", L.R_NEW, "总计")
TOTAL = CellRef("table3", L.R_TOTAL, "总计")
GRANTED = CellRef("table3", "三、本年度办理结果/（一）予以公开", "总计")


def report() -> Report:
    return Report.from_interchange(json.loads((FIXTURES / "truth" / "001_changsha_furongqu_2021.json").read_text()))


def previous() -> Report:
    prev = report()
    prev.year = 2020
    prev.set(NEW, 120)
    prev.set(CellRef("table4", L.T4_REVIEW, "总计"), 5)
    return prev


def test_last_years_total_is_read_from_the_previous_report():
    a = answer("去年我们的依申请公开总数是多少？", report(), previous())
    assert a is not None and a.cells == [NEW.id]
    assert a.text.startswith("2020年（上年报告）") and "**120件**" in a.text and NEW.id in a.text
    assert "139" not in a.text  # not this year's figure


def test_last_year_without_a_previous_report_says_so():
    a = answer("去年我们的依申请公开总数是多少？", report(), None)
    assert a is not None and "没有载入上年度报告" in a.text and a.cells == []


def test_share_is_divided_by_code_with_both_cells_cited():
    a = answer("今年予以公开占多少？", report(), previous())
    assert a is not None and a.cells == [GRANTED.id, TOTAL.id]
    assert "**25件**" in a.text and "**18.38%**" in a.text and "25 ÷ 136" in a.text


def test_review_count_from_table_four_this_year_and_last():
    a = answer("复议有几件", report(), previous())
    assert a is not None and "**2件**" in a.text and a.cells == [CellRef("table4", L.T4_REVIEW, "总计").id]
    b = answer("去年复议有几件", report(), previous())
    assert b is not None and "**5件**" in b.text


def test_blank_cell_is_reported_as_blank_and_a_sum_with_a_blank_is_unknown():
    rep = report()
    rep.set(CellRef("table3", "三、本年度办理结果/（三）不予公开/1.属于国家秘密", "总计"), None)
    a = answer("不予公开多少件", rep, None)
    assert a is not None and "空白" in a.text and "**" not in a.text  # no number invented (was 3 before)
    assert "各分项合计" in a.cells[0]


def test_questions_that_are_not_about_the_projects_tables_are_left_to_retrieval():
    rep = report()
    assert answer("依申请公开的答复期限是多少？", rep, None) is None
    assert answer("同一个人反复申请算几件", rep, None) is None  # a counting rule, not a figure
    assert answer("信息处理费收了多少", rep, None) is None  # no table cell carries it
    assert answer("淮安市2024年行政复议多少件", rep, None) is None  # another agency: a stored report
    assert answer("复议有几件", None, None) is None


def test_offline_figure_answer_keeps_the_banner():
    final = list(respond("今年予以公开占多少？", [], ChatSession(report=report())))[-1]
    assert final.startswith(OFFLINE_BANNER) and "18.38%" in final and GRANTED.id in final


ART33 = ("行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。\n"
         "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开"
         "工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。\n"
         "行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内。")


def test_the_answering_sentence_is_chosen_and_highlighted_with_its_citation():
    span = answering_span("依申请公开的答复期限是多少个工作日？", ART33)
    assert span is not None
    assert ART33[span[0]:span[1]].startswith("行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复")
    hits = [FakeHit(ART33, "《政府信息公开条例》第三十三条", "regulation"),
            FakeHit("第四十二条 行政机关依申请提供政府信息，不收取费用。", "《政府信息公开条例》第四十二条", "regulation")]
    text = compose("依申请公开的答复期限是多少个工作日？", hits)
    first = text.splitlines()[0]
    assert first.startswith("**第三十三条：「…行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复")
    assert text.splitlines()[1] == "——《政府信息公开条例》第三十三条"
    assert "原文（《政府信息公开条例》第三十三条）：" in text and "**行政机关不能当场答复的" in text
    assert "- 《政府信息公开条例》第四十二条：第四十二条 行政机关依申请提供政府信息，不收取费用。" in text
    assert text.count("不收取费用") == 1  # the other passage is listed, not printed whole twice


def test_list_item_is_quoted_not_the_sentence_that_opens_the_list():
    item = ("第三十六条 对政府信息公开申请，行政机关根据下列情况分别作出答复：\n"
            "(四)经检索没有所申请公开信息的，告知申请人该政府信息不存在；")
    text = compose("查了以后根本没有申请人要的信息怎么答复", [FakeHit(item, "《政府信息公开条例》第三十六条第（四）项")])
    assert text.splitlines()[0] == "**第三十六条第（四）项：「(四)经检索没有所申请公开信息的，告知申请人该政府信息不存在」**"


ART30 = ("第三十条 政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人"
         "作出补正，说明需要补正的事项和合理的补正期限。答复期限自行政机关收到补正的申请之日起计算。申请人无正当理由逾期"
         "不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。")
ART42 = ("第四十二条 行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，"
         "行政机关可以收取信息处理费。")


def test_the_sentence_the_ranking_matched_is_the_one_highlighted():
    # the question shares 补正 with the first sentence; the ranking found the third (its own passage ranked first)
    last = "申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。"
    hit = FakeHit(ART30, "《政府信息公开条例》第三十条", "regulation", metadata={"matched_sentence": last})
    first = compose("申请人一直不来补正怎么办", [hit]).splitlines()[0]
    assert first == f"**第三十条：「…{last}」**"
    # without the matched sentence the token overlap decides, and picks the sentence that says 补正 most
    plain = compose("申请人一直不来补正怎么办", [FakeHit(ART30, "《政府信息公开条例》第三十条", "regulation")])
    assert "一次性告知申请人作出补正" in plain.splitlines()[0]


def test_a_rule_is_quoted_with_its_proviso_and_a_proviso_with_its_rule():
    rule, proviso = "行政机关依申请提供政府信息，不收取费用。", ART42.split("。", 1)[1]
    expect = {rule: f"**第四十二条第一款：「…{ART42[6:]}」**",  # the rule found inside its line: cut at the rule
              proviso: f"**第四十二条第一款：「{ART42}」**"}  # the proviso: from the start of the rule's line
    for matched, line in expect.items():
        hit = FakeHit(ART42, "《政府信息公开条例》第四十二条第一款", "regulation", metadata={"matched_sentence": matched})
        assert compose("依申请提供信息收钱吗", [hit]).splitlines()[0] == line
    stale = FakeHit(ART42, "《政府信息公开条例》第四十二条第一款", "regulation", metadata={"matched_sentence": "别的条文"})
    assert "**第四十二条第一款：「" in compose("依申请提供信息收钱吗", [stale])  # not in the text: the overlap decides
