"""Tables 2, 3 and 4 from the text of their sections (any text-like layout: web text, pypdf, pdfminer,
linearised HTML / Markdown / DOCX tables).

Values are assigned by position in the canonical row order and verified with the table identities (row sums
for table 3, group totals for table 4); labels are used to detect the layout (2019 vs 2021), to re-anchor rows
when the count does not fit, and to report repaired or unexpected labels.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.tables import Diagnostic, blank_table2, blank_table3, blank_table4
from report.parse.crawler.table24 import table4 as table4_of
from report.parse.crawler.text import skeleton
from report.parse.grid import (
    Cell,
    Segment,
    orient_block,
    rows_from_segments,
    segments,
    t3_row_ok,
    t3_row_possible,
    t4_group_ok,
)
from report.parse.normalize import label_key
from report.parse.row_labels import best_row, check_row_labels, is_2019_layout, label_at_tail, leaf_key
from report.parse.t3check import identity_failures, settle_guessed
from report.parse.table2_columns import read_by_headers
from report.parse.table2_orient import unattested_rows, unattested_warning
from report.parse.table4_heads import read_by_heads
from report.parse.wrapped import rejoin

W3 = len(L.T3_COLUMNS)
W4 = len(L.T4_COLUMNS)


def _diag(code: str, severity: str, message: str, where: Optional[str] = None) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, message=message, where=where)


def _values(segs: list[Segment]) -> list[Cell]:
    return [v for s in segs for v in s.values]


# ---------------------------------------------------------------- table 3
def extract_table3(region: str) -> tuple[dict[str, list[Cell]], str, list[Diagnostic], bool]:
    """-> (table3, template, diagnostics, found_any_number)."""
    template = L.TEMPLATE_2019 if is_2019_layout(region) else L.TEMPLATE_2021
    segs = segments(region)
    grid = rows_from_segments(segs, W3, t3_row_ok, t3_row_possible)
    diags: list[Diagnostic] = []
    if not grid.rows:
        return blank_table3(template), template, diags, False
    n = len(grid.rows)
    labelled = (_rows_at_own_labels(grid.rows, template, label_key(region))
                if grid.regular and n < len(L.t3_rows(template)) else None)
    if labelled is not None:
        table, blank_rows = labelled
        names = "、".join(L.t3_short_label(p) for p in blank_rows)
        diags.append(_diag("t3_rows_without_numbers", "info", f"表三以下行在原文中只有行标签、没有数字，按空白读取：{names}。", "表三"))
    elif grid.regular and n in (len(L.T3_ROWS_2021), len(L.T3_ROWS_2019)):
        fitted = L.TEMPLATE_2021 if n == len(L.T3_ROWS_2021) else L.TEMPLATE_2019
        only_2021 = [p for p in L.T3_ROWS_2021 if p not in L.T3_ROWS_2019]
        if fitted == L.TEMPLATE_2019 and any(label_at_tail(p, r.label) for r in grid.rows for p in only_2021):
            # the labels name the 2021 rows （六）1-3, the count is the 2019 one: some rows lost or left out
            diags.append(_diag("t3_template_conflict", "warning", f"表三的行标签是2021年格式，却只读到{n}行数字（2019年格式的行数），"
                                                                   "已按2019年格式的行结构填入，各行可能错位，请对照原文核对表三。", "表三"))
            template = fitted
        elif fitted != template:
            diags.append(_diag("template_guess", "info", f"表三共读到{n}行数字，按{fitted}年格式的行结构解析。", "表三"))
            template = fitted
        paths = list(L.t3_rows(template))
        table = blank_table3(template)
        for path, row in zip(paths, grid.rows):
            table[path] = list(row.values)
        diags += check_row_labels(paths, [r.label if r.kind == "row" else "" for r in grid.rows])
        if grid.guessed_blocks:
            certain = {p for p, r in zip(paths, grid.rows) if not r.guessed}
            table, _ = settle_guessed(table, template, segs, certain, diags)
    else:
        anchored: list[Diagnostic] = []
        table, certain = _anchor_rows(grid.rows, template, anchored)
        table, how = settle_guessed(table, template, segs, certain, diags)
        if how not in ("reading_order", "column_blocks"):  # (a row placed by position and then left blank is named by t3_unplaced_rows)
            diags[:0] = [d for d in anchored if d.code != "t3_row_by_position" or any(v is not None for v in table[(d.where or "")[3:]])]
    for label in grid.rejoined:
        diags.append(_diag("t3_wrapped_number", "info", f"表三“{label[-20:]}”一行的数字比7个多：PDF 在窄单元格里把长数字折成了两行，"
                                                         "已把相邻数字拼回（只有这一种拼法使各类申请人之和等于总计）。", "表三"))
    if grid.column_blocks:
        diags.append(
            _diag("grid_column_major", "info", f"表三有{grid.column_blocks}个数字块按列排列（PDF 版面提取），已按行列恒等式（各列之和等于总计）还原。", "表三")
        )
    if grid.guessed_blocks:
        diags.append(
            _diag("grid_guess", "warning", f"表三有{grid.guessed_blocks}个数字块无法用“各列之和等于总计”验证排列方向，已按行优先推测，请核对。", "表三")
        )
    bad = [p for p, row in table.items() if any(v is not None for v in row) and not t3_row_ok(row) and row[-1] is not None]
    if bad and len(bad) <= 5:
        names = "、".join(L.t3_short_label(p) for p in bad)
        diags.append(_diag("t3_row_sum", "info", f"表三以下行的各类申请人之和不等于总计：{names}（解析按原文照录，请核对原文）。", "表三"))
    return table, template, diags, True


def _rows_at_own_labels(rows: list[Any], template: str,
                        region_key: str) -> Optional[tuple[dict[str, list[Cell]], list[str]]]:
    """A table 3 with fewer rows of numbers than its labels' template has rows (a published table with blank rows:
    （六）2 and 3 empty make 23 rows, the 2019 count): every row of seven numbers right after its own label, in the
    template's order, the rows in between (their labels printed, no numbers) left blank — only when the result can
    hold every 表三 identity."""
    paths = list(L.t3_rows(template))
    table = blank_table3(template)
    pointer = 0
    for row in rows:
        if row.kind != "row" or len(row.values) != W3 or not row.label:
            return None
        target = next((p for p in paths[pointer:] if label_at_tail(p, row.label)), None)
        if target is None:
            return None
        skipped = paths[pointer : paths.index(target)]
        if any(leaf_key(p) not in label_key(row.label) for p in skipped):
            return None  # a row whose label is not in the text either: lost, not blank
        table[target] = list(row.values)
        pointer = paths.index(target) + 1
    if any(leaf_key(p) not in region_key for p in paths[pointer:]):
        return None  # rows after the last one read whose labels are not in the text: lost, not blank
    if identity_failures(table, template):
        return None
    return table, [p for p in paths if all(v is None for v in table[p])]


def _anchor_rows(rows: list[Any], template: str, diags: list[Diagnostic]) -> tuple[dict[str, list[Cell]], set[str]]:
    """Fallback when the row count does not fit: place each run of numbers at the row its label names.

    Also returns the rows placed with certainty: seven numbers directly after that row's own label.
    """
    paths = list(L.t3_rows(template))
    table = blank_table3(template)
    certain: set[str] = set()
    pointer = 0
    placed = 0
    for row in rows:
        if pointer >= len(paths) and not row.label:
            break
        vals = list(row.values)
        while len(vals) > W3 and vals[-1] is None:
            vals.pop()  # an empty trailing cell (a Markdown row one column too wide)
        if len(vals) < W3 and all(v is None for v in vals):
            continue  # empty cells of header fragments: no row of numbers
        target = best_row(row.label, paths[pointer:]) if row.label else None
        if row.label and target is None:  # a row printed out of order: its own label names an earlier, blank row
            behind = best_row(row.label, paths[:pointer])
            target = behind if behind and all(v is None for v in table[behind]) else None
        idx = paths.index(target) if target else pointer
        if idx >= len(paths):
            break
        if len(vals) != W3:  # which cells are missing is unknown: every cell of the row is named (blanks unread)
            diags.append(Diagnostic(
                code="t3_row_width", severity="warning", where=f"表三/{paths[idx]}",
                cells=[CellRef.t3(paths[idx], c).id for c in L.T3_COLUMNS],
                message=f"表三“{L.t3_short_label(paths[idx])}”行读到{len(vals)}个数字（应为7个），已按顺序填入，缺少的留空"
                        "（不是报告空白），请核对原文。"))
            vals = (vals + [None] * W3)[:W3]
        elif target and row.kind != "block" and label_at_tail(target, row.label):
            certain.add(target)
        if target is None:  # placed by position, not by its own label: may be a row off
            seen = f"数字前的文字“{row.label[-16:]}”不是该行的标签" if row.label else "数字前没有行标签"
            diags.append(Diagnostic(
                code="t3_row_by_position", severity="warning", where=f"表三/{paths[idx]}",
                cells=[CellRef.t3(paths[idx], c).id for c in L.T3_COLUMNS],
                message=f"表三“{L.t3_short_label(paths[idx])}”行的数字是按顺序填入的（{seen}），而表三的行数与规范格式不一致，可能错位，请核对原文。"))
        table[paths[idx]] = vals
        placed += 1
        pointer = max(pointer, idx + 1)
    diags.append(
        _diag(
            "t3_layout",
            "warning",
            f"表三的数字个数与规范格式（{len(paths)}行×7列）不一致，已按行标签定位了{placed}行，未识别的行留空，请核对原文。",
            "表三",
        )
    )
    return table, certain


# ---------------------------------------------------------------- table 4
_GLUED_T4_RUN = re.compile(r"总计\s*\d{%d,}" % (W4 * len(L.T4_GROUPS)))


def extract_table4(region: str) -> tuple[dict[str, list[Cell]], list[Diagnostic], bool]:
    vals = _values(segments(region))
    table = blank_table4()
    diags: list[Diagnostic] = []
    if not vals and _GLUED_T4_RUN.search(region):
        # the whole table as one digit run glued to its last header 「总计」 (crawler text whose other tables are
        # spaced): cut into three groups under 维持+纠正+其他+尚未审结 = 总计, as for run-together pages
        glued = table4_of(skeleton(region), 0, diags)
        return glued, diags, any(v is not None for row in glued.values() for v in row)
    if not vals:
        return table, diags, False
    by_heads = read_by_heads(segments(region))
    if by_heads is not None:
        return by_heads[0], by_heads[1], True
    joined = rejoin(vals, W4 * len(L.T4_GROUPS), lambda cells: all(t4_group_ok(cells[i:i + W4]) for i in range(0, len(cells), W4)), W4)
    if joined is not None:
        vals = joined
        diags.append(_diag("t4_wrapped_number", "info", "表四的数字比15个多：PDF 在窄单元格里把长数字折成了两行，已把相邻数字拼回"
                                                        "（只有这一种拼法使各组之和等于总计）。", "表四"))
    if len(vals) == W4 * len(L.T4_GROUPS):
        rows, verified, orientation = orient_block(vals, W4, t4_group_ok)
        for g, row in zip(L.T4_GROUPS, rows):
            table[g] = row
        if orientation == "column":
            diags.append(_diag("grid_column_major", "info", "表四的数字按列排列，已按“各项之和等于总计”还原。", "表四"))
        runs = sum(1 for s in segments(region) if s.values)
        if not verified and runs > len(L.T4_GROUPS):  # numbers interrupted by text: their order is not the table's
            diags.append(_diag("t4_order_unverified", "warning", f"表四的15个数字在文本中被文字分成{runs}段（PDF 版面提取），按顺序填入后"
                                                                 "各组之和不等于总计，可能错位，请对照原文核对表四。", "表四"))
        elif not verified:
            diags.append(_diag("t4_sum", "info", "表四有分组的结果之和不等于总计（解析按原文照录，请核对原文）。", "表四"))
        return table, diags, True
    for i, g in enumerate(L.T4_GROUPS):
        chunk = vals[i * W4 : (i + 1) * W4]
        table[g] = (chunk + [None] * W4)[:W4]
    diags.append(
        _diag("t4_layout", "warning", f"表四读到{len(vals)}个数字（应为15个），已按顺序填入，缺少的留空，请核对原文。", "表四")
    )
    return table, diags, True


# ---------------------------------------------------------------- table 2
def _t2_is_2019(region: str) -> bool:
    key = label_key(region)
    return "政府集中采购" in key or "本年新制作" in key or "上一年项目数量" in key


def extract_table2(region: str) -> tuple[dict[str, Any], list[Diagnostic], bool]:
    diags: list[Diagnostic] = []
    template = L.TEMPLATE_2019 if _t2_is_2019(region) else L.TEMPLATE_2021
    segs = segments(region)
    by_heads = read_by_headers(segs, template)
    if by_heads is not None:
        diags.append(_diag("grid_column_major", "info", f"表二“{'、'.join(by_heads[1])}”的行标签与数字分开排列（PDF 版面提取），"
                                                         "已按列标题和行标签的顺序还原。", "表二"))
        return by_heads[0], diags, True
    vals = _values(segs)
    if template == L.TEMPLATE_2019:
        table = blank_table2(L.TEMPLATE_2019)
        cells = [(row, col) for row, cols in L.T2_2019.items() for col in cols]
        for (row, col), v in zip(cells, vals):
            table[row][col] = v
        loose = unattested_rows(segs, list(cells))
        if loose and len(vals) == len(cells):
            diags.append(unattested_warning(loose, list(cells)))
        if len(vals) != len(cells):
            diags.append(_diag("t2_layout", "warning", f"表二（2019年格式）读到{len(vals)}个数字（应为{len(cells)}个），已按顺序填入，请核对。", "表二"))
        return table, diags, bool(vals)
    table = blank_table2(L.TEMPLATE_2021)
    if not vals:
        return table, diags, False
    n_doc = len(L.T2_DOC_ROWS) * len(L.T2_DOC_COLUMNS)
    if len(vals) == n_doc + len(L.T2_SINGLE_ROWS) and not _short_doc_row(segs):
        doc = vals[:n_doc]
        for i, row in enumerate(L.T2_DOC_ROWS):
            for j, col in enumerate(L.T2_DOC_COLUMNS):
                table[row][col] = doc[i * len(L.T2_DOC_COLUMNS) + j]
        for row, v in zip(L.T2_SINGLE_ROWS, vals[n_doc:]):
            table[row] = v
        order: list[tuple[str, Optional[str]]] = [(r, c) for r in L.T2_DOC_ROWS for c in L.T2_DOC_COLUMNS]
        loose = [r for r in unattested_rows(segs, order + [(r, None) for r in L.T2_SINGLE_ROWS]) if r in L.T2_SINGLE_ROWS]
        if loose:  # (the document rows' order is settled by report.parse.table2_orient.orient_doc_rows)
            diags.append(unattested_warning(loose, [(r, None) for r in L.T2_SINGLE_ROWS]))
        return table, diags, True
    _t2_by_labels(segs, table, diags)
    diags.append(_diag("t2_layout", "warning", f"表二读到{len(vals)}个数字（应为10个），已按行标签定位，未识别的单元格留空，请核对原文。", "表二"))
    return table, diags, True


def _short_doc_row(segs: list[Segment]) -> bool:
    """A segment labelled 规章 / 行政规范性文件 (its last words) with 1-2 numbers: a row that lost a cell."""
    for seg in segs:
        tail = seg.label[-8:]
        if 0 < len(seg.values) < len(L.T2_DOC_COLUMNS) and (tail.endswith("规章") or tail.endswith("规范性文件")):
            return True
    return False


_NOTE_COLUMN = (("失效", "废止"), ("修订", "制发", "制定", "新增"))  # words of a cell's note -> 本年废止件数 / 本年制发件数


def _t2_by_labels(segs: list[Segment], table: dict[str, Any], diags: list[Diagnostic]) -> None:
    """Fill table 2 by the row label before each run of numbers; never shift a short row into the next rows.

    A document row with fewer than 3 cells (a Markdown row whose multi-line cell floated out of the table:
    ``第二十条第（一）项`` / ``22`` / ``（其中修订 16 件）`` … ``| 规章 | 22 | 235 |``) takes the floating number when its
    note names the column (修订/制发 -> 本年制发件数, 失效/废止 -> 本年废止件数); otherwise the row stays blank.
    """
    order = list(L.T2_DOC_ROWS) + list(L.T2_SINGLE_ROWS)
    cells = [(r, c) for r in L.T2_DOC_ROWS for c in L.T2_DOC_COLUMNS] + [(r, None) for r in L.T2_SINGLE_ROWS]
    floating: list[tuple[Cell, Optional[str]]] = []
    for k, seg in enumerate(segs):
        if not seg.values:
            continue
        last, pos = None, -1
        for row in order:
            p = seg.label.rfind("规范性文件" if row == "行政规范性文件" else row)
            if p > pos:
                last, pos = row, p
        if last is None:
            if len(seg.values) == 1:
                floating.append((seg.values[0], _note_column(segs[k + 1].label if k + 1 < len(segs) else "")))
            continue
        start = next(i for i, (r, _) in enumerate(cells) if r == last)
        vals = list(seg.values)
        if last in L.T2_DOC_ROWS and len(vals) < len(L.T2_DOC_COLUMNS):
            cols = list(L.T2_DOC_COLUMNS)
            if len(vals) == len(cols) - 1 and floating and floating[0][1] is not None:
                value, col = floating.pop(0)
                rest = [c for c in cols if c != col]
                table[last] = {col: value, **dict(zip(rest, vals))}
                table[last] = {c: table[last][c] for c in cols}
                diags.append(_diag("t2_floating_cell", "warning", f"表二“{last}”一行少一个单元格，已把表格外单独成行的数字 {value} 按其说明文字归入“{col}”，请核对原文。", f"表二/{last}"))
            else:
                diags.append(_diag("t2_short_row", "warning", f"表二“{last}”一行只有{len(vals)}个数字（应为3个），无法确定各属哪一列，该行留空，请对照原文补填。", f"表二/{last}"))
            continue
        if last in L.T2_DOC_ROWS:
            vals = vals[: len(cells) - start]
        else:
            vals = vals[:1] if len(vals) != len(cells) - start else vals
        for (row, col), v in zip(cells[start:], vals):
            if col is None:
                table[row] = v
            else:
                table[row][col] = v


def _note_column(label: str) -> Optional[str]:
    note = label.lstrip()
    if not note.startswith(("（", "(")):
        return None
    note = note[: max(note.find("）"), note.find(")")) + 1]
    for words, col in zip(_NOTE_COLUMN, (L.T2_DOC_COLUMNS[1], L.T2_DOC_COLUMNS[0])):
        if any(w in note for w in words):
            return col
    return None
