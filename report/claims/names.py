"""Names read as a list in a sentence: ``不予公开、无法提供分别为5件、31件`` (one number per name, after 分别) and
``不予公开、无法提供的共10件`` (one number for the rows named together: their sum)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from report.claims import keywords as R
from report.claims import text as T
from report.claims.numbers import NumberMention, extract_numbers

if TYPE_CHECKING:
    from report.claims.cellbind import CellBinder


def respectively(b: CellBinder, m: NumberMention) -> Optional[tuple[str, str]]:
    """``不予公开、无法提供分别为5件、31件``: the k-th number after 分别 takes the k-th name of the list before it."""
    seg = b.text[b.s0:m.start]
    k = seg.rfind("分别")
    if k < 0:
        return None
    names = T.compact(seg[:k])
    end = re.search(r"[。；;！？\n]", b.text[b.s0 + k:])
    after_all = [x for x in extract_numbers(b.text[b.s0 + k:b.s0 + k + (end.start() if end else 200)])
                 if x.kind != "percent"]
    tail = names[-40:]
    joined, split = name_list(tail, True), name_list(tail, False)
    # 予以公开、部分公开、无法提供分别为6件、2件、3件 (three names) / 予以公开和部分公开、无法提供分别为8件、3件 (two):
    # the reading whose names match the numbers after 分别 one to one
    listed = split if len(split) == len(after_all) and len(joined) != len(after_all) else joined
    after = [x for x, _ in b.done if b.s0 + k <= x.start < m.start and x.kind != "percent"]
    i = len(after)
    if len(listed) < 2 or i >= len(listed):
        return None
    return listed[i][2], listed[i][3]


def name_list(tail: str, joined: bool) -> list[tuple[int, int, str, str]]:
    """The list of Table 3 names that ends ``tail`` (the text before 分别), joined by 、/和/及/与; ``joined``: read
    予以公开和部分公开 as the one row name it also is."""
    found: list[tuple[int, int, str, str]] = []
    for metric, rx in R.T3_RULES:
        if metric == "public_and_partial" and not joined:
            continue
        found += [(x.start(), x.end(), metric, x.group(0)) for x in rx.finditer(tail)]
    found.sort(key=lambda f: (f[0], -f[1]))
    flat: list[tuple[int, int, str, str]] = []
    for f in found:
        if not flat or f[0] >= flat[-1][1]:
            flat.append(f)
    if not flat or not re.fullmatch(r"(?:的|类|申请|情形|信息)*", tail[flat[-1][1]:]):
        return []
    listed = [flat[-1]]  # the list right before 分别: names joined by 、/和/及/与
    for a in reversed(flat[:-1]):
        if not re.fullmatch(r"(?:的|类|申请|情形|信息)*(?:和|及|与|、|或|以及)", tail[a[1]:listed[0][0]]):
            break
        listed.insert(0, a)
    return listed


def named_together(span_left: str) -> Optional[list[str]]:
    """Result rows named together before one number (``不予公开、无法提供的共10件``, ``不予处理和其他处理8件``):
    the number is their sum. Not with 分别 (one number each)."""
    tail = span_left[-40:]
    found: list[tuple[int, int, str]] = []
    for metric, rx in R.T3_RULES:
        if metric in R.RESULT_METRICS and metric != "public_and_partial":
            found += [(x.start(), x.end(), metric) for x in rx.finditer(tail)]
    found.sort(key=lambda f: (f[0], -f[1]))
    chain: list[tuple[int, int, str]] = []
    for f in found:  # drop matches inside a longer one (部分公开 inside 不予公开? no; 公开 inside 予以公开)
        if chain and f[0] < chain[-1][1]:
            continue
        chain.append(f)
    if len(chain) < 2 or "分别" in tail or not re.fullmatch(r"(?:的|类|申请|情形)*(?:共计|共|合计|总计)?(?:为|有|是)?",
                                                           tail[chain[-1][1]:]):
        return None
    names = [chain[-1][2]]
    for a, b in zip(reversed(chain[:-1]), reversed(chain[1:])):
        if not re.fullmatch(r"(?:的|类|申请)*(?:和|及|与|、|或|以及)", tail[a[1]:b[0]]):
            break
        names.insert(0, a[2])
    names = list(dict.fromkeys(names))
    return names if len(names) >= 2 else None


_INCLUDES = re.compile(r"[（(](?:其中)?(?:含|包括|包含)([^）)\d]{2,20})\d")


def included(text: str, m: NumberMention, metric: str) -> Optional[list[str]]:
    """A result count that includes another result row in the bracket after it (``同意公开42件（含部分公开2件）``):
    the count is the sum of both rows; the bracketed number is the included row alone."""
    if metric not in R.RESULT_METRICS or metric == "public_and_partial":
        return None
    hit = _INCLUDES.match(T.compact(text[m.end:m.end + 40]))
    if hit is None:
        return None
    rules = [(k, rx) for k, rx in R.T3_RULES if k in R.RESULT_METRICS and k != "public_and_partial"]
    other = T.nearest(rules, hit.group(1), "")
    if other is None or other[0] == metric:
        return None
    return [metric, other[0]]
