import json
import random
import re

import pytest

from bench.runtogether_accuracy import SYNTH_TRUTHS, load_truth, measure, render_runtogether
from conftest import FIXTURES
from report.model import labels as L
from report.parse.crawler.tables import looks_runtogether, parse_runtogether_tables

PINGTAN = FIXTURES / "010_pingtan_2021.txt"
T3_FIVE = f"{L.R_RESULTS}/{L.G_WITHHELD}/5.属于三类内部事务信息"


def pingtan_text() -> str:
    return PINGTAN.read_text(encoding="utf-8")


def pingtan_truth() -> dict:
    return json.loads((FIXTURES / "truth" / "010_pingtan_2021.json").read_text(encoding="utf-8"))


def _diags(res, code=None, where_prefix=""):
    return [d for d in res.diagnostics if (code is None or d.code == code) and (d.where or "").startswith(where_prefix)]


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# ------------------------------------------------------------------ the real page
def test_pingtan_page_gives_exactly_the_truth_tables():
    res = parse_runtogether_tables(pingtan_text())
    truth = pingtan_truth()
    assert res is not None and res.template == L.TEMPLATE_2021
    assert res.table2 == truth["table2"]
    assert res.table3 == truth["table3"]
    assert res.table4 == truth["table4"]
    assert not [d for d in res.diagnostics if d.severity == "error"]


def test_pingtan_ambiguous_document_row_is_flagged_with_alternatives():
    res = parse_runtogether_tables(pingtan_text())
    amb = _diags(res, "ambiguous_split", "表二/行政规范性文件")
    assert len(amb) == 1 and amb[0].severity == "warning"
    assert "69|3|665" in amb[0].message and "6|93|665" in amb[0].message
    assert re.search(r"[\u4e00-\u9fff]{4}", amb[0].message)
    # table 4 and table 3 have exactly one split that satisfies every identity: nothing to flag there
    assert not _diags(res, "ambiguous_split", "表四") and not _diags(res, "ambiguous_split", "表三")


def test_label_spelling_variants_give_the_same_tables():
    text = pingtan_text()
    variant = (text.replace("（", "(").replace("）", ")").replace("“", "").replace("”", "")
               .replace("、", "，"))
    variant = re.sub(r"(\d)\.(?=[\u4e00-\u9fff])", r"\1、", variant)  # 1.属于… -> 1、属于…
    variant = variant.replace("一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量\n")
    variant = variant.replace("640020470", "6400 20470")  # a stray space inside a run
    res = parse_runtogether_tables(variant)
    truth = pingtan_truth()
    assert res is not None
    assert (res.table2, res.table3, res.table4) == (truth["table2"], truth["table3"], truth["table4"])


@pytest.mark.parametrize("old,new", [
    ("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"),  # typo seen in published reports
    ("00000002.其他法律", "00000002其他法律"),  # item number without its dot touches the previous row
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),  # shortened label
])
def test_damaged_labels_still_give_the_truth(old, new):
    res = parse_runtogether_tables(_replace_once(pingtan_text(), old, new))
    assert res.table3 == pingtan_truth()["table3"]


def test_row_with_no_digits_is_blank_and_reported():
    row = f"{L.R_RESULTS}/{L.G_WITHHELD}/1.属于国家秘密"
    res = parse_runtogether_tables(_replace_once(pingtan_text(), "1.属于国家秘密0000000", "1.属于国家秘密"))
    assert res.table3[row] == [None] * 7
    assert _diags(res, "row_not_found", f"表三/{row}")
    truth = pingtan_truth()["table3"]
    assert all(res.table3[r] == truth[r] for r in truth if r != row)


# ------------------------------------------------------------------ detection
@pytest.mark.parametrize("name", ["001_changsha_furongqu_2021.txt", "002_huaian_shi_2024.txt",
                                  "002_huaian_shi_2024.pdfminer.txt", "005_suqian_shuyangxian_2025.txt"])
