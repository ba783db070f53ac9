"""report.claims on the four dev reports (truth tables + their own narrative) and on crafted sentences."""

import json
import re

import pytest

from conftest import FIXTURES
from report import parse
from report.claims import Claim, bind_claims
from report.claims.facts import FactSheet
from report.claims.numbers import extract_numbers
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report

REPORTS = ["001_changsha_furongqu_2021", "002_huaian_shi_2024", "005_suqian_shuyangxian_2025", "010_pingtan_2021"]


def narrative(raw: str) -> str:
    """Until the parser is used here: sections 一 (with preamble) and 五/六 cut from the raw text by slicing."""
    tails = [m.start() for m in re.finditer(r"五、[^\n]{0,12}存在", raw)]
    return raw[: raw.index("二、主动公开")] + "\n" + (raw[tails[-1]:] if tails else "")


def load(name):
    truth = json.loads((FIXTURES / "truth" / f"{name}.json").read_text("utf-8"))
    return truth, Report.from_interchange(truth), narrative((FIXTURES / f"{name}.txt").read_text("utf-8"))


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("name", REPORTS)
def test_truth_narrative_claims(name):
    truth, report, text = load(name)
    claims = bind_claims(text, report)
    assert claims and all(isinstance(c, Claim) for c in claims)
    for tc in truth["narrative_claims"]:
        values = tc["value"] if isinstance(tc["value"], list) else [tc["value"]]
        want = "verified" if tc["consistent"] else "unverifiable"
        for v in values:
            found = [c for c in claims if c.value == v and c.status == want]
            assert found, f"{tc['claim']}: no {want} claim for {v}"
            assert all(text[c.start:c.end].strip() for c in found)
            if want == "verified":
                assert any(c.cell for c in found)


@pytest.mark.parametrize("name", REPORTS)
def test_no_false_alarm_on_clean_reports(name):
    _, report, text = load(name)
    bad = [c for c in bind_claims(text, report) if c.status == "contradicts"]
    assert bad == []


def test_every_number_is_returned_with_a_chinese_message():
    _, report, text = load("001_changsha_furongqu_2021")
    claims = bind_claims(text, report)
    visits = [c for c in claims if c.value == 29465589]
    assert visits and visits[0].status == "unverifiable" and visits[0].severity == "info"
    assert all(re.search(r"[\u4e00-\u9fff]", c.message) for c in claims)
    # a website-posting count of 规范性文件 is another metric than Table 2's 本年制发件数 (21): never contradicts
    posting = [c for c in claims if c.value == 13 and "规范性文件" in c.text]
    assert posting and posting[0].status == "unverifiable" and "口径" in posting[0].message


def _variants(digits: str) -> list[str]:
    if "." in digits:
        n = len(digits.split(".")[1])
        v = float(digits)
        out = [f"{v + 1:.{n}f}", f"{v * 10:.{n}f}"]
    else:
        v = int(digits)
        out = [str(v + 1), str(v * 10)] + ([str(v - 1)] if v > 0 else [])
    if len(digits) >= 2 and digits[0] != digits[1] and digits[1] not in ".0":
        out.append(digits[1] + digits[0] + digits[2:])
    return out


@pytest.mark.parametrize("name", REPORTS)
def test_changed_number_in_text_contradicts(name):
    _, report, text = load(name)
    verified = {c.start: c for c in bind_claims(text, report) if c.status == "verified"}
    assert verified
    for start, c in verified.items():
        m = re.search(r"\d+(?:\.\d+)?", text[c.start:c.end])
        a, b = start + m.start(), start + m.end()
        for new in _variants(m.group(0)):
            mutated = text[:a] + new + text[b:]
            hits = [x for x in bind_claims(mutated, report) if x.start == start]
            assert any(x.status == "contradicts" for x in hits), (c.text, new)


# the verified claims bound to a single non-percent cell, per report (each is changed by one below)
SINGLE_CELL_CLAIMS = {"001_changsha_furongqu_2021": 1, "002_huaian_shi_2024": 15, "005_suqian_shuyangxian_2025": 6,
                      "010_pingtan_2021": 3}


