"""表二's document rows when the six numbers come as one run (PDF text boxes): the column headers before the row
labels, numbers column by column or row by row (tests/pdfminer_style.py ``t2_layout``). The reading is confirmed
by last year's 现行有效件数, or taken from the text's evidence and flagged with both readings — never silently wrong."""

from __future__ import annotations

import json

import pytest
from pdfminer_style import render

from conftest import FIXTURES
from report.model import labels as L
from report.model.tables import Report
from report.parse import parse_text

CORPUS = FIXTURES.parent / "corpus"
TUNE = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))["tune"]
TRUTHS = sorted(FIXTURES.glob("truth/*.json")) + [CORPUS / "truth" / f"{f.split('.')[0]}.json" for f in TUNE]
T2021 = [p for p in TRUTHS if json.loads(p.read_text(encoding="utf-8")).get("template", "2021") != L.TEMPLATE_2019
         and "规章" in json.loads(p.read_text(encoding="utf-8"))["table2"]]


def _data(path) -> tuple[Report, dict]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    rep = Report.from_interchange({k: v for k, v in raw.items() if k in ("template", "table2", "table3", "table4")})
    return rep, {"year": raw.get("year"), "template": rep.template, "table2": rep.table2, "table3": rep.table3,
                 "table4": rep.table4}


def _doc(t2) -> list[list]:
    return [[t2[r][c] for c in L.T2_DOC_COLUMNS] for r in L.T2_DOC_ROWS]


def _transposed(rows: list[list]) -> list[list]:
    """The rows a reader gets when it takes row-major numbers column by column (or the reverse)."""
    flat = [v for r in rows for v in r]
    return [[flat[c * 2 + i] for c in range(3)] for i in range(2)]


def _order_warning(report: Report):
    return [d for d in report.diagnostics if d.code == "t2_doc_order" and d.severity == "warning"]


@pytest.mark.parametrize("layout", ["headers", "rows"])
@pytest.mark.parametrize("path", T2021, ids=lambda p: p.stem)
def test_doc_rows_in_one_run_are_exact_or_flagged_by_cell(path, layout):
    truth, data = _data(path)
    report = parse_text(render(data, (13,), layout))
    warned = {c for d in _order_warning(report) for c in d.cells}
    for row in L.T2_DOC_ROWS:
        for col in L.T2_DOC_COLUMNS:
            got, want = report.table2[row][col], truth.table2[row][col]
            if got != want:
                assert f"表二/{row}/{col}" in warned, (row, col, got, want)
    if layout == "headers":  # the labels printed as a column: the numbers are read column by column
        assert _doc(report.table2) == _doc(truth.table2)
    if _transposed(_doc(truth.table2)) != _doc(truth.table2):  # two readings differ: the parse says so
        assert len(_order_warning(report)) == 1
        d = _order_warning(report)[0]
        assert len(d.readings) == 2 and d.readings[0] != d.readings[1] and len(d.readings[0]) == len(d.cells)


def _previous_for(truth: Report) -> Report:
    """Last year's report whose 现行有效件数 makes this year's row-by-row reading hold the carry-over identity."""
    prev = Report.blank()
    for row in L.T2_DOC_ROWS:
        made, gone, now = (truth.table2[row][c] or 0 for c in L.T2_DOC_COLUMNS)
        prev.table2[row] = {**prev.table2[row], "现行有效件数": now - made + gone}
    return prev


def _refuted(rows: list[list], prev: Report) -> bool:
    return any((r[2] or 0) != prev.table2[name]["现行有效件数"] + (r[0] or 0) - (r[1] or 0)
               for r, name in zip(rows, L.T2_DOC_ROWS))


def _ambiguous() -> tuple[Report, Report]:
    """A tune truth whose two readings differ and whose transposed reading last year's figures refute."""
    for path in T2021:
        truth, _ = _data(path)
        doc = _doc(truth.table2)
        if None in doc[0] + doc[1]:
            continue
        prev = _previous_for(truth)
        if _transposed(doc) != doc and _refuted(_transposed(doc), prev):
            return truth, prev
    raise AssertionError("no tune truth has document rows whose two readings differ")


def test_last_years_in_force_count_confirms_the_row_by_row_reading():
    truth, prev = _ambiguous()
    data = {"year": 2024, "template": truth.template, "table2": truth.table2, "table3": truth.table3,
            "table4": truth.table4}
    text = render(data, (13,), "rows")
    alone = parse_text(text)
    assert _doc(alone.table2) == _transposed(_doc(truth.table2))  # the labels column suggests columns: flagged
    assert _order_warning(alone)
    report = parse_text(text, previous=prev)
    assert _doc(report.table2) == _doc(truth.table2)
    assert not _order_warning(report)
    assert [d.severity for d in report.diagnostics if d.code == "t2_doc_order"] == ["info"]


def test_rows_after_their_own_labels_need_no_reading_note():
    text = ("某市某局2024年政府信息公开工作年度报告\n一、总体情况\n本年度依法公开。\n二、主动公开政府信息情况\n"
            "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 0 11\n行政规范性文件 8 26 66\n"
            "第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 447\n第二十条第（六）项\n信息内容 本年处理决定数量\n"
            "行政处罚 39\n行政强制 8\n第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 9.6\n"
            "三、收到和处理政府信息公开申请情况\n")
    report = parse_text(text)
    assert _doc(report.table2) == [[1, 0, 11], [8, 26, 66]]
    assert not [d for d in report.diagnostics if d.code == "t2_doc_order"]
