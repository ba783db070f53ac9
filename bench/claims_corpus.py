"""Narrative numbers on real prose: the labelled corpus tests/corpus, per split (tune / measure).

Each raw file (``$REPORT_CORPUS``, default ``tests/corpus/raw``; files not there yet are skipped and counted) is
parsed by :func:`report.parse.parse_file` and bound by :func:`report.claims.report_claims` — the same path as
``python -m report claims``. Each label of ``narrative/<id>.jsonl`` is matched to a claim: same section, same value,
and the label's quote found (whitespace ignored) around the number. A label of section ``preamble`` (the text
before 一、, where only stale years are checked) is matched in ``Report.preamble``.

Printed per split (the issue's targets):

- table figures that agree (kind cell/sum, agrees): bound to the label's cells and ``verified`` (%);
- percentages computable from the tables (kind percent, agrees): ``verified`` (%);
- ``contradicts`` on figures that agree or are about nothing in the tables (count; target 0);
- published disagreements flagged (agrees false: figure vs cell, breakdown vs total, stale year): n/N;
- binding time per report (median / max ms, best of 3 runs), labels not found in the parsed text, unlabelled mentions.

``--tables truth`` binds against the hand-transcribed tables instead of the parsed ones (parser errors set aside).
``--split tune|measure|fresh|all`` (any list of split.json; fresh ⊂ measure); ``-v`` lists every miss.

    .venv/bin/python bench/claims_corpus.py [--split all] [--tables parsed|truth] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from report.claims import SectionClaim, report_claims
from report.model.tables import Report
from report.parse import parse_file

CORPUS = ROOT / "tests" / "corpus"
_WS = re.compile(r"\s+")


def raw_dir() -> Path:
    return Path(os.environ.get("REPORT_CORPUS") or CORPUS / "raw")


def label_id(name: str) -> str:
    """``c3_001.content.html`` → ``c3_001``: the labels are per report."""
    return name.split(".")[0]


def labels_of(name: str) -> list[dict[str, Any]]:
    p = CORPUS / "narrative" / f"{label_id(name)}.jsonl"
    if not p.exists():
        return []
    return [json.loads(x) for x in p.read_text("utf-8").splitlines() if x.strip()]


def compact_map(text: str) -> tuple[str, list[int]]:
    """Whitespace-free text and, for each of its characters, the offset in ``text``."""
    chars, offs = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(ch)
            offs.append(i)
    return "".join(chars), offs


def _norm(s: str) -> str:
    s = _WS.sub("", s)
    return s.replace("(", "（").replace(")", "）")


def same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) < 1e-6


def match(label: dict[str, Any], claims: list[SectionClaim], sections: dict[str, str],
          preamble: str = "") -> Optional[SectionClaim]:
    """The claim this label is about: same section and value, its number inside (or just after) the quote."""
    sec = label["section"]
    text = sections.get(sec, "") if sec != "preamble" else preamble
    comp, offs = compact_map(text)
    quote = _norm(label["quote"])
    comp_n = _norm(comp)
    cands = [c for c in claims if c.section == sec and same_value(c.claim.value, label["value"])]
    if not cands:
        return None
    best: Optional[tuple[int, SectionClaim]] = None
    for m in re.finditer(re.escape(quote), comp_n):
        a = offs[m.start()] if m.start() < len(offs) else len(text)
        b = offs[m.end() - 1] + 1 if m.end() - 1 < len(offs) else len(text)
        for c in cands:
            s, e = c.claim.start, c.claim.end
            if s < b + 3 and e > a:  # the number is in the quote (or starts right after it)
                dist = abs(b - e)
                if best is None or dist < best[0]:
                    best = (dist, c)
    return best[1] if best else None


def label_cells(label: dict[str, Any]) -> set[str]:
    cells = label.get("cells") or []
    if isinstance(cells, dict):
        cells = list(cells.get("num", [])) + list(cells.get("den", []))
    from report.model.cells import CellRef

    out = set()
    for t, r, *c in cells:
        out.add(CellRef(t, r, c[0] if c else None).id)
    return out


@dataclass
class Tally:
    files: int = 0
    missing_raw: list[str] = field(default_factory=list)
    agree_n: int = 0
    agree_ok: int = 0
    agree_verified_any_cells: int = 0
    pct_n: int = 0
    pct_ok: int = 0
    false_contra: int = 0
    false_contra_errors: int = 0
    disagree_n: int = 0
    disagree_ok: int = 0
    disagree_scoped_n: int = 0  # disagreements labelled on a channel / department figure (scope ≠ whole)
    disagree_scoped_ok: int = 0
    unmatched: int = 0
    labels: int = 0
    unlabelled: int = 0
    unlabelled_contra: int = 0
    unlabelled_list: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def truth_report(name: str, parsed: Report) -> Report:
    data = json.loads((CORPUS / "truth" / f"{label_id(name)}.json").read_text("utf-8"))
    data = {k: v for k, v in data.items() if k in ("agency", "year", "template", "table2", "table3", "table4")}
    r = Report.from_interchange(data)
    r.sections, r.year, r.preamble, r.closing = parsed.sections, parsed.year or r.year, parsed.preamble, parsed.closing
    return r


def run_file(name: str, tally: Tally, tables: str, verbose: bool) -> None:
    path = raw_dir() / name
    if not path.exists():
        tally.missing_raw.append(name)
        return
    labels = labels_of(name)
    report = parse_file(path)
    if tables == "truth" and (CORPUS / "truth" / f"{label_id(name)}.json").exists():
        report = truth_report(name, report)
    best = float("inf")
    for _ in range(3):  # best of 3: the machine is shared, a single wall-clock run measures the neighbours
        t0 = time.perf_counter()
        claims = report_claims(report)
        best = min(best, time.perf_counter() - t0)
    tally.times.append(best * 1000)
    tally.files += 1
    used: set[int] = set()
    for lb in labels:
        tally.labels += 1
        hit = match(lb, claims, report.sections, report.preamble or "")
        kind, agrees = lb["kind"], lb["agrees"]
        desc = f"{name} §{lb['section']} “{lb['quote']}” {lb['value']}{lb.get('unit') or ''} [{kind}, agrees={agrees}]"
        if hit is None:
            tally.unmatched += 1
            if kind == "stale_year" or agrees is not None:
                tally.misses.append(f"NOT FOUND {desc}")
            if agrees is False:
                tally.disagree_n += 1
                tally.misses.append(f"MISSED DISAGREEMENT {desc} (no mention)")
            elif kind in ("cell", "sum") and agrees and lb.get("cells"):
                tally.agree_n += 1
            elif kind == "percent" and agrees:
                tally.pct_n += 1
            continue
        used.add(id(hit))
        c = hit.claim
        got = f"→ {c.status}/{c.severity} {c.cells or c.cell} {c.message}"
        if kind in ("cell", "sum") and agrees and lb.get("cells"):
            tally.agree_n += 1
            right = set(c.cells) == label_cells(lb)
            if c.status == "verified":
                tally.agree_verified_any_cells += 1
            if c.status == "verified" and right:
                tally.agree_ok += 1
            else:
                tally.misses.append(f"AGREE NOT VERIFIED {desc} {got}")
        if kind == "percent" and agrees:
            tally.pct_n += 1
            if c.status == "verified":
                tally.pct_ok += 1
            else:
                tally.misses.append(f"PERCENT NOT VERIFIED {desc} {got}")
        if (agrees is True or kind == "none") and c.status == "contradicts":
            tally.false_contra += 1
            tally.false_contra_errors += c.severity == "error"
            tally.misses.append(f"FALSE CONTRADICTS {desc} {got}")
        if agrees is False:
            tally.disagree_n += 1
            scoped = lb.get("scope") not in (None, "whole")
            tally.disagree_scoped_n += scoped
            if c.status == "contradicts":
                tally.disagree_ok += 1
                tally.disagree_scoped_ok += scoped
            else:
                tally.misses.append(f"MISSED DISAGREEMENT {desc} {got}")
    for c in claims:
        if id(c) not in used:
            tally.unlabelled += 1
            tally.unlabelled_list.append(f"{name} §{c.section} “{c.claim.text[:40]}” {c.claim.value}{c.claim.unit or ''}"
                                         f" → {c.claim.status}")
            if c.claim.status == "contradicts":
                tally.unlabelled_contra += 1
                tally.misses.append(f"UNLABELLED CONTRADICTS {name} §{c.section} “{c.claim.text[:40]}” "
                                    f"{c.claim.value}{c.claim.unit or ''} → {c.claim.message}")


def pct(a: int, n: int) -> str:
    return f"{a}/{n} = {100 * a / n:.1f} %" if n else "0/0"


def print_tally(split: str, t: Tally, verbose: bool) -> None:
    print(f"== split {split}: {t.files} reports bound"
          + (f", {len(t.missing_raw)} raw files not present yet ({', '.join(t.missing_raw)})" if t.missing_raw else ""))
    print(f"  table figures that agree → right cells and verified: {pct(t.agree_ok, t.agree_n)} (target ≥ 90 %)"
          f"   [verified, any cells: {t.agree_verified_any_cells}]")
    print(f"  percentages computable → verified:                  {pct(t.pct_ok, t.pct_n)} (target ≥ 80 %)")
    print(f"  contradicts on agreeing / table-less figures:        {t.false_contra} "
          f"(of them severity error: {t.false_contra_errors}; target 0)")
    print(f"  published disagreements flagged:                     {t.disagree_ok}/{t.disagree_n}"
          + (f"   [of them labelled on a channel/department figure: {t.disagree_scoped_ok}/{t.disagree_scoped_n}; "
             "the tables do not count by channel or department, so such a figure is never a contradiction]"
             if t.disagree_scoped_n else ""))
    if t.times:
        print(f"  binding time per report: median {statistics.median(t.times):.2f} ms, max {max(t.times):.2f} ms "
              "(target < 20 ms)")
    print(f"  labels {t.labels}, not found in the parsed text {t.unmatched}; mentions without a label "
          f"{t.unlabelled} (of them contradicts: {t.unlabelled_contra})")
    if verbose:
        for m in t.misses:
            print("   -", m)
    if verbose > 1:
        for m in t.unlabelled_list:
            print("   · unlabelled:", m)


def main(argv: Optional[list[str]] = None) -> int:
    split = json.loads((CORPUS / "split.json").read_text("utf-8"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=[k for k, v in split.items() if isinstance(v, list)] + ["all"], default="all")
    ap.add_argument("--tables", choices=("parsed", "truth"), default="parsed")
    ap.add_argument("-v", "--verbose", action="count", default=0, help="-v: misses; -vv: also unlabelled mentions")
    args = ap.parse_args(argv)
    names = ("tune", "measure") if args.split == "all" else (args.split,)
    print(f"corpus: {raw_dir()}  tables: {args.tables}  (tune = rules were tuned on it; measure = never tuned on)")
    for s in names:
        t = Tally()
        for name in split[s]:
            run_file(name, t, args.tables, args.verbose)
        print_tally(s, t, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
