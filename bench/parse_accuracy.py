"""Parser accuracy and speed on a folder of raw reports with hand-checked truth.

Usage: python bench/parse_accuracy.py DIR [--runs N]

DIR holds raw reports (.txt, .pdf, .pdfminer.txt, .md, .html, .docx …) and DIR/truth/<stem>.json, where the stem
is the file name up to its first dot (``002_x.pdfminer.txt`` -> ``truth/002_x.json``). Cells scored per file:
table2 10 + table3 175 + table4 15 = 200 (2021 format). Prints cell accuracy per file, per format and overall,
and the median parse time per file over several runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report.model.tables import Report
from report.parse import ReportParseError, parse_bytes


def input_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".pdfminer.txt"):
        return "pdfminer-text"
    suffix = path.suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix or "none")


def score(parsed: Report | None, truth: Report) -> tuple[int, int, list[str]]:
    want = dict(truth.cells())
    got = dict(parsed.cells()) if parsed else {}
    wrong = [cid for cid, v in want.items() if got.get(cid, "<missing>") != v]
    return len(want) - len(wrong), len(want), wrong


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="解析准确率与速度基准")
    ap.add_argument("dir", type=Path)
    ap.add_argument("--runs", type=int, default=7, help="timed runs per file (median reported)")
    ap.add_argument("--show-wrong", type=int, default=5, help="wrong cell ids to list per file")
    args = ap.parse_args(argv)

    truth_dir = args.dir / "truth"
    files = sorted(p for p in args.dir.iterdir() if p.is_file() and (truth_dir / f"{p.name.split('.')[0]}.json").exists())
    if not files:
        print(f"{args.dir} 中没有带 truth/<stem>.json 的报告文件", file=sys.stderr)
        return 2
    per_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]
    times_by_format: dict[str, list[float]] = defaultdict(list)
    print(f"{'file':44} {'format':14} {'cells':>9} {'acc':>7} {'median ms':>10}")
    for path in files:
        truth = Report.from_interchange(json.loads((truth_dir / f"{path.name.split('.')[0]}.json").read_text(encoding="utf-8")))
        data = path.read_bytes()
        fmt = input_format(path)
        parsed, error = None, ""
        try:
            parsed = parse_bytes(data, filename=path.name)  # first run also warms imports
        except ReportParseError as exc:
            error = str(exc)
        runs = []
        for _ in range(args.runs if parsed else 0):
            t0 = time.perf_counter()
            parse_bytes(data, filename=path.name)
            runs.append((time.perf_counter() - t0) * 1000)
        ok, n, wrong = score(parsed, truth)
        med = statistics.median(runs) if runs else float("nan")
        times_by_format[fmt].append(med)
        per_format[fmt][0] += ok
        per_format[fmt][1] += n
        total[0] += ok
        total[1] += n
        print(f"{path.name:44} {fmt:14} {ok:>4}/{n:<4} {ok / n:>7.1%} {med:>10.1f}")
        if error:
            print(f"    ERROR: {error}")
        for cid in wrong[: args.show_wrong]:
            print(f"    wrong: {cid}")
    print()
    print(f"{'format':14} {'cells':>11} {'acc':>7} {'median ms/file':>15}")
    for fmt, (ok, n) in sorted(per_format.items()):
        print(f"{fmt:14} {ok:>5}/{n:<5} {ok / n:>7.1%} {statistics.median(times_by_format[fmt]):>15.1f}")
    print(f"{'overall':14} {total[0]:>5}/{total[1]:<5} {total[0] / total[1]:>7.1%}")
    text_times = [t for f, ts in times_by_format.items() if f != "pdf" for t in ts]
    if text_times:
        print(f"median parse time, text-like files: {statistics.median(text_times):.1f} ms (target < 20 ms)")
    if times_by_format.get("pdf"):
        print(f"median parse time, PDF files: {statistics.median(times_by_format['pdf']):.1f} ms (target < 300 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
