"""Narrative numbers written the way real reports write them (the published examples of issue 10), on short
synthetic texts: each test states what the checker must say and would fail on the old keyword matcher."""

from __future__ import annotations

import pytest

from report.claims import bind_claims
from report.model import CellRef, Report
from report.model import labels as L
from report.model.tables import Diagnostic
from report.rules.validate import validate

NEW, TOTAL = CellRef.t3(L.R_NEW), CellRef.t3(L.R_TOTAL)
G = L.t3_groups()


def group_ids(g: str) -> list[str]:
    return [CellRef.t3(p).id for p in G[g]]


def report_81() -> Report:
    """81 applications (自然人 80, 商业企业 1), 81 answered: 42 public/partial, 5 withheld, 31 unavailable, 1 not
    handled, 2 other."""
    r = Report.blank(year=2023)
    r.set(NEW, 81)
    r.set(CellRef.t3(L.R_NEW, "自然人"), 80)
    r.set(CellRef.t3(L.R_NEW, "商业企业"), 1)
    for col in L.T3_COLUMNS[2:6]:
        r.set(CellRef.t3(L.R_NEW, col), 0)
    r.set(CellRef.t3(L.R_CARRIED_IN), 0)
    r.set(TOTAL, 81)
    r.set(CellRef.t3(G[L.G_PUBLIC][0]), 40)
    r.set(CellRef.t3(G[L.G_PARTIAL][0]), 2)
    for g, first in ((L.G_WITHHELD, 5), (L.G_UNAVAILABLE, 31), (L.G_NOT_HANDLED, 1), (L.G_OTHER, 0)):
        for k, p in enumerate(G[g]):
            r.set(CellRef.t3(p), first if k == 0 else 0)
    r.set(CellRef.t3(G[L.G_OTHER][2]), 2)
    r.set(CellRef.t3(L.R_CARRIED_OUT), 0)
    return r


def by_value(claims, value, unit=None):
    found = [c for c in claims if c.value == value and (unit is None or c.unit == unit)]
    assert found, f"no claim for {value}: {[(c.value, c.status) for c in claims]}"
    return found


def test_channel_total_and_applicant_breakdown_are_bound_to_their_cells():
    text = "本年度网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。"
    claims = bind_claims(text, report_81())
    c81 = [c for c in by_value(claims, 81) if c.cells]
    assert c81[0].status == "verified" and c81[0].cells == [NEW.id]  # a channel scope equal to the whole year
    assert by_value(claims, 80)[0].cells == [CellRef.t3(L.R_NEW, "自然人").id]
    one = by_value(claims, 1)[0]
    assert (one.status, one.cells) == ("verified", [CellRef.t3(L.R_NEW, "商业企业").id])
    assert not [c for c in claims if c.status == "contradicts"]


def test_channel_scope_that_differs_from_the_whole_year_is_not_a_contradiction():
    """The tables do not count by channel: a channel figure other than the whole year's is unverifiable (the reason
    gives the whole-year value), one equal to it is verified."""
    claims = bind_claims("全年通过网络平台受理政府信息公开申请60件。", report_81())
    c = by_value(claims, 60)[0]
    assert (c.status, c.severity, c.cells) == ("unverifiable", "info", [NEW.id])
    assert "渠道" in c.message and "81" in c.message
    c81 = by_value(bind_claims("全年通过网络平台受理政府信息公开申请81件。", report_81()), 81)[0]
    assert (c81.status, c81.cells) == ("verified", [NEW.id])


def test_shares_are_computed_to_the_rounding_the_text_uses():
    text = ("办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；"
            "不予处理1件，占1.23%；其他处理2件，占2.47%。")
    claims = bind_claims(text, report_81())
    share = [c for c in by_value(claims, 51.85) if c.cells][0]
    assert share.status == "verified"
    assert set(share.cells) == {CellRef.t3(G[L.G_PUBLIC][0]).id, CellRef.t3(G[L.G_PARTIAL][0]).id, TOTAL.id}
    for v in (6.17, 38.27, 1.23, 2.47):
        assert any(c.status == "verified" and c.cells for c in by_value(claims, v)), v
    total = [c for c in by_value(claims, 81) if "分项" in c.message]
    assert total and total[0].status == "verified"  # 42+5+31+1+2 = 81 across the semicolons
    wrong = bind_claims(text.replace("51.85%", "52.85%"), report_81())
    bad = [c for c in by_value(wrong, 52.85) if c.status == "contradicts"]
    assert bad and bad[0].severity == "warning" and "51.85" in bad[0].message


