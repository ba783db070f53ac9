"""report.model pinned where the mutation bench (bench/mutation_score.py) found no test looking: the identities
as declared data, the interchange round trip of every Report field, CellRef construction errors, the number
formatter on bools and tiny floats, Finding.public, the lookups the parser uses."""

from __future__ import annotations

import json

import pytest

from report.model import CellRef, Finding, Report, fmt_number
from report.model import labels as L
from report.model.identities import SPEC, evaluate, identities, row_lookup, table3_lookup
from report.model.tables import Diagnostic


# ---------------------------------------------------------------- the identities as data
def _ids(refs) -> list[str]:
    return [r.id for r in refs]


@pytest.mark.parametrize("template", [L.TEMPLATE_2021, L.TEMPLATE_2019])
def test_declared_identities_cell_by_cell(template):
    ids = identities(template)
    rows = L.t3_rows(template)
    assert [i.code for i in ids] == ["T3-A"] * 7 + ["T3-B"] * 7 + ["T3-C"] * len(rows) + ["T4-A", "T4-B", "T4-C"]
    for i, col in zip(ids[:7], L.T3_COLUMNS):
        assert i.scope == col and i.spec == f"{SPEC} T3-A（official: 表三勾稽关系说明）"
        assert _ids(i.lhs) == [f"表三/{L.R_NEW}/{col}", f"表三/{L.R_CARRIED_IN}/{col}"]
        assert _ids(i.rhs) == [f"表三/{L.R_TOTAL}/{col}", f"表三/{L.R_CARRIED_OUT}/{col}"]
    for i, col in zip(ids[7:14], L.T3_COLUMNS):
        assert i.scope == col and i.spec == f"{SPEC} T3-B（template-implied: （七）总计）"
        assert _ids(i.lhs) == [f"表三/{L.R_TOTAL}/{col}"]
        assert _ids(i.rhs) == [f"表三/{r}/{col}" for r in L.t3_result_rows(template)]
    for i, row in zip(ids[14:-3], rows):
        assert i.scope == row and i.spec == f"{SPEC} T3-C（template-implied: 总计列）"
        assert _ids(i.lhs) == [f"表三/{row}/总计"]
        assert _ids(i.rhs) == [f"表三/{row}/{c}" for c in L.T3_APPLICANT_COLUMNS]
    for i, group in zip(ids[-3:], L.T4_GROUPS):
        assert i.scope == group and i.spec == f"{SPEC} {i.code}（template-implied: 总计）"
        assert _ids(i.lhs) == [f"表四/{group}/总计"]
        assert _ids(i.rhs) == [f"表四/{group}/{c}" for c in ("结果维持", "结果纠正", "其他结果", "尚未审结")]


def test_lookups_over_rows_and_tables():
    ref = CellRef.t3(L.R_NEW, "自然人")
    assert table3_lookup({L.R_NEW: [4, 5]})(ref) == 4
    assert table3_lookup({L.R_NEW: [4, 5]})(ref.with_column("总计")) is None  # the row is short
    assert table3_lookup({})(ref) is None
    assert table3_lookup({L.R_NEW: [4]})(CellRef("table3", L.R_NEW)) is None  # a row reference has no index
    assert row_lookup(L.R_NEW, [1, 2, 3, 4, 5, 6, 21])(ref.with_column("总计")) == 21
    assert row_lookup(L.R_NEW, [1])(ref.with_column("商业企业")) is None
    out = evaluate(identities()[0], table3_lookup({L.R_NEW: [3] * 7, L.R_CARRIED_IN: [1] * 7,
                                                   L.R_TOTAL: [2] * 7, L.R_CARRIED_OUT: [2] * 7}))
    assert out.status == "holds"


# ---------------------------------------------------------------- Report: interchange round trip, blank
def _full_report() -> Report:
    r = Report.blank(agency="某县人民政府", year=2024, title="某县人民政府2024年政府信息公开工作年度报告")
    r.sections = dict(dict.fromkeys(L.SECTION_KEYS, ""), 一="总体情况。", 五="存在的问题。")
    r.preamble = "本报告由某县人民政府办公室编制。"
    r.closing = "某县人民政府\n2025年1月20日"
    r.set(CellRef.t3(L.R_NEW, "自然人"), 12)
    r.set(CellRef.t2("行政许可"), 18651.06)
    r.set(CellRef.t4(L.T4_REVIEW, "结果维持"), 3)
    r.diagnostics = [Diagnostic(code="x", severity="warning", message="提示", where="表三", cells=["表三/二、上年结转政府信息公开申请数量/总计"])]
    return r

