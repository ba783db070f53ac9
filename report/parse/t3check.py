"""Table 3 placed from a garbled layout: check it with the table identities before keeping it.

When the parser had to *guess* where the numbers of table 3 belong (rows anchored by floating labels in a
PDF-to-Markdown conversion, or blocks whose orientation no identity confirmed), a misplaced row is worse than a blank
one: the auditor would compare the narrative with numbers from the neighbouring row and raise false errors. So a
guessed table 3 is checked with the identities of the template:

- T3-C: in each row the six applicant columns add up to 总计;
- T3-A: in each column 一 + 二 = （七）总计 + 四;
- T3-B: in each column （七）总计 = the sum of the result rows （一）…（六）.

Blank cells are unknown non-negative numbers, so a half-filled table still fails when no numbers could fill it.

If the guessed placement fails, the numbers are tried in plain reading order (one run of 7 per row, stray page
numbers and empty header cells dropped); if that order satisfies every identity it is used. Otherwise the rows whose
placement is uncertain are left blank with a warning naming them. Tables read from a clean layout are never
touched here, so a published table that really breaks an identity keeps its numbers for the auditor.
"""

from __future__ import annotations

from typing import Optional

from report.model import labels as L
from report.model.identities import evaluate, identities, table3_lookup
from report.model.tables import Diagnostic
from report.parse.grid import Cell, Segment, t3_row_ok, t3_row_possible
from report.parse.t3_tiles import rectangles

MAX_BLOCK_TABLES = 4


def identity_failures(table: dict[str, list[Cell]], template: str) -> list[set[str]]:
    """The 表三 identities (T3-A, T3-B, T3-C of :mod:`report.model.identities`) the table breaks, each as the set of
    row paths it involves.

    The model's blank policy: a blank cell is an unknown non-negative number, so an identity fails here when no
    such number could make it hold (:attr:`report.model.Outcome.could_hold`; e.g. the result rows already add up
    to more than （七）总计).
    """
    get = table3_lookup(table)
    return [{ref.row for ref in i.cells} for i in identities(template)
            if i.code.startswith("T3") and not evaluate(i, get).could_hold]


def _runs_of_rows(values: list[Cell], width: int) -> Optional[list[list[Cell]]]:
    """A run of numbers as rows of ``width``; a run one or two cells too long sheds the extra cells at the end or
    start that are blank (an empty Markdown cell) or that make the row sum hold (a stray page number)."""
    if all(v is None for v in values):
        return []
    extra = len(values) % width
    if extra == 0:
        return [values[i : i + width] for i in range(0, len(values), width)]
    if len(values) < width:
        return None
    options = []
    for trimmed, shed in ((values[: len(values) - extra], values[len(values) - extra :]), (values[extra:], values[:extra])):
        rows = [trimmed[i : i + width] for i in range(0, len(trimmed), width)]
        score = sum(t3_row_ok(r) or (r[-1] is None) for r in rows) + len(rows) * all(v is None for v in shed)
        options.append((score, rows))
    best = max(options, key=lambda o: o[0])
    if sum(o[0] == best[0] for o in options) > 1:
        return None  # cannot tell which end the stray cells are on
    return best[1]


def reading_order(segs: list[Segment], template: str) -> Optional[dict[str, list[Cell]]]:
    """Table 3 from the numbers in reading order, one row of 7 after another; None when the count does not fit."""
    width = len(L.T3_COLUMNS)
    rows: list[list[Cell]] = []
    for seg in segs:
        if not seg.values:
            continue
        part = _runs_of_rows(list(seg.values), width)
        if part is None:
            return None
        rows += part
    paths = L.t3_rows(template)
    if len(rows) != len(paths):
        return None
    return {p: list(r) for p, r in zip(paths, rows)}


