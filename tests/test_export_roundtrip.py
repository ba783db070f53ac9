"""Word export → parse gives the report back: the same tables, sections, title, opening and 落款, and auditing the
export finds nothing the source did not have (no section_missing, no lost 表二, no 「未找到报告的落款日期」).

Run on every sample report in tests/fixtures (parsed from its text or PDF) and on a report as the app writes it
(tables typed in, the proposed 统计期限 sentence, a 落款 with agency and date)."""

import json

import pytest

from conftest import FIXTURES
from report.export.docx import opening_text, write_docx
from report.export.markdown import report_title
from report.model import Report
from report.rules import validate
from report.usecases import load_report

SAMPLES = sorted(p for p in FIXTURES.glob("*.txt") if "pdfminer" not in p.name) + sorted(FIXTURES.glob("*.pdf"))


def _words(text):
    return " ".join((text or "").split())


def _places(report):
    """Audit findings as (rule, place) — a text span's offsets change with the layout, its place does not."""
    return {(f.rule, f.where.split("[")[0]) for f in validate(report, None, mode="audit")}


def _round_trip(report, tmp_path):
    path = write_docx(report, tmp_path / "export.docx")
    return load_report(path)


def test_samples_cover_every_format():
    assert {p.suffix for p in SAMPLES} == {".txt", ".pdf"} and len(SAMPLES) == 5


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_export_then_parse_gives_the_same_report(sample, tmp_path):
    source = load_report(sample)
    back = _round_trip(source, tmp_path)
    assert back.table2 == source.table2
    assert back.table3 == source.table3
    assert back.table4 == source.table4
    assert (back.agency, back.year, back.template) == (source.agency, source.year, source.template)
    assert report_title(back) == report_title(source)
    for key in source.sections:
        assert _words(back.sections[key]) == _words(source.sections[key]), key
    assert _words(opening_text(back.preamble, report_title(back))) == _words(
        opening_text(source.preamble, report_title(source)))
    assert back.signature == source.signature
    added = _places(back) - _places(source)
    assert added == set()  # the export passes every check the source passed


def test_hybrid_report_keeps_its_2021_table2_next_to_a_2019_table3(tmp_path):
    """Some reports print the 2021 表二 next to the 2019 表三: the export draws each table in its own format."""
    truth = json.loads((FIXTURES / "truth" / "002_huaian_shi_2024.json").read_text(encoding="utf-8"))
    report = Report.from_interchange({**truth, "template": "2019", "table3": {}})
    assert report.template == "2019" and "行政规范性文件" in report.table2
    report.table2["行政许可"] = 4500
    back = _round_trip(report, tmp_path)
    assert back.table2 == report.table2 and back.table2["行政许可"] == 4500
    assert back.template == "2019"


def test_a_report_written_in_the_app_round_trips_with_its_closing(tmp_path):
    source = load_report(FIXTURES / "002_huaian_shi_2024.txt")
    report = Report.from_interchange(source.to_interchange())
    report.title = "某某市人民政府办公室2024年政府信息公开工作年度报告"
    report.agency = "某某市人民政府办公室"
    report.preamble = "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    report.closing = "某某市人民政府办公室\n2025年1月20日"
    data = report.to_interchange()
    assert data["closing"] == {"signed_by": "某某市人民政府办公室", "date": "2025年1月20日"}  # the spec's shape
    assert "closing_text" not in data
    assert Report.from_interchange(json.loads(json.dumps(data, ensure_ascii=False))) == report
    back = _round_trip(report, tmp_path)
    assert back.signature == {"signed_by": "某某市人民政府办公室", "date": "2025年1月20日"}
    assert back.title == report.title
    assert "统计期限自2024年1月1日起至2024年12月31日止" in back.preamble
    rules = {f.rule for f in validate(back, None, mode="audit")}
    assert not rules & {"period_missing", "publication_date_missing", "section_missing", "sections_missing"}
    assert (back.table2, back.table3, back.table4) == (report.table2, report.table3, report.table4)


def test_closing_reads_older_plain_text_and_keeps_extra_lines():
    old = Report.from_interchange({"closing": "某局\n2025年1月20日"})
    assert old.signature == {"signed_by": "某局", "date": "2025年1月20日"}
    extra = Report.blank(closing="联系电话：12345\n某局\n二〇二五年一月二十日")
    data = extra.to_interchange()
    assert data["closing"] == {"signed_by": "某局", "date": "二〇二五年一月二十日"}
    assert Report.from_interchange(data).closing == extra.closing


def test_docx_writes_title_opening_and_closing_once(tmp_path):
    import docx

    report = load_report(FIXTURES / "005_suqian_shuyangxian_2025.txt")
    texts = [p.text for p in docx.Document(str(write_docx(report, tmp_path / "x.docx"))).paragraphs]
    title = report_title(report)
    assert sum(1 for t in texts if "".join(t.lstrip("#").split()) == "".join(title.split())) == 1  # not repeated from the preamble
    assert texts[-2:] == ["沐阳县人民政府", "2026年1月23日"]
    assert any("统计期限" in t for t in texts)


