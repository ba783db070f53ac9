"""Retrieval: bundled corpus, chunking by 条/section, Chroma store, BM25, hybrid fusion, citations.

Stable API for the other packages::

    from knowledge import build_knowledge_base
    kb = build_knowledge_base(settings)            # indexes the bundled corpus on first use (seconds)
    hits = kb.search("依申请公开答复期限是多少？", k=5, source="regulation")   # list[Hit]
    hits[0].citation  # '《政府信息公开条例》第三十三条'
    kb.ingest_paths(["我的年报.docx"])            # IngestResult; refused files carry a Chinese reason
    kb.table_value("芙蓉区", 2021, "表三/三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）/总计")

Imports are lazy: importing ``knowledge`` does not import chromadb or load any model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import KnowledgeBase


def make_chroma_client(settings: Any):
    """HttpClient when CHROMA_HOST is set, else a PersistentClient under DATA_DIR/chroma; telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if getattr(settings, "chroma_host", None):
        return chromadb.HttpClient(host=settings.chroma_host, port=int(settings.chroma_port), settings=chroma_settings)
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def build_knowledge_base(settings: Any = None, *, embedder: Any = None, client: Any = None,
                         bundled: bool = True, progress: Any = "stderr") -> "KnowledgeBase":
    """The knowledge base for ``settings`` (default: ``settings.get_settings()``).

    ``embedder`` overrides the configured embeddings (tests pass ``knowledge.testing.FakeEmbedder()``);
    ``bundled=False`` skips indexing the bundled corpus; ``progress`` is a callback ``(stage, done, total)``,
    ``"stderr"`` (default) or None.
    """
    from .embeddings import build_embedder
    from .store import KnowledgeBase, stderr_progress

    if settings is None:
        from settings import get_settings

        settings = get_settings()
    kb = KnowledgeBase(client if client is not None else make_chroma_client(settings),
                       embedder if embedder is not None else build_embedder(settings),
                       settings.data_dir, max_upload_mb=getattr(settings, "max_upload_mb", 50))
    if bundled:
        kb.ensure_bundled(stderr_progress if progress == "stderr" else progress)
    return kb


__all__ = ["build_knowledge_base", "make_chroma_client"]
