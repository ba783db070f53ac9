"""Numbers wrapped inside narrow PDF cells (「3001」 printed as 「300」 over 「1」: pypdf's text gives ``300 1``): a row of
表三 or the run of 表四 with a few numbers too many is joined back the one way its identities allow."""

from __future__ import annotations

import json

from conftest import FIXTURES
from report.model import labels as L
from report.parse import parse_text
from report.parse.grid import t3_row_ok
from report.parse.wrapped import rejoin

TRUTH = json.loads((FIXTURES / "truth" / "002_huaian_shi_2024.json").read_text(encoding="utf-8"))


def _wrap(v) -> str:
    """A number of three digits or more wrapped before its last digit, as a narrow cell prints it."""
    s = str(v)
    return f"{s[:-1]} {s[-1]}" if isinstance(v, int) and v >= 100 else s


def _text(wrap) -> str:
    out = ["某市某局2024年政府信息公开工作年度报告", "一、总体情况", "本年度依法公开。", "三、收到和处理政府信息公开申请情况",
           "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
           "自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    seen: set[str] = set()
    for path, vals in TRUTH["table3"].items():
        *heads, leaf = path.split("/")
        for h in heads:
            if h not in seen:
                seen.add(h)
                out.append(h)
        out.append(leaf + " " + " ".join(wrap(v) for v in vals))
    out += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼 未经复议直接起诉 复议后起诉",
            " ".join(["结果维持 结果纠正 其他结果 尚未审结 总计"] * 3),
            " ".join(wrap(v) for g in L.T4_GROUPS for v in TRUTH["table4"][g]),
            "五、存在的主要问题及改进情况", "问题。", "六、其他需要报告的事项", "无。"]
    return "\n".join(out) + "\n"


def test_wrapped_numbers_are_joined_back_exactly():
    report = parse_text(_text(_wrap))
    assert report.table3 == TRUTH["table3"]
    assert report.table4 == TRUTH["table4"]
    joined = [d for d in report.diagnostics if d.code in ("t3_wrapped_number", "t4_wrapped_number")]
    wrapped_rows = sum(any(isinstance(v, int) and v >= 100 for v in vals) for vals in TRUTH["table3"].values())
    assert len([d for d in joined if d.code == "t3_wrapped_number"]) == wrapped_rows > 0
    assert [d.code for d in joined if d.where == "表四"] == ["t4_wrapped_number"]
    assert not [d for d in report.diagnostics if d.severity != "info" and (d.where or "").startswith(("表三", "表四"))]


def test_a_run_no_joining_balances_is_left_to_the_layout_warnings():
    assert rejoin([5, 1, 0, 0, 0, 0, 7, 2], 7, t3_row_ok) is None  # no joining gives 总计 = the sum of the others
    assert rejoin([300, 1, 53, 0, 0, 61, 4, 311, 9], 7, t3_row_ok) == [3001, 53, 0, 0, 61, 4, 3119]
    assert rejoin([0, 6, 0, 0, 0, 0, 0, 6], 7, t3_row_ok) is None  # "0 6" -> 06 would balance, but 06 is no number
