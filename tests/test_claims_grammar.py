"""Rules that read the sentence rather than its phrasing (issue 10, second pass): the tables' own labels as a
vocabulary, short forms of the applicant columns, 含 brackets, a breakdown that lists the same total along another
dimension, and scoped figures that never contradict. Each sentence is one a real report could write; each test
fails on the binder before these rules."""

from __future__ import annotations

from test_claims_real_prose import NEW, TOTAL, by_value, group_ids, report_81

from report.claims import bind_claims
from report.claims.vocab import names_table3_row, short_forms, table3_words
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report


def contradictions(claims):
    return [(c.value, c.message) for c in claims if c.status == "contradicts"]


def test_the_vocabulary_is_derived_from_the_row_labels():
    assert short_forms(L.R_NEW) == ["本年新收"]
    assert short_forms("1.属于国家秘密") == ["属于国家秘密", "国家秘密"]
    words = table3_words()
    assert {"结转下年度继续办理", "上年结转", "办理结果", "不予处理", "没有现成信息需要另行制作"} <= set(words)
    assert "其他" not in words and "总计" not in words  # too general to say 依申请
    assert names_table3_row("结转下年度继续办理") and not names_table3_row("办理人大建议")


def test_a_clause_in_the_tables_own_words_needs_no_shen_qing():
    r = report_81()
    r.set(CellRef.t3(L.R_CARRIED_OUT), 3)
    out = by_value(bind_claims("结转下年度继续办理3件。", r), 3)[0]
    assert (out.status, out.cells) == ("verified", [CellRef.t3(L.R_CARRIED_OUT).id])
    total = by_value(bind_claims("本年度办理结果总计81件。", r), 81)[0]
    assert (total.status, total.cells) == ("verified", [TOTAL.id])
    wrong = by_value(bind_claims("结转下年度继续办理5件。", r), 5)[0]
    assert (wrong.status, wrong.severity) == ("contradicts", "error")
    # the same verb about something else is not bound
    assert by_value(bind_claims("本年度办理人大建议5件。", r), 5)[0].status == "unverifiable"


def test_a_rate_named_by_a_result_row_is_about_applications():
    c = by_value(bind_claims("予以公开率为51.85%。", report_81()), 51.85)[0]
    assert c.status == "verified" and TOTAL.id in c.cells


def test_gong_min_is_the_natural_person_column():
    claims = bind_claims("公民申请80件、企业申请1件。", report_81())
    c80 = by_value(claims, 80)[0]
    assert (c80.status, c80.cells) == ("verified", [CellRef.t3(L.R_NEW, "自然人").id])
    assert not contradictions(claims)
    # 公民、法人和其他组织 are all applicants: the total
    all_ = by_value(bind_claims("收到公民、法人和其他组织政府信息公开申请81件。", report_81()), 81)[0]
    assert all_.status == "verified" and all_.cells == [NEW.id]


def test_a_count_that_includes_another_result_in_brackets_is_their_sum():
    claims = bind_claims("收到申请81件，答复81件，其中同意公开42件（含部分公开2件），不予公开5件。", report_81())
    c42 = by_value(claims, 42)[0]
    assert c42.status == "verified" and set(c42.cells) == set(group_ids(L.G_PUBLIC) + group_ids(L.G_PARTIAL))
    c2 = by_value(claims, 2)[0]
    assert (c2.status, c2.cells) == ("verified", group_ids(L.G_PARTIAL))
    assert not contradictions(claims)
    # written wrong, the sum is what contradicts
    bad = by_value(bind_claims("办结申请81件，其中同意公开45件（含部分公开2件）。", report_81()), 45)[0]
    assert bad.status == "contradicts" and "42" in bad.message
    # the bracket closing before the number keeps its old reading
    c = by_value(bind_claims("本年度予以公开（含部分公开）42件。", report_81()), 42)[0]
    assert c.status == "verified" and len(c.cells) == 2


def test_a_second_list_of_the_same_total_along_another_dimension():
    text = "共收到申请81件，其中网上申请79件，当面申请2件，涉及自然人80件、商业企业1件。"
    claims = bind_claims(text, report_81())
    assert not contradictions(claims)
    sums = [c for c in claims if c.value == 81 and "分项之和" in c.message]
    assert len(sums) == 2 and all(c.status == "verified" for c in sums)
    # the second list adding up to something else is flagged against the total, not against 2
    bad = bind_claims("共收到申请81件，其中网上申请79件，当面申请2件，涉及自然人85件、商业企业1件。", report_81())
    flagged = [c for c in bad if c.status == "contradicts" and "分项之和" in c.message]
    assert [c.value for c in flagged] == [81]


