"""The interview form's server side: questions grouped with last year's answer, answers kept in the project store
(a reload reads them back), text accepted for a number question, bad input refused in Chinese with nothing saved,
and 起草 placing the saved answers in their sub-part."""

from __future__ import annotations

import json

import pytest
from test_agents_interview import LAST_FIVE, LAST_ONE

from report.model import labels as L
from report.model.tables import Report
from settings import Settings
from ui import actions_docs as D
from ui import interview as I
from ui.services import Services, UserError
from ui.testing import fake_kb_factory


@pytest.fixture
def svc(tmp_path):
    return Services(Settings.model_validate({"DATA_DIR": str(tmp_path), "OPENAI_BASE_URL": ""}),
                    kb_factory=fake_kb_factory)


@pytest.fixture
def pid(svc):
    prev = Report.blank(agency="某某县人民政府", year=2022)
    prev.sections["一"], prev.sections["五"] = LAST_ONE, LAST_FIVE
    report = Report.blank(agency="某某县人民政府", year=2023)
    for row in L.t3_rows(report.template):
        report.table3[row] = [0] * 7
    return svc.projects.create(report, previous=prev).id


def test_form_groups_questions_and_shows_last_years_answer(svc, pid):
    iv, notice, pending = I.interview_of(svc, svc.projects.load(pid))
    html = I.form_html(iv)
    assert "已载入的上年报告" in notice and pending is None
    assert "<legend>一、总体情况 · 主动公开</legend>" in html and "<legend>五、存在的主要问题及改进情况 · 上年度问题整改</legend>" in html
    assert html.index("主动公开</legend>") < html.index("依申请公开</legend>") < html.index("平台建设</legend>")
    assert "去年：全年发布政策解读117篇" in html
    assert "data-qid='一1.1' data-kind='number'" in html and "<input type='text'" in html  # never type=number


def test_answers_survive_a_reload_and_bad_input_loses_nothing(svc, pid):
    state = {"一1.1": " 130 ", "一4.2": "开通政务微博<b>1</b>个", "一2.1": "  ", "不存在": "x"}
    _p, iv, n = I.save_answers(svc, pid, json.dumps(state, ensure_ascii=False))
    assert n == 2
    reloaded = svc.projects.load(pid)
    answers = {k: v for k, v in reloaded.answers.items() if not k.startswith("#")}
    assert answers == {"一1.1": "130", "一4.2": "开通政务微博<b>1</b>个"}  # blank and unknown ids dropped
    assert sorted(k for k in reloaded.answers if k.startswith("#")) == ["#一1.1", "#一4.2"]  # what each answered
    html = I.form_html(I.interview_of(svc, reloaded)[0])
    assert "value='130'" in html and "开通政务微博&lt;b&gt;1&lt;/b&gt;个" in html  # shown back, escaped
    with pytest.raises(UserError, match="超过 2000 字"):
        I.save_answers(svc, pid, json.dumps({"一1.1": "9" * 2001}))
    with pytest.raises(UserError, match="未能读取"):
        I.save_answers(svc, pid, "not json")
    assert svc.projects.load(pid).answers == reloaded.answers  # nothing lost by the refused saves


def test_draft_uses_the_saved_answers_in_their_sub_part(svc, pid):
    I.save_answers(svc, pid, json.dumps({"一1.1": "130", "一5.1": "组织培训两次，覆盖120人"}, ensure_ascii=False))
    text = D.draft(svc, pid, "一").text
    oversight = text.split("（五）")[1]
    assert "全年发布政策解读130篇" in text.split("（二）")[0] and "组织培训两次，覆盖120人" in oversight
    claims = D.check_text(svc, pid, text)  # 重新核对: the answers are facts there too
    assert {c.value: c.status for c in claims if c.value in (130, 120)} == {130: "verified", 120: "verified"}


def test_an_answer_never_moves_to_another_question_when_last_years_report_changes(svc, pid):
    """一4.2 is last year's 「政务微博发布信息320条」; with another last-year report 一4.2 asks something else: the
    saved answer waits (kept in the store, not applied, not drafted) and comes back with the first report."""
    I.save_answers(svc, pid, json.dumps({"一1.1": "130", "一4.2": "开通政务微博1个，发布信息400条"}, ensure_ascii=False))
    first = svc.projects.load(pid).previous

    def other_previous(p):
        prev = Report.blank(agency="某某县人民政府", year=2022)
        prev.sections["一"] = LAST_ONE.replace("政务微博发布信息320条。", "政务公众号推送文章56篇。政务微博发布信息320条。")
        p.previous = prev

    svc.projects.update(pid, other_previous)
    iv, _n, _p = I.interview_of(svc, svc.projects.load(pid))
    moved = next(q for q in iv.questions if q.id == "一4.2")
    assert "320条" not in moved.question and "一4.2" not in iv.answers  # another question now: not answered by it
    assert iv.answers["一1.1"] == "130"  # a base topic keeps its id and its answer
    text = D.draft(svc, pid, "一").text
    assert "发布信息400条" not in text and "全年发布政策解读130篇" in text
    assert svc.projects.load(pid).answers["一4.2"] == "开通政务微博1个，发布信息400条"  # kept in the store

    def back(p):
        p.previous = first

    svc.projects.update(pid, back)
    iv, _n, _p = I.interview_of(svc, svc.projects.load(pid))
    assert iv.answers["一4.2"] == "开通政务微博1个，发布信息400条"
    assert "发布信息400条" in D.draft(svc, pid, "一").text.split("（四）")[1].split("（五）")[0]
