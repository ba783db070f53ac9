"""Chunking that keeps citations: one chunk per 条 for regulations, paragraph groups for other texts.

Every chunk carries the citation a person can check (``《政府信息公开条例》第三十三条``) and flat metadata
(Chroma accepts str/int/float/bool only, never None). Report chunking lives in :mod:`knowledge.report_chunks`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from report.claims.numbers import parse_chinese_number

SOURCES = ("regulation", "report", "upload")

CN_DIGITS = "零一二三四五六七八九"
ARTICLE_RE = re.compile(r"^第([一二三四五六七八九十百零]+)条[\s　]+")
CHAPTER_RE = re.compile(r"^#+\s*(第[一二三四五六七八九十]+章\s*\S.*)$")
HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
LEAD_HEADING_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）][^。，,]{1,12}。")  # "(四)明确责任。各行政机关…"
HEADING_RE = re.compile(r"^(?:#+\s*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*\S{1,40}$")

# Known regulation files: display title used in citations and the short name staff type.
REGULATION_TITLES = {
    "政府信息公开条例": ("政府信息公开条例", "中华人民共和国政府信息公开条例"),
    "信息处理费": ("政府信息公开信息处理费管理办法", "国办函〔2020〕109号"),
    "年度报告格式通知": ("政府信息公开工作年度报告格式", "国办公开办函〔2021〕30号"),
}


@dataclass
class Chunk:
    """One retrievable passage. ``text`` is what staff read; ``citation`` is how they check it."""

    text: str
    citation: str
    source: str
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return text_hash(self.embed_text)

    @property
    def embed_text(self) -> str:
        """What the models see (dense and BM25): citation and heading/chapter as a title line, then the text."""
        title = " ".join(x for x in (self.citation, self.metadata.get("chapter"), self.metadata.get("heading"))
                         if isinstance(x, str) and x)
        return f"{title}\n{self.text}"

    def flat_metadata(self) -> dict[str, Any]:
        md = {k: v for k, v in self.metadata.items() if v is not None and isinstance(v, (str, int, float, bool))}
        md["source"] = self.source
        md["citation"] = self.citation
        return md


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cn_number(n: int) -> str:
    """1..999 -> 一..九百九十九, the way article numbers are written (第十条, 第二十一条, 第一百条)."""
    if n <= 0:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += CN_DIGITS[hundreds] + "百"
        if tens == 0 and ones:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else CN_DIGITS[tens]) + "十"
    if ones:
        out += CN_DIGITS[ones]
    return out


def parse_cn_number(s: str) -> int | None:
    """Inverse of :func:`cn_number`; also accepts Arabic digits."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    return parse_chinese_number(s) or None


def strip_comments(text: str) -> str:
    return HTML_COMMENT_RE.sub("", text)


def regulation_title(stem: str) -> tuple[str, str]:
    for key, val in REGULATION_TITLES.items():
        if key in stem:
            return val
    return stem, ""


ITEM_RE = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")
REGULATION_PARAGRAPH_TARGET = 120  # characters; measured with bench/retrieval.py on the tune questions
CLAUSE_MIN_CHARS = 90  # an article shorter than this is one passage; longer ones also get a passage per 款/项


def clause_chunks(article: Chunk) -> list[Chunk]:
    """Passages for the 款 and 项 of a long article, each citing ``第X条第Y款`` / ``第X条第（Z）项``.

    A 项 passage starts with the sentence that introduces the list (``…根据下列情况分别作出答复：``) so that it
    reads on its own; the article number stays in ``metadata['article']`` (article cues and collapsing use it).
    """
    lines = [x for x in article.text.splitlines() if x.strip()]
    if len(lines) < 2 or len(article.text) < CLAUSE_MIN_CHARS:
        return []
    out: list[Chunk] = []
    clause_no, lead = 0, ""
    base = article.citation
    for line in lines:
        m = ITEM_RE.match(line)
        if m and clause_no:
            where, text = f"第（{m.group(1)}）项", f"{lead}\n{line}"
        else:
            clause_no += 1
            lead = line
            where, text = f"第{cn_number(clause_no)}款", line
            if line.rstrip().endswith(("：", ":")):
                continue  # the sentence that opens a list: it is part of each 项 passage
        out.append(Chunk(text=text, citation=base + where, source=article.source,
                         metadata={**article.metadata, "kind": "clause", "clause": where}))
    return out


