"""Arithmetic inside one sentence of narrative (statutory_tables.md N-2): breakdowns and percent lists.

- ``共发布6352条，其中政务动态3517条，……专题专栏407条``: the parts after 其中 that share the total's unit (at least
  two of them) must add up to the total. A sum above or below the total is a warning (N-2; the list
  may overlap or be partial on purpose).
- ``其中……占18.95%，……，其它占2.04%``: three or more percentages after 其中, one of them for 其他/其它, must add up
  to 100 % within rounding (half a unit of the last decimal place per item).

Returns plain :class:`SumCheck` records; :mod:`report.claims` turns them into claims.
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
_HEAD = re.compile(r"其中|包括|包含|涵盖|涉及|分别(?:为|是)|(?:主要|具体)(?:为|是|有|如下)|(?<![划区])分为"
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


def _restarts(parts: list[NumberMention], total: Number) -> bool:
    """The parts list the total along two dimensions one after the other, with no head word between them
    (``其中网上申请79件、当面申请2件，自然人80件、商业企业1件``): the parts fall into consecutive runs of two or
    more that each add up to the total exactly (a list of 93 under 90 with a run of 90 and one more item is an
    error, not a second dimension)."""
    run, runs, size = 0.0, 0, 0
    for m in parts:
        run += m.value
        size += 1
        if run > total + 1e-6:
            return False
        if abs(run - total) < 1e-6:
            if size < 2:
                return False
            run, size, runs = 0.0, 0, runs + 1
    return runs >= 2 and size == 0


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
                and outer.total.unit == h.total.unit:
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
_TOTAL_AFTER = re.compile(r"^(?:合计|共计|总计|两项合计|以上合计|二者合计|共)(?:为|达|有)?$")
_FIRST_TOTAL = re.compile(r"合计|总计|其中|包括|涉及|分别|[中里][，,：:]?$")
_OWN_TOTAL = re.compile(r"共|合计|总计|累计|其中|包括|涉及|分别|全年|[中里][，,：:]?$")


def backward_totals(text: str, s0: int, s1: int, mentions: list[NumberMention]) -> list[SumCheck]:
    """``A 12件，B 2件，合计14件``: the counts listed before a bare 合计/共计 clause (same unit, same bracket depth,
    each in its own clause with no total word of its own) must add up to it. A warning when they do not (N-2)."""
    out: list[SumCheck] = []
    done = s0
    for i, tot in enumerate(mentions):
        if tot.kind not in ("count", "money") or not (s0 <= tot.start < s1):
            continue
        k = max(text.rfind(x, s0, tot.start) for x in "，,；;、：:")
        if k < done or not _TOTAL_AFTER.match(re.sub(r"\s+", "", text[k + 1:tot.start])):
            continue
        d = _depth(text, s0, tot.start)
        heads = [h.start() for h in _HEAD.finditer(text, done, tot.start)]
        lo = heads[-1] if heads else done  # 收到申请12件，其中A 6件，B 2件，共8件: the list after 其中
        parts: list[NumberMention] = []
        for m in mentions[:i]:
            if m.start < lo or m.kind == "percent" or m.unit != tot.unit or _depth(text, s0, m.start) != d:
                continue
            parts.append(m)
        if len(parts) > 2 and abs(parts[0].value - tot.value) < 1e-9:
            parts = parts[1:]  # 收到申请81件，予以公开40件，…，合计81件: the first count is the total itself, restated
        if len(parts) < 2:
            continue
        clauses_ok = True
        prev_end = lo
        for m in parts:
            c = max(text.rfind(x, prev_end, m.start) for x in "，,；;、：:")
            left = re.sub(r"\s+", "", text[(c + 1 if c >= 0 else prev_end):m.start])
            own = _FIRST_TOTAL if m is parts[0] else _OWN_TOTAL  # the first clause may carry the subject (全年共收到…)
            if m is parts[0]:
                left = re.sub(r"^.*其中[，,：:]?", "", left)  # 其中A 6件，B 2件，共8件: the list itself
            if c < 0 and m is not parts[0] or own.search(left) or _CHANGE.search(left):
                clauses_ok = False  # one number per clause, none a total or a change of its own
                break
            prev_end = m.end
        done = tot.end
        if not clauses_ok:
            continue
        total = sum(m.value for m in parts)
        ok = abs(total - tot.value) < 1e-6
        expr = "前列分项之和 " + " + ".join(_fmt(m.value) for m in parts)
        msg = (f"“{tot.surface.strip()}”等于其前所列 {len(parts)} 项之和。" if ok else
               f"“{tot.surface.strip()}”与其前所列各项之和 {_fmt(total)}{tot.unit or ''} 不一致，请核对合计或各项。")
        out.append(SumCheck(tot, ok, "info" if ok else "warning", total, expr, msg, tuple(parts)))
    return out


# A category item of a list of published information (重大建设项目类信息280条, 其他应主动公开的政府信息24条).
_CATEGORY_ITEM = re.compile(r"^(?:[^，,、；;。]{1,24}类(?:政府)?(?:信息)?(?:方面)?|其[他它][^，,、；;。]{0,16})(?:共|有|为)?$")


def bare_lists(text: str, s0: int, s1: int, mentions: list[NumberMention]) -> list[tuple[NumberMention, list[NumberMention]]]:
    """A total followed, with no head word, by a list of categories in its unit (``公开356条政务信息，行政许可类信息
    1条，重大建设项目类信息345条，其他应主动公开的政府信息10条``): each following clause names a category (…类…,
    or the remainder 其他…) and one count. At least two items, none above the total; the total's own clause names
    no category and is no item of a list itself (not after 、, not a part of a headed breakdown)."""
    out = []
    counts = [m for m in mentions if s0 <= m.start < s1 and m.kind == "count"]
    inner = {x.start for _, parts in breakdowns(text, s0, s1, mentions) for x in parts}  # a part of a headed list
    taken: set[int] = set()
    for i, tot in enumerate(counts):
        if tot.start in taken or tot.unit not in ("条", "篇", "件"):
            continue
        k = max(text.rfind(x, s0, tot.start) for x in "，,、；;：:。")
        if (k >= 0 and text[k] == "、") or tot.start in inner or "类" in text[k + 1:tot.start] or _HEAD.search(text, tot.end, counts[i + 1].start if i + 1 < len(counts)
                                                          else s1):
            continue
        parts, prev = [], tot.end
        for m in counts[i + 1:]:
            gap = re.sub(r"\s+", "", text[prev:m.start])
            # the total's own clause may go on with its noun (356条政务信息，…) before the first item
            body = re.sub(r"^[^，,、；;。]*[，,、；;。]", "", gap, count=1)
            if m.unit != tot.unit or body == gap or not _CATEGORY_ITEM.match(body):
                break
            parts.append(m)
            prev = m.end
        if len(parts) >= 2 and tot.value >= max(x.value for x in parts):
            taken.update(x.start for x in parts)
            out.append((tot, parts))
    return out


def sum_checks(text: str, s0: int, s1: int, mentions: list[NumberMention]) -> list[SumCheck]:
    out: list[SumCheck] = backward_totals(text, s0, s1, mentions)
    for tot, parts in bare_lists(text, s0, s1, mentions):
        total = sum(m.value for m in parts)
        remainder = bool(re.search(r"其[他它]", text[parts[-2].end:parts[-1].start]))
        if total < tot.value and not remainder:
            continue  # the list may name only some categories
        ok = abs(total - tot.value) < 1e-6
        msg = (f"“{tot.surface.strip()}”等于其后所列 {len(parts)} 类信息之和。" if ok else
               f"“{tot.surface.strip()}”与其后所列各类信息之和 {_fmt(total)}{tot.unit} 不一致，总数或分项有误，请核对。")
        out.append(SumCheck(tot, ok, "info" if ok else "warning", total,
                            "分项之和 " + " + ".join(_fmt(m.value) for m in parts), msg, tuple(parts)))
    for hit in re.finditer("其中", text[s0:s1]):
        p = s0 + hit.start()
        after = [m for m in mentions if m.start >= p]
        percents = [m for m in after if m.kind == "percent"]
        if len(percents) >= 3 and any(re.search(r"其[他它]", text[max(s0, m.start - 12):m.start]) for m in percents):
            total = sum(m.value for m in percents)
            tol = 0.5 * 10 ** -max(_decimals(m) for m in percents) * len(percents) + 1e-9
            ok = abs(total - 100) <= tol
            expr = " + ".join(_fmt(m.value) for m in percents) + " = 100%"
            for m in percents:
                exp = round(100 - (total - m.value), 6)
                msg = (f"“{m.surface.strip()}”所在的百分比分项合计为 {_fmt(total)}%，" +
                       ("在四舍五入误差内等于100%。" if ok else f"不等于100%，请核对各项（本项应约为 {_fmt(exp)}%）。"))
                out.append(SumCheck(m, ok, "info" if ok else "error", exp, expr, msg))
    for (tot, p, _), parts in breakdowns(text, s0, s1, mentions):
        # the parts run to the next breakdown head of another total (其中…；在…N条中…)
        if len(parts) < 2:
            continue
        total = sum(m.value for m in parts)
        if total < tot.value and (_partial(text, p, parts) or re.match(r"\s*(?:其中)?(?:含|包括|包含)", text[p:])
                                  or (_scoped(text, p, parts) and not _complete(text, p, parts))):
            continue  # some listed items carry no number, 含…, or no remainder item: the list need not be complete
        if total > tot.value and max(x.value for x in parts) > tot.value \
                and WEAK_HEAD.match(text[tot.end:p].lstrip("，,。条件篇 ") or text[p - 1:p]):
            continue  # a part above the count before 从…看 / 按…分 / ：: that count is not the list's total
        if total > tot.value and _restarts(parts, tot.value):
            n = next(k for k in range(2, len(parts)) if abs(sum(x.value for x in parts[:k]) - tot.value) < 1e-6)
            out.append(SumCheck(tot, True, "info", tot.value, "分项之和 " + " + ".join(_fmt(m.value) for m in parts[:n]),
                                f"“{tot.surface.strip()}”等于其后所列前 {n} 个分项之和（其后的分项按另一口径再列一遍）。",
                                tuple(parts[:n])))
            continue
        if total > tot.value and _platforms(text, p, parts):
            continue  # 共发布信息1000条，其中门户网站800条，微信公众号500条: one item goes out on several platforms
        ok = abs(total - tot.value) < 1e-6
        expr = "分项之和 " + " + ".join(_fmt(m.value) for m in parts)
        if ok:
            msg = f"“{tot.surface.strip()}”等于其后所列 {len(parts)} 个分项之和。"
            sev = "info"
        elif total > tot.value:
            msg = f"“{tot.surface.strip()}”小于其后所列分项之和 {_fmt(total)}{tot.unit}，总数或分项有误，请核对。"
            sev = "warning"  # statutory_tables.md N-2: breakdowns are warnings (a list may overlap or mix metrics)
        else:
            msg = (f"“{tot.surface.strip()}”与其后所列分项之和 {_fmt(total)}{tot.unit} 不一致（分项少 "
                   f"{_fmt(tot.value - total)}{tot.unit}）；如分项未列全，请写明“等”或补全。")
            sev = "warning"
        out.append(SumCheck(tot, ok, sev, total, expr, msg, tuple(parts)))
    return out
