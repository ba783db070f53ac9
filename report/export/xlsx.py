"""Excel fill-in template for the statutory tables, and reading a filled one back into a :class:`Report`.

- :func:`write_template`: sheets 填报说明 (机关名称, 年度), 表二, 表三, 表四 laid out like the printed tables
  (same grid as the Word export, :mod:`report.export.grid`), input cells unlocked and highlighted, everything else
  protected; data validation (whole numbers ≥ 0; the fee in 万元 may be a decimal); checking formulas beside
  表三 (六类申请人之和 vs 总计, 第一项+第二项 vs （七）总计+第四项) and under 表四 (前四项之和 vs 总计).
  The 总计 cells are plain inputs: staff type the published figure, the checks show whether it adds up.
- :func:`read_filled`: blank → None (never 0); "/" or "—" → None; anything else that is not a number becomes a
  :class:`Diagnostic` naming the cell (the cell is left blank), never an exception. A workbook that was not made
  from this template raises :class:`XlsxTemplateError` (a ``ValueError``) with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any, Callable, Optional

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from report.export.grid import Grid, GridCell, grids
from report.model import labels as L
from report.model.errors import InputError
from report.model.tables import BLANK_MARKS, Cell, Diagnostic, Report, clean_number

MARKER = "annual-report-xlsx/1"
META_SHEET = "_模板信息"
INFO_SHEET = "填报说明"
SHEETS = {"table2": "表二", "table3": "表三", "table4": "表四"}
_SECTION_OF = {"table2": "二", "table3": "三", "table4": "四"}
TOP = 2  # the grid starts on this worksheet row (row 1 holds the table title)
AGENCY_CELL, YEAR_CELL, FORMAT_CELL = "B3", "B4", "B5"

XLSX_WIDTHS = {"表二": [16.0, 18.0, 18.0, 18.0], "表三": [9.0, 12.0, 36.0] + [9.0] * 7, "表四": [7.0] * 15}
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
CHECK_FILL = PatternFill("solid", fgColor="E2EFDA")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV cell Excel will not run: text starting with = + - @ (or a tab / carriage return) gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def text_cells(ws: Worksheet) -> None:
    """Every text cell of ``ws`` that openpyxl took for a formula (it starts with ``=``) written as text instead.
    Only for sheets without formulas of our own (the info sheet, audit summaries)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.data_type = "s"


class XlsxTemplateError(InputError):
    """The file is not a readable workbook made from our template (message in Chinese, for staff)."""


def _xy(gc: GridCell) -> tuple[int, int]:
    return TOP + gc.row, 1 + gc.col


def _coord(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


# ---------------------------------------------------------------- writing
def write_template(path: str | Path, report: Optional[Report] = None) -> Path:
    """Write the fill-in workbook, pre-filled with ``report``'s values when given (blank cells stay blank)."""
    report = report or Report.blank()
    path = Path(path)
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    _info_sheet(info, report)
    for key, grid in grids(report.template).items():
        ws = wb.create_sheet(SHEETS[key])
        w, d = _validation("whole"), _validation("decimal")  # a DataValidation belongs to one sheet
        ws.add_data_validation(w)
        ws.add_data_validation(d)
        _grid_sheet(ws, grid, report, w, d, L.SECTION_TITLES[_SECTION_OF[key]])
        if key == "table3":
            _table3_checks(ws, grid)
        elif key == "table4":
            _table4_checks(ws, grid)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    meta = wb.create_sheet(META_SHEET)
    meta["A1"], meta["A2"] = MARKER, report.template
    meta.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


def _validation(kind: str) -> DataValidation:
    """Whole numbers ≥ 0 for counts; decimals ≥ 0 for amounts in 万元."""
    if kind == "whole":
        title, text = "请填写件数", "此格只能填写 0 或正整数；没有发生的事项请填 0，不要留空。"
    else:
        title, text = "请填写金额", "此格只能填写不小于 0 的数（单位：万元）；没有发生请填 0，不要留空。"
    return DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                          showErrorMessage=True, errorTitle=title, error=text)


