"""Bench: scripted adversarial "model outputs" through the drafting checker (agents.checking.bind).

For each truth report the offline draft of sections 一 and 六 (plus a model-style paragraph) is the correct text;
wrong numbers are planted programmatically — swapped cells, last year's value, off-by-one, invented totals, Chinese
numerals, wrong percentages — and the checker must flag every planted number (target 100 %) while leaving the
correct numbers alone (target 0 % wrongly flagged). Correct Chinese numerals are planted too, as controls.

    .venv/bin/python bench/drafting.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agents.checking import bind
from agents.factsheet import load_facts
from agents.offline import draft_offline
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report

TRUTHS = sorted((ROOT / "tests" / "fixtures" / "truth").glob("*.json"))
FACTS = load_facts([{"id": "F1", "label": "门户网站发布信息", "value": 6352, "unit": "条"}])
DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """Chinese numeral for 0 <= n < 100000000 (一百三十九, 两千 written as 二千 is fine for the parser)."""
    if n == 0:
        return "零"
    units = ["", "十", "百", "千"]

    def four(x: int) -> str:
        out, zero = "", False
        for i in range(3, -1, -1):
            d = x // 10 ** i % 10
            if d:
                if zero:
                    out += "零"
                out += DIGITS[d] + units[i]
                zero = False
            elif out:
                zero = True
        return out

    hi, lo = divmod(n, 10000)
    s = (four(hi) + "万" + ("零" if 0 < lo < 1000 else "") + four(lo)) if hi else four(lo)
    return s[1:] if s.startswith("一十") else s


@dataclass
class Case:
    kind: str
    truth: str
    text: str
    planted: list[tuple[int, int]]  # spans of planted WRONG numbers
    control: bool = False  # a planted CORRECT number (must not be flagged)


def previous_of(report: Report) -> Report:
    prev = report.model_copy(deep=True)
    prev.year = (report.year or 2021) - 1
    for ref, v in report.cells():
        if isinstance(v, int) and v > 3:
            prev.set(ref, int(v * 0.8) + 1)
    return prev


def model_style(report: Report) -> str:
    new, done = report.t3(L.R_NEW), report.t3(L.R_TOTAL)
    return (f"本年度共收到政府信息公开申请{new}件，全年办结政府信息公开申请{done}件。"
            f"全年因政府信息公开工作被申请行政复议{report.t4(L.T4_REVIEW)}件。")


def replace(text: str, start: int, end: int, new: str) -> tuple[str, tuple[int, int]]:
    return text[:start] + new + text[end:], (start, start + len(new))


def cases_for(path: Path) -> tuple[Report, Report, list[Case]]:
    report = Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))
    prev = previous_of(report)
    name = path.stem
    out: list[Case] = []
    bases = [draft_offline(report, FACTS, prev, "一"), draft_offline(report, FACTS, prev, "六")]
    for d in bases:
        out.append(Case("clean", name, d.text, []))
    style = model_style(report)
    out.append(Case("clean", name, style, []))
    base = bases[0]
    claims = [c for c in base.claims if c.cell and c.cell != "报告年度" and isinstance(c.value, int)]
    for c in claims:
        if c.cell.startswith(("上年/", "比较/")):
            continue
        # off by one
        text, span = replace(base.text, c.start, c.end, str(c.value + 1))
        out.append(Case("off_by_one", name, text, [span]))
        # last year's value in place of this year's
        before = prev.get(CellRef.parse(c.cell)) if "/" in c.cell and " + " not in c.cell and "（" not in c.cell.split("/")[-1] else None
        if isinstance(before, int) and before != c.value:
            text, span = replace(base.text, c.start, c.end, str(before))
            out.append(Case("last_year_value", name, text, [span]))
        # Chinese numerals: a wrong one (planted) and the right one (control)
        if 10 <= c.value < 100000 and base.text[c.end:c.end + 1] == "件":
            text, span = replace(base.text, c.start, c.end + 1, chinese(c.value - 1) + "件")
            out.append(Case("chinese_numeral_wrong", name, text, [span]))
            text, _ = replace(base.text, c.start, c.end + 1, chinese(c.value) + "件")
            out.append(Case("chinese_numeral_right", name, text, [], control=True))
    # swapped cells: two different values in the same sentence
    for a, b in zip(claims, claims[1:]):
        if a.value != b.value and a.end < b.start and "。" not in base.text[a.end:b.start] \
                and not a.cell.startswith(("上年/", "比较/")) and not b.cell.startswith(("上年/", "比较/")):
            sa, sb = str(a.value), str(b.value)
            text = base.text[:a.start] + sb + base.text[a.end:b.start] + sa + base.text[b.end:]
            shift = len(sb) - len(sa)
            out.append(Case("swapped_cells", name, text, [(a.start, a.start + len(sb)),
                                                           (b.start + shift, b.start + shift + len(sa))]))
    # invented totals
    done = report.t3(L.R_TOTAL) or 0
    for extra in (7, 100):
        sentence = f"全年共办结政府信息公开申请{done + extra}件。"
        start = len(style) + sentence.index(str(done + extra))
        out.append(Case("invented_total", name, style + sentence, [(start, start + len(str(done + extra)))]))
    new = report.t3(L.R_NEW) or 0
    sentence = f"其中网上申请{new + 5}件。"
    start = len(style) + sentence.index(str(new + 5))
    out.append(Case("invented_total", name, style + sentence, [(start, start + len(str(new + 5)))]))
    # wrong percentage on last year
    pct = [c for c in base.claims if (c.cell or "").startswith("比较/")]
    for c in pct:
        wrong = f"{float(c.value) + 5:g}"
        text, span = replace(base.text, c.start, c.end, wrong)
        out.append(Case("wrong_percent", name, text, [span]))
    return report, prev, out


def overlaps(c, span: tuple[int, int]) -> bool:
    return c.start < span[1] and span[0] < c.end


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    caught, planted = Counter(), Counter()
    wrong_flags, correct_total, collateral = 0, 0, 0
    examples = []
    n_cases = 0
    t0 = time.perf_counter()
    for path in TRUTHS:
        report, prev, cases = cases_for(path)
        for case in cases:
            n_cases += 1
            claims = bind(case.text, report, FACTS, prev)
            for span in case.planted:
                planted[case.kind] += 1
                hit = [c for c in claims if overlaps(c, span)]
                if hit and any(c.status != "verified" for c in hit):
                    caught[case.kind] += 1
                elif args.verbose:
                    print(f"MISSED {case.kind} {case.truth}: {case.text[max(0, span[0] - 30):span[1] + 5]}")
            for c in claims:
                if any(overlaps(c, s) for s in case.planted):
                    continue
                if case.planted:  # a total next to a planted part may rightly disagree with the parts' sum
                    collateral += c.status != "verified"
                    continue
                correct_total += 1
                if c.status != "verified":
                    wrong_flags += 1
                    examples.append(f"{case.kind} {case.truth}: {c.text[:50]} -> {c.status}")
    secs = time.perf_counter() - t0
    total_planted = sum(planted.values())
    print(f"adversarial cases: {n_cases} texts, {total_planted} planted wrong numbers, "
          f"{correct_total} correct numbers, {secs:.2f} s")
    for kind in sorted(planted):
        print(f"  {kind:24s} caught {caught[kind]:4d}/{planted[kind]:<4d} ({100 * caught[kind] / planted[kind]:.1f} %)")
    print(f"planted wrong numbers caught: {sum(caught.values())}/{total_planted} "
          f"({100 * sum(caught.values()) / max(1, total_planted):.1f} %)")
    print(f"correct numbers wrongly flagged (clean texts and correct-numeral controls): {wrong_flags}/{correct_total} "
          f"({100 * wrong_flags / max(1, correct_total):.1f} %)")
    print(f"(other numbers also flagged in texts with a planted error, e.g. a total whose parts no longer add up: "
          f"{collateral})")
    for e in sorted(set(examples))[:15 if args.verbose else 5]:
        print("  wrongly flagged:", e)
    timings = []
    for path in TRUTHS:
        report, prev, _ = cases_for(path)
        for _ in range(5):
            t1 = time.perf_counter()
            for section in ("一", "五", "六"):
                draft_offline(report, FACTS, prev, section)
            timings.append((time.perf_counter() - t1) * 1000)
    timings.sort()
    print(f"offline draft of sections 一/五/六 per report: median {timings[len(timings) // 2]:.1f} ms, "
          f"max {timings[-1]:.1f} ms (target < 1000 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
