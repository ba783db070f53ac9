"""Low-level Word formatting for the official document layout (GB/T 9704 style) with python-docx.

- CJK fonts: ``run.font.name`` only sets ascii/hAnsi; Word and LibreOffice pick Chinese glyphs from ``w:eastAsia``,
  so every run (and the Normal style) gets all four rFonts attributes plus ``<w:lang w:eastAsia="zh-CN"/>``.
- Column widths: LibreOffice ignores ``cell.width``; the ``w:tblGrid/w:gridCol`` values are what it uses.
"""

from __future__ import annotations

from typing import Any, Optional

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT_TITLE = "方正小标宋简体"
FONT_HEADING = "黑体"
FONT_SUBHEADING = "楷体_GB2312"
FONT_BODY = "仿宋_GB2312"
FONT_TABLE = "宋体"

SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_TABLE = Pt(9)  # 小五
SIZE_FOOTER = Pt(14)  # 四号
LINE_BODY = Pt(28)

MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
A4_CM = (21.0, 29.7)


def text_width_cm() -> float:
    return A4_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]


def set_run_font(run: Run, name: str, size: Optional[Length] = None, bold: bool | None = None,
                 color: Optional[RGBColor] = None) -> None:
    """Font on a run for Latin and Chinese text alike (ascii, hAnsi, eastAsia, cs) with zh-CN language."""
    run.font.name = name
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    set_rpr_fonts(run._element.get_or_add_rPr(), name)


def set_rpr_fonts(rpr: Any, name: str) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def setup_document(doc: DocxDocument) -> None:
    """A4 portrait, official margins, Normal style = 仿宋_GB2312 三号 with CJK font set."""
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(A4_CM[0]), Cm(A4_CM[1])
        section.top_margin = Cm(MARGINS_CM["top"])
        section.bottom_margin = Cm(MARGINS_CM["bottom"])
        section.left_margin = Cm(MARGINS_CM["left"])
        section.right_margin = Cm(MARGINS_CM["right"])
        section.footer_distance = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT_BODY
    normal.font.size = SIZE_BODY
    set_rpr_fonts(normal.element.get_or_add_rPr(), FONT_BODY)


def body_format(paragraph: Paragraph, *, indent: bool = True, align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY) -> None:
    """28 pt exact line spacing, no extra space, first-line indent of two characters."""
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE_BODY
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    paragraph.alignment = align
    if indent:
        pf.first_line_indent = Pt(32)  # 2 × 16 pt, for readers that ignore firstLineChars
        ind = pf._element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")


def table_paragraph_format(paragraph: Paragraph, align: Any = WD_ALIGN_PARAGRAPH.CENTER) -> None:
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.first_line_indent = Pt(0)
    paragraph.alignment = align
    # the paragraph mark takes the Normal size (三号) unless told otherwise: an empty cell would be 16 pt tall
    pPr = paragraph._p.get_or_add_pPr()
    rpr = pPr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        pPr.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(SIZE_TABLE.pt * 2)))
        rpr.append(el)


def set_table_grid(table: Table, widths_cm: list[float]) -> None:
    """Fixed layout with explicit grid column widths (twips) — what LibreOffice honours — and cell widths for Word."""
    table.autofit = False
    tbl = table._tbl
    tblPr = tbl.tblPr
    layout = tblPr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tblPr.append(layout)
    layout.set(qn("w:type"), "fixed")
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = OxmlElement("w:tblW")
        tblPr.append(tblW)
    twips = [int(round(w * 567)) for w in widths_cm]
    tblW.set(qn("w:w"), str(sum(twips)))
    tblW.set(qn("w:type"), "dxa")
    grid = tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), twips):
        gc.set(qn("w:w"), str(w))
    for row in table.rows:
        for idx, tc in enumerate(row._tr.tc_lst):
            # a tc may span several grid columns; its width is the sum of them
            start = sum(int(t.grid_span) for t in row._tr.tc_lst[:idx])
            span = int(tc.grid_span)
            tcW = tc.get_or_add_tcPr().get_or_add_tcW()
            tcW.type = "dxa"
            tcW.w = sum(twips[start : start + span])


def repeat_header(row: _Row) -> None:
    """Mark a table row as a header row repeated at the top of each page (``w:tblHeader``)."""
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def cant_split(row: _Row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:cantSplit"))


def add_page_number_footer(section: Section) -> None:
    """Footer ``- N -`` centred, N a PAGE field (updates in Word and LibreOffice)."""
    footer = section.footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)

    def run(text: str = "") -> Any:
        r = p.add_run(text)
        set_run_font(r, FONT_TABLE, SIZE_FOOTER)
        return r

    run("- ")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        elif kind == "text":
            r.text = text
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
    run(" -")
