"""Reports the parser had never seen (the 平潭 农业农村局 reports of the tune split): 增N/减N cells in a 2019 表二 run,
spaced 表三 rows glued to the next row's label, short 表三 rows named as unread, a 表四 run glued to its header, and
heading variants of 六 glued to their content. Synthetic text modelled on the tune truths, then the real tune files."""

from __future__ import annotations

import json
from pathlib import Path

from report.model import labels as L
from report.model.cells import CellRef
from report.model.tables import Diagnostic
from report.parse import parse_text
from report.parse.grid import segments
from report.parse.sections import find_sections
from report.parse.table2_rows import atoms_of, read_table2, resolve_row
from report.parse.tables import extract_table3, extract_table4
from report.rules.validate import validate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"

T2_2019 = (
    "二、主动公开政府信息情况 第二十条第（一）项信息内容本年新 制作数量本年新 公开数量对外公开总数量规章000规范性文件000"
    "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可7700其他对外管理服务事项0+11"
    "第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚9增36行政强制000"
    "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费16减12第二十条第（九）项信息内容采购项目数量采购总金额"
    "政府集中采购 4838518699.09元 三、收到和处理政府信息公开申请情况"
)


def _raw(fid: str) -> str:
    return (CORPUS / "raw" / f"{fid}.txt").read_text(encoding="utf-8")


def _truth(fid: str) -> dict:
    return json.loads((CORPUS / "truth" / f"{fid}.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ 表二: 增N / 减N / +N
def test_sign_words_are_cell_boundaries_with_their_sign():
    assert atoms_of("16减12").atoms == ("16", "-12")
    assert atoms_of("9增3 6").atoms == ("9", "3", "6")
    assert atoms_of("0+11").atoms == ("0", "11")
    assert atoms_of("9增36").loose == ()  # the boundary at 增 is not a stray space: it stays in the loose reading


def test_a_2019_table2_run_reads_jian_as_a_negative_change_and_is_certain():
    table, diags = read_table2(T2_2019, L.TEMPLATE_2019) or ({}, [])
    assert table["行政事业性收费"] == {"上一年项目数量": 16, "本年增/减": -12}
    assert table["其他对外管理服务事项"] == {"上一年项目数量": 0, "本年增/减": 1, "处理决定数量": 1}
    assert not [d for d in diags if d.where in ("表二/行政事业性收费", "表二/其他对外管理服务事项")
                and d.severity != "info"]
    # 9增36: 9 | +3 | 6 or 9 | +36 | (nothing) -> only 9|3|6 fills three cells
    assert table["行政处罚"] == {"上一年项目数量": 9, "本年增/减": 3, "处理决定数量": 6}


def test_without_the_sign_word_the_fee_row_would_have_been_read_one_and_six():
    diags: list[Diagnostic] = []
    row = resolve_row(L.TEMPLATE_2019, "行政事业性收费", atoms_of("16"), None, diags)
    assert row == {"上一年项目数量": 1, "本年增/减": 6}  # why the run must extend over 减12


def test_purchase_amount_run_lists_the_published_split_and_names_both_cells():
    table, diags = read_table2(T2_2019, L.TEMPLATE_2019) or ({}, [])
    (d,) = [x for x in diags if x.code == "ambiguous_split" and x.where == "表二/政府集中采购"]
    assert set(d.cells) == {CellRef("table2", "政府集中采购", c).id for c in ("采购项目数量", "采购总金额")}
    assert [48, 38518699.09] in d.readings
    assert all(isinstance(r[1], float) and round(r[1] * 100) % 100 == 9 for r in d.readings)  # the decimal stays


# ------------------------------------------------------------------ 表三: glued row labels, short rows
def test_a_spaced_row_glued_to_the_next_rows_label_keeps_its_last_number():
    segs = segments("一、本年新收政府信息公开申请数量 0 0 0 0 0 0 7二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1"
                    "（三）不予公开1.属于国家秘密 0 0 0 0 0 0 02.其他法律行政法规禁止公开 0 0 0 0 0 0 0")
    assert [(s.label, s.values) for s in segs] == [
        ("一、本年新收政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 7]),
        ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
        ("（三）不予公开1.属于国家秘密", [0, 0, 0, 0, 0, 0, 0]),
        ("2.其他法律行政法规禁止公开", [0, 0, 0, 0, 0, 0, 0]),
    ]
    assert [s.values for s in segments("3.补正后申请内容仍不明确 2019年")] == [[]]  # an item number alone is a label


def test_a_short_table3_row_names_its_cells_so_no_blank_rule_blames_the_report():
    region = ("申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
              "一、本年新收政府信息公开申请数量 3 0 0 0 0 3 三、本年度办理结果（一）予以公开 3 0 0 0 0 0 3")
    table, _, diags, _ = extract_table3(region)
    (d,) = [x for x in diags if x.code == "t3_row_width"]
    assert d.where == f"表三/{L.R_NEW}"
    assert set(d.cells) == {CellRef.t3(L.R_NEW, c).id for c in L.T3_COLUMNS}


def test_the_real_2019_crawler_report_reads_every_table3_total_and_table4():
    report = parse_text(_raw("c5_001"))
    truth = _truth("c5_001")
    for row, vals in truth["table3"].items():
        assert report.table3[row] == vals, row
    assert report.table4 == truth["table4"]
    assert report.table2["行政事业性收费"] == {"上一年项目数量": 16, "本年增/减": -12}
    blame = [f for f in validate(report) if f.rule in ("blank_total", "section_missing")]
    assert blame == []


# ------------------------------------------------------------------ 表四 glued to 总计
def test_a_table4_run_of_fifteen_single_digits_glued_to_its_header():
    head = ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
            "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")
    table, diags, ok = extract_table4(head + "100010100100000 五、存在的主要问题")
    assert ok
    assert table == {"行政复议": [1, 0, 0, 0, 1], "行政诉讼_未经复议直接起诉": [0, 1, 0, 0, 1],
                     "行政诉讼_复议后起诉": [0, 0, 0, 0, 0]}
    assert not [d for d in diags if d.severity != "info"]
    table, _, ok = extract_table4(head + "000000000000000")
    assert ok and all(v == 0 for row in table.values() for v in row)


# ------------------------------------------------------------------ 六: heading variants glued to content
_FIVE = ("一、总体情况略。二、主动公开政府信息情况略。三、收到和处理政府信息公开申请情况略。"
         "四、政府信息公开行政复议、行政诉讼情况略。五、存在的主要问题及改进情况略。")


def test_heading_variants_of_six_are_found_glued_to_their_content():
    for heading in ("六、需要说明的其他事项与附表", "六、需要报告的其他事项", "六、其他需要说明的事项", "六、其他需要报告的事项"):
        text = _FIVE + heading + "无。"
        spans = find_sections(text)
        assert "六" in spans, heading
        assert text[spans["六"].content_start:] == "无。", heading


def test_a_mention_of_the_six_parts_in_the_preamble_is_not_the_heading():
    text = "本报告由概述……需要说明的其他事项与附表等六部分组成。" + _FIVE + "六、需要说明的其他事项与附表无。"
    spans = find_sections(text)
    assert text[spans["六"].content_start:] == "无。"


def test_the_real_report_whose_six_reads_none_is_not_blamed():
    report = parse_text(_raw("c5_003"))
    assert report.sections["六"] == "无。"
    assert not [f for f in validate(report) if f.rule == "section_missing"]
