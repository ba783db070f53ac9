"""表二's two document rows (规章 / 行政规范性文件 × 本年制发 / 本年废止 / 现行有效) read by position from one run of six
numbers: row by row or column by column?

Web text prints each row after its label (``规章 1 0 11 行政规范性文件 8 26 66``): the order is attested by the labels.
PDF text extractors print table cells in the order of their text boxes; pdfminer often gives the labels as a column
and then the numbers column by column (``规章 行政规范性文件 … 1 8 0 26 11 66``), and some layouts give the column
headers, then the labels, then the numbers, in either order. Such a run has two readings. No table identity ties
these cells together, so the reading is

- confirmed by last year's report (现行有效件数 = 上年现行有效 + 本年制发 − 本年废止 for both rows, in one reading only);
- otherwise chosen by the text's evidence (labels printed as a column → column by column) and plausibility
  (:func:`report.parse.crawler.split.doc_row_score`), and a warning names the cells whose value depends on the
  reading, with both readings.
"""

from __future__ import annotations

from typing import Any, Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.tables import Cell, Diagnostic, Report
from report.parse.crawler.split import doc_row_score
from report.parse.grid import Segment
from report.parse.table2_rows import previous_identity

_ROWS = L.T2_DOC_ROWS
_COLS = L.T2_DOC_COLUMNS
_W = len(_COLS)
_N = len(_ROWS) * _W


def _word(row: str) -> str:
    return "规范性文件" if row == "行政规范性文件" else row


def _attested(segs: list[Segment]) -> bool:
    """Each document row's three numbers follow its own label (the label is the last row word before them)."""
    at = 0
    starts: dict[int, str] = {}
    for seg in segs:
        if seg.values:
            starts[at] = seg.label
            at += len(seg.values)
        if at >= _N:
            break
    for i, row in enumerate(_ROWS):
        label = starts.get(i * _W)
        if label is None:
            return False
        last = max(_ROWS, key=lambda r: label.rfind(_word(r)))
        if label.rfind(_word(last)) < 0 or last != row:
            return False
    return True


def _labels_column(segs: list[Segment]) -> bool:
    """Both row labels stand before the first number, one right after the other: a column of labels (pdfminer)."""
    first = next((s for s in segs if s.values), None)
    if first is None:
        return False
    a, b = first.label.find(_word(_ROWS[0])), first.label.rfind(_word(_ROWS[1]))
    return 0 <= a < b and first.label[a + len(_ROWS[0]) : b].strip() in ("", "行政")


def _score(rows: list[list[Cell]]) -> float:
    total = 0.0
    for r in rows:
        if all(isinstance(v, (int, float)) for v in r):
            total += doc_row_score(int(r[0] or 0), int(r[1] or 0), int(r[2] or 0))
    return total


def orient_doc_rows(segs: list[Segment], table: dict[str, Any], previous: Optional[Report],
                    diags: list[Diagnostic]) -> None:
    """Check (and fix) the reading of the document rows that :func:`report.parse.tables.extract_table2` filled
    by position from the first six numbers; appends a diagnostic when the order was not attested by the labels."""
    vals = [v for s in segs for v in s.values][:_N]
    if len(vals) < _N:
        return
    by_row = [vals[i * _W : (i + 1) * _W] for i in range(len(_ROWS))]
    by_col = [[vals[c * len(_ROWS) + i] for c in range(_W)] for i in range(len(_ROWS))]
    current = [[table[r][c] for c in _COLS] for r in _ROWS]
    if current != by_row or by_row == by_col or _attested(segs):
        return
    readings = {"row": by_row, "column": by_col}
    checks = {k: [previous_identity(L.TEMPLATE_2021, r, tuple(v), previous) for r, v in zip(_ROWS, rows)]
              for k, rows in readings.items()}
    confirmed = [k for k, c in checks.items() if all(x is True for x in c)]
    refuted = [k for k, c in checks.items() if any(x is False for x in c)]
    if len(confirmed) == 1 and len(refuted) == 1:
        how = confirmed[0]
        _fill(table, readings[how])
        diags.append(Diagnostic(code="t2_doc_order", severity="info", where="表二",
                                message=f"表二“规章”“行政规范性文件”两行的数字在文本中连在一起（PDF 版面提取），"
                                        f"已按上年的现行有效件数确定为{'按行' if how == 'row' else '按列'}排列。"))
        return
    if _labels_column(segs):
        how = "column"
    else:
        how = min(readings, key=lambda k: (_score(readings[k]), k != "row"))
    other = "row" if how == "column" else "column"
    _fill(table, readings[how])
    cells = [(r, c) for i, r in enumerate(_ROWS) for j, c in enumerate(_COLS) if by_row[i][j] != by_col[i][j]]
    pos = {(r, c): (i, j) for i, r in enumerate(_ROWS) for j, c in enumerate(_COLS)}
    diags.append(Diagnostic(
        code="t2_doc_order", severity="warning", where="表二",
        cells=[CellRef("table2", r, c).id for r, c in cells],
        readings=[[readings[k][pos[rc][0]][pos[rc][1]] for rc in cells] for k in (how, other)],
        message=f"表二“规章”“行政规范性文件”两行的6个数字在文本中连在一起（PDF 版面提取），无法确定是按行还是按列排列，"
                f"已按{'列' if how == 'column' else '行'}读取（另一种读法：" + "；".join(
                    f"{r}{c}={readings[other][pos[(r, c)][0]][pos[(r, c)][1]]}" for r, c in cells) + "），请核对原文。"))


def _fill(table: dict[str, Any], rows: list[list[Cell]]) -> None:
    for r, vals in zip(_ROWS, rows):
        table[r] = dict(zip(_COLS, vals))


def unattested_rows(segs: list[Segment], cells: list[tuple[str, Optional[str]]]) -> list[str]:
    """Rows of a positional read (``cells`` in text order) whose numbers do not follow their own label: a row that
    starts inside a run of numbers, or after text whose last row label names another row (PDF text boxes in
    another order: the headers' and labels' columns apart from the numbers)."""
    rows = list(dict.fromkeys(r for r, _ in cells))
    bad: set[str] = set()
    at = 0
    for seg in segs:
        if not seg.values:
            continue
        if at >= len(cells):
            break
        row = cells[at][0]
        named = max(rows, key=lambda r: seg.label.rfind(_word(r)))
        named_any = seg.label.rfind(_word(named)) >= 0
        first_of_row = at == 0 or cells[at - 1][0] != row
        if (first_of_row and named != row) or (not first_of_row and named_any):
            bad.add(row)
        for k in range(at + 1, min(at + len(seg.values), len(cells))):
            if cells[k][0] != cells[k - 1][0]:
                bad.add(cells[k][0])
        at += len(seg.values)
    return [r for r in rows if r in bad]


def unattested_warning(rows: list[str], cells: list[tuple[str, Optional[str]]]) -> Diagnostic:
    return Diagnostic(
        code="t2_unattested", severity="warning", where="表二",
        cells=[CellRef("table2", r, c).id for r, c in cells if r in rows],
        message=f"表二“{'”“'.join(rows)}”的数字不在各自的行标签之后（PDF 版面提取，标签与数字分开排列），"
                "已按数字出现的顺序填入，无法确认各数字属于哪一行、哪一列，请对照原文核对。")
