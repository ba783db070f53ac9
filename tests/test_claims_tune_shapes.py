"""Sentence and table shapes of the TUNE side of the labelled corpus (tests/corpus, split.json ``tune``) that the
binder must read by a rule, not by the phrasing: each test quotes a real sentence of a tune report and asserts the
exact status and cells. (Shapes only from tune files; the measure side is never quoted here.)"""

from __future__ import annotations

import json

from conftest import ROOT
from report.claims import bind_claims
from report.claims.closure import complete
from report.model import CellRef, Report
from report.model import labels as L
from report.model.tables import Diagnostic

CORPUS = ROOT / "tests" / "corpus"
G = L.t3_groups()


def truth(name: str) -> Report:
    data = json.loads((CORPUS / "truth" / f"{name}.json").read_text("utf-8"))
    return Report.from_interchange({k: v for k, v in data.items()
                                    if k in ("agency", "year", "template", "table2", "table3", "table4")})


def only(claims, value):
    found = [c for c in claims if c.value == value]
    assert len(found) == 1, [(c.value, c.status, c.text) for c in claims]
    return found[0]


# c2_005.md (上海市科学技术委员会 2024), 四、政府信息公开申请情况
C2_005 = ("全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件，所有申请均已按要求办理完成。所有办结的信息公开"
          "申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2 件，无法提供的 10 件，不予处理 0 件，其他处理 14 件，"
          "转下一年度办理答复的有 1 件。")


def blank_total_column(r: Report) -> Report:
    """The shape of a published table whose 总计 column is left blank on every result row and whose zero applicant
    cells are left blank (tune c3_008 leaves 总计 blank on （一）（二）; c3_019, c1_015 leave whole rows of （六）
    blank): only （七）总计 and 一/二/四 keep their 总计."""
    for path in L.t3_result_rows(r.template):
        r.set(CellRef.t3(path), None)
        for col in L.T3_APPLICANT_COLUMNS:
            if r.get(CellRef.t3(path, col)) == 0:
                r.set(CellRef.t3(path, col), None)
    return r


def test_identities_fill_a_blank_total_column_and_the_published_figures_verify():
    r = blank_total_column(truth("c2_005"))
    done, filled = complete(r)
    public = CellRef.t3(G[L.G_PUBLIC][0])
    assert r.get(public) is None and done.get(public) == 9 and public in filled  # T3-C: 9 + 0 + … (blanks 0 by T3-B)
    claims = bind_claims(C2_005, r)
    c9 = only(claims, 9)
    assert (c9.status, c9.cells) == ("verified", [public.id])
    assert "勾稽关系推算" in c9.message
    withheld = [c for c in claims if c.value == 2 and c.cells and "不予公开" in c.cells[0]]
    assert [c.status for c in withheld] == ["verified"]
    c10 = [c for c in claims if c.value == 10][0]
    assert c10.status == "verified" and c10.cells == [CellRef.t3(p).id for p in G[L.G_UNAVAILABLE]]
    assert not [c for c in claims if c.status == "contradicts"]


def test_a_figure_against_a_filled_blank_is_a_warning_not_an_error():
    r = blank_total_column(truth("c2_005"))
    claims = bind_claims(C2_005.replace("同意公开答复 9 件", "同意公开答复 8 件"), r)
    c8 = only(claims, 8)
    assert (c8.status, c8.severity) == ("contradicts", "warning")
    assert "勾稽关系推算" in c8.message and "9" in c8.message


def test_identities_never_fill_a_cell_the_parser_could_not_read():
    r = blank_total_column(truth("c2_005"))
    public = CellRef.t3(G[L.G_PUBLIC][0])
    r.diagnostics.append(Diagnostic(severity="warning", code="t3_unread", message="表三第3行未能读出", cells=[public.id]))
    done, filled = complete(r)
    assert public not in filled and done.get(public) is None
    c9 = only(bind_claims(C2_005, r), 9)
    assert c9.status == "unverifiable" and "未能读出" in c9.message


