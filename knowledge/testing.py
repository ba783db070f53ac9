"""A tiny deterministic embedder for tests (no model, no network): hashed character uni/bi-grams.

    from knowledge import build_knowledge_base
    from knowledge.testing import FakeEmbedder
    kb = build_knowledge_base(settings, embedder=FakeEmbedder())

It is good enough that passages sharing words with a query score higher; it is not a semantic model.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

DIM = 384


def _bucket(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=4).digest(), "little") % DIM


def fake_vector(text: str) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    chars = [c for c in text if not c.isspace()]
    for a in chars:
        v[_bucket(a)] += 1.0
    for a, b in zip(chars, chars[1:]):
        v[_bucket(a + b)] += 2.0
    n = float(np.linalg.norm(v))
    if n == 0:
        v[0] = 1.0
        return v
    return v / n


class FakeEmbedder:
    """Implements the embedder protocol of :mod:`knowledge.embeddings` deterministically and fast."""

    name = "fake-hash-ngram"

    def __init__(self) -> None:
        self.calls = 0  # passages embedded, so tests can check the cache

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.vstack([fake_vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return fake_vector(text)
