"""Offline drafter: standard sentences from the tables, every number with provenance, wording follows the data."""

import json

import pytest

from agents.checking import bind
from agents.factsheet import load_facts
from agents.offline import draft_offline
from agents.writer import Writer, check_own_claims, self_name
from conftest import FIXTURES
from report.claims.numbers import extract_numbers
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))
FACTS = load_facts([
    {"id": "F1", "label": "门户网站发布信息", "value": 6352, "unit": "条"},
    {"id": "F2", "label": "政务微信公众号发布信息", "value": 812, "unit": "条"},
    {"id": "F3", "label": "开展政务公开业务培训", "value": 4, "unit": "次"},
])


def truth(path) -> Report:
    return Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))


def allowed_values(report, previous=None, facts=()):
    """Independent of agents/: every value a correct draft may contain, recomputed here from the raw tables."""
    vals = {float(v) for _, v in report.cells() if v is not None}
    for rows in L.t3_groups(report.template).values():
        vals.add(float(sum(report.t3(r) or 0 for r in rows)))
    for row in L.t3_rows(report.template):
        vals.add(float(sum(report.t3(row, c) or 0 for c in L.T3_ORG_COLUMNS)))
    vals.add(float((report.t4(L.T4_SUIT_DIRECT) or 0) + (report.t4(L.T4_SUIT_AFTER) or 0)))
    vals |= {float(f.value) for f in facts}
    if previous is not None:
        for ref, before in previous.cells():
            vals.add(float(before)) if before is not None else None
            now = report.get(ref) if before is not None else None
            if before and now is not None:
                vals.add(abs(round((now - before) / before * 100, 1)))
    return vals


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_all_sections_every_number_has_provenance(path):
    report = truth(path)
    drafts = [draft_offline(report, FACTS, None, s) for s in ("一", "五", "六")]
    allowed = allowed_values(report, None, FACTS)
    for d in drafts:
        assert d.mode == "offline" and d.text
        assert not [f for f in d.findings if f.kind == "number"], d.findings
        mentions = extract_numbers(d.text)
        for m in mentions:
            assert float(m.value) in allowed, (d.section, m.surface, d.text[max(0, m.start - 20):m.end])
            owner = [c for c in d.claims if c.start <= m.start < c.end + len(c.text) and (c.cell or c.fact)
                     and c.status == "verified" and float(c.value) == float(m.value)]
            assert owner, f"{m.surface} has no claim"
        for c in d.claims:
            assert c.cell or c.fact
    assert len(extract_numbers(drafts[0].text)) >= 8  # section 一 really carries the statistics
    for d in drafts:  # report.claims (written independently) never finds a contradiction in them
        assert [c for c in bind(d.text, report, FACTS) if c.status == "contradicts"] == []


def test_section_one_reads_like_a_report():
    report = truth(TRUTHS[0])  # 芙蓉区 2021
    d = draft_offline(report, FACTS, None, "一")
    for topic in L.OVERVIEW_TOPICS.values():
        assert topic in d.text
    assert d.text.startswith("2021年，我区")
    assert "共收到政府信息公开申请139件，其中自然人申请137件、法人或其他组织申请2件" in d.text
    assert "全年办结136件" in d.text and "另有3件结转下年度继续办理" in d.text
    assert "门户网站发布信息6352条" in d.text  # routed to (一)
    assert d.text.index("政务微信公众号发布信息") > d.text.index("（一）")
    assert d.text.index("开展政务公开业务培训") > d.text.index("（五）")
    assert "结果纠正1件" in d.text and "被纠正" in d.text
    assert "考核" in d.text and "评议" in d.text and "责任追究" in d.text  # a government report
    [claim] = [c for c in d.claims if c.value == 139]
    assert claim.cell == CellRef("table3", L.R_NEW, "总计").id
    assert [c for c in d.claims if c.value == 6352][0].fact == "F1"


def _with(report, changes):
    r = report.model_copy(deep=True)
    for cid, v in changes.items():
        r.set(CellRef.parse(cid), v)
    return r


def test_no_applications_and_no_cases():
    r = Report.blank(agency="某某县人民政府", year=2023)
    for row in L.t3_rows(r.template):
        r.table3[row] = [0] * 7
    for g in L.T4_GROUPS:
        r.table4[g] = [0] * 5
    d = draft_offline(r, [], None, "一")
    assert "未收到政府信息公开申请" in d.text and "我县" in d.text
    assert "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的案件" in d.text
    assert not extract_numbers(d.text)
    five = draft_offline(r, [], None, "五")
    assert "本年未收到政府信息公开申请" in five.text and not extract_numbers(five.text)
    assert "【待补充：本年度存在的主要问题" in five.text  # no invented problem, a hint from the tables


@pytest.mark.parametrize("before,word,pct", [(100, "同比增长", "39%"), (200, "同比下降", "30.5%"), (139, "与上年持平", None)])
def test_trend_against_last_year(before, word, pct):
    report = truth(TRUTHS[0])
    prev = _with(report, {CellRef("table3", L.R_NEW, "总计").id: before})
    prev.year = 2020
    d = draft_offline(report, [], prev, "一")
    assert word in d.text
    if pct:
        assert pct in d.text
        [claim] = [c for c in d.claims if (c.cell or "").startswith("比较/")]
        assert float(claim.value) == float(pct.rstrip("%")) and claim.status == "verified"
    assert f"上年为{before}件" in d.text
    flagged = [c for c in bind(d.text, report, [], prev) if c.status != "verified"]
    assert flagged == []  # the independent binder agrees, last-year comparison included
    allowed = allowed_values(report, prev)
    assert all(float(m.value) in allowed for m in extract_numbers(d.text))


