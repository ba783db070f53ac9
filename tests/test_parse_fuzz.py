"""Damaged input never crashes the parser: truncated, shuffled, duplicated, emptied, binary, GBK, huge.

Each case yields a Report (with diagnostics when something was off) or a ReportParseError with a Chinese
message — never another exception."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from report.model.tables import Report
from report.parse import ReportParseError, parse_bytes

SOURCES = [
    (FIXTURES / name).read_text(encoding="utf-8")
    for name in ("001_changsha_furongqu_2021.txt", "002_huaian_shi_2024.txt", "002_huaian_shi_2024.pdfminer.txt",
                 "005_suqian_shuyangxian_2025.txt", "010_pingtan_2021.txt")
]


def _damage(text: str, op: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    if op == "truncate":
        return text[: data.draw(st.integers(0, len(text)), label="cut")]
    if op == "shuffle":
        return "\n".join(data.draw(st.permutations(lines), label="perm"))
    if op == "duplicate":
        i = data.draw(st.integers(0, len(lines) - 1), label="i")
        n = data.draw(st.integers(1, 5), label="n")
        return "\n".join(lines[: i + 1] + lines[i : i + 20] * n + lines[i + 1 :])
    if op == "delete":
        keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)), label="keep")
        return "\n".join(ln for ln, k in zip(lines, keep) if k)
    if op == "blank":
        return "\n" * data.draw(st.integers(0, 50), label="n")
    return data.draw(st.text(min_size=0, max_size=400), label="random")


def _check(data_bytes: bytes) -> None:
    try:
        report = parse_bytes(data_bytes)
    except ReportParseError as exc:
        assert re.search(r"[\u4e00-\u9fff]", str(exc)), str(exc)  # noqa: PT017 - hypothesis drives the input
        return
    assert isinstance(report, Report)
    # the interchange JSON of damaged input still reads back to the same tables and text
    data = report.to_interchange()
    back = Report.from_interchange(data).to_interchange()
    for key in ("table3", "table4", "sections", "agency", "year", "template", "diagnostics"):
        assert back[key] == data[key], key
    if not any(d.code == "mixed_template" for d in report.diagnostics):
        assert back["table2"] == data["table2"]
    for d in report.diagnostics:
        assert re.search(r"[\u4e00-\u9fff]", d.message)


@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(src=st.sampled_from(range(len(SOURCES))),
       op=st.sampled_from(["truncate", "shuffle", "duplicate", "delete", "blank", "random"]),
       encoding=st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]),
       data=st.data())
def test_damaged_text_never_crashes(src, op, encoding, data):
    text = _damage(SOURCES[src], op, data)
    _check(text.encode(encoding, errors="replace"))


@settings(max_examples=20, deadline=None, database=None)
@given(st.binary(min_size=0, max_size=4000))
def test_binary_never_crashes(blob):
    _check(blob)


def test_damaged_pdf_and_docx_bytes():
    pdf = (FIXTURES / "002_huaian_shi_2024.pdf").read_bytes()
    for cut in (10, 2000, len(pdf) // 2):
        _check(pdf[:cut])
    _check(b"PK\x03\x04" + b"\x00" * 200)


def test_truncated_report_keeps_what_it_read():
    text = SOURCES[1]
    cut = text[: text.index("四、政府信息公开行政复议")]
    report = parse_bytes(cut.encode("utf-8"))
    assert report.t3("一、本年新收政府信息公开申请数量") == 3119
    codes = {d.code for d in report.diagnostics}
    assert "section_unlocated" in codes and "table_unlocated" in codes
    unread = {ref.table for ref in report.unread_cells()}
    assert unread == {"table4"}  # 表四 was cut off: unread, never the report's blank
