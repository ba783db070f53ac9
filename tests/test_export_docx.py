"""Word export: the official layout, checked by reopening the .docx with python-docx.

Expected values come from the hand-checked truth JSON files, not from the writer; the merge checks encode the
printed template (statutory_tables.md §1–§3): merged cells share one ``w:tc`` element when read back.
"""

import json

import docx
import pytest
from docx.oxml.ns import qn

from conftest import FIXTURES
from report import Report
from report.export.docx import DRAFT_BANNER, write_docx
from report.model import labels as L

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))
SECTION_TEXT = {
    "一": "（一）主动公开政府信息情况。本年度主动公开政府信息共计1234条。\n全年工作平稳有序。",
    "五": "存在的主要问题：公开内容还不够全面。改进措施：加强培训。",
    "六": "本年度未收取信息处理费。",
}


def build(path, **extra) -> tuple[Report, dict]:
    truth = json.loads(path.read_text(encoding="utf-8"))
    report = Report.from_interchange(truth)
    report.sections.update(SECTION_TEXT)
    report.preamble = "统计期限自1月1日起，至12月31日止。"
    report.closing = "某某人民政府办公室\n2025年1月20日"
    for k, v in extra.items():
        setattr(report, k, v)
    return report, truth


def shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def at(table, row, col):
    """table.cell(row, col) without python-docx rescanning the whole table on every call."""
    cache = table.__dict__.get("_grid")
    if cache is None:
        cache = table.__dict__["_grid"] = table._cells
    return cache[row * len(table._tbl.tblGrid.gridCol_lst) + col]


def same(t, a, b) -> bool:
    return at(t, *a)._tc is at(t, *b)._tc


# Function scope: the mutation bench ties the writer to every test that reads its output (a module fixture would
# tie it to the first test only, and the others would never be run against a mutant of the writer).
@pytest.fixture(params=TRUTHS, ids=lambda p: p.stem)
def exported(request, tmp_path_factory):
    report, truth = build(request.param)
    out = write_docx(report, tmp_path_factory.mktemp("docx") / "report.docx")
    return docx.Document(str(out)), report, truth


def test_three_tables_with_official_shapes(exported):
    doc, _, _ = exported
    assert len(doc.tables) == 3
    t2, t3, t4 = doc.tables
    assert (len(t3.rows), len(t3.columns)) == (28, 10)
    assert (len(t4.rows), len(t4.columns)) == (4, 15)
    assert len(t2.columns) == 4


def test_table3_header_merges_follow_the_template(exported):
    t3 = exported[0].tables[1]
    assert same(t3, (0, 0), (2, 2)) and at(t3, 0, 0).text == L.T3_IDENTITY_NOTE
    assert same(t3, (0, 3), (0, 9)) and at(t3, 0, 3).text == "申请人情况"
    assert not same(t3, (0, 3), (1, 3))
    assert same(t3, (1, 3), (2, 3)) and at(t3, 1, 3).text == "自然人"
    assert same(t3, (1, 4), (1, 8)) and not same(t3, (1, 4), (1, 9))
    assert at(t3, 1, 4).text == "法人或其他组织"
    assert same(t3, (1, 9), (2, 9)) and at(t3, 2, 9).text == "总计"
    assert [at(t3, 2, c).text for c in range(4, 9)] == list(L.T3_ORG_COLUMNS)


def test_table3_label_merges_follow_the_template(exported):
    t3 = exported[0].tables[1]
    # 三、本年度办理结果 spans the 22 rows r03..r24 (worksheet rows 5..26)
    assert same(t3, (5, 0), (26, 0)) and not same(t3, (5, 0), (27, 0)) and not same(t3, (5, 0), (4, 0))
    assert at(t3, 5, 0).text == L.R_RESULTS
    spans = {"（三）不予公开": (7, 8), "（四）无法提供": (15, 3), "（五）不予处理": (18, 5), "（六）其他处理": (23, 3)}
    for label, (start, n) in spans.items():
        assert at(t3, start, 1).text == label
        assert same(t3, (start, 1), (start + n - 1, 1)) and not same(t3, (start, 1), (start + n, 1))
        assert not same(t3, (start, 1), (start, 2))
    for r in (3, 4, 27):  # 一、二、四: label across the 3 label columns
        assert same(t3, (r, 0), (r, 2)) and not same(t3, (r, 2), (r, 3))
    for r in (5, 6, 26):  # （一）（二）（七）: across 2 label columns
        assert same(t3, (r, 1), (r, 2)) and not same(t3, (r, 0), (r, 1))