def test_interchange_round_trip_keeps_every_field():
    """Every field through the interchange dict and through its JSON text, the 落款 in the spec's shape
    (``{"signed_by", "date"}``, shared/spec/interchange.md), with no ``closing_text`` when the two lines are all."""
    r = _full_report()
    data = r.to_interchange()
    assert set(data) == {"schema", "agency", "year", "template", "sections", "table2", "table3_columns", "table3",
                         "table4", "diagnostics", "title", "preamble", "closing"}
    assert {k: data[k] for k in ("schema", "agency", "year", "template", "title", "preamble", "closing", "sections")} == {
        "schema": L.SCHEMA, "agency": "某县人民政府", "year": 2024, "template": L.TEMPLATE_2021,
        "title": "某县人民政府2024年政府信息公开工作年度报告", "preamble": "本报告由某县人民政府办公室编制。",
        "closing": {"signed_by": "某县人民政府", "date": "2025年1月20日"},
        "sections": dict(dict.fromkeys(L.SECTION_KEYS, ""), 一="总体情况。", 五="存在的问题。")}
    assert data["table3_columns"] == list(L.T3_COLUMNS)
    assert data["table3"][L.R_NEW] == [12, None, None, None, None, None, None]
    assert data["table2"]["行政许可"] == 18651.06 and data["table4"][L.T4_REVIEW] == [3, None, None, None, None]
    assert data["diagnostics"] == [{"code": "x", "severity": "warning", "message": "提示", "where": "表三",
                                    "cells": ["表三/二、上年结转政府信息公开申请数量/总计"], "readings": []}]
    text = r.to_json()
    assert json.loads(text) == data
    assert "某县" in text and "\\u" not in text  # Chinese as written, not escaped
    for back in (Report.from_interchange(data), Report.from_interchange(text)):
        assert back == r
        assert back.to_interchange() == data
        assert back.closing == "某县人民政府\n2025年1月20日" and back.signature == data["closing"]


def test_interchange_closing_with_more_than_the_two_lines_keeps_its_text():
    r = _full_report()
    r.closing = "联系电话：0731-12345678\n某县人民政府\n2025年1月20日"
    data = r.to_interchange()
    assert data["closing"] == {"signed_by": "某县人民政府", "date": "2025年1月20日"}
    assert data["closing_text"] == r.closing
    assert Report.from_interchange(json.loads(r.to_json())).closing == r.closing
    # the spec's object alone (another tool's JSON) gives the two lines; a date only gives one
    assert Report.from_interchange({"closing": {"signed_by": "某局", "date": "2025年2月1日"}}).closing == "某局\n2025年2月1日"
    assert Report.from_interchange({"closing": {"signed_by": None, "date": "2025年2月1日"}}).closing == "2025年2月1日"
    assert Report.from_interchange({"closing": "某局\n2025年2月1日"}).closing == "某局\n2025年2月1日"  # older files


def test_interchange_leaves_out_what_is_not_there():
    data = Report.blank().to_interchange()
    assert "title" not in data and "preamble" not in data and "closing" not in data
    back = Report.from_interchange({"table3": {}})
    assert (back.title, back.preamble, back.closing, back.sections, back.template) == (None, "", "", dict.fromkeys(L.SECTION_KEYS, ""), L.TEMPLATE_2021)


def test_template_read_from_format_key_and_from_the_row_count():
    assert Report.from_interchange({"format": "国办公开办函〔2019〕号 试行格式"}).template == L.TEMPLATE_2019
    assert Report.from_interchange({"format": "2021"}).template == L.TEMPLATE_2021
    rows19 = {p: [0] * 7 for p in L.t3_rows(L.TEMPLATE_2019)}
    assert len(rows19) == 23
    back = Report.from_interchange({"table3": rows19})
    assert back.template == L.TEMPLATE_2019 and list(back.table3) == list(rows19)
    assert Report.from_interchange({"template": L.TEMPLATE_2019, "format": "2021"}).template == L.TEMPLATE_2019


