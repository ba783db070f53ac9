"""report.claims on context found in real unseen reports: table text inside sections, paragraph topics,
comparisons with last year (and how agents.checking then verifies them against the previous report), 2019 format."""

import json

from agents.checking import bind
from conftest import FIXTURES
from report.claims import bind_claims
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report


def truth(name: str) -> Report:
    return Report.from_interchange(json.loads((FIXTURES / "truth" / f"{name}.json").read_text("utf-8")))


def verdicts(text: str, report: Report) -> list[tuple]:
    return [(c.value, c.status, c.severity) for c in bind_claims(text, report)]


def test_table_text_that_ran_into_a_section_is_not_narrative():
    r = truth("001_changsha_furongqu_2021")
    text = ("三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量 | 137 | 2 | 0 | 0 | 0 | 0 | 139 |\n"
            "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
            "(一)予以公开 24 1 0 0 0 0 25\n"
            "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 21 7 54\n")
    claims = bind_claims(text, r)
    assert len(claims) == 7 + 7 + 7 + 6
    assert all(c.status == "unverifiable" and "表格" in c.message for c in claims)


def test_a_number_in_prose_next_to_table_text_is_still_checked():
    r = truth("001_changsha_furongqu_2021")
    text = "行政规范性文件 21 7 54\n全年共收到政府信息公开申请149件。"
    bad = [c for c in bind_claims(text, r) if c.status == "contradicts"]
    assert [(c.value, c.severity, c.expected) for c in bad] == [(149, "error", 139)]


def test_paragraph_topic_binds_a_bare_verb_only_when_it_agrees():
    r = truth("010_pingtan_2021")
    body = "我区严格落实依申请公开工作制度。认真规范受理、审查、答复流程。全年办结{}件，无一超期。"
    assert verdicts("（二）依申请公开情况\n" + body.format(69), r) == [(69, "verified", "info")]
    # only the paragraph says 申请: a different figure is not bound tightly enough to contradict
    assert verdicts("（二）依申请公开情况\n" + body.format(68), r) == [(68, "unverifiable", "info")]
    # the same sentence under another topic says nothing about applications
    other = "（三）政府信息管理情况\n我区完善信息发布审核制度。认真规范审查流程。全年办结68件，无一超期。"
    assert verdicts(other, r) == [(68, "unverifiable", "info")]


def test_hotline_paragraph_after_an_application_sentence_is_not_bound():
    r = truth("010_pingtan_2021")
    text = "全年共收到申请70件。12345热线全年受理市民来电9800件，办结9750件。"
    assert verdicts(text, r) == [(70, "verified", "info"), (9800, "unverifiable", "info"), (9750, "unverifiable", "info")]


def test_carry_in_from_last_year_is_this_years_figure_not_a_comparison():
    r = truth("002_huaian_shi_2024")
    for text in ("上年度结转申请34件。", "上年结转的申请34件已全部办结。", "全年收到申请3119件，结转上年度申请34件。"):
        assert (34, "verified", "info") in verdicts(text, r), text
    for text in ("上年度收到申请34件。", "全年收到申请3119件，同比增加34件。", "较2023年增加34件申请。"):
        assert (34, "unverifiable", "info") in verdicts(text, r), text


def test_comparison_numbers_are_verified_by_the_drafting_checker_against_last_year():
    r = truth("001_changsha_furongqu_2021")
    previous = Report.from_interchange(r.to_interchange())
    previous.year = 2020
    previous.set(CellRef("table3", L.R_NEW, "总计"), 119)
    claims = bind("全年共收到申请139件，上年为119件。", r, [], previous)
    assert [(c.value, c.status) for c in claims] == [(139, "verified"), (119, "verified")]
    assert "上年" in claims[1].cell
    wrong = bind("全年共收到申请139件，上年为118件。", r, [], previous)
    # bind passes previous= to bind_claims: last year's table says 119, so 118 is a warning that names it
    assert (wrong[1].status, wrong[1].severity) == ("contradicts", "warning") and "119" in wrong[1].message
    grew = bind("全年共收到申请139件，比上年增加20件。", r, [], previous)
    assert grew[1].status == "verified"  # 139 − 119, checked in the drafting checker too (重新核对数字)


def test_2019_format_other_handling_has_no_rows():
    r = Report.blank(L.TEMPLATE_2019)
    r.set(CellRef("table3", f"{L.R_RESULTS}/{L.G_OTHER}", "总计"), 4)
    assert verdicts("全年收到的申请中，其他处理4件。", r) == [(4, "verified", "info")]
    assert verdicts("全年收到的申请中，其他处理5件。", r) == [(5, "contradicts", "error")]
    c = bind_claims("全年收到的申请中，申请人逾期不补正的2件。", r)[0]
    assert c.status == "unverifiable" and "没有单独一行" in c.message