def test_a_table_whose_identities_disagree_fills_nothing():
    r = truth("c2_005")
    public = CellRef.t3(G[L.G_PUBLIC][0])
    r.set(public, None)
    done, filled = complete(r)
    assert filled == {public} and done.get(public) == 9  # T3-C of its row and T3-B of the 总计 column agree
    r.set(CellRef.t3(L.R_TOTAL), 30)  # （七）总计 now gives 30 − 26 = 4 while the row gives 9: no fill at all
    done, filled = complete(r)
    assert not filled and done.get(public) is None
    assert only(bind_claims(C2_005, r), 9).status == "unverifiable"


# ---- lists of published information (主动公开 categories): the parts must add up to their total ----

C3_008_LIST = ("2021年，主动公开政府信息125条，涵盖政策及规范性文件类5条、规划计划类1条、国土资源城乡建设环保能源类信息1条、"
               "科教文体卫生类24条、其他应主动公开的政府信息94条。")  # tune c3_008.txt §二
C3_010_LIST = ("2023年，主动公开政府信息312条，重大建设项目类信息280条，规范性文件类信息5条，行政许可类信息3条。"
               "其他应主动公开的政府信息24条。")  # tune c3_010.txt §一: no head word, the remainder after 。
C1_005_LIST = "今年我局公开356条政务信息，行政许可类信息1条，重大建设项目类信息345条，其他应主动公开的政府信息10条。"
C1_006_LIST = ("全年共制发政府信息487条，其中，主动公开政府信息117条（涵盖政策及规范性文件类10条、规划计划类1条、重大建设项目信息"
               "7条、民政扶贫救灾社会保障就业类4条、科教文体卫生类12条、安全生产、应急管理类2条、其他应主动公开的政府信息81条）、"
               "依申请公开274条、不予公开96条。")


def total_check(text: str, report: Report, value: float):
    return [c for c in bind_claims(text, report) if c.value == value and c.unit == "条" and c.cell
            and c.cell.startswith("分项之和")]


def test_a_list_opened_by_hangai_adds_up_to_its_total():
    r = truth("c3_008")
    assert [c.status for c in total_check(C3_008_LIST, r, 125)] == ["verified"]
    wrong = total_check(C3_008_LIST.replace("125条", "120条"), r, 120)
    assert [(c.status, c.severity, c.expected) for c in wrong] == [("contradicts", "warning", 125)]


def test_a_category_list_without_a_head_word_adds_up_to_its_total():
    r = truth("c3_010")
    assert [(c.status, c.expected) for c in total_check(C3_010_LIST, r, 312)] == [("verified", 312)]
    wrong = total_check(C3_010_LIST.replace("312条", "300条"), r, 300)
    assert [(c.status, c.severity, c.expected) for c in wrong] == [("contradicts", "warning", 312)]
    r = truth("c1_005")
    assert [(c.status, c.expected) for c in total_check(C1_005_LIST, r, 356)] == [("verified", 356)]
    # a list that names only some categories (no 其他) may fall short of its total: no finding
    short = C1_005_LIST.replace("，其他应主动公开的政府信息10条", "")
    assert total_check(short, r, 356) == []


def test_an_item_of_a_category_list_is_not_a_total_of_the_items_after_it():
    claims = bind_claims(C1_006_LIST, truth("c1_006"))
    assert not [c for c in claims if c.status == "contradicts"]
    assert [c.status for c in claims if c.value == 117 and c.cell and c.cell.startswith("分项之和")] == ["verified"]


# ---- a department's report naming its region as the subject speaks of a wider scope ----

C3_010_DOCS = "2023年，我局制定规范性文件5件，全部完成图文解读。"  # tune c3_010.txt §一 (平潭综合实验区行政审批局)


