"""Title, agency and reporting year of a report, from its title, signature and 统计期限 sentence."""

from __future__ import annotations

import re
from typing import Optional

from report.parse.normalize import SPAM_MARKERS, strip_spam

_TITLE_RE = re.compile(r"(?:20\d{2}|二[〇零○]\S{2})\s*年\s*度?\s*(?:[\u4e00-\u9fff（）()]{2,20}?)?(?:政府信息公开|政务公开|信息公开)[^\n]{0,12}?年度?报告")
_TITLE_TAIL_RE = re.compile(r"^\s*(?:工作)?年度报告\s*$")
_AGENCY_AFTER_YEAR_RE = re.compile(r"年\s*度?\s*([\u4e00-\u9fff（）()]{2,20}?)(?:政府信息公开|政务公开|信息公开)")
_YEAR_IN_TITLE_RE = re.compile(r"(20\d{2})\s*年")
_PERIOD_RE = re.compile(r"(?:统计期限|统计时限|统计期间|统计周期|数据统计)[^。]{0,12}?(20\d{2})\s*年\s*1\s*月\s*1\s*日")
_TITLE_PREFIX_RE = re.compile(r"^\s*(?:#+\s*|标题\s*[:：]\s*)")
_AGENCY_RE = re.compile(
    r"([\u4e00-\u9fff（）()]{2,40}?(?:人民政府办公厅|人民政府办公室|人民政府|管理委员会|管委会|委员会|办公室|办公厅|局|厅|委|院|中心|街道办事处))$"
)
_PLACE_RE = re.compile(r"^[\u4e00-\u9fff]{2,20}?(?:省|自治区|市|州|盟|区|县|旗|镇|乡|街道)$")
_DATE_RE = re.compile(r"^\s*[(（]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?\s*$")


def find_title(text: str, head_lines: int = 40) -> Optional[str]:
    """The report title: the first line (within the first lines) naming a year and 政府信息公开…年度报告.

    A title broken over two lines (``淮安市人民政府`` / ``2024 年政府信息公开工作年度报告``) is joined.
    """
    lines = list(text.split("\n")[:head_lines])
    for i in range(len(lines) - 1):  # '2024 年上海市科委政府信息公开工作' / '年度报告'
        if _TITLE_TAIL_RE.match(lines[i + 1]) and not _TITLE_RE.search(lines[i]) and _TITLE_RE.search(lines[i].rstrip() + lines[i + 1].strip()):
            lines[i], lines[i + 1] = lines[i].rstrip() + lines[i + 1].strip(), ""
    for i, ln in enumerate(lines):
        m = _TITLE_RE.search(ln)
        if not m:
            continue
        title = _TITLE_PREFIX_RE.sub("", ln).strip()
        prefix = title[: title.find(m.group(0))] if m.group(0) in title else ""
        if not prefix.strip() and i > 0:
            prev = _TITLE_PREFIX_RE.sub("", lines[i - 1]).strip()
            if prev and len(prev) <= 30 and _AGENCY_RE.search(strip_spam(prev)):
                title = prev + title
        return re.sub(r"\s+", " ", title)[:120]
    return None


def find_year(title: Optional[str], text: str) -> Optional[int]:
    """Reporting year: from the title, else from the 统计期限 sentence (never the publication date)."""
    if title:
        m = _YEAR_IN_TITLE_RE.search(title)
        if m:
            return int(m.group(1))
    m = _PERIOD_RE.search(text[:20000])
    return int(m.group(1)) if m else None


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", "", strip_spam(name)).strip("，,。：:")


def find_agency(title: Optional[str], closing: str, text: str) -> Optional[str]:
    """Issuing agency: signature line before the date, title prefix, else '<place>人民政府' from the title."""
    # 1. signature: the line just before the final date line
    tail = [ln.strip() for ln in (closing or text[-600:]).split("\n") if ln.strip()]
    for i in range(len(tail) - 1, -1, -1):
        if _DATE_RE.match(tail[i]) and i > 0:
            cand = _clean_name(tail[i - 1])
            if len(cand) <= 40 and _AGENCY_RE.search(cand):
                return cand
    if title:
        prefix = _YEAR_IN_TITLE_RE.split(title, maxsplit=1)[0]
        prefix = _clean_name(prefix)
        if prefix:
            m = _AGENCY_RE.search(prefix)
            if m and not any(s in prefix for s in SPAM_MARKERS):
                return m.group(1)
            if _PLACE_RE.match(prefix):
                return _named_in_text(prefix, text) or prefix + "人民政府"
        else:  # '2025 年上海市人民政府办公厅政府信息公开工作年度报告': the agency follows the year
            m = _AGENCY_AFTER_YEAR_RE.search(title)
            name = _clean_name(m.group(1)) if m else ""
            if name and _AGENCY_RE.search(name) and not any(s in name for s in SPAM_MARKERS):
                return name
    return None


def _named_in_text(place: str, text: str) -> Optional[str]:
    """The body's own name for the place's government ('平潭综合实验区党工委管委会'), most frequent first."""
    counts: dict[str, int] = {}
    for m in re.finditer(re.escape(place) + r"([\u4e00-\u9fff]{0,6}?(?:人民政府|管理委员会|管委会))", text[:50000]):
        counts[place + m.group(1)] = counts.get(place + m.group(1), 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
