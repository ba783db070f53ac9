"""`python -m report parse` as a staff member runs it: real subprocess, exit codes, JSON on stdout."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, ROOT
from report.model.tables import Report


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "report", "parse", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_json_output_is_the_interchange_report():
    proc = run(str(FIXTURES / "002_huaian_shi_2024.pdf"), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "annual-report/1"
    assert data["agency"] == "淮安市人民政府" and data["year"] == 2024
    assert data["table3"]["三、本年度办理结果/（七）总计"] == [2932, 53, 0, 0, 61, 4, 3050]
    assert "淮安市" in proc.stdout  # ensure_ascii=False: Chinese is printed as is
    truth = json.loads((FIXTURES / "truth" / "002_huaian_shi_2024.json").read_text(encoding="utf-8"))
    assert dict(Report.from_interchange(data).cells()) == dict(Report.from_interchange(truth).cells())


def test_human_summary_in_chinese_with_diagnostics():
    proc = run(str(FIXTURES / "001_changsha_furongqu_2021.txt"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "长沙市芙蓉区人民政府" in out and "2021" in out
    assert "表三 175/175" in out and "表四 15/15" in out
    assert "凯发一触即发" in out  # the spam warning is shown to staff


def test_unreadable_input_exits_2_with_one_line_reason(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 20)
    proc = run(str(junk), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("无法解析")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    proc = run(str(empty))
    assert proc.returncode == 2 and "空" in proc.stderr
    proc = run(str(tmp_path / "missing.pdf"))
    assert proc.returncode == 2 and "无法读取" in proc.stderr
    proc = run(str(tmp_path))
    assert proc.returncode == 2 and "文件夹" in proc.stderr