def test_a_departments_region_named_as_subject_is_a_wider_scope():
    r = truth("c3_010")
    mine = only(bind_claims(C3_010_DOCS, r), 5)
    assert (mine.status, mine.cells) == ("verified", ["表二/行政规范性文件/本年制发件数"])
    wider = only(bind_claims(C3_010_DOCS.replace("我局制定规范性文件5件", "实验区共制定规范性文件30件"), r), 30)
    assert wider.status == "unverifiable" and "更大的范围" in wider.message
    # the agency's own full name is the agency itself, not its region
    own = only(bind_claims(C3_010_DOCS.replace("我局", "平潭综合实验区行政审批局").replace("5件", "6件"), r), 6)
    assert (own.status, own.severity) == ("contradicts", "warning")


# ---- shares: the text's own rounding ----

C3_010_SHARES = "从申请方式看，网络申请3件，占43%；信函申请4件，占57%；申请内容涉及项目审批信息、工商登记信息、不动产登记信息等。"


def shares(claims):
    return [(c.value, c.status, c.severity) for c in claims if c.unit == "%"]


def test_shares_of_the_whole_year_verify_to_the_rounding_written():
    claims = bind_claims(C3_010_SHARES, truth("c3_010"))  # 3/7 = 42.86 %, 4/7 = 57.14 % (表三 新收 7)
    assert shares(claims) == [(43, "verified", "info"), (57, "verified", "info")]
    assert only(claims, 43).cells[-1] == "表三/一、本年新收政府信息公开申请数量/总计"


def test_a_share_rounded_up_in_a_text_that_rounds_is_a_warning():
    claims = bind_claims(C3_010_SHARES.replace("占57%", "占58%"), truth("c3_010"))
    # 43 % shows the text rounds (truncating 42.86 would give 42); 58 % for 57.14 is neither rounding nor cutting
    assert shares(claims) == [(43, "verified", "info"), (58, "contradicts", "warning")]
    assert "57%" in only(claims, 58).message
    # a text that shows no rounding (a single share) keeps the benefit of the doubt
    alone = bind_claims("从申请方式看，信函申请4件，占58%。", truth("c3_010"))
    assert shares(alone) == [(58, "verified", "info")]


def test_a_list_opened_in_the_next_sentence_or_after_a_colon_is_checked_against_the_total():
    r = truth("c3_008")
    parts = C3_008_LIST.split("涵盖")[1]
    for head in ("。从公开类别看，", "。主要包括：", "：", "，按信息类别分："):
        text = "2021年，主动公开政府信息125条" + head + parts
        assert [c.status for c in total_check(text, r, 125)] == ["verified"], head
        wrong = total_check(text.replace("125条", "120条"), r, 120)
        assert [(c.status, c.severity) for c in wrong] == [("contradicts", "warning")], head


def test_a_part_above_the_count_before_a_weak_head_is_no_breakdown_of_it():
    # tune c3_010.txt §一, with the sentence before it ending on another figure (上年结转 1 件)
    text = "结转上年度申请0件。" + C3_010_SHARES
    claims = bind_claims(text, truth("c3_010"))
    assert not [c for c in claims if c.status == "contradicts"]
    assert shares(claims) == [(43, "verified", "info"), (57, "verified", "info")]


def test_ban_li_binds_to_the_results_total_first_when_the_readings_agree():
    # tune c3_014.txt §一 (新收 1, （七）总计 1)
    text = "全年政府信息主动公开135条，其中政策及规范性文件类1条，行政许可类3条，社会保障类9条，安全生产应急管理类24条，其他类97条；办理依申请公开1件。"
    c = [x for x in bind_claims(text, truth("c3_014")) if x.value == 1 and x.unit == "件"]
    assert [(x.status, x.cells) for x in c] == [("verified", ["表三/三、本年度办理结果/（七）总计/总计"])]


