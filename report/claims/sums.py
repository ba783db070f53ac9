"""Arithmetic inside one sentence of narrative (statutory_tables.md N-2): breakdowns and percent lists.

- ``共发布6352条，其中政务动态3517条，……专题专栏407条``: the parts after 其中 that share the total's unit (at least
  two of them) must add up to the total. A sum above or below the total is a warning (N-2; the list
  may overlap or be partial on purpose).
- ``其中……占18.95%，……，其它占2.04%``: three or more percentages after 其中, one of them for 其他/其它, must add up
  to 100 % within rounding (half a unit of the last decimal place per item).

This module reads the breakdowns (heads, totals, parts); :mod:`report.claims.sumcheck` checks them and returns plain
:class:`SumCheck` records, which :mod:`report.claims` turns into claims.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Union

from report.claims import keywords as R
from report.claims.numbers import NumberMention
from report.model.numfmt import fmt_number

Number = Union[int, float]


class SumCheck(NamedTuple):
    mention: NumberMention
    ok: bool
    severity: str
    expected: Optional[Number]
    expr: str
    message: str
    parts: tuple[NumberMention, ...] = ()  # the part mentions of a breakdown (empty for percent lists)


def _fmt(v: Number) -> str:
    """A sum computed here, rounded where it is computed (6 decimals), printed by the one formatter."""
    return fmt_number(round(v, 6))


def _decimals(m: NumberMention) -> int:
    digits = re.sub(r"[^\d.]", "", m.surface)
    return len(digits.split(".")[1]) if "." in digits else 0


# What opens a breakdown after its total: 其中 / 包括 / 涉及 / 分别 / 在…N条中.
_HEAD = re.compile(r"其中|包括|包含|涵盖|涉及|分别(?:为|是)|(?:主要|具体)(?:情况|内容)?(?:为|是|有|如下)|(?<![划区])分为"
                   r"|从[^，,。；;\d]{1,10}?(?:来看|看)[，,：:]?|按[^，,。；;\d]{1,8}?(?:划分|分|统计)[，,：:]")
# Heads that do not say the list is the total's (从类别看, 按…分, a colon): a list of them is checked only when no
# part exceeds the total (the last count before them may be another figure: …结转1件。从申请方式看，网络3件…).
WEAK_HEAD = re.compile(r"^\s*(?:从|按|[：:])")
_COLON_HEAD = re.compile(r"[^，,。；;：:\d]{0,8}[：:]")
_IN_HEAD = re.compile(r"^[^，,。；：:]{0,4}?[中里][，,：:]?")  # 在主动公开的90条中，…
_NOUN_IN_HEAD = re.compile(r"^\s*(?:申请|件|条|案件|信息)?\s*(?:中|当中)\s*[，,：:]")
_COUNT_NOUN = re.compile(r"数(?:量)?(?:为|是|达)?$")  # 不予公开信息数79: a count in the noun's unit


def part_unit(text: str, m: NumberMention, total: NumberMention) -> Optional[str]:
    """The unit of a breakdown part: its own, or — for a bare number after a count noun (``信息数79``) — the
    total's."""
    if m.unit is not None:
        return m.unit
    left = re.sub(r"\s+", "", text[max(0, m.start - 6):m.start])
    return total.unit if _COUNT_NOUN.search(left) else None


_CHANGE = re.compile(r"新增|注销|撤销|关停|取消|减少|增加|合并|整合|另有|另外|此外")
_NEW_TOTAL = re.compile(r"(?<!公)共|合计|总计|累计|全年|结转|另有|此外")


def _list_end(text: str, p: int, s1: int, mentions: list[NumberMention]) -> int:
    """Where the parts of a breakdown opened at ``p`` end: at the sentence end, or at a ；-piece that opens with a
    total of its own (``…法人8件；共办理718件``) instead of going on with the list."""
    for semi in re.finditer(r"[；;]", text[p:s1]):
        a = p + semi.end()
        nxt = next((m.start for m in mentions if m.start >= a), s1)
        if _NEW_TOTAL.search(text[a:nxt]):
            return a
    return s1


def _depth(text: str, s0: int, pos: int) -> int:
    """Bracket depth at ``pos`` inside the sentence starting at ``s0`` (a bracketed list is a nested breakdown)."""
    seg = text[s0:pos]
    return max(0, seg.count("（") + seg.count("(") - seg.count("）") - seg.count(")"))


