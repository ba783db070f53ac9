"""`python -m report claims FILE [--previous LAST] [--facts FACTS.json] [--json]` run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from report import Report
from report.model import CellRef
from report.model import labels as L

TRUTH = FIXTURES / "truth" / "005_suqian_shuyangxian_2025.json"
NEW = CellRef.t3(L.R_NEW)


def run(*args):
    return subprocess.run([sys.executable, "-m", "report", "claims", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def report_json(tmp_path):
    report = Report.from_interchange(json.loads(TRUTH.read_text(encoding="utf-8")))
    new = report.get(NEW)
    report.sections["一"] = (f"全年共受理政府信息公开申请{new}件。政府网站发布信息6352条。"
                            f"清理并集中发布现行有效行政规范性文件{(report.get(CellRef('table2', '行政规范性文件', '现行有效件数')) or 0) + 7}件。")
    path = tmp_path / "report.json"
    path.write_text(report.to_json(), encoding="utf-8")
    return path, report


def test_json_lists_every_number_with_its_cells(report_json):
    path, report = report_json
    res = run(path, "--json")
    assert res.returncode == 0, res.stderr  # the contradiction is a warning (表二 counts), no error
    items = json.loads(res.stdout)
    assert {tuple(sorted(x)) for x in items} == {tuple(sorted(
        ["section", "start", "end", "value", "unit", "text", "status", "severity", "cells", "expected", "fact",
         "reason"]))}
    first = items[0]
    assert (first["section"], first["value"], first["unit"], first["status"]) == ("一", report.get(NEW), "件", "verified")
    assert first["cells"] == [["table3", L.R_NEW, "总计"]]
    text = report.sections["一"]
    assert text[first["start"]:first["end"]].startswith(str(report.get(NEW)))
    posted = [x for x in items if x["value"] == 6352][0]
    assert posted["status"] == "unverifiable" and posted["cells"] == [] and posted["reason"]
    stale = [x for x in items if x["status"] == "contradicts"]
    assert [x["cells"] for x in stale] == [[["table2", "行政规范性文件", "现行有效件数"]]]


def test_facts_verify_a_figure_outside_the_tables(report_json, tmp_path):
    path, _ = report_json
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"政府网站发布信息": "6352条"}, ensure_ascii=False), encoding="utf-8")
    items = json.loads(run(path, "--json", "--facts", facts).stdout)
    posted = [x for x in items if x["value"] == 6352][0]
    assert (posted["status"], posted["fact"]) == ("verified", "F1")


def test_previous_report_checks_growth(tmp_path):
    r, p = Report.blank(year=2023), Report.blank(year=2022)
    r.set(NEW, 139)
    p.set(NEW, 119)
    r.sections["一"] = "全年共收到政府信息公开申请139件，比上年增加21件。"
    (tmp_path / "r.json").write_text(r.to_json(), encoding="utf-8")
    (tmp_path / "p.json").write_text(p.to_json(), encoding="utf-8")
    without = json.loads(run(tmp_path / "r.json", "--json").stdout)
    assert [x["status"] for x in without] == ["verified", "unverifiable"]
    with_prev = json.loads(run(tmp_path / "r.json", "--json", "--previous", tmp_path / "p.json").stdout)
    assert [x["status"] for x in with_prev] == ["verified", "contradicts"]
    assert "139 − 119 = 20" in with_prev[1]["reason"]


def test_readable_listing_and_exit_status_on_an_error(tmp_path):
    r = Report.blank(year=2023)
    r.set(NEW, 139)
    r.sections["三"] = "全年共收到政府信息公开申请193件。"
    (tmp_path / "r.json").write_text(r.to_json(), encoding="utf-8")
    res = run(tmp_path / "r.json")
    assert res.returncode == 1
    assert "三、收到和处理政府信息公开申请情况" in res.stdout and "[矛盾] 193件" in res.stdout
    assert "合计：一致 0 个，矛盾 1 个，无法核对 0 个" in res.stdout


def test_a_published_text_file_is_read_like_report_parse():
    res = run(FIXTURES / "001_changsha_furongqu_2021.txt", "--json")
    assert res.returncode == 0, res.stderr
    items = json.loads(res.stdout)
    assert any(x["status"] == "verified" and x["cells"] for x in items)
    assert not [x for x in items if x["status"] == "contradicts" and x["severity"] == "error"]


@pytest.mark.parametrize("name", ["missing.txt", "empty.txt"])
def test_unreadable_input_exits_2_with_a_chinese_reason(tmp_path, name):
    path = tmp_path / name
    if name == "empty.txt":
        path.write_text("", encoding="utf-8")
    res = run(path)
    assert res.returncode == 2 and res.stdout == ""
    assert "无法读取" in res.stderr and ("找不到文件" in res.stderr or "是空的" in res.stderr)


def test_bad_facts_file_exits_2(report_json, tmp_path):
    path, _ = report_json
    bad = tmp_path / "facts.json"
    bad.write_text("{not json", encoding="utf-8")
    res = run(path, "--facts", bad)
    assert res.returncode == 2 and "表外数据无法读取" in res.stderr
