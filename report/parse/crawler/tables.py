"""Recover the statutory tables from crawler text whose table cells ran together.

Some crawled pages flatten the HTML tables with no cell delimiters: the row
``一、本年新收政府信息公开申请数量 | 64 | 0 | 0 | 2 | 0 | 4 | 70`` arrives as ``一、本年新收政府信息公开申请数量640020470``
and the whole of table 4 as one run ``10203120001200000`` after its header words. This module

1. detects that format cheaply and conservatively (:func:`looks_runtogether`);
2. locates each canonical row label of :mod:`report.model.labels` in order, tolerant of bracket width, spaces, ``、``/``.``,
   and takes the digit run between one label and the next (the next label's own item number ``2.`` is stripped);
3. cuts every run into numbers under the statutory identities (:mod:`report.parse.crawler.split` for one run,
   :mod:`report.parse.crawler.solve` for the table-3 column identities);
4. keeps the most plausible split when several satisfy every identity, and then always says so in a diagnostic
   (``ambiguous_split``); a cell it cannot determine is ``None``, never a guess.

Entry point: :func:`parse_runtogether_tables`; 表三 is read here, 表二 and 表四 in :mod:`.table24`, the diagnostics'
cells in :mod:`.diag`. Nothing here does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from report.model import labels as L
from report.model.tables import Cell, Diagnostic, Report, blank_table3
from report.parse.crawler.diag import diag as _diag
from report.parse.crawler.diag import valid_number as _valid_number
from report.parse.crawler.solve import solve_table3
from report.parse.crawler.split import (
    MAX_CANDIDATES,
    fmt,
    split_tokens_with_total,
    split_with_total,
)
from report.parse.crawler.table24 import table2 as table2_of
from report.parse.crawler.table24 import table4 as table4_of
from report.parse.crawler.text import _NEW_CORE, RUN, glued_groups, looks_runtogether, skeleton

__all__ = ["RunTogetherResult", "glued_groups", "looks_runtogether", "parse_runtogether_tables", "runtogether_table2",
           "skeleton", "table2_filled"]


@dataclass
class RunTogetherResult:
    """Tables recovered from run-together text, shaped as the interchange JSON / :class:`report.model.tables.Report`."""

    table2: dict[str, Any]
    table3: dict[str, list[Cell]]
    table4: dict[str, list[Cell]]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    template: str = L.TEMPLATE_2021


_ENUM = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|(\d+)[.、．])")
_WINDOW = 240  # how far (in skeleton characters) the next row label may lie from the previous one


def _label_keys(label: str) -> tuple[list[str], Optional[str]]:
    """Search keys (most specific first) for one row label, and its own item number (``'2'`` for ``2.其他…``)."""
    m = _ENUM.match(label)
    core = label[m.end() :] if m else label
    item = m.group(1) if m else None
    keys = [skeleton(core)]
    pre = re.split(r"[（(]", core)[0]
    if pre and pre != core:
        keys.append(skeleton(pre))
    if len(keys[0]) >= 6:
        keys.append(keys[0][:4])
    return keys, item


# ------------------------------------------------------------------ entry point
def parse_runtogether_tables(text: str, previous: Optional[Report] = None) -> RunTogetherResult | None:
    """Tables 2–4 from run-together crawler text, or None when the text is not in that format. ``previous`` (last
    year's report of the agency) decides 表二 runs its figures confirm (:mod:`report.parse.table2_rows`)."""
    if not text or _NEW_CORE not in text or not looks_runtogether(text):
        return None
    s = skeleton(text)
    start = _table3_start(s)
    if start is None:
        return None
    diags: list[Diagnostic] = [
        Diagnostic(
            code="runtogether_tables",
            severity="info",
            message="表格单元格在网页文本中首尾相连（无分隔符），已按统计表的勾稽关系拆分数字；请对照原网页核实带提示的单元格。",
        )
    ]
    template = _template(s, start)
    table3, t3_end = _table3(s, start, template, diags)
    table2 = table2_of(s, start, template, diags, text=text, previous=previous)
    table4 = table4_of(s, t3_end, diags)
    return RunTogetherResult(table2=table2, table3=table3, table4=table4, diagnostics=diags, template=template)


def runtogether_table2(region: str, previous: Optional[Report] = None) -> tuple[dict[str, Any], list[Diagnostic]] | None:
    """Table 2 (2021 format) alone from the text of section 二 when its cells ran together (``规章000行政规范性文件303``),
    whatever the layout of table 3; None when no document row of it has its digits glued."""
    s = skeleton(region)
    if not re.search("(?:规章|规范性文件)" + r"\d{2}", s):
        return None
    diags: list[Diagnostic] = []
    table2 = table2_of(s, len(s), L.TEMPLATE_2021, diags, previous=previous)
    if table2_filled(table2) == 0:
        return None
    return table2, diags


def table2_filled(table2: dict[str, Any]) -> int:
    """Number of table-2 cells holding a value."""
    return sum(v is not None for x in table2.values() for v in (x.values() if isinstance(x, dict) else [x]))


def _table3_start(s: str) -> int | None:
    key = skeleton(_NEW_CORE)
    # Seven cells after the label — or fewer when a cell of that row is empty in the page ('0 00000').
    for m in re.finditer(re.escape(key) + r"(?=(?:[\d/] ?){%d})" % len(L.T3_COLUMNS), s):
        return m.start()
    for m in re.finditer(re.escape(key) + r"(?=[\d/])", s):
        return m.start()
    return None


def _template(s: str, start: int) -> str:
    m = re.compile("其他处理").search(s, start, start + 3000)
    sub_row = _label_keys(L.T3_GROUPS_2021[L.G_OTHER][0].split("/")[-1])[0][-1]
    if m and re.compile(r"\d").match(s, m.end()) and s.find(sub_row, m.end(), m.end() + _WINDOW) < 0:
        return L.TEMPLATE_2019
    return L.TEMPLATE_2021


# ------------------------------------------------------------------ table 3
def _locate(s: str, start: int, rows: tuple[str, ...]) -> list[tuple[int, int] | None]:
    spans: list[tuple[int, int] | None] = []
    cursor = start
    for path in rows:
        keys, _ = _label_keys(path.split("/")[-1])
        found = None
        for key in keys:
            i = s.find(key, cursor, cursor + _WINDOW + len(key))
            if i >= 0:
                found = (i, i + len(key))
                break
        spans.append(found)
        if found:
            cursor = found[1]
    return spans


def _segment_blocks(seg: str, next_item: Optional[str]) -> list[list[str]]:
    """Digit blocks of the text between two located labels; each block is a list of readings.

    The next label's item number touches the last block (``00000002.其他法律…``): with its '.' it is cut off for
    certain; without it (``00000002其他法律…``) both readings are kept and the identities decide.
    """
    if next_item and seg.endswith(next_item + "."):
        seg, next_item = seg[: -len(next_item) - 1], None
    seg = re.sub(r"\d\.(?=[\u4e00-\u9fff])", "", seg)  # item numbers of labels in between
    seg = seg.strip()
    raw = [(m.group(), m.end()) for m in re.finditer(RUN, seg)]
    out = []
    for k, (block, end) in enumerate(raw):
        ends_segment = k == len(raw) - 1 and end == len(seg)
        if ends_segment and next_item and block.endswith(next_item) and len(block) > len(next_item):
            out.append([block[: -len(next_item)].rstrip(), block])
        else:
            out.append([block])
    return out


def _table3(s: str, start: int, template: str, diags: list[Diagnostic]) -> tuple[dict[str, list[Cell]], int]:
    rows = L.t3_rows(template)
    spans = _locate(s, start, rows)
    items = [_label_keys(p.split("/")[-1])[1] for p in rows]
    readings: dict[str, list[str]] = {}
    end = start
    located = [k for k, sp in enumerate(spans) if sp]
    for n, k in enumerate(located):
        span = spans[k]
        assert span is not None  # located rows only
        e = span[1]
        nxt = located[n + 1] if n + 1 < len(located) else None
        if nxt is None:
            m = re.compile(RUN).match(s, e)
            seg = m.group() if m else ""
            end = e + len(seg)
            blocks = _segment_blocks(seg, None)
        else:
            nxt_span = spans[nxt]
            assert nxt_span is not None
            blocks = _segment_blocks(s[e : nxt_span[0]], items[nxt])
            end = nxt_span[0]
        missing = list(range(k + 1, nxt if nxt is not None else len(rows)))
        if blocks:
            readings[rows[k]] = blocks[0]
        if missing and len(blocks) == len(missing) + 1:
            for m_k, block in zip(missing, blocks[1:]):
                readings[rows[m_k]] = block
                diags.append(_diag("label_by_position", "warning", rows[m_k],
                                   f"未能准确识别表三“{L.t3_short_label(rows[m_k])}”一行的名称，已按行的先后位置读取其数字，请核实。"))
    candidates: dict[str, list[tuple[int, ...]]] = {}
    blank: set[str] = set()
    for row in rows:
        if row not in readings:
            diags.append(_diag("row_not_found", "warning", row,
                               f"在网页文本中未找到表三“{L.t3_short_label(row)}”一行或其数字，该行留空，请对照原网页补填。"))
            continue
        if "/" in readings[row][0]:
            if _blank_row(row, readings[row][0], diags):
                blank.add(row)
            continue
        candidates[row] = _row_candidates(row, readings[row], diags)
    table3, solve_diags = solve_table3(candidates, template, frozenset(blank))
    diags.extend(solve_diags)
    out = blank_table3(template)
    out.update(table3)
    return out, end


def _blank_row(row: str, run: str, diags: list[Diagnostic]) -> bool:
    """Report a row written with blank marks; True when the whole row is blank."""
    if set(run.replace(" ", "")) == {"/"}:
        diags.append(_diag("blank_row", "info", row, f"表三“{L.t3_short_label(row)}”一行在原表中为空白（/），保留为空。"))
        return True
    else:
        diags.append(_diag("blank_cells", "warning", row,
                           f"表三“{L.t3_short_label(row)}”一行的“{run}”含空白（/）单元格，无法确定各数字属于哪一列，"
                           "该行留空，请对照原网页补填。"))
    return False


def _row_candidates(row: str, readings: list[str], diags: list[Diagnostic]) -> list[tuple[int, ...]]:
    ncols = len(L.T3_COLUMNS)
    cands: list[tuple[int, ...]] = []
    for digits in readings:
        if "." in digits:
            continue
        # A space is a cell boundary on real pages; a split that ignores it is the fallback (a stray space).
        splits = split_tokens_with_total(digits.split(), ncols - 1) if " " in digits else []
        for c in splits or split_with_total(digits.replace(" ", ""), ncols - 1):
            if c not in cands:
                cands.append(c)
    if len(cands) >= MAX_CANDIDATES:
        diags.append(_diag("too_many_splits", "warning", row,
                           f"表三“{L.t3_short_label(row)}”一行的数字“{readings[0]}”可拆分的方式过多，无法确定，该行留空，请对照原网页补填。"))
        return []
    if not cands:
        forced = [r for r in readings if len(r.split()) == ncols or (len(r) == ncols and r.isdigit())]
        forced = [r for r in forced if all(_valid_number(t) for t in (r.split() if " " in r else r))]
        if forced:  # one digit (or one delimited token) per cell: certain even though the row does not add up
            cands.append(tuple(int(t) for t in (forced[0].split() if " " in forced[0] else forced[0])))
            diags.append(_diag("row_sum_mismatch", "warning", row,
                               f"表三“{L.t3_short_label(row)}”一行的数字“{forced[0]}”只能逐位拆分为 {fmt(cands[0])}，"
                               "但前六列之和不等于总计，请核实原表。"))
        else:
            shown = "”或“".join(readings) or "（空）"
            diags.append(_diag("unsplittable_run", "error", row,
                               f"表三“{L.t3_short_label(row)}”一行的数字“{shown}”无法拆分成前六列之和等于总计的七个数，"
                               "该行留空，请对照原网页补填。"))
    return cands
