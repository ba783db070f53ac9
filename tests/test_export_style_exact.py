"""Low-level Word styling (report/export/style.py) on a bare python-docx document: the run font element sits first in
its properties (the OOXML order Word validates), and a table without a width element gets one summing its columns."""

import docx
from docx.oxml.ns import qn

from report.export.style import set_rpr_fonts, set_table_grid


def test_run_fonts_come_before_the_other_run_properties():
    run = docx.Document().add_paragraph().add_run("字")
    run.bold = True
    rpr = run._r.get_or_add_rPr()
    set_rpr_fonts(rpr, "仿宋_GB2312")
    assert [child.tag.split("}")[1] for child in rpr] == ["rFonts", "b", "lang"]
    fonts = rpr.find(qn("w:rFonts"))
    assert [fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")] == ["仿宋_GB2312"] * 4
    lang = rpr.find(qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
    set_rpr_fonts(rpr, "黑体")  # again: the same elements, renamed
    assert [child.tag.split("}")[1] for child in rpr] == ["rFonts", "b", "lang"] and fonts.get(qn("w:ascii")) == "黑体"


def test_a_table_without_a_width_element_gets_the_sum_of_its_columns():
    table = docx.Document().add_table(rows=1, cols=2)
    tblPr = table._tbl.tblPr
    for el in tblPr.findall(qn("w:tblW")):
        tblPr.remove(el)
    set_table_grid(table, [1.0, 2.5])
    tblW = tblPr.find(qn("w:tblW"))
    assert (tblW.get(qn("w:w")), tblW.get(qn("w:type"))) == (str(567 + 1418), "dxa")
    assert [gc.get(qn("w:w")) for gc in table._tbl.tblGrid.findall(qn("w:gridCol"))] == ["567", "1418"]
