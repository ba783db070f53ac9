"""Number extraction over real sentences of the corpus (expectations written by hand) and edge cases."""

import json

import pytest

from conftest import FIXTURES
from report.claims.numbers import NumberMention, extract_numbers, parse_chinese_number

SENTENCES = [json.loads(line) for line in (FIXTURES / "sentences" / "numbers.jsonl").read_text("utf-8").splitlines()]


def _pairs(mentions):
    return [(float(m.value), m.unit) for m in mentions]


def test_corpus_is_large_and_has_negatives():
    assert len(SENTENCES) >= 150
    assert sum(1 for s in SENTENCES if not s["expected"]) >= 50
    assert sum(len(s["expected"]) for s in SENTENCES) >= 100


@pytest.mark.parametrize("case", SENTENCES, ids=lambda c: c["text"][:24])
def test_real_sentence(case):
    got = extract_numbers(case["text"])
    assert _pairs(got) == [(float(e["value"]), e["unit"]) for e in case["expected"]]
    for m in got:  # spans point at the surface in the original text
        assert case["text"][m.start:m.end] == m.surface


@pytest.mark.parametrize(
    "s, value", [("一百三十九", 139), ("两千", 2000), ("十二", 12), ("二〇二一", 2021), ("一百零五", 105),
                 ("三万五千", 35000), ("十", 10), ("一亿二千万", 120_000_000), ("abc", None)])
def test_chinese_numerals(s, value):
    assert parse_chinese_number(s) == value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("共办理一百三十九件", [(139, "件", "count")]),
        ("关注人数突破1.8万(18359)", [(18359, None, "other")]),
        ("关注人数突破1.8万", [(18000, None, "other")]),
        ("收费金额3.2亿元，另收3199 万元", [(3.2, "亿元", "money"), (3199, "万元", "money")]),
        ("共１２３件，占１８．９５％", [(123, "件", "count"), (18.95, "%", "percent")]),
        ("共1,234件，其中2,345,678条", [(1234, "件", "count"), (2345678, "条", "count")]),
        ("占比百分之十，另有百分之百", [(10, "%", "percent"), (100, "%", "percent")]),
        ("发布 5.5万条", [(55000, "条", "count")]),
        ("二〇二一年共十二个项目", [(12, "个", "count")]),
        ("2021 年 1 月 1 日至 12 月 31 日共受理 3119\n件", [(3119, "件", "count")]),
        ("一是加强领导，（二）强化督查，第三十三条规定", []),
        ("5G基站、G15高速", []),
        ("共办理政府12345热线47件，热线电话：12345", [(47, "件", "count")]),
        ("联系电话:0731-84683088 84683099(传真)，邮编：223001", []),
    ],
)
def test_edge_cases(text, expected):
    assert [(m.value, m.unit, m.kind) for m in extract_numbers(text)] == expected


def test_approx_flag_and_surface():
    (m,) = extract_numbers("主动公开各类政府信息 5500 余条")
    assert m == NumberMention(5500, "5500 余条", 11, 18, "条", "count", True)
    (n,) = extract_numbers("占比超八成")
    assert (n.value, n.unit, n.approx) == (80, "%", True)


def test_range_shares_unit():
    assert _pairs(extract_numbers("申请11—30件的部分")) == [(11.0, "件"), (30.0, "件")]


def test_bad_input_never_crashes():
    assert extract_numbers("") == []
    assert extract_numbers("\x00\ufffd|||") == []
    long = "共受理申请3件，" * 2000
    assert len(extract_numbers(long)) == 2000


from hypothesis import given, settings
from hypothesis import strategies as st

_ALPHABET = "0123456789１２.,%％ \n一二两三十百千万亿〇第号年月日件条次个元万元余（）()、，。；申请受理“”《》-—:"


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_any_text_gives_well_formed_mentions(text):
    found = extract_numbers(text)
    last_end = -1
    for m in found:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.surface
        assert m.start >= last_end  # sorted, never overlapping
        last_end = m.end
        assert m.kind in ("count", "percent", "money", "other")
        assert isinstance(m.value, (int, float)) and m.value >= 0


def test_service_numbers_days_of_month_and_run_in_item_numbers_are_not_quantities():
    from report.claims.numbers import extract_numbers as ex
    assert ex("依托12345平台，12345呼叫热线整合了12315、12358") == []
    assert ex("开展110宣传日活动") == []
    assert [m.value for m in ex("于每月5日和20日分两次集中送交")] == [2]
    assert ex("改进措施1.充实和拓宽政府信息的公开内容") == []
    # the same digits as quantities stay
    assert [(m.value, m.unit) for m in ex("办理12345件，不予公开信息数110，发布1.5万条")] == [
        (12345, "件"), (110, None), (15000, "条")]
