"""Token streams and the grid solver shared by every text-like table layout.

A table region is read as a stream of *segments*: the label text seen since the last number, followed by a run of
numbers (blank cells ``/``/``—`` count as ``None``). Web text gives one row per segment; pypdf text the same with
labels wrapped; pdfminer layout text gives whole column-major blocks per page. :func:`rows_from_segments` turns the
segments into rows of ``width`` values, deciding the orientation of each block by the table's own identities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Union

from report.model.cells import CellRef
from report.model.identities import Lookup, evaluate, group_total, row_lookup, row_total
from report.model.labels import R_NEW, T4_REVIEW
from report.parse.wrapped import rejoin

Number = Union[int, float]
Cell = Optional[Number]

_NUM_RE = re.compile(r"^[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")  # negatives: 2019 format 本年增/减
_TOKEN_RE = re.compile(r"\S+")
BLANK_TOKENS = frozenset({"/", "／", "—", "——", "－", "-", "–", "\\", "---"})
_UNIT_AFTER = ("年", "月", "日", "件", "条", "个", "次", "元", "万", "%", "％", "人", "项", "期", "场", "号", "家", "余")


@dataclass
class Segment:
    label: str
    values: list[Cell] = field(default_factory=list)
    end: int = 0  # offset just after the last value token in the region text


def to_number(token: str) -> Number:
    s = token.replace(",", "").replace("－", "-")
    return float(s) if "." in s else int(s)


# A row's last number glued to the next row's label: ``0二、上年结转…``, ``0（二）部分公开``, ``02.其他法律…`` (the
# next label's item number is its last digit: 表三's items run 1–8).
_GLUED_LABEL_RE = re.compile(r"(\d+?)(?=(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d[.．、][\u4e00-\u9fff]))")


class _Piece:
    """A token's text and end offset in the region (a glued token yields two pieces)."""

    def __init__(self, text: str, end: int) -> None:
        self._text, self._end = text, end

    def group(self, _: int = 0) -> str:
        return self._text

    def end(self) -> int:
        return self._end


def _tokens(text: str) -> list[_Piece]:
    out: list[_Piece] = []
    for m in _TOKEN_RE.finditer(text):
        tok = m.group(0)
        g = _GLUED_LABEL_RE.match(tok)
        if g and len(tok) > g.end():
            out.append(_Piece(g.group(1), m.start() + g.end()))
            out.append(_Piece(tok[g.end():], m.end()))
        else:
            out.append(_Piece(tok, m.end()))
    return out


def segments(text: str) -> list[Segment]:
    """Split a table region into (label, numbers) segments. Numbers followed by a unit (``2024 年``) are text."""
    matches = _tokens(text)
    tokens = [m.group(0) for m in matches]
    out: list[Segment] = []
    label: list[str] = []
    values: list[Cell] = []
    end = 0
    for i, tok in enumerate(tokens):
        is_num = bool(_NUM_RE.match(tok))
        if is_num and i + 1 < len(tokens) and _is_unit(tokens[i + 1]):
            is_num = False
        if is_num or (tok in BLANK_TOKENS and (values or _next_is_value(tokens, i))):
            values.append(to_number(tok) if is_num else None)
            end = matches[i].end()
            continue
        if values:
            out.append(Segment("".join(label), values, end))
            label, values = [], []
        label.append(tok)
    if values or label:
        out.append(Segment("".join(label), values, end))
    return out


def _is_unit(tok: str) -> bool:
    """'年，' '件' '个。' '年政府…' follow a number in prose; '项目' (a header cell) does not."""
    if not tok.startswith(_UNIT_AFTER):
        return False
    if tok[0] in "年月日" or len(tok) == 1:
        return True
    return not ("\u4e00" <= tok[1] <= "\u9fff")


def _next_is_value(tokens: list[str], i: int) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    return bool(_NUM_RE.match(nxt)) or nxt in BLANK_TOKENS


_T3_ROW = row_total(R_NEW)  # T3-C, evaluated on a row of numbers before it is placed
_T4_GROUP = group_total(T4_REVIEW)  # T4-A/B/C have one shape


def t3_row_ok(row: list[Cell]) -> bool:
    """T3-C on a row of 7 numbers, for guessing the layout of number blocks: the 总计 is filled, some applicant
    column is, and the filled cells balance (:attr:`report.model.Outcome.balanced_without_blanks`)."""
    o = evaluate(_T3_ROW, row_lookup(_T3_ROW.scope, row))
    return any(v is not None for v in o.rhs_values) and o.balanced_without_blanks


def t4_group_ok(row: list[Cell]) -> bool:
    """T4-A/B/C on a group of 5 numbers, for guessing the layout: the 总计 is filled and the filled cells balance."""
    return evaluate(_T4_GROUP, _group_lookup(row)).balanced_without_blanks


