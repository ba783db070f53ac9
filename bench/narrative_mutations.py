"""Mutation benchmark for report.claims: does a changed narrative number get flagged?

For the four dev reports (tests/fixtures + truth; 002 also as its pdfminer text), take the narrative (sections 一 and 五/六: the text before
“二、主动公开” and from “五、…存在” on), bind its numbers to the truth tables, then for every verified claim:

- change the number in the text: +1, −1, ×10, and a swap of two different digits;
- change one table cell that the claim cites (+1);

and count how many of those mutants make the claim at that position `contradicts` (detection rate, target ≥ 99 %).
False alarms = `contradicts` claims on the unmutated text (target 0). Also prints the binding time per report.

Run: .venv/bin/python bench/narrative_mutations.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report.claims import bind_claims
from report.model import CellRef, try_parse
from report.model.tables import Report

FIXTURES = ROOT / "tests" / "fixtures"
REPORTS = ["001_changsha_furongqu_2021", "002_huaian_shi_2024", "005_suqian_shuyangxian_2025", "010_pingtan_2021"]
# The same PDF extracted by pdfminer.six (blank line after every line): a second text for the 002 truth.
TEXT_VARIANTS = {"002_huaian_shi_2024.pdfminer": "002_huaian_shi_2024"}


def narrative(raw: str) -> str:
    """Sections 一 (with the preamble) and 五/六 of a raw fixture text, cut by simple slicing."""
    end = raw.index("二、主动公开")
    tails = [m.start() for m in re.finditer(r"五、[^\n]{0,12}存在", raw)]
    return raw[:end] + "\n" + (raw[tails[-1]:] if tails else "")


def number_variants(digits: str) -> list[str]:
    """Mutants of a number as written: ±1, ×10, and a swap of two different adjacent digits."""
    if "." in digits:
        frac = digits.split(".")[1]
        v = float(digits)
        fmt = f"{{:.{len(frac)}f}}"
        out = [fmt.format(v + 1), fmt.format(v - 1) if v >= 1 else None, fmt.format(v * 10)]
    else:
        v = int(digits)
        out = [str(v + 1), str(v - 1) if v >= 1 else None, str(v * 10)]
    plain = digits.replace(".", "")
    for i in range(len(plain) - 1):
        if plain[i] != plain[i + 1] and not (i == 0 and plain[i + 1] == "0"):
            swapped = plain[:i] + plain[i + 1] + plain[i] + plain[i + 2:]
            if "." in digits:
                k = digits.index(".")
                swapped = swapped[:k] + "." + swapped[k:]
            out.append(swapped)
            break
    return [x for x in out if x is not None and x != digits]


def text_mutants(text: str, claim) -> list[tuple[str, str]]:
    """(label, mutated text) for one claim: the digits inside its span are replaced."""
    span = text[claim.start:claim.end]
    m = re.search(r"\d+(?:\.\d+)?", span)
    if not m:
        return []
    a, b = claim.start + m.start(), claim.start + m.end()
    return [(f"{m.group(0)}→{v}", text[:a] + v + text[b:]) for v in number_variants(m.group(0))]


def cited_cells(claim) -> list[str]:
    if not claim.cell:
        return []
    parts = claim.cell.split(" + ")
    if any(try_parse(p) is None for p in parts):
        return []
    return parts


def flagged_at(claims, start: int) -> bool:
    return any(c.start == start and c.status == "contradicts" for c in claims)


def run_report(name: str) -> dict:
    truth = json.loads((FIXTURES / "truth" / f"{TEXT_VARIANTS.get(name, name)}.json").read_text("utf-8"))
    report = Report.from_interchange(truth)
    text = narrative((FIXTURES / f"{name}.txt").read_text("utf-8"))
    bind_claims(text, report)  # warm-up
    best = min(_timed(lambda: bind_claims(text, report)) for _ in range(20))
    claims = bind_claims(text, report)
    false_alarms = [c for c in claims if c.status == "contradicts"]
    verified = [c for c in claims if c.status == "verified"]
    seen: set[int] = set()
    tried = detected = 0
    missed: list[str] = []
    for c in verified:
        if c.start in seen:
            continue
        seen.add(c.start)
        for label, mutated in text_mutants(text, c):
            tried += 1
            if flagged_at(bind_claims(mutated, report), c.start):
                detected += 1
            else:
                missed.append(f"text {label} in “{c.text.strip()[:30]}”")
        cells = cited_cells(c)
        if cells:
            changed = Report.from_interchange(report.to_interchange())
            old = changed.get(CellRef.parse(cells[0]))
            changed.set(CellRef.parse(cells[0]), (old or 0) + 1)
            tried += 1
            if flagged_at(bind_claims(text, changed), c.start):
                detected += 1
            else:
                missed.append(f"cell {cells[0]} +1 for “{c.text.strip()[:30]}”")
    return {"report": name, "claims": len(claims), "verified": len(verified), "unverifiable":
            sum(c.status == "unverifiable" for c in claims), "false_alarms": len(false_alarms),
            "mutants": tried, "detected": detected, "missed": missed, "ms": best * 1000}


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    rows = [run_report(n) for n in REPORTS + list(TEXT_VARIANTS)]
    print(f"{'report':32} {'claims':>6} {'verif.':>6} {'unver.':>6} {'false':>5} {'mutants':>7} {'caught':>6} {'ms':>6}")
    for r in rows:
        print(f"{r['report']:32} {r['claims']:6} {r['verified']:6} {r['unverifiable']:6} {r['false_alarms']:5} "
              f"{r['mutants']:7} {r['detected']:6} {r['ms']:6.2f}")
        for m in r["missed"]:
            print(f"    missed: {m}")
    tried = sum(r["mutants"] for r in rows)
    caught = sum(r["detected"] for r in rows)
    false = sum(r["false_alarms"] for r in rows)
    rate = 100 * caught / tried if tried else 0.0
    print(f"detection rate: {caught}/{tried} = {rate:.1f} % (target ≥ 99 %); false alarms on clean text: {false} "
          f"(target 0); slowest binding: {max(r['ms'] for r in rows):.2f} ms (target < 10 ms)")
    return 0 if rate >= 99 and false == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
