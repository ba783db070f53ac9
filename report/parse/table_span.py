"""Where a statutory table ends inside its section, so that prose written after (or just before) the table stays
in the section's narrative.

The readers of :mod:`report.parse.tables` and :mod:`report.parse.crawler` read the cells; this module only decides
which text is *not* table. A table is made of the printed form's own words (row and column labels of the format,
「第二十条第（一）项」「信息内容」「申请人情况」…) and cells. An occurrence of such a word is *table-like* when it is
followed by another form word or by a cell run that is not a prose number (``12件``, ``3条``, ``50%``): prose that
names a row (「其中行政处罚12件」) is not. The table spans from the first to the last table-like word (and that
word's cells); text after it that reads as prose (a sentence end) is narrative again, and so is an introduction
before it that ends a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from report.model import labels as L

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_SKIP = re.compile(r"[\s（）()、：:./／“”\"'‘’·\-—–一二三四五六七八九十项]*")  # 「第二十条第（五）项」
_CELLS = re.compile(r"(?:[\s　]*(?:\d[\d,]*(?:\.\d+)?|[/／—\-–]))+(?:[\s　]*(?:万元|元))?")
_PROSE_UNIT = tuple("件条个次项篇人家期场号余年月日批%％")
SENTENCE_END = re.compile(r"[。！？!?]")
_TAIL = 40  # a sentence after the table ends within this many characters after its last figure


def _words(labels: Iterable[str]) -> tuple[str, ...]:
    out: set[str] = set()
    for lab in labels:
        out.update(_CJK_RUN.findall(lab))
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=None)
def vocabulary(key: str) -> tuple[str, ...]:
    """The printed form's words of the table in section ``key`` (both templates)."""
    if key == "二":
        labs: list[str] = [*L.T2_DOC_ROWS, *L.T2_DOC_COLUMNS, *L.T2_SINGLE_ROWS, *L.T2_ITEM_OF.values(),
                           *L.T2_SINGLE_COLUMN.values(), *L.T2_2019_ITEM_OF.values(), L.T2_CONTENT_HEADER]
        for row, cols in L.T2_2019.items():
            labs += [row, *cols]
    elif key == "三":
        labs = [*L.T3_COLUMNS, *L.T3_ROWS_2021, *L.T3_ROWS_2019, L.T3_IDENTITY_NOTE, L.T3_APPLICANT_HEADER,
                L.T3_ORG_HEADER]
    else:
        labs = [*L.T4_COLUMNS, *L.T4_GROUP_TITLES.values(), *L.T4_SUB_HEADERS.values(), L.T4_SUIT, L.T4_REVIEW]
    return _words(labs)


def _word_at(text: str, pos: int, words: tuple[str, ...]) -> str:
    for w in words:
        if text.startswith(w, pos):
            return w
    return ""


def _table_like(text: str, end: int, words: tuple[str, ...]) -> int:
    """After a form word ending at ``end``: the end of the table text it starts (its cells), or -1 when the word is
    prose (followed by neither a form word nor a cell run)."""
    p = _SKIP.match(text, end).end()  # type: ignore[union-attr]
    if _word_at(text, p, words):
        return end
    m = _CELLS.match(text, end)
    if m is None or not m.group(0).strip():
        return -1
    after = text[m.end() : m.end() + 1]
    if after and after.startswith(_PROSE_UNIT) and not m.group(0).rstrip().endswith("元"):
        return -1
    return m.end()


def table_extent(key: str, region: str, start: int = 0) -> tuple[int, int] | None:
    """(first, end) of the table text of section ``key`` in ``region`` from ``start``: the first and the last
    table-like form word (the end after its cells); None when no form word is table-like."""
    words = vocabulary(key)
    pattern = re.compile("|".join(map(re.escape, words)))
    first = last = -1
    for m in pattern.finditer(region, start):
        end = _table_like(region, m.end(), words)
        if end < 0:
            continue
        if first < 0:
            first = m.start()
        last = max(last, end)
    return (first, last) if first >= 0 else None


def narrative_cut(key: str, region: str, start: int, end: int) -> tuple[int, int]:
    """The part of ``region[start:end]`` (the span a reader took as its table) that is table, not prose: an
    introduction ending a sentence before the first table-like word, and text ending a sentence after the last
    one (its sentence end at most a few words after the span), are given back to the narrative; form words and
    cells after the span with no sentence between are table too."""
    ext = table_extent(key, region, start)
    if ext is None:
        return start, end
    first, last = ext
    intro = region[start:first]
    ends = list(SENTENCE_END.finditer(intro))
    if ends:
        start += ends[-1].end()
    if start <= last < end and SENTENCE_END.search(region, last, min(len(region), end + _TAIL)):
        end = last
    elif last > end and not SENTENCE_END.search(region, end, last):
        end = last  # form words and cells the reader's span left out (cells run together: no separate numbers)
    return start, end