def test_table3_rows_carry_the_truth_values(exported):
    _, _, truth = exported
    t3 = exported[0].tables[1]
    for i, path in enumerate(L.T3_ROWS_2021):
        row = 3 + i
        assert at(t3, row, 2).text == path.split("/")[-1]
        got = [at(t3, row, c).text for c in range(3, 10)]
        assert got == [shown(v) for v in truth["table3"][path]], path


def test_table4_headers_and_15_values(exported):
    _, _, truth = exported
    t4 = exported[0].tables[2]
    assert same(t4, (0, 0), (1, 4)) and at(t4, 0, 0).text == "行政复议"
    assert same(t4, (0, 5), (0, 14)) and at(t4, 0, 5).text == "行政诉讼" and not same(t4, (0, 5), (1, 5))
    assert same(t4, (1, 5), (1, 9)) and at(t4, 1, 5).text == "未经复议直接起诉"
    assert same(t4, (1, 10), (1, 14)) and at(t4, 1, 10).text == "复议后起诉"
    assert [at(t4, 2, c).text for c in range(15)] == list(L.T4_COLUMNS) * 3
    data = [at(t4, 3, c) for c in range(15)]
    assert len({id(c._tc) for c in data}) == 15
    expected = [shown(v) for g in L.T4_GROUPS for v in truth["table4"][g]]
    assert [c.text for c in data] == expected


def test_table2_items_and_single_value_rows_span_three_columns(exported):
    _, _, truth = exported
    t2 = exported[0].tables[0]
    texts = [at(t2, r, 0).text for r in range(len(t2.rows))]
    for item in ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"):
        r = texts.index(item)
        assert same(t2, (r, 0), (r, 3))
    for row in L.T2_SINGLE_ROWS:
        r = texts.index(row)
        assert same(t2, (r, 1), (r, 3)) and at(t2, r, 1).text == shown(truth["table2"][row])
    r = texts.index("行政规范性文件")
    assert [at(t2, r, c).text for c in (1, 2, 3)] == [shown(truth["table2"]["行政规范性文件"][c]) for c in L.T2_DOC_COLUMNS]