def test_fee_sentences_follow_table_and_facts():
    report = truth(TRUTHS[0])
    none = draft_offline(report, [], None, "六")
    assert "未收取信息处理费" not in none.text and "【待补充：本年度收取信息处理费" in none.text
    unpaid = L.t3_groups(report.template)[L.G_OTHER][1]
    r2 = _with(report, {CellRef("table3", unpaid, "总计").id: 5})
    d = draft_offline(r2, [], None, "六")
    assert "发出收费通知后申请人逾期未缴费的申请5件" in d.text and "【待补充：本年度收取信息处理费" in d.text
    assert [c for c in d.claims if c.value == 5][0].cell == CellRef("table3", unpaid, "总计").id
    fee = load_facts([{"id": "FEE", "label": "收取信息处理费", "value": 260, "unit": "元"}])
    d = draft_offline(report, fee, None, "六")
    assert "共计260元" in d.text and [c for c in d.claims if c.value == 260][0].fact == "FEE"


def test_problems_follow_the_data_as_a_hint_never_as_an_assertion():
    report = truth(TRUTHS[0])  # one review case corrected
    five = draft_offline(report, [], None, "五").text
    hint = five.split("（二）")[1].split("】")[0]
    assert "报表显示：行政复议结果纠正1件" in hint and "办结136件中无法提供45件" in hint  # this agency's figures
    clean = _with(report, {CellRef("table4", L.T4_REVIEW, "结果纠正").id: 0})
    assert "纠正" not in draft_offline(clean, [], None, "五").text
    assert "一是" not in draft_offline(clean, [], None, "五").text  # no problem is written that no input states


def test_blank_tables_do_not_crash_and_say_what_is_missing():
    d = draft_offline(Report.blank(), [], None, "一")
    assert "本机关" in d.text and any("补全表三" in f.message for f in d.findings)
    assert not extract_numbers(d.text)


def test_wrong_section_is_refused_in_chinese():
    with pytest.raises(ValueError, match="表格由报表数据直接生成"):
        draft_offline(truth(TRUTHS[0]), [], None, "三")


def test_self_check_catches_a_template_bug():
    report = truth(TRUTHS[0])
    w = Writer().add("共收到申请").num(140, cell=CellRef("table3", L.R_NEW, "总计").id)
    _, claims = w.finish()
    [finding] = check_own_claims(claims, report, None, [])
    assert finding.expected == 139 and claims[0].status == "contradicts"


def test_self_name():
    assert self_name("长沙市芙蓉区人民政府") == "我区"
    assert self_name("淮安市人民政府") == "我市"
    assert self_name("沭阳县人民政府") == "我县"
    assert self_name("淮安市财政局") == "我局"
    assert self_name("平潭综合实验区管理委员会（含平潭县）") == "我区"
    assert self_name(None) == "本机关"


@pytest.mark.parametrize("year,gap", [(2021, 1), (2020, 2)])
def test_wording_differs_from_last_years_report(year, gap):
    last = truth(TRUTHS[0])
    last.year = year
    last.sections["一"] = draft_offline(last, [], None, "一").text
    this = truth(TRUTHS[0])
    this.year = year + gap  # gap 2: same year parity, only "avoid last year's wording" tells them apart
    text = draft_offline(this, [], last, "一").text
    old_paras = {p[6:] for p in last.sections["一"].splitlines() if len(p) > 40}
    new_paras = {p[6:] for p in text.splitlines() if len(p) > 40}
    assert len(old_paras & new_paras) <= 1  # only the data-driven (二) paragraph may coincide


FILLER = ("集中公开", "公开透明", "渠道保持畅通", "逐案剖析", "均已依法告知", "依法受理")


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_no_template_assertion_that_no_input_makes(path):
    report = truth(path)
    text = "\n".join(draft_offline(report, [], None, s).text for s in ("一", "五", "六"))
    assert [f for f in FILLER if f in text] == []


def test_reasons_come_from_the_agencys_own_sub_rows():
    report = truth(TRUTHS[0])  # 芙蓉区 2021: 不予公开 3, 无法提供 45
    rows = L.t3_groups(report.template)
    nonzero = [r for r in rows[L.G_WITHHELD] if report.t3(r)]
    d = draft_offline(report, [], None, "一")
    assert "不予公开的申请中，" in d.text and "无法提供的申请中，本机关不掌握相关政府信息" in d.text
    for r in nonzero:
        [claim] = [c for c in d.claims if c.cell == CellRef("table3", r, "总计").id]
        assert claim.value == report.t3(r)
    zero = [r for r in rows[L.G_WITHHELD] if report.t3(r) == 0]
    assert zero and not any(r.rsplit("/", 1)[-1][2:] in d.text for r in zero)  # a zero reason is not listed
    assert [c for c in bind(d.text, report, [], None) if c.status != "verified"] == []


def test_unanswered_items_of_six_are_one_placeholder_and_answered_ones_get_their_heading():
    report = truth(TRUTHS[0])
    none = draft_offline(report, [], None, "六").text
    assert none.count("【待补充") == 2 and "（二）其他事项" in none
    from agents.interview import build_interview

    iv = build_interview(report, None)
    iv.answers = {"六3": "全年公开人大代表建议办理结果12件"}
    d = draft_offline(report, [], None, "六", interview=iv)
    assert "（二）人大代表建议和政协提案办理结果公开情况\n全年公开人大代表建议办理结果12件。" in d.text
    assert "（三）其他事项\n【待补充：落实2021年政务公开工作要点的情况；创新做法】" in d.text
    assert [c.fact for c in d.claims if c.value == 12] == ["六3#1"]