SENTENCE_END_RE = re.compile(r"(?<=[。])")
SENTENCE_PASSAGE_MIN = 60  # a 款 at least this long with two or more sentences also gets a passage per sentence


def sentence_chunks(passage: Chunk) -> list[Chunk]:
    """One passage per sentence of a long 款 (or of a one-款 article): the sentence that answers is matched on its
    own, not diluted by its neighbours (第十条第一款 names three cases in three sentences). The passage cites its
    款 (``metadata['parent']``); results show the 款 itself (:func:`knowledge.passages.collapse`)."""
    body = passage.text
    if passage.metadata.get("kind") == "article":
        if "\n" in body:
            return []  # several 款: their own passages are split
    elif "项" in str(passage.metadata.get("clause", "")):
        return []
    if len(body) < SENTENCE_PASSAGE_MIN or "|" in body:  # a fee table's cells are no sentences
        return []
    parts = [x.strip() for x in SENTENCE_END_RE.split(body) if x.strip()]
    if len(parts) < 2 or any(len(x) < 12 for x in parts):
        return []
    return [Chunk(text=x, citation=passage.citation, source=passage.source,
                  metadata={**passage.metadata, "kind": "sentence", "parent": passage.citation, "sentence": i + 1})
            for i, x in enumerate(parts)]