def _info_sheet(ws: Worksheet, report: Report) -> None:
    ws["A1"] = "政府信息公开工作年度报告 统计表填报模板"
    ws["A1"].font = Font(bold=True, size=14)
    rows = [("机关名称", report.agency), ("报告年度", report.year), ("报告格式", report.template)]
    for i, (label, value) in enumerate(rows, start=3):
        ws.cell(i, 1, label).font = Font(bold=True)
        cell = ws.cell(i, 2, value)
        if label != "报告格式":
            cell.fill, cell.protection = INPUT_FILL, Protection(locked=False)
    notes = [
        "填写说明：",
        "1. 只在黄色格子里填写数字（阿拉伯数字）；其余格子是表头和校验公式，已锁定。",
        "2. 只填阿拉伯数字；没有发生的事项请填 0，不要留空（空白格在核对时会被标出）。",
        "3. 表二“行政事业性收费”的单位是万元，可以有小数；其余都是件数，只能填整数。",
        "4. 表三右侧和下方的绿色格子是校验公式：显示“不一致”时请核对数字。",
        "5. 填好后保存，用“导入填报表格”读回系统，不要增删行列或改动表头。",
    ]
    for i, line in enumerate(notes, start=7):
        ws.cell(i, 1, line)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 40
    text_cells(ws)  # an agency name starting with = is text, never a live formula
    ws.protection.sheet = True


def _grid_sheet(ws: Worksheet, grid: Grid, report: Report, whole: DataValidation, decimal: DataValidation, title: str) -> None:
    ws.cell(1, 1, f"{grid.name}　{title}").font = Font(bold=True, size=12)
    for gc in grid.cells:
        r, c = _xy(gc)
        for rr in range(r, r + gc.rowspan):
            for cc in range(c, c + gc.colspan):
                ws.cell(rr, cc).border = BORDER
        cell = ws.cell(r, c)
        if gc.kind == "value":
            cell.value = report.get(gc.ref) if gc.ref else None
            cell.fill, cell.protection = INPUT_FILL, Protection(locked=False)
            (decimal if gc.fee else whole).add(_coord(r, c))
            cell.alignment = Alignment(horizontal="center", vertical="center")
        else:
            cell.value = gc.text
            cell.alignment = CENTER if gc.kind == "header" or gc.col != 2 else Alignment(vertical="center",
                                                                                          wrap_text=True)
            if gc.kind == "header":
                cell.font = Font(bold=True)
        if gc.rowspan > 1 or gc.colspan > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + gc.rowspan - 1, end_column=c + gc.colspan - 1)
    widths = XLSX_WIDTHS.get(grid.name) or [max(8.0, w * 4.2) for w in grid.widths]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    _row_heights(ws, grid, widths)
    ws.freeze_panes = ws.cell(TOP + grid.header_rows, 1)
    ws.page_setup.orientation = "landscape" if grid.n_cols > 4 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{TOP}:{TOP + grid.header_rows - 1}" if grid.header_rows else None


