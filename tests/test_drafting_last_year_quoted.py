"""Placeholders quote last year's text readably: a long list of unanswered figures as the first few 「等N项」 (each
still its own question), a long clause as a window on its figure, and an unanswered sub-part with last year's own
opening sentence of it (as last year's, never as this year's statement)."""

from __future__ import annotations

import re

from agents.interview import build_interview
from agents.offline import draft_offline
from report.model import labels as L
from report.model.tables import Report

LAST_ONE = """（一）主动公开方面
全年发布政策解读117篇，召开新闻发布会5场，发布民意征集4期，开展在线访谈6次，回应社会关切12条，更新办事指南30项。
（二）依申请公开方面
严格按照条例规定的程序办理申请。"""


def figure_reports() -> tuple[Report, Report]:
    prev = Report.blank(agency="某某县人民政府", year=2022)
    prev.sections["一"] = LAST_ONE
    cur = Report.blank(agency="某某县人民政府", year=2023)
    for row in L.t3_rows(cur.template):
        cur.table3[row] = [0] * 7
    for g in L.T4_GROUPS:
        cur.table4[g] = [0] * 5
    return cur, prev


def proactive_part(cur: Report, prev: Report, answers: dict) -> str:
    iv = build_interview(cur, prev)
    iv.answers = answers
    return draft_offline(cur, [], prev, "一", interview=iv).text.split("（一）")[1].split("（二）")[0]


def test_a_long_list_of_last_years_figures_is_quoted_readably_each_still_a_question():
    cur, prev = figure_reports()
    figures = [q for q in build_interview(cur, prev).questions if q.subpart == "主动公开" and q.kind == "number"]
    assert [q.last_year for q in figures] == ["全年发布政策解读117篇", "召开新闻发布会5场", "发布民意征集4期",
                                               "开展在线访谈6次", "回应社会关切12条", "更新办事指南30项"]
    text = proactive_part(cur, prev, {})
    assert "今年的数字（去年：全年发布政策解读117篇；召开新闻发布会5场；发布民意征集4期等6项，逐项见访谈问题）" in text
    assert "在线访谈" not in text
    two = {figures[0].id: 120, figures[1].id: 6}  # two answered: the four left are all quoted
    text = proactive_part(cur, prev, two)
    assert "今年的数字（去年：发布民意征集4期；开展在线访谈6次；回应社会关切12条；更新办事指南30项）" in text
    assert "等4项" not in text


def test_a_long_clause_is_cut_to_a_window_on_its_figure():
    cur, prev = figure_reports()
    prev.sections["一"] = LAST_ONE.replace(
        "全年发布政策解读117篇", "围绕优化营商环境和惠企政策落实等重点工作全年发布政策解读117篇并同步推出图解视频等多种解读产品")
    text = proactive_part(cur, prev, {})
    # 28 characters, at most 8 of them after 「117篇」
    assert "（去年：…策落实等重点工作全年发布政策解读117篇并同步推出图解视…；召开新闻发布会5场；" in text


def test_an_unanswered_subpart_quotes_last_years_own_opening_as_the_model():
    cur, prev = figure_reports()
    prev.sections["一"] = LAST_ONE + (
        "\n（三）政府信息管理方面\n一是严格落实公开前保密审查制度，全年未发生泄密事件。"
        "\n（四）平台建设方面\n依托区政府门户网站设立信息公开专栏，及时更新栏目内容并做好日常维护管理工作，确保信息准确。")
    text = draft_offline(cur, [], prev, "一").text
    manage = text.split("（三）")[1].split("（四）")[0]
    assert "；去年此部分写道：严格落实公开前保密审查制度，全年未发生泄密事件】" in manage  # 一是 dropped
    assert "去年此部分写道：依托区政府门户网站设立信息公开专栏，及时更新栏目内容并做好日常维护管理工作，确保…】" in text  # 40 + …
    assert "去年此部分写道" not in text.split("（一）")[1].split("（二）")[0]  # last year's figures are quoted there
    assert "未发生泄密事件" not in re.sub(r"【待补充[^】]*】", "", text)  # quoted as last year's, never stated