def test_a_published_count_in_the_table_wording_is_checked_against_the_named_column():
    r = Report.blank(year=2022)
    r.set(CellRef("table2", "行政规范性文件", "现行有效件数"), 470)
    r.set(CellRef("table2", "行政规范性文件", "本年制发件数"), 77)
    claims = bind_claims("清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。", r)
    c = by_value(claims, 393)[0]
    assert c.status == "contradicts" and c.cells == [CellRef("table2", "行政规范性文件", "现行有效件数").id]
    assert "470" in c.message
    assert by_value(claims, 77)[0].status == "verified"
    ok = bind_claims("清理并集中发布现行有效行政规范性文件470件。", r)
    assert by_value(ok, 470)[0].status == "verified"


def test_categories_that_do_not_add_up_to_their_total_are_flagged():
    text = "在主动公开的90条中，机构职能类1条、政策文件类10条、工作动态类52条、人事信息类5条、其他类25条。"
    claims = bind_claims(text, Report.blank(year=2020))
    total = by_value(claims, 90)[0]
    assert total.status == "contradicts" and total.expected == 93
    fixed = bind_claims(text.replace("52条", "49条"), Report.blank(year=2020))
    assert by_value(fixed, 90)[0].status == "verified"


def test_a_bracketed_sub_list_is_not_part_of_the_outer_breakdown():
    text = ("全年共制发政府信息487条，其中，主动公开政府信息117条（涵盖规划计划类10条、其他类107条）、依申请公开274条、"
            "不予公开96条。")
    claims = bind_claims(text, Report.blank(year=2020))
    assert [c.status for c in claims if c.value == 487] == ["verified"]
    assert [c.status for c in claims if c.value == 117 and "分项" in c.message] == ["verified"]


def test_a_list_with_items_that_carry_no_number_need_not_add_up():
    text = ("通过部门网站当年发布政府信息393件，其中包括：行政规范性文件13件；规划计划文件2件；部门预算、部门决算信息；"
            "代表建议办理复文50件。")
    assert not [c for c in bind_claims(text, Report.blank(year=2024)) if c.status == "contradicts"]


def test_published_items_are_never_application_counts():
    r = report_81()
    text = "2023年制作、获取政府信息总数330条，其中主动公开90条，依申请公开161条，不予公开信息数79。"
    claims = bind_claims(text, r)
    c79 = by_value(claims, 79)[0]
    assert c79.status == "unverifiable" and not c79.cells  # not （三）不予公开 (5)
    assert [c.status for c in claims if c.value == 330] == ["verified"]  # 90 + 161 + 79


def test_a_part_of_a_breakdown_is_not_its_total():
    r = Report.blank(year=2022)
    r.set(NEW, 2)
    r.set(TOTAL, 2)
    r.set(CellRef.t3(G[L.G_PUBLIC][0]), 1)
    for k, p in enumerate(G[L.G_UNAVAILABLE]):
        r.set(CellRef.t3(p), 1 if k == 0 else 0)
    claims = bind_claims("共收到申请件2件，办结依申请2件，其中公开答复1件，无法提供1件。", r)
    assert not [c for c in claims if c.status == "contradicts"]
    assert by_value(claims, 1)[0].cells == [CellRef.t3(G[L.G_PUBLIC][0]).id]
    # a part that names only the total's verb is still not the total
    claims = bind_claims("办结依申请2件，其中答复1件，无法提供1件。", r)
    assert not [c for c in claims if c.status == "contradicts"]


@pytest.mark.parametrize("text", ["（一）主动公开政府信息的数量2023年制作、获取政府信息总数467条。",
                                  "主动公开政府信息主要类别2023年共发布信息320条。"])
