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


_T2_RUN = ("一、总体情况 略。二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
           "规章000行政规范性文件{doc}第二十条第（五）项信息内容本年处理决定数量行政许可7 第二十条第（六）项"
           "行政处罚0行政强制0第二十条第（八）项 行政事业性收费0三、收到和处理政府信息公开申请情况")


def test_previous_decides_a_run_together_table2_row(tmp_path):
    last, this = tmp_path / "2023.txt", tmp_path / "2024.txt"
    last.write_text(_T2_RUN.format(doc="1 0 74"), encoding="utf-8")
    this.write_text(_T2_RUN.format(doc="24432"), encoding="utf-8")
    alone = json.loads(run(str(this), "--json").stdout)
    flagged = [d for d in alone["diagnostics"] if d["code"] == "ambiguous_split"]
    assert flagged and [2, 44, 32] in flagged[0]["readings"]
    proc = run(str(this), "--previous", str(last), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["table2"]["行政规范性文件"] == {"本年制发件数": 2, "本年废止件数": 44, "现行有效件数": 32}
    assert not [d for d in data["diagnostics"] if d["code"] == "ambiguous_split"]