def test_regulations_and_normative_documents_named_together_are_their_sum():
    # tune c3_012.txt §一 (现行有效行政规范性文件共253件), with 规章 named beside them and a 规章 现行有效 of 5
    r = truth("c3_012")
    r.table2["规章"]["现行有效件数"] = 5
    both = only(bind_claims("现行有效规章和行政规范性文件共258件。", r), 258)
    assert (both.status, both.cells) == ("verified", ["表二/行政规范性文件/现行有效件数", "表二/规章/现行有效件数"])
    alone = only(bind_claims("现行有效行政规范性文件共253件。", r), 253)
    assert (alone.status, alone.cells) == ("verified", ["表二/行政规范性文件/现行有效件数"])


def test_a_share_with_no_whole_in_the_sentence_is_checked_against_every_table_whole():
    r = truth("c3_010")  # 新收 7 = （七）总计 7
    claims = bind_claims(C3_010_SHARES.replace("占43%", "占40%").replace("占57%", "占60%"), r)
    assert shares(claims) == [(40, "contradicts", "warning"), (60, "contradicts", "warning")]
    assert "43%" in only(claims, 40).message
    # a base of 一+二 (here 8: one application carried over) also gives a share: 3/8 = 37.5 %
    r.set(CellRef.t3(L.R_CARRIED_IN), 1)
    claims = bind_claims(C3_010_SHARES.replace("占43%", "占37.5%"), r)
    assert only(claims, 37.5).status == "verified"


def test_a_list_giving_its_total_twice_along_two_dimensions_adds_up():
    # tune c3_010.txt §一 (新收 7: 网络 3, 信函 4; 自然人 …), both lists after one 其中
    r = truth("c3_010")
    text = "共收到政府信息公开申请7件，其中网络申请3件、信函申请4件，自然人申请6件、商业企业申请1件。"
    checks = [c for c in bind_claims(text, r) if c.value == 7 and c.cell and c.cell.startswith("分项之和")]
    assert [c.status for c in checks] == ["verified"]
    # a run of 7 and one item more is no second dimension: 3 + 4 + 2 = 9 exceeds 7
    wrong = [c for c in bind_claims("共收到政府信息公开申请7件，其中网络申请3件、信函申请4件，当面申请2件。", r)
             if c.value == 7 and c.cell and c.cell.startswith("分项之和")]
    assert [(c.status, c.severity) for c in wrong] == [("contradicts", "warning")]


def test_numbered_and_yi_shi_items_go_on_with_the_list():
    r = truth("c3_008")
    items = ["政策及规范性文件类5条", "规划计划类1条", "国土资源城乡建设环保能源类信息1条", "科教文体卫生类24条",
             "其他应主动公开的政府信息94条"]
    numbered = "2021年，主动公开政府信息125条，其中：" + "；".join(f"{k + 1}.{x}" for k, x in enumerate(items)) + "。"
    yishi = "2021年，主动公开政府信息125条，" + "；".join(f"{'一二三四五'[k]}是{x}" for k, x in enumerate(items)) + "。"
    for text in (numbered, yishi):
        assert [c.status for c in total_check(text, r, 125)] == ["verified"], text
        wrong = total_check(text.replace("125条", "120条"), r, 120)
        assert [(c.status, c.severity) for c in wrong] == [("contradicts", "warning")], text


def test_a_round_total_is_read_as_a_range():
    r = truth("c3_008")
    assert total_check(C3_008_LIST.replace("125条", "120余条"), r, 120) == []  # 125 is 120余
    assert total_check(C3_008_LIST.replace("125条", "100余条"), r, 100) == []  # 100余 reaches 199
    far = total_check(C3_008_LIST.replace("125条", "10余条"), r, 10)
    assert [(c.status, c.severity) for c in far] == [("contradicts", "warning")]


C3_010_T4 = "因依申请公开引发行政复议1起、行政诉讼1起，分别被驳回行政复议申请和裁定按照撤诉处理。"  # tune c3_010 §一


