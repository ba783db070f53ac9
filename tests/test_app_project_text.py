"""The report's text as the app keeps it: every part editable, every acceptance in the history, restorable, and
all of it back after a reload of the project from the store the app uses (ui.projects.ProjectStore)."""

import pytest

from settings import Settings
from ui import actions_data as A
from ui import actions_docs as D
from ui.services import Services, UserError


@pytest.fixture
def svc(tmp_path):
    return Services(Settings.model_validate({"DATA_DIR": str(tmp_path), "OPENAI_BASE_URL": ""}))


def test_every_part_is_kept_with_its_history_and_survives_a_reload(svc):
    pid = svc.projects.create().id
    A.set_meta(svc, pid, "某某县人民政府办公室", 2025)
    project = svc.projects.load(pid)
    opening = D.proposal(project, D.OPENING)
    assert "本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止" in opening
    assert D.editor_text(project, D.OPENING) == (opening, "建议文本（尚未采纳，可修改后采纳）")
    D.accept(svc, pid, D.TITLE, "某某县人民政府办公室2025年政府信息公开工作年度报告")
    D.accept(svc, pid, D.OPENING, opening)
    D.accept(svc, pid, "一", "第一版。")
    D.accept(svc, pid, "一", "第二版。")
    D.accept(svc, pid, D.CLOSING, " 某某县人民政府办公室 \n\n2026年1月20日")
    again = svc.projects.load(pid)  # read back from disk
    r = again.report
    assert r.title == "某某县人民政府办公室2025年政府信息公开工作年度报告"
    assert r.preamble == opening and r.sections["一"] == "第二版。" and again.accepted["一"] == "第二版。"
    assert r.signature == {"signed_by": "某某县人民政府办公室", "date": "2026年1月20日"}
    assert [h["part"] for h in again.history] == ["标题", "开头", "一", "一", "落款"]
    assert D.editor_text(again, "一") == ("第二版。", "已采纳的文本")
    versions = D.history_of(again, "一")
    assert [label.split("：", 1)[1] for label, _ in versions] == ["第二版。…", "第一版。…"]  # newest first
    restored = D.restore(svc, pid, "一", versions[1][1])
    assert restored.report.sections["一"] == "第一版。"
    assert svc.projects.load(pid).history[-1]["source"].startswith("恢复")
    with pytest.raises(UserError, match="不属于当前部分"):
        D.restore(svc, pid, D.CLOSING, versions[1][1])


def test_sheet_state_saves_values_and_computed_totals_and_refuses_words(svc):
    pid = svc.projects.create().id
    new = "表三/一、本年新收政府信息公开申请数量/"
    state = {"cells": {new + "自然人": "4", new + "总计": "4", new + "商业企业": "十二", "表九/x/y": "1"},
             "auto": [new + "总计"]}
    project, messages = A.save_sheet(svc, pid, state)
    again = svc.projects.load(pid)
    assert again.report.t3("一、本年新收政府信息公开申请数量", "自然人") == 4
    assert again.report.t3("一、本年新收政府信息公开申请数量", "商业企业") is None  # refused, old (blank) kept
    assert again.auto_cells == [new + "总计"]
    assert any("“十二”不是数字" in m for m in messages) and any("未知的单元格" in m for m in messages)
