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


def _complete_and_consistent(path) -> bool:
    """A published table with a blank cell has one line fewer in pdfminer's column order, and one whose identities
    are broken cannot tell row order from column order: there the parser must flag, it cannot restore."""
    data = json.loads(path.read_text(encoding="utf-8"))
    blank = "null" in json.dumps([data.get("table2"), data.get("table3"), data.get("table4")])
    return not blank and not data.get("arithmetic_failures_in_published_report")


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
    if _complete_and_consistent(path):
        assert exact == 3 * len(list(truth.cells()))  # and on these tables, every cell is read exactly


def test_2019_table2_in_column_order_is_restored_with_a_note():
    truth, data = _truth(CORPUS / "truth" / "c1_013.json")
    assert truth.template == L.TEMPLATE_2019
    report = parse_text(render(data))
    assert report.table2 == truth.table2
    notes = [d for d in report.diagnostics if d.code == "grid_column_major" and d.where == "表二"]
    assert len(notes) == 1 and notes[0].severity == "info" and "规章、规范性文件、行政许可" in notes[0].message


# pdfminer.six's text of a PDF that LibreOffice printed from this project's Word export (c1_002's 2019 表二): the
# labels of three sub-tables first, each sub-table's numbers after its headers, a sub-table marker inside a run, and
# the single-row sub-tables cell by cell after their own headers.
LIBREOFFICE_PDFMINER_2019 = """二、主动公开政府信息情况
信息内容
规章
规范性文件
信息内容
行政许可
其他对外管理服务事项
信息内容
行政处罚
行政强制
第二十条第（一）项
本年新制作数量
本年新公开数量
对外公开总数量
0
0
0
0
0
0
第二十条第（五）项
上一年项目数量
本年增/减
处理决定数量
45
0
0
0
第二十条第（六）项
0
0
上一年项目数量
本年增/减
处理决定数量
636
43
0
0
第二十条第（八）项
0
0
信息内容
上一年项目数量
行政事业性收费
12
第二十条第（九）项
信息内容
政府集中采购
采购项目数量
0
本年增/减
4
采购总金额
0
三、收到和处理政府信息公开申请情况
"""


def test_real_pdfminer_layout_of_a_libreoffice_pdf_2019_table2():
    from report.parse.tables import extract_table2

    truth, _ = _truth(CORPUS / "truth" / "c1_002.json")
    table, diags, ok = extract_table2(LIBREOFFICE_PDFMINER_2019.split("\n", 1)[1])
    assert ok and table == truth.table2
    assert [d.code for d in diags] == ["grid_column_major"]


def test_blank_cells_leave_the_order_open_then_the_labels_column_decides_and_it_is_flagged():
    """A 表三 page of zeros with a blank 总计: both orders balance, so the block is read column by column because
    its labels came first, and a warning names 表三 (no identity confirmed it)."""
    truth, data = _truth(CORPUS / "truth" / "c3_008.json")
    assert any(None in row for row in truth.table3.values())
    report = parse_text(render(data, (13,)))
    assert report.table3 == truth.table3
    assert any(d.code == "grid_guess" and d.severity == "warning" and d.where == "表三" for d in report.diagnostics)


# pdfminer.six's text of PDFs LibreOffice printed from this project's Word export of a fixture truth and of a tune
# truth (tests/fixtures/pdfminer/): 表三 comes out page by page, each page's labels, then its numbers column by
# column, the first column cut off from the others by the header boxes.
PDFMINER = FIXTURES / "pdfminer"


def test_libreoffice_pdf_table3_in_page_columns_is_restored_and_flagged():
    truth = Report.from_interchange(json.loads((FIXTURES / "truth" / "001_changsha_furongqu_2021.json").read_text(encoding="utf-8")))
    report = parse_text((PDFMINER / "001_changsha_furongqu_2021.libreoffice.pdfminer.txt").read_text(encoding="utf-8"))
    assert report.table3 == truth.table3 and report.table2 == truth.table2 and report.table4 == truth.table4
    assert any(d.code == "t3_column_blocks" and d.severity == "warning" and d.where == "表三" for d in report.diagnostics)


def test_page_columns_of_a_table_whose_published_sums_are_off_balance_row_by_row():
    """c3_005 (2019) publishes a 表三 whose column sums break T3-A/T3-B: the one page cut whose every row balances
    is taken, flagged, and the report's own errors are left for the auditor."""
    truth, _ = _truth(CORPUS / "truth" / "c3_005.json")
    report = parse_text((PDFMINER / "c3_005.libreoffice.pdfminer.txt").read_text(encoding="utf-8"))
    assert report.table3 == truth.table3
    assert any(d.code == "t3_column_blocks" for d in report.diagnostics)


def test_rows_a_layout_warning_left_blank_are_unread_not_the_reports_blank_rows():
    from report.rules.validate import validate

    text = (PDFMINER / "001_changsha_furongqu_2021.libreoffice.pdfminer.txt").read_text(encoding="utf-8")
    head, rest = text.split("四、结转下年度继续办理", 1)
    broken = head + "四、结转下年度继续办理" + rest.replace("\n136\n", "\n", 1)  # one number lost: no page cut fits
    report = parse_text(broken)
    assert not any(d.code == "t3_column_blocks" for d in report.diagnostics)
    blank_rows = [row for row, vals in report.table3.items() if all(v is None for v in vals)]
    assert blank_rows
    unread = {ref.id for ref in report.unread_cells()}
    assert all(CellRefT3(row, c) in unread for row in blank_rows for c in L.T3_COLUMNS)
    findings = validate(report)
    assert not [f for f in findings if f.rule in ("blank_row", "blank_table") and f.where.startswith("表三")]


def CellRefT3(row: str, column: str) -> str:
    from report.model.cells import CellRef

    return CellRef.t3(row, column).id


# 表三 in rectangles (tall group cells break the text boxes of the columns next to them, as in pdfminer's text of a
# LibreOffice PDF: tests/fixtures/pdfminer/002_huaian_shi_2024.libreoffice.pdfminer.txt): page 2's first two columns
# cut at （四）1 and （四）2, the other columns whole.
RECTANGLES = {L.TEMPLATE_2021: ((7,), (12, 13), 2), L.TEMPLATE_2019: ((7,), (12, 13), 2)}


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_table3_in_rectangles_is_exact_or_flagged(path):
    truth, data = _truth(path)
    report = parse_text(render(data, rectangles=RECTANGLES[truth.template]))
    exact = 0
    for ref, want in truth.cells():
        got = report.get(ref)
        if got == want:
            exact += ref.table == "table3"
        else:
            assert _named(report, ref.id), (ref.id, got, want)
    if _complete_and_consistent(path):
        assert exact == len(truth.table3) * len(L.T3_COLUMNS)


def test_real_pdfminer_text_of_a_libreoffice_pdf_in_rectangles():
    truth, _ = _truth(FIXTURES / "truth" / "002_huaian_shi_2024.json")
    report = parse_text((PDFMINER / "002_huaian_shi_2024.libreoffice.pdfminer.txt").read_text(encoding="utf-8"))
    assert report.table3 == truth.table3
    assert [d.severity for d in report.diagnostics if d.code == "t3_column_blocks"] == ["warning"]