def test_a_sub_breakdown_of_a_part_is_still_checked_against_that_part():
    r = report_81()
    claims = bind_claims("共收到申请81件，其中自然人80件，法人或其他组织1件，其中商业企业1件。", r)
    assert not contradictions(claims)
    bad = bind_claims("共收到申请81件，其中自然人70件，法人或其他组织11件，其中商业企业5件、科研机构3件。", r)
    assert any(c.value == 11 and c.status == "contradicts" and "分项之和" in c.message for c in bad)


def test_scoped_figures_are_compared_but_never_contradict():
    r = report_81()
    for text, value in (("第一季度收到申请20件。", 20), ("局机关本级受理申请12件。", 12),
                        ("其中通过信函申请5件。", 5)):
        c = by_value(bind_claims(text, r), value)[0]
        assert (c.status, c.severity) == ("unverifiable", "info"), text
        assert "81" in c.message  # the whole-year value is named for the reader


def test_a_subset_of_applications_by_content_or_manner_never_contradicts():
    r = report_81()
    for text, value in (("申请内容主要涉及征地拆迁类申请30件。", 30), ("全年收到涉及征收补偿的申请45件。", 45),
                        ("延期答复申请3件。", 3), ("当场答复申请2件。", 2), ("因申请人撤回申请终止办理2件。", 2)):
        claims = bind_claims(text, r)
        assert not contradictions(claims), text
        assert by_value(claims, value)[0].status == "unverifiable", text


def test_parallel_items_opened_by_the_same_word_are_not_a_total_and_its_parts():
    claims = bind_claims("其中，涉及规划建设类21件，占25.93%；涉及征收拆迁类30件，占37.04%。", report_81())
    assert not contradictions(claims)


def test_a_document_count_binds_to_the_column_its_clause_names():
    r = report_81()
    r.set(CellRef("table2", "行政规范性文件", "本年制发件数"), 3)
    r.set(CellRef("table2", "行政规范性文件", "本年废止件数"), 1)
    r.set(CellRef("table2", "行政规范性文件", "现行有效件数"), 12)
    cur = CellRef("table2", "行政规范性文件", "现行有效件数").id
    c = by_value(bind_claims("现有有效规范性文件12件。", r), 12)[0]
    assert (c.status, c.cells) == ("verified", [cur])
    # no column's act named (备案审查, 清理): compared with all three, never a contradiction
    assert by_value(bind_claims("全年规范性文件备案审查10件。", r), 10)[0].status == "unverifiable"
    c = by_value(bind_claims("全年清理规范性文件12件。", r), 12)[0]
    assert (c.status, c.cells) == ("verified", [cur])
    # the column named and the figure different: flagged (清理并集中发布现行有效行政规范性文件393件 vs 470)
    bad = by_value(bind_claims("清理并集中发布现行有效行政规范性文件10件。", r), 10)[0]
    assert bad.status == "contradicts" and bad.cells == [cur]
    issued = by_value(bind_claims("先后审核各部门印发的3条规范性文件并在政府网站上发布。", r), 3)[0]
    assert (issued.status, issued.cells) == ("verified", [CellRef("table2", "行政规范性文件", "本年制发件数").id])


def test_2019_format_document_rows_bind_by_the_act_named():
    r = Report.blank(template=L.TEMPLATE_2019, year=2020)
    r.set(CellRef("table2", "规范性文件", "本年新制作数量"), 22)
    r.set(CellRef("table2", "规范性文件", "本年新公开数量"), 20)
    r.set(CellRef("table2", "规范性文件", "对外公开总数量"), 33)
    published = by_value(bind_claims("先后审核各部门印发的20条规范性文件并在政府网站上发布。", r), 20)[0]
    assert (published.status, published.cells) == ("verified", [CellRef("table2", "规范性文件", "本年新公开数量").id])
    made = by_value(bind_claims("本年新制定规范性文件22件。", r), 22)[0]
    assert (made.status, made.cells) == ("verified", [CellRef("table2", "规范性文件", "本年新制作数量").id])
    assert by_value(bind_claims("累计对外公开规范性文件30件。", r), 30)[0].status == "contradicts"