def settle_guessed(
    table: dict[str, list[Cell]], template: str, segs: list[Segment], certain: set[str], diags: list[Diagnostic]
) -> tuple[dict[str, list[Cell]], str]:
    """Keep a guessed table 3 only if it satisfies the identities; else reading order, else blank uncertain rows.

    ``certain`` holds the rows whose own label directly preceded exactly seven numbers. Returns the table and how
    it was settled: 'kept', 'reading_order' (the guessed placement's own diagnostics no longer apply) or 'blanked'.
    """
    if not identity_failures(table, template):
        if any(all(v is None for v in row) for row in table.values()):  # rows left unplaced: are they in rectangles?
            tiled = _tiled(segs, template, diags)
            if tiled is not None:
                return tiled, "column_blocks"
        return table, "kept"
    ordered = reading_order(segs, template)
    if ordered is not None and not identity_failures(ordered, template) and _checkable(ordered, template):
        diags.append(
            Diagnostic(
                code="t3_reading_order",
                severity="warning",
                where="表三",
                message="表三的行标签与数字错位（PDF 转换后标签脱离了所在行），按标签定位的结果不符合表三的勾稽关系；"
                "已改为按数字出现的顺序逐行填入，该结果符合全部勾稽关系，请对照原文核对。",
            )
        )
        return ordered, "reading_order"
    blocks = column_blocks(segs, template)
    if blocks is not None:
        diags.append(Diagnostic(
            code="t3_column_blocks", severity="warning", where="表三",
            message="表三的数字在文本中按页、按列排列（PDF 版面提取，行标签与数字分离）；按行标签定位的结果不符合勾稽关系，"
                    "已按“每页若干行、逐列排列”还原（只有这一种还原使各行的各类申请人之和等于总计），请对照原文核对。"))
        return blocks, "column_blocks"
    tiled = _tiled(segs, template, diags)
    if tiled is not None:
        return tiled, "column_blocks"
    out = {p: list(r) for p, r in table.items()}
    blank: list[str] = []
    for path in out:
        if path not in certain and any(v is not None for v in out[path]):
            blank.append(path)
    for path in blank:
        out[path] = [None] * len(out[path])
    for involved in identity_failures(out, template):
        for path in involved:
            if any(v is not None for v in out[path]):
                out[path] = [None] * len(out[path])
                blank.append(path)
    unplaced = [p for p, row in out.items() if all(v is None for v in row)]
    if unplaced:
        names = "、".join(L.t3_short_label(p) for p in unplaced)
        diags.append(
            Diagnostic(
                code="t3_unplaced_rows",
                severity="warning",
                where="表三",
                message=f"表三版面错乱，数字无法可靠地对应到行：按行标签定位的结果不符合表三的勾稽关系，也找不到符合勾稽关系的其他排列。"
                f"以下行无法可靠定位，已留空，请对照原文补填：{names}。",
            )
        )
    return out, "blanked"


def _tiled(segs: list[Segment], template: str, diags: list[Diagnostic]) -> Optional[dict[str, list[Cell]]]:
    tiled = rectangles(segs, template)
    if tiled is None:
        return None
    table, own_order = tiled
    order = "" if own_order else ("；各类申请人列在文本中的次序与表格不同，已按打印的列标题次序对应（哪一列属于哪类申请人"
                                  "无法用勾稽关系验证）")
    diags.append(Diagnostic(
        code="t3_column_blocks", severity="warning", where="表三",
        message="表三的数字在文本中按矩形块、逐列排列（PDF 版面提取，跨行的单元格把各列切成了几段）；按行标签无法定位全部行，"
                f"已按“每段数字是若干行×若干列、逐列排列”还原（只有这一种还原符合表三的全部勾稽关系）{order}，请对照原文核对。"))
    return table


def _checkable(table: dict[str, list[Cell]], template: str) -> bool:
    """Reading order is only trusted when the identities can actually see it: （七）总计 and the result rows known."""
    results = L.t3_result_rows(template)
    return all(v is not None for v in table[L.R_TOTAL]) and all(any(v is not None for v in table[p]) for p in results)


def column_blocks(segs: list[Segment], template: str) -> Optional[dict[str, list[Cell]]]:
    """Table 3 from all its numbers in reading order read as pages of whole rows, each page column by column
    (pdfminer's order when the labels and each column of numbers are separate text boxes): the one table, over every
    way to cut the numbers into such pages, that satisfies every 表三 identity and can be checked by them
    (:func:`_checkable`) — or, when none does (a published table whose column sums are off), the only cut whose
    every row balances (T3-C); None when cuts give different tables."""
    width = len(L.T3_COLUMNS)
    values = [v for seg in segs for v in seg.values]
    paths = list(L.t3_rows(template))
    n = len(paths)
    if len(values) != n * width:
        return None

    def block(r: int, k: int) -> Optional[tuple[tuple[Cell, ...], ...]]:
        base = r * width
        rows = tuple(tuple(values[base + c * k + i] for c in range(width)) for i in range(k))
        if all(t3_row_possible(list(row)) and (t3_row_ok(list(row)) or None in row) for row in rows):
            return rows
        return None

    memo: dict[int, Optional[set[tuple[tuple[Cell, ...], ...]]]] = {n: {()}}

    def tables_from(r: int) -> Optional[set[tuple[tuple[Cell, ...], ...]]]:
        """Distinct row lists for rows r… (None: too many to tell apart)."""
        if r in memo:
            return memo[r]
        out: set[tuple[tuple[Cell, ...], ...]] = set()
        for k in range(1, n - r + 1):
            rows = block(r, k)
            if rows is None:
                continue
            rest = tables_from(r + k)
            if rest is None:
                memo[r] = None
                return None
            out.update(rows + tail for tail in rest)
            if len(out) > MAX_BLOCK_TABLES:
                memo[r] = None
                return None
        memo[r] = out
        return out

    found = tables_from(0)
    if not found:
        return None
    good = []
    for rows in found:
        table = {p: list(row) for p, row in zip(paths, rows)}
        if not identity_failures(table, template) and _checkable(table, template):
            good.append(table)
    if len(good) == 1:
        return good[0]
    if not good and len(found) == 1:  # the one cut whose every row balances: the report's own sums may be off
        only = {p: list(row) for p, row in zip(paths, next(iter(found)))}
        return only if _checkable(only, template) else None
    return None
