"""The errors evaluators find in published reports, end to end: edit a real report's raw text the way the error
appears in the wild, run `python -m report audit` in a subprocess, and check the finding, its severity and the
exit status. The unedited reports must pass (exit 0)."""

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from report.model import CellRef
from report.model import labels as L

FURONG = FIXTURES / "001_changsha_furongqu_2021.txt"
HUAIAN = FIXTURES / "002_huaian_shi_2024.txt"
PUBLISHED = ["001_changsha_furongqu_2021.txt", "002_huaian_shi_2024.txt", "002_huaian_shi_2024.pdf",
             "005_suqian_shuyangxian_2025.txt", "010_pingtan_2021.txt"]
T3_TOTAL_ROW = CellRef("table3", L.R_TOTAL, L.T3_TOTAL_COLUMN).id


def audit(path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-m", "report", "audit", str(path), "--json"], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=120)
    return res.returncode, json.loads(res.stdout)


def edited(tmp_path, source, edit, name="edited.txt"):
    text = source.read_text(encoding="utf-8")
    new = edit(text)
    assert new != text, "the edit did not change the report"
    p = tmp_path / name
    p.write_text(new, encoding="utf-8")
    return p


def furong_lines(text: str) -> list[str]:
    return text.split("\n")


def table_values(lines: list[str], first: str, stop: str) -> list[int]:
    """Line numbers of the one-number-per-line cells (「137 |」) between two headings of the 芙蓉区 report."""
    a = next(i for i, ln in enumerate(lines) if ln.startswith(first))
    b = next(i for i, ln in enumerate(lines) if i > a and ln.startswith(stop))
    return [i for i in range(a, b) if re.fullmatch(r"\d+ \|[ |]*", lines[i])]


def set_line_number(lines: list[str], i: int, new: str) -> None:
    lines[i] = re.sub(r"^\d+", new, lines[i])


def findings(out, rule):
    return [f for f in out["findings"] if f["rule"] == rule]


@pytest.mark.parametrize("name", PUBLISHED)
def test_unedited_published_reports_pass(name):
    code, out = audit(FIXTURES / name)
    assert code == 0, [f["message"] for f in out.get("findings", []) if f["severity"] == "error"] or out
    assert not [f for f in out["findings"] if f["severity"] == "error"]


def test_wrong_table4_total(tmp_path):
    def edit(text):
        lines = furong_lines(text)
        cells = table_values(lines, "四、政府信息公开行政复议", "五、存在的主要问题")
        assert len(cells) == 15 and lines[cells[4]].startswith("2 ")  # 行政复议 0+1+1+0 = 总计 2
        set_line_number(lines, cells[4], "3")
        return "\n".join(lines)

    code, out = audit(edited(tmp_path, FURONG, edit))
    assert code == 1
    got = findings(out, "t4_total")
    assert [(f["severity"], f["where"], f["expected"], f["actual"]) for f in got] == [
        ("error", CellRef("table4", L.T4_REVIEW, "总计").id, 2, 3)]


def test_results_total_that_is_not_the_sum_of_its_rows(tmp_path):
    def edit(text):  # （七）总计 自然人 134 -> 135 and 总计 136 -> 137: the row adds up, the column does not
        lines = furong_lines(text)
        cells = table_values(lines, "(七)总计", "四、结转下年度继续办理")
        assert [lines[i].split()[0] for i in cells] == ["134", "2", "0", "0", "0", "0", "136"]
        set_line_number(lines, cells[0], "135")
        set_line_number(lines, cells[6], "137")
        return "\n".join(lines)

    code, out = audit(edited(tmp_path, FURONG, edit))
    assert code == 1
    got = findings(out, "t3_results_total")
    assert [(f["severity"], f["where"], f["expected"], f["actual"]) for f in got] == [
        ("error", CellRef("table3", L.R_TOTAL, "自然人").id, 134, 135), ("error", T3_TOTAL_ROW, 136, 137)]
    assert not findings(out, "t3_row_total")  # 135 + 2 = 137: the row itself is consistent


def test_blank_total_column_is_its_own_error(tmp_path):
    def edit(text):
        lines = furong_lines(text)
        cells = table_values(lines, "一、本年新收", "四、政府信息公开行政复议")
        assert len(cells) == 175
        for i in cells[6::7]:  # the 总计 column: every 7th cell of the 25 rows
            lines[i] = re.sub(r"^\d+", "", lines[i])
        return "\n".join(lines)

    code, out = audit(edited(tmp_path, FURONG, edit))
    assert code == 1
    got = findings(out, "blank_total")
    assert [(f["severity"], f["where"]) for f in got] == [("error", "表三/总计列")]
    assert got[0]["expected"]["一、本年新收政府信息公开申请数量"] == 139
    assert got[0]["expected"]["（七）总计"] == 136
    assert not [f for f in out["findings"] if f["rule"].startswith(("t3_", "blank_cell"))]  # not 25 wrong sums


@pytest.mark.parametrize("old, new, row", [
    ("全市共受理政府信息公开申请 3119 件", "全市共受理政府信息公开申请 3129 件", "一、本年新收"),
    ("复 3050 件（含上年度", "复 3060 件（含上年度", "（七）总计"),  # 「答\n复 3050 件」: a PDF line wrap
])
def test_narrative_figure_contradicting_the_table(tmp_path, old, new, row):
    code, out = audit(edited(tmp_path, HUAIAN, lambda t: t.replace(old, new)))
    assert code == 1
    got = findings(out, "narrative_number")
    assert [(f["severity"], f["expected"], f["actual"]) for f in got] == [
        ("error", int(re.search(r"\d+", old).group()), int(re.search(r"\d+", new).group()))]
    assert got[0]["where"].startswith("sections.一[") and f"表三“{row}”" in got[0]["message"]


def test_narrative_total_of_applications_contradicting_both_readings_is_reported(tmp_path):
    # 「共办理政府信息公开申请149件」: neither 新收 139 nor （七）总计 136 — found, at least as a warning.
    code, out = audit(edited(tmp_path, FURONG, lambda t: t.replace("共办理政府信息公开申请139件", "共办理政府信息公开申请149件")))
    got = findings(out, "narrative_number")
    assert [(f["expected"], f["actual"]) for f in got] == [(139, 149)]
    assert "139" in got[0]["message"] and "136" in got[0]["message"]


def test_narrative_total_of_applications_contradicting_both_readings_is_an_error(tmp_path):
    code, out = audit(edited(tmp_path, FURONG, lambda t: t.replace("共办理政府信息公开申请139件", "共办理政府信息公开申请149件")))
    assert [f["severity"] for f in findings(out, "narrative_number")] == ["error"]
    assert code == 1