def _parts(text: str, s0: int, p: int, stop: int, tot: NumberMention,
           mentions: list[NumberMention]) -> list[NumberMention]:
    """The parts of a breakdown opened at ``p``: same unit as the total (or a bare count noun), at the bracket
    depth of the head, before the list ends or the head's bracket closes."""
    d = _depth(text, s0, p)
    out: list[NumberMention] = []
    for m in mentions:
        if m.start < p or m.start >= stop or m.kind == "percent" or m.start == tot.start:
            continue
        dm = _depth(text, s0, m.start)
        if dm < d:
            break
        k = max(text.rfind(x, p, m.start) for x in "，,、；;：:")
        if _CHANGE.search(text[max(k, p):m.start]):
            continue  # 调整为33家，其中注销5家…新增3家: a change is not a component of the total
        if dm == d and part_unit(text, m, tot) == tot.unit:
            if _TOTAL_AFTER.match(re.sub(r"\s+", "", text[max(k, p) + 1:m.start])) and out:
                break  # …6件，部分公开2件，共8件: a total of the parts before it ends the list, it is not one more part
            out.append(m)
    return out


def _partial(text: str, p: int, parts: list[NumberMention]) -> bool:
    """A list with items that carry no number (``行政规范性文件13件；规划计划文件2件；2024年度部门预算…信息；…``)
    names only some of its parts."""
    if not parts:
        return False
    span = text[p:parts[-1].end]
    pieces = [x for x in re.split(r"[；;]", span) if x.strip()]
    starts = [m.start for m in parts]
    pos = p
    for piece in pieces:
        a, b = pos, pos + len(piece)
        pos = b + 1
        if not any(a <= s < b for s in starts) and len(piece.strip()) > 4:
            return True
    return False


def _parallel(text: str, s0: int, m: NumberMention, word: str) -> bool:
    """The count before a head word was itself opened by that word (``涉及规划建设类21件，占25.93%；涉及征收拆迁类
    30件``): the two clauses are items of one list, not a total and its parts."""
    k = max(text.rfind(x, s0, m.start) for x in "，,；;：:、")
    return re.sub(r"\s+", "", text[max(k + 1, s0):m.start]).startswith(word)


def _scoped(text: str, p: int, parts: list[NumberMention]) -> bool:
    """Some part is a department's or a channel's own count (区政府办公室本级受理12件, 各街道共受理45件)."""
    prev = p
    for m in parts:
        k = max(text.rfind(x, prev, m.start) for x in "，,、；;：:")
        if R.NARROW.search(re.sub(r"\s+", "", text[max(k + 1, prev):m.start])):
            return True
        prev = m.end
    return False


_PLATFORM = re.compile(r"网站|门户|微信|微博|公众号|客户端|APP|App|app|抖音|头条|新媒体|视频号|小程序|报刊|电视|广播|公开栏|公示栏")


def _platforms(text: str, p: int, parts: list[NumberMention]) -> bool:
    """Every part names a publication platform (门户网站800条，微信公众号500条): the same item may be counted on
    several, so the parts may exceed their total."""
    prev = p
    for m in parts:
        k = max(text.rfind(x, prev, m.start) for x in "，,、；;：:")
        if not _PLATFORM.search(text[max(k + 1, prev):m.start]):
            return False
        prev = m.end
    return True


def _complete(text: str, p: int, parts: list[NumberMention]) -> bool:
    """The list says it covers its total: one of its items is the remainder (其他/其它/其余…), or the head says
    分别. A list without one may name only some parts (``全区共收到申请139件。其中，区政府办公室本级受理12件，各街道
    共受理45件``): falling short of the total is then no error; exceeding it always is."""
    if re.match(r"\s*分别", text[p - 3:p] + text[p:p + 2]):
        return True
    prev = p
    for m in parts:
        if re.search(r"其他|其它|其余|剩余|余下", text[prev:m.start]):
            return True
        prev = m.end
    return False