def test_a_wholly_blank_row_in_a_table_that_leaves_its_zeros_blank_reads_as_zeros():
    r = truth("c3_010")  # 复议 1/0/0/0/1, 直接起诉 0/0/0/0/0, 复议后起诉 0/0/1/0/1
    r.table4["行政复议"] = [1, None, None, 0, 1]  # the identity shows the blanks are 0 (1 = 1 + 空 + 空 + 0)
    r.table4["行政诉讼_未经复议直接起诉"] = [None] * 5  # left wholly blank
    done, filled = complete(r)
    assert done.table4["行政诉讼_未经复议直接起诉"] == [0, 0, 0, 0, 0]
    suit = [c for c in bind_claims(C3_010_T4, r) if c.cells and "行政诉讼" in c.cells[0]]
    assert [(c.status, c.value) for c in suit] == [("verified", 1)] and "勾稽关系推算" in suit[0].message
    # without that evidence (no other blank shown to be 0) a wholly blank row stays blank: the sum is unknown
    r.table4["行政复议"] = [1, 0, 0, 0, 1]
    done, filled = complete(r)
    assert done.table4["行政诉讼_未经复议直接起诉"] == [None] * 5
    suit = [c for c in bind_claims(C3_010_T4, r) if c.value == 1 and "诉讼" in c.text]
    assert [c.status for c in suit] == ["unverifiable"]


# ---- the 2019 format's document rows: 新制作 / 新公开 / 对外公开总数, chosen by the act the clause names ----

C2_006_DOCS = "先后审核各部门印发的22条规范性文件并在政府网站上发布。"  # tune c2_006.txt §一 (2019 format; 22 | 22 | 33)


def test_2019_document_counts_bind_to_the_column_their_act_names_and_otherwise_never_contradict():
    r = truth("c2_006")
    c = only(bind_claims(C2_006_DOCS, r), 22)
    assert (c.status, c.cells) == ("verified", ["表二/规范性文件/本年新公开数量"])
    issued = only(bind_claims("印发规范性文件12件。", r), 12)
    assert (issued.status, issued.severity, issued.cells) == ("contradicts", "warning", ["表二/规范性文件/本年新制作数量"])
    # 清理 names none of the three columns: equal to one of them verified, different unverifiable
    assert only(bind_claims("清理规范性文件33件。", r), 33).cells == ["表二/规范性文件/对外公开总数量"]
    other = only(bind_claims("清理规范性文件30件。", r), 30)
    assert other.status == "unverifiable" and "制作、公开还是累计公开" in other.message


def test_a_published_count_of_decisions_is_not_the_decision_count():
    r = truth("c2_006")  # 2019 format: 行政处罚 处理决定数量 0
    c = only(bind_claims("公开行政处罚案件12件。", r), 12)
    assert c.status == "unverifiable"
    assert only(bind_claims("作出行政处罚决定12件。", r), 12).status == "contradicts"


# ---- 收到 is 一 when the carried-over applications are counted apart in the same sentence ----

C1_008_APPS = ("2022年，我局收到政府信息公开申请1件，已按照相关法规，逐级审查办理，区分可以公开和不予公开部分内容后，作出答复；"
               "结转上年度政府信息公开申请1件，因申请人无正当理由逾期不补正，不再处理其政府信息公开申请。")  # tune c1_008 §一


def test_received_is_the_new_applications_when_the_carried_over_ones_are_counted_apart():
    r = truth("c1_008")  # 新收 1, 上年结转 1
    first = bind_claims(C1_008_APPS, r)[0]
    assert (first.value, first.status, first.cells) == (1, "verified", ["表三/一、本年新收政府信息公开申请数量/总计"])
    wrong = bind_claims(C1_008_APPS.replace("申请1件，已按照", "申请2件，已按照"), r)[0]
    assert (wrong.value, wrong.status, wrong.severity) == (2, "contradicts", "warning")  # not 一+二 = 2
    # included (含上年结转1件): 2 is 一 + 二
    both = bind_claims("2022年，我局共收到政府信息公开申请2件（含上年结转1件）。", r)[0]
    assert (both.value, both.status) == (2, "verified") and len(both.cells) == 2


