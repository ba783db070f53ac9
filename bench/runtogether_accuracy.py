"""How many cells does report.parse.crawler.tables recover exactly from run-together crawler text?

Renders reports as the flattened text of the 平潭 2021 page (every label immediately followed by its row's digits,
no delimiters, the next item number touching the previous row's digits, occasional stray spaces), parses the
text back with :func:`report.parse.crawler.tables.parse_runtogether_tables`, and counts cells that come back exact,
undetermined (None, with a diagnostic) or wrong.

Sources: the truth tables of tests/fixtures/truth (as published), random perturbations of them that keep every
identity, and random reports drawn from a rough model of real figures.

Run: ``.venv/bin/python bench/runtogether_accuracy.py [N]`` (N random reports per source, default 300).
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from report.model import labels as L
from report.parse.crawler.tables import parse_runtogether_tables

TRUTH_DIR = ROOT / "tests" / "fixtures" / "truth"
SYNTH_TRUTHS = ("001_changsha_furongqu_2021", "002_huaian_shi_2024", "005_suqian_shuyangxian_2025")

_T3_HEADER = "申请人情况自然人法人或其他组织总计 商业企业科研机构社会公益组织法律服务机构其他"
_T4_HEADER = ("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
              "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")


def load_truth(name: str) -> dict[str, Any]:
    return json.loads((TRUTH_DIR / f"{name}.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ rendering
def _digits(values: list, rng: random.Random | None, space_rate: float) -> str:
    s = "".join(str(v) for v in values)
    if rng is not None and len(s) > 1 and rng.random() < space_rate:
        i = rng.randrange(1, len(s))
        s = s[:i] + rng.choice([" ", "\n", "  "]) + s[i:]
    return s


def render_runtogether(data: dict[str, Any], rng: random.Random | None = None, space_rate: float = 0.1) -> str:
    """The tables of ``data`` (interchange shape) as a crawler would flatten them, in the style of 010_pingtan."""
    t2, t3, t4 = data["table2"], data["table3"], data["table4"]
    template = L.TEMPLATE_2019 if len(t3) == len(L.T3_ROWS_2019) else L.TEMPLATE_2021
    out = ["一、总体情况 本年度共收到申请若干件。二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"]
    doc = lambda row: _digits([t2[row][c] for c in L.T2_DOC_COLUMNS], rng, space_rate)
    out.append(f"规章 {doc('规章')}行政规范性文件{doc('行政规范性文件')}")
    out.append(f"第二十条第（五）项信息内容本年处理决定数量行政许可{t2['行政许可']} 第二十条第（六）项信息内容 本年处理决定数量")
    out.append(f"行政处罚{t2['行政处罚']}行政强制{t2['行政强制']}第二十条第（八）项信息内容 本年收费金额（单位：万元）")
    out.append(f"行政事业性收费{t2['行政事业性收费']}三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
               f"等于第三项加第四项之和）{_T3_HEADER}")
    seen_groups: set[str] = set()
    for row in L.t3_rows(template):
        parts = row.split("/")
        if parts[0] == L.R_RESULTS and L.R_RESULTS not in seen_groups:
            seen_groups.add(L.R_RESULTS)
            out.append(L.R_RESULTS)
        if len(parts) == 3 and parts[1] not in seen_groups:
            seen_groups.add(parts[1])
            out.append(parts[1])
        out.append(parts[-1] + _digits(t3[row], rng, space_rate))
    out.append(" 四、政府信息公开行政复议、行政诉讼情况 " + _T4_HEADER)
    out.append(_digits([v for g in L.T4_GROUPS for v in t4[g]], rng, space_rate))
    out.append("五、存在的主要问题及改进情况（一）存在的主要问题:政策解读形式不够丰富。六、其他需要报告的事项 无。")
    return "".join(out)


def restyle(text: str, rng: random.Random) -> str:
    """Spelling variants seen on real pages: half-width brackets, 1、 for 1., no quotes, shortened or mistyped labels."""
    import re

    if rng.random() < 0.4:
        text = text.replace("（", "(").replace("）", ")")
    if rng.random() < 0.4:
        text = re.sub(r"(\d)\.(?=[\u4e00-\u9fff])", r"\1、", text)
    if rng.random() < 0.3:
        text = text.replace("“", "").replace("”", "")
    if rng.random() < 0.3:
        text = re.sub(r"部分公开[（(]区分处理的，只计这一情形，不计其他情形[）)]", "部分公开", text)
    if rng.random() < 0.3:  # one mistyped row label: a character dropped
        label = rng.choice([p.split("/")[-1] for p in L.T3_RESULT_ROWS_2021 if len(p.split("/")) == 3])
        if label in text:
            k = rng.randrange(3, len(label))
            text = text.replace(label, label[:k] + label[k + 1 :], 1)
    return text


# ------------------------------------------------------------------ random reports that keep every identity
def _count(rng: random.Random, scale: float, p_zero: float) -> int:
    if rng.random() < p_zero:
        return 0
    return int(math.exp(rng.uniform(0, math.log(scale + 1))))


def random_report(rng: random.Random, template: str = L.TEMPLATE_2021) -> dict[str, Any]:
    size = rng.choice([30, 100, 400, 2000])  # 区县部门 … 地级市
    col_scale = [size, size / 20, size / 60, size / 40, size / 30, size / 8]
    col_zero = [0.45, 0.85, 0.95, 0.9, 0.9, 0.8]
    t3: dict[str, list[int]] = {}
    results = L.t3_result_rows(template)
    for row in results:
        busy = row.endswith(L.G_PUBLIC) or "不掌握" in row or row.endswith(L.G_PARTIAL) or rng.random() < 0.25
        vals = [_count(rng, col_scale[c] * (1 if busy else 0.15), col_zero[c] if busy else 0.85) for c in range(6)]
        t3[row] = vals + [sum(vals)]
    total = [sum(t3[r][c] for r in results) for c in range(6)]
    carried_out = [_count(rng, max(1, total[c] / 10), 0.7) for c in range(6)]
    carried_in = [min(_count(rng, max(1, total[c] / 10), 0.7), total[c] + carried_out[c]) for c in range(6)]
    new = [total[c] + carried_out[c] - carried_in[c] for c in range(6)]
    for row, vals in ((L.R_NEW, new), (L.R_CARRIED_IN, carried_in), (L.R_TOTAL, total), (L.R_CARRIED_OUT, carried_out)):
        t3[row] = vals + [sum(vals)]
    t4 = {}
    for g in L.T4_GROUPS:
        vals = [_count(rng, size / 20, 0.5), _count(rng, size / 60, 0.7), _count(rng, size / 60, 0.7), _count(rng, 5, 0.7)]
        t4[g] = vals + [sum(vals)]
    in_force = _count(rng, 800, 0.1)
    made = min(in_force, int(in_force * rng.uniform(0.05, 0.5)))
    repealed = _count(rng, max(1, in_force / 8), 0.3)
    fee = round(rng.uniform(0, 50000), rng.choice([0, 1, 2, 4, 6])) if rng.random() < 0.7 else 0
    t2 = {
        "规章": dict(zip(L.T2_DOC_COLUMNS, (0, 0, 0) if rng.random() < 0.7 else (1, 0, _count(rng, 20, 0) + 1))),
        "行政规范性文件": dict(zip(L.T2_DOC_COLUMNS, (made, repealed, in_force))),
        "行政许可": _count(rng, 500000, 0.02), "行政处罚": _count(rng, 100000, 0.02),
        "行政强制": _count(rng, 3000, 0.1), "行政事业性收费": int(fee) if float(fee).is_integer() else fee,
    }
    return {"table2": t2, "table3": {r: t3[r] for r in L.t3_rows(template)}, "table4": t4}


def perturb(truth: dict[str, Any], rng: random.Random, changes: int = 6) -> dict[str, Any]:
    """A copy of ``truth`` with result cells moved by small amounts; every table-3 identity is kept."""
    data = json.loads(json.dumps(truth))
    t3 = data["table3"]
    template = L.TEMPLATE_2019 if len(t3) == len(L.T3_ROWS_2019) else L.TEMPLATE_2021
    results = L.t3_result_rows(template)
    for _ in range(changes):
        row, c = rng.choice(results), rng.randrange(6)
        delta = max(-t3[row][c], rng.choice([-3, -1, 1, 2, 5, 12, 40]))
        for r in (row, L.R_TOTAL, L.R_NEW):
            t3[r][c] += delta
            t3[r][6] += delta
    return data


# ------------------------------------------------------------------ scoring
def _flagged(res: Any, table: str, row: str) -> bool:
    """Is there a warning/error diagnostic about this row (or this whole table)?"""
    name = L.TABLE_NAMES[table]
    for d in res.diagnostics if res else []:
        where = d.where or ""
        if d.severity != "info" and (where == name or where.startswith(f"{name}/{row}")):
            return True
    return False


def score(data: dict[str, Any], text: str, tables: tuple[str, ...] = ("table2", "table3", "table4")) -> tuple[int, int, int, int, int]:
    """-> (exact, undetermined, wrong but flagged, wrong and not flagged, cells)."""
    res = parse_runtogether_tables(text)
    pairs: list[tuple[str, str, Any, Any]] = []
    if "table2" in tables:
        for row, val in data["table2"].items():
            got = res.table2.get(row) if res else None
            if isinstance(val, dict):
                pairs += [("table2", row, v, (got or {}).get(c)) for c, v in val.items()]
            else:
                pairs.append(("table2", row, val, got))
    for table in ("table3", "table4"):
        if table in tables:
            for row, vals in data[table].items():
                got = res and getattr(res, table).get(row) or [None] * len(vals)
                pairs += [(table, row, w, g) for w, g in zip(vals, got)]
    out = [0, 0, 0, 0, len(pairs)]
    for table, row, want, got in pairs:
        if got is None:
            out[1] += 1
        elif got == want:
            out[0] += 1
        else:
            out[2 if _flagged(res, table, row) else 3] += 1
    return out[0], out[1], out[2], out[3], out[4]


def measure(n: int = 300, seed: int = 7) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    sources = {
        "truths": [load_truth(t) for t in SYNTH_TRUTHS],
        "perturbed truths": [perturb(load_truth(rng.choice(SYNTH_TRUTHS)), rng) for _ in range(n)],
        "random 2021": [random_report(rng) for _ in range(n)],
        "random, label variants": [random_report(rng) for _ in range(n)],
        "random 2019 (t3+t4)": [random_report(rng, L.TEMPLATE_2019) for _ in range(n // 3)],
    }
    out = {}
    for name, reports in sources.items():
        tables = ("table3", "table4") if "2019" in name else ("table2", "table3", "table4")
        tot = [0, 0, 0, 0, 0]
        elapsed = 0.0
        for data in reports:
            text = render_runtogether(data, rng)
            if "variants" in name:
                text = restyle(text, rng)
            start = time.perf_counter()
            for k, x in enumerate(score(data, text, tables)):
                tot[k] += x
            elapsed += time.perf_counter() - start
        out[name] = {"reports": len(reports), "cells": tot[4], "exact": tot[0] / tot[4], "undetermined": tot[1] / tot[4],
                     "wrong_flagged": tot[2] / tot[4], "wrong_silent": tot[3] / tot[4],
                     "ms_per_report": elapsed * 1000 / len(reports)}
    return out


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 300
    for name, m in measure(n).items():
        print(f"{name:20s} reports={m['reports']:4d} cells={m['cells']:6d}  exact={m['exact']:.2%}"
              f"  None={m['undetermined']:.2%}  wrong-but-flagged={m['wrong_flagged']:.2%}"
              f"  wrong-silent={m['wrong_silent']:.2%}  {m['ms_per_report']:.1f} ms/report")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