@pytest.mark.parametrize("name", REPORTS)
def test_changed_table_cell_contradicts(name):
    _, report, text = load(name)
    checked = 0
    for c in bind_claims(text, report):
        if c.status != "verified" or not c.cell or "分项" in c.cell or "%" in c.cell:
            continue
        first = c.cell.split(" + ")[0]
        ref = CellRef.parse(first)
        changed = Report.from_interchange(report.to_interchange())
        changed.set(ref, (changed.get(ref) or 0) + 1)
        hits = [x for x in bind_claims(text, changed) if x.start == c.start]
        assert any(x.status == "contradicts" and x.expected != c.value for x in hits), c.text
        checked += 1
    assert checked == SINGLE_CELL_CLAIMS[name]


def _report(**cells):
    r = Report.blank()
    for cid, v in cells.items():
        r.set(CellRef.parse(cid), v)
    return r


NEW = CellRef("table3", L.R_NEW, "总计").id
CARRIED = CellRef("table3", L.R_CARRIED_IN, "总计").id
TOTAL = CellRef("table3", L.R_TOTAL, "总计").id
OUT = CellRef("table3", L.R_CARRIED_OUT, "总计").id


def one(text, report, value, facts=None):
    found = [c for c in bind_claims(text, report, facts) if c.value == value]
    assert found, f"no claim for {value} in {text}"
    return found[0]


def test_received_accepts_new_or_new_plus_carried():
    r = _report(**{NEW: 713, CARRIED: 36, TOTAL: 718, OUT: 31})
    assert one("全县共受理政府信息公开申请749件。", r, 749).status == "verified"
    assert one("全县共受理政府信息公开申请713件。", r, 713).status == "verified"
    bad = one("全县共受理政府信息公开申请750件。", r, 750)
    assert (bad.status, bad.severity, bad.expected) == ("contradicts", "error", 713)
    assert "713" in bad.message and "750" in bad.message


def test_answered_and_carried_out_by_context():
    r = _report(**{NEW: 70, CARRIED: 0, TOTAL: 69, OUT: 1})
    claims = bind_claims("本年度共收到70件申请，办结69件，2件结转下年度继续办理。", r)
    assert [(c.value, c.status) for c in claims] == [(70, "verified"), (69, "verified"), (2, "contradicts")]
    assert claims[2].cell == OUT and claims[2].expected == 1


def test_narrowed_scope_is_compared_but_never_contradicts():
    """A department's own count is not the tables' whole-year figure: equal → verified, different → unverifiable
    (with the whole-year value in the reason), never a contradiction."""
    r = _report(**{NEW: 70, CARRIED: 0, TOTAL: 69, OUT: 1})
    c = one("区政府办公室全年受理政府信息公开申请17件。", r, 17)
    assert (c.status, c.severity) == ("unverifiable", "info")
    assert "限定了部门" in c.message and "70" in c.message
    assert one("区政府办公室全年受理政府信息公开申请70件。", r, 70).status == "verified"


def test_result_groups_and_derived_sum():
    r = _report(**{NEW: 10, CARRIED: 0, TOTAL: 10, OUT: 0})
    r.set(CellRef("table3", f"{L.R_RESULTS}/{L.G_PUBLIC}", "总计"), 6)
    r.set(CellRef("table3", f"{L.R_RESULTS}/{L.G_PARTIAL}", "总计"), 2)
    withheld = L.t3_groups()[L.G_WITHHELD]
    r.set(CellRef("table3", withheld[0], "总计"), 1)
    r.set(CellRef("table3", withheld[3], "总计"), 1)
    for p in withheld[1:3] + withheld[4:]:
        r.set(CellRef("table3", p, "总计"), 0)
    claims = bind_claims("收到申请10件，其中予以公开6件，部分公开2件，不予公开2件。", r)
    assert [c.status for c in claims if c.value in (6, 2)] == ["verified"] * 3
    assert one("申请中予以公开和部分公开共8件。", r, 8).status == "verified"
    rate = one("政府信息公开申请的公开率为80%。", r, 80)
    assert rate.status == "verified"
    assert one("政府信息公开申请的公开率为85%。", r, 85).status == "contradicts"


