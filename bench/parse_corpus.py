"""Parser against the labelled real-report corpus: every cell right, or flagged where the parser is unsure.

Usage: python bench/parse_corpus.py [--split tune|measure|fresh|all] [--runs N] [--show N] [--no-previous]
       [--pdfminer-path DIR]   (PDFs also scored from pdfminer.six's text, format ``pdf-pdfminer``)

Raw files are read from ``$REPORT_CORPUS`` (default ``tests/corpus/raw``), truth from ``tests/corpus/truth/<id>.json``
(``<id>`` = the file name up to its first dot), the split from ``tests/corpus/split.json`` and the input format from
the ``format`` column of ``tests/corpus/SOURCES.tsv``. Files not (yet) present are listed as missing.

Per cell of the truth tables the parse is

- **exact**: the published value;
- **flagged uncertain (acceptable)**: the truth lists the cell in ``uncertain_cells``, the parsed value is one of its
  readings and a warning names the cell (or its row / table);
- **wrong, with a warning** naming its table / row / cell;
- **unread, with a warning**: blank where the report has a figure, and a warning names it;
- **wrong without a warning** (also a blank with no warning): the silent misses — must be 0.

``blame`` counts findings of :func:`report.rules.validate` that blame the report for what the parser could not read:
a finding about a cell the parser left blank while the report has a figure, or a missing section the report has.

With a previous-year report of the same agency in the corpus (found by :func:`report.model.agency.same_agency`),
it is parsed and passed as ``previous`` (as ``report parse --previous LAST`` does), unless ``--no-previous``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report.model import labels as L
from report.model.agency import same_agency
from report.model.cells import CellRef
from report.model.tables import Cell, Report
from report.parse import ReportParseError, parse_bytes, parse_text
from report.rules.validate import validate

CORPUS = ROOT / "tests" / "corpus"
TARGET_EXACT = 99.5


def raw_dir() -> Path:
    env = os.environ.get("REPORT_CORPUS")
    return Path(env) if env else CORPUS / "raw"


def file_format(row: dict[str, str]) -> str:
    fmt = row.get("format") or "?"
    return "javascript" if fmt.startswith("other") else fmt


# ------------------------------------------------------------------ truth
def _columns_of(ref_row: str, table: str, template: str) -> tuple[str, ...]:
    if table == "table3":
        return L.T3_COLUMNS
    if table == "table4":
        return L.T4_COLUMNS
    cols = L.T2_2019.get(ref_row)
    if ref_row in L.T2_DOC_ROWS:
        return L.T2_DOC_COLUMNS
    return cols or ()


def uncertain_readings(truth: dict[str, Any]) -> dict[CellRef, set[Optional[float]]]:
    """Cell -> every reading the truth allows (a joined column ``a/b/c`` with tuple readings is split per column)."""
    out: dict[CellRef, set[Optional[float]]] = {}
    for u in truth.get("uncertain_cells") or []:
        table, row, column = u["table"], u["row"], u.get("column")
        readings = u.get("readings") or []
        cols = _columns_of(row, table, str(truth.get("template")))
        if column and column not in cols and "/" in column and all(isinstance(r, list) for r in readings):
            parts = column.split("/")
            for i, col in enumerate(parts):
                ref = CellRef(table, row, col)
                out.setdefault(ref, set()).update(r[i] for r in readings)
            continue
        ref = CellRef(table, row, column) if column else CellRef(table, row)
        out.setdefault(ref, set()).update(readings if readings else [None])
    return out


# ------------------------------------------------------------------ scoring
@dataclass
class Score:
    cells: int = 0
    exact: int = 0
    acceptable: int = 0
    wrong_silent: int = 0
    wrong_flagged: int = 0
    unread_flagged: int = 0
    blame: int = 0
    silent: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    blamed: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for k in ("cells", "exact", "acceptable", "wrong_silent", "wrong_flagged", "unread_flagged", "blame"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def ok_pct(self) -> float:
        return 100.0 * (self.exact + self.acceptable) / self.cells if self.cells else float("nan")


def flagged_by(parsed: Report, ref: CellRef) -> bool:
    """A warning or error names the cell, its row or its table."""
    table_name = L.TABLE_NAMES[ref.table]
    row_id = CellRef(ref.table, ref.row).id
    for d in parsed.diagnostics:
        if d.severity == "info":
            continue
        if ref.id in d.cells or any(c == row_id for c in d.cells):
            return True
        w = d.where or ""
        if w in (table_name, row_id, ref.id) or (w and ref.id.startswith(w + "/")):
            return True
    return False


def _same(a: Cell, b: Cell) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def score(parsed: Optional[Report], truth_json: dict[str, Any], previous: Optional[Report] = None) -> Score:
    truth = Report.from_interchange({k: v for k, v in truth_json.items() if k in ("template", "table2", "table3", "table4")})
    readings = uncertain_readings(truth_json)
    sc = Score()
    unread: set[str] = set()
    for ref, want in truth.cells():
        sc.cells += 1
        got = parsed.get(ref) if parsed is not None else None
        if _same(got, want):
            sc.exact += 1
            continue
        flag = parsed is not None and flagged_by(parsed, ref)
        if ref in readings and flag and any(_same(got, r) for r in readings[ref]):
            sc.acceptable += 1
            continue
        if got is None and want is not None:
            unread.add(ref.id)
        shown = f"{ref.id}: got {got} want {want}"
        if not flag:
            sc.wrong_silent += 1
            sc.silent.append(shown)
        elif got is None:
            sc.unread_flagged += 1
            sc.flagged.append(shown)
        else:
            sc.wrong_flagged += 1
            sc.flagged.append(shown)
    if parsed is not None:
        present = set(truth_json.get("sections_present") or [])
        for f in validate(parsed, previous):
            if f.rule.startswith("parse:") or f.rule == "unread_cells":
                continue  # the parser's own notes: they say the parser could not read it
            if unread & set(f.cells) or f.where in unread:
                sc.blame += 1
                sc.blamed.append(f"{f.rule} {f.where}")
            elif f.rule == "section_missing" and any(L.SECTION_TITLES[k] in f.where for k in present):
                sc.blame += 1
                sc.blamed.append(f"{f.rule} {f.where}")
    return sc


# ------------------------------------------------------------------ main
def load_sources() -> dict[str, dict[str, str]]:
    with open(CORPUS / "SOURCES.tsv", encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh, delimiter="\t")}


def previous_of(fid: str, sources: dict[str, dict[str, str]], truths: dict[str, dict[str, Any]]) -> Optional[str]:
    """The corpus file of the same agency one year before (text formats preferred), if any."""
    me = truths[fid]
    cands = [o for o in sources if o != fid and truths[o].get("year") == (me.get("year") or 0) - 1
             and same_agency(str(truths[o].get("agency") or ""), str(me.get("agency") or ""))]
    return sorted(cands, key=lambda o: (not o.endswith(".txt"), o))[0] if cands else None


def main(argv: list[str] | None = None) -> int:
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    ap = argparse.ArgumentParser(description="真实年报语料上的解析准确率（逐单元格）")
    ap.add_argument("--split", choices=[k for k, v in split.items() if isinstance(v, list)] + ["all"], default="all")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per file (median reported)")
    ap.add_argument("--show", type=int, default=6, help="problem cells listed per file")
    ap.add_argument("--no-previous", action="store_true", help="do not pass last year's report")
    ap.add_argument("--quiet", action="store_true", help="no per-file lines")
    ap.add_argument("--pdfminer-path", help="folder holding pdfminer.six: PDFs are also scored from its text "
                                            "(format pdf-pdfminer; pdfminer's column order)")
    args = ap.parse_args(argv)
    extract_text = None
    if args.pdfminer_path:
        sys.path.insert(0, args.pdfminer_path)
        from pdfminer.high_level import extract_text

    sources = load_sources()
    truths = {fid: json.loads((CORPUS / "truth" / f"{fid.split('.')[0]}.json").read_text(encoding="utf-8"))
              for fid in sources}
    raw = raw_dir()
    splits = ("tune", "measure") if args.split == "all" else (args.split,)
    parsed_cache: dict[str, Optional[Report]] = {}

    def parse(fid: str) -> tuple[Optional[Report], str]:
        path = raw / fid
        if fid not in parsed_cache:
            try:
                parsed_cache[fid] = parse_bytes(path.read_bytes(), filename=fid)
            except ReportParseError as exc:
                parsed_cache[fid] = None
                return None, str(exc)
        return parsed_cache[fid], ""

    print(f"corpus: {raw}  (truth: {CORPUS / 'truth'})")
    grand: dict[str, Score] = {}
    for name in splits:
        by_format: dict[str, Score] = defaultdict(Score)
        times: dict[str, list[float]] = defaultdict(list)
        missing = [f for f in split[name] if not (raw / f).exists()]
        print(f"\n=== split {name}: {len(split[name]) - len(missing)}/{len(split[name])} files present ===")
        if not args.quiet:
            print(f"{'file':22} {'format':20} {'ok%':>7} {'silent':>6} {'flagW':>5} {'unrd':>5} {'blame':>5} {'ms':>6}")
        for fid in split[name]:
            if fid in missing:
                continue
            fmt = file_format(sources[fid])
            parsed, error = parse(fid)
            prev_id = None if args.no_previous else previous_of(fid, sources, truths)
            previous = None
            if prev_id and (raw / prev_id).exists():
                previous = parse(prev_id)[0]
            if previous is not None and parsed is not None:
                data = (raw / fid).read_bytes()
                parsed = parse_bytes(data, filename=fid, previous=previous)
            data = (raw / fid).read_bytes()
            runs = []
            for _ in range(args.runs if parsed is not None else 0):
                t0 = time.perf_counter()
                parse_bytes(data, filename=fid, previous=previous)
                runs.append((time.perf_counter() - t0) * 1000)
            med = statistics.median(runs) if runs else float("nan")
            times[fmt].append(med)
            sc = score(parsed, truths[fid], previous)
            by_format[fmt].add(sc)
            if extract_text is not None and fid.endswith(".pdf"):
                mined = extract_text(str(raw / fid))
                t0 = time.perf_counter()
                try:
                    from_text: Optional[Report] = parse_text(mined, previous=previous)
                except ReportParseError:
                    from_text = None
                times["pdf-pdfminer"].append((time.perf_counter() - t0) * 1000)
                sc2 = score(from_text, truths[fid], previous)
                by_format["pdf-pdfminer"].add(sc2)
                if not args.quiet:
                    print(f"{fid + ' (pdfminer)':22} {'pdf-pdfminer':20} {sc2.ok_pct:>6.1f}% {sc2.wrong_silent:>6} "
                          f"{sc2.wrong_flagged:>5} {sc2.unread_flagged:>5} {sc2.blame:>5}")
                    for line in (sc2.silent + sc2.flagged)[: args.show]:
                        print(f"    {'SILENT ' if line in sc2.silent else 'flagged'} {line}")
            if not args.quiet:
                print(f"{fid:22} {fmt:20} {sc.ok_pct:>6.1f}% {sc.wrong_silent:>6} {sc.wrong_flagged:>5} "
                      f"{sc.unread_flagged:>5} {sc.blame:>5} {med:>6.1f}" + (f"  prev={prev_id}" if previous else ""))
                if error:
                    print(f"    ERROR: {error}")
                for line in (sc.silent + sc.flagged)[: args.show]:
                    print(f"    {'SILENT ' if line in sc.silent else 'flagged'} {line}")
                for line in sc.blamed[: args.show]:
                    print(f"    BLAME   {line}")
        if missing:
            print(f"missing raw files: {', '.join(missing)}")
        print(f"\n--- {name}: per format ---")
        print(f"{'format':22} {'cells':>6} {'exact+flagged-ok %':>19} {'silent wrong':>12} {'wrong+warn':>10} "
              f"{'unread+warn':>11} {'blame':>5} {'median ms':>9}")
        total = Score()
        for fmt, sc in sorted(by_format.items()):
            total.add(sc)
            print(f"{fmt:22} {sc.cells:>6} {sc.ok_pct:>18.2f}% {sc.wrong_silent:>12} {sc.wrong_flagged:>10} "
                  f"{sc.unread_flagged:>11} {sc.blame:>5} {statistics.median(times[fmt]):>9.1f}")
        if total.cells:
            print(f"{'ALL ' + name:22} {total.cells:>6} {total.ok_pct:>18.2f}% {total.wrong_silent:>12} "
                  f"{total.wrong_flagged:>10} {total.unread_flagged:>11} {total.blame:>5}")
            print(f"  of which exact {total.exact}, flagged-uncertain with an allowed reading {total.acceptable}")
            grand[name] = total
            worst = min(sc.ok_pct for sc in by_format.values())
            text_times = [t for f, ts in times.items() if f != "pdf" for t in ts]
            print(f"  targets: >= {TARGET_EXACT}% exact on every format: {'MET' if worst >= TARGET_EXACT else 'NOT MET'}"
                  f" (worst {worst:.2f}%); 0 silent wrong: {'MET' if total.wrong_silent == 0 else 'NOT MET'};"
                  f" 0 blame: {'MET' if total.blame == 0 else 'NOT MET'};"
                  f" text median {statistics.median(text_times):.1f} ms (< 20 ms)"
                  + (f"; PDF median {statistics.median(times['pdf']):.1f} ms (< 300 ms)" if times.get("pdf") else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
