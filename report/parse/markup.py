"""HTML, Markdown and DOCX -> the line text the table parser reads.

Each table row becomes one line: label cells (whitespace removed) followed by the value cells; a blank value cell
(``&nbsp;``, empty, ``/``, ``—``) becomes ``/`` so it keeps its position and is read as ``None``. Rows without any
label or number (Markdown placeholder rows ``| - | - |``) are dropped. Narrative paragraphs become lines, in
document order.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from report.parse import limits
from report.parse.grid import _NUM_RE, BLANK_TOKENS
from report.parse.normalize import ReportParseError

_BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol section article header footer tr table title blockquote pre dd dt hr".split()
)
_SKIP_TAGS = frozenset("script style noscript template head iframe svg".split())
_WS_RE = re.compile(r"\s+")
_HTML_RE = re.compile(r"<\s*(?:html|body|table|div|p|tr|td|span|br|h[1-6])\b", re.I)
_MD_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_MD_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cell_kind(text: str) -> str:
    t = text.replace(",", "").strip()
    if not t or t in BLANK_TOKENS:
        return "blank"
    return "num" if _NUM_RE.match(t) else "text"


def row_line(cells: list[str]) -> str:
    """One table row as a parser line (see module doc). Returns '' for rows to drop."""
    cells = [_WS_RE.sub(" ", c).strip() for c in cells]
    kinds = [_cell_kind(c) for c in cells]
    if "text" not in kinds and "num" not in kinds:
        return ""
    last_text = max((i for i, k in enumerate(kinds) if k == "text"), default=-1)
    out = []
    for i, (c, k) in enumerate(zip(cells, kinds)):
        if k == "text":
            out.append(_WS_RE.sub("", c))
        elif k == "num":
            out.append(c.replace(" ", ""))
        elif i > last_text:
            out.append("/")
    return " ".join(out)


# ---------------------------------------------------------------- HTML
def looks_html(text: str) -> bool:
    head = text[:20000]
    return len(_HTML_RE.findall(head)) >= 3


def html_to_text(html: str) -> str:
    import lxml.html  # local import: only HTML input pays for it

    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        root = lxml.html.fromstring(html)
    except Exception as exc:  # lxml raises several types for broken markup
        raise ReportParseError(f"网页（HTML）内容无法解析：{exc}。请改为上传 Word、PDF 或纯文本。") from exc
    parts: list[str] = []
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        parts.append(title.text_content().strip() + "\n")
    _walk(root, parts)
    text = "".join(parts)
    return re.sub(r"\n\s*\n+", "\n", text)


def _walk(el: Any, parts: list[str]) -> None:  # an lxml element
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.lower()
    if tag in _SKIP_TAGS or not tag:
        if el.tail and tag != "":
            parts.append(el.tail)
        return
    if tag == "table" and not el.xpath(".//table"):  # a data table; layout tables holding tables are walked
        parts.append("\n")
        for tr in el.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            cells = [c.text_content() for c in tr.xpath("./td|./th")]
            line = row_line(cells)
            if line:
                parts.append(line + "\n")
        if el.tail:
            parts.append(el.tail)
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if el.tail:
        parts.append(el.tail)


# ---------------------------------------------------------------- Markdown
def looks_markdown(text: str) -> bool:
    lines = text.split("\n", 4000)[:4000]
    return sum(1 for ln in lines if _MD_SEP_RE.match(ln) and "|" in ln) >= 1 and sum(1 for ln in lines if _MD_ROW_RE.match(ln)) >= 3


def markdown_to_text(md: str) -> str:
    out = []
    for ln in md.split("\n"):
        if _MD_ROW_RE.match(ln):
            if _MD_SEP_RE.match(ln):
                continue
            cells = ln.strip().strip("|").split("|")
            line = row_line(cells)
            if line:
                out.append(line)
            continue
        out.append(ln)
    return "\n".join(out)


# ---------------------------------------------------------------- DOCX
def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def docx_to_text(data: bytes) -> str:
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    limits.check_package(data, limits.DOCX)  # before python-docx inflates anything
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # corrupt package: python-docx raises KeyError/ValueError/BadZipFile
        raise ReportParseError(f"Word 文件已损坏或不是有效的 .docx（{type(exc).__name__}），请用 Word 重新另存后上传。") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                seen: set[int] = set()
                cells = []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
                line = row_line(cells)
                if line:
                    lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------- PDF
def pdf_to_text(data: bytes) -> str:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        return "\n".join(limits.pdf_pages_text(reader))  # page, character and time caps
    except limits.InputTooLarge:
        raise
    except Exception as exc:  # pypdf raises many error types for damaged files
        raise ReportParseError(f"PDF 文件无法读取（{type(exc).__name__}），可能已损坏或加密，请上传未加密的 PDF 或 Word 版。") from exc
