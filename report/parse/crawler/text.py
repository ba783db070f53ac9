"""Text side of run-together crawler tables: the label/digit *skeleton* of a page and the per-row detection of
rows whose cells ran together (``数量 713000074二、`` or ``数量0 0 0 0 0 00二、``). Used by :mod:`report.parse.crawler.tables`."""

from __future__ import annotations

import re
import unicodedata

from report.model import labels as L

_NEW_CORE = "本年新收政府信息公开申请数量"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BLANK_MARKS = "/—-–"  # a blank cell written as '/' or a dash (after NFKC)
_CELL_CHARS = frozenset("0123456789/")
_GROUP_RE = re.compile(r"[\d/—]+(?:[ \t]+[\d/—]+)*")
RUN = r"[\d./]+(?: [\d./]+)*"  # a digit run of the skeleton; ' ' separates cells the page did delimit


def skeleton(text: str) -> str:
    """Keep only CJK characters, digits, a '.' directly after a digit (item numbers and decimals) and '/' for
    blank-cell marks ('/', '／', '—', '－').

    Brackets of either width, quotes, commas, spaces and line breaks all vanish, so labels match whatever
    punctuation the page used; ``、`` after a digit (``1、属于…``) reads as ``.``. Spaces or tabs *between* two
    digits stay as one ``' '``: the page did separate those cells (``数量0 0 0 0 0 00二、`` → ``数量0 0 0 0 0 00二``).
    """
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    gap = False  # a space or tab after a digit / blank mark: kept as one ' ' if another digit follows
    for ch in text:
        if ch in " \t":
            gap = gap or bool(out and out[-1] in _CELL_CHARS)
            continue
        if "0" <= ch <= "9" or ch in _BLANK_MARKS:
            if gap and out and out[-1] in _CELL_CHARS:
                out.append(" ")
            out.append(ch if "0" <= ch <= "9" else "/")
        elif "\u4e00" <= ch <= "\u9fff":
            out.append(ch)
        elif ch in ".、" and out and "0" <= out[-1] <= "9":
            out.append(".")
        gap = False
    return "".join(out)


def looks_runtogether(text: str) -> bool:
    """True when, from the 本年新收 row of table 3 on, some rows hold fewer separate numbers than their 7 cells.

    Detection is per row: a row is run together when its digit group (tokens separated by spaces or tabs, a blank
    mark ``/`` counting as a token) has fewer than 7 tokens but at least 7 digits. The 本年新收 row alone decides
    when it is run together; otherwise two such rows are needed. Line-per-cell, Markdown-table and
    space-separated text (also with ``/`` blank cells) return False.
    """
    i = text.find(_NEW_CORE)
    if i < 0:
        return False
    groups = glued_groups(text[i + len(_NEW_CORE) : i + len(_NEW_CORE) + 3000])
    return bool(groups) and (groups[0][0] == 0 or len(groups) >= 2)


def glued_groups(text: str) -> list[tuple[int, str]]:
    """(index among all digit groups, group) of each run-together group in ``text``."""
    nfkc = unicodedata.normalize("NFKC", text)
    out = []
    for k, m in enumerate(_GROUP_RE.finditer(nfkc)):
        tokens = m.group().split()
        digits = sum(len(t) for t in tokens if t.isdigit())
        if len(tokens) < len(L.T3_COLUMNS) and digits >= len(L.T3_COLUMNS):
            out.append((k, m.group()))
    return out
