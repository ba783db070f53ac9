"""One passage per article in results: an article competes with its 款, 项 and sentence passages (the best-ranked
stays); a sentence is shown as its 款; a list question, or two 项 of one list scoring alike, get the whole article."""

from __future__ import annotations

import re
from typing import Any

LIST_TIE = 0.95  # items of one list scoring within 5 % of each other: the question asks for the list


PassageIndex = tuple[dict[tuple[str, str], str], dict[tuple[str, str], str], set[tuple[str, str]]]
# a question that asks for a list (哪些, 哪几项, 包括什么): an article with 项 is returned whole
LIST_Q_RE = re.compile(r"哪些|哪几|哪一些|包括什么|包含什么|有什么|几种|几类|几项|分哪|列举")


def passage_index(meta: dict[str, dict[str, Any]]) -> PassageIndex:
    """((doc, article) -> the whole article's chunk, (doc, citation) -> the article or 款 chunk of that citation,
    the (doc, article) pairs whose article lists 项)."""
    whole: dict[tuple[str, str], str] = {}
    passage: dict[tuple[str, str], str] = {}
    lists: set[tuple[str, str]] = set()
    for cid, md in meta.items():
        key = (str(md.get("doc_id", "")), str(md.get("article", "")))
        if md.get("article") and md.get("kind") == "article":
            whole[key] = cid
        if md.get("article") and md.get("kind") in ("article", "clause"):
            passage[(key[0], str(md.get("citation", "")))] = cid
        if md.get("article") and "项" in str(md.get("clause", "")):
            lists.add(key)
    return whole, passage, lists


def collapse(ranked: list[tuple[str, float]], meta: dict[str, dict[str, Any]],
             index: PassageIndex | None = None, matched: dict[str, str] | None = None,
             wants_list: bool = False) -> list[tuple[str, float]]:
    """One passage per article: an article and its 款/项/sentence passages compete, the best-ranked one stays. A
    sentence passage is shown as its 款 (or one-款 article); ``matched`` gets 款 chunk -> its best-ranked sentence
    passage (the sentence the ranking found, for the answer to highlight). When the
    best is one 项 of a list and another 项 of the same list scores almost as high, what matches is the sentence
    that opens the list (…应当包括下列内容：), so the whole article is returned instead; so it is when the question
    asks for a list (``wants_list``) and the best passage's article has one."""
    by_article: dict[tuple[str, str], list[tuple[str, float]]] = {}
    whole, passage, lists = index if index is not None else passage_index(meta)
    shown: list[tuple[str, float]] = []
    for c, s in ranked:
        md = meta.get(c, {})
        parent = passage.get((str(md.get("doc_id", "")), str(md.get("parent", "")))) \
            if md.get("kind") == "sentence" else None
        if parent and matched is not None and parent not in matched:
            matched[parent] = c
        shown.append((parent or c, s))
    ranked = shown
    for cid, score in ranked:
        md = meta.get(cid, {})
        if md.get("article"):
            by_article.setdefault((str(md.get("doc_id", "")), str(md["article"])), []).append((cid, score))
    seen: set[tuple[str, str]] = set()
    out = []
    for cid, score in ranked:
        md = meta.get(cid, {})
        art = md.get("article")
        if art:
            key = (str(md.get("doc_id", "")), str(art))
            if key in seen:
                continue
            seen.add(key)
            items = [(c, s) for c, s in by_article[key] if "项" in str(meta.get(c, {}).get("clause", ""))]
            if (str(md.get("clause", "")).endswith("项") and len(items) >= 2 and key in whole
                    and items[1][1] >= LIST_TIE * items[0][1]):
                cid = whole[key]
            elif wants_list and key in lists and key in whole:
                cid = whole[key]
        out.append((cid, score))
    return out