def test_information_released_on_application_is_read_as_applications_loosely():
    r = report_81()
    c = by_value(bind_claims("依申请公开政府信息81条，提交申请的方式为网站申请，已在规定时限内完成回复。", r), 81)[0]
    assert (c.status, c.cells) == ("verified", [NEW.id])
    other = by_value(bind_claims("依申请公开政府信息90条，提交申请的方式为网站申请。", r), 90)[0]
    assert other.status == "unverifiable"
    # without the sentence going on about applications: published items, not bound
    assert by_value(bind_claims("依申请公开政府信息81条。", r), 81)[0].cells == []


def test_shares_in_every_way_reports_write_them():
    r = report_81()
    for text, value in (("共收到申请81件，其中予以公开40件，所占比例为49.38%。", 49.38),
                        ("共收到申请81件，其中予以公开40件，比例为49.38%。", 49.38),
                        ("共收到申请81件，其中予以公开40件，占比达49.38%。", 49.38),
                        ("全年办结81件，其中予以公开40件，部分公开2件，合计占51.85%。", 51.85),
                        ("共收到申请81件，其中自然人申请80件，占比98.7%。", 98.7)):  # 98.765…: cut, not rounded
        c = by_value(bind_claims(text, r), value)[0]
        assert c.status == "verified", (text, c.message)
    wrong = by_value(bind_claims("共收到申请81件，其中予以公开40件，所占比例为45.38%。", r), 45.38)[0]
    assert (wrong.status, wrong.severity) == ("contradicts", "warning")
    together = by_value(bind_claims("全年办结81件，其中予以公开40件，部分公开2件，合计占49.38%。", r), 49.38)[0]
    assert together.status == "contradicts" and "42 ÷ 81" in together.message


def test_a_share_no_table_whole_gives_is_a_warning():
    # no total in the sentence: every whole the tables offer (一 81, 一+二, （七）总计 81) is tried; none gives 30 %
    c = by_value(bind_claims("予以公开政府信息公开申请40件，占30%。", report_81()), 30)[0]
    assert (c.status, c.severity) == ("contradicts", "warning") and "40 ÷ 81" in c.message
    ok = by_value(bind_claims("予以公开政府信息公开申请40件，占49.38%。", report_81()), 49.38)[0]
    assert ok.status == "verified"


def test_a_sentence_opening_with_qizhong_breaks_down_the_previous_count():
    claims = bind_claims("全年共主动公开政府信息90条。其中，政策文件30条，工作动态63条。", report_81())
    flagged = [c for c in claims if c.status == "contradicts"]
    assert [c.value for c in flagged] == [90] and "93" in flagged[0].message
    ok = bind_claims("全年共主动公开政府信息90条。其中，政策文件30条，工作动态60条。", report_81())
    assert not contradictions(ok)
    # and its parts bind like parts: 70 is not the 80 自然人 of the tables
    parts = bind_claims("本年度共收到政府信息公开申请81件。其中，自然人申请70件，法人或其他组织申请11件。", report_81())
    assert by_value(parts, 70)[0].status == "contradicts"


def test_a_list_of_departments_may_fall_short_of_the_total_but_never_exceed_it():
    r = report_81()
    short = bind_claims("全区共收到申请81件。其中，区政府办公室本级受理12件，各街道共受理45件。", r)
    assert not contradictions(short)
    over = bind_claims("全区共收到申请81件。其中，区政府办公室本级受理52件，各街道共受理45件。", r)
    assert any(c.value == 81 and c.status == "contradicts" for c in over)
    # a category list that has a remainder item claims to be complete
    rest = bind_claims("全年主动公开政府信息135条，其中政策文件类30条，其他类100条。", r)
    assert any(c.value == 135 and c.status == "contradicts" for c in rest)


def test_unrelated_counts_in_application_words_never_contradict():
    r = report_81()
    for text in ("受理信访举报投诉事项12件，均已办结。", "对申请人提出的补正要求3件。",
                 "收到申请81件，予以公开40件，部分公开2件，不予公开5件，无法提供31件，不予处理1件，其他处理2件，合计81件。"):
        assert not contradictions(bind_claims(text, r)), text
    # the row itself, named with its group, still binds
    c = by_value(bind_claims("属于信访举报投诉类申请不予处理1件。", r), 1)[0]
    assert c.status == "verified" and c.cells
    # a restated total in front of a list does not hide a wrong sum
    bad = bind_claims("收到申请81件，予以公开40件，部分公开2件，不予公开5件，无法提供31件，不予处理1件，其他处理9件，合计81件。", r)
    assert any(c.value == 81 and c.status == "contradicts" and "之和" in c.message for c in bad)


