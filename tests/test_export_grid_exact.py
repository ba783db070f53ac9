"""The statutory table grids every exporter draws (report/export/grid.py): the label cells of 表三 with their merges,
and the kind of every cell (header / label / value), which the Word and Excel writers style by."""

from collections import Counter

from report.export.grid import table2_grid, table3_grid
from report.model import labels as L


def test_table3_label_columns_merge_as_the_official_form():
    g = table3_grid()
    col0 = sorted((c.row, c.text, c.rowspan, c.colspan, c.kind) for c in g.cells if c.col == 0 and c.row >= 3)
    assert col0 == [(3, L.R_NEW, 1, 3, "label"), (4, L.R_CARRIED_IN, 1, 3, "label"), (5, L.R_RESULTS, 22, 1, "label"),
                    (27, L.R_CARRIED_OUT, 1, 3, "label")]
    col1 = sorted((c.row, c.text, c.rowspan, c.kind) for c in g.cells if c.col == 1 and c.row >= 3)
    assert col1 == [(5, "（一）予以公开", 1, "label"), (6, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, "label"),
                    (7, "（三）不予公开", 8, "label"), (15, "（四）无法提供", 3, "label"), (18, "（五）不予处理", 5, "label"),
                    (23, "（六）其他处理", 3, "label"), (26, "（七）总计", 1, "label")]


def test_every_table3_cell_has_the_kind_of_its_place():
    # labels: one per row, plus the merged group labels (三、 and the groups of several rows: 2021 (三)(四)(五)(六))
    for template, rows, labels in ((L.TEMPLATE_2021, 25, 30), (L.TEMPLATE_2019, 23, 27)):
        g = table3_grid(template)
        assert Counter(c.kind for c in g.cells) == {"header": 10, "label": labels, "value": rows * 7}
        assert {c.kind for c in g.cells if c.row < 3} == {"header"}
        assert {c.kind for c in g.cells if c.row >= 3 and c.col < 3} == {"label"}
        assert {c.kind for c in g.cells if c.col >= 3 and c.row >= 3} == {"value"}


def test_table2_items_each_have_a_heading_row_and_a_column_header_row():
    g = table2_grid()
    assert [(c.row, c.col, c.text, c.colspan) for c in g.cells if c.kind == "header"] == [
        (0, 0, "第二十条第（一）项", 4), (1, 0, "信息内容", 1), (1, 1, "本年制发件数", 1), (1, 2, "本年废止件数", 1),
        (1, 3, "现行有效件数", 1),
        (4, 0, "第二十条第（五）项", 4), (5, 0, "信息内容", 1), (5, 1, "本年处理决定数量", 3),
        (7, 0, "第二十条第（六）项", 4), (8, 0, "信息内容", 1), (8, 1, "本年处理决定数量", 3),
        (11, 0, "第二十条第（八）项", 4), (12, 0, "信息内容", 1), (12, 1, "本年收费金额（单位：万元）", 3)]
