"""Small helpers of the claim binder, value by value: label bigrams (spaces, digits and punctuation ignored), the
share of a fact's label found near a number, exact value matching of targets, and decimals of a percent mention
(the rounding tolerance of a 100 % check)."""

from report.claims.claim import matching
from report.claims.facts import Fact, _bigrams, _fact_score
from report.claims.numbers import NumberMention
from report.claims.sums import _decimals
from report.claims.targets import Target


def test_bigrams_ignore_spaces_digits_and_punctuation():
    assert _bigrams("政务 新媒体1号") == {"政务", "务新", "新媒", "媒体", "体号"}
    assert _bigrams("（网站）：“访问”") == {"网站", "站访", "访问"}
    assert _bigrams("网") == set() and _bigrams("12，3") == set()


def test_fact_score_is_the_share_of_the_labels_bigrams_found():
    fact = Fact(id="F1", label="政务新媒体", value=95)
    assert [_fact_score(fact, c) for c in ("本年政务新媒体发布95条", "政务发布", "网站")] == [1.0, 0.25, 0.0]
    assert _fact_score(Fact(id="F2", label="1号", value=1), "1号") == 0.0  # a label without two letters scores nothing


def test_targets_match_the_value_exactly_and_never_its_negative_or_a_neighbour():
    targets = [Target("a", 5, "甲"), Target("b", -5, "乙"), Target("c", None, "丙"), Target("d", 5.5, "丁"),
               Target("e", 5 + 1e-12, "戊")]
    assert [t.expr for t in matching(targets, 5)] == ["a", "e"]
    assert [t.expr for t in matching(targets, 5.5)] == ["d"]


def test_decimals_of_a_mention():
    def mention(surface):
        return NumberMention(value=0, surface=surface, start=0, end=len(surface), unit="%", kind="percent")

    assert [_decimals(mention(s)) for s in ("12%", "12.5%", "0.25%", "约3.0%")] == [0, 1, 2, 1]
