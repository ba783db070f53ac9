"""The statutory tables' own words, derived from their labels (report.model.labels, statutory_tables.md §2.2):
the row labels of 表三 with their numbering, brackets and the counted noun stripped (``一、本年新收政府信息公开申请数量``
→ ``本年新收``; ``（五）不予处理`` → ``不予处理``; ``1.属于国家秘密`` → ``国家秘密``).

Only 依申请公开 uses these words: a clause that names one of them is about applications even when it does not say
申请 (``结转下年度继续办理0件``, ``本年度办理结果总计81件``, ``予以公开率为51.85%``). Words too general to say so
(``其他``, ``总计``) are left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from report.model import labels as L

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．])")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_NOUN = re.compile(r"(?:政府信息公开申请数量|政府信息公开申请|申请数量)$")
_GENERAL = {"其他", "总计", "本年度办理结果"}


def short_forms(label: str) -> list[str]:
    """``1.属于国家秘密`` → [属于国家秘密, 国家秘密]; ``三、本年度办理结果`` → [本年度办理结果, 办理结果]."""
    s = _BRACKETED.sub("", _NUMBERING.sub("", label.strip()))
    s = _NOUN.sub("", s)
    out = [s]
    for head in ("属于", "本年度", "要求"):
        if s.startswith(head) and len(s) - len(head) >= 4:
            out.append(s[len(head):])
    return [x for x in out if len(x) >= 4 and x not in _GENERAL]


@lru_cache(maxsize=None)
def table3_words() -> tuple[str, ...]:
    """Every short form of every 表三 row label (both formats), longest first."""
    labels: set[str] = set()
    for template in (L.TEMPLATE_2021, L.TEMPLATE_2019):
        for path in L.t3_rows(template):
            labels.update(path.split("/"))
    words = {w for lb in labels for w in short_forms(lb)}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def table3_pattern() -> "re.Pattern[str]":
    return re.compile("|".join(re.escape(w) for w in table3_words()))


def names_table3_row(text: str) -> bool:
    """``text`` (whitespace-free) names a 表三 row by its own label or a short form of it."""
    return bool(table3_pattern().search(text))
