"""Interview, profiles and placeholders: questions from last year's report, answers placed in their sub-part,
nothing stated that no input says."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from agents.interview import build_interview, load_answers, split_overview, split_problems
from agents.offline import draft_offline, repeats
from agents.profiles import classify
from report.claims.facts import FactError
from report.model import labels as L
from report.model.tables import Report
from report.rules.validate import validate

ROOT = Path(__file__).resolve().parent.parent

LAST_ONE = """（一）主动公开方面
全年发布政策解读117篇，召开新闻发布会5场。组织开展“政务公开日”活动。
（二）依申请公开方面
严格按照条例规定的程序办理申请。
（三）政府信息管理方面
开展规范性文件清理。
（四）平台建设方面
政务微博发布信息320条。
（五）监督保障方面
组织业务培训3次。"""
LAST_FIVE = ("（一）存在的主要问题。一是政策解读形式单一，图解视频较少；二是基层公开人员力量不足；"
             "三是公开目录更新不够及时。（二）改进措施。一是丰富解读形式；二是加强培训。")


def reports(agency: str = "某某县人民政府") -> tuple[Report, Report]:
    prev = Report.blank(agency=agency, year=2022)
    prev.sections["一"], prev.sections["五"] = LAST_ONE, LAST_FIVE
    prev.sections["六"] = "本年度未收取信息处理费。"
    cur = Report.blank(agency=agency, year=2023)
    for row in L.t3_rows(cur.template):
        cur.table3[row] = [0] * 7
    for g in L.T4_GROUPS:
        cur.table4[g] = [0] * 5
    return cur, prev


def test_profiles_from_name_and_tables_and_override():
    assert classify(Report.blank(agency="淮安市洪泽区人民政府")).kind == "government"
    assert classify(Report.blank(agency="某某镇人民政府")).kind == "township"
    dept = classify(Report.blank(agency="淮安市公安局"))
    assert dept.kind == "department" and not dept.makes_rules and dept.own_portal is None
    assert classify(Report.blank(agency="福建省人民政府")).makes_rules
    assert not classify(Report.blank(agency="某某县人民政府")).makes_rules
    assert classify(Report.blank(agency="淮安市公安局"), {"own_portal": True}).own_portal is True
    with pytest.raises(ValueError, match="机关类型"):
        classify(Report.blank(agency="x局"), "agency")


def test_last_year_is_split_into_subparts_and_problems():
    parts, heads = split_overview(LAST_ONE)
    assert "117篇" in parts["主动公开"] and "320条" in parts["平台建设"] and "培训3次" in parts["监督保障"]
    assert heads["主动公开"].startswith("（一）主动公开")
    problems = split_problems(LAST_FIVE)
    assert len(problems) == 3 and problems[1].startswith("基层公开人员力量不足")


def test_questions_show_last_years_figures_items_and_problems():
    cur, prev = reports()
    iv = build_interview(cur, prev)
    q = next(q for q in iv.questions if "117篇" in q.question)
    assert q.kind == "number" and q.subpart == "主动公开" and q.question.startswith("去年：全年发布政策解读117篇")
    assert any("政务公开日" in q.question and q.kind == "text" for q in iv.questions)
    assert [q.subpart for q in iv.questions if "320条" in q.question] == ["平台建设"]
    assert len(iv.of("五", "上年度问题整改")) == 3
    assert any("责任追究" in q.question for q in iv.of("一", "监督保障"))  # a government
    dept = build_interview(Report.blank(agency="某某县公安局", year=2023), prev)
    assert not any("责任追究" in q.question for q in dept.questions)
    assert {q.id for q in iv.of("六")} == {"六1", "六2", "六3", "六4"}


def test_answers_are_placed_in_their_subpart_and_cited():
    cur, prev = reports()
    iv = build_interview(cur, prev)
    qid = next(q.id for q in iv.questions if "117篇" in q.question)
    platform = next(q.id for q in iv.of("一", "平台建设"))
    problem = iv.of("五", "上年度问题整改")[1].id
    iv.answers = {qid: "130篇", platform: "开通政务公开微信公众号", problem: "新增专职人员2名", "六1": 0,
                  "五2.1": "基层公开人员力量不足"}
    one = draft_offline(cur, [], prev, "一", interview=iv).text
    proactive = one.split("（二）")[0]
    assert "全年发布政策解读130篇" in proactive and "117" not in one
    assert "开通政务公开微信公众号" in one.split("（四）")[1].split("（五）")[0]
    assert "此外" not in one
    claim = next(c for c in draft_offline(cur, [], prev, "一", interview=iv).claims if c.value == 130)
    assert claim.fact == qid and claim.status == "verified"
    five = draft_offline(cur, [], prev, "五", interview=iv)
    fixes = five.text.split("（二）")[0]
    assert "针对“政策解读形式单一" in fixes and "【待补充：整改措施和成效】" in fixes
    assert "针对“基层公开人员力量不足”的问题，新增专职人员2名" in fixes
    assert any("相同或相近" in f.message for f in five.findings)  # a new problem repeats an old one
    six = draft_offline(cur, [], prev, "六", interview=iv).text
    assert "未收取信息处理费" in six and "【待补充：落实2023年政务公开工作要点的情况；" in six  # unanswered: one placeholder


def test_nothing_invented_without_answers():
    cur, prev = reports()
    text = "\n".join(draft_offline(cur, [], prev, s).text for s in ("一", "五", "六"))
    stated = re.sub(r"【待补充[^】]*】", "", text)  # what the draft asserts (placeholders only quote last year)
    for phrase in ("责任追究的情况", "门户网站作为", "组织开展", "纳入年度绩效考核"):
        assert phrase not in stated
    # no application and none carried over (表三 says so): no fee could be charged, said with the cell it rests on
    six = draft_offline(cur, [], prev, "六")
    assert "本年度没有政府信息公开申请，我县未收取信息处理费。" in six.text
    assert [(c.cell, c.value) for c in six.claims if "信息处理费" in c.text] == [
        ("表三/一、本年新收政府信息公开申请数量/总计", 0)]
    cur.table3[L.R_NEW] = [1, 0, 0, 0, 0, 0, 1]  # one application: whether a fee was charged is staff's to say
    six = draft_offline(cur, [], prev, "六").text
    assert "未收取信息处理费" not in re.sub(r"【待补充[^】]*】", "", six)
    assert "（去年：本年度未收取信息处理费）】" in six  # last year's statement shown as last year's, to update
    assert "【待补充：" in text and "工作考核、社会评议和责任追究结果" in text
    assert not repeats("公开目录更新不够及时", "政策解读形式单一，图解视频较少")


def test_rules_only_for_rule_makers_and_no_zero_fee_padding():
    r = Report.blank(agency="某某市财政局", year=2023)
    r.table2["规章"] = {"本年制发件数": 22, "本年废止件数": 0, "现行有效件数": 30}
    r.table2[L.T2_FEE] = 0
    text = draft_offline(r, [], None, "一").text
    assert "规章" not in text and "收费" not in text
    assert "制发规章22件" in draft_offline(r, [], None, "一", profile=classify(r, "government")).text


def test_placeholders_are_errors_so_export_is_a_draft(tmp_path):
    cur, prev = reports()
    for s in ("一", "五", "六"):
        cur.sections[s] = draft_offline(cur, [], prev, s).text
    found = [f for f in validate(cur) if f.rule == "N-PH"]
    assert found and all(f.severity == "error" and f.where.startswith("sections.") for f in found)
    assert any("工作考核" in f.message for f in found)
    from report.usecases import export_report

    result = export_report(cur, md=tmp_path / "r.md")
    assert "草稿" in (tmp_path / "r.md").read_text(encoding="utf-8") and result is not None


def test_answers_file_errors_are_chinese(tmp_path):
    with pytest.raises(FactError, match="找不到访谈答案文件"):
        load_answers(tmp_path / "none.json")
    with pytest.raises(FactError, match="文字或数字"):
        load_answers({"一1.1": [1, 2]})


def test_cli_questions_and_draft_with_answers(tmp_path):
    cur, prev = reports()
    (tmp_path / "cur.json").write_text(cur.to_json(), encoding="utf-8")
    (tmp_path / "prev.json").write_text(prev.to_json(), encoding="utf-8")
    run = [sys.executable, "-m", "agents"]
    out = subprocess.run(run + ["questions", str(tmp_path / "cur.json"), "--previous", str(tmp_path / "prev.json"),
                                "--json"], capture_output=True, text=True, cwd=ROOT, check=True)
    qs = json.loads(out.stdout)
    assert set(qs[0]) == {"id", "section", "subpart", "question", "last_year", "kind"}
    qid = next(q["id"] for q in qs if "117篇" in q["question"])
    (tmp_path / "a.json").write_text(json.dumps({qid: 140}), encoding="utf-8")
    out = subprocess.run(run + ["draft", str(tmp_path / "cur.json"), "--previous", str(tmp_path / "prev.json"),
                                "--answers", str(tmp_path / "a.json"), "--offline", "--json"],
                         capture_output=True, text=True, cwd=ROOT, check=True, env={**__import__("os").environ,
                                                                                      "OPENAI_BASE_URL": ""})
    data = json.loads(out.stdout)["sections"]
    assert set(data) == {"一", "五", "六"} and "全年发布政策解读140篇" in data["一"]["text"]
    assert any(c["fact"] == qid for c in data["一"]["claims"])


def test_problems_of_a_five_without_enumeration_are_its_shortcoming_clauses():
    five = ("2021年，我局认真按照《条例》要求做好政府信息公开工作，虽然在制度和时效上有一定的成效，但主要存在政府信息公开"
            "业务能力还有待于进一步提升，各内设处室政府信息公开意识还是不够强等问题。下一步，我局将加强业务培训。")
    assert split_problems(five) == ["政府信息公开业务能力还有待于进一步提升", "各内设处室政府信息公开意识还是不够强等问题"]
    one = "2021年，我局政府信息公开工作规范有序、及时高效，但在政策解读方式上还不够多样化。2022年，我局将拓宽解读方式。"
    assert split_problems(one) == ["在政策解读方式上还不够多样化"]  # never the year 「2021年」 as the problem's name


def test_unanswered_figures_are_one_placeholder_quoting_last_years_clauses():
    cur, prev = reports()
    text = draft_offline(cur, [], prev, "一").text
    proactive = text.split("（一）")[1].split("（二）")[0]
    assert "【待补充：今年的数字（去年：全年发布政策解读117篇；召开新闻发布会5场）；" in proactive
    assert "县级财政预决算" in proactive  # then what a county government is asked about


def test_question_ids_do_not_move_with_last_years_report_or_the_profile():
    """An answer saved before last year's report was loaded (or under another profile) stays on its question: a base
    topic keeps its id, last year's own question on that topic takes it, the other derived ones come after."""
    cur, prev = reports()
    alone = {q.id: q for q in build_interview(cur, None).questions}
    with_last = {q.id: q for q in build_interview(cur, prev).questions}
    assert alone["一1.1"].label == "全年发布政策解读" and "117篇" in with_last["一1.1"].last_year
    assert alone["一1.2"].label == "全年召开新闻发布会" and "新闻发布会5场" in with_last["一1.2"].last_year
    assert alone["一5.1"].label == "全年组织政务公开培训" and "培训3次" in with_last["一5.1"].last_year
    for qid in ("一2.1", "一3.1", "一4.1", "一5.2"):  # not in last year's text: the same question in both
        assert alone[qid].question == with_last[qid].question
    assert "政务公开日" in with_last["一1.3"].question and "320条" in with_last["一4.2"].question
    dept = {q.id: q.label for q in build_interview(Report.blank(agency="某某县公安局", year=2023), None).questions}
    assert "一5.2" not in dept and dept["一5.1"] == alone["一5.1"].label  # a topic not asked leaves its id unused
    again = [(q.id, q.question) for q in build_interview(cur, prev).questions]
    assert again == [(q.id, q.question) for q in with_last.values()]


def test_a_problem_is_named_without_its_lead_in_or_trailing_words():
    from agents.interview import problem_key

    assert problem_key("也存在公开信息深度、广度有待进一步提升等问题") == "公开信息深度、广度有待进一步提升"
    assert problem_key("二是各内设处室政府信息公开意识还是不够强等问题。") == "各内设处室政府信息公开意识还是不够强"
    assert problem_key("但主要存在政策解读形式单一，图解视频较少") == "政策解读形式单一"


def test_last_years_measures_announced_for_the_next_year_are_not_problems():
    five = ("今年，我办政府信息公开工作取得一定成效，但还存在一些不足，一是新上岗的工作人员对业务不熟，二是公开要素不够全面。"
            "2020年我办将继续抓好以下两个方面的工作：（一）提高业务水平。组织学习。（二）抓制度促规范。健全制度。")
    assert split_problems(five) == ["新上岗的工作人员对业务不熟", "公开要素不够全面"]
