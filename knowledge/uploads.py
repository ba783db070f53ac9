"""User uploads: txt / md / html / docx / pdf -> text, with the checks staff see as clear Chinese messages.

Uploaded text is data, never instructions: a passage that reads like an instruction to the assistant
("忽略以上要求…") is stored and returned as quoted text with ``metadata['suspicious_instruction'] = True``.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from report.model.errors import InputError
from report.parse import limits

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
DEFAULT_MAX_MB = 50

INSTRUCTION_RE = re.compile(
    r"(忽略|无视|忘记|不要理会|不要遵守|跳过)(以上|上述|前面|之前|先前|所有|全部|系统)?.{0,6}(要求|指令|指示|规则|提示|设定|说明|内容)"
    r"|(你现在是|你是一个|扮演|从现在起你|请你作为).{0,20}(助手|模型|AI|机器人|角色)"
    r"|(系统提示词|system\s*prompt|提示词注入|jailbreak)"
    r"|ignore\s+(all\s+)?(the\s+)?(previous|above|prior)\s+(instructions|prompts?)"
    r"|disregard\s+(all\s+)?(previous|above|prior)",
    re.I,
)


class UploadRefused(InputError):
    """An upload that cannot be ingested; ``message_zh`` (also ``str(exc)``) is a Chinese sentence staff can act on."""


def looks_like_instruction(text: str) -> bool:
    return bool(INSTRUCTION_RE.search(text))


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def check_size(path: Path, max_mb: int = DEFAULT_MAX_MB) -> None:
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise UploadRefused(
            f"文件《{path.name}》大小为 {size / 1024 / 1024:.1f} MB，超过 {max_mb} MB 的上限，未导入。请删去无关内容或拆分后再上传。")
    if size == 0:
        raise UploadRefused(f"文件《{path.name}》是空文件，未导入。")


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or GB18030; binary content is refused, never guessed."""
    if b"\x00" in data[:8192]:
        raise UploadRefused(f"文件《{name}》不是文本文件（含二进制内容），未导入。请上传 txt、md、html、docx 或 pdf 文件。")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\f")
        if controls > max(5, len(text[:20000]) // 100):
            break
        return text
    raise UploadRefused(f"文件《{name}》无法按文本读取（可能是二进制文件或编码已损坏），未导入。请另存为 UTF-8 文本后再上传。")


def html_text(data: bytes, name: str) -> str:
    import lxml.html

    raw = decode_text(data, name)
    try:
        doc = lxml.html.fromstring(raw)
    except Exception as exc:
        raise UploadRefused(f"网页文件《{name}》无法解析，未导入。") from exc
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for br in doc.xpath("//br|//p|//div|//tr|//li|//h1|//h2|//h3|//h4"):
        br.tail = "\n" + (br.tail or "")
    text = doc.text_content()
    return re.sub(r"\n\s*\n+", "\n\n", text)


def docx_text(data: bytes, name: str) -> str:
    try:
        limits.check_package(data, limits.DOCX, name)  # a zip bomb is refused before python-docx inflates it
    except limits.InputTooLarge as exc:
        raise UploadRefused(f"{exc.message_zh}（《{name}》未导入）") from exc
    try:
        import docx

        d = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise UploadRefused(f"Word 文件《{name}》无法打开（可能已损坏或不是 .docx 格式），未导入。旧版 .doc 请先另存为 .docx。") from exc
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            cells: list[str] = []
            for c in row.cells:
                if not cells or c.text != cells[-1]:
                    cells.append(c.text.strip())
            parts.append(" | ".join(cells))
    return "\n\n".join(p for p in parts if p.strip())


def pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = list(limits.pdf_pages_text(reader, name))  # page, character and time caps
    except limits.InputTooLarge as exc:
        raise UploadRefused(f"{exc.message_zh}（《{name}》未导入）") from exc
    except Exception as exc:
        raise UploadRefused(f"PDF 文件《{name}》无法读取（可能已损坏或已加密），未导入。") from exc
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20:
        raise UploadRefused(f"PDF 文件《{name}》中没有可提取的文字（可能是扫描件），未导入。请提供文字版 PDF 或 Word 文件。")
    return text


def read_upload(path: Path, max_mb: int = DEFAULT_MAX_MB) -> tuple[str, bytes]:
    """-> (text, raw bytes). Raises :class:`UploadRefused` with a Chinese message for anything unusable."""
    path = Path(path)
    if not path.exists() or not path.is_file():
        raise UploadRefused(f"找不到文件《{path.name}》，未导入。请检查路径。")
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        raise UploadRefused(f"不支持的文件类型“{ext or '无扩展名'}”（《{path.name}》）：请上传 txt、md、html、docx 或 pdf 文件。")
    check_size(path, max_mb)
    data = path.read_bytes()
    if ext in (".html", ".htm"):
        text = html_text(data, path.name)
    elif ext == ".docx":
        text = docx_text(data, path.name)
    elif ext == ".pdf":
        text = pdf_text(data, path.name)
    else:
        text = decode_text(data, path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UploadRefused(f"文件《{path.name}》没有可读的文字内容，未导入。")
    return text, data


def looks_like_annual_report(text: str) -> bool:
    """A 政府信息公开工作年度报告: chunk it by section (source 'report') rather than by paragraph."""
    from report.model import labels as L

    found = sum(1 for t in L.SECTION_TITLES.values() if t.split("、", 1)[1][:6] in text)
    return "年度报告" in text[:3000] and found >= 4
