"""Excel fill-in template, the details one by one: the info sheet, data validation, protection, the checking
formulas of 表三/表四 cell by cell, page setup and row heights; and reading back: the info sheet (agency, year
bounds), every kind of bad cell with its exact message, the package-size guard at its limits, and each way a
workbook can fail to be our template.

Coordinates are worked out from the printed layout (the grid starts on worksheet row 2; 表三 has 3 header rows and
25 data rows, so its rows 一…四 are worksheet rows 5…29), not read from the writer.
"""

import datetime as dt
import zipfile

import pytest
from openpyxl import load_workbook

from report import Report
from report.export.xlsx import (
    MARKER,
    XLSX_MAX_MEMBERS,
    XLSX_MAX_UNCOMPRESSED,
    XlsxTemplateError,
    csv_safe,
    read_filled,
    write_template,
)
from report.model import labels as L

NOTES = [
    "填写说明：",
    "1. 只在黄色格子里填写数字（阿拉伯数字）；其余格子是表头和校验公式，已锁定。",
    "2. 只填阿拉伯数字；没有发生的事项请填 0，不要留空（空白格在核对时会被标出）。",
    "3. 表二“行政事业性收费”的单位是万元，可以有小数；其余都是件数，只能填整数。",
    "4. 表三右侧和下方的绿色格子是校验公式：显示“不一致”时请核对数字。",
    "5. 填好后保存，用“导入填报表格”读回系统，不要增删行列或改动表头。",
]
NEW_ID = f"表三/{L.R_NEW}/自然人"


def sample() -> Report:
    r = Report.blank(agency="某县人民政府", year=2024)
    r.table3[L.R_NEW] = [1, 2, 0, 0, 0, 0, 3]
    r.table2[L.T2_FEE] = 1.5
    return r


@pytest.fixture  # function scope: see tests/test_export_docx_layout.py
def book(tmp_path_factory):
    path = write_template(tmp_path_factory.mktemp("x") / "sub" / "t.xlsx", sample())
    return path, load_workbook(path)


@pytest.fixture
def filled(tmp_path):
    """A fresh template to edit, and a helper that edits a cell and reads the workbook back."""
    path = write_template(tmp_path / "t.xlsx", sample())

    def edit(sheet: str, coord: str, value) -> Report:
        wb = load_workbook(path)
        wb[sheet][coord] = value
        wb.save(path)
        return read_filled(path)

    return path, edit


def test_sheets_meta_and_protection(book):
    _, wb = book
    assert wb.sheetnames == ["填报说明", "表二", "表三", "表四", "_模板信息"]
    meta = wb["_模板信息"]
    assert (meta["A1"].value, meta["A2"].value, meta.sheet_state) == (MARKER, "2021", "hidden")
    for name in ("表二", "表三", "表四"):
        p = wb[name].protection
        assert (p.sheet, p.formatColumns, p.formatRows) == (True, False, False), name
    assert wb["填报说明"].protection.sheet is True


def test_info_sheet(book):
    _, wb = book
    ws = wb["填报说明"]
    assert ws["A1"].value == "政府信息公开工作年度报告 统计表填报模板"
    assert ws["A1"].font.b is True and ws["A1"].font.sz == 14
    assert [(ws.cell(r, 1).value, ws.cell(r, 1).font.b, ws.cell(r, 2).value) for r in (3, 4, 5)] == [
        ("机关名称", True, "某县人民政府"), ("报告年度", True, 2024), ("报告格式", True, "2021")]
    for coord in ("B3", "B4"):
        assert ws[coord].protection.locked is False and ws[coord].fill.fgColor.rgb.endswith("FFF2CC"), coord
    assert ws["B5"].protection.locked is True and ws["B5"].fill.fill_type is None
    assert [ws.cell(r, 1).value for r in range(7, 13)] == NOTES
    assert (ws.column_dimensions["A"].width, ws.column_dimensions["B"].width) == (14, 40)


