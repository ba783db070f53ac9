"""Word (.docx) output of an annual report in the official document layout.

Layout (GB/T 9704-style, as government offices print these reports): A4, margins 3.7/3.5/2.8/2.6 cm; title
方正小标宋简体 二号 centred; section headings 一、… in 黑体, sub-headings （一）… in 楷体; body 仿宋_GB2312 三号 at
28 pt line spacing with a two-character first-line indent; 表二/表三/表四 drawn from :mod:`report.export.grid`
exactly as the template merges them, 宋体 9 pt, header rows repeated on each page; page number ``- N -`` in the
footer. ``draft=True`` marks every page as a draft that must not be published.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Pt, RGBColor

from report.export.grid import Grid, grid_text, report_grids
from report.export.markdown import report_title
from report.export.style import (
    FONT_BODY,
    FONT_HEADING,
    FONT_SUBHEADING,
    FONT_TABLE,
    FONT_TITLE,
    SIZE_BODY,
    SIZE_TABLE,
    SIZE_TITLE,
    add_page_number_footer,
    body_format,
    cant_split,
    repeat_header,
    set_run_font,
    set_table_grid,
    setup_document,
    table_paragraph_format,
    text_width_cm,
)
from report.model import labels as L
from report.model.tables import Report

DRAFT_BANNER = "草稿（存在未解决的错误，不得发布）"
DRAFT_TITLE_PREFIX = "【草稿】"
RED = RGBColor(0xC0, 0x00, 0x00)

# （一）… sub-heading at the start of a paragraph: up to the first 。 (or the whole short line).
_SUBHEADING = re.compile(r"^\s*([（(][一二三四五六七八九十]{1,3}[）)][^。\n]{0,40}?(?:。|$))")
_SECTION_TABLE = {"二": "table2", "三": "table3", "四": "table4"}


def write_docx(report: Report, path: str | Path, *, draft: bool = False) -> Path:
    """Write ``report`` as an official-layout .docx at ``path`` and return the path."""
    path = Path(path)
    doc = Document()
    setup_document(doc)
    section = doc.sections[0]
    add_page_number_footer(section)
    if draft:
        _draft_header(section)
    title = report_title(report)
    _title(doc, (DRAFT_TITLE_PREFIX if draft else "") + title)
    _paragraphs(doc, opening_text(report.preamble, title))
    tables = report_grids(report)
    for key in L.SECTION_KEYS:
        _heading(doc, L.SECTION_TITLES[key])
        _paragraphs(doc, report.sections.get(key, ""))
        if key in _SECTION_TABLE:
            _table(doc, tables[_SECTION_TABLE[key]], report)
    _paragraphs(doc, report.closing, closing=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def opening_text(preamble: str, title: str) -> str:
    """The preamble without the title line(s) a parsed report keeps at its top (the title is written once)."""
    lines = (preamble or "").splitlines()
    same = "".join(title.split())
    while lines and (not lines[0].strip() or "".join(lines[0].lstrip("#").split()) == same):
        lines.pop(0)
    return "\n".join(lines)


def _draft_header(section: Section) -> None:
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(DRAFT_BANNER)
    set_run_font(run, FONT_HEADING, Pt(12), bold=True, color=RED)


def _title(doc: DocxDocument, text: str) -> None:
    p = doc.add_paragraph()
    body_format(p, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.line_spacing = Pt(36)
    p.paragraph_format.space_after = Pt(28)
    set_run_font(p.add_run(text), FONT_TITLE, SIZE_TITLE)


def _heading(doc: DocxDocument, text: str) -> None:
    p = doc.add_paragraph()
    body_format(p)
    p.paragraph_format.keep_with_next = True
    set_run_font(p.add_run(text), FONT_HEADING, SIZE_BODY)


def _paragraphs(doc: DocxDocument, text: str, *, closing: bool = False) -> None:
    """One paragraph per non-empty line; a leading （一）… becomes a 楷体 sub-heading run."""
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        p = doc.add_paragraph()
        # closing lines (issuing body, date) sit at the right margin as in official documents
        right = closing and len(line) <= 30 and not line.startswith(("统计", "如对", "本报告"))
        body_format(p, indent=not right, align=WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.JUSTIFY)
        m = _SUBHEADING.match(line)
        if m and not closing:
            set_run_font(p.add_run(m.group(1).strip()), FONT_SUBHEADING, SIZE_BODY)
            line = line[m.end() :]
        if line:
            set_run_font(p.add_run(line), FONT_BODY, SIZE_BODY)


def _table(doc: DocxDocument, grid: Grid, report: Report) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    scale = text_width_cm() / sum(grid.widths)
    widths = [w * scale for w in grid.widths]
    # table.cell() rescans the whole table on every call; take the unmerged cells once (merges of disjoint
    # blocks leave the other blocks' corner elements in place).
    flat = table._cells
    for gc in grid.cells:
        cell = flat[gc.row * grid.n_cols + gc.col]
        if gc.rowspan > 1 or gc.colspan > 1:
            cell = cell.merge(flat[(gc.row + gc.rowspan - 1) * grid.n_cols + gc.col + gc.colspan - 1])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        # third-level row labels (1.属于国家秘密 …) are left-aligned as printed; everything else is centred
        left = gc.kind == "label" and gc.colspan == 1 and gc.col == 2
        table_paragraph_format(p, WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER)
        text = grid_text(gc, report)
        if text:
            set_run_font(p.add_run(text), FONT_TABLE, SIZE_TABLE, bold=gc.kind == "header" or None)
    set_table_grid(table, widths)
    for i, row in enumerate(table.rows):
        cant_split(row)
        if i < grid.header_rows:
            repeat_header(row)
    # a little air between a table and the next heading
    spacer = doc.add_paragraph()
    body_format(spacer, indent=False)
