"""Safe exports: text that starts with = + - @ never becomes a live formula in .xlsx/.csv; Markdown export shows
HTML as text and drops javascript: links."""

import csv
import json

import pytest
from openpyxl import load_workbook

from conftest import FIXTURES
from report import usecases as U
from report.export.markdown import safe_text, to_markdown
from report.export.xlsx import csv_safe, read_filled, write_template
from report.model import Report

EVIL = ['=HYPERLINK("http://127.0.0.1/x","点我")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"]


def truth() -> Report:
    return Report.from_interchange(json.loads((FIXTURES / "truth" / "001_changsha_furongqu_2021.json").read_text()))


@pytest.mark.parametrize("name", EVIL)
def test_template_writes_the_agency_as_text(tmp_path, name):
    report = truth()
    report.agency = name
    path = write_template(tmp_path / "t.xlsx", report)
    wb = load_workbook(path)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == name]
    assert cells and all(c.data_type == "s" for c in cells)
    assert read_filled(path).agency == name  # and it reads back as typed
    # the template's own check formulas are still formulas
    assert any(c.data_type == "f" for row in wb["表三"].iter_rows() for c in row)


def test_audit_summary_xlsx_and_csv_hold_no_formulas(tmp_path):
    entries = [{"file": EVIL[0], "display": EVIL[0], "error": "=2+2 无法读取"},
               {"file": "b.txt", "display": "b.txt", "report": {"agency": "=1+1", "year": 2024},
                "counts": {"error": 0, "warning": 0, "info": 0}, "findings": [], "parser_notes": "@x"}]
    xlsx = U.write_summary(entries, tmp_path / "s.xlsx")
    wb = load_workbook(xlsx)
    assert not [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert wb["汇总"]["A2"].value == EVIL[0] and wb["汇总"]["B3"].value == "=1+1"
    for path in (U.write_summary(entries, tmp_path / "s.csv"), U.write_details(entries, tmp_path / "d.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
        assert "'" + EVIL[0] in cells


def test_csv_safe_leaves_ordinary_values():
    assert csv_safe(-3) == -3 and csv_safe("相差 -1") == "相差 -1" and csv_safe("=x") == "'=x"


def test_markdown_export_escapes_html_and_drops_script_links():
    report = truth()
    report.sections["一"] = ('<script>alert(1)</script>详见[通知](javascript:alert(1))和[官网](https://www.gov.cn)。'
                             '<img src=x onerror=alert(1)> JavaScript:void(0)')
    report.agency = "<b>某机关</b>"
    report.title = None
    md = to_markdown(report)
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "<img" not in md and "<b>" not in md
    assert "javascript:" not in md.lower() and "详见通知和[官网](https://www.gov.cn)" in md
    assert safe_text("普通文字，20个工作日内") == "普通文字，20个工作日内"
