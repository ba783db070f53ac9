"""Word export, the layout details one by one: fonts on every run, paragraph formats, the draft banner, the
page-number field, and the table grid (widths in twips, fixed layout, header rows, cell alignment).

Everything is read back from the saved .docx with python-docx / its XML. The expected figures are worked out from
the layout the module promises (A4, margins 3.7/3.5/2.8/2.6 cm, 仿宋_GB2312 三号 at 28 pt, tables 宋体 小五…),
not copied from the writer: e.g. the text width is 21.0 − 2.8 − 2.6 = 15.6 cm = 8845 twips for 表二 (3.6 + 3 × 4.0
cm at 567 twips per cm).
"""

import docx
import pytest
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from report import Report
from report.export.docx import opening_text, write_docx
from report.model import labels as L

W = qn("w:val")
T = L.SECTION_TITLES


def make_report() -> Report:
    r = Report.blank(agency="某县人民政府", year=2024)
    r.title = "某县人民政府2024年政府信息公开工作年度报告"
    r.preamble = "# 某县人民政府2024年政府信息公开工作年度报告\n\n本报告依据条例编制。"
    r.sections["一"] = "（一）主动公开。本年度主动公开信息12条。\n（二）依申请公开\n\n  全年平稳。  "
    r.sections["五"] = "存在的问题：培训不足。"
    r.closing = ("统计期限说明\n如对本报告有疑问请联系办公室\n本报告电子版可在门户网站下载\n某县人民政府\n"
                 "（一）落款行\n" + "这是一行超过三十个字的落款说明文字，用来检查它是否仍然两端对齐而不是靠右排列。\n"
                 "2025年1月20日")
    r.table3[L.R_NEW] = [1, 2, 0, 0, 0, 0, 3]
    r.table4[L.T4_REVIEW] = [1, 0, 0, 0, 1]
    r.table2["行政许可"] = 7
    r.table2[L.T2_FEE] = 1.5
    return r


# Function scope on purpose: the mutation bench ties a function to the tests that run it, and a module fixture
# runs the writer only in the first test (bench/mutation_score.py, docs/MUTATION_NOTES.md).
@pytest.fixture
def doc(tmp_path_factory):
    path = write_docx(make_report(), tmp_path_factory.mktemp("layout") / "nested" / "deeper" / "r.docx")
    assert path.name == "r.docx" and path.parent.name == "deeper"  # parent folders are created
    return docx.Document(str(path))


@pytest.fixture
def draft(tmp_path_factory):
    return docx.Document(str(write_docx(make_report(), tmp_path_factory.mktemp("draft") / "d.docx", draft=True)))


