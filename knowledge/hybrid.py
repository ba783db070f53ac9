"""Fusion of lexical (BM25) and dense (e5) scores, plus the cues a question gives away.

Reciprocal-rank fusion (``WEIGHTS["rrf"] = 1``) was measured worse than a weighted sum of normalised scores on
the tune questions (cross-validated, ``bench/retrieval_fit.py``), so the default is the weighted sum (BM25 / max
BM25; cosine and topic cosine min-max over the candidates) plus small boosts:

- a question that names an article (第三十三条, 第33条) gets that article first, unless it names it as the exception
  (除了第二十条…, 第二十条以外);
- a question that names an agency (芙蓉区) or a year (2021年) prefers that report's chunks;
- a question about a part of a report (第六部分, 依申请那段) prefers that part of the reports;
- a question naming a statutory table (表三) prefers that table's sentences in the reports; a figure question
  (多少件/几件) prefers table sentences;
- a passage's hand-written topic statements (:mod:`knowledge.topics`), best cosine with the question;
- a document prior (:mod:`knowledge.prior`, learned from questions): P(document | question) times a weight.

The weights are module constants (``WEIGHTS``), fitted on the tune questions by ``bench/retrieval_fit.py`` and
measured on the held-out ones by ``bench/retrieval.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .chunking import cn_number, parse_cn_number
from .prior import chunk_class, shipped_prior

# fitted by bench/retrieval_fit.py (5-fold cross-validation on bench/questions/tune.jsonl only)
WEIGHTS = {
    "lexical": 0.5,
    "dense": 0.7,
    "article": 0.5,
    "agency": 0.25,
    "year": 0.15,
    "doc_title": 0.1,
    "examples": 0.0,
    "prior": 0.1,
    "topic": 0.3,
    "topic_lex": 0.0,
    "table": 0.3,
    "figure": 0.2,
    "part": 0.4,
    "rrf": 0.0,  # 1.0: reciprocal-rank fusion of the three channels instead of normalised scores
    "rrf_k": 60.0,
}

ARTICLE_Q_RE = re.compile(r"第\s*([一二三四五六七八九十百零]+|\d+)\s*条")
EXCEPT_BEFORE_RE = re.compile(r"(除了|除去|除)(本条例|条例)?$")
EXCEPT_AFTER_RE = re.compile(r"^(规定的?|那些|的|所列)?(信息|内容|事项)?(以外|之外)")
YEAR_Q_RE = re.compile(r"(?<!\d)(20\d\d|19|2\d)\s*年(?!代)")  # 2021年, and staff's short form 21年
EXAMPLES_RE = re.compile(r"(别的|其他|其它|兄弟|外地|各地|别人|别家)(区|县|市|地方|单位|部门|机关)|怎么写|如何写|写法|范文|参考")
TABLE_Q_RE = re.compile(r"表\s*([二三四])")  # 表三“无法提供”…: the question is about that statutory table
FIGURE_Q_RE = re.compile(r"多少|几件|几条|几个|几项|总数|一共|合计|占比|比例")
PART_Q_RE = re.compile(r"第\s*([一二三四五六])\s*(?:部分|大部分|块)")  # 第六部分: the report's own part
# the six parts and the sub-parts of 一 as the format notice names them -> (section, words of the sub-heading)
PART_NAMES = (
    ("总体情况", "一", ()), ("主动公开", "一", ("主动公开",)), ("依申请", "一", ("依申请",)),
    ("信息管理", "一", ("信息管理",)), ("平台", "一", ("平台",)), ("监督保障", "一", ("监督",)),
    ("存在的主要问题", "五", ()), ("存在问题", "五", ()), ("改进", "五", ()), ("其他需要报告", "六", ()),
)
# the question is about a part of the report's text (那段写什么), not about the rule the part reports on
WRITING_Q_RE = re.compile(r"那段|这段|一段|那部分|这部分|那块|这块|(?<!一)部分(?!公开)|怎么写|写什么|写啥|写点|写哪|表述|放在|放哪")
DOC_HINTS = {
    "信息处理费管理办法": "政府信息公开信息处理费管理办法",
    "收费办法": "政府信息公开信息处理费管理办法",
    "格式": "政府信息公开工作年度报告格式",
    "条例": "政府信息公开条例",
}


@dataclass
class QueryCues:
    articles: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    doc_title: str | None = None
    wants_examples: bool = False
    tables: list[str] = field(default_factory=list)
    figure: bool = False
    parts: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (report section, sub-heading words)


def query_cues(query: str) -> QueryCues:
    cues = QueryCues()
    last_end, excepted = -1, False
    for m in ARTICLE_Q_RE.finditer(query):
        listed = excepted and query[last_end:m.start()] in ("、", "和", "及", "，")  # 除第十四条、第十五条
        excepted = listed or bool(EXCEPT_BEFORE_RE.search(query[: m.start()]) or EXCEPT_AFTER_RE.match(query[m.end():]))
        last_end = m.end()
        if excepted:
            continue  # 除了第二十条那些，还得公开哪些: the article named is the one the answer is not
        n = parse_cn_number(m.group(1))
        if n:
            cues.articles.append(f"第{cn_number(n)}条")
    cues.years = [int(y) if len(y) == 4 else 2000 + int(y) for y in YEAR_Q_RE.findall(query)]
    cues.wants_examples = bool(EXAMPLES_RE.search(query))
    cues.tables = TABLE_Q_RE.findall(query)
    cues.figure = bool(FIGURE_Q_RE.search(query))
    cues.parts = [(m, ()) for m in PART_Q_RE.findall(query)]
    if WRITING_Q_RE.search(query):
        cues.parts += [(sec, words) for name, sec, words in PART_NAMES if name in query]
    for hint, title in DOC_HINTS.items():
        if hint in query:
            cues.doc_title = title
            break
    return cues


def _minmax(values: dict[str, float]) -> dict[str, float]:
    if not values:
        return {}
    lo, hi = min(values.values()), max(values.values())
    if hi - lo < 1e-9:
        return dict.fromkeys(values, 1.0)
    return {k: (v - lo) / (hi - lo) for k, v in values.items()}


def _rrf(values: dict[str, float], k: float) -> dict[str, float]:
    """Reciprocal rank, scaled so that rank 1 scores 1.0 (comparable with the boosts); 0 scores stay 0."""
    order = sorted((c for c, v in values.items() if v > 0), key=lambda c: (-values[c], c))
    return {c: (k + 1) / (k + r) for r, c in enumerate(order, 1)}


def fuse(query: str, lexical: dict[str, float], dense: dict[str, float], metadata: dict[str, dict[str, Any]],
         weights: dict[str, float] | None = None, topic: dict[str, float] | None = None,
         topic_lex: dict[str, float] | None = None) -> list[tuple[str, float]]:
    """Rank the union of candidates. ``lexical``: raw BM25 scores; ``dense``: cosine similarities; ``topic``:
    best cosine of each passage's hand-written topic statements (:mod:`knowledge.topics`)."""
    w = {**WEIGHTS, **(weights or {})}
    cues = query_cues(query)
    prior = shipped_prior().predict(query) if w["prior"] else {}
    if w["rrf"]:
        lex_n, dense_n, topic_n = (_rrf(x, w["rrf_k"]) for x in (lexical, dense, topic or {}))
    else:
        top_lex = max(lexical.values(), default=0.0)
        lex_n = {k: (v / top_lex if top_lex > 0 else 0.0) for k, v in lexical.items()}
        dense_n = _minmax(dense)
        topic_n = _minmax(topic or {})
    top_tl = max((topic_lex or {}).values(), default=0.0)
    tlex_n = {k: v / top_tl for k, v in (topic_lex or {}).items()} if top_tl > 0 else {}
    scored = []
    for cid in set(lexical) | set(dense) | set(topic or {}):
        md = metadata.get(cid, {})
        s = w["lexical"] * lex_n.get(cid, 0.0) + w["dense"] * dense_n.get(cid, 0.0)
        s += w["topic"] * topic_n.get(cid, 0.0) + w["topic_lex"] * tlex_n.get(cid, 0.0)
        s += boost(query, cues, md, w)
        cls = chunk_class(md) if prior else None
        if cls:
            s += w["prior"] * prior[cls]
        scored.append((cid, s))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored


def boost(query: str, cues: QueryCues, md: dict[str, Any], w: dict[str, float]) -> float:
    s = 0.0
    if cues.articles and md.get("article") in cues.articles:
        same_doc = cues.doc_title is None or md.get("doc_title") == cues.doc_title
        default_doc = cues.doc_title is None and md.get("doc_title") == "政府信息公开条例"
        s += w["article"] * (1.0 if (same_doc and cues.doc_title) or default_doc else 0.5)
    if cues.doc_title and md.get("doc_title") == cues.doc_title:
        s += w["doc_title"]
    short = md.get("agency_short")
    if short and len(short) >= 2 and (short in query or (len(short) >= 3 and short[:-1] in query)):
        s += w["agency"]
    if cues.wants_examples and md.get("source") == "report" and md.get("kind") == "narrative":
        s += w["examples"]
    if cues.years and md.get("year") in cues.years:
        s += w["year"]
    if cues.parts and md.get("source") == "report" and md.get("kind") == "narrative":
        heading = str(md.get("heading") or "")
        if any(md.get("section") == sec and (not words or any(x in heading for x in words)) for sec, words in cues.parts):
            s += w["part"]  # 第六部分 / 依申请那段: that part of a report
    if md.get("source") == "report" and md.get("kind") == "table":
        if cues.tables and md.get("section") in cues.tables:
            s += w["table"]  # a question naming 表三 is answered by a 表三 (its rows, as filled in)
        if cues.figure:
            s += w["figure"]  # 多少件: a figure is read from a table
    return s
