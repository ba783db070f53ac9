"""How sure the parser is that what it did not find is really absent from the report.

A missing section, table or sentence may be the report's omission, or text the parser could not locate (a heading
lost in a format conversion, a table whose layout it could not read). The parser says which, so that the rules
blame the report only when the parser is confident that the text is whole and structured:

- **the structure is whole** when every section heading was found (or at most the one being judged) and no
  diagnostic says the layout of the text was off (:data:`LAYOUT_CODES`);
- **a missing section is absent** when, in addition, the text where it would stand (the narrative of the section
  before it, after its table; the preamble for 一; the closing for 六) holds nothing that could be it: not its
  table's header words, not the words its statutory title is made of (:data:`_CUES`).

Otherwise the parser emits a warning (``section_unlocated``, ``structure_uncertain``) whose message says it could
not locate the part, 「可能为文本转换问题，请核对原文」, with its own reason; the rules then report the absence as that
warning, never as the report's error (:func:`report.rules.absence.parser_doubt`).
"""

from __future__ import annotations

import re
from typing import Mapping, Optional

from report.model import labels as L
from report.model.tables import Diagnostic, Report

# Diagnostics that say the text's layout was off (headings lost, tables not read as a grid).
LAYOUT_CODES = frozenset({
    "section_unlocated", "section_by_content", "table_unlocated", "t2_layout", "t3_layout", "t4_layout",
    "grid_guess", "t2_order_conflict", "t2_short_row", "t3_unplaced_rows", "t3_row_by_position", "t3_row_width", "t3_reading_order",
    "unsplittable_run", "table2_not_split", "too_many_splits", "t3_column_blocks",
})
UNLOCATED = "可能为文本转换问题，请核对原文"

# What the content of a section says, when its heading is lost: its table's header words (二–四), the words of its
# statutory title (五: 问题/改进; 六: 其他需要报告, and the 信息处理费 it must state), 一's sub-parts.
_CUES = {
    "一": re.compile(r"总体情况|主动公开|依申请公开|政府信息管理|平台建设|监督保障"),
    "二": re.compile(r"第二十条|主动公开政府信息|信息内容"),
    "三": re.compile(r"申请人情况|本年新收|自然人"),
    "四": re.compile(r"行政复议|行政诉讼"),
    "五": re.compile(r"问题|不足|改进|整改"),
    "六": re.compile(r"其他需要报告|信息处理费|收费"),
}
_TABLE_OF = {"二": "table2", "三": "table3", "四": "table4"}
_TABLE_NAMES = {"table2": "表二（主动公开）", "table3": "表三（依申请公开）", "table4": "表四（行政复议、行政诉讼）"}


def _layout_reasons(diags: list[Diagnostic]) -> list[str]:
    return [d.message for d in diags if d.severity != "info" and d.code in LAYOUT_CODES]


def _neighbour_text(key: str, narratives: Mapping[str, str], preamble: str, closing_area: str) -> str:
    """Where section ``key``'s content would stand without its heading: the narrative of the nearest found section
    before it (its table cut out), or the preamble; for 六 also what follows the last section."""
    order = L.SECTION_KEYS.index(key)
    before = [k for k in L.SECTION_KEYS[:order] if k in narratives]
    text = narratives[before[-1]] if before else preamble
    if key == "六":
        text += "\n" + closing_area
    return text


def section_diagnostics(found: set[str], narratives: Mapping[str, str], preamble: str, closing_area: str,
                        diags: list[Diagnostic]) -> list[Diagnostic]:
    """One diagnostic per section heading not found: ``section_absent`` (info: the parser is confident the report
    has no such part) or ``section_unlocated`` (warning: it may be there, unread)."""
    missing = [k for k in L.SECTION_KEYS if k not in found]
    layout = _layout_reasons(diags)
    out: list[Diagnostic] = []
    for k in missing:
        title = L.SECTION_TITLES[k]
        reasons: list[str] = []
        others = [L.SECTION_TITLES[o] for o in missing if o != k]
        if others:
            reasons.append(f"另有{len(others)}个部分的标题也未找到（{'、'.join(others)}），正文结构未能完整识别")
        reasons += layout[:2]
        near = _neighbour_text(k, narratives, preamble, closing_area)
        cue = _CUES[k].search(near)
        if cue:
            reasons.append(f"前文中有可能属于该部分的内容（“{near[max(0, cue.start() - 8):cue.end() + 8].strip()}”）")
        where = f"结构/{title}"
        if reasons:
            out.append(Diagnostic(code="section_unlocated", severity="warning", where=where,
                                  message=f"未能识别“{title}”部分，{UNLOCATED}。原因：{'；'.join(reasons)}。"))
        else:
            out.append(Diagnostic(code="section_absent", severity="info", where=where,
                                  message=f"未找到“{title}”的标题，其他部分均已识别，前文中也没有该部分的内容：报告缺少这一部分。"))
    return out