def fonts(run_el) -> dict:
    rpr = run_el.find(qn("w:rPr"))
    rf = rpr.find(qn("w:rFonts"))
    lang = rpr.find(qn("w:lang"))
    return {"fonts": tuple(rf.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")),
            "lang": (lang.get(W), lang.get(qn("w:eastAsia"))), "first": rpr[0].tag == qn("w:rFonts")}


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def para(d, text):
    return next(p for p in d.paragraphs if p.text == text)


def test_page_orientation_footer_distance_and_normal_style(doc):
    s = doc.sections[0]
    assert s.orientation == 0  # portrait
    assert round(s.footer_distance.cm, 2) == 2.0
    normal = doc.styles["Normal"]
    assert normal.font.name == "仿宋_GB2312" and normal.font.size.pt == 16
    f = fonts(normal.element)
    assert f["fonts"] == ("仿宋_GB2312",) * 4 and f["lang"] == ("zh-CN", "zh-CN")


def test_every_run_carries_all_four_font_slots_and_zh_cn(doc):
    runs = doc.element.body.findall(".//" + qn("w:r"))
    assert len(runs) > 50
    for r in runs:
        f = fonts(r)
        assert len(set(f["fonts"])) == 1 and f["fonts"][0] in ("方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体")
        assert f["lang"] == ("zh-CN", "zh-CN") and f["first"]
        assert len(r.find(qn("w:rPr")).findall(qn("w:rFonts"))) == 1  # one font element, all four slots on it


def test_title_paragraph(doc):
    p = doc.paragraphs[0]
    assert p.text == "某县人民政府2024年政府信息公开工作年度报告"
    pf = p.paragraph_format
    assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert pf.line_spacing == docx.shared.Pt(36) and pf.space_after == docx.shared.Pt(28)
    assert pf.space_before == docx.shared.Pt(0) and pf.first_line_indent is None
    assert len(p.runs) == 1 and p.runs[0].font.size.pt == 22 and p.runs[0].font.name == "方正小标宋简体"
    assert p.runs[0].font.bold is None
    # the title line of the preamble is not written twice; the rest of the preamble follows the title
    assert doc.paragraphs[1].text == "本报告依据条例编制。"
    assert sum(q.text == p.text for q in doc.paragraphs) == 1


def test_opening_text_drops_blank_and_title_lines_only():
    title = "某县人民政府2024年政府信息公开工作年度报告"
    assert opening_text("\n#  某县人民政府 2024年政府信息公开工作年度报告\n\n第一段\n\n" + title, title) == \
        "第一段\n\n" + title
    assert opening_text("", title) == "" and opening_text(None, title) == ""  # type: ignore[arg-type]
    assert opening_text("正文", title) == "正文"


def test_section_heading_format(doc):
    p = para(doc, L.SECTION_TITLES["一"])
    pf = p.paragraph_format
    assert pf.keep_with_next is True
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY and pf.line_spacing == docx.shared.Pt(28)
    assert pf.space_before == docx.shared.Pt(0) and pf.space_after == docx.shared.Pt(0)
    assert pf.first_line_indent == docx.shared.Pt(32)
    assert pf._element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert [(r.text, r.font.name, r.font.size.pt) for r in p.runs] == [(L.SECTION_TITLES["一"], "黑体", 16)]
    # every section title once, in order, each followed by its text (or table)
    titles = [q.text for q in doc.paragraphs if q.text in L.SECTION_TITLES.values()]
    assert titles == [L.SECTION_TITLES[k] for k in L.SECTION_KEYS]


def test_body_lines_sub_headings_and_blank_lines(doc):
    texts = [p.text for p in doc.paragraphs]
    i = texts.index(L.SECTION_TITLES["一"])
    assert texts[i + 1 : i + 4] == ["（一）主动公开。本年度主动公开信息12条。", "（二）依申请公开", "全年平稳。"]
    sub = doc.paragraphs[i + 1]
    assert [(r.text, r.font.name, r.font.size.pt) for r in sub.runs] == [
        ("（一）主动公开。", "楷体_GB2312", 16), ("本年度主动公开信息12条。", "仿宋_GB2312", 16)]
    whole = doc.paragraphs[i + 2]  # a short line that is only a sub-heading: one 楷体 run, nothing after it
    assert [(r.text, r.font.name) for r in whole.runs] == [("（二）依申请公开", "楷体_GB2312")]
    plain = doc.paragraphs[i + 3]
    assert [(r.text, r.font.name) for r in plain.runs] == [("全年平稳。", "仿宋_GB2312")]
    for p in (sub, whole, plain):
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and p.paragraph_format.first_line_indent == docx.shared.Pt(32)


def test_closing_lines_short_ones_right_aligned(doc):
    right = {"某县人民政府", "2025年1月20日", "（一）落款行"}
    justified = {"统计期限说明", "如对本报告有疑问请联系办公室", "本报告电子版可在门户网站下载",
                 "这是一行超过三十个字的落款说明文字，用来检查它是否仍然两端对齐而不是靠右排列。"}
    for text in right:
        p = para(doc, text)
        assert p.alignment == WD_ALIGN_PARAGRAPH.RIGHT, text
        assert p.paragraph_format.first_line_indent is None, text
    for text in justified:
        p = para(doc, text)
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, text
        assert p.paragraph_format.first_line_indent == docx.shared.Pt(32), text
    # a （一） line in the closing is not split into a sub-heading run
    assert [r.font.name for r in para(doc, "（一）落款行").runs] == ["仿宋_GB2312"]
    assert doc.paragraphs[-1].text == "2025年1月20日"


def test_footer_is_dash_page_field_dash(doc):
    p = doc.sections[0].footer.paragraphs[0]
    assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.paragraph_format.first_line_indent == docx.shared.Pt(0)
    parts = []
    for r in p._p.findall(qn("w:r")):
        f = fonts(r)
        assert f["fonts"] == ("宋体",) * 4 and r.find(qn("w:rPr") + "/" + qn("w:sz")).get(W) == "28"  # 14 pt
        fld, instr, t = r.find(qn("w:fldChar")), r.find(qn("w:instrText")), r.find(qn("w:t"))
        if fld is not None:
            parts.append(("fld", fld.get(qn("w:fldCharType"))))
        elif instr is not None:
            parts.append(("instr", instr.text, instr.get("{http://www.w3.org/XML/1998/namespace}space")))
        else:
            parts.append(("text", t.text if t is not None else ""))
    assert parts == [("text", "- "), ("fld", "begin"), ("instr", " PAGE ", "preserve"), ("fld", "separate"),
                     ("text", "1"), ("fld", "end"), ("text", " -")]


def test_no_header_banner_unless_draft(doc, draft):
    assert "".join(p.text for p in doc.sections[0].header.paragraphs) == ""
    p = draft.sections[0].header.paragraphs[0]
    assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [(r.text, r.font.name, r.font.size.pt, r.font.bold, str(r.font.color.rgb)) for r in p.runs] == [
        ("草稿（存在未解决的错误，不得发布）", "黑体", 12, True, "C00000")]
    assert draft.paragraphs[0].text == "【草稿】某县人民政府2024年政府信息公开工作年度报告"


@pytest.mark.parametrize("index,grid_twips,header_rows", [
    (0, [2041, 2268, 2268, 2268], 0),
    (1, [685, 1198, 2568] + [628] * 7, 3),
    (2, [590] * 15, 3),
])
def test_table_grid_widths_layout_and_header_rows(doc, index, grid_twips, header_rows):
    t = doc.tables[index]
    tbl = t._tbl
    assert t.style.name == "Table Grid" and t.alignment == WD_TABLE_ALIGNMENT.CENTER
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    tblw = tbl.tblPr.find(qn("w:tblW"))
    assert (tblw.get(qn("w:w")), tblw.get(qn("w:type"))) == (str(sum(grid_twips)), "dxa")
    assert [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))] == grid_twips
    for tr in tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = int(tc.grid_span)
            tcw = tc.tcPr.find(qn("w:tcW"))
            assert (tcw.get(qn("w:type")), int(tcw.get(qn("w:w")))) == ("dxa", sum(grid_twips[col : col + span]))
            col += span
        assert col == len(grid_twips)
        assert tr.trPr.find(qn("w:cantSplit")) is not None
    flags = [tr.trPr.find(qn("w:tblHeader")) for tr in tbl.tr_lst]
    assert [f is not None for f in flags] == [True] * header_rows + [False] * (len(flags) - header_rows)
    assert all(f.get(W) == "true" for f in flags[:header_rows])


