"""`python -m report audit` end to end, in a subprocess, on real files: single file, batch, summary, exit codes."""

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from conftest import FIXTURES, ROOT
from report.model import labels as L
from report.usecases import AuditInputError, collect_paths, exit_code, load_report

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))


def audit(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "report", "audit", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, timeout=120)


def mutated_truth(tmp_path, name="bad.json"):
    data = json.loads(TRUTHS[1].read_text(encoding="utf-8"))
    data["table3"][L.R_NEW][0] += 5  # 自然人 new applications +5: breaks the row total and the column identity
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_single_clean_json_exits_0_with_the_agreed_shape():
    res = audit(TRUTHS[0], "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["file"].endswith(TRUTHS[0].name)
    assert out["report"] == {"agency": "长沙市芙蓉区人民政府", "year": 2021}
    assert [f["rule"] for f in out["findings"]] == ["sections_missing"]
    assert set(out["findings"][0]) == {"rule", "severity", "where", "expected", "actual", "message"}


def test_single_file_with_errors_exits_1_and_names_the_cells(tmp_path):
    p = mutated_truth(tmp_path)
    res = audit(p, "--json")
    assert res.returncode == 1, res.stderr
    rules = {(f["rule"], f["severity"]) for f in json.loads(res.stdout)["findings"]}
    assert ("t3_row_total", "error") in rules and ("t3_balance", "error") in rules
    human = audit(p)
    assert human.returncode == 1
    assert "错误 2 项" in human.stdout and "一、本年新收政府信息公开申请数量" in human.stdout


def test_single_unreadable_file_exits_2_with_a_chinese_reason(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(os.urandom(4096))
    res = audit(junk, "--json")
    assert res.returncode == 2
    entry = json.loads(res.stdout)
    assert entry["file"].endswith("junk.pdf") and "junk.pdf" in entry["error"]
    missing = audit(tmp_path / "nope.txt")
    assert missing.returncode == 2 and "找不到文件" in missing.stdout


def test_batch_folder_goes_on_past_an_unreadable_file_and_writes_summaries(tmp_path):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    for t in TRUTHS[:3]:
        shutil.copy(t, folder / t.name)
    mutated_truth(folder / "sub")
    (folder / "sub" / "garbage.pdf").write_bytes(b"\x00\xff\x13garbage" * 300)
    (folder / "notes.xyz").write_text("not a report", encoding="utf-8")  # not a report suffix: skipped
    xlsx, csv_path = tmp_path / "summary.xlsx", tmp_path / "summary.csv"
    res = audit(folder, "--json", "--out", xlsx)
    assert res.returncode == 1, res.stderr  # one report has errors
    entries = json.loads(res.stdout)
    assert [os.path.basename(e["file"]) for e in entries] == [t.name for t in TRUTHS[:3]] + ["bad.json", "garbage.pdf"]
    assert "error" in entries[-1] and "findings" not in entries[-1]
    assert entries[3]["counts"]["error"] == 2
    book = load_workbook(xlsx)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("文件", "机关", "年度", "错误", "警告", "提示", "主要问题", "解析提示")  # the same in the web app
    details = list(book["明细"].iter_rows(values_only=True))
    assert details[0] == ("文件", "严重程度", "规则", "位置", "应为", "实际", "说明")
    assert sum(1 for r in details if r[0].endswith("bad.json") and r[1] == "错误") == 2
    assert len(rows) == 6
    assert rows[4][1:4] == ("淮安市人民政府", 2024, 2) and "表三" in rows[4][6]
    assert rows[5][6].startswith("无法读取")
    assert audit(folder, "--out", csv_path).returncode == 1
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert [r["机关"] for r in got[:3]] == ["长沙市芙蓉区人民政府", "淮安市人民政府", "沭阳县人民政府"]
    assert got[3]["错误"] == "2" and got[4]["主要问题"].startswith("无法读取")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese correctly


def test_batch_without_error_findings_but_with_an_unreadable_file_exits_2(tmp_path):
    shutil.copy(TRUTHS[0], tmp_path / TRUTHS[0].name)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    res = audit(tmp_path)
    assert res.returncode == 2
    assert "共审核 2 份：0 份有错误，1 份无法读取" in res.stdout
    assert "broken.json" in res.stdout


def test_previous_report_checks_the_carry_over(tmp_path):
    data = json.loads(TRUTHS[1].read_text(encoding="utf-8"))
    data["year"] -= 1
    data["table3"][L.R_CARRIED_OUT] = [30, 0, 0, 0, 0, 0, 30]  # this year's 上年结转 says 34
    prev = tmp_path / "prev.json"
    prev.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    res = audit(TRUTHS[1], "--previous", prev, "--json")
    assert res.returncode == 1
    carry = [f for f in json.loads(res.stdout)["findings"] if f["rule"] == "carry_over"]
    assert [(f["expected"], f["actual"]) for f in carry] == [(30, 34), (30, 34)]
    assert audit(TRUTHS[1], "--previous", tmp_path / "missing.json").returncode == 2


def test_raw_published_report_is_parsed_and_audited():
    res = audit(FIXTURES / "001_changsha_furongqu_2021.txt", "--json")
    out = json.loads(res.stdout)
    assert out["report"]["year"] == 2021 and "芙蓉区" in out["report"]["agency"]
    assert res.returncode == 0, [f["message"] for f in out["findings"]]


def test_bad_summary_suffix_is_refused(tmp_path):
    res = audit(TRUTHS[0], "--out", tmp_path / "summary.txt")
    assert res.returncode == 2 and ".xlsx 或 .csv" in res.stderr


def test_loader_detects_interchange_json_by_content(tmp_path):
    p = tmp_path / "report.txt"  # JSON content under a .txt name
    p.write_text(TRUTHS[2].read_text(encoding="utf-8"), encoding="utf-8")
    assert load_report(p).agency == "沭阳县人民政府"
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(AuditInputError, match="空的"):
        load_report(empty)
    assert collect_paths([tmp_path]) == [empty, p]
    assert exit_code([]) == 2