def breakdown_heads(text: str, s0: int, s1: int, mentions: list[NumberMention]) -> list[tuple[NumberMention, int]]:
    """(total, position where its parts start) for each breakdown of the sentence: ``共N条，其中…``, ``N件，包括…``,
    ``在…N条中，…``, ``N条（…）``. The total is the last count before the head word."""
    out: list[tuple[NumberMention, int]] = []
    seen: set[int] = set()
    for hit in _HEAD.finditer(text, s0, s1):
        before = [m for m in mentions if m.end <= hit.start() and m.kind in ("count", "money")]
        if before and _parallel(text, s0, before[-1], hit.group(0)):
            continue
        if before and before[-1].start not in seen:
            seen.add(before[-1].start)
            out.append((before[-1], hit.end()))
    for m in mentions:
        if m.kind not in ("count", "money") or m.start in seen:
            continue
        if text[m.end:m.end + 1] in ("（", "("):  # 主动公开117条（涵盖…10条、…）: a bracket opens its parts
            seen.add(m.start)
            out.append((m, m.end + 1))
            continue
        colon = _COLON_HEAD.match(text, m.end, s1)  # 主动公开政府信息120条：A类5条、…
        if colon and m.kind == "count":
            seen.add(m.start)
            out.append((m, colon.end()))
            continue
        tail = _IN_HEAD.match(text[m.end:s1])
        bare = _NOUN_IN_HEAD.match(text[m.end:s1])  # 81件申请中，… (no 在): the count and its noun, then 中
        if bare or (tail and "在" in text[max(s0, m.start - 20):m.start]):
            tail = bare or tail
            assert tail is not None
            seen.add(m.start)
            out.append((m, m.end + tail.end()))
    return out


class Head(NamedTuple):
    total: NumberMention
    start: int  # where its parts start
    bound: int  # where the parts of an earlier breakdown end at the latest (its total, or its head word)


def _stop(text: str, s0: int, s1: int, heads: list[Head], k: int, mentions: list[NumberMention]) -> int:
    """Where the parts of head ``k`` end: at the next breakdown of the same depth, or where the list ends."""
    tot, p, _ = heads[k]
    d = _depth(text, s0, p)
    return min([h.bound for h in heads[k + 1:] if h.bound > p and _depth(text, s0, h.start) == d]
               + [_list_end(text, p, s1, mentions)])


def breakdowns(text: str, s0: int, s1: int, mentions: list[NumberMention]) -> list[tuple[Head, list[NumberMention]]]:
    """Each breakdown of the sentence with its parts. A head whose count is itself a part of an earlier breakdown
    but is smaller than the parts that follow it (``共收到申请81件，其中网上申请79件，当面申请2件，涉及自然人80件、
    商业企业1件``: 80 + 1 cannot be parts of 2) lists the earlier total again, along another dimension: its total is
    the earlier total, and the earlier list ends at its head word."""
    heads = [Head(t, p, t.start) for t, p in sorted(breakdown_heads(text, s0, s1, mentions), key=lambda h: h[1])]
    out: list[tuple[Head, list[NumberMention]]] = []
    for k, h in enumerate(heads):
        parts = _parts(text, s0, h.start, _stop(text, s0, s1, heads, k, mentions), h.total, mentions)
        outer = next((oh for oh, _ in reversed(out) if any(
            x.start == h.total.start for x in _parts(text, s0, oh.start, _list_end(text, oh.start, s1, mentions),
                                                     oh.total, mentions))), None)
        if outer is not None and len(parts) >= 2 and sum(x.value for x in parts) > h.total.value \
                and outer.total.unit == h.total.unit and _depth(text, s0, h.start) <= _depth(text, s0, outer.start):
            # (a list in brackets after a part, 主动公开116条（涵盖…）, is that part's own breakdown, never the outer's)
            word = _HEAD.search(text, h.total.end, h.start)
            heads[k] = h = Head(outer.total, h.start, word.start() if word else h.total.end)
            # the earlier list ends at this head word: recompute its parts
            for j, (oh, _) in enumerate(out):
                kj = heads.index(oh) if oh in heads else -1
                if kj >= 0:
                    out[j] = (oh, _parts(text, s0, oh.start, _stop(text, s0, s1, heads, kj, mentions), oh.total,
                                         mentions))
            parts = _parts(text, s0, h.start, _stop(text, s0, s1, heads, k, mentions), h.total, mentions)
        out.append((h, parts))
    return out


def breakdown_of(text: str, s0: int, s1: int, mentions: list[NumberMention]) -> dict[int, NumberMention]:
    """part start → its breakdown's total, for every part (same unit as the total, or a bare count noun)."""
    out: dict[int, NumberMention] = {}
    for h, _ in breakdowns(text, s0, s1, mentions):
        for m in _parts(text, s0, h.start, _list_end(text, h.start, s1, mentions), h.total, mentions):
            out.setdefault(m.start, h.total)
    return out


# A total written after its parts: a clause that is nothing but 合计/共计/总计 and the number (新收12件，上年结转2件，合计14件).
_TOTAL_AFTER = re.compile(r"^(?:(?:合计|共计|总计|两项合计|以上合计|二者合计|共)(?:为|达|有)?"
                          r"|(?:以上)?(?:共计?|合计|总计)(?:主动)?(?:公开|发布)(?:政府)?(?:信息)?(?:共计?)?)$")