def test_table_cells_alignment_fonts_and_paragraph_marks(doc):
    t3 = doc.tables[1]
    seen = set()
    for tr in t3._tbl.tr_lst:
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":  # the top cell of a vertical merge carries everything
                continue
            assert tc.tcPr.find(qn("w:vAlign")).get(W) == "center"
            p = tc.findall(qn("w:p"))[0]
            ppr = p.find(qn("w:pPr"))
            rpr = ppr.find(qn("w:rPr"))
            assert rpr.find(qn("w:sz")).get(W) == "18" and rpr.find(qn("w:szCs")).get(W) == "18"
            spacing = ppr.find(qn("w:spacing"))
            assert (spacing.get(qn("w:before")), spacing.get(qn("w:after")), spacing.get(qn("w:lineRule"))) == \
                ("0", "0", "auto") and spacing.get(qn("w:line")) == "240"
            assert ppr.find(qn("w:ind")).get(qn("w:firstLine")) == "0"
            seen.add(tc)
    assert len(seen) > 100

    def cell_para(row, col):
        return t3.rows[row].cells[col].paragraphs[0]

    header = cell_para(0, 3)  # 申请人情况
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [(r.text, r.font.name, r.font.size.pt, r.font.bold) for r in header.runs] == [
        (L.T3_APPLICANT_HEADER, "宋体", 9, True)]
    third = next(r for r in range(3, len(t3.rows)) if t3.rows[r].cells[2].text == "1.属于国家秘密")
    assert cell_para(third, 2).alignment == WD_ALIGN_PARAGRAPH.LEFT  # third-level labels left-aligned
    assert cell_para(third, 1).alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert cell_para(3, 0).alignment == WD_ALIGN_PARAGRAPH.CENTER  # 一、本年新收… spans three label columns
    label = cell_para(3, 0).runs[0]
    assert (label.font.bold, label.font.size.pt) == (None, 9)
    value = cell_para(3, 3)
    assert value.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [(r.text, r.font.bold) for r in value.runs] == [("1", None)]
    assert cell_para(4, 3).runs == []  # a blank cell gets no run at all