def test_agency_starting_with_equals_is_text_not_a_formula(tmp_path):
    r = Report.blank(agency="=HYPERLINK(\"http://x\")", year=2024)
    path = write_template(tmp_path / "f.xlsx", r)
    ws = load_workbook(path)["填报说明"]
    assert ws["B3"].data_type == "s" and ws["B3"].value == "=HYPERLINK(\"http://x\")"
    assert read_filled(path).agency == "=HYPERLINK(\"http://x\")"


def test_csv_safe():
    assert [csv_safe(v) for v in ("=1", "+1", "-1", "@a", "\tx", "\rx", "a=1", 5, None)] == [
        "'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "a=1", 5, None]


def test_data_validation_whole_and_decimal(book):
    _, wb = book
    for name in ("表二", "表三", "表四"):
        dvs = {d.type: d for d in wb[name].data_validations.dataValidation}
        assert set(dvs) <= {"whole", "decimal"}
        for d in dvs.values():
            assert (d.operator, d.formula1, d.allow_blank, d.showErrorMessage) == ("greaterThanOrEqual", "0", True, True)
        w = dvs["whole"]
        assert (w.errorTitle, w.error) == ("请填写件数", "此格只能填写 0 或正整数；没有发生的事项请填 0，不要留空。")
    t2 = {d.type: d for d in wb["表二"].data_validations.dataValidation}
    d = t2["decimal"]
    assert (d.errorTitle, d.error) == ("请填写金额", "此格只能填写不小于 0 的数（单位：万元）；没有发生请填 0，不要留空。")
    assert str(d.sqref) == "B15"  # 行政事业性收费: grid row 13 of 表二
    assert "B8" in str(t2["whole"].sqref) and "B15" not in str(t2["whole"].sqref)  # 行政许可
    t3 = {d.type for d in wb["表三"].data_validations.dataValidation}
    assert t3 == {"whole"}


def test_grid_sheet_titles_widths_borders_and_page_setup(book):
    _, wb = book
    t2, t3, t4 = wb["表二"], wb["表三"], wb["表四"]
    assert t3["A1"].value == "表三　三、收到和处理政府信息公开申请情况" and t3["A1"].font.b and t3["A1"].font.sz == 12
    assert t2["A1"].value == "表二　二、主动公开政府信息情况"
    assert t4["A1"].value == "表四　四、政府信息公开行政复议、行政诉讼情况"
    assert [t3.column_dimensions[c].width for c in "ABCDEFGHIJ"] == [9, 12, 36] + [9] * 7
    assert [t2.column_dimensions[c].width for c in "ABCD"] == [16, 18, 18, 18]
    assert t4.column_dimensions["O"].width == 7
    # every cell of the grid rectangle has a thin grey border (a merged block: its top-left cell)
    for ws, rows, cols in ((t3, range(2, 30), range(1, 11)), (t4, range(2, 6), range(1, 16)), (t2, range(2, 16), range(1, 5))):
        for r in rows:
            for c in cols:
                if type(ws.cell(r, c)).__name__ == "MergedCell":
                    continue
                b = ws.cell(r, c).border
                assert b.left.style == "thin" and b.top.style == "thin" and b.bottom.style == "thin", (ws.title, r, c)
                assert b.right.style == "thin" and b.left.color.rgb.endswith("808080")
    assert (t3.freeze_panes, t4.freeze_panes, t2.freeze_panes) == ("A5", "A5", "A2")
    assert (t3.page_setup.orientation, t4.page_setup.orientation, t2.page_setup.orientation) == (
        "landscape", "landscape", "portrait")
    for ws in (t2, t3, t4):
        ps = ws.page_setup
        assert (str(ps.paperSize), ps.fitToWidth, ps.fitToHeight) == ("9", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert t3.print_title_rows == "$2:$4" and t4.print_title_rows == "$2:$4" and t2.print_title_rows is None


def test_cells_alignment_fonts_and_inputs(book):
    _, wb = book
    t3 = wb["表三"]
    assert [t3.cell(5, c).value for c in range(4, 11)] == [1, 2, 0, 0, 0, 0, 3]
    value = t3["D5"]
    assert (value.alignment.horizontal, value.alignment.vertical) == ("center", "center")
    assert value.protection.locked is False and value.fill.fgColor.rgb.endswith("FFF2CC")
    assert t3["D6"].value is None  # a blank cell stays blank, not 0
    head = t3["D2"]  # 申请人情况
    assert head.value == "申请人情况" and head.font.b is True
    assert (head.alignment.horizontal, head.alignment.vertical, head.alignment.wrap_text) == ("center", "center", True)
    label1 = t3["A5"]  # 一、本年新收… : a label, centred, not bold
    assert label1.value == L.R_NEW and not label1.font.b and label1.alignment.horizontal == "center"
    third = next(r for r in range(5, 30) if t3.cell(r, 3).value == "1.属于国家秘密")
    lab = t3.cell(third, 3)
    assert (lab.alignment.horizontal, lab.alignment.vertical, lab.alignment.wrap_text) == (None, "center", True)
    assert wb["表二"]["B15"].value == 1.5


def test_row_heights_fit_the_longest_label(book):
    _, wb = book
    t4 = wb["表四"]
    # 「结果维持」 is 8 units wide in a 7-unit column (5.5 of room): two lines, 15 × 2 + 3
    assert [t4.row_dimensions[r].height for r in (2, 3, 4, 5)] == [18, 18, 33, 18]
    t3 = wb["表三"]
    assert t3.row_dimensions[5].height == 18


def test_table3_checking_formulas(book):
    _, wb = book
    ws = wb["表三"]
    assert (ws["K2"].value, ws["L2"].value) == ("六类申请人之和（校验）", "是否等于总计")
    assert ws["K2"].font.b and ws["L2"].alignment.horizontal == "center"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"K2:K4", "L2:L4", "A31:C31", "A34:C34"} <= merged
    assert ws.column_dimensions["K"].width == 12 and ws.column_dimensions["L"].width == 12
    for r in (5, 17, 29):
        assert ws[f"K{r}"].value == f"=SUM(D{r}:I{r})"
        assert ws[f"L{r}"].value == f'=IF(COUNT(D{r}:J{r})=0,"",IF(K{r}=J{r},"一致","不一致"))'
    assert ws["K30"].value is None
    assert [ws.cell(r, 1).value for r in range(31, 35)] == [
        "校验：第一项＋第二项", "校验：（七）总计＋第四项", "校验：三（一）至（六）之和", "勾稽关系是否成立"]
    assert all(ws.cell(r, 1).font.b for r in range(31, 35))
    for x in "DJ":
        assert ws[f"{x}31"].value == f"={x}5+{x}6"
        assert ws[f"{x}32"].value == f"={x}28+{x}29"
        assert ws[f"{x}33"].value == f"=SUM({x}7:{x}27)"
        assert ws[f"{x}34"].value == f'=IF(AND({x}31={x}32,{x}33={x}28),"一致","不一致")'
    assert ws["K31"].value is None and ws["C31"].value is None
    chk = ws["D33"]
    assert chk.fill.fgColor.rgb.endswith("E2EFDA") and chk.border.left.style == "thin"
    assert (chk.alignment.horizontal, chk.alignment.vertical) == ("center", "center")
    assert ws.cell(7, 1).value == L.R_RESULTS and ws.cell(28, 2).value == L.R_TOTAL.split("/")[1]
    assert (ws.cell(5, 1).value, ws.cell(6, 1).value, ws.cell(29, 1).value) == (L.R_NEW, L.R_CARRIED_IN, L.R_CARRIED_OUT)


def test_table4_checking_formulas(book):
    _, wb = book
    ws = wb["表四"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    for first, (a, d, t) in ((1, "ADE"), (6, "FIJ"), (11, "KNO")):
        assert ws.cell(7, first).value == "前四项之和" and ws.cell(8, first).value == "是否等于总计"
        assert ws.cell(7, first).font.b
        assert ws[f"{t}7"].value == f"=SUM({a}5:{d}5)"
        assert ws[f"{t}8"].value == f'=IF(COUNT({a}5:{t}5)=0,"",IF({t}7={t}5,"一致","不一致"))'
        assert ws[f"{t}7"].fill.fgColor.rgb.endswith("E2EFDA")
        assert f"{a}7:{d}7" in merged and f"{a}8:{d}8" in merged
    assert ws["A6"].value is None and ws["A9"].value is None


# ---------------------------------------------------------------- reading the info sheet back
@pytest.mark.parametrize("typed,year,problem", [
    ("2024", 2024, False), (2024, 2024, False), ("2024年", 2024, False), (" 2023 ", 2023, False),
    (1990, 1990, False), (2100, 2100, False), (1989, None, True), (2101, None, True), ("二〇二四", None, True),
    ("", None, False), ("   ", None, False), (None, None, False),
])
def test_year_on_the_info_sheet(filled, typed, year, problem):
    _, edit = filled
    back = edit("填报说明", "B4", typed)
    assert back.year == year
    diags = [(d.code, d.severity, d.where, d.message) for d in back.diagnostics]
    if problem:
        assert diags == [("xlsx_bad_year", "warning", "填报说明!B4",
                          f"填报说明 B4 的报告年度“{typed}”无法识别，请填写四位数年份，如 2024。")]
    else:
        assert diags == []


@pytest.mark.parametrize("typed,agency", [("  某市财政局 ", "某市财政局"), ("   ", None), (None, None), (123, "123")])
def test_agency_on_the_info_sheet(filled, typed, agency):
    _, edit = filled
    back = edit("填报说明", "B3", typed)
    assert back.agency == agency and back.diagnostics == []


# ---------------------------------------------------------------- reading cells back
PLACE = f"表三 D5（{NEW_ID}）"


@pytest.mark.parametrize("typed,value,message", [
    (True, None, f"{PLACE}的内容“True”不是数字（可能被 Excel 识别成了日期或逻辑值），已按空白处理，请改填数字。"),
    (dt.datetime(2024, 3, 1), None,
     f"{PLACE}的内容“2024-03-01 00:00:00”不是数字（可能被 Excel 识别成了日期或逻辑值），已按空白处理，请改填数字。"),
    ("十二", None, f"{PLACE}填写的“十二”不是数字，已按空白处理，请改为阿拉伯数字（没有发生的填 0）。"),
    (" abc ", None, f"{PLACE}填写的“abc”不是数字，已按空白处理，请改为阿拉伯数字（没有发生的填 0）。"),
    (-3, -3, f"{PLACE}填写的 -3 是负数，统计数不能为负，请核对。"),
    (2.5, 2.5, f"{PLACE}填写的 2.5 不是整数，件数只能是整数，请核对。"),
    ("—", None, None), (" / ", None, None), ("7", 7, None), (0, 0, None), (None, None, None),
])
def test_bad_cells_become_diagnostics_naming_the_cell(filled, typed, value, message):
    _, edit = filled
    back = edit("表三", "D5", typed)
    assert back.table3[L.R_NEW][0] == value
    assert back.table3[L.R_NEW][1:] == [2, 0, 0, 0, 0, 3]
    diags = [(d.code, d.severity, d.where, d.message) for d in back.diagnostics]
    assert diags == ([("xlsx_cell", "error", NEW_ID, message)] if message else [])


def test_fee_may_be_a_decimal_but_not_negative(filled):
    _, edit = filled
    back = edit("表二", "B15", 2.75)
    assert back.table2[L.T2_FEE] == 2.75 and back.diagnostics == []
    back = edit("表二", "B15", -1.5)
    assert [(d.where, d.message) for d in back.diagnostics] == [
        ("表二/行政事业性收费", "表二 B15（表二/行政事业性收费）填写的 -1.5 是负数，统计数不能为负，请核对。")]


def test_the_2019_format_is_read_back_in_its_own_format(tmp_path):
    r = Report.blank("2019", agency="某县人民政府", year=2020)
    path = write_template(tmp_path / "o.xlsx", r)
    wb = load_workbook(path)
    assert wb["_模板信息"]["A2"].value == "2019"
    assert wb["表三"].max_row == 2 + 3 + 23 - 1 + 5  # the 2019 表三 ends on row 27, then a gap and four checks
    back = read_filled(path)
    assert back.template == "2019" and len(back.table3) == 23 and back.diagnostics == []


# ---------------------------------------------------------------- refusing what is not our template
def _zip(path, members: int, payload: int = 0):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(members):
            zf.writestr(f"m{i}.xml", b"\0" * (payload if i == 0 else 0))
    return path


def test_package_member_count_limit(tmp_path):
    assert XLSX_MAX_MEMBERS == 500
    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(_zip(tmp_path / "over.xlsx", 501))
    assert exc.value.message_zh == ("“over.xlsx”解压后有 0 MB、501 个部件，远大于填报模板（不到 1 MB），"
                                    "不是由本系统生成的填报模板。请先下载填报模板，把数据填入模板后再导入。")
    for n in (500, 499):  # at and under the limit the guard lets it through; openpyxl then refuses it
        with pytest.raises(XlsxTemplateError, match="不是有效的 Excel 工作簿"):
            read_filled(_zip(tmp_path / f"n{n}.xlsx", n))


def test_package_uncompressed_size_limit(tmp_path):
    assert XLSX_MAX_UNCOMPRESSED == 40 * 1024 * 1024
    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(_zip(tmp_path / "big.xlsx", 1, XLSX_MAX_UNCOMPRESSED + 1))
    assert "解压后有 40 MB、1 个部件" in exc.value.message_zh
    with pytest.raises(XlsxTemplateError, match="不是有效的 Excel 工作簿"):
        read_filled(_zip(tmp_path / "at.xlsx", 1, XLSX_MAX_UNCOMPRESSED))


def test_not_a_file_and_not_a_workbook(tmp_path):
    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(tmp_path / "none.xlsx")
    assert exc.value.message_zh == f"找不到文件：{tmp_path / 'none.xlsx'}"
    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(tmp_path)  # a folder is not a file either
    assert exc.value.message_zh.startswith("找不到文件")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(bad)
    assert exc.value.message_zh == "无法打开“bad.xlsx”：它不是有效的 Excel 工作簿（.xlsx）。（BadZipFile）"


def _edited(path, change):
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def test_marker_template_and_sheets_checked(filled):
    path, _ = filled
    name = path.name
    no_marker = "“t.xlsx”不是由本系统生成的填报模板（缺少模板信息）。请先下载填报模板，把数据填入模板后再导入。"

    def wrong_marker(wb):
        wb["_模板信息"]["A1"] = "something-else/1"

    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(_edited(path, wrong_marker))
    assert exc.value.message_zh == no_marker

    def bad_template(wb):
        wb["_模板信息"]["A1"] = MARKER
        wb["_模板信息"]["A2"] = "2030"

    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(_edited(path, bad_template))
    assert exc.value.message_zh == f"“{name}”的模板信息已损坏（报告格式“2030”无法识别）。请重新下载填报模板。"

    def no_template(wb):
        wb["_模板信息"]["A2"] = None

    assert read_filled(_edited(path, no_template)).template == "2021"  # an empty format cell means 2021

    def drop_sheets(wb):
        del wb["表三"]
        del wb["表四"]

    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(_edited(path, drop_sheets))
    assert exc.value.message_zh == f"“{name}”缺少工作表：表三、表四。请不要删除或改名模板中的工作表。"

    def drop_meta(wb):
        del wb["_模板信息"]

    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(_edited(path, drop_meta))
    assert exc.value.message_zh == no_marker


@pytest.mark.parametrize("coord,typed,expected,shown", [
    ("A4", "维持", "结果维持", "维持"), ("A4", None, "结果维持", ""), ("A4", " 结果维持 ", None, None),
])
def test_a_moved_label_is_refused_with_the_cell_named(filled, coord, typed, expected, shown):
    path, _ = filled

    def change(wb):
        wb["表四"][coord] = typed

    _edited(path, change)
    if expected is None:  # spaces around a label are forgiven
        assert read_filled(path).diagnostics == []
        return
    with pytest.raises(XlsxTemplateError) as exc:
        read_filled(path)
    assert exc.value.message_zh == (f"“t.xlsx”的表四 {coord} 应为“{expected}”，实际是“{shown}”：表格结构被改动过"
                                    "（可能增删了行列）。请在新下载的模板中重新填写。")
