"""Tables-only drafts are built from what distinguishes the agency: its line of work (from the organ in its name),
its level, its own 表三/表四 counts (each with its cell), its name and year — as questions in 【待补充】, never as
statements."""

import json
import re
import subprocess
import sys
from pathlib import Path

from agents.offline import draft_offline
from agents.offline_hints import describe, domain_of
from agents.profiles import classify
from conftest import FIXTURES
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report

ROOT = Path(__file__).resolve().parent.parent
FURONG = FIXTURES / "truth" / "001_changsha_furongqu_2021.json"


def furong() -> Report:
    return Report.from_interchange(json.loads(FURONG.read_text(encoding="utf-8")))


def stated(text: str) -> str:
    return re.sub(r"【待补充[^】]*】", "", text)


def test_line_of_work_from_the_organ_and_a_governments_level():
    assert "户政、出入境、交通管理等办事指南和通告" in domain_of("平潭综合实验区公安局").areas
    assert domain_of("淮安市市场监督管理局").name == "市场监管"
    assert domain_of("某某县民政局").name == "民政" and domain_of("某某县人民政府").name == "县级政府"  # 人民政府 ≠ 民政
    assert domain_of("淮安市人民政府").name == "市级政府" and domain_of("长沙市芙蓉区人民政府").name == "区级政府"
    assert domain_of("无锡市江阴市人民政府").name == "县级政府"  # a county-level city under its city
    assert domain_of("福建省人民政府").name == "省级政府" and domain_of("平潭综合实验区管委会").name == "园区管委会"
    assert domain_of("平潭综合实验区苏平片区管理局").name == "基层" and domain_of("某某镇人民政府").name == "基层"
    assert domain_of("某某县档案馆").name == ""  # an organ the table does not know: the general question only


def test_same_tables_different_agencies_are_asked_different_questions_and_told_nothing():
    texts = {}
    for agency in ("平潭综合实验区公安局", "平潭综合实验区农业农村局"):
        r = Report.blank(agency=agency, year=2022)
        for row in L.t3_rows(r.template):
            r.table3[row] = [0] * 7
        for g in L.T4_GROUPS:
            r.table4[g] = [0] * 5
        texts[agency] = "\n".join(draft_offline(r, [], None, s).text for s in ("一", "五", "六"))
    police, farm = texts.values()
    assert "户政、出入境" in police and "户政" not in farm and "强农惠农富农政策" in farm
    for text in (police, farm):
        assert "户政" not in stated(text) and "强农惠农" not in stated(text)  # asked inside the placeholder only
        assert "2021年政府信息公开工作年度报告》第五部分" in text  # last year's own report, by name and year
        assert "申请渠道是否畅通" in text  # no application: the question for an agency that received none
    assert "对照《平潭综合实验区公安局2021年" in police and "对照《平潭综合实验区农业农村局2021年" in farm


def test_on_request_placeholder_carries_this_agencys_counts_bound_to_cells():
    r = furong()  # 无法提供 45 (本机关不掌握 43), 不予公开 3, 结转 3
    d = draft_offline(r, [], None, "一")
    part = d.text.split("（二）")[1].split("（三）")[0]
    ph = part[part.index("【待补充："):]
    assert "本机关不掌握相关政府信息的43件是否告知了获取渠道" in ph and "不予公开的3件是否经法律审核" in ph
    cell = CellRef("table3", f"{L.R_RESULTS}/{L.G_UNAVAILABLE}/1.本机关不掌握相关政府信息", "总计").id
    assert [c.value for c in d.claims if c.cell == cell] == [43, 43]  # the sentence and the question, both bound
    assert "申请渠道是否畅通" not in d.text


def test_results_and_reasons_come_largest_first():
    r = furong()
    text = draft_offline(r, [], None, "一").text
    order = [text.index(w) for w in ("部分公开62件", "无法提供45件", "予以公开25件", "不予公开3件")]
    assert order == sorted(order)


def test_model_prompt_states_the_line_of_work_as_a_question_not_a_fact():
    r = Report.blank(agency="淮安市公安局", year=2024)
    line = describe(r, classify(r))
    assert line.startswith("政府部门（不制定规章") and "工作领域：公安" in line and "无事实依据时写【待补充" in line


def test_prompt_example_is_what_the_code_sends():
    out = subprocess.run([sys.executable, "scripts/prompt_example.py", "--check"], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_blank_cell_is_never_written_as_none_happened():
    """表四 行政复议 and 复议后起诉 unread, 表三 结转下年度 unread: no 「未发生…」, no 「无结转…」, no broken sum."""
    r = furong()
    r.table4[L.T4_REVIEW] = [None] * 5
    r.table4[L.T4_SUIT_AFTER] = [None] * 5
    r.table4[L.T4_SUIT_DIRECT] = [1, 0, 0, 0, 1]
    r.table3[L.R_CARRIED_OUT] = [None] * 7
    d = draft_offline(r, [], None, "一")
    assert "未发生" not in d.text and "无结转" not in d.text and "结转下年度继续办理" not in stated(d.text)
    assert "未经复议直接起诉的政府信息公开行政诉讼1件" in d.text
    assert not [f for f in d.findings if f.severity == "error"]
    r.table3[L.R_NEW] = [0] * 7
    r.table3[L.R_CARRIED_IN] = [None] * 7
    assert "也无上年结转的申请" not in draft_offline(r, [], None, "一").text