def test_table2_shape_follows_its_own_keys():
    t2_2019 = {"规范性文件": {"本年新制作数量": 1}}
    r = Report.from_interchange({"template": L.TEMPLATE_2021, "table2": t2_2019})
    assert r.table2.keys() == Report.blank(L.TEMPLATE_2019).table2.keys()
    r = Report.from_interchange({"template": L.TEMPLATE_2019, "table2": {"行政规范性文件": {"本年制发件数": 2}}})
    assert r.table2.keys() == Report.blank().table2.keys() and r.table2["行政规范性文件"]["本年制发件数"] == 2
    assert Report.from_interchange({"template": L.TEMPLATE_2019}).table2.keys() == Report.blank(L.TEMPLATE_2019).table2.keys()


def test_blank_report_of_each_template():
    r19 = Report.blank(L.TEMPLATE_2019)
    assert r19.template == L.TEMPLATE_2019 and list(r19.table3) == list(L.t3_rows(L.TEMPLATE_2019))
    assert "规范性文件" in r19.table2 and "行政规范性文件" not in r19.table2
    assert all(v is None for _, v in r19.cells())


def test_report_text_has_titles_and_sections_in_order():
    r = _full_report()
    text = r.text()
    assert text.startswith("本报告由某县人民政府办公室编制。\n" + L.SECTION_TITLES["一"] + "\n总体情况。")
    assert text.index(L.SECTION_TITLES["五"]) < text.index("存在的问题。") < text.index("某县人民政府\n2025")
    assert r.unread_cells() == frozenset({CellRef.t3(L.R_CARRIED_IN)})


# ---------------------------------------------------------------- CellRef
@pytest.mark.parametrize(("args", "message"), [
    (("table9", "x"), "未知的表格：table9"),
    (("table3", ""), "单元格编号缺少行名"),
    (("table2", "行政/许可"), "表二的行名不含“/”：行政/许可"),
    (("table3", L.R_NEW, "外国人"), "表三没有“外国人”列"),
])
def test_cellref_refuses_what_names_no_cell(args, message):
    with pytest.raises(KeyError) as exc:
        CellRef(*args)
    assert exc.value.args == (message,)


def test_cellref_constructors_and_parse():
    assert CellRef.t2("行政许可") == CellRef("table2", "行政许可", None)
    assert CellRef.t2("规章", "本年制发件数").id == "表二/规章/本年制发件数"
    assert CellRef.parse("表四/行政复议") == CellRef("table4", "行政复议", None)
    assert CellRef.parse(f"表三/{L.R_NEW}") == CellRef("table3", L.R_NEW, None)
    assert CellRef.t3(L.R_NEW).with_column("自然人") == CellRef("table3", L.R_NEW, "自然人")
    for bad in ("表三", "表三/", "表九/x"):
        with pytest.raises(KeyError) as exc:
            CellRef.parse(bad)
        assert exc.value.args == (f"不是有效的单元格编号：{bad}",)


# ---------------------------------------------------------------- fmt_number, Finding.public
@pytest.mark.parametrize(("x", "text"), [
    (True, "1"), (False, "0"), (12.0, "12"), (18651.06, "18651.06"), (1e-07, "0.0000001"), (2.5, "2.5"),
    (24252.311082, "24252.311082"), (1e20, "100000000000000000000"), (7, "7"), (None, "空白"),
])
def test_fmt_number(x, text):
    assert fmt_number(x) == text


def test_fmt_number_blank_inside_tables():
    assert fmt_number(None, blank="") == ""


def test_finding_public_is_the_six_agreed_fields():
    f = Finding(rule="T3-A", severity="error", where="表三/自然人列", expected=5, actual=6, message="不平衡",
                cells=["表三/一、本年新收政府信息公开申请数量/自然人"])
    assert f.public() == {"rule": "T3-A", "severity": "error", "where": "表三/自然人列", "expected": 5, "actual": 6,
                          "message": "不平衡"}
    assert json.loads(json.dumps(f.public(), ensure_ascii=False)) == f.public()
