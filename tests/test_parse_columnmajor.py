"""pdfminer's column order for 表二 and 表三 (labels as a column, then the column headers, then the numbers column by
column, page by page), rendered from the fixture truths and the tune-split truths of the labelled corpus
(tests/pdfminer_style.py): every cell is read exactly, or a warning names its table or row."""

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


def _truth(path) -> tuple[Report, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rep = Report.from_interchange({k: v for k, v in data.items() if k in ("template", "table2", "table3", "table4")})
    return rep, {"year": data.get("year"), "template": rep.template, "table2": rep.table2, "table3": rep.table3,
                 "table4": rep.table4}


def _named(report: Report, cell_id: str) -> bool:
    table = cell_id.split("/")[0]
    row = cell_id.rsplit("/", 1)[0]
    for d in report.diagnostics:
        if d.severity != "info" and (cell_id in d.cells or row in d.cells or d.where in (table, row, cell_id)):
            return True
    return False


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_column_major_tables_are_exact_or_flagged(path):
    truth, data = _truth(path)
    exact = 0
    for breaks in ((), (13,), (6, 18)):
        report = parse_text(render(data, breaks))
        for ref, want in truth.cells():
            got = report.get(ref)
            if got == want:
                exact += 1
            else:
                assert _named(report, ref.id), (breaks, ref.id, got, want)
    assert exact == 3 * len(list(truth.cells()))  # and on these tables, every cell is read exactly


def test_2019_table2_in_column_order_is_restored_with_a_note():
    truth, data = _truth(CORPUS / "truth" / "c1_013.json")
    assert truth.template == L.TEMPLATE_2019
    report = parse_text(render(data))
    assert report.table2 == truth.table2
    notes = [d for d in report.diagnostics if d.code == "grid_column_major" and d.where == "表二"]
    assert len(notes) == 3 and all(d.severity == "info" for d in notes)


def test_blank_cells_leave_the_order_open_then_the_labels_column_decides_and_it_is_flagged():
    """A 表三 page of zeros with a blank 总计: both orders balance, so the block is read column by column because
    its labels came first, and a warning names 表三 (no identity confirmed it)."""
    truth, data = _truth(CORPUS / "truth" / "c3_008.json")
    assert any(None in row for row in truth.table3.values())
    report = parse_text(render(data, (13,)))
    assert report.table3 == truth.table3
    assert any(d.code == "grid_guess" and d.severity == "warning" and d.where == "表三" for d in report.diagnostics)