C2_012_RATE = ("2022年共收到政府信息公开申请16件，主要涉及政府工作报告、项目建设、征地拆迁、统计数据等方面；"
               "16件公开申请均已办结，办结率100%。")  # tune c2_012.txt §一


def test_an_answered_rate_above_100_percent_is_wrong_whatever_the_base():
    r = truth("c2_012")
    assert shares(bind_claims(C2_012_RATE, r)) == [(100, "verified", "info")]
    assert shares(bind_claims(C2_012_RATE.replace("100%", "103%"), r)) == [(103, "contradicts", "warning")]
    # below 100 % it may count only the answerable applications: not judged
    assert shares(bind_claims(C2_012_RATE.replace("100%", "95%"), r)) == [(95, "unverifiable", "info")]


# ---- stale years: a year alone in its clause, dating this year's own figure ----

C3_011_APPS = "收到公民、法人和其他组织政府信息公开申请28件，28件公开申请均在法定时限内办理，办结率100%。"  # tune c3_011 (2024)


def stale(claims):
    return [(c.value, c.status, c.severity) for c in claims if c.unit == "年"]


def test_a_year_alone_in_its_clause_dating_this_years_figure_is_stale():
    r = truth("c3_011")  # 2024: 新收 28
    assert stale(bind_claims("2024年，" + C3_011_APPS, r)) == []
    claims = bind_claims("2023年，" + C3_011_APPS, r)
    assert stale(claims) == [(2023, "contradicts", "warning")]
    first = [c for c in claims if c.value == 28][0]
    assert first.status == "unverifiable" and "照抄" in first.message
    # an earlier year with other figures is a history, not a stale year (tests/fixtures: 2020年，我区共收到…107件)
    assert stale(bind_claims("2023年，" + C3_011_APPS.replace("28件", "20件"), r)) == []
    assert stale(bind_claims("2023年，我局被评为政务公开先进单位。", r)) == []


def test_a_total_after_its_categories_and_a_heading_phrase_before_them():
    r = truth("c3_008")
    parts = C3_008_LIST.split("涵盖")[1].rstrip("。")
    after = "主动公开" + parts + "，共公开政府信息125条。"
    assert [c.status for c in bind_claims(after, r) if c.value == 125] == ["verified"]
    wrong = [c for c in bind_claims(after.replace("125条", "120条"), r) if c.value == 120]
    assert [(c.status, c.severity) for c in wrong] == [("contradicts", "warning")]
    before = "2021年，我局主动公开政府信息共125条。具体情况为：" + parts + "。"
    assert [c.status for c in total_check(before, r, 125)] == ["verified"]
    assert [c.status for c in total_check(before.replace("125条", "120条"), r, 120)] == ["contradicts"]


def test_a_bracketed_list_after_a_part_is_that_parts_breakdown():
    r = truth("c1_006")
    claims = bind_claims(C1_006_LIST.replace("117条", "116条"), r)  # 10+1+7+4+12+2+81 = 117 > 116
    checks = [(c.value, c.status) for c in claims if c.cell and c.cell.startswith("分项之和")]
    assert (116, "contradicts") in checks and (487, "contradicts") in checks  # 116+274+96 = 486 ≠ 487
    assert all(c.expected != 117 for c in claims if c.value == 487)  # never the bracket's parts against 487


def test_a_category_list_in_a_section_is_checked_whatever_came_before():
    # tune c1_005.txt §一: the sentence follows others that name 类 (the total's own clause is read, not the section)
    text = "助推区政务公开工作更上新台阶，建立了政务公开各类专栏。" + C1_005_LIST.replace("356条", "355条")
    assert [(c.status, c.expected) for c in total_check(text, truth("c1_005"), 355)] == [("contradicts", 356)]