def test_review_and_litigation():
    r = Report.blank()
    r.table4 = {L.T4_REVIEW: [1, 0, 2, 0, 3], L.T4_SUIT_DIRECT: [0, 0, 0, 1, 1], L.T4_SUIT_AFTER: [1, 0, 0, 0, 1]}
    assert one("发生政府信息公开行政复议3件，行政诉讼2件。", r, 3).status == "verified"
    assert one("发生政府信息公开行政复议3件，行政诉讼2件。", r, 2).status == "verified"
    assert one("相关行政复议、行政诉讼案件共5件。", r, 5).status == "verified"
    c = one("行政复议4件，其中结果维持1件。", r, 4)
    assert c.status == "contradicts" and c.cell == CellRef("table4", L.T4_REVIEW, "总计").id
    text = "行政诉讼2件，其中结果维持2件。"
    kept = [x for x in bind_claims(text, r) if x.start == text.index("维持") + 2]
    assert kept and kept[0].status == "contradicts" and kept[0].expected == 1


def test_table2_fee_units():
    r = Report.blank()
    r.table2[L.T2_FEE] = 3199
    assert one("收取行政事业性收费3199万元。", r, 3199).status == "verified"
    assert one("收取行政事业性收费31990000元。", r, 31990000).status == "verified"
    wrong_unit = one("收取行政事业性收费3199元。", r, 3199)
    assert wrong_unit.status == "contradicts" and "单位" in wrong_unit.message
    assert one("全年收取信息处理费380元。", r, 380).status == "unverifiable"


def test_breakdown_must_add_up():
    r = Report.blank()
    ok = one("网站共发布信息100条，其中动态60条，公告40条。", r, 100)
    assert ok.status == "verified" and ok.expected == 100
    over = one("网站共发布信息100条，其中动态70条，公告40条。", r, 100)
    assert (over.status, over.severity, over.expected) == ("contradicts", "warning", 110)  # N-2: warning
    short = one("网站共发布信息100条，其中动态50条，公告40条。", r, 100)
    assert (short.status, short.severity) == ("contradicts", "warning")


def test_percent_list_must_sum_to_100():
    r = Report.blank()
    ok = bind_claims("调查中，其中通过网站占50.5%，通过新媒体占30.25%，其它占19.25%。", r)
    assert [c.status for c in ok] == ["verified"] * 3
    bad = bind_claims("调查中，其中通过网站占50.5%，通过新媒体占31.25%，其它占19.25%。", r)
    assert all(c.status == "contradicts" for c in bad) and "100%" in bad[0].message


def test_user_facts():
    facts = FactSheet.from_data({"政府网站发布信息": "6352条", "政务新媒体账号": 95})
    r = Report.blank()
    c = one("我区政府门户网站共发布各类信息6352条。", r, 6352, facts)
    assert (c.status, c.fact) == ("verified", "F1")
    c = one("我区政府网站发布信息6353条。", r, 6353, facts)
    assert (c.status, c.fact, c.expected) == ("contradicts", "F1", 6352)
    c = one("全年组织4次检查。", r, 4, facts)
    assert c.status == "unverifiable" and c.fact is None


def test_blank_table_cell_is_unverifiable_with_advice():
    c = one("本年共收到政府信息公开申请70件。", Report.blank(), 70)
    assert c.status == "unverifiable" and "补全" in c.message


def test_bad_input():
    assert bind_claims("", Report.blank()) == []
    assert bind_claims("没有任何数字的一段话。", Report.blank()) == []
    assert bind_claims("\x00\ufffd 共收到 申请 件", Report.blank()) == []


def test_parsed_sections_give_the_same_verdicts():
    for name in REPORTS:
        truth, report, _ = load(name)
        parsed = parse.parse_file(FIXTURES / f"{name}.txt")
        claims = [c for k, t in parsed.sections.items() for c in bind_claims(t, report)]
        assert not [c for c in claims if c.status == "contradicts"], name
        got = {c.value for c in claims if c.status == "verified"}
        for tc in truth["narrative_claims"]:
            if tc["consistent"]:
                assert set(tc["value"] if isinstance(tc["value"], list) else [tc["value"]]) <= got, tc["claim"]


