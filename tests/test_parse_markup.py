"""HTML and DOCX round trips: a truth report rendered into official-layout tables (merged header cells, rowspans)
inside page markup / a Word document, parsed back cell for cell; blank cells (``&nbsp;``, ``/``) stay None."""

from __future__ import annotations

import html as htmlmod
import io
import json

import docx
import pytest

from conftest import FIXTURES
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report
from report.parse import parse_bytes, parse_text

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))
NARRATIVE = {
    "一": "本年度，我单位认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息1200条。",
    "二": "",
    "三": "",
    "四": "",
    "五": "一是公开质量有待提升；二是解读形式较为单一。下一步将加强培训。",
    "六": "本年度未收取信息处理费。",
}

Cell = tuple  # (text, rowspan, colspan)


def _v(x) -> str:
    return "" if x is None else str(x)


def table_specs(r: Report, blank: str = "") -> dict[str, list[list[Cell]]]:
    """The three statutory tables in the official layout as rows of (text, rowspan, colspan)."""
    val = lambda x: (blank if x is None else str(x), 1, 1)
    t2: list[list[Cell]] = [[("第二十条第（一）项", 1, 4)], [("信息内容", 1, 1)] + [(c, 1, 1) for c in L.T2_DOC_COLUMNS]]
    for row in L.T2_DOC_ROWS:
        t2.append([(row, 1, 1)] + [val(r.table2[row][c]) for c in L.T2_DOC_COLUMNS])
    for item, rows in (("第二十条第（五）项", ["行政许可"]), ("第二十条第（六）项", ["行政处罚", "行政强制"]), ("第二十条第（八）项", ["行政事业性收费"])):
        t2.append([(item, 1, 4)])
        t2.append([("信息内容", 1, 1), (L.T2_SINGLE_COLUMN[rows[0]], 1, 3)])
        for row in rows:
            t2.append([(row, 1, 1), (val(r.table2[row])[0], 1, 3)])
    t3: list[list[Cell]] = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [(c, 1, 1) for c in L.T3_ORG_COLUMNS],
    ]
    groups = L.t3_groups(r.template)
    for path in L.t3_rows(r.template):
        parts = path.split("/")
        cells: list[Cell] = []
        if len(parts) == 1:
            cells.append((parts[0], 1, 3))
        else:
            if path == L.t3_result_rows(r.template)[0]:
                cells.append((L.R_RESULTS, len(L.t3_result_rows(r.template)) + 1, 1))
            if len(parts) == 2:
                cells.append((parts[1], 1, 2))
            else:
                members = groups[parts[1]]
                if path == members[0]:
                    cells.append((parts[1], len(members), 1))
                cells.append((parts[2], 1, 1))
        t3.append(cells + [val(x) for x in r.table3[path]])
    t4: list[list[Cell]] = [
        [("行政复议", 2, 5), ("行政诉讼", 1, 10)],
        [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [(c, 1, 1) for _ in range(3) for c in L.T4_COLUMNS],
        [val(x) for g in L.T4_GROUPS for x in r.table4[g]],
    ]
    return {"二": t2, "三": t3, "四": t4}


def render_html(r: Report, blank: str = "&nbsp;") -> str:
    def table(rows):
        out = ['<table border="1" cellspacing="0"><tbody>']
        for row in rows:
            tds = []
            for text, rs, cs in row:
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                body = text if text in ("&nbsp;",) else htmlmod.escape(text)
                tds.append(f"<td{attrs}><p style='text-align:center'><span>{body}</span></p></td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        return "\n".join(out) + "</tbody></table>"

    specs = table_specs(r, blank=blank)
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年报</title>",
        "<script>var menu = ['首页', '2099年'];</script><style>td{border:1px}</style></head><body>",
        "<div class='nav'>首页 &gt; 政务公开 &gt; 年度报告</div><div class='article'>",
        f"<h1>{r.agency}{r.year}年政府信息公开工作年度报告</h1>",
    ]
    for key in L.SECTION_KEYS:
        parts.append(f"<p><strong>{L.SECTION_TITLES[key]}</strong></p>")
        if NARRATIVE[key]:
            parts.append(f"<p>{NARRATIVE[key]}</p>")
        if key in specs:
            parts.append(table(specs[key]))
    parts.append(f"<p style='text-align:right'>{r.agency}</p><p style='text-align:right'>{r.year + 1}年1月20日</p>")
    parts.append("</div><div class='footer'>主办单位：某某办公室 网站标识码 1234</div></body></html>")
    return "\n".join(parts)


def render_docx(r: Report) -> bytes:
    document = docx.Document()
    document.add_paragraph(f"{r.agency}{r.year}年政府信息公开工作年度报告")
    specs = table_specs(r)
    for key in L.SECTION_KEYS:
        document.add_paragraph(L.SECTION_TITLES[key])
        if NARRATIVE[key]:
            document.add_paragraph(NARRATIVE[key])
        if key in specs:
            _docx_table(document, specs[key])
    document.add_paragraph(r.agency or "")
    document.add_paragraph(f"{r.year + 1}年1月20日")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _docx_table(document, rows: list[list[Cell]]) -> None:
    """Place (text, rowspan, colspan) cells on a grid (HTML algorithm) and merge them in Word."""
    placed: list[tuple[int, int, Cell]] = []
    taken: set[tuple[int, int]] = set()
    for i, row in enumerate(rows):
        j = 0
        for cell in row:
            while (i, j) in taken:
                j += 1
            placed.append((i, j, cell))
            for di in range(cell[1]):
                for dj in range(cell[2]):
                    taken.add((i + di, j + dj))
            j += cell[2]
    n_cols = max(j for _, j in taken) + 1
    table = document.add_table(rows=len(rows), cols=n_cols)
    grid = table._cells  # computed once: table.cell(i, j) recomputes the whole grid on every call
    for i, j, (text, _rs, _cs) in placed:
        grid[i * n_cols + j].text = text
    for i, j, (_text, rs, cs) in placed:
        if rs > 1 or cs > 1:
            grid[i * n_cols + j].merge(grid[(i + rs - 1) * n_cols + j + cs - 1])


def load(path) -> Report:
    r = Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))
    r.agency = (r.agency or "").split("（")[0]  # 010's truth annotates the agency in brackets
    return r