def test_the_agency_naming_itself_is_the_whole_scope():
    r = report_81()
    r.agency = "平潭综合实验区公安局"
    for text in ("平潭综合实验区公安局共受理政府信息公开申请84件。", "区公安局全年共受理政府信息公开申请84件。"):
        c = by_value(bind_claims(text, r), 84)[0]
        assert (c.status, c.severity) == ("contradicts", "error"), text
    assert by_value(bind_claims("区公安局全年共受理政府信息公开申请81件。", r), 81)[0].status == "verified"
    # another unit of it is still a narrower scope
    c = by_value(bind_claims("其中交警支队受理申请3件。", r), 3)[0]
    assert c.status == "unverifiable"
    r.agency = "长沙市芙蓉区人民政府"
    assert by_value(bind_claims("芙蓉区政府全年共受理政府信息公开申请84件。", r), 84)[0].status == "contradicts"
    assert by_value(bind_claims("区政府办公室全年受理政府信息公开申请17件。", r), 17)[0].status == "unverifiable"


def test_more_breakdown_heads():
    r = report_81()
    assert any("分项之和" in c.message and c.status == "contradicts"
               for c in bind_claims("共主动公开信息90条，主要为：政策文件30条、工作动态63条。", r))
    ok = bind_claims("在已办结的81件中，予以公开40件、部分公开2件、不予公开5件、无法提供31件、不予处理1件、其他处理2件。", r)
    assert any("等于其后所列 6 个分项之和" in c.message for c in ok) and not contradictions(ok)
    # 81件申请中 without 在 opens the list too; a list of table rows may leave rows out
    assert not contradictions(bind_claims("81件申请中，予以公开40件，部分公开2件。", r))
    over = bind_claims("81件申请中，自然人80件，法人或其他组织11件。", r)
    assert any(c.value == 81 and c.status == "contradicts" for c in over)
    # 正在办理中 is not a list head
    in_progress = bind_claims("收到申请81件，3件正在办理中，予以公开40件，部分公开2件。", r)
    assert [c.value for c in in_progress if c.status == "contradicts"] == [3]  # 结转 is 0: no list check


def test_2019_format_decisions_bind_to_their_column():
    r = Report.blank(template=L.TEMPLATE_2019, year=2020)
    r.set(CellRef("table2", "行政许可", "处理决定数量"), 1234)
    c = by_value(bind_claims("全年共作出行政许可决定1234件。", r), 1234)[0]
    assert (c.status, c.cells) == ("verified", [CellRef("table2", "行政许可", "处理决定数量").id])
    assert by_value(bind_claims("全年共作出行政许可决定1200件。", r), 1200)[0].status == "contradicts"


def test_platform_lists_may_overlap_but_category_lists_may_not():
    r = report_81()
    assert not contradictions(bind_claims("共发布信息1000条，其中门户网站发布800条，微信公众号发布500条。", r))
    assert contradictions(bind_claims("共发布信息1000条，其中政务动态800条，通知公告500条。", r))


def test_this_year_named_as_another_year_is_stale():
    r = report_81()  # 2023
    stale = [c for c in bind_claims("本年度（2022年）共收到政府信息公开申请81件。", r) if c.unit == "年"]
    assert [(c.value, c.status) for c in stale] == [(2022, "contradicts")]
    assert not [c for c in bind_claims("本年度（2023年）共收到政府信息公开申请81件。", r) if c.unit == "年"]


def test_a_departments_report_naming_the_whole_district_speaks_of_a_wider_scope():
    r = report_81()
    r.agency = "平潭综合实验区行政审批局"
    c = by_value(bind_claims("全区共收到政府信息公开申请500件。", r), 500)[0]
    assert c.status == "unverifiable" and "更大的范围" in c.message
    r.agency = "平潭综合实验区管理委员会（含平潭县；全区汇总）"  # a government: 全区 is its own scope
    assert by_value(bind_claims("全区共收到政府信息公开申请500件。", r), 500)[0].status == "contradicts"


# ---- the 农业农村局 reports (tune split, third pass): measure words, table-2 items, the preamble ----

