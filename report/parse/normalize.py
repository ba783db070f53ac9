"""Input decoding and text normalisation for the report parser, plus the injected-spam detector.

Everything here is format-independent: bytes -> str (utf-8, utf-8-sig, gb18030), full-width digits and spaces
-> ASCII, page footers (``- 4 -``, ``第 4 页``) and scraped merge markers (``|``) removed, label keys for matching.
"""

from __future__ import annotations

import re
import unicodedata

from report.model.errors import UnreadableInput
from report.model.tables import Diagnostic

MAX_INPUT_BYTES = 50 * 1024 * 1024  # larger inputs are refused: no annual report is anywhere near this size


class ReportParseError(UnreadableInput):
    """The input cannot be read as an annual report; the message (Chinese) says why and what to do."""


# Casino / SEO spam that hijacked mirror pages inject into government text. One list, one place.
# Ambiguous words are listed in a spam-only form: "澳门" alone is legitimate (港澳台事务), "真人" occurs inside
# "认真人员", "彩票" in a 体育局 report — so only their casino compounds are markers.
SPAM_MARKERS = (
    "凯发一触即发", "凯发", "一触即发", "博彩", "娱乐城", "百家乐", "赌场", "葡京", "威尼斯人", "澳门银河",
    "澳门金沙", "真人娱乐", "真人视讯", "彩票投注", "时时彩", "六合彩", "体育投注", "棋牌游戏", "开户送",
)
# What the spam most often replaced in an agency name.
SPAM_AGENCY_REPAIR = "人民政府"

_FOOTER_RE = re.compile(r"^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_KEY = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_SPACES_RE = re.compile(r"[\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff]")


def decode_bytes(data: bytes) -> str:
    """Decode report bytes: utf-8, utf-8 with BOM, then gb18030 (covers GBK/GB2312 pages)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ReportParseError("无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 文本、Word 或 PDF 后重新上传。")


def looks_binary(text: str) -> bool:
    """True for decoded garbage: many control characters or unassigned code points."""
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if bad / len(sample) > 0.02:
        return True
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    odd = sum(1 for ch in sample if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    return odd / len(sample) > 0.05 and cjk / len(sample) < 0.05


def normalize_text(text: str) -> str:
    """Canonical text for parsing: ASCII digits, plain spaces, no page footers, no ``|`` merge markers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES_RE.sub(" ", text).translate(_FULLWIDTH_DIGITS)
    lines = [ln for ln in text.split("\n") if not _FOOTER_RE.match(ln)]
    out = []
    for i, line in enumerate(lines):
        if _EMPTY_CELL_RE.match(line) and _beside_value_cell(lines, i):
            # a scraped table cell with nothing in it (「 |」 among 「137 |」 lines, one cell per line): the
            # report's own blank, kept as a blank token so the row keeps its width and the blank its column
            out.append("—")
            continue
        out.append(line.replace("|", " ").rstrip())
    return "\n".join(out)


_EMPTY_CELL_RE = re.compile(r"^\s*\|[\s|]*$")
_VALUE_CELL_RE = re.compile(r"^\s*-?\d[\d,]*(?:\.\d+)?\s*\|[\s|]*$")


def _beside_value_cell(lines: list[str], i: int) -> bool:
    """Whether the line before or after line ``i`` is a one-number cell (「137 |」)."""
    return any(0 <= j < len(lines) and _VALUE_CELL_RE.match(lines[j]) for j in (i - 1, i + 1))


_KEY_DROP_RE = re.compile(r"[\s\"'“”‘’「」《》，,。:：;；、．.·\-—_（）()\[\]【】/\\|#*]")


def label_key(label: str) -> str:
    """Matching key of a label: no spaces or punctuation, ASCII digits ('1、' and '1.' both become '1')."""
    s = _SPACES_RE.sub("", label).translate(_FULLWIDTH_KEY)
    return _KEY_DROP_RE.sub("", s)


def find_spam(text: str) -> list[Diagnostic]:
    """One warning per spam marker found (longest markers first, so '凯发一触即发' is reported once)."""
    diags: list[Diagnostic] = []
    covered: list[tuple[int, int]] = []
    for marker in sorted(SPAM_MARKERS, key=len, reverse=True):
        start = text.find(marker)
        hits = []
        while start >= 0:
            end = start + len(marker)
            if not any(a <= start and end <= b for a, b in covered):
                hits.append((start, end))
            start = text.find(marker, end)
        if not hits:
            continue
        covered.extend(hits)
        a, b = hits[0]
        context = text[max(0, a - 12) : b + 12].replace("\n", " ")
        diags.append(
            Diagnostic(
                code="injected_text",
                severity="warning",
                message=(
                    f"文中出现与政府信息公开无关的广告/博彩类字样“{marker}”{len(hits)}处（如“…{context}…”），"
                    "可能是网页被篡改或镜像站注入，已在识别机关名称时忽略，请核对原始发布稿。"
                ),
                where=marker,
            )
        )
    return diags


def strip_spam(name: str) -> str:
    """Repair an agency name whose '人民政府' was replaced by spam ('长沙市芙蓉区凯发一触即发')."""
    for marker in sorted(SPAM_MARKERS, key=len, reverse=True):
        if marker in name:
            name = name.replace(marker, SPAM_AGENCY_REPAIR if not name.endswith(SPAM_AGENCY_REPAIR) else "")
    return name.replace(SPAM_AGENCY_REPAIR * 2, SPAM_AGENCY_REPAIR)
