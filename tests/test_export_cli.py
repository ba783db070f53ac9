"""`python -m report export | template | import-xlsx` run as real subprocesses."""

import json
import subprocess
import sys

import docx
import pytest
from openpyxl import load_workbook

from conftest import FIXTURES, ROOT
from report import Report
from report.model import labels as L

TRUTH = FIXTURES / "truth" / "005_suqian_shuyangxian_2025.json"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "report", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def report_json(tmp_path):
    report = Report.from_interchange(json.loads(TRUTH.read_text(encoding="utf-8")))
    report.sections["一"] = "（一）主动公开情况。全年主动公开信息500条。"
    path = tmp_path / "report.json"
    path.write_text(report.to_json(), encoding="utf-8")
    return path, report


def test_export_writes_docx_and_markdown(report_json, tmp_path):
    path, report = report_json
    out, md = tmp_path / "out" / "r.docx", tmp_path / "r.md"
    res = run("export", path, "--docx", out, "--md", md, "--draft")
    assert res.returncode == 0, res.stderr
    doc = docx.Document(str(out))
    assert doc.sections[0].header.paragraphs[0].text.startswith("草稿")
    t3 = doc.tables[1]
    assert [t3.cell(3, c).text for c in range(3, 10)] == [str(v) for v in report.table3[L.R_NEW]]
    text = md.read_text(encoding="utf-8")
    assert "草稿" in text and "全年主动公开信息500条" in text


def test_export_without_output_or_with_bad_input_exits_2_in_chinese(report_json, tmp_path):
    path, _ = report_json
    res = run("export", path)
    assert res.returncode == 2 and "--docx" in res.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{这不是JSON", encoding="utf-8")
    for target, says, not_says in ((bad, "不是有效的 JSON", "找不到"), (tmp_path / "missing.json", "找不到", "不是有效的 JSON")):
        res = run("export", target, "--docx", tmp_path / "x.docx")
        assert res.returncode == 2
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
        assert says in res.stderr and not_says not in res.stderr
    assert not (tmp_path / "x.docx").exists()


def test_template_then_import_round_trips(report_json, tmp_path):
    path, report = report_json
    xlsx = tmp_path / "t.xlsx"
    res = run("template", "--xlsx", xlsx, "--from", path)
    assert res.returncode == 0, res.stderr
    wb = load_workbook(xlsx)
    ws = wb["表三"]
    for row in ws.iter_rows():
        for c in row:
            if c.value == L.R_NEW:
                c.offset(0, 3).value = "abc"
    wb.save(xlsx)
    res = run("import-xlsx", xlsx)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["schema"] == "annual-report/1" and data["agency"] == report.agency
    assert data["table4"] == report.table4 and data["table2"] == report.table2
    assert data["table3"][L.R_NEW] == [None] + report.table3[L.R_NEW][1:]
    assert [d["where"] for d in data["diagnostics"]] == [f"表三/{L.R_NEW}/自然人"]
    assert "1 个单元格" in res.stderr


def test_blank_2019_template_and_foreign_import(tmp_path):
    xlsx = tmp_path / "blank.xlsx"
    assert run("template", "--xlsx", xlsx, "--format", "2019").returncode == 0
    data = json.loads(run("import-xlsx", xlsx).stdout)
    assert data["template"] == "2019" and len(data["table3"]) == 23
    assert all(v is None for vals in data["table3"].values() for v in vals)
    notxlsx = tmp_path / "n.xlsx"
    notxlsx.write_text("hello", encoding="utf-8")
    res = run("import-xlsx", notxlsx)
    assert res.returncode == 2 and "Excel" in res.stderr and res.stdout == ""


def test_report_with_validation_errors_is_exported_as_draft(report_json, tmp_path):
    path, report = report_json
    report.table3[L.R_NEW][6] += 5  # breaks 一+二 = （七）+四 and the row total
    path.write_text(report.to_json(), encoding="utf-8")
    out = tmp_path / "e.docx"
    res = run("export", path, "--docx", out)
    assert res.returncode == 0, res.stderr
    assert "草稿" in res.stderr
    doc = docx.Document(str(out))
    assert doc.sections[0].header.paragraphs[0].text == "草稿（存在未解决的错误，不得发布）"
    clean = tmp_path / "clean.json"
    clean.write_text(Report.from_interchange(json.loads(TRUTH.read_text(encoding="utf-8"))).to_json(), encoding="utf-8")
    res = run("export", clean, "--docx", tmp_path / "c.docx")
    assert res.returncode == 0 and "草稿" not in res.stderr
    assert "草稿" not in docx.Document(str(tmp_path / "c.docx")).sections[0].header._element.xml


def test_export_stops_when_checking_cannot_run(report_json, tmp_path, monkeypatch):
    """Fail closed: if the validators cannot run, nothing is written (never a final version unchecked)."""
    from report import usecases
    from report.model.errors import CheckUnavailable

    def broken(*args, **kwargs):
        raise AttributeError("bug")

    monkeypatch.setattr(usecases, "validate", broken)
    _, report = report_json
    out = tmp_path / "x.docx"
    with pytest.raises(CheckUnavailable, match="未导出"):
        usecases.export_report(report, docx=out)
    assert not out.exists()
