"""Documents -> chunks: the bundled corpus (regulation texts, sample reports) and user uploads.

A document's id is the hash of its content (plus the chunker version for bundled files), so ingesting the same
file twice changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from report.model.errors import InternalError
from report.parse import ReportParseError

from .chunking import Chunk, chunk_paragraphs, chunk_regulation_text
from .report_chunks import chunk_report, report_from_text
from .uploads import UploadRefused, content_hash, looks_like_annual_report, looks_like_instruction, read_upload

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
VECTORS_FILE = CORPUS_DIR / "vectors.npz"
CHUNKER_VERSION = "4"


@dataclass
class Document:
    doc_id: str
    title: str
    source: str  # regulation | report | upload
    path: str
    chunks: list[Chunk] = field(default_factory=list)
    report: dict[str, Any] | None = None  # interchange JSON when the document is an annual report


# Part of each bundled document's id (with CHUNKER_VERSION): documents are chunked with report.parse.
PARSER_TAG = "parse"


class BundledCorpusError(InternalError):
    """A bundled sample report the parser cannot read: the shipped corpus must parse (a bug, not the user's)."""


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
    """A bundled file -> its document. Sample reports are read by :func:`report.parse.parse_text` like any
    report (their hand-checked ``NAME.tables.json`` beside them is what the tests compare the parse with)."""
    data = path.read_bytes()
    tag = f"{CHUNKER_VERSION}:{PARSER_TAG}".encode()
    doc_id = "b" + hashlib.sha256(data + tag).hexdigest()[:31]
    text = data.decode("utf-8-sig")
    if path.parent.name == "regulation":
        chunks = chunk_regulation_text(text, path.stem, doc_id=doc_id, source_file=path.name)
        title = chunks[0].metadata.get("doc_title", path.stem) if chunks else path.stem
        return Document(doc_id, title, "regulation", str(path), _finish(doc_id, chunks))
    try:
        rep = report_from_text(text, path.name)
    except ReportParseError as exc:
        raise BundledCorpusError(f"内置资料库中的样例报告《{path.name}》无法解析：{exc.message_zh}"
                                 "（这是程序自带资料的问题，请联系管理员）") from exc
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
        try:
            rep = report_from_text(text, path.name)
        except ReportParseError as exc:
            raise UploadRefused(f"文件《{path.name}》看起来是政府信息公开工作年度报告，但无法解析：{exc.message_zh}"
                                "未导入。") from exc
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
