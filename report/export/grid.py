"""The printed layout of the three statutory tables as a grid of (possibly merged) cells.

One description of where every header, label and value sits in 表二/表三/表四 as the official template prints
them (国办公开办函〔2021〕30号; the 2019 trial format for old reports). The Word writer (:mod:`report.export.docx`) and
the Excel template (:mod:`report.export.xlsx`) both draw from it, so the two layouts cannot drift apart.

Coordinates are 0-based (row, column) inside the table; ``rowspan``/``colspan`` give the merged block.
``ref`` is the :class:`report.model.cells.CellRef` of a value cell, ``None`` for header/label cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.numfmt import fmt_number
from report.model.tables import Report

Kind = Literal["header", "label", "value"]


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    kind: Kind = "header"
    ref: Optional[CellRef] = None  # the cell a value cell shows
    fee: bool = False  # a decimal amount (万元) rather than a whole count


@dataclass
class Grid:
    """A table: size, how many leading rows are headers (repeated on each page), the cells, relative widths."""

    name: str
    n_rows: int
    n_cols: int
    header_rows: int
    widths: list[float]
    cells: list[GridCell] = field(default_factory=list)

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.kind == "value"]


# ---------------------------------------------------------------- 表二
def _t2_spec(template: str) -> list[tuple[str, list[tuple[str, tuple[str, ...]]]]]:
    """[(第二十条 item, [(row label, column labels)…])…] in printed order; 2021 single rows have one column."""
    if template == L.TEMPLATE_2019:
        items: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for row, cols in L.T2_2019.items():
            items.setdefault(L.T2_2019_ITEM_OF[row], []).append((row, cols))
        return list(items.items())
    items = {}
    for row in L.T2_DOC_ROWS:
        items.setdefault(L.T2_ITEM_OF[row], []).append((row, L.T2_DOC_COLUMNS))
    for row in L.T2_SINGLE_ROWS:
        items.setdefault(L.T2_ITEM_OF[row], []).append((row, (L.T2_SINGLE_COLUMN[row],)))
    return list(items.items())


def _spans(n_values: int, width: int = 3) -> list[int]:
    """How the value columns of a row share the 3 value columns: 1 -> [3], 2 -> [1, 2], 3 -> [1, 1, 1]."""
    if n_values >= width:
        return [1] * n_values
    return [1] * (n_values - 1) + [width - n_values + 1]


def table2_grid(template: str = L.TEMPLATE_2021) -> Grid:
    """表二: 4 columns; each 第二十条 item is a full-width heading row, a column-header row, then its rows."""
    cells: list[GridCell] = []
    r = 0
    for item, rows in _t2_spec(template):
        cells.append(GridCell(r, 0, item, colspan=4))
        r += 1
        header_cols = rows[0][1]
        cells.append(GridCell(r, 0, L.T2_CONTENT_HEADER))
        c = 1
        for col, span in zip(header_cols, _spans(len(header_cols))):
            cells.append(GridCell(r, c, col, colspan=span))
            c += span
        r += 1
        for row, cols in rows:
            cells.append(GridCell(r, 0, row, kind="label"))
            single = template == L.TEMPLATE_2021 and row in L.T2_SINGLE_ROWS
            c = 1
            for col, span in zip(cols, _spans(len(cols))):
                ref = CellRef("table2", row, None if single else col)
                is_fee = (single and row == L.T2_FEE) or col == "采购总金额"
                cells.append(GridCell(r, c, colspan=span, kind="value", ref=ref, fee=is_fee))
                c += span
            r += 1
    return Grid("表二", r, 4, 0, [3.6, 4.0, 4.0, 4.0], cells)


# ---------------------------------------------------------------- 表三
def _vertical_runs(values: list[Optional[str]]) -> list[tuple[int, int, str]]:
    """Runs of equal consecutive non-empty values -> (start index, length, value)."""
    runs: list[tuple[int, int, str]] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if runs and runs[-1][2] == v and runs[-1][0] + runs[-1][1] == i:
            s, n, _ = runs[-1]
            runs[-1] = (s, n + 1, v)
        else:
            runs.append((i, 1, v))
    return runs


def table3_grid(template: str = L.TEMPLATE_2021) -> Grid:
    """表三: 3 header rows + 25 (2019: 23) data rows; 3 label columns + 7 applicant columns."""
    H = 3
    cells = [
        GridCell(0, 0, L.T3_IDENTITY_NOTE, rowspan=3, colspan=3),
        GridCell(0, 3, L.T3_APPLICANT_HEADER, colspan=7),
        GridCell(1, 3, L.T3_COLUMNS[0], rowspan=2),
        GridCell(1, 4, L.T3_ORG_HEADER, colspan=5),
        GridCell(1, 9, L.T3_TOTAL_COLUMN, rowspan=2),
    ]
    cells += [GridCell(2, 4 + i, col) for i, col in enumerate(L.T3_ORG_COLUMNS)]
    rows = L.t3_rows(template)
    parts = [p.split("/") for p in rows]
    # Label columns: level 1 merges down (三、本年度办理结果), level 2 merges down within a group ((三) over 8 rows).
    level1 = [ps[0] if len(ps) > 1 else None for ps in parts]
    level2 = [ps[1] if len(ps) == 3 else None for ps in parts]
    for start, n, text in _vertical_runs(level1):
        cells.append(GridCell(H + start, 0, text, rowspan=n, kind="label"))
    for start, n, text in _vertical_runs(level2):
        cells.append(GridCell(H + start, 1, text, rowspan=n, kind="label"))
    for i, (path, ps) in enumerate(zip(rows, parts)):
        r = H + i
        if len(ps) == 1:
            cells.append(GridCell(r, 0, ps[0], colspan=3, kind="label"))
        elif len(ps) == 2:
            cells.append(GridCell(r, 1, ps[1], colspan=2, kind="label"))
        else:
            cells.append(GridCell(r, 2, ps[2], kind="label"))
        for j, col in enumerate(L.T3_COLUMNS):
            ref = CellRef("table3", path, col)
            cells.append(GridCell(r, 3 + j, kind="value", ref=ref))
    widths = [1.2, 2.1, 4.5] + [1.1] * 7
    return Grid("表三", H + len(rows), 10, H, widths, cells)


# ---------------------------------------------------------------- 表四
def table4_grid() -> Grid:
    """表四: 行政复议 (5) | 行政诉讼 (10 = 未经复议直接起诉 5 + 复议后起诉 5); the 15 result labels; one data row."""
    n = len(L.T4_COLUMNS)
    cells = [
        GridCell(0, 0, L.T4_REVIEW, rowspan=2, colspan=n),
        GridCell(0, n, L.T4_SUIT, colspan=2 * n),
        GridCell(1, n, L.T4_SUB_HEADERS[L.T4_SUIT_DIRECT], colspan=n),
        GridCell(1, 2 * n, L.T4_SUB_HEADERS[L.T4_SUIT_AFTER], colspan=n),
    ]
    for g, group in enumerate(L.T4_GROUPS):
        for j, col in enumerate(L.T4_COLUMNS):
            cells.append(GridCell(2, g * n + j, col))
            ref = CellRef("table4", group, col)
            cells.append(GridCell(3, g * n + j, kind="value", ref=ref))
    return Grid("表四", 4, 3 * n, 3, [1.0] * (3 * n), cells)


def grids(template: str = L.TEMPLATE_2021) -> dict[str, Grid]:
    return {"table2": table2_grid(template), "table3": table3_grid(template), "table4": table4_grid()}


def table2_template(report: Report) -> str:
    """The format of this report's 表二, read from its own rows: some 2021–2024 reports print a 2021 表二 next to a
    2019 表三 (or the reverse), so 表二 follows its keys, not ``report.template``."""
    keys = set(report.table2)
    if "行政规范性文件" in keys:
        return L.TEMPLATE_2021
    if "规范性文件" in keys:
        return L.TEMPLATE_2019
    return report.template


def report_grids(report: Report) -> dict[str, Grid]:
    """The three grids as this report prints them (表二 in its own format, see :func:`table2_template`)."""
    out = grids(report.template)
    t2 = table2_template(report)
    if t2 != report.template:
        out["table2"] = table2_grid(t2)
    return out


def grid_text(cell: GridCell, report: Report) -> str:
    """What a grid cell shows for this report: its label, or the formatted value."""
    if cell.kind == "value" and cell.ref:
        return fmt_number(report.get(cell.ref), blank="")
    return cell.text
