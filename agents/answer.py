"""Offline answers that answer: the sentence of the best passage that answers the question, highlighted and cited,
then that passage, then the other passages by citation only.

The sentence is chosen by code: the sentence passage that ranked the passage first, when one did
(``metadata['matched_sentence']``: dense, BM25 and topic scores of that sentence alone); otherwise each sentence of
the top passage is scored by the question's tokens it contains
(the same jieba tokens and synonyms as BM25, weighted by length) and by shared character pairs. Nothing is
rewritten: the answer quotes the source verbatim, so what staff read is what the citation says.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

SENTENCE_RE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
EXCERPT_CHARS = 60
PROVISO = ("但是", "但")
PASSAGE_CHARS = 600


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or 款/项 line of ``text`` (ends at 。；！？ or a line break)."""
    return [(m.start(), m.end()) for m in SENTENCE_RE.finditer(text) if m.group(0).strip()]


def _pairs(s: str) -> set[str]:
    s = re.sub(r"[\s，。；;、,.:：（）()“”\"《》？?！!]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def sentence_score(question: str, sentence: str, q_tokens: Sequence[str] | None = None) -> float:
    from knowledge.lexical import query_tokens, tokenize

    toks = set(q_tokens if q_tokens is not None else query_tokens(question))
    have = set(tokenize(sentence))
    lexical = sum(min(len(t), 4) for t in toks & have)
    q_pairs = _pairs(question)
    overlap = len(q_pairs & _pairs(sentence)) / (len(q_pairs) or 1)
    return lexical + 4.0 * overlap


def answering_span(question: str, text: str) -> tuple[int, int] | None:
    """The span of the sentence (or two adjacent sentences) of ``text`` that best answers ``question``."""
    from knowledge.lexical import query_tokens

    spans = sentences(text)
    if not spans:
        return None
    toks = query_tokens(question)
    scored = [(sentence_score(question, text[a:b], toks), i) for i, (a, b) in enumerate(spans)]
    # a line that only introduces a list (…下列情况分别作出答复：) is context, not the answer
    scored = [(s - (3.0 if text[spans[i][0]:spans[i][1]].rstrip().endswith(("：", ":")) else 0.0), i)
              for s, i in scored]
    best, i = max(scored, key=lambda x: (x[0], -x[1]))
    if best <= 0:
        return None
    start, end = spans[i]
    if text[start:end].rstrip().endswith(("：", ":")):
        return start, len(text.rstrip())  # what matched is the sentence that opens a list: the list answers
    # a sentence cut at a semicolon often needs its neighbour (…的，应当…；需要延长的，…): keep it when it scores too
    if i + 1 < len(spans) and scored[i + 1][0] >= 0.6 * best and text[end - 1:end] in "；;":
        end = spans[i + 1][1]
    if i > 0 and scored[i - 1][0] >= 0.6 * best and text[spans[i - 1][1] - 1:spans[i - 1][1]] in "；;":
        start = spans[i - 1][0]
    return start, end


def matched_span(hit: Any, text: str) -> tuple[int, int] | None:
    """The span of the sentence the ranking itself matched (a sentence passage that ranked its 款 first:
    ``metadata['matched_sentence']``, :func:`knowledge.passages.collapse`), when it is in ``text``."""
    sentence = str((getattr(hit, "metadata", None) or {}).get("matched_sentence") or "").strip()
    at = text.find(sentence) if sentence else -1
    if at < 0:
        return None
    start, end = at, at + len(sentence)
    spans = sentences(text)
    # a proviso (但是，…) is read with the rule it qualifies, and a rule with the proviso that follows it
    if sentence.startswith(PROVISO):
        start = next((a for a, b in reversed(spans) if b <= start and text[a:b].strip()), start)
    else:
        after = next(((a, b) for a, b in spans if a >= end and text[a:b].strip()), None)
        if after and text[after[0]:after[1]].lstrip().startswith(PROVISO):
            end = after[1]
    return start, end


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def compose(question: str, hits: Sequence[Any]) -> str:
    """The offline answer: highlighted sentence with its citation, the passage, other passages by citation."""
    if not hits:
        return "没有检索到相关的法规条文或报告段落，请换一种问法。"
    top = hits[0]
    text = str(getattr(top, "text", ""))
    cite = str(getattr(top, "citation", "") or "未注明出处")
    span = matched_span(top, text) or answering_span(question, text)
    out = []
    if span is not None:
        a, b = span
        sentence = _clean(text[a:b]).rstrip("；;")
        lead = "…" if a > 0 and not text[:a].rstrip().endswith(("：", ":")) else ""
        tail = "…" if b < len(text.rstrip()) else ""
        out.append(f"**{_where(cite)}：「{lead}{sentence}{tail}」**")
        out.append(f"——{cite}")
        passage = text[:a] + "**" + text[a:b].strip() + "**" + text[b:]
    else:
        out.append(f"最相关的内容见{cite}（未能确定其中哪一句回答了问题，请阅读原文）。")
        passage = text
    if len(passage) > PASSAGE_CHARS:
        passage = passage[:PASSAGE_CHARS] + "……"
    out.append(f"\n原文（{cite}）：\n{passage.strip()}")
    others = [h for h in hits[1:] if getattr(h, "citation", "") != cite]
    if others:
        out.append("\n其他可能相关的内容：")
        for h in others:
            excerpt = _clean(str(getattr(h, "text", "")))
            excerpt = excerpt[:EXCERPT_CHARS] + ("……" if len(excerpt) > EXCERPT_CHARS else "")
            out.append(f"- {getattr(h, 'citation', '')}：{excerpt}")
    return "\n".join(out)


def _where(citation: str) -> str:
    """《政府信息公开条例》第三十三条第二款 -> 第三十三条第二款; a report citation stays whole."""
    m = re.search(r"》(第.+)$", citation)
    return m.group(1) if m else citation
