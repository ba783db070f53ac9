"""表二 in the order a PDF's text boxes come out (pdfminer): row labels as a column, then column headers, then the
numbers column by column — sub-table by sub-table, with the labels of one sub-table sometimes before another's
numbers, and single cells right after their own column header (「采购项目数量 15 本年增/减 0 采购总金额 6805947.43」).

The reader walks the segments (label text, then numbers) keeping the rows whose labels were seen and whose cells
are not yet filled (*pending*), in order:

- a run of ``k × c`` numbers after the ``c`` column headers of a sub-table fills that sub-table's ``k`` pending rows,
  column by column when their labels came before the headers (a column of labels), row by row for one row;
- a single number fills, in the first pending row having it, the column whose header stands last before it.

It returns a table only when every cell was filled exactly once and the layout was not plain label-then-cells rows
(that layout is read by position and by :mod:`report.parse.table2_rows`); otherwise ``None``.
"""

from __future__ import annotations

from typing import Any, Optional

from report.model import labels as L
from report.model.tables import Cell, blank_table2
from report.parse.grid import Segment


def _columns(template: str) -> dict[str, tuple[str, ...]]:
    if template == L.TEMPLATE_2019:
        return dict(L.T2_2019)
    out: dict[str, tuple[str, ...]] = dict.fromkeys(L.T2_DOC_ROWS, L.T2_DOC_COLUMNS)
    heads = {L.T2_FEE: "本年收费金额"}
    for row in L.T2_SINGLE_ROWS:
        out[row] = (heads.get(row, "本年处理决定数量"),)
    return out


def _rows_named(label: str, rows: list[str]) -> list[tuple[int, str]]:
    out = []
    for row in rows:
        word = "规范性文件" if row == "行政规范性文件" else row
        p = label.find(word)
        while p >= 0 and row == "规范性文件" and label[max(0, p - 2):p] == "行政":
            p = label.find(word, p + 1)
        if p >= 0:
            out.append((p, row))
    return sorted(out)


def read_by_headers(segs: list[Segment], template: str) -> Optional[tuple[dict[str, Any], list[str]]]:
    """(table, rows read column by column or by their header) — see the module docstring — or None."""
    columns = _columns(template)
    rows = list(columns)
    cells: dict[tuple[str, str], Cell] = {}
    pending: list[str] = []
    moved: list[str] = []

    def open_cols(row: str) -> list[str]:
        return [c for c in columns[row] if (row, c) not in cells]

    words = {c for r in rows for c in columns[r]}
    merged: list[Segment] = []
    for seg in segs:  # numbers after a label that names no row and no column continue the run before them
        if merged and merged[-1].values and seg.values and not _rows_named(seg.label, rows) \
                and not any(w in seg.label for w in words):
            merged[-1] = Segment(merged[-1].label, merged[-1].values + seg.values, seg.end)
        else:
            merged.append(seg)
    for seg in merged:
        named = _rows_named(seg.label, rows)
        for _, row in named:
            if row not in pending and open_cols(row):
                pending.append(row)
        if not seg.values:
            continue
        heads = [(seg.label.rfind(c), c) for c in words if seg.label.rfind(c) >= 0]
        vals = list(seg.values)
        if len(vals) == 1:
            if not heads:
                return None
            last_head = max(heads)[1]
            target = next((r for r in pending if last_head in open_cols(r)), None)
            if target is None:
                return None
            cells[(target, last_head)] = vals[0]
            moved.append(target)
        else:
            # the sub-table whose full header row stands last in the label
            subs = {columns[r] for r in pending}
            found = [(min(seg.label.rfind(c) for c in cols), cols) for cols in subs
                     if all(seg.label.rfind(c) >= 0 for c in cols)]
            if not found:
                return None
            head_at, cols = max(found)
            block = [r for r in pending if columns[r] == cols and open_cols(r) == list(cols)]
            k = len(vals) // len(cols)
            if k == 0 or len(vals) != k * len(cols) or k > len(block):
                return None
            block = block[:k]  # sub-tables with the same headers (2019 第（五）项 and 第（六）项): the first pending rows
            here = {r: p for p, r in named}
            if k > 1 and any(here.get(r, -1) > head_at for r in block):
                return None  # a row label after the headers: rows, not a column of labels
            for i, row in enumerate(block):
                for j, col in enumerate(cols):
                    cells[(row, col)] = vals[j * k + i] if k > 1 else vals[j]
            if k > 1:
                moved += block
        pending = [r for r in pending if open_cols(r)]
    if len(cells) != sum(len(c) for c in columns.values()) or not moved:
        return None
    table = blank_table2(template)
    for (row, col), v in cells.items():
        if template == L.TEMPLATE_2021 and row in L.T2_SINGLE_ROWS:
            table[row] = v
        else:
            table[row][col] = v
    return table, list(dict.fromkeys(moved))
