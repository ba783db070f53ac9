"""Excel fill-in template: round trip of the truth tables, what staff may get wrong, and foreign workbooks."""

import json

import pytest
from openpyxl import Workbook, load_workbook

from conftest import FIXTURES
from report import Report
from report.export.xlsx import XlsxTemplateError, read_filled, write_template
from report.model import labels as L

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))


def truth_report(path) -> tuple[Report, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Report.from_interchange(data), data


def find(ws, text):
    """(row, column) of the cell holding exactly ``text``."""
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row, c.column
    raise AssertionError(f"{text} not on sheet {ws.title}")


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_round_trip_keeps_every_table_value(path, tmp_path):
    report, data = truth_report(path)
    back = read_filled(write_template(tmp_path / "t.xlsx", report))
    out = back.to_interchange()
    assert out["table2"] == data["table2"]
    assert out["table3"] == data["table3"]
    assert out["table4"] == data["table4"]
    assert (back.agency, back.year, back.template) == (data["agency"], data["year"], "2021")
    assert back.diagnostics == []


def test_blank_template_reads_back_all_blank_not_zero(tmp_path):
    back = read_filled(write_template(tmp_path / "blank.xlsx"))
    values = [v for _, v in back.cells()]
    assert len(values) == 200 and set(values) == {None}


def test_2019_template_round_trips(tmp_path):
    report = Report.blank("2019", agency="某县人民政府", year=2020)
    report.table3[f"{L.R_RESULTS}/{L.G_OTHER}"] = [1, 0, 0, 0, 0, 2, 3]
    report.table2["行政许可"] = {"上一年项目数量": 10, "本年增/减": -2, "处理决定数量": 300}
    report.table2["政府集中采购"] = {"采购项目数量": 4, "采购总金额": 12.5}
    back = read_filled(write_template(tmp_path / "t2019.xlsx", report))
    assert back.template == "2019" and len(back.table3) == 23
    assert back.table3 == report.table3 and back.table2 == report.table2


def test_layout_labels_merges_inputs_and_checks(tmp_path):
    report, data = truth_report(TRUTHS[0])
    wb = load_workbook(write_template(tmp_path / "t.xlsx", report))
    assert {"表二", "表三", "表四"} <= set(wb.sheetnames)
    ws = wb["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    r0, c0 = find(ws, L.T3_IDENTITY_NOTE)
    assert f"A{r0}:C{r0 + 2}" in merged
    assert f"D{r0}:J{r0}" in merged  # 申请人情况 over the 7 applicant columns
    assert ws.cell(r0, 4).value == "申请人情况" and ws.cell(r0 + 1, 5).value == "法人或其他组织"
    rnew, _ = find(ws, L.R_NEW)
    values = [ws.cell(rnew, c).value for c in range(4, 11)]
    assert values == data["table3"][L.R_NEW]
    total = ws.cell(rnew, 10)
    assert total.protection.locked is False and total.fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(rnew, 1).protection.locked is True and ws.protection.sheet
    assert ws.cell(rnew, 11).value == f"=SUM(D{rnew}:I{rnew})"
    assert "J" in str(ws.cell(rnew, 12).value) and "不一致" in str(ws.cell(rnew, 12).value)
    dv = [d for d in ws.data_validations.dataValidation if d.type == "whole"]
    assert dv and dv[0].operator == "greaterThanOrEqual" and dv[0].formula1 == "0"
    assert f"J{rnew}" in str(dv[0].sqref)
    ws2 = wb["表二"]
    rfee, _ = find(ws2, L.T2_FEE)
    fee_dv = [d for d in ws2.data_validations.dataValidation if d.type == "decimal"]
    assert fee_dv and str(fee_dv[0].sqref) == f"B{rfee}"


def _fill(path, sheet, label, offset, value, down=0):
    """Type ``value`` into the cell ``offset`` columns right of (and ``down`` rows below) ``label``."""
    wb = load_workbook(path)
    ws = wb[sheet]
    r, c = find(ws, label)
    cell = ws.cell(r + down, c + offset)
    cell.value = value
    wb.save(path)
    return cell.coordinate


def test_text_in_a_number_cell_gives_a_diagnostic_naming_the_cell(tmp_path):
    report, data = truth_report(TRUTHS[1])
    path = write_template(tmp_path / "t.xlsx", report)
    coord = _fill(path, "表三", L.R_NEW, 3, "十二")  # 自然人 column of row 一
    _fill(path, "表三", L.R_CARRIED_OUT, 9, "/")  # 总计 of row 四: a slash is a deliberate blank
    _fill(path, "表四", "结果维持", 0, None, down=1)  # emptied cell: blank, no complaint
    back = read_filled(path)
    assert back.table4[L.T4_REVIEW][0] is None and back.table4[L.T4_REVIEW][1:] == data["table4"][L.T4_REVIEW][1:]
    assert back.table3[L.R_NEW][0] is None
    assert back.table3[L.R_NEW][1:] == data["table3"][L.R_NEW][1:]
    assert back.table3[L.R_CARRIED_OUT][6] is None
    errors = [d for d in back.diagnostics if d.severity == "error"]
    assert len(errors) == 1
    msg = errors[0].message
    assert coord in msg and "表三" in msg and "十二" in msg and "不是数字" in msg
    assert errors[0].where == f"表三/{L.R_NEW}/自然人"


def test_negative_fractional_and_numeric_text_values(tmp_path):
    report, _ = truth_report(TRUTHS[0])
    path = write_template(tmp_path / "t.xlsx", report)
    _fill(path, "表三", L.R_NEW, 4, -3)
    _fill(path, "表三", L.R_CARRIED_IN, 4, 2.5)
    _fill(path, "表三", L.R_TOTAL.split("/")[1], 2, " 1,234 ")  # text that is a number: read as the number
    back = read_filled(path)
    assert back.table3[L.R_NEW][1] == -3 and back.table3[L.R_CARRIED_IN][1] == 2.5
    assert back.table3[L.R_TOTAL][0] == 1234
    wheres = sorted(d.where for d in back.diagnostics)
    assert wheres == sorted([f"表三/{L.R_NEW}/商业企业", f"表三/{L.R_CARRIED_IN}/商业企业"])


def test_workbook_not_from_our_template_is_refused_in_chinese(tmp_path):
    foreign = tmp_path / "foreign.xlsx"
    wb = Workbook()
    wb.active["A1"] = "自然人"
    wb.save(foreign)
    with pytest.raises(XlsxTemplateError, match="不是由本系统生成的填报模板"):
        read_filled(foreign)
    assert issubclass(XlsxTemplateError, ValueError)
    not_excel = tmp_path / "report.xlsx"
    not_excel.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(XlsxTemplateError, match="不是有效的 Excel 工作簿"):
        read_filled(not_excel)
    with pytest.raises(XlsxTemplateError, match="找不到文件"):
        read_filled(tmp_path / "missing.xlsx")


def test_edited_structure_is_refused_rather_than_misread(tmp_path):
    report, _ = truth_report(TRUTHS[0])
    path = write_template(tmp_path / "t.xlsx", report)
    wb = load_workbook(path)
    wb["表三"].insert_rows(8)  # staff inserted a row: every value below would shift
    wb.save(path)
    with pytest.raises(XlsxTemplateError, match="表格结构被改动"):
        read_filled(path)