def _group_lookup(row: list[Cell]) -> Lookup:
    def get(ref: CellRef) -> Cell:
        i = ref.index
        return row[i] if i is not None and i < len(row) else None
    return get


def t3_row_possible(row: list[Cell]) -> bool:
    """T3-C could hold on the row (some non-negative values for its blanks would balance it)."""
    return evaluate(_T3_ROW, row_lookup(_T3_ROW.scope, row)).could_hold


def orient_block(values: list[Cell], width: int, ok: Callable[[list[Cell]], bool],
                 prefer: str = "row", possible: Optional[Callable[[list[Cell]], bool]] = None,
                 ) -> tuple[list[list[Cell]], bool, str]:
    """Rows of a block of ``k * width`` values: row-major or column-major, whichever satisfies more identities.

    Returns (rows, verified, orientation) — verified is False when neither layout satisfies every row identity, or
    when both satisfy as many and give different rows (a blank cell, which leaves its identity open, sits
    elsewhere in each), or — with ``possible`` — when no row of either reading is impossible (blank cells leave
    both open): then ``prefer`` (the layout the text suggests) is taken, unverified.
    """
    k = len(values) // width
    row_major = [values[i * width : (i + 1) * width] for i in range(k)]
    col_major = [[values[c * k + i] for c in range(width)] for i in range(k)]
    score_r = sum(ok(r) for r in row_major)
    score_c = sum(ok(r) for r in col_major)
    open_both = possible is not None and all(map(possible, row_major)) and all(map(possible, col_major))
    if (score_c == score_r or open_both) and row_major != col_major:
        return (col_major, False, "column") if prefer == "column" else (row_major, False, "row")
    if score_c > score_r:
        return col_major, score_c == k, "column"
    return row_major, score_r == k, "row"


_ROW_NUMBERING = re.compile(r"(?:^|(?<=[^\d.]))\d\s*[.、．]|[（(][一二三四五六七][)）]|[一二三四]、")


def labels_before(label: str, k: int) -> bool:
    """The label text before a block of ``k`` rows names most of those rows (numbered labels 1. （一） 一、): the
    labels came out as a column before the numbers (pdfminer), so the numbers are likely column by column."""
    return k >= 2 and len(_ROW_NUMBERING.findall(label)) >= max(2, k // 2)


@dataclass
class GridRow:
    label: str  # label text of the segment the row came from ('' for later rows of a block)
    values: list[Cell]
    kind: str  # 'row' | 'block' | 'irregular' (a run whose length is not a multiple of the width)
    guessed: bool = False  # a row of a block whose orientation no identity confirmed


@dataclass
class GridResult:
    rows: list[GridRow] = field(default_factory=list)
    guessed_blocks: int = 0
    column_blocks: int = 0
    rejoined: list[str] = field(default_factory=list)  # labels of runs whose wrapped numbers were joined

    @property
    def regular(self) -> bool:
        return all(r.kind != "irregular" for r in self.rows)


def rows_from_segments(segs: list[Segment], width: int, ok: Callable[[list[Cell]], bool],
                       possible: Optional[Callable[[list[Cell]], bool]] = None) -> GridResult:
    """Rows of ``width`` cells from segments; blocks of several rows are oriented by the identities ``ok``."""
    res = GridResult()
    for seg in segs:
        n = len(seg.values)
        if n == 0:
            continue
        if n == width:
            res.rows.append(GridRow(seg.label, list(seg.values), "row"))
        elif n % width == 0:
            prefer = "column" if labels_before(seg.label, n // width) else "row"
            rows, verified, orientation = orient_block(seg.values, width, ok, prefer, possible)
            for i, r in enumerate(rows):
                res.rows.append(GridRow(seg.label if i == 0 else "", r, "block", not verified))
            res.guessed_blocks += 0 if verified else 1
            res.column_blocks += orientation == "column"
        elif _unlabeled_rows(seg.values, width, ok):
            # rows whose empty label cell (Markdown / HTML) was read as a blank between them: split at those cells
            for i in range(0, n, width + 1):
                res.rows.append(GridRow(seg.label if i == 0 else "", list(seg.values[i : i + width]), "row"))
        elif (joined := rejoin(list(seg.values), width, ok, width)) is not None:
            res.rows.append(GridRow(seg.label, joined, "row"))
            res.rejoined.append(seg.label)
        else:
            res.rows.append(GridRow(seg.label, list(seg.values), "irregular"))
    return res


def _unlabeled_rows(values: list[Cell], width: int, ok: Callable[[list[Cell]], bool]) -> bool:
    """``k`` rows of ``width`` separated by single blanks, each row satisfying its identity."""
    n = len(values)
    if n <= width or (n + 1) % (width + 1):
        return False
    starts = range(0, n, width + 1)
    return all(values[i - 1] is None for i in starts[1:]) and all(ok(values[i : i + width]) for i in starts)
