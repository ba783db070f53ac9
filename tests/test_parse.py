"""report.parse on the real dev fixtures: every cell equals the hand-checked truth, sections, agency, year, spam,
label repair, the 2019 layout, reports without tables."""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES
from report.model import labels as L
from report.model.tables import Report
from report.parse import ReportParseError, parse_bytes, parse_file, parse_text
from report.parse.markup import pdf_to_text
from report.parse.normalize import normalize_text
from report.parse.sections import find_sections

RAW = sorted(p for p in FIXTURES.iterdir() if p.is_file())


def truth_of(path) -> Report:
    stem = path.name.split(".")[0]
    return Report.from_interchange(json.loads((FIXTURES / "truth" / f"{stem}.json").read_text(encoding="utf-8")))


def cell_diff(parsed: Report, truth: Report) -> list[tuple[str, object, object]]:
    got = dict(parsed.cells())
    return [(cid, want, got.get(cid, "<missing>")) for cid, want in truth.cells() if got.get(cid, "<missing>") != want]


def test_fixture_set_is_complete():
    names = {p.name for p in RAW}
    assert {"001_changsha_furongqu_2021.txt", "002_huaian_shi_2024.pdf", "002_huaian_shi_2024.pdfminer.txt",
            "005_suqian_shuyangxian_2025.txt", "010_pingtan_2021.txt"} <= names


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.name)
def test_fixture_cells_equal_truth(path):
    parsed = parse_file(path)
    truth = truth_of(path)
    assert len(list(truth.cells())) == 200
    assert cell_diff(parsed, truth) == []
    assert parsed.template == "2021"


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.name)
def test_all_six_sections_found_in_order(path):
    text = pdf_to_text(path.read_bytes()) if path.suffix == ".pdf" else path.read_text(encoding="utf-8")
    spans = find_sections(normalize_text(text))
    assert list(spans) == list(L.SECTION_KEYS)
    starts = [spans[k].start for k in L.SECTION_KEYS]
    assert starts == sorted(starts)
    parsed = parse_file(path)
    assert not [d for d in parsed.diagnostics if d.code == "section_missing"]
    # narrative without the tables: section 一 and 五 have text, and the 表三 row label is not in section 三
    assert len(parsed.sections["一"]) > 300 and len(parsed.sections["五"]) > 50
    assert "本年新收政府信息公开申请数量" not in parsed.sections["三"]
    assert "结果维持" not in parsed.sections["四"]


@pytest.mark.parametrize(
    "name, agency, year",
    [
        ("001_changsha_furongqu_2021.txt", "长沙市芙蓉区人民政府", 2021),
        ("002_huaian_shi_2024.txt", "淮安市人民政府", 2024),
        ("002_huaian_shi_2024.pdfminer.txt", "淮安市人民政府", 2024),
        ("002_huaian_shi_2024.pdf", "淮安市人民政府", 2024),
        # the source writes 沐阳 (its own typo for 沭阳) in the title, the byline and the text: the parser reads the
        # document, it does not correct it (the truth file records the real name, 沭阳县人民政府)
        ("005_suqian_shuyangxian_2025.txt", "沐阳县人民政府", 2025),
        # a zone: the name the report signs with (党工委管委会), not the truth file's long form with its notes
        ("010_pingtan_2021.txt", "平潭综合实验区党工委管委会", 2021),
    ],
)
def test_agency_and_year(name, agency, year):
    parsed = parse_file(FIXTURES / name)
    assert (parsed.agency, parsed.year) == (agency, year)


def test_closing_and_preamble_are_separated():
    r = parse_file(FIXTURES / "001_changsha_furongqu_2021.txt")
    assert "2022年2月8日" in r.closing and "2022年2月8日" not in r.sections["六"]
    assert "未收取任何信息处理费" in r.sections["六"]
    r2 = parse_file(FIXTURES / "002_huaian_shi_2024.txt")
    assert "统计期限" in r2.preamble and "统计期限" not in r2.sections["一"]


def test_spam_is_flagged_and_agency_restored():
    r = parse_file(FIXTURES / "001_changsha_furongqu_2021.txt")
    spam = [d for d in r.diagnostics if d.code == "injected_text"]
    assert len(spam) == 1 and spam[0].severity == "warning" and "凯发一触即发" in spam[0].message
    assert r.agency == "长沙市芙蓉区人民政府"
    clean = parse_file(FIXTURES / "002_huaian_shi_2024.txt")
    assert not [d for d in clean.diagnostics if d.code == "injected_text"]


