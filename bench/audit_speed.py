"""Validator speed: median time to validate one report, and time to audit 1,000 report files.

    python bench/audit_speed.py [N_FILES]        (default 1000)

Reports are the four truths with the narrative of the published text (parsed with report.parse when it is
installed, so the narrative rules and report.claims run too). The 1,000-file run writes interchange JSON files to
a temporary folder (each with one random cell changed, so findings are produced) and times
report.usecases.audit_paths on the folder: reading, validating and summarising. Targets: < 30 ms per report,
< 60 s for 1,000 reports.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report.model.tables import Report
from report.rules.validate import validate
from report.usecases import audit_paths, summary_rows

FIXTURES = ROOT / "tests" / "fixtures"


def sample_reports() -> list[Report]:
    out = []
    for truth in sorted((FIXTURES / "truth").glob("*.json")):
        r = Report.from_interchange(json.loads(truth.read_text(encoding="utf-8")))
        raw = next(FIXTURES.glob(truth.stem + ".txt"), None)
        try:
            from report.parse import parse_file

            parsed = parse_file(raw) if raw else None
        except ImportError:
            parsed = None
        if parsed is not None:
            r.sections, r.preamble, r.closing, r.title = parsed.sections, parsed.preamble, parsed.closing, parsed.title
        out.append(r)
    return out


def main(n_files: int = 1000) -> int:
    reports = sample_reports()
    for r in reports:  # warm-up
        validate(r)
    times = []
    for _ in range(50):
        for r in reports:
            t = time.perf_counter()
            validate(r)
            times.append(time.perf_counter() - t)
    med = statistics.median(times) * 1000
    p95 = sorted(times)[int(len(times) * 0.95)] * 1000
    print(f"validate() 单份报告：中位数 {med:.2f} ms，95 分位 {p95:.2f} ms（{len(times)} 次；目标 < 30 ms）")
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n_files):
            r = reports[i % len(reports)].model_copy(deep=True)
            row = rng.choice(list(r.table3))
            j = rng.randrange(7)
            if r.table3[row][j] is not None:
                r.table3[row][j] += rng.choice((1, -1, 10))
            Path(tmp, f"report_{i:04d}.json").write_text(r.to_json(), encoding="utf-8")
        t = time.perf_counter()
        entries = audit_paths([tmp])
        rows = summary_rows(entries)
        elapsed = time.perf_counter() - t
    n_err = sum(1 for e in entries if e.get("counts", {}).get("error"))
    print(f"审核 {len(rows)} 份报告文件（读取 + 校验 + 汇总）：{elapsed:.2f} s，其中 {n_err} 份有错误（目标 < 60 s）")
    return 0 if med < 30 and elapsed < 60 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
