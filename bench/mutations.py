"""Mutation benchmark for the validators: every single-cell change to every 表三/表四 cell of each truth.

    python bench/mutations.py [TRUTH_DIR]        (default: tests/fixtures/truth)

Mutations per cell: +1, −1, +10, −10, digit swap (first two digits exchanged, when that changes the value) and
blanking. A mutation is *detected* when validate() gives a new error finding, or a new blank finding, whose `where`
or `cells` names the mutated cell. Prints the detection rate per mutation kind and overall (target 100 %), and the
false-alarm count: error or blank findings on the unmutated truths (target 0).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report.model import CellRef
from report.model.findings import BLANK_RULES
from report.model.tables import Report
from report.rules.validate import validate


def _swap(v):
    s = str(int(v))
    if len(s) < 2 or s[0] == s[1]:
        return None
    t = s[1] + s[0] + s[2:]
    return int(t) if int(t) != v else None


MUTATIONS = {
    "+1": lambda v: v + 1,
    "-1": lambda v: v - 1,
    "+10": lambda v: v + 10,
    "-10": lambda v: v - 10,
    "digit swap": _swap,
    "blank": lambda v: None,
}


def _key(f):
    return (f.rule, f.where, json.dumps(f.expected, ensure_ascii=False, default=str), str(f.actual))


def _counts(f) -> bool:
    return f.severity == "error" or f.rule in BLANK_RULES


def table_cells(report: Report) -> list[CellRef]:
    return [ref for ref, v in report.cells() if ref.table in ("table3", "table4") and v is not None]


def run(truth_dir: Path) -> int:
    paths = sorted(truth_dir.glob("*.json"))
    if not paths:
        print(f"{truth_dir} 中没有 truth JSON 文件", file=sys.stderr)
        return 2
    tried, caught = Counter(), Counter()
    missed: list[str] = []
    false_alarms = 0
    t0 = time.perf_counter()
    for path in paths:
        base = Report.from_interchange(json.loads(path.read_text(encoding="utf-8")))
        base_findings = validate(base)
        alarms = [f for f in base_findings if _counts(f)]
        false_alarms += len(alarms)
        for f in alarms:
            print(f"  误报 {path.name}: {f.line()}")
        seen = {_key(f) for f in base_findings}
        for ref in table_cells(base):
            cid = ref.id
            original = base.get(ref)
            for kind, change in MUTATIONS.items():
                new = change(original)
                if kind != "blank" and (new is None or new == original):
                    continue  # not a change of this cell (e.g. swapping the digits of 7 or 11)
                base.set(ref, new)
                found = validate(base)
                base.set(ref, original)
                tried[kind] += 1
                hit = any(_counts(f) and _key(f) not in seen and (f.where == cid or cid in f.cells) for f in found)
                if hit:
                    caught[kind] += 1
                else:
                    missed.append(f"{path.name} {cid} {kind}: {original} -> {new}")
    elapsed = time.perf_counter() - t0
    total_tried, total_caught = sum(tried.values()), sum(caught.values())
    print(f"truth 报告 {len(paths)} 份，单元格变异 {total_tried} 次，用时 {elapsed:.1f} s")
    for kind in MUTATIONS:
        if tried[kind]:
            print(f"  {kind:>10}: {caught[kind]}/{tried[kind]} = {100 * caught[kind] / tried[kind]:.1f} %")
    print(f"检出率 detection rate: {total_caught}/{total_tried} = {100 * total_caught / max(total_tried, 1):.2f} %")
    print(f"误报 false alarms on unmutated truths: {false_alarms}")
    for m in missed[:20]:
        print(f"  未检出 {m}")
    return 0 if total_caught == total_tried and false_alarms == 0 else 1


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "truth"))
