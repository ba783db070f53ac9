"""Crawler text in the layouts met on real pages the parser had never seen (synthetic, built from the dev truths).

Each layout is rendered from a truth of tests/fixtures/truth with a small style function per table, so the
expected cells are the truth itself:

- a space between the row label and its run-together digits (``数量 713000074二、``);
- space-separated rows whose first number is glued to the label and whose last two cells are glued to each other
  (``数量0 0 0 0 0 00二、``);
- table 4 with some neighbouring cells glued (11 tokens holding 15 numbers);
- a document mixing a run-together table 3 with a space-separated table 4;
- run-together table 2 (``规章000行政规范性文件303``) with a space-separated table 3.
"""

from __future__ import annotations

import json
from typing import Callable

import pytest

from conftest import FIXTURES
from report.model import labels as L
from report.parse import parse_text
from report.parse.crawler.tables import looks_runtogether

TRUTHS = ("001_changsha_furongqu_2021", "002_huaian_shi_2024", "005_suqian_shuyangxian_2025", "010_pingtan_2021")
Style = Callable[[list], str]


def truth(name: str) -> dict:
    return json.loads((FIXTURES / "truth" / f"{name}.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ row styles
def glued(values: list) -> str:
    return "".join(str(v) for v in values)


def space_then_glued(values: list) -> str:
    return " " + glued(values)


def spaced(values: list) -> str:
    return " " + " ".join(str(v) for v in values) + " "


def edges_glued(values: list) -> str:
    """First number glued to the label, the last two cells glued together, the next label glued after."""
    return " ".join(str(v) for v in values[:-2]) + f" {values[-2]}{values[-1]}"


def pairs_glued(values: list) -> str:
    """Table 4 in groups of five: '维持 纠正其他 尚未审结 总计' style, two cells of each group glued."""
    out = []
    for k in range(0, len(values), 5):
        g = [str(v) for v in values[k : k + 5]]
        out.append(f"{g[0]}{g[1]} {g[2]} {g[3]}{g[4]}")
    return " " + " ".join(out)


def render(data: dict, t3: Style, t4: Style, t2_doc: Style = glued) -> str:
    t2 = data["table2"]
    out = [
        "XX市XX局2024年政府信息公开工作年度报告 ",
        "一、总体情况 本年度依法做好政府信息公开工作。",
        "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 ",
    ]
    for row in L.T2_DOC_ROWS:
        out.append(row + t2_doc([t2[row][c] for c in L.T2_DOC_COLUMNS]))
    out.append(f"第二十条第（五）项信息内容本年处理决定数量行政许可{t2['行政许可']}第二十条第（六）项信息内容本年处理决定数量")
    out.append(f"行政处罚{t2['行政处罚']}行政强制{t2['行政强制']}第二十条第（八）项信息内容本年收费金额（单位：万元）")
    out.append(f"行政事业性收费{t2['行政事业性收费']} 三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
               "等于第三项加第四项之和） 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 ")
    seen: set[str] = set()
    for row, values in data["table3"].items():
        parts = row.split("/")
        for head in parts[:-1]:
            if head not in seen:
                seen.add(head)
                out.append(head + " ")
        out.append(parts[-1] + t3(values))
    out.append(" 四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 "
               "复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计")
    out.append(t4([v for g in L.T4_GROUPS for v in data["table4"][g]]))
    out.append(" 五、存在的主要问题及改进情况 政策解读形式不够丰富。 六、其他需要报告的事项 无。 XX市XX局 2025年1月20日")
    return "".join(out)


def assert_tables(report, data: dict, tables=("table2", "table3", "table4")) -> None:
    for t in tables:
        assert getattr(report, t) == data[t], t


# ------------------------------------------------------------------ pattern 1: space before a glued row
@pytest.mark.parametrize("name", TRUTHS)
def test_space_between_label_and_run_together_digits_is_still_split(name):
    data = truth(name)
    report = parse_text(render(data, space_then_glued, spaced))
    wrong = [r for r, v in data["table3"].items() if report.table3[r] != v]
    flagged = {d.where for d in report.diagnostics if d.code == "ambiguous_split"}
    assert all(f"表三/{r}" in flagged for r in wrong), wrong  # never silently wrong
    assert len(wrong) <= 2
    assert report.table4 == data["table4"]  # space-separated table 4 of the same document


# ------------------------------------------------------------------ pattern 3/4: edges glued in spaced rows
@pytest.mark.parametrize("name", TRUTHS)
def test_spaced_rows_with_glued_edges_keep_every_number(name):
    data = truth(name)
    report = parse_text(render(data, edges_glued, pairs_glued))
    assert_tables(report, data)


def test_all_zero_rows_glued_at_the_edges():
    data = truth(TRUTHS[0])
    data["table3"] = {r: [0] * 7 for r in data["table3"]}
    data["table4"] = {g: [0] * 5 for g in data["table4"]}
    report = parse_text(render(data, edges_glued, pairs_glued))
    assert_tables(report, data)


def test_fully_spaced_table_is_not_run_together_even_with_blank_marks():
    assert not looks_runtogether("一、本年新收政府信息公开申请数量 3001 53 / 0 61 4 3119 二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1")
    assert looks_runtogether("一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量 1000001")
    assert looks_runtogether("一、本年新收政府信息公开申请数量0 0 0 0 0 00二、上年结转政府信息公开申请数量0 0 0 0 0 00")


# ------------------------------------------------------------------ pattern 5: glued table 2, spaced table 3
@pytest.mark.parametrize("name", TRUTHS)
def test_run_together_table2_with_space_separated_table3(name):
    data = truth(name)
    report = parse_text(render(data, spaced, spaced, t2_doc=glued))
    assert_tables(report, data, ("table3", "table4"))
    for row in L.T2_SINGLE_ROWS:
        assert report.table2[row] == data["table2"][row], row
    for row in L.T2_DOC_ROWS:
        if report.table2[row] != data["table2"][row]:
            assert any(d.code == "ambiguous_split" and d.where == f"表二/{row}" for d in report.diagnostics), row
    assert not any(d.code in ("table_missing", "no_tables") for d in report.diagnostics)


def test_one_info_diagnostic_for_run_together_tables():
    report = parse_text(render(truth(TRUTHS[0]), space_then_glued, spaced))
    codes = [d.code for d in report.diagnostics if d.severity == "info" and "runtogether" in d.code]
    assert len(codes) == 1, codes