def test_stale_year_dating_this_years_figures(text):
    claims = bind_claims(text, Report.blank(year=2024))
    stale = [c for c in claims if c.unit == "年"]
    assert [(c.value, c.status) for c in stale] == [(2023, "contradicts")]
    assert "2024" in stale[0].message
    assert not [c for c in bind_claims(text.replace("2023", "2024"), Report.blank(year=2024)) if c.unit == "年"]


@pytest.mark.parametrize("text", ["与2023年相比，全年收到申请增加3件。", "截至2023年底，累计公开信息3000条。",
                                  "2023年度部门预算、2022年度部门决算均已公开。", "2023年结转的申请2件已全部办结。"])
def test_years_that_are_history_or_comparison_are_not_stale(text):
    assert not [c for c in bind_claims(text, Report.blank(year=2024)) if c.unit == "年"]


def test_issue_date_in_the_report_year_is_stale():
    claims = bind_claims("平潭综合实验区经济发展局办公室 2020年1月26日印发", Report.blank(year=2020))
    assert [(c.value, c.status) for c in claims if c.unit == "年"] == [(2020, "contradicts")]
    assert not bind_claims("平潭综合实验区经济发展局办公室 2021年1月26日印发", Report.blank(year=2020))


def test_growth_is_computed_against_the_previous_report():
    r, p = Report.blank(year=2023), Report.blank(year=2022)
    r.set(NEW, 139)
    p.set(NEW, 119)
    claims = bind_claims("全年共收到申请139件，比上年增加20件，同比增长16.8%。", r, previous=p)
    assert [(c.value, c.status) for c in claims] == [(139, "verified"), (20, "verified"), (16.8, "verified")]
    wrong = bind_claims("全年共收到申请139件，比上年减少20件，同比增长17.5%。", r, previous=p)
    assert [(c.value, c.status, c.severity) for c in wrong][1:] == [(20, "contradicts", "warning"),
                                                                    (17.5, "contradicts", "warning")]
    alone = bind_claims("全年共收到申请139件，比上年增加20件。", r)  # without --previous: not checked
    assert alone[1].status == "unverifiable"


def test_one_header_word_in_prose_is_not_table_text():
    claims = bind_claims("收到申请81件，其中商业企业1件。", report_81())
    assert by_value(claims, 1)[0].status == "verified"
    table = bind_claims("申请人情况 自然人 商业企业 科研机构 81 80 1 0", report_81())
    assert all(c.status == "unverifiable" for c in table)


def unread_table2() -> Report:
    r = report_81()
    ids = [ref.id for ref, _ in r.cells() if ref.table == "table2"]
    r.diagnostics.append(Diagnostic(code="table2_unsplit", severity="warning", where="表二", cells=ids,
                                    message="表二的数字连在一起，未能拆分到单元格。"))
    r.sections["一"] = "本年度制发行政规范性文件77件。"
    return r


def test_an_unread_table2_is_not_blamed_on_the_report():
    r = unread_table2()
    findings = validate(r)
    t2 = [f for f in findings if f.where.startswith("表二")]
    assert [f.rule for f in t2] == ["unread_cells"]
    assert t2[0].severity == "warning" and "未能拆分" in t2[0].message and "不是报告本身的空白" in t2[0].message
    assert not [f for f in findings if "表二全部空白" in f.message or (f.rule == "blank_cell" and "表二" in f.where)]
    claim = bind_claims(r.sections["一"], r)[0]
    assert claim.status == "unverifiable" and "未能读出" in claim.message and "未能拆分" in claim.message


def test_a_really_blank_table2_is_still_reported():
    r = report_81()
    assert [f.rule for f in validate(r) if f.where == "表二"] == ["blank_table"]


def test_an_uncertain_cell_makes_a_contradiction_a_warning_saying_where():
    r = report_81()
    r.diagnostics.append(Diagnostic(code="ambiguous_split", severity="warning", where="表三", cells=[NEW.id],
                                    message="表三第一行的数字粘连，拆分有多种可能。"))
    c = bind_claims("全年共收到政府信息公开申请82件。", r)[0]
    assert (c.status, c.severity) == ("contradicts", "warning")
    assert NEW.id in c.message and "粘连" in c.message