def chunk_articles(text: str, title: str, *, source: str = "regulation", doc_id: str = "",
                   source_file: str = "") -> list[Chunk]:
    """One chunk per 条 (lines that start ``第X条`` open an article; its 款/项 lines stay with it), followed by
    one chunk per 款/项 of the long ones (:func:`clause_chunks`)."""
    chunks: list[Chunk] = []
    chapter = ""
    current: list[str] | None = None
    current_no = ""

    def flush() -> None:
        if current is not None and current_no:
            body = "\n".join(line for line in current if line.strip()).strip()
            chunks.append(Chunk(
                text=body,
                citation=f"《{title}》{current_no}",
                source=source,
                metadata={"article": current_no, "article_no": parse_cn_number(current_no[1:-1]) or 0,
                          "chapter": chapter, "doc_title": title, "doc_id": doc_id, "source_file": source_file,
                          "kind": "article"},
            ))

    for raw in strip_comments(text).splitlines():
        line = raw.strip()
        m_ch = CHAPTER_RE.match(line)
        if m_ch:
            flush()
            current, current_no = None, ""
            chapter = re.sub(r"\s+", " ", m_ch.group(1)).strip()
            continue
        m = ARTICLE_RE.match(line)
        if m:
            flush()
            current_no = f"第{m.group(1)}条"
            current = [line]
            continue
        if current is not None:
            if line.startswith("#") or line.startswith("|"):
                flush()
                current, current_no = None, ""
                continue
            current.append(line)
    flush()
    clauses = [c for a in chunks for c in clause_chunks(a)]
    return chunks + clauses + [c for p in chunks + clauses for c in sentence_chunks(p)]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, HTML comments removed, whitespace trimmed.

    Blank table templates (Markdown table rows, one-label-per-line cell lists) and editorial notes in English
    are left out: they hold labels, not answers, and would match every question about a table label.
    """
    out = []
    for block in re.split(r"\n\s*\n", strip_comments(text)):
        lines = [line.rstrip() for line in block.strip().splitlines()]
        lines = [x for x in lines if x and not x.lstrip().startswith("|") and not _is_english_note(x)]
        if not lines:
            continue
        short = sum(1 for x in lines if len(x.strip()) <= 14 and not re.search(r"[，。,；;]", x))
        if len(lines) >= 4 and short / len(lines) > 0.6:
            continue
        out.append("\n".join(lines))
    return out


def _is_english_note(line: str) -> bool:
    letters = len(re.findall(r"[A-Za-z]", line))
    return letters > 40 or (letters > 20 and letters > len(line) * 0.4)


def chunk_paragraphs(text: str, title: str, *, source: str, doc_id: str = "", source_file: str = "",
                     target: int = 450, limit: int = 900, extra: dict[str, Any] | None = None) -> list[Chunk]:
    """Group paragraphs into chunks of about ``target`` characters, never across a heading.

    The citation names the document and the nearest heading (``一、报告内容``/``（一）总体情况``) or, when there
    is none, the paragraph number (``第3段``).
    """
    chunks: list[Chunk] = []
    heading = ""
    buf: list[str] = []
    first_para = 0

    def flush() -> None:
        nonlocal buf
        body = "\n".join(buf).strip()
        lines = body.splitlines()
        if len(lines) == 1 and HEADING_RE.match(lines[0].rstrip("。.")):
            lines = []  # a heading alone
        content = [x for x in lines if not HEADING_RE.match(x.rstrip("。."))]
        if content and any(len(x) > 14 or re.search(r"[，。,；;]", x) for x in content):
            where = heading or f"第{first_para + 1}段"
            chunks.append(Chunk(
                text=body,
                citation=f"《{title}》{where}",
                source=source,
                metadata={"doc_title": title, "doc_id": doc_id, "source_file": source_file, "heading": heading,
                          "paragraph": first_para + 1, "kind": "paragraph", **(extra or {})},
            ))
        buf = []

    for i, para in enumerate(paragraphs(text)):
        first_line = para.splitlines()[0].strip().rstrip("。.")
        if HEADING_RE.match(first_line) and len(para) <= 60:
            if buf and sum(len(b) for b in buf) < 120:  # a short part stays with the next heading's text
                heading = f"{heading} {first_line.lstrip('#').strip()}".strip()
                buf.append(para)
                continue
            flush()
            heading = first_line.lstrip("#").strip()
            first_para = i
            buf = [para]
            continue
        lead = LEAD_HEADING_RE.match(first_line)
        if lead:  # a paragraph that opens with its own sub-heading starts a new part
            flush()
            heading = lead.group(0).rstrip("。")  # which part it belongs to is not known from the text
            first_para = i
        elif buf and sum(len(b) for b in buf) + len(para) > target:
            flush()
        if not buf:
            first_para = i
        for piece in _split_long(para, limit):
            if buf and sum(len(b) for b in buf) + len(piece) > limit:
                flush()
                first_para = i
            buf.append(piece)
    flush()
    return chunks


def _split_long(para: str, limit: int) -> list[str]:
    """Cut a paragraph longer than ``limit`` at sentence ends (。；), keeping every character."""
    if len(para) <= limit:
        return [para]
    pieces, cur = [], ""
    for sent in re.split(r"(?<=[。；;！？])", para):
        if cur and len(cur) + len(sent) > limit:
            pieces.append(cur)
            cur = ""
        while len(sent) > limit:
            pieces.append(sent[:limit])
            sent = sent[limit:]
        cur += sent
    if cur:
        pieces.append(cur)
    return pieces


def chunk_regulation_text(text: str, stem: str, *, doc_id: str = "", source_file: str = "") -> list[Chunk]:
    """A regulation text: by 条 when it has articles, and its remaining parts (notice, tables) by paragraph."""
    title, _ = regulation_title(stem)
    articles = chunk_articles(text, title, doc_id=doc_id, source_file=source_file)
    if not articles:  # a notice: one passage per paragraph, so that the one that answers can come first
        return chunk_paragraphs(text, title, source="regulation", doc_id=doc_id, source_file=source_file,
                                target=REGULATION_PARAGRAPH_TARGET)
    # Text before the first article (the covering notice) is kept as paragraphs too.
    body = strip_comments(text)
    first = re.search(r"^第[一二三四五六七八九十百零]+条", body, re.M)
    head = body[: first.start()] if first else ""
    # Text after the last article that is not part of it (fee tables in the 办法) is kept as well.
    last = [a for a in articles if a.metadata.get("kind") == "article"][-1].text.splitlines()[-1]
    tail_start = body.rfind(last) + len(last)
    tail = body[tail_start:] if tail_start > 0 else ""
    extra = []
    if title == "政府信息公开条例":
        head = ""  # only the promulgation lines; nothing to retrieve
    for part in (head, tail):
        if part.strip():
            extra += chunk_paragraphs(part, title, source="regulation", doc_id=doc_id, source_file=source_file)
    return articles + extra
