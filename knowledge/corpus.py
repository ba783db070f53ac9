"""Documents -> chunks: the bundled corpus (regulation texts, sample reports) and user uploads.

A document's id is the hash of its content (plus the chunker version for bundled files), so ingesting the same
file twice changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .chunking import Chunk, chunk_paragraphs, chunk_regulation_text
from .report_chunks import apply_table_sidecar, chunk_report, report_from_text
from .uploads import content_hash, looks_like_annual_report, looks_like_instruction, read_upload

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
VECTORS_FILE = CORPUS_DIR / "vectors.npz"
CHUNKER_VERSION = "3"


@dataclass
class Document:
    doc_id: str
    title: str
    source: str  # regulation | report | upload
    path: str
    chunks: list[Chunk] = field(default_factory=list)
    report: dict[str, Any] | None = None  # interchange JSON when the document is an annual report


# Part of each bundled document's id (with CHUNKER_VERSION): documents are chunked with report.parse. The value
# stays "parse" so that the shipped vectors (vectors.npz) keep matching.
PARSER_TAG = "parse"


def bundled_files(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    regs = sorted((corpus_dir / "regulation").glob("*.md"))
    reps = sorted(p for p in (corpus_dir / "reports").glob("*.txt") if ".pdfminer" not in p.name)
    return regs + reps


def _finish(doc_id: str, chunks: list[Chunk]) -> list[Chunk]:
    for i, c in enumerate(chunks):
        c.metadata["doc_id"] = doc_id
        c.metadata["ordinal"] = i
        if looks_like_instruction(c.text):
            c.metadata["suspicious_instruction"] = True
    return chunks


def bundled_document(path: Path) -> Document:
    data = path.read_bytes()
    side = path.with_name(path.stem + ".tables.json")
    extra = side.read_bytes() if side.exists() else b""
    tag = f"{CHUNKER_VERSION}:{PARSER_TAG}".encode()
    doc_id = "b" + hashlib.sha256(data + extra + tag).hexdigest()[:31]
    text = data.decode("utf-8-sig")
    if path.parent.name == "regulation":
        chunks = chunk_regulation_text(text, path.stem, doc_id=doc_id, source_file=path.name)
        title = chunks[0].metadata.get("doc_title", path.stem) if chunks else path.stem
        return Document(doc_id, title, "regulation", str(path), _finish(doc_id, chunks))
    rep = apply_table_sidecar(report_from_text(text, path.name), path)
    chunks = chunk_report(rep, doc_id=doc_id, source_file=path.name)
    for c in chunks:
        c.metadata["bundled"] = True
    inter = rep.to_interchange()
    return Document(doc_id, f"{rep.agency or path.stem}{rep.year or ''}年报", "report", str(path),
                    _finish(doc_id, chunks), inter)


def iter_bundled(corpus_dir: Path = CORPUS_DIR) -> Iterator[Document]:
    for path in bundled_files(corpus_dir):
        yield bundled_document(path)


def upload_document(path: Path, max_mb: int = 50) -> Document:
    """Read and chunk one uploaded file (raises ``UploadRefused`` with a Chinese message)."""
    text, data = read_upload(path, max_mb)
    doc_id = "u" + content_hash(data)[:31]
    if looks_like_annual_report(text):
        rep = report_from_text(text, path.name)
        chunks = chunk_report(rep, doc_id=doc_id, source_file=path.name)
        if chunks:
            for c in chunks:
                c.metadata["uploaded"] = True
            return Document(doc_id, f"{rep.agency or path.stem}{rep.year or ''}年报", "report", str(path),
                            _finish(doc_id, chunks), rep.to_interchange())
    chunks = chunk_paragraphs(text, path.stem, source="upload", doc_id=doc_id, source_file=path.name)
    for c in chunks:
        c.citation = f"上传文件《{path.name}》" + c.citation.split("》", 1)[1]
        c.metadata["uploaded"] = True
    return Document(doc_id, path.name, "upload", str(path), _finish(doc_id, chunks))
