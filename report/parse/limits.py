"""Bounds on what a file may make us do, checked before any parser runs.

A 1.2 MB .docx can hold a 430 MB ``document.xml`` (a "zip bomb"); a 95,000-page PDF is a valid PDF. Office files
and zip archives are checked on their central directory (member count, declared uncompressed sizes, compression
ratio) before anything is unpacked: Python's :mod:`zipfile`, used by python-docx and openpyxl alike, never
inflates a member past its declared size (it stops there and fails the CRC), so the declared sizes are a real bound.
PDFs are read page by page under a page cap, a character cap and a time budget. Every refusal is an
:class:`InputTooLarge` with a Chinese sentence saying which limit and what to do.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Union

from report.parse.normalize import ReportParseError

MB = 1024 * 1024


class InputTooLarge(ReportParseError):
    """A file over one of the limits below (message in Chinese); a :class:`ReportParseError`, so every caller that
    reports an unreadable file reports this one too."""


@dataclass(frozen=True)
class PackageLimits:
    """Limits for one kind of zip package."""

    label: str  # what staff call it: 「Word 文件」, 「Excel 工作簿」, 「压缩包」
    max_members: int
    max_total: int  # bytes, declared uncompressed, all members
    max_member: int  # bytes, declared uncompressed, one member
    max_ratio: int = 200  # uncompressed / compressed for a member over 1 MB


# A real annual report's document.xml is 0.2–5 MB; the fill-in template is under 100 KB uncompressed.
DOCX = PackageLimits("Word 文件", max_members=2000, max_total=120 * MB, max_member=40 * MB)
XLSX = PackageLimits("Excel 工作簿", max_members=500, max_total=40 * MB, max_member=20 * MB)
ZIP = PackageLimits("压缩包", max_members=500, max_total=300 * MB, max_member=50 * MB, max_ratio=400)

MAX_PDF_PAGES = 400  # the longest published annual reports run to ~40 pages
MAX_TEXT_CHARS = 2_000_000  # ~40 times the longest report
PDF_SECONDS = 30.0  # time budget for extracting a PDF's text


def _mb(n: float) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def package_members(source: Union[bytes, str, Path], limits: PackageLimits, name: str = "") -> list[zipfile.ZipInfo]:
    """The members of a zip package (bytes or a path) once its central directory is within ``limits``; otherwise
    :class:`InputTooLarge`. A file that is not a zip at all is left to the parser (it says what it is)."""
    what = f"{limits.label}{f'“{name}”' if name else ''}"
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []
    if len(infos) > limits.max_members:
        raise InputTooLarge(f"{what}包含 {len(infos)} 个部件，超过上限 {limits.max_members} 个，可能是恶意构造的文件，已拒绝。"
                            "请检查文件来源，或另存为新文件后再上传。")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > limits.max_member or total > limits.max_total:
            raise InputTooLarge(f"{what}解压后超过 {_mb(limits.max_member if size > limits.max_member else limits.max_total)}"
                                f"（其中“{info.filename}”有 {_mb(size)}），远大于正常的年度报告，可能是恶意构造的文件，已拒绝。"
                                "如确为正常文件，请删去其中的大图片或拆分后再上传。")
        if size > MB and size > limits.max_ratio * max(1, info.compress_size):
            raise InputTooLarge(f"{what}中的“{info.filename}”压缩比异常（{_mb(info.compress_size)} 解压为 {_mb(size)}），"
                                "可能是恶意构造的压缩炸弹，已拒绝。")
    return infos


def check_package(source: Union[bytes, str, Path], limits: PackageLimits, name: str = "") -> None:
    """:func:`package_members` when only the check matters."""
    package_members(source, limits, name)


def check_text(text: str, name: str = "") -> str:
    """``text`` if it is within :data:`MAX_TEXT_CHARS`, else :class:`InputTooLarge`."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLarge(f"文件{f'“{name}”' if name else ''}的文字超过 {MAX_TEXT_CHARS // 10000} 万字，远多于一份年度报告，已拒绝。"
                            "请只上传年度报告本身。")
    return text


def pdf_pages_text(reader: Any, name: str = "", *, max_pages: int = MAX_PDF_PAGES,
                   max_chars: int = MAX_TEXT_CHARS, seconds: float = PDF_SECONDS) -> Iterator[str]:
    """The text of each page of a ``pypdf.PdfReader``, within the page cap, the character cap and the time budget."""
    what = f"PDF 文件{f'“{name}”' if name else ''}"
    pages = len(reader.pages)
    if pages > max_pages:
        raise InputTooLarge(f"{what}有 {pages} 页，超过上限 {max_pages} 页（年度报告一般不超过 50 页），已拒绝。"
                            "请只上传年度报告本身。")
    t0 = time.monotonic()
    chars = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        chars += len(text)
        if chars > max_chars:
            raise InputTooLarge(f"{what}的文字超过 {max_chars // 10000} 万字，远多于一份年度报告，已拒绝。")
        if time.monotonic() - t0 > seconds:
            raise InputTooLarge(f"{what}的内容过于复杂，{seconds:g} 秒内未能读完，已停止。请另存为文字版 PDF 或 Word 后再上传。")
        yield text


class ParseRunaway(InputTooLarge):
    """A file that passed the checks above but made its parser run away (memory ceiling, wall clock, crash); raised
    by the app's bounded parsing (``ui/sandbox.py``), which stops the parser and keeps the server's memory."""

    @classmethod
    def memory(cls, name: str, memory_mb: float) -> "ParseRunaway":
        return cls(f"文件“{name}”在读取时所需内存超过上限 {memory_mb:g} MB（PARSE_MEMORY_MB），可能是恶意构造或严重损坏的文件，"
                   "已停止读取并拒绝。如确为正常的年度报告，请另存为新文件（或文字版 PDF）后再上传。")

    @classmethod
    def time(cls, name: str, seconds: float) -> "ParseRunaway":
        return cls(f"文件“{name}”在 {seconds:g} 秒内未能读完（PARSE_SECONDS），内容过于复杂或文件已损坏，已停止读取并拒绝。"
                   "如确为正常的年度报告，请另存为 Word 或文字版 PDF 后再上传。")

    @classmethod
    def crashed(cls, name: str, memory_mb: float) -> "ParseRunaway":
        return cls(f"读取文件“{name}”时解析程序异常退出（可能是文件损坏，或所需内存超过 {memory_mb:g} MB 上限），已拒绝该文件。"
                   "请另存为新文件后再上传。")