def test_audit_claims_and_check_text_are_one_binding():
    from report.claims import report_claims
    from report.usecases import check_text

    r = report_81()
    r.sections["三"] = "全年共收到政府信息公开申请82件，其中自然人80件、商业企业1件。在主动公开的90条中，A类1条、B类92条。"
    items = report_claims(r)
    contra = sorted(f"sections.{k}[{c.start}:{c.end}]" for k, c in items if c.status == "contradicts")
    assert len(contra) >= 2
    assert sorted(f.where for f in validate(r) if f.rule == "narrative_number") == contra
    same = check_text(r.sections["三"], r)
    assert [(c.start, c.status, c.cells) for c in same] == [(c.start, c.status, c.cells) for _, c in items]


def test_a_share_of_a_named_row_is_computed_from_the_tables():
    claims = bind_claims("全年办结申请81件，予以公开及部分公开的占51.85%，自然人申请占98.8%。", report_81())
    assert [c.status for c in claims if c.unit == "%"] == ["verified", "verified"]
    wrong = [c for c in bind_claims("全年办结申请81件，予以公开的占60%。", report_81()) if c.unit == "%"][0]
    assert (wrong.status, wrong.severity) == ("contradicts", "warning")
    assert TOTAL.id in wrong.cells


def test_rows_named_together_are_summed_and_respectively_pairs_them():
    claims = bind_claims("全年办结申请81件，其中不予公开、无法提供的共36件，不予处理和其他处理3件。", report_81())
    c36 = by_value(claims, 36)[0]
    assert c36.status == "verified" and set(c36.cells) == set(group_ids(L.G_WITHHELD) + group_ids(L.G_UNAVAILABLE))
    assert by_value(claims, 3)[0].status == "verified"
    pairs = bind_claims("全年办结申请81件，其中不予公开、无法提供分别为5件、31件。", report_81())
    assert [(c.value, c.status) for c in pairs] == [(81, "verified"), (5, "verified"), (31, "verified")]
    assert set(pairs[1].cells) == set(group_ids(L.G_WITHHELD))
    swapped = bind_claims("全年办结申请81件，其中不予公开、无法提供分别为31件、5件。", report_81())
    assert [c.status for c in swapped if c.value in (5, 31)] == ["contradicts", "contradicts"]


def test_a_share_that_names_its_denominator_is_computed_over_that_total():
    """占办结总数的61.5% / 占收到申请的…: the denominator is named between 占 and the number, not left implicit."""
    r = report_81()
    r.set(TOTAL, 78)
    r.set(CellRef.t3(G[L.G_UNAVAILABLE][0]), 28)
    r.set(CellRef.t3(L.R_CARRIED_OUT), 3)
    claims = bind_claims("其中予以公开和部分公开的42件，占办结总数的53.8%。", r)  # 42 / 78 (not 42 / 81)
    share = by_value(claims, 53.8)[0]
    assert share.status == "verified" and TOTAL.id in share.cells
    claims = bind_claims("其中予以公开和部分公开的42件，占收到申请总数的51.9%。", r)  # 42 / 81
    share = by_value(claims, 51.9)[0]
    assert share.status == "verified" and NEW.id in share.cells
    wrong = by_value(bind_claims("其中予以公开和部分公开的42件，占办结总数的51.9%。", r), 51.9)[0]
    assert (wrong.status, wrong.severity) == ("contradicts", "warning") and "53.8" in wrong.message