def _report_zero_new() -> Report:
    """A published 新收 总计 of 0 (its 7 typed into 上年结转), 表二 行政许可 782, 行政处罚 182, 规范性文件 制发 8."""
    r = Report.blank(year=2023)
    r.set(NEW, 0)
    r.set(CellRef.t3(L.R_CARRIED_IN), 7)
    r.set(TOTAL, 7)
    r.set(CellRef("table2", "行政许可"), 782)
    r.set(CellRef("table2", "行政处罚"), 182)
    r.set(CellRef("table2", "行政规范性文件", "本年制发件数"), 8)
    r.set(CellRef("table2", "行政规范性文件", "现行有效件数"), 28)
    return r


def test_applications_counted_in_fen_are_applications():
    c = by_value(bind_claims("我局共收到政府信息公开申请1份。", report_81()), 1)[0]
    assert (c.status, c.cells) == ("contradicts", [NEW.id])
    ok = by_value(bind_claims("我局共收到政府信息公开申请81份。", report_81()), 81)[0]
    assert ok.status == "verified"
    # 份 of something else is not an application count
    assert by_value(bind_claims("发放宣传资料500份。", report_81()), 500)[0].status == "unverifiable"


def test_received_is_not_the_carried_in_applications_when_nothing_was_received():
    # 收到 may count 一+二 (the N-1 caveat), but not when 一 is 0: then the figure names carried-in ones only
    c = by_value(bind_claims("我局共收到政府信息公开申请7份。", _report_zero_new()), 7)[0]
    assert (c.status, c.cells) == ("contradicts", [NEW.id])


def test_published_items_about_a_table2_row_are_verified_when_equal_and_never_contradict():
    r = _report_zero_new()
    claims = bind_claims("依托信用平台公示行政许可信息782条、公示行政处罚信息182条。", r)
    assert [(c.status, c.cells) for c in claims] == [
        ("verified", [CellRef("table2", "行政许可").id]), ("verified", [CellRef("table2", "行政处罚").id])]
    doc = by_value(bind_claims("通过门户网站发布各类信息390余条，其中行政规范性文件8条。", r), 8)[0]
    assert (doc.status, doc.cells) == ("verified", [CellRef("table2", "行政规范性文件", "本年制发件数").id])
    other = bind_claims("公示行政许可信息700条、行政处罚信息60条。", r)
    assert [c.status for c in other] == ["unverifiable", "unverifiable"]
    # a category of published information (X类N条) is not the row's count, even when the numbers are equal
    cat = by_value(bind_claims("主动公开政府信息100条，其中行政许可类782条，其他类18条。", r), 782)[0]
    assert cat.status == "unverifiable"


def test_the_preamble_years_naming_the_report_are_checked():
    from report.claims import report_claims

    r = report_81()
    r.preamble = ("标题: 某局2023年政府信息公开工作年度报告\n发布时间: 2024-01-31\n==================== 正文 ====================\n"
                  "根据《关于编制2022年政府信息公开工作年度报告的通知》要求，我局编制完成2022年度政府信息公开工作年度报告。"
                  "所列数据统计期限自2023年1月1日起至2023年12月31日止。")
    pre = [c for c in report_claims(r) if c.section == "preamble"]
    assert [(c.claim.value, c.claim.status, c.claim.severity) for c in pre] == [(2022, "contradicts", "warning")]
    assert r.preamble[pre[0].claim.start:pre[0].claim.end] == "2022年"
    r.preamble = "本报告所列数据统计期限为2022年1月1日至2022年12月31日。"
    assert [c.claim.value for c in report_claims(r) if c.section == "preamble"] == [2022, 2022]
    r.preamble = "我局编制了2023年政府信息公开工作年度报告。统计期限为2023年1月1日至12月31日。"
    assert not [c for c in report_claims(r) if c.section == "preamble"]


def test_two_verbs_on_one_count_take_the_first_verbs_cells():
    r = report_81()
    c = by_value(bind_claims("今年我局共受理办结政府信息公开申请81件。", r), 81)[0]
    assert (c.status, c.cells) == ("verified", [NEW.id])
    r.set(TOTAL, 79)  # received 81, closed 79: 受理办结79件 reads as the closed ones, still verified
    assert by_value(bind_claims("今年我局共受理办结申请79件。", r), 79)[0].status == "verified"
    assert by_value(bind_claims("今年我局共受理办结申请70件。", r), 70)[0].status == "contradicts"


def test_a_link_to_another_years_report_in_the_preamble_is_not_a_stale_year():
    from report.claims import report_claims

    r = report_81()
    r.preamble = "上一篇：某局2022年政府信息公开工作年度报告\n我局编制了2023年度政府信息公开工作年度报告，现予公布。"
    assert not [c for c in report_claims(r) if c.section == "preamble"]