def diff(parsed: Report, truth: Report):
    got = dict(parsed.cells())
    return [(k, v, got.get(k)) for k, v in truth.cells() if got.get(k) != v]


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.stem)
def test_html_round_trip(truth_path):
    truth = load(truth_path)
    page = render_html(truth)
    assert 'rowspan="22"' in page and 'colspan="7"' in page
    parsed = parse_bytes(page.encode("utf-8"), filename="page.html")
    assert diff(parsed, truth) == []
    assert parsed.year == truth.year and parsed.agency == truth.agency
    assert parsed.sections["五"] == NARRATIVE["五"]
    assert "var menu" not in parsed.text() and "网站标识码" not in "".join(parsed.sections.values())


def test_html_blank_cells_stay_none():
    truth = load(FIXTURES / "truth" / "002_huaian_shi_2024.json")
    truth.set(CellRef.parse("表三/一、本年新收政府信息公开申请数量/科研机构"), None)
    truth.set(CellRef.parse("表二/行政强制"), None)
    truth.set(CellRef.parse("表四/行政诉讼_复议后起诉/尚未审结"), None)
    for blank in ("&nbsp;", "/", "—"):
        parsed = parse_text(render_html(truth, blank=blank))
        assert diff(parsed, truth) == []
        assert parsed.get(CellRef.parse("表三/一、本年新收政府信息公开申请数量/科研机构")) is None
        assert parsed.get(CellRef.parse("表三/一、本年新收政府信息公开申请数量/自然人")) == 3001


def test_html_gbk_page():
    truth = load(FIXTURES / "truth" / "001_changsha_furongqu_2021.json")
    page = render_html(truth).replace("charset='utf-8'", "charset='gbk'")
    parsed = parse_bytes(page.encode("gbk"), filename="x.htm")
    assert diff(parsed, truth) == []


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.stem)
def test_docx_round_trip(truth_path):
    truth = load(truth_path)
    data = render_docx(truth)
    xml = docx.Document(io.BytesIO(data)).element.xml
    assert "w:vMerge" in xml and "w:gridSpan" in xml  # merged cells as in the official layout
    parsed = parse_bytes(data, filename="report.bin")
    assert diff(parsed, truth) == []
    assert parsed.year == truth.year
    assert parsed.sections["一"] == NARRATIVE["一"]
    assert parsed.closing.endswith("年1月20日")


def test_docx_2019_template_round_trip():
    truth = load(FIXTURES / "truth" / "002_huaian_shi_2024.json")
    t3 = {p: truth.table3[p] for p in L.T3_ROWS_2021 if p in L.T3_ROWS_2019}
    other = [sum(truth.table3[p][i] for p in L.T3_GROUPS_2021[L.G_OTHER]) for i in range(7)]
    t3[f"{L.R_RESULTS}/{L.G_OTHER}"] = other
    old = Report(agency=truth.agency, year=2020, template="2019", table2=truth.table2,
                 table3={p: t3[p] for p in L.T3_ROWS_2019}, table4=truth.table4)
    parsed = parse_bytes(render_docx(old))
    assert parsed.template == "2019"
    assert diff(parsed, old) == []


def test_html_inside_layout_tables():
    """Old portals put the whole article inside layout tables; the statutory tables are nested inside them."""
    truth = load(FIXTURES / "truth" / "005_suqian_shuyangxian_2025.json")
    page = render_html(truth)
    body_start = page.index("<div class='article'>")
    body_end = page.index("<div class='footer'>")
    wrapped = (page[:body_start] + "<table width='100%'><tr><td class='left'>栏目导航</td><td>"
               + page[body_start:body_end] + "</td></tr></table>" + page[body_end:])
    parsed = parse_text(wrapped)
    assert diff(parsed, truth) == []
    assert parsed.sections["一"] == NARRATIVE["一"]
