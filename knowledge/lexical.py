"""Lexical retrieval: jieba tokenisation with the domain vocabulary, bm25s scoring, persisted beside the store.

Query handling lives here too: question words are dropped (是多少/怎么/吗/哪些…) and colloquial words are
mapped to the statutory terms the texts use (期限 -> 工作日/日内, 收费 -> 信息处理费…).
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

LEXICAL_VERSION = "5"  # bump when tokenisation, parameters or the indexed text change: saved indexes are rebuilt
BM25_K1 = 1.2
BM25_B = 0.5  # measured with bench/retrieval.py: 0.5 helps long articles (many 项) against short passages

DOMAIN_WORDS = (
    "政府信息公开", "依申请公开", "主动公开", "信息处理费", "行政复议", "行政诉讼", "不予公开", "部分公开",
    "区分处理", "补正", "过程性信息", "内部事务信息", "行政执法案卷", "行政查询事项", "国家秘密", "第三方",
    "工作日", "年度报告", "政府信息公开工作年度报告", "公开方式", "公开形式", "答复期限", "延长答复",
    "不予处理", "无法提供", "予以公开", "信访举报投诉", "重复申请", "公开出版物", "政府信息公开申请",
    "政府门户网站", "政务新媒体", "微信公众号", "政务微博", "政府公报", "政府信息公开平台", "政务公开",
    "政策解读", "监督保障", "考核", "社会评议", "责任追究", "按件计收", "按量计收", "超额累进",
    "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "结转", "上年结转",
    "本年新收", "不存在", "不掌握", "商业秘密", "个人隐私", "公共利益", "书面形式", "数据电文", "一次性告知", "当场答复",
)

STOPWORDS = set(
    "的 了 和 与 及 或 是 在 对 为 以 等 之 其 所 有 被 把 将 就 都 也 还 又 而 并 则 即 于 由 从 向 按 "
    "吗 呢 啊 吧 么 呀 怎么 怎样 如何 什么 哪些 哪个 哪 多少 几 是否 是不是 能否 可以吗 有没有 规定 要求 "
    "请问 一下 时 时候 应 我们 我 你 你们 他们 这 那 这个 那个 这些 那些 个 件 条 中 上 下 内 后 前 去年 今年 "
    "应当 应该 需要 能 会 该 本 其中 , . 、 ， 。 ？ ? ！ ! ： : ； ; （ ） ( ) 《 》 “ ” \" ' - — / |".split()
)

QUESTION_RE = re.compile(r"(是多少|有多少|是什么|怎么样|怎么办|怎么|如何|哪些|哪个|是否|吗|呢|请问|多少)")

SYNONYMS_FILE = Path(__file__).resolve().parent / "corpus" / "synonyms.json"


def load_synonyms(path: Path = SYNONYMS_FILE) -> dict[str, tuple[str, ...]]:
    """The colloquial -> statutory table (data: ``knowledge/corpus/synonyms.json``), longest words first."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"synonyms": {}}
    table = {str(k): tuple(str(t) for t in v) for k, v in data["synonyms"].items()}
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


# colloquial word -> statutory terms added to the lexical query (the original word is kept too)
SYNONYMS = load_synonyms()

_lock = threading.Lock()
_ready = False


def setup_jieba(cache_dir: Path | None = None) -> None:
    """Point jieba's cache into a writable data dir, silence it and add the domain vocabulary (once)."""
    global _ready
    with _lock:
        if _ready:
            return
        import jieba

        jieba.setLogLevel(60)
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            jieba.dt.cache_file = str(cache_dir / "jieba.cache")
        for w in DOMAIN_WORDS:
            jieba.add_word(w, freq=20000)
        _ready = True


def tokenize(text: str) -> list[str]:
    import jieba

    setup_jieba()
    out = []
    for tok in jieba.lcut_for_search(text):
        tok = tok.strip().lower()
        if not tok or tok in STOPWORDS or re.fullmatch(r"[\W_]+", tok):
            continue
        out.append(tok)
    return out


def rewrite_query(query: str) -> tuple[str, list[str]]:
    """-> (query without question words, extra statutory terms from the synonym table)."""
    core = QUESTION_RE.sub(" ", query).strip()
    extra: list[str] = []
    for word, terms in SYNONYMS.items():
        if word in query:
            extra.extend(t for t in terms if t not in extra)
    return core or query, extra


def query_tokens(query: str) -> list[str]:
    core, extra = rewrite_query(query)
    toks = tokenize(core)
    for t in extra:
        toks.extend(tokenize(t))
    return toks


class LexicalIndex:
    """bm25s over the chunk texts (with their citations), rows aligned with ``ids``."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.bm25 = None

    def build(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        import bm25s

        self.ids = list(ids)
        corpus = [tokenize(t) or ["_empty_"] for t in texts]
        bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        if corpus:
            bm25.index(corpus, show_progress=False)
        self.bm25 = bm25

    def scores(self, query: str) -> np.ndarray:
        if self.bm25 is None or not self.ids:
            return np.zeros(0, dtype=np.float32)
        toks = query_tokens(query)
        if not toks:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(toks), dtype=np.float32)

    def save(self, directory: Path, stamp: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self.bm25 is not None and self.ids:
            self.bm25.save(str(directory), show_progress=False)
        (directory / "ids.json").write_text(json.dumps({"stamp": stamp, "ids": self.ids}), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, stamp: str) -> "LexicalIndex | None":
        """The saved index when it was built for exactly this chunk set (same stamp), else None."""
        import bm25s

        meta = directory / "ids.json"
        if not meta.exists():
            return None
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            if data.get("stamp") != stamp:
                return None
            idx = cls()
            idx.ids = list(data["ids"])
            if idx.ids:
                idx.bm25 = bm25s.BM25.load(str(directory), show_progress=False)
            return idx
        except (OSError, ValueError, KeyError):
            return None