def _display_width(text: str) -> int:
    """Rough width in Excel character units: a Chinese character is about two digits wide."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _row_heights(ws: Worksheet, grid: Grid, widths: list[float]) -> None:
    """Excel and LibreOffice do not grow rows for wrapped text on load: size each row for its longest label."""
    lines = dict.fromkeys(range(grid.n_rows), 1.0)
    for gc in grid.cells:
        if not gc.text:
            continue
        room = max(4.0, sum(widths[gc.col : gc.col + gc.colspan]) - 1.5)
        need = -(-_display_width(gc.text) // int(room)) / gc.rowspan
        for r in range(gc.row, gc.row + gc.rowspan):
            lines[r] = max(lines[r], need)
    for r, n in lines.items():
        ws.row_dimensions[TOP + r].height = max(18.0, 15.0 * n + 3)


def _check_cell(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row, col, value)
    cell.fill, cell.border = CHECK_FILL, BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center")


def _table3_checks(ws: Worksheet, grid: Grid) -> None:
    """Right: Σ six applicant columns vs 总计 per row. Below: 一+二 vs （七）+四, Σ results vs （七） per column."""
    first, last = TOP + grid.header_rows, TOP + grid.n_rows - 1
    total_col = 1 + grid.n_cols - 1  # 总计
    a, b = get_column_letter(total_col - 6), get_column_letter(total_col - 1)
    t = get_column_letter(total_col)
    for col, text in ((total_col + 1, "六类申请人之和（校验）"), (total_col + 2, "是否等于总计")):
        ws.cell(TOP, col, text).font = Font(bold=True)
        ws.cell(TOP, col).alignment = CENTER
        ws.merge_cells(start_row=TOP, start_column=col, end_row=TOP + grid.header_rows - 1, end_column=col)
        ws.column_dimensions[get_column_letter(col)].width = 12
    for r in range(first, last + 1):
        _check_cell(ws, r, total_col + 1, f"=SUM({a}{r}:{b}{r})")
        _check_cell(ws, r, total_col + 2, f'=IF(COUNT({a}{r}:{t}{r})=0,"",IF({get_column_letter(total_col + 1)}{r}={t}{r},"一致","不一致"))')
    new, carried_in, total, carried_out = first, first + 1, last - 1, last
    checks: list[tuple[str, Optional[Callable[[str], str]]]] = [
        ("校验：第一项＋第二项", lambda x: f"={x}{new}+{x}{carried_in}"),
        ("校验：（七）总计＋第四项", lambda x: f"={x}{total}+{x}{carried_out}"),
        ("校验：三（一）至（六）之和", lambda x: f"=SUM({x}{carried_in + 1}:{x}{total - 1})"),
        ("勾稽关系是否成立", None),
    ]
    base = last + 2
    for i, (label, formula) in enumerate(checks):
        r = base + i
        ws.cell(r, 1, label).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        for c in range(4, total_col + 1):
            x = get_column_letter(c)
            if formula is not None:
                _check_cell(ws, r, c, formula(x))
            else:
                ok = f"AND({x}{base}={x}{base + 1},{x}{base + 2}={x}{total})"
                _check_cell(ws, r, c, f'=IF({ok},"一致","不一致")')


def _table4_checks(ws: Worksheet, grid: Grid) -> None:
    """Under each group of five: Σ of the first four results, and whether it equals that group's 总计."""
    data_row = TOP + grid.n_rows - 1
    n = len(L.T4_COLUMNS)
    for g in range(len(L.T4_GROUPS)):
        first = 1 + g * n
        a, d, t = (get_column_letter(first + k) for k in (0, n - 2, n - 1))
        for r, label, value in (
            (data_row + 2, "前四项之和", f"=SUM({a}{data_row}:{d}{data_row})"),
            (data_row + 3, "是否等于总计", f'=IF(COUNT({a}{data_row}:{t}{data_row})=0,"",IF({t}{data_row + 2}={t}{data_row},"一致","不一致"))'),
        ):
            ws.cell(r, first, label).font = Font(bold=True)
            ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=first + n - 2)
            _check_cell(ws, r, first + n - 1, value)


# ---------------------------------------------------------------- reading
# A filled template is under 100 KB uncompressed; anything far larger is refused before openpyxl inflates it.
# (The same kind of bound as report.parse.limits, which report.export may not import.)
XLSX_MAX_MEMBERS = 500
XLSX_MAX_UNCOMPRESSED = 40 * 1024 * 1024


def _check_package(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: openpyxl says so below, in Chinese
    total = sum(i.file_size for i in infos)  # zipfile never inflates past the declared size: a real bound
    if len(infos) > XLSX_MAX_MEMBERS or total > XLSX_MAX_UNCOMPRESSED:
        raise XlsxTemplateError(
            f"“{path.name}”解压后有 {total / 1048576:.0f} MB、{len(infos)} 个部件，远大于填报模板（不到 1 MB），"
            "不是由本系统生成的填报模板。请先下载填报模板，把数据填入模板后再导入。")


def read_filled(path: str | Path) -> Report:
    """Read a filled template back. Cell problems become diagnostics; a foreign file raises XlsxTemplateError.

    The package size is checked first, then the workbook is opened read-only (streamed: a sheet is never loaded
    whole) and the template marker checked before any table is read; only the template's own rectangle of each
    sheet is read, so a workbook with a million rows costs what the template costs."""
    path = Path(path)
    if not path.is_file():
        raise XlsxTemplateError(f"找不到文件：{path}")
    _check_package(path)
    try:
        wb = load_workbook(str(path), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise XlsxTemplateError(f"无法打开“{path.name}”：它不是有效的 Excel 工作簿（.xlsx）。（{type(exc).__name__}）") from None
    try:
        return _read_workbook(wb, path)
    finally:
        wb.close()


def _rect(ws: Any, rows: int, cols: int) -> dict[tuple[int, int], Any]:
    """The values of rows 1..rows, columns 1..cols of a (read-only) sheet, streamed."""
    out: dict[tuple[int, int], Any] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=rows, max_col=cols, values_only=True), start=1):
        for c, v in enumerate(row, start=1):
            out[(r, c)] = v
    return out