def test_each_table_is_followed_by_an_empty_unindented_spacer(doc):
    body = list(doc.element.body)
    for tbl in doc.element.body.findall(qn("w:tbl")):
        nxt = body[body.index(tbl) + 1]
        assert nxt.tag == qn("w:p") and text_of(nxt) == ""
        ppr = nxt.find(qn("w:pPr"))
        assert ppr.find(qn("w:ind")) is None and ppr.find(qn("w:jc")).get(W) == "both"


def test_tables_sit_after_their_section_heading(doc):
    body = list(doc.element.body)
    heads = {k: next(i for i, el in enumerate(body) if el.tag == qn("w:p") and text_of(el) == L.SECTION_TITLES[k])
             for k in L.SECTION_KEYS}
    tables = [i for i, el in enumerate(body) if el.tag == qn("w:tbl")]
    assert heads["二"] < tables[0] < heads["三"] < tables[1] < heads["四"] < tables[2] < heads["五"]
    t2 = doc.tables[0]
    fee = next(r for r in t2.rows if r.cells[0].text == L.T2_FEE)
    assert fee.cells[1].text == "1.5"


def test_every_paragraph_in_order(tmp_path):
    """The whole body as text: empty sections print their heading only (no stray paragraph), the closing's lines of
    30 characters go to the right margin and one of 31 does not."""
    r = make_report()
    r.closing = "一" * 30 + "\n" + "二" * 31 + "\n2025年1月20日"
    d = docx.Document(str(write_docx(r, tmp_path / "all.docx")))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts == [
        "某县人民政府2024年政府信息公开工作年度报告", "本报告依据条例编制。",
        T["一"], "（一）主动公开。本年度主动公开信息12条。", "（二）依申请公开", "全年平稳。",
        T["二"], T["三"], T["四"], T["五"], "存在的问题：培训不足。", T["六"],
        "一" * 30, "二" * 31, "2025年1月20日"]
    assert [para(d, t).alignment for t in ("一" * 30, "二" * 31)] == [WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY]


def test_sections_missing_from_the_dict_print_their_heading_only(tmp_path):
    r = make_report()
    r.sections = {"一": "正文。"}
    d = docx.Document(str(write_docx(r, tmp_path / "few.docx")))
    texts = [p.text for p in d.paragraphs if p.text]
    i = texts.index(T["一"])
    assert texts[i : i + 7] == [T["一"], "正文。", T["二"], T["三"], T["四"], T["五"], T["六"]]
