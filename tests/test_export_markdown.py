"""Markdown output and the editable-grid helpers (table frames) used by the UI."""

import json
import re

import pytest

from conftest import FIXTURES
from report import Report
from report.export.markdown import (
    apply_table2_frame,
    apply_table3_frame,
    apply_table4_frame,
    table2_frame,
    table3_frame,
    table4_frame,
    to_markdown,
)
from report.model import labels as L

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))


def load(path) -> tuple[Report, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Report.from_interchange(data), data


def md_rows(md: str) -> dict[str, list[str]]:
    """Markdown table rows keyed by their first cell."""
    rows = {}
    for line in md.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            rows[cells[0]] = cells[1:]
    return rows


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_markdown_has_title_sections_labels_and_values(path):
    report, data = load(path)
    report.sections["五"] = "存在的主要问题：培训不足。"
    report.preamble = "统计期限自1月1日起。"
    report.closing = "某某办公室"
    md = to_markdown(report)
    assert md.startswith(f"# {data['agency']}{data['year']}年政府信息公开工作年度报告\n")
    positions = [md.index(f"## {L.SECTION_TITLES[k]}") for k in L.SECTION_KEYS]
    assert positions == sorted(positions)
    assert md.index("统计期限") < positions[0] and md.index("某某办公室") > positions[-1]
    assert "存在的主要问题：培训不足。" in md and L.T3_IDENTITY_NOTE in md
    rows = md_rows(md)
    for path_ in L.T3_ROWS_2021:
        label = " / ".join(path_.split("/"))
        assert rows[label] == [str(v) for v in data["table3"][path_]]
    for g in L.T4_GROUPS:
        assert rows[L.T4_GROUP_TITLES[g]] == [str(v) for v in data["table4"][g]]
    for row, val in data["table2"].items():
        want = [str(v) for v in val.values()] if isinstance(val, dict) else [str(val)]
        assert rows[row] == want


def test_markdown_blank_cell_is_empty_not_zero():
    report, _ = load(TRUTHS[0])
    report.table3[L.R_NEW][1] = None
    report.table2["行政处罚"] = None
    rows = md_rows(to_markdown(report))
    assert rows[L.R_NEW][1] == ""
    assert rows["行政处罚"] == [""]
    assert not re.search(r"\| None \|", to_markdown(report))


def test_frames_round_trip_unchanged():
    report, _ = load(TRUTHS[1])
    for frame, apply in ((table2_frame, apply_table2_frame), (table3_frame, apply_table3_frame),
                         (table4_frame, apply_table4_frame)):
        headers, rows = frame(report)
        assert len(headers) == len(rows[0])
        assert apply(report, rows) == report
    headers, rows = table3_frame(report)
    assert headers[1:] == list(L.T3_COLUMNS) and len(rows) == 25


def test_edited_frame_updates_cells_and_flags_text():
    report, data = load(TRUTHS[1])
    _, rows = table3_frame(report)
    rows[0][1] = "3002"  # typed as text: a number
    rows[0][2] = "五十三"  # not a number
    rows[1][7] = ""  # cleared
    edited = apply_table3_frame(report, rows)
    assert edited.table3[L.R_NEW][:2] == [3002, None]
    assert edited.table3[L.R_CARRIED_IN][6] is None
    assert report.table3[L.R_NEW][0] == data["table3"][L.R_NEW][0]  # the original is untouched
    [diag] = edited.diagnostics
    assert diag.severity == "error" and "五十三" in diag.message and diag.where == f"表三/{L.R_NEW}/商业企业"
    # fixing the cell clears the complaint
    rows[0][2] = 53
    assert apply_table3_frame(edited, rows).diagnostics == []


def test_frame_with_rows_added_or_removed_is_refused():
    report, _ = load(TRUTHS[0])
    _, rows = table4_frame(report)
    with pytest.raises(ValueError, match="表四应有3行"):
        apply_table4_frame(report, rows[:2])


def test_frames_accept_rows_in_another_order_by_label():
    report, data = load(TRUTHS[2])
    _, rows = table4_frame(report)
    edited = apply_table4_frame(report, list(reversed(rows)))
    assert edited.table4 == data["table4"]


def test_short_rows_are_padded_with_blanks():
    report = Report.blank()
    report.table3[L.R_NEW] = [5, 6]
    report.table4[L.T4_REVIEW] = []
    rows = md_rows(to_markdown(report))
    assert rows[L.R_NEW] == ["5", "6", "", "", "", "", ""]
    assert rows[L.T4_GROUP_TITLES[L.T4_REVIEW]] == [""] * 5