def test_published_items_listed_with_semicolons_after_qizhong_must_add_up():
    """全年共审核发布各类公开政府信息249条，其中：A9条；B7条；… (a county department's wording): a breakdown of items,
    never bound to application cells."""
    text = ("全年共审核发布各类公开政府信息{}条，其中：发布行政公文和政策解读信息9条；机构设置和人事任免信息7条；"
            "重点工作39条；财政预决算信息6条；信息公开年度报告1条；政府信息公开指南1条；政府网站信息185条；"
            "政府信息公开制度1条。")
    ok = [c for c in bind_claims(text.format(249), report_81()) if c.value == 249]
    assert ok and all(c.status == "verified" for c in ok)
    bad = [c for c in bind_claims(text.format(250), report_81()) if c.value == 250]
    assert bad and bad[0].status == "contradicts" and "249" in bad[0].message
    assert not [c for c in bind_claims(text.format(249), report_81()) if c.cells and c.value != 249]


def test_round_figures_are_ranges_never_exact_errors():
    """共收到申请80余件 (81 in the table) agrees; 近200件 is far off: a warning, never an error."""
    r = report_81()
    c = [x for x in bind_claims("本年度共收到政府信息公开申请80余件。", r) if x.value == 80][0]
    assert c.status == "verified" and c.cells == [NEW.id]
    far = [x for x in bind_claims("本年度共收到政府信息公开申请近200件。", r) if x.value == 200][0]
    assert (far.status, far.severity) == ("contradicts", "warning")
    exact = [x for x in bind_claims("本年度共收到政府信息公开申请80件。", r) if x.value == 80][0]
    assert (exact.status, exact.severity) == ("contradicts", "error")  # an exact figure stays exact


def test_enterprise_is_the_commercial_enterprise_column():
    claims = bind_claims("全年共收到政府信息公开申请81件，其中自然人申请80件，企业申请1件。", report_81())
    one = by_value(claims, 1)[0]
    assert (one.status, one.cells) == ("verified", [CellRef.t3(L.R_NEW, "商业企业").id])
    assert not [c for c in claims if c.status == "contradicts"]


def test_respectively_lists_give_each_name_its_own_number():
    """予以公开、部分公开、无法提供分别为40件、2件、31件: three names, three numbers (not 予以公开及部分公开 as one)."""
    r = report_81()
    claims = bind_claims("在办结的申请中，予以公开、部分公开、无法提供分别为40件、2件、31件。", r)
    assert [(c.value, c.status) for c in claims if c.value in (40, 2, 31)] == [(40, "verified"), (2, "verified"),
                                                                            (31, "verified")]
    assert by_value(claims, 40)[0].cells == [CellRef.t3(G[L.G_PUBLIC][0]).id]
    joint = bind_claims("在办结的申请中，予以公开和部分公开、无法提供分别为42件、31件。", r)
    assert set(by_value(joint, 42)[0].cells) == {CellRef.t3(G[L.G_PUBLIC][0]).id, CellRef.t3(G[L.G_PARTIAL][0]).id}


def test_a_total_written_after_its_parts_must_add_up():
    """新收81件，上年结转3件，合计84件 (parts first, then 合计): the 合计 is checked against the parts before it."""
    r = report_81()
    ok = [c for c in bind_claims("本年度新收申请81件，上年结转3件，合计84件。", r) if c.value == 84]
    assert ok and ok[0].status == "verified"
    bad = [c for c in bind_claims("本年度新收申请81件，上年结转3件，合计85件。", r) if c.value == 85]
    assert bad and (bad[0].status, bad[0].severity) == ("contradicts", "warning") and "84" in bad[0].message
    # after 其中, the closing 共N件 totals the listed parts and is not one more part of the first total
    claims = bind_claims("收到申请81件，其中予以公开40件，部分公开2件，共42件。", r)
    assert [c.status for c in claims if c.value == 42] == ["verified"]
    assert not [c for c in claims if c.status == "contradicts"]


def test_a_share_of_a_wider_scope_is_not_computed_from_this_reports_tables():
    """本机关81件，占全市申请总量的5.2%: the denominator is the city's, not in these tables — no false warning."""
    claims = bind_claims("本年度共收到政府信息公开申请81件，占全市申请总量的5.2%。", report_81())
    share = by_value(claims, 5.2)[0]
    assert share.status == "unverifiable" and not share.cells
    own = by_value(bind_claims("本年度共收到政府信息公开申请81件，占收到申请总数的100%。", report_81()), 100)[0]
    assert own.status != "contradicts"
