"""Table 3 of a garbled PDF-to-Markdown conversion (synthetic, rendered from the dev truths).

In such files some rows keep their label in the first cell, while the labels of other rows float out of the table
as wrapped text lines stacked above value-only rows, the header degenerates into fragments with empty cells, and a
page number sits alone on a line. Placing the numbers by the nearest label then puts them one row off; the parser
must check the guessed placement with the table-3 identities and never keep misplaced numbers.
"""

from __future__ import annotations

import pytest
from test_parse_crawler import TRUTHS, render, spaced, truth

from report.model import labels as L
from report.parse import parse_text
from report.parse.t3check import identity_failures


def _cells(values: list) -> str:
    return "| " + " | ".join("" if v is None else str(v) for v in values) + " |"


def _sep(n: int) -> str:
    return "|" + "---|" * n


def _wrapped(label: str, width: int = 9) -> list[str]:
    return [label[i : i + width] for i in range(0, len(label), width)]


def garbled_table3(table3: dict, drop: str | None = None) -> str:
    """Rows alternate between 'label in its cell' and 'two labels floating above two value-only rows'.

    ``drop`` names a row whose numbers were lost by the conversion (its label still floats in the text)."""
    out = ["## 表三：收到和处理政府信息公开申请情况", "| 业 | 构 | 益组织 | 务机构 |  |  |  |  |  |", _sep(9)]
    rows = list(table3.items())
    i = 0
    while i < len(rows):
        path, values = rows[i]
        leaf = path.split("/")[-1]
        if i % 3 == 0:
            out.append(f"| {leaf} " + _cells(values + [None]) if i < 2 else f"| {leaf} " + _cells(values))
            out.append(_sep(8))
            i += 1
            continue
        pair = rows[i : i + 2]
        out.append("")
        for p, _ in pair:
            out += _wrapped(p.split("/")[-1])
        if i == 4:
            out.append("7")  # a page number
        for p, v in pair:
            if p != drop:
                out += [_cells(v), _sep(7)]
        i += len(pair)
    return "\n".join(out) + "\n"


def garbled_report(data: dict, drop: str | None = None) -> str:
    text = render(data, spaced, spaced)
    head, rest = text.split("三、收到和处理政府信息公开申请情况", 1)
    tail = rest[rest.index(" 四、政府信息公开行政复议") :]
    return head + "\n三、收到和处理政府信息公开申请情况\n申请人情况\n" + garbled_table3(data["table3"], drop) + "\n" + tail


@pytest.mark.parametrize("name", TRUTHS)
def test_floating_labels_table3_read_in_order_when_identities_confirm(name):
    data = truth(name)
    report = parse_text(garbled_report(data))
    assert report.table3 == data["table3"]
    assert report.table4 == data["table4"]
    codes = [d.code for d in report.diagnostics]
    assert "t3_reading_order" in codes
    assert "t3_row_width" not in codes  # diagnostics of the discarded label placement are dropped
    assert [(d.severity, d.where) for d in report.diagnostics if d.code == "t3_reading_order"] == [("warning", "表三")]
    assert next(d.message for d in report.diagnostics if d.code == "t3_reading_order") == (
        "表三的行标签与数字错位（PDF 转换后标签脱离了所在行），按标签定位的结果不符合表三的勾稽关系；"
        "已改为按数字出现的顺序逐行填入，该结果符合全部勾稽关系，请对照原文核对。")


@pytest.mark.parametrize("name", TRUTHS)
def test_unplaceable_rows_are_left_blank_never_misplaced(name):
    data = truth(name)
    lost = f"{L.R_RESULTS}/{L.G_WITHHELD}/4.保护第三方合法权益"  # one of two rows under floating labels
    report = parse_text(garbled_report(data, drop=lost))
    wrong = [(p, c) for p, row in report.table3.items() for c, v in enumerate(row) if v is not None and v != data["table3"][p][c]]
    assert wrong == []
    assert not identity_failures(report.table3, report.template)
    blanked = [p for p, row in report.table3.items() if all(v is None for v in row)]
    assert lost in blanked
    diag = next(d for d in report.diagnostics if d.code == "t3_unplaced_rows")
    assert diag.severity == "warning"
    for p in blanked:
        assert L.t3_short_label(p) in diag.message
    kept = [p for p in report.table3 if p not in blanked]
    assert L.R_NEW in kept and L.R_CARRIED_OUT in kept  # rows whose label sat in their own cell keep their numbers
    assert len(kept) >= 8


@pytest.mark.parametrize("style", ["spaced", "markdown"])
def test_published_identity_error_keeps_its_numbers_on_clean_layouts(style):
    """A real report whose （七）总计 is wrong: clean layouts keep every number so the auditor can report it."""
    data = truth(TRUTHS[1])
    row = data["table3"][L.R_TOTAL]
    row[0] += 10
    row[-1] += 10
    if style == "spaced":
        text = render(data, spaced, spaced)
    else:
        lines = ["| 项目 | " + " | ".join(L.T3_COLUMNS) + " |", _sep(8)]
        lines += [f"| {p.split('/')[-1]} " + _cells(v) for p, v in data["table3"].items()]
        head, rest = render(data, spaced, spaced).split("三、收到和处理政府信息公开申请情况", 1)
        text = head + "\n三、收到和处理政府信息公开申请情况\n申请人情况\n" + "\n".join(lines) + "\n" + rest[rest.index(" 四、政府信息公开行政复议") :]
    report = parse_text(text)
    assert report.table3 == data["table3"]
    assert identity_failures(report.table3, report.template)  # the published error is still visible
    assert not any(d.code in ("t3_unplaced_rows", "t3_reading_order") for d in report.diagnostics)