def _read_workbook(wb: Any, path: Path) -> Report:
    meta = _rect(wb[META_SHEET], 2, 1) if META_SHEET in wb.sheetnames else {}
    if meta.get((1, 1)) != MARKER:
        raise XlsxTemplateError(
            f"“{path.name}”不是由本系统生成的填报模板（缺少模板信息）。请先下载填报模板，把数据填入模板后再导入。"
        )
    template = str(meta.get((2, 1)) or L.TEMPLATE_2021)
    if template not in L.TEMPLATES:
        raise XlsxTemplateError(f"“{path.name}”的模板信息已损坏（报告格式“{template}”无法识别）。请重新下载填报模板。")
    missing = [name for name in (INFO_SHEET, *SHEETS.values()) if name not in wb.sheetnames]
    if missing:
        raise XlsxTemplateError(f"“{path.name}”缺少工作表：{'、'.join(missing)}。请不要删除或改名模板中的工作表。")
    report = Report.blank(template)
    problems: list[Diagnostic] = []
    _read_info(_rect(wb[INFO_SHEET], 10, 2), report, problems)
    for key, grid in grids(template).items():
        ws = wb[SHEETS[key]]
        values = _rect(ws, max(_xy(gc)[0] for gc in grid.cells), max(_xy(gc)[1] for gc in grid.cells))
        _check_labels(values, ws.title, grid, path.name)
        for gc in grid.value_cells():
            r, c = _xy(gc)
            if gc.ref is not None:
                report.set(gc.ref, _cell_value(values.get((r, c)), ws.title, _coord(r, c), gc, problems))
    report.diagnostics.extend(problems)
    return report


def _at(values: dict[tuple[int, int], Any], coord: str) -> Any:
    from openpyxl.utils.cell import coordinate_to_tuple

    return values.get(coordinate_to_tuple(coord))


def _read_info(values: dict[tuple[int, int], Any], report: Report, problems: list[Diagnostic]) -> None:
    agency = _at(values, AGENCY_CELL)
    report.agency = str(agency).strip() or None if agency is not None else None
    year = _at(values, YEAR_CELL)
    if year is None or str(year).strip() == "":
        return
    text = str(year).strip().rstrip("年")
    value = clean_number(text)
    if isinstance(value, int) and 1990 <= value <= 2100:
        report.year = value
    else:
        problems.append(Diagnostic(code="xlsx_bad_year", severity="warning", where=f"{INFO_SHEET}!{YEAR_CELL}",
                                   message=f"{INFO_SHEET} {YEAR_CELL} 的报告年度“{year}”无法识别，请填写四位数年份，如 2024。"))


def _check_labels(values: dict[tuple[int, int], Any], title: str, grid: Grid, filename: str) -> None:
    """Row/column labels must be where the template put them, or the values would be read into the wrong cells."""
    for gc in grid.cells:
        if gc.kind == "value":
            continue
        r, c = _xy(gc)
        got = values.get((r, c))
        if str(got or "").strip() != gc.text:
            raise XlsxTemplateError(
                f"“{filename}”的{title} {_coord(r, c)} 应为“{gc.text}”，实际是“{got or ''}”：表格结构被改动过"
                f"（可能增删了行列）。请在新下载的模板中重新填写。"
            )


def _cell_value(raw: Any, sheet: str, coord: str, gc: GridCell, problems: list[Diagnostic]) -> Cell:
    cell_id = gc.ref.id if gc.ref else None
    where = cell_id or coord
    place = f"{sheet} {coord}（{cell_id}）"

    def problem(severity: str, text: str) -> None:
        problems.append(Diagnostic(code="xlsx_cell", severity=severity, where=where, message=f"{place}{text}"))

    if raw is None:
        return None
    if isinstance(raw, bool) or isinstance(raw, (dt.datetime, dt.date, dt.time)):
        problem("error", f"的内容“{raw}”不是数字（可能被 Excel 识别成了日期或逻辑值），已按空白处理，请改填数字。")
        return None
    if isinstance(raw, str) and raw.strip() in BLANK_MARKS:
        return None
    value = clean_number(raw)
    if value is None:
        problem("error", f"填写的“{str(raw).strip()}”不是数字，已按空白处理，请改为阿拉伯数字（没有发生的填 0）。")
        return None
    if value < 0:
        problem("error", f"填写的 {value} 是负数，统计数不能为负，请核对。")
    elif isinstance(value, float) and not gc.fee:
        problem("error", f"填写的 {value} 不是整数，件数只能是整数，请核对。")
    return value
