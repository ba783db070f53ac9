"""A published 2021 表三 whose （六）2 and （六）3 rows print their labels but no numbers has 23 rows of numbers — the
2019 count. The labels decide: each row of seven numbers goes to the row its own label names, the label-only rows
are the report's blank rows (not a 2019 table read one row off)."""

from __future__ import annotations

import json

from conftest import FIXTURES
from report.model import labels as L
from report.parse import parse_text

BLANK = [p for p in L.T3_ROWS_2021 if p.startswith("三、本年度办理结果/（六）其他处理/") and not p.endswith("/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")]


def _text(t3: dict, blank: list[str]) -> str:
    out = ["某市某局2024年政府信息公开工作年度报告", "一、总体情况", "本年度依法公开。", "三、收到和处理政府信息公开申请情况",
           "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
           "自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    seen: set[str] = set()
    for path in L.T3_ROWS_2021:
        *heads, leaf = path.split("/")
        out += [h for h in heads if not (h in seen or seen.add(h))]  # type: ignore[func-returns-value]
        out.append(leaf if path in blank else leaf + " " + " ".join(str(v) for v in t3[path]))
    out += ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "问题。", "六、其他需要报告的事项", "无。"]
    return "\n".join(out) + "\n"


def _truth() -> dict:
    data = json.loads((FIXTURES / "truth" / "001_changsha_furongqu_2021.json").read_text(encoding="utf-8"))
    t3 = {p: list(v) for p, v in data["table3"].items()}
    assert all(t3[p] == [0] * 7 for p in BLANK)  # blanking these rows keeps every identity
    return t3


def test_rows_printed_without_numbers_stay_blank_and_the_rest_keep_their_rows():
    t3 = _truth()
    report = parse_text(_text(t3, BLANK))
    assert report.template == L.TEMPLATE_2021
    for path in L.T3_ROWS_2021:
        assert report.table3[path] == ([None] * 7 if path in BLANK else t3[path]), path
    notes = [d for d in report.diagnostics if d.code == "t3_rows_without_numbers"]
    assert len(notes) == 1 and all(L.t3_short_label(p) in notes[0].message for p in BLANK)
    assert not [d for d in report.diagnostics if d.where == "表三" and d.severity != "info"]


def test_numbers_under_the_wrong_label_are_not_placed_by_the_labels():
    """The 总计 row's numbers printed after （一）予以公开 break the identities: the by-label reading is refused and
    表三 carries a warning, never a silent shift."""
    t3 = _truth()
    moved = dict(t3)
    moved["三、本年度办理结果/（一）予以公开"] = t3[L.R_TOTAL]
    assert moved[L.R_TOTAL] != t3["三、本年度办理结果/（一）予以公开"]
    report = parse_text(_text(moved, BLANK))
    assert not [d for d in report.diagnostics if d.code == "t3_rows_without_numbers"]
    assert [d for d in report.diagnostics if d.severity != "info" and (d.where or "").startswith("表三")]