def table_diagnostics(found_tables: Mapping[str, bool], found_sections: set[str], regions: Mapping[str, str],
                      template: str) -> list[Diagnostic]:
    """A table with no number read: absent from the report (its section found, with neither its header words nor
    any digit) — one warning, no cells; otherwise the parser could not read it: a warning naming every cell of the
    table, so that no blank finding blames the report for it."""
    absent = [t for t, ok in found_tables.items() if not ok]
    confident = [t for key, t in _TABLE_OF.items() if t in absent and key in found_sections
                 and not _CUES[key].search(regions.get(key, "")) and not re.search(r"\d", regions.get(key, ""))]
    if len(confident) == 3:
        return [Diagnostic(code="no_tables", severity="warning",
                           message="报告中没有识别到任何统计表，各部分也没有表格文字或数字，表格数字全部留空。")]
    out: list[Diagnostic] = []
    blank = Report.blank(template)
    for key, table in _TABLE_OF.items():
        if table not in absent:
            continue
        name = _TABLE_NAMES[table]
        if table in confident:
            out.append(Diagnostic(code="table_missing", severity="warning", where=L.TABLE_NAMES[table],
                                  message=f"“{L.SECTION_TITLES[key]}”部分没有{name}，也没有任何数字，相应单元格留空。"))
            continue
        cells = [ref.id for ref, _ in blank.cells() if ref.table == table]
        why = "该部分的标题未找到" if key not in found_sections else "该部分有表格文字或数字，但未能读成表格"
        out.append(Diagnostic(code="table_unlocated", severity="warning", where=L.TABLE_NAMES[table], cells=cells,
                              message=f"未能识别{name}中的数字（{why}），{UNLOCATED}；相应单元格留空，不作空白检查。"))
    return out


def structure_diagnostic(diags: list[Diagnostic]) -> Optional[Diagnostic]:
    """``structure_uncertain`` (warning) when any section heading is missing or the layout was off: what the rules
    find absent from the whole text (the 统计期限 sentence, 信息处理费 …) may then be text the parser lost."""
    reasons = [d.message for d in diags if d.code == "section_unlocated"] + _layout_reasons(
        [d for d in diags if d.code != "section_unlocated"])
    if not reasons:
        return None
    return Diagnostic(code="structure_uncertain", severity="warning", where="结构",
                      message=f"正文结构未能完整识别（{reasons[0]}），报告“缺少”的内容可能只是未能识别，请核对原文。")


__all__ = ["LAYOUT_CODES", "UNLOCATED", "section_diagnostics", "table_diagnostics", "structure_diagnostic"]


def name_blank_cells(report: Report) -> None:
    """A layout warning about a whole table (``where`` 「表三」, no cells listed: 「未识别的行留空」) covers the rows of
    that table it left wholly blank: their cells are listed, so that they count as unread, never as the report's
    blank rows. (A row read short keeps its own ``t3_row_width`` warning: which of its cells is missing is the
    report's layout, and blank checks still see it.)"""
    rows: dict[str, list[list[str]]] = {}
    by_row: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for ref, v in report.cells():
        by_row.setdefault((ref.table, ref.row), []).append((ref.id, v is None))
    for (table, _row), cells in by_row.items():
        if all(blank for _, blank in cells):
            rows.setdefault(L.TABLE_NAMES[table], []).append([c for c, _ in cells])
    for d in report.diagnostics:
        if d.severity == "info" or d.cells or d.code not in LAYOUT_CODES or d.where not in rows:
            continue
        d.cells = [c for row in rows[d.where] for c in row]