def test_reports_with_cell_delimiters_are_not_run_together(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert not looks_runtogether(text)
    assert parse_runtogether_tables(text) is None


def test_text_without_tables_is_not_run_together():
    assert parse_runtogether_tables("") is None
    assert parse_runtogether_tables("本年度共收到政府信息公开申请70件，本年新收政府信息公开申请数量较上年增加。") is None
    assert looks_runtogether(pingtan_text())


# ------------------------------------------------------------------ synthetic reports
@pytest.mark.parametrize("name", SYNTH_TRUTHS)
def test_truth_tables_rendered_run_together_are_recovered_or_flagged(name):
    truth = load_truth(name)
    for seed in range(5):
        text = render_runtogether(truth, random.Random(seed), space_rate=0.3)
        res = parse_runtogether_tables(text)
        assert res is not None
        for table in ("table3", "table4"):
            for row, want in truth[table].items():
                got = getattr(res, table)[row]
                if got != want:
                    assert _diags(res, None, f"{L.TABLE_NAMES[table]}/{row}") or _diags(res, None, "表四"), row
        for row, want in truth["table2"].items():
            if res.table2[row] != want:
                assert _diags(res, "ambiguous_split", f"表二/{row}"), row


def test_synthetic_exact_recovery_rate():
    figures = measure(n=120, seed=11)
    for name, m in figures.items():
        print(f"{name}: exact {m['exact']:.2%}, None {m['undetermined']:.2%}, wrong-but-flagged "
              f"{m['wrong_flagged']:.2%}, wrong-silent {m['wrong_silent']:.2%}, {m['ms_per_report']:.1f} ms/report")
        assert m["exact"] >= 0.95, name
        assert m["wrong_silent"] == 0, name
        assert m["ms_per_report"] < 50, name


def test_2019_format_table3_is_recognised():
    truth = pingtan_truth()
    rows = dict(truth["table3"])
    other = [0, 0, 0, 0, 0, 0, 0]
    for path in L.T3_GROUPS_2021[L.G_OTHER]:
        other = [a + b for a, b in zip(other, rows.pop(path))]
    t3 = {r: rows[r] if r in rows else other for r in L.T3_ROWS_2019}
    data = {**truth, "table3": t3}
    res = parse_runtogether_tables(render_runtogether(data))
    assert res.template == L.TEMPLATE_2019
    assert res.table3 == t3 and res.table4 == truth["table4"]
    # 表二 keeps its own (2021) format: its headers say so, whatever the format of 表三
    assert res.table2 == truth["table2"]


# ------------------------------------------------------------------ ambiguity and failure
def test_table4_split_that_identities_cannot_decide_is_flagged():
    truth = pingtan_truth()
    truth["table4"][L.T4_REVIEW] = [10, 1, 0, 0, 11]  # renders as 1010011, exactly like 1|0|10|0|11
    res = parse_runtogether_tables(render_runtogether(truth))
    assert res.table4[L.T4_REVIEW] == [10, 1, 0, 0, 11]
    amb = _diags(res, "ambiguous_split", "表四")
    assert len(amb) == 1 and amb[0].severity == "warning" and "1|0|10|0|11" in amb[0].message


def test_table3_split_that_identities_cannot_decide_is_flagged():
    truth = pingtan_truth()
    t3 = truth["table3"]
    # 11|0 and 1|10 in the 社会公益组织/法律服务机构 columns render the same in every affected row
    for row in (L.R_NEW, f"{L.R_RESULTS}/{L.G_PUBLIC}", L.R_TOTAL):
        t3[row][3] += 9
        t3[row][6] += 9
    res = parse_runtogether_tables(render_runtogether(truth))
    amb = _diags(res, "ambiguous_split", "表三")
    assert {d.where for d in amb} == {f"表三/{r}" for r in (L.R_NEW, f"{L.R_RESULTS}/{L.G_PUBLIC}", L.R_TOTAL)}
    for row in (L.R_NEW, L.R_TOTAL):
        # both readings pass every identity: applicant_row_score keeps 1|10 (the more plausible spread), flagged above
        assert (t3[row][3:5], res.table3[row][3:5]) == ([11, 0], [1, 10])
    assert all(res.table3[r] == t3[r] for r in t3 if r not in (L.R_NEW, f"{L.R_RESULTS}/{L.G_PUBLIC}", L.R_TOTAL))


def test_row_that_cannot_satisfy_its_sum_is_left_blank_with_an_error():
    text = _replace_once(pingtan_text(), "申请数量640020470", "申请数量64002047")
    res = parse_runtogether_tables(text)
    truth = pingtan_truth()["table3"]
    assert res.table3[L.R_NEW] == [None] * 7
    errors = _diags(res, "unsplittable_run", f"表三/{L.R_NEW}")
    assert errors and errors[0].severity == "error" and "64002047" in errors[0].message
    assert _diags(res, "identities_unchecked", "表三")
    # the sum of the result rows still decides 27|0|0|2|0|1|30 against 2|7|0|0|20|1|30
    assert all(res.table3[r] == truth[r] for r in truth if r != L.R_NEW)


def test_undecidable_cells_stay_none_when_the_total_row_is_unreadable():
    text = _replace_once(pingtan_text(), "（七）总计630020469", "（七）总计63002046")
    res = parse_runtogether_tables(text)
    truth = pingtan_truth()["table3"]
    assert res.table3[L.R_TOTAL] == [None] * 7
    assert _diags(res, "unsplittable_run", f"表三/{L.R_TOTAL}")[0].severity == "error"
    public = res.table3[f"{L.R_RESULTS}/{L.G_PUBLIC}"]  # 27|0|0|2|0|1|30 or 2|7|0|0|20|1|30: not guessed
    assert public == [None, None, 0, None, None, 1, 30]
    assert _diags(res, "ambiguous_split", f"表三/{L.R_RESULTS}/{L.G_PUBLIC}")
    for row, vals in res.table3.items():
        assert all(v is None or v == w for v, w in zip(vals, truth[row])), row


def test_blank_rows_stay_none_and_do_not_block_the_identities():
    row = f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/3.要求提供公开出版物"
    text = _replace_once(pingtan_text(), "3.要求提供公开出版物0000000", "3.要求提供公开出版物/ / / / / / /")
    res = parse_runtogether_tables(text)
    truth = pingtan_truth()["table3"]
    assert res.table3[row] == [None] * 7
    assert all(res.table3[r] == truth[r] for r in truth if r != row)
    mixed = _replace_once(pingtan_text(), "8.属于行政查询事项1000001", "8.属于行政查询事项1—————1")
    res = parse_runtogether_tables(mixed)
    assert res.table3[f"{L.R_RESULTS}/{L.G_WITHHELD}/8.属于行政查询事项"] == [None] * 7
    assert _diags(res, "blank_cells", f"表三/{L.R_RESULTS}/{L.G_WITHHELD}/8.")[0].severity == "warning"


def test_table_that_breaks_the_column_identity_keeps_only_agreed_cells():
    text = _replace_once(pingtan_text(), "继续办理1000001", "继续办理2000002")
    res = parse_runtogether_tables(text)
    truth = pingtan_truth()["table3"]
    errors = _diags(res, "identity_unsatisfied", "表三")
    assert errors and errors[0].severity == "error"
    assert res.table3[L.R_CARRIED_OUT] == [2, 0, 0, 0, 0, 0, 2]
    for row, vals in res.table3.items():
        if row != L.R_CARRIED_OUT:
            assert all(v is None or v == w for v, w in zip(vals, truth[row])), row


def test_unsplittable_table4_is_blank_with_an_error():
    text = _replace_once(pingtan_text(), "总计10203120001200000", "总计1020312000120000")
    res = parse_runtogether_tables(text)
    assert all(v is None for g in L.T4_GROUPS for v in res.table4[g])
    assert _diags(res, "unsplittable_run", "表四")[0].severity == "error"


# ------------------------------------------------------------------ bad input never crashes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts=st.lists(st.tuples(st.integers(0, 1500), st.integers(0, 40), st.text("0123456789/ .、（）", max_size=12)),
                     max_size=6))
def test_mangled_pages_keep_the_shapes_and_never_crash(cuts):
    text = pingtan_text()
    base = text.index("二、主动公开政府信息情况")
    for pos, length, insert in cuts:
        i = base + pos
        text = text[:i] + insert + text[i + length :]
    res = parse_runtogether_tables(text)
    if res is None:
        return
    assert set(res.table3) == set(L.t3_rows(res.template))
    assert all(len(v) == 7 and all(x is None or (isinstance(x, int) and x >= 0) for x in v) for v in res.table3.values())
    assert set(res.table4) == set(L.T4_GROUPS) and all(len(v) == 5 for v in res.table4.values())
    assert all(d.message and re.search(r"[\u4e00-\u9fff]", d.message) for d in res.diagnostics)