def test_header_rows_repeat_and_grid_widths_are_set(exported):
    t3 = exported[0].tables[1]
    flags = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in t3._tbl.tr_lst]
    assert flags[:3] == [True] * 3 and not any(flags[3:])
    widths = [int(gc.get(qn("w:w"))) for gc in t3._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(widths) == 10 and all(w > 300 for w in widths)
    assert abs(sum(widths) - 15.6 * 567) < 60  # the text width between the 2.8/2.6 cm margins


def test_page_setup_fonts_and_footer_page_field(exported):
    doc, report, _ = exported
    s = doc.sections[0]
    assert round(s.page_width.cm, 1) == 21.0 and round(s.page_height.cm, 1) == 29.7
    assert [round(x.cm, 1) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [3.7, 3.5, 2.8, 2.6]
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    body = doc.element.body
    runs = body.findall(".//" + qn("w:r"))
    assert runs
    for r in runs:
        if r.findall(qn("w:t")):
            rfonts = r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            assert rfonts is not None and rfonts.get(qn("w:eastAsia")), "run without an eastAsia font"
            lang = r.find(qn("w:rPr") + "/" + qn("w:lang"))
            assert lang is not None and lang.get(qn("w:eastAsia")) == "zh-CN"
    title = doc.paragraphs[0]
    assert title.text == f"{report.agency}{report.year}年政府信息公开工作年度报告"
    assert title.runs[0].font.size.pt == 22 and title.alignment == 1  # centred
    assert title.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    footer_xml = s.footer._element.xml
    assert "PAGE" in footer_xml and 'w:fldCharType="begin"' in footer_xml
    assert DRAFT_BANNER not in s.header._element.xml


def test_sections_in_order_with_heading_and_body_fonts(exported):
    doc = exported[0]
    paras = [p for p in doc.paragraphs if p.text.strip()]
    texts = [p.text for p in paras]
    idx = [texts.index(L.SECTION_TITLES[k]) for k in L.SECTION_KEYS]
    assert idx == sorted(idx)
    heading = paras[idx[0]]
    assert heading.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    sub = next(p for p in paras if p.text.startswith("（一）主动公开"))
    assert sub.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert sub.runs[1]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert sub.runs[1].font.size.pt == 16
    pf = sub.paragraph_format
    assert pf.line_spacing.pt == 28 and pf.first_line_indent.pt == 32


def test_draft_marks_header_and_title(tmp_path):
    report, _ = build(TRUTHS[0])
    doc = docx.Document(str(write_docx(report, tmp_path / "d.docx", draft=True)))
    assert doc.sections[0].header.paragraphs[0].text == "草稿（存在未解决的错误，不得发布）"
    assert doc.paragraphs[0].text.startswith("【草稿】")


def test_blank_cells_stay_blank_not_zero(tmp_path):
    report, _ = build(TRUTHS[0])
    report.table3[L.R_NEW][0] = None
    report.table4[L.T4_REVIEW][4] = None
    report.table2["行政许可"] = None
    doc = docx.Document(str(write_docx(report, tmp_path / "b.docx")))
    t2, t3, t4 = doc.tables
    assert at(t3, 3, 3).text == "" and at(t3, 3, 4).text == shown(report.table3[L.R_NEW][1])
    assert at(t4, 3, 4).text == ""
    r = [at(t2, i, 0).text for i in range(len(t2.rows))].index("行政许可")
    assert at(t2, r, 1).text == ""


def test_2019_template_report_has_23_data_rows(tmp_path):
    report = Report.blank("2019", agency="某县人民政府", year=2020)
    other = f"{L.R_RESULTS}/{L.G_OTHER}"
    report.table3[other] = [1, 0, 0, 0, 0, 2, 3]
    report.table2["政府集中采购"] = {"采购项目数量": 4, "采购总金额": 12.5}
    doc = docx.Document(str(write_docx(report, tmp_path / "r2019.docx")))
    t2, t3, _ = doc.tables
    assert len(t3.rows) == 3 + 23
    r = 3 + L.T3_ROWS_2019.index(other)
    assert at(t3, r, 1).text == L.G_OTHER and same(t3, (r, 1), (r, 2))
    assert [at(t3, r, c).text for c in range(3, 10)] == ["1", "0", "0", "0", "0", "2", "3"]
    assert same(t3, (5, 0), (24, 0)) and not same(t3, (5, 0), (25, 0))  # 三 over 20 rows
    labels = [at(t2, i, 0).text for i in range(len(t2.rows))]
    r = labels.index("政府集中采购")
    assert at(t2, r, 1).text == "4" and at(t2, r, 2).text == "12.5" and same(t2, (r, 2), (r, 3))


def test_short_or_missing_rows_print_blank_cells(tmp_path):
    report = Report.blank(agency="某区人民政府", year=2024)
    report.table3[L.R_NEW] = [5, 6]  # a parser that could read only two cells
    del report.table3[L.R_CARRIED_IN]
    report.table4[L.T4_REVIEW] = []
    doc = docx.Document(str(write_docx(report, tmp_path / "short.docx")))
    t3, t4 = doc.tables[1], doc.tables[2]
    assert [at(t3, 3, c).text for c in range(3, 10)] == ["5", "6", "", "", "", "", ""]
    assert [at(t3, 4, c).text for c in range(3, 10)] == [""] * 7
    assert [at(t4, 3, c).text for c in range(5)] == [""] * 5
