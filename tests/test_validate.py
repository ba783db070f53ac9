"""validate(): every rule together, sorted, on the truths, parsed fixtures and mutated copies."""

import json

import pytest

from conftest import FIXTURES
from report import parse
from report.model import CellRef
from report.model import labels as L
from report.model.findings import Finding
from report.model.tables import Diagnostic, Report
from report.rules.validate import summarise, validate

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))
TABLE_PREFIXES = ("表二", "表三", "表四")


def truth(path) -> Report:
    return Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_truths_have_no_error_findings(path):
    found = validate(truth(path))
    assert [f for f in found if f.severity == "error"] == []
    assert [f for f in found if f.where.startswith(TABLE_PREFIXES)] == []
    assert [f.rule for f in found] == ["sections_missing"]  # the truths carry tables only


@pytest.mark.parametrize("name", ["001_changsha_furongqu_2021.txt", "002_huaian_shi_2024.txt",
                                  "005_suqian_shuyangxian_2025.txt", "010_pingtan_2021.txt"])
def test_parsed_published_reports_have_no_errors(name):
    r = parse.parse_file(FIXTURES / name)
    assert [f.line() for f in validate(r) if f.severity == "error"] == []


def test_sorted_by_severity_then_table_order():
    r = truth(TRUTHS[1])
    r.table4[L.T4_REVIEW][0] += 1                                   # 表四 error
    r.table3[L.R_NEW][0] += 1                                       # 表三 errors (row 一)
    r.table2["行政处罚"] = None                                      # 表二 blank: warning
    r.set(CellRef("table3", L.R_CARRIED_OUT, "其他"), None)     # 表三 blank: warning
    found = validate(r)
    sev = [f.severity for f in found]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)
    errors = [f.where.split("/")[0] for f in found if f.severity == "error"]
    assert errors.index("表四") > max(i for i, w in enumerate(errors) if w == "表三")
    warnings = [f.where for f in found if f.severity == "warning"]
    assert warnings == ["结构", CellRef("table2", "行政处罚").id, CellRef("table3", L.R_CARRIED_OUT, "其他").id]


def test_summarise_counts_by_severity():
    fs = [Finding(rule="a", severity="error", where="结构", message="x"),
          Finding(rule="b", severity="info", where="结构", message="y"),
          Finding(rule="c", severity="error", where="结构", message="z")]
    assert summarise(fs) == {"error": 2, "warning": 0, "info": 1, "total": 3}


def test_draft_mode_makes_blanks_errors():
    r = truth(TRUTHS[0])
    r.set(CellRef("table3", L.R_NEW, "科研机构"), None)
    assert [(f.rule, f.severity) for f in validate(r) if f.rule.startswith("blank")] == [("blank_cell", "warning")]
    assert [(f.rule, f.severity) for f in validate(r, mode="draft") if f.rule.startswith("blank")] == [
        ("blank_cell", "error")]
    with pytest.raises(ValueError, match="mode"):
        validate(r, mode="strict")


def test_parse_errors_become_findings_and_warnings_do_not():
    r = truth(TRUTHS[0])
    r.diagnostics = [Diagnostic(code="table3_unreadable", severity="error", message="表三无法识别", where="表三"),
                     Diagnostic(code="spam", severity="warning", message="广告文字")]
    found = validate(r)
    assert [(f.rule, f.severity, f.message) for f in found if f.rule.startswith("parse")] == [
        ("parse:table3_unreadable", "error", "表三无法识别")]


def test_cross_year_runs_only_with_previous():
    r = truth(TRUTHS[1])
    prev = r.model_copy(deep=True)
    prev.year = r.year - 1
    prev.table3[L.R_CARRIED_OUT] = [0] * 7
    assert not [f for f in validate(r) if f.rule == "carry_over"]
    carry = [f for f in validate(r, prev) if f.rule == "carry_over"]
    assert carry and all(f.severity == "error" for f in carry)