def test_generic_spam_marker_but_not_legit_words():
    base = (FIXTURES / "002_huaian_shi_2024.txt").read_text(encoding="utf-8")
    r = parse_text(base.replace("努力传递政府", "百家乐娱乐城注册努力传递政府"))
    codes = [d.where for d in r.diagnostics if d.code == "injected_text"]
    assert "百家乐" in codes and "娱乐城" in codes
    legit = parse_text(base.replace("努力传递政府", "做好港澳台及澳门同胞来信认真人员培训，努力传递政府"))
    assert not [d for d in legit.diagnostics if d.code == "injected_text"]


def test_label_typo_is_repaired_with_diagnostic():
    text = (FIXTURES / "001_changsha_furongqu_2021.txt").read_text(encoding="utf-8")
    assert "2.其他法律行政法规禁止公开" in text
    r = parse_text(text.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"))
    assert cell_diff(r, truth_of(FIXTURES / "001_changsha_furongqu_2021.txt")) == []
    repaired = [d for d in r.diagnostics if d.code == "label_repaired"]
    assert len(repaired) == 1
    assert repaired[0].where == "表三/三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开"
    assert "其他法律行政止公开" in repaired[0].message


def test_shifted_rows_are_reanchored_by_label():
    """A row dropped from the text: the remaining rows still land on their own labels, with a warning."""
    text = (FIXTURES / "002_huaian_shi_2024.txt").read_text(encoding="utf-8")
    text = text.replace("3.要求提供公开出版物 0 0 0 0 0 0 0\n", "")
    r = parse_text(text)
    assert r.t3(f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/3.要求提供公开出版物") is None
    assert r.t3(f"{L.R_RESULTS}/{L.G_NOT_HANDLED}/2.重复申请") == 25
    assert r.t3(L.R_TOTAL) == 3050 and r.t3(L.R_CARRIED_OUT) == 103
    assert any(d.code == "t3_layout" and d.severity == "warning" for d in r.diagnostics)


def test_2019_layout_single_other_row():
    text = (FIXTURES / "002_huaian_shi_2024.txt").read_text(encoding="utf-8")
    start = text.index("（六）其\n他处理")
    end = text.index("（七）总计")
    text = text[:start] + "（六）其他处理 181 5 0 0 1 0 187\n" + text[end:]
    r = parse_text(text)
    assert r.template == "2019"
    assert list(r.table3) == list(L.T3_ROWS_2019)
    assert r.t3(f"{L.R_RESULTS}/{L.G_OTHER}") == 187
    assert r.t3(f"{L.R_RESULTS}/{L.G_OTHER}", "自然人") == 181
    assert r.t3(L.R_TOTAL) == 3050


def test_report_without_tables_parses_with_diagnostic():
    text = "\n".join(
        ["某县人民政府2022年政府信息公开工作年度报告"]
        + [f"{t}\n本部分为文字说明，共办理若干事项。" for t in L.SECTION_TITLES.values()]
    )
    r = parse_text(text)
    assert all(v is None for _, v in r.cells())
    assert any(d.code == "no_tables" for d in r.diagnostics)
    assert r.year == 2022 and r.agency == "某县人民政府"
    assert all(r.sections[k] for k in L.SECTION_KEYS)


def test_crawler_text_headings_glued_to_text():
    text = "某市2023年政府信息公开工作年度报告 前言文字。一、总体情况2023年，我市……。二、主动公开政府信息情况 无。" \
           "三、收到和处理政府信息公开申请情况 无。四、政府信息公开行政复议、行政诉讼情况 无。五、存在的主要问题及改进情况 问题。" \
           "六、其他需要报告的事项 无。"
    r = parse_text(text)
    assert r.sections["一"].startswith("2023年") and r.sections["五"] == "问题。"
    assert r.preamble.endswith("前言文字。")


@pytest.mark.parametrize(
    "variant4, variant5",
    [
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "五、存在问题及改进情况"),
        ("## 四、政府信息公开行政复议、行政诉讼情况", "## 五、政府信息公开工作存在的主要问题及改进情况"),
    ],
)
def test_section_title_variants(variant4, variant5):
    text = (FIXTURES / "001_changsha_furongqu_2021.txt").read_text(encoding="utf-8")
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况", variant4).replace("五、存在的主要问题及改进情况", variant5)
    r = parse_text(text)
    assert not [d for d in r.diagnostics if d.code == "section_missing"]
    assert r.t4(L.T4_REVIEW) == 2 and "工作创新不够" in r.sections["五"]


def test_unreadable_inputs_raise_chinese_errors():
    for data in (b"", b"   \n ", bytes(range(256)) * 50, b"%PDF-1.4 broken", b"PK\x03\x04garbage"):
        with pytest.raises(ReportParseError) as exc:
            parse_bytes(data)
        assert re.search(r"[\u4e00-\u9fff]", str(exc.value))
    with pytest.raises(ReportParseError):
        parse_text("Lorem ipsum dolor sit amet " * 20)


def test_size_cap_refuses_quickly(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(ReportParseError, match="50 MB"):
        parse_file(big)
    with pytest.raises(ReportParseError, match="50 MB"):
        parse_bytes(b"a" * (50 * 1024 * 1024 + 1))


def test_gbk_encoded_text_decodes():
    path = FIXTURES / "002_huaian_shi_2024.txt"
    data = path.read_text(encoding="utf-8").encode("gbk", errors="replace")
    r = parse_bytes(data, filename="report.txt")
    assert cell_diff(r, truth_of(path)) == []
    assert r.agency == "淮安市人民政府"


def test_format_detected_from_content_not_extension(tmp_path):
    pdf = tmp_path / "report.txt"
    pdf.write_bytes((FIXTURES / "002_huaian_shi_2024.pdf").read_bytes())
    assert cell_diff(parse_file(pdf), truth_of(FIXTURES / "002_huaian_shi_2024.pdf")) == []
    md = tmp_path / "report.pdf"
    md.write_bytes((FIXTURES / "005_suqian_shuyangxian_2025.txt").read_bytes())
    assert cell_diff(parse_file(md), truth_of(FIXTURES / "005_suqian_shuyangxian_2025.txt")) == []


def test_pdf_hard_wraps_are_rejoined():
    r = parse_file(FIXTURES / "002_huaian_shi_2024.pdf")
    assert "根据《中华人民共和国政府信息公开条例》（国令第 711 号）" in r.preamble
    assert "需要加强和改进的地方。" in r.sections["五"]
    web = parse_file(FIXTURES / "001_changsha_furongqu_2021.txt")
    assert "(一)工作中存在的主要问题\n2021年" in web.sections["五"]  # web text keeps its paragraphs


def test_2019_trial_format_text_report():
    """A 2020 report in the 2019 trial format: table 2 with 上一年项目数量/本年增/减 (negative numbers), 23-row table 3."""
    t2 = """第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 5 5 40
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 120 -3 4500
其他对外管理服务事项 30 2 800
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚 200 5 1200
行政强制 20 0 35
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费 8 -1
第二十条第（九）项
信息内容 采购项目数量 采购总金额
政府集中采购 15 320.5"""
    rows = []
    for i, path in enumerate(L.T3_ROWS_2019):
        vals = [i, 1, 0, 0, 0, 0, i + 1]
        rows.append(path.split("/")[-1] + " " + " ".join(map(str, vals)))
    text = "\n".join([
        "某市人民政府2020年政府信息公开工作年度报告", "一、总体情况", "2020年，我市……。",
        "二、主动公开政府信息情况", t2,
        "三、收到和处理政府信息公开申请情况", "申请人情况 自然人 法人或其他组织 总计", *rows,
        "四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", " ".join(["0"] * 15),
        "五、存在的主要问题及改进情况", "问题。", "六、其他需要报告的事项", "无。",
    ])
    r = parse_text(text)
    assert r.template == "2019"
    assert list(r.table3) == list(L.T3_ROWS_2019)
    assert r.t3(f"{L.R_RESULTS}/{L.G_OTHER}") == L.T3_ROWS_2019.index(f"{L.R_RESULTS}/{L.G_OTHER}") + 1
    assert r.table2["行政许可"] == {"上一年项目数量": 120, "本年增/减": -3, "处理决定数量": 4500}
    assert r.table2["行政事业性收费"] == {"上一年项目数量": 8, "本年增/减": -1}
    assert r.table2["政府集中采购"] == {"采购项目数量": 15, "采购总金额": 320.5}
    assert Report.from_interchange(r.to_interchange()) == r
    assert not [d for d in r.diagnostics if d.severity != "info"]