def test_single_result_rows_and_table2_columns():
    _, report, _ = load("002_huaian_shi_2024")
    claims = bind_claims("因申请人逾期未按收费通知要求缴纳费用而不再处理的申请6件。其中本机关不掌握相关政府信息的770件，"
                         "重复申请25件。", report)
    by_value = {c.value: c for c in claims}
    assert by_value[6].status == "verified" and "缴纳费用" in by_value[6].cell
    assert by_value[770].status == "contradicts" and by_value[770].expected == 769
    assert by_value[25].status == "verified"
    t2 = bind_claims("本年制发规范性文件8件，废止26件，现行有效67件。", report)
    assert [(c.value, c.status) for c in t2] == [(8, "verified"), (26, "verified"), (67, "contradicts")]


def test_carry_over_phrase_wins_on_the_right_and_previous_sentence_gives_the_subject():
    r = _report(**{NEW: 139, CARRIED: 0, TOTAL: 136, OUT: 3})
    claims = bind_claims("收到申请139件，已办结136件，3件因在法定答复期内结转至2022年办理。", r)
    assert [c.status for c in claims] == ["verified"] * 3 and claims[2].cell == OUT
    r.set(CellRef("table3", f"{L.R_RESULTS}/{L.G_PUBLIC}", "总计"), 25)
    claims = bind_claims("全年共收到政府信息公开申请139件。其中，予以公开26件。", r)
    assert claims[1].status == "contradicts" and claims[1].expected == 25


def test_hotline_and_year_on_year_numbers_are_not_bound():
    r = _report(**{NEW: 139, CARRIED: 0, TOTAL: 136, OUT: 3})
    claims = bind_claims("政务热线共受理工单54006件，办结52363件，按时办结率100%。收到申请139件，比上年增加20件。", r)
    assert [c.status for c in claims] == ["unverifiable", "unverifiable", "unverifiable", "verified", "unverifiable"]
    rate = one("申请办结率100%。", r, 100)
    assert rate.status == "unverifiable" and "97.84" in rate.message


from hypothesis import given, settings
from hypothesis import strategies as st

_WORDS = ["共收到申请", "办结", "答复", "结转下年度", "上年结转", "行政复议", "行政诉讼", "其中", "维持", "予以公开",
          "规范性文件", "行政事业性收费", "热线", "，", "。", "；", "\n", "12", "3", "0", "件", "条", "万元", "元", "%", "其他"]


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30))
def test_any_narrative_binds_without_crashing(words):
    _, report, _ = load("002_huaian_shi_2024")
    text = "".join(words)
    claims = bind_claims(text, report)
    numbers = {m.start for m in extract_numbers(text)}
    assert {c.start for c in claims} == numbers  # every number gets a claim, nothing invented
    for c in claims:
        assert c.message and re.search(r"[\u4e00-\u9fff]", c.message)
        assert (c.status == "contradicts") == (c.severity in ("error", "warning"))


def test_pdfminer_text_with_blank_lines_gives_the_same_verdicts():
    _, report, text = load("002_huaian_shi_2024")
    other = narrative((FIXTURES / "002_huaian_shi_2024.pdfminer.txt").read_text("utf-8"))
    assert "\n\n" in other
    verdict = lambda t: sorted((c.value, c.status, c.cell) for c in bind_claims(t, report))
    assert verdict(other) == verdict(text)


def test_posting_counts_of_rules_are_not_contradictions():
    r = Report.blank()
    for col, v in (("本年制发件数", 5), ("本年废止件数", 4), ("现行有效件数", 120)):
        r.set(CellRef("table2", "规章", col), v)
    text = "主动公开市政府规章13件(含新制定5件,修改4件,废止4件)，主动公开行政规范性文件42件。"
    got = [(c.value, c.status) for c in bind_claims(text, r)]
    # 13 = 5 + 4 + 4: the bracket is its breakdown, and it adds up; the posting count itself is not 本年制发
    assert got == [(13, "verified"), (5, "verified"), (4, "unverifiable"), (4, "verified"), (42, "unverifiable")]
    assert "分项" in bind_claims(text, r)[0].message
    assert bind_claims("新制定市政府规章6件。", r)[0].status == "contradicts"
