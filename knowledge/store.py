"""The knowledge base: Chroma (vectors + chunk texts + metadata) and a persisted BM25 index, searched hybrid.

Use ``knowledge.build_knowledge_base(settings)``; then ``kb.search("依申请公开答复期限是多少？")`` returns
:class:`Hit` objects (text, citation, source, score, metadata). Chroma runs in process under
``DATA_DIR/chroma`` unless CHROMA_HOST/CHROMA_PORT name a ``chroma run`` server. Our own embedding function is
always passed, so Chroma's downloading default is never used.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

from report.model import CellRef
from report.model.agency import same_agency

from . import hybrid, topics
from .corpus import VECTORS_FILE, Document, iter_bundled, upload_document
from .embeddings import DIM, CachedEmbedder, Embedder, KnowledgeEmbeddingFunction
from .lexical import LexicalIndex, setup_jieba
from .passages import LIST_Q_RE, PassageIndex, collapse, passage_index
from .uploads import UploadRefused

Progress = Callable[[str, int, int], None]
CANDIDATES = 40
TOPIC_CANDIDATES = 20  # passages brought in by their topic statements


@dataclass
class Hit:
    text: str
    citation: str
    source: str
    score: float
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def quoted(self) -> str:
        """The passage as quoted material with its citation (uploaded text is data, never instructions)."""
        return f"【{self.citation}】「{self.text}」"


@dataclass
class IngestResult:
    added_documents: int = 0
    skipped_documents: int = 0
    added_chunks: int = 0
    doc_ids: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, Chinese reason)


def stderr_progress(stage: str, done: int, total: int) -> None:
    print(f"\r[知识库] {stage} {done}/{total}", end="\n" if done >= total else "", file=sys.stderr, flush=True)


def _slug(name: str) -> str:
    return re.sub(r"[^a-zA-Z0-9._-]", "-", name)[:50].strip("-._") or "default"


LEGACY_OWNER = "local"  # uploads stored before documents had owners belong to the local user


def _agency_matches(agency: str, meta: dict[str, Any]) -> bool:
    """A chunk is of ``agency``: the same agency under any of its names (平潭综合实验区管理委员会 /
    党工委管委会), or the short name staff use (芙蓉区)."""
    return same_agency(agency, str(meta.get("agency") or "")) or agency == meta.get("agency_short")

class KnowledgeBase:
    def __init__(self, client: Any, embedder: Embedder, data_dir: Path, *, max_upload_mb: int = 50,
                 collection_prefix: str = "kb"):
        self.client = client
        self.data_dir = Path(data_dir)
        self.kdir = self.data_dir / "knowledge"
        self.kdir.mkdir(parents=True, exist_ok=True)
        setup_jieba(self.kdir)
        self.embedder = embedder if isinstance(embedder, CachedEmbedder) else \
            CachedEmbedder(embedder, self.kdir / "embeddings.sqlite")
        self.max_upload_mb = max_upload_mb
        self.collection_name = f"{collection_prefix}_{_slug(self.embedder.name)}"
        self.col = client.get_or_create_collection(
            self.collection_name, embedding_function=KnowledgeEmbeddingFunction(self.embedder),
            configuration={"hnsw": {"space": "cosine"}})
        self._lock = threading.RLock()
        self._ids: list[str] = []
        self._meta: dict[str, dict[str, Any]] = {}
        self._text: dict[str, str] = {}
        self._lex: LexicalIndex | None = None
        self._topic_state: tuple[dict[str, list[int]], dict[int, list[str]], np.ndarray] | None = None
        self._topic_lex: LexicalIndex | None = None
        self._passages: PassageIndex | None = None
        self.use_topics = True  # the topic-statement channel (benches switch it off for a baseline)
        self.own_text_topics = True  # regulation passages' own text as one more query-like statement
        # who is asking (set by the app: the request's owner); uploads belong to their owner and are seen and deleted
        # by that owner only; the bundled corpus is read-only. None (CLI, benches): everything, as before.
        self.viewer: Callable[[], str] | None = None
        self._load_state()

    # ------------------------------------------------------------------ state
    def _load_state(self) -> None:
        # paged: one get() of a large collection fails in Chroma ("too many SQL variables")
        self._ids, self._meta, self._text = [], {}, {}
        total, page = self.col.count(), 5000
        for offset in range(0, total, page):
            got = self.col.get(include=["documents", "metadatas"], limit=page, offset=offset)
            for cid, md, doc in zip(got["ids"], got["metadatas"] or [], got["documents"] or []):
                self._ids.append(cid)
                self._meta[cid] = dict(md or {})
                self._text[cid] = doc or ""
        self._lex = None
        self._topic_state = None
        self._topic_lex = None
        self._passages = None

    def _stamp(self) -> str:
        from .lexical import LEXICAL_VERSION

        return hashlib.sha1("\n".join([LEXICAL_VERSION, topics.load().digest, *sorted(self._ids)]).encode()).hexdigest()

    def _lexical(self) -> LexicalIndex:
        if self._lex is not None:
            return self._lex
        directory = self.kdir / f"bm25_{self.collection_name}"
        stamp = self._stamp()
        idx = LexicalIndex.load(directory, stamp)
        if idx is None:
            idx = LexicalIndex()
            idx.build(self._ids, [self._index_text(i) for i in self._ids])
            idx.save(directory, stamp)
        self._lex = idx
        self._lex_pos = {cid: n for n, cid in enumerate(idx.ids)}
        return idx

    def _index_text(self, cid: str) -> str:
        md = self._meta.get(cid, {})
        parts = [str(md.get("citation", ""))]
        for key in ("chapter", "heading"):
            val = str(md.get(key) or "")
            if val and val not in parts[0] and not self._text.get(cid, "").startswith(val):
                parts.append(val)
        title = " ".join(p for p in parts if p)
        table = topics.load()
        about = [table.texts[i] for i in self._topics()[0].get(cid, []) if i < len(table.texts)]
        return f"{title}\n{self._text.get(cid, '')}" + (f"\n{'；'.join(about)}" if about else "")

    def _topics(self) -> tuple[dict[str, list[int]], dict[int, list[str]], np.ndarray]:
        """(chunk id -> its topic statements, statement -> chunk ids, statement vectors), for the chunk set.

        Indexes below ``len(topics.load().texts)`` are the hand-written statements; above, each bundled regulation
        passage's own text embedded as a query (:func:`knowledge.topics.own_text`): e5 compares a question with a
        question-like text better than with a passage, and the statute's own sentence is one more way to say what
        the passage answers. Only the hand-written ones go into the BM25 text."""
        if self._topic_state is not None:
            return self._topic_state
        table = topics.load()
        of: dict[str, list[int]] = {}
        owners: dict[int, list[str]] = {}
        own: list[str] = []
        for cid in self._ids:
            md = self._meta[cid]
            found = table.for_chunk(md, self._text.get(cid, ""))
            if self.own_text_topics and md.get("source") == "regulation":
                found = found + [len(table.texts) + len(own)]
                own.append(topics.own_text(md, self._text.get(cid, "")))
            if found:
                of[cid] = found
                for i in found:
                    owners.setdefault(i, []).append(cid)
        used = sorted(i for i in owners if i < len(table.texts))
        vecs = np.zeros((len(table.texts) + len(own), DIM), dtype=np.float32)
        if used:
            vecs[used] = self.embedder.embed_queries_cached([table.texts[i] for i in used])
        if own:
            vecs[len(table.texts):] = self.embedder.embed_queries_cached(own)
        self._topic_state = (of, owners, vecs)
        return self._topic_state

    def topic_scores(self, qv: np.ndarray, ok: Callable[[str], bool], among: Iterable[str] = (),
                     extra: int = TOPIC_CANDIDATES) -> dict[str, float]:
        """Best cosine between the question and each passage's topic statements, for the passages ``among``
        (the other candidates) and for the passages of the best statements, up to ``extra`` more."""
        of, owners, vecs = self._topics()
        if not of or not self.use_topics:
            return {}
        sims = vecs @ np.asarray(qv, dtype=np.float32)
        out = {cid: float(sims[of[cid]].max()) for cid in among if cid in of}
        added = 0
        for i in np.argsort(-sims)[: extra * 2]:
            for cid in owners.get(int(i), []):
                if added >= extra:
                    break
                if cid not in out and ok(cid):
                    out[cid] = float(sims[of[cid]].max())
                    added += 1
        return out

    def topic_lexical(self, query: str, cids: Iterable[str]) -> dict[str, float]:
        """BM25 of the question against each topic statement on its own (short texts: a shared colloquial
        word counts fully, not diluted by a long article); a passage scores its best statement."""
        of, _, _ = self._topics()
        if not of or not self.use_topics:
            return {}
        if self._topic_lex is None:
            table = topics.load()
            idx = LexicalIndex()
            idx.build([str(i) for i in range(len(table.texts))], list(table.texts))
            self._topic_lex = idx
        scores = self._topic_lex.scores(query)
        if not len(scores):
            return {}
        out = {}
        for cid in cids:
            mine = [i for i in of.get(cid, ()) if i < len(scores)]  # hand-written statements only
            best = float(scores[mine].max()) if mine else 0.0
            if best > 0:
                out[cid] = best
        return out

    def count(self) -> int:
        return len(self._ids)

    # ------------------------------------------------------------------ ingest
    # ------------------------------------------------------------------ ownership (uploads only)
    @staticmethod
    def _uploaded(m: dict[str, Any]) -> bool:
        """A document a user uploaded: a plain upload, or an uploaded annual report (source "report")."""
        return m.get("source") == "upload" or bool(m.get("uploaded"))

    def _visible(self, m: dict[str, Any]) -> bool:
        if self.viewer is None or not self._uploaded(m):
            return True
        return (m.get("owner") or LEGACY_OWNER) == self.viewer()

    def _own_copy(self, doc: Document) -> Document:
        """With a viewer, an upload's id names its owner too: the same bytes uploaded by two users are two
        documents, each listed, searched and deleted by its own owner (embeddings are cached by text, so the second
        copy costs no model time)."""
        if self.viewer is None:
            return doc
        doc.doc_id = "u" + hashlib.sha256(f"{self.viewer()}\0{doc.doc_id}".encode("utf-8")).hexdigest()[:31]
        for c in doc.chunks:
            c.metadata["doc_id"] = doc.doc_id
        return doc

    def _doc_meta(self, doc_id: str) -> dict[str, Any] | None:
        return next((m for m in self._meta.values() if m.get("doc_id") == doc_id), None)

    def has_document(self, doc_id: str) -> bool:
        return any(m.get("doc_id") == doc_id for m in self._meta.values())

    def add_document(self, doc: Document, progress: Progress | None = None) -> int:
        """Embed (cache first) and store one document's chunks; returns the number of chunks added."""
        with self._lock:
            if self.has_document(doc.doc_id) or not doc.chunks:
                return 0
            texts = [c.embed_text for c in doc.chunks]
            cb = (lambda d, t: progress(f"向量化《{doc.title}》", d, t)) if progress else None
            vecs = self.embedder.embed_passages(texts, progress=cb)
            ids = [f"{doc.doc_id}:{i:04d}" for i in range(len(doc.chunks))]
            metas = []
            for c in doc.chunks:
                md = c.flat_metadata()
                md["doc_title"] = md.get("doc_title") or doc.title
                if self._uploaded(md) and self.viewer is not None:
                    md["owner"] = self.viewer()
                metas.append(md)
            self.add_vectors(ids, [c.text for c in doc.chunks], metas, vecs)
            if doc.report is not None:
                rdir = self.kdir / "reports"
                rdir.mkdir(parents=True, exist_ok=True)
                (rdir / f"{doc.doc_id}.json").write_text(json.dumps(doc.report, ensure_ascii=False), encoding="utf-8")
            return len(ids)

    def add_vectors(self, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]], vectors,
                    batch: int = 1000) -> None:
        """Low-level: store chunks whose vectors are already computed (documents, benches)."""
        with self._lock:
            for i in range(0, len(ids), batch):
                self.col.add(ids=ids[i:i + batch], documents=texts[i:i + batch], metadatas=metadatas[i:i + batch],
                             embeddings=[np.asarray(v, dtype=np.float32).tolist() for v in vectors[i:i + batch]])
            for cid, text, md in zip(ids, texts, metadatas):
                self._ids.append(cid)
                self._meta[cid] = md
                self._text[cid] = text
            self._lex = None
            self._topic_state = None
            self._topic_lex = None
            self._passages = None

    def ensure_bundled(self, progress: Progress | None = stderr_progress) -> int:
        """Index the bundled corpus on first use (precomputed vectors make it take seconds); returns chunks added."""
        with self._lock:
            self.embedder.load_bundle(VECTORS_FILE)
            docs = list(iter_bundled())
            current = {d.doc_id for d in docs}
            stale = {str(m["doc_id"]) for m in self._meta.values()
                     if str(m.get("doc_id", "")).startswith("b") and m.get("doc_id") not in current}
            for doc_id in stale:
                self._delete(doc_id)
            added = 0
            todo = [d for d in docs if not self.has_document(d.doc_id)]
            for n, doc in enumerate(todo, 1):
                added += self.add_document(doc, progress)
                if progress:
                    progress("建立知识库索引", n, len(todo))
            if added:
                self._lexical()
            return added

    def ingest_paths(self, paths: Iterable[str | Path], progress: Progress | None = None,
                     reader: Callable[[Path, int], Document] = upload_document) -> IngestResult:
        """Ingest files (or every file in a folder). Refused files are listed with the reason; nothing crashes.
        ``reader(path, max_mb)`` reads one file (the app passes one that parses in a bounded child process)."""
        result = IngestResult()
        files: list[Path] = []
        for p in map(Path, paths):
            files.extend(sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p])
        for n, path in enumerate(files, 1):
            try:
                doc = self._own_copy(reader(path, self.max_upload_mb))
            except UploadRefused as exc:
                result.refused.append((path.name, str(exc)))
                continue
            if not doc.chunks:
                result.refused.append((path.name, f"文件《{path.name}》中没有可用的文字段落，未导入。"))
                continue
            result.doc_ids.append(doc.doc_id)
            added = self.add_document(doc, progress)
            if added:
                result.added_documents += 1
                result.added_chunks += added
            else:
                result.skipped_documents += 1
            if progress:
                progress("导入文件", n, len(files))
        self._lexical()
        return result

    def list_documents(self) -> list[dict[str, Any]]:
        docs: dict[str, dict[str, Any]] = {}
        for m in self._meta.values():
            if not self._visible(m):
                continue
            d = docs.setdefault(m.get("doc_id", ""), {"doc_id": m.get("doc_id", ""), "title": m.get("doc_title", ""),
                                                       "source": m.get("source", ""),
                                                       "source_file": m.get("source_file", ""), "chunks": 0,
                                                       "suspicious_instruction": False})
            d["chunks"] += 1
            d["suspicious_instruction"] |= bool(m.get("suspicious_instruction"))
        return sorted(docs.values(), key=lambda d: (d["source"], d["title"]))

    def delete_document(self, doc_id: str) -> int:
        """Delete an uploaded document; with a viewer set, only the viewer's own uploads (the bundled corpus and
        other users' uploads are answered with 0, like an unknown id)."""
        with self._lock:
            m = self._doc_meta(doc_id)
            if m is None or (self.viewer is not None and (not self._uploaded(m) or not self._visible(m))):
                return 0
            return self._delete(doc_id)

    def is_read_only(self, doc_id: str) -> bool:
        """A bundled document (条例, format notice, sample reports): never deleted through the app."""
        m = self._doc_meta(doc_id)
        return m is not None and not self._uploaded(m)

    def _delete(self, doc_id: str) -> int:
        with self._lock:
            ids = [i for i in self._ids if self._meta[i].get("doc_id") == doc_id]
            if not ids:
                return 0
            self.col.delete(ids=ids)
            gone = set(ids)
            self._ids = [i for i in self._ids if i not in gone]
            for i in ids:
                self._meta.pop(i, None)
                self._text.pop(i, None)
            (self.kdir / "reports" / f"{doc_id}.json").unlink(missing_ok=True)
            self._lex = None
            self._topic_state = None
            self._topic_lex = None
            self._passages = None
            return len(ids)

    # ------------------------------------------------------------------ reports (structured tables)
    def reports(self) -> list[dict[str, Any]]:
        """Interchange JSON of every report in the knowledge base (bundled and uploaded)."""
        rdir = self.kdir / "reports"
        live = {m.get("doc_id") for m in self._meta.values() if self._visible(m)}
        out = []
        for p in sorted(rdir.glob("*.json")) if rdir.exists() else []:
            if p.stem in live:
                data = json.loads(p.read_text(encoding="utf-8"))
                data["doc_id"] = p.stem
                out.append(data)
        return out

    def find_report(self, agency: str, year: int) -> dict[str, Any] | None:
        from .report_chunks import short_agency

        for rep in self.reports():
            name = rep.get("agency") or ""
            if rep.get("year") == year and agency and (same_agency(agency, name) or short_agency(name) == agency):
                return rep
        return None

    def table_value(self, agency: str, year: int, cell_id: str):
        """A statutory cell of a stored report, e.g. ``table_value('芙蓉区', 2021, '表三/一、本年新收…/总计')``."""
        from report.model.tables import Report

        rep = self.find_report(agency, year)
        if rep is None:
            raise KeyError(f"知识库中没有{agency}{year}年的年度报告。")
        return Report.from_interchange(rep).get(CellRef.parse(cell_id))

    # ------------------------------------------------------------------ search
    def _mask(self, source: str | None, agency: str | None, year: int | None) -> Callable[[str], bool]:
        def ok(cid: str) -> bool:
            m = self._meta.get(cid, {})
            if source and m.get("source") != source:
                return False
            if not self._visible(m):
                return False
            if year is not None and m.get("year") != int(year):
                return False
            if agency and not _agency_matches(agency, m):
                return False
            return True
        return ok

    def _where(self, source: str | None, agency: str | None, year: int | None) -> dict[str, Any] | None:
        conds: list[dict[str, Any]] = []
        if source:
            conds.append({"source": source})
        if year is not None:
            conds.append({"year": int(year)})
        if agency:  # every name this agency's chunks are stored under (renames included), or its short name
            names = sorted({str(m.get("agency")) for m in self._meta.values()
                            if m.get("agency") and same_agency(agency, str(m.get("agency")))} | {agency})
            conds.append({"$or": [{"agency": {"$in": names}}, {"agency_short": agency}]})
        if not conds:
            return None
        return conds[0] if len(conds) == 1 else {"$and": conds}

    def candidates(self, query: str, source: str | None = None, agency: str | None = None,
                   year: int | None = None, mode: str = "hybrid"
                   ) -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, float]]:
        """(BM25 scores, cosine similarities, topic cosines, topic BM25) of the candidate chunks for ``query``
        (what fusion ranks); the topic figures are the best of a passage's hand-written topic statements."""
        ok = self._mask(source, agency, year)
        lexical: dict[str, float] = {}
        dense: dict[str, float] = {}
        topic: dict[str, float] = {}
        topic_lex: dict[str, float] = {}
        scores = np.zeros(0, dtype=np.float32)
        if mode in ("hybrid", "lexical"):
            idx = self._lexical()
            scores = idx.scores(query)
            order = np.argsort(-scores)
            for j in order[: CANDIDATES * 4]:
                cid = idx.ids[int(j)]
                if scores[j] <= 0 or len(lexical) >= CANDIDATES:
                    break
                if ok(cid):
                    lexical[cid] = float(scores[j])
        if mode in ("hybrid", "dense"):
            qv = self.embedder.embed_query(query)
            n = min(CANDIDATES, len(self._ids))
            res = self.col.query(query_embeddings=[qv.tolist()], n_results=n,
                                 where=self._where(source, agency, year), include=["distances"])
            for cid, dist in zip(res["ids"][0], res["distances"][0]):
                if ok(cid):  # another user's upload is never a hit
                    dense[cid] = 1.0 - float(dist)
            if mode == "hybrid":
                topic = self.topic_scores(qv, ok, list(lexical) + list(dense))
                topic_lex = self.topic_lexical(query, set(lexical) | set(dense) | set(topic))
                missing = [c for c in set(lexical) | set(topic) if c not in dense]
                if missing:
                    got = self.col.get(ids=missing, include=["embeddings"])
                    for cid, emb in zip(got["ids"], got["embeddings"]):
                        dense[cid] = float(np.dot(np.asarray(emb, dtype=np.float32), qv))
                if lexical:
                    for cid in set(dense) | set(topic):
                        if cid not in lexical and cid in self._lex_pos:
                            lexical[cid] = float(scores[self._lex_pos[cid]])
        return lexical, dense, topic, topic_lex

    def rank(self, query: str, lexical: dict[str, float], dense: dict[str, float],
             topic: dict[str, float] | None = None, topic_lex: dict[str, float] | None = None,
             mode: str = "hybrid", weights: dict[str, float] | None = None,
             matched: dict[str, str] | None = None) -> list[tuple[str, float]]:
        """Candidates -> ranked (chunk id, score), one passage per article (``matched``: see :func:`collapse`)."""
        if mode == "lexical":
            ranked = sorted(lexical.items(), key=lambda x: (-x[1], x[0]))
        elif mode == "dense":
            ranked = sorted(dense.items(), key=lambda x: (-x[1], x[0]))
        else:
            ranked = hybrid.fuse(query, lexical, dense, self._meta, weights, topic or {}, topic_lex or {})
        if self._passages is None:
            self._passages = passage_index(self._meta)
        return collapse(ranked, self._meta, self._passages, matched,
                        wants_list=mode == "hybrid" and bool(LIST_Q_RE.search(query)))

    def search(self, query: str, k: int = 5, source: str | None = None, agency: str | None = None,
               year: int | None = None, mode: str = "hybrid") -> list[Hit]:
        """Top-k passages for ``query``; ``mode`` is 'hybrid' (default), 'lexical' or 'dense' (for benches)."""
        query = (query or "").strip()
        if not query or not self._ids:
            return []
        lexical, dense, topic, topic_lex = self.candidates(query, source, agency, year, mode)
        matched: dict[str, str] = {}
        return self.hits(self.rank(query, lexical, dense, topic, topic_lex, mode, matched=matched)[:k], matched)

    def hits(self, ranked: list[tuple[str, float]], matched: dict[str, str] | None = None) -> list[Hit]:
        out = []
        for cid, score in ranked:
            md = dict(self._meta.get(cid, {}))
            md["chunk_id"] = cid
            if matched and cid in matched:  # the sentence of this passage that ranked it
                md["matched_sentence"] = self._text.get(matched[cid], "")
            out.append(Hit(text=self._text.get(cid, ""), citation=md.get("citation", ""),
                           source=md.get("source", ""), score=round(float(score), 4), metadata=md))
        return out
