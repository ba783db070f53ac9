"""A document prior: which bundled document a question is most likely answered by, learned from questions.

The 条例 answers general questions, the 信息处理费 办法 answers fee questions, the 年度报告格式 notice answers
questions about the format, the sample reports answer questions about figures and wording. Instead of a list of
phrases, the prior is a multinomial naive Bayes classifier over the question's tokens (the same jieba tokens as
BM25), trained on staff questions labelled with the document that answers them (``bench/questions/tune.jsonl``
only: the measure set is never used) plus the documents' own text as weaker examples. It is fitted by
``bench/retrieval_fit.py --write`` and shipped as ``knowledge/corpus/doc_prior.json``; with no file there is no
prior (every class equally likely), so the ranking still works.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from .lexical import query_tokens, tokenize

PRIOR_FILE = Path(__file__).resolve().parent / "corpus" / "doc_prior.json"
CLASSES = ("条例", "办法", "通知", "报告")
DOC_CLASS = {"政府信息公开条例": "条例", "政府信息公开信息处理费管理办法": "办法", "政府信息公开工作年度报告格式": "通知"}


def chunk_class(md: dict[str, Any]) -> str | None:
    """The prior class of a stored chunk (None for uploads and unknown regulations: no prior applies)."""
    if md.get("source") == "report":
        return "报告"
    return DOC_CLASS.get(str(md.get("doc_title") or ""))


class DocPrior:
    def __init__(self, logp: dict[str, dict[str, float]] | None = None, unseen: dict[str, float] | None = None,
                 class_logp: dict[str, float] | None = None):
        self.logp = logp or {}
        self.unseen = unseen or {}
        self.class_logp = class_logp or {}
        self._memo: dict[str, dict[str, float]] = {}  # query -> P(class | query) (the fit ranks each one often)

    @classmethod
    def fit(cls, questions: Iterable[tuple[str, str]], documents: Iterable[tuple[str, str]],
            doc_weight: float = 0.05, alpha: float = 0.5) -> "DocPrior":
        counts: dict[str, Counter[str]] = {c: Counter() for c in CLASSES}
        n_class: Counter = Counter()
        for text, c in questions:
            counts[c].update(query_tokens(text))
            n_class[c] += 1
        for text, c in documents:
            for tok, n in Counter(tokenize(text)).items():
                counts[c][tok] += doc_weight * n  # type: ignore[assignment]  # weighted counts
        vocab = set().union(*counts.values())
        logp, unseen = {}, {}
        for c in CLASSES:
            total = sum(counts[c].values()) + alpha * (len(vocab) + 1)
            logp[c] = {t: math.log((counts[c][t] + alpha) / total) for t in counts[c]}
            unseen[c] = math.log(alpha / total)
        n = sum(n_class.values()) or 1
        class_logp = {c: math.log((n_class[c] + 1) / (n + len(CLASSES))) for c in CLASSES}
        return cls(logp, unseen, class_logp)

    def predict(self, query: str) -> dict[str, float]:
        """P(class | query); uniform when untrained or when the query has no known token."""
        got = self._memo.get(query)
        if got is None:
            if len(self._memo) > 4096:
                self._memo.clear()
            got = self._memo[query] = self._predict(query)
        return got

    def _predict(self, query: str) -> dict[str, float]:
        if not self.logp:
            return dict.fromkeys(CLASSES, 1.0 / len(CLASSES))
        toks = [t for t in query_tokens(query) if any(t in self.logp[c] for c in CLASSES)]
        scores = {c: self.class_logp.get(c, 0.0) + sum(self.logp[c].get(t, self.unseen[c]) for t in toks)
                  for c in CLASSES}
        top = max(scores.values())
        exp = {c: math.exp(v - top) for c, v in scores.items()}
        z = sum(exp.values())
        return {c: v / z for c, v in exp.items()}

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(CLASSES), "logp": {c: {t: round(v, 4) for t, v in d.items()}
                                                   for c, d in self.logp.items()},
                "unseen": self.unseen, "class_logp": self.class_logp}

    def save(self, path: Path = PRIOR_FILE) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path = PRIOR_FILE) -> "DocPrior":
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["logp"], data["unseen"], data["class_logp"])


_cached: DocPrior | None = None


def shipped_prior() -> DocPrior:
    global _cached
    if _cached is None:
        _cached = DocPrior.load()
    return _cached
