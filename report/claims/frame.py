"""A small frame read from the sentence around each narrative number before it is bound.

``read_frame`` answers four questions about a number, from the words of its clause and sentence (not from a list
of whole phrasings):

- **who** — ``whole`` (本机关, 全区, 全年…), ``channel`` (网络提交, 信函, 当面…), ``department`` (a named 局/委/办,
  街道, 镇, 其中民政局…);
- **what** — ``items`` (published information: 条/篇, 信息数, parts of a breakdown of published items — never an
  application count), ``hotline`` (热线, 工单, 来信…: outside 依申请公开), or ``""`` (left to the metric rules);
- **when** — ``this`` (the report year), ``earlier`` (an earlier year named before it in the sentence), ``part``
  (a quarter, a half-year, a month), ``comparison`` (比上年, 同比…), ``cumulative`` (以来, 历年…);
- **unit** — the number's own, or the unit of the breakdown total it is a part of (``不予公开信息数79`` in a
  breakdown of 条 is 79 条).

A scope narrower than the whole year (who ≠ whole, when = part) that still equals the whole-year cell is verified;
one that does not is a warning, never an error.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from report.claims import keywords as R
from report.claims import text as T
from report.claims.numbers import NumberMention

ITEM_UNITS = ("条", "篇")
# measure words a count of applications may take when the counted noun is 申请 (申请3条 / 申请1份)
_APPLICATION_MEASURES = ITEM_UNITS + ("份",)
_ITEM_NOUN = re.compile(r"信息(?:总)?(?:数|数量|条数)(?:为|是|达)?$")
_BY_APPLICATION = re.compile(r"依申请公开(?:政府)?信息$")
_PART_YEAR = re.compile(r"季度|上半年|下半年|(?<![\d年])\d{1,2}月(?!\d{1,2}日)")


class Frame(NamedTuple):
    who: str
    what: str
    when: str
    unit: Optional[str]


def read_frame(text: str, s0: int, m: NumberMention, clause_left: str, sentence: str, year: Optional[int],
               total: Optional[NumberMention] = None, own: tuple[str, ...] = ()) -> Frame:
    """``clause_left``: the clause up to the number (whitespace-free); ``total``: the breakdown total the number
    is a part of, if any; ``own``: the agency's own names (its subject is the whole scope)."""
    sent_left = T.compact(text[s0:m.start])
    unit = m.unit
    if unit is None and total is not None and total.unit in ITEM_UNITS:
        unit = total.unit
    what = ""
    if unit in _APPLICATION_MEASURES and R.APPLICATION_COUNT_NOUN.search(clause_left):
        unit = "件"  # 共收到政府信息公开申请3条 / 申请1份: applications, whatever the measure word
    elif unit in ITEM_UNITS and _BY_APPLICATION.search(clause_left) and R.APPLICATION.search(sentence[len(sent_left):]):
        # 依申请公开政府信息5条，提交申请的方式为…: information released on application, the sentence going on about
        # the applications — read as applications, but loosely (equal: verified; different: not a contradiction)
        unit, what = "件", "loose"
    elif unit in ITEM_UNITS or (unit is None and _ITEM_NOUN.search(clause_left)):
        what = "items"
    elif R.NOT_APPLICATION.search(sentence):
        what = "hotline"
    if R.comparison(clause_left):
        when = "cumulative" if R.CUMULATIVE.search(clause_left) else "comparison"
    elif R.other_year(clause_left, sent_left, year):
        when = "earlier"
    elif _PART_YEAR.search(clause_left):
        when = "part"
    else:
        when = "this"
    if T.CHANNEL.search(clause_left) and not T.WHOLE.search(clause_left):
        who = "channel"
    elif T.narrowed(T.strip_own(clause_left, list(own)), T.strip_own(T.compact(text[s0:m.start]), list(own))):
        who = "department"
    else:
        who = "whole"
    return Frame(who, what, when, unit)
