"""The arithmetic checks of one sentence (statutory_tables.md N-2), on the breakdowns :mod:`report.claims.sums`
reads: a total after its parts (``A 12件，B 2件，合计14件``), a category list without a head word, the parts after a
head (其中/包括/涵盖/从…看/：…), a list giving its total twice along two dimensions, round totals, and percent lists
after 其中 that must add up to 100 %. :func:`sum_checks` returns :class:`report.claims.sums.SumCheck` records."""

from __future__ import annotations

import math
import re
from typing import Union

from report.claims.numbers import NumberMention
from report.claims.sums import (
    _CHANGE,
    _HEAD,
    _TOTAL_AFTER,
    WEAK_HEAD,
    SumCheck,
    _complete,
    _decimals,
    _depth,
    _fmt,
    _partial,
    _platforms,
    _scoped,
    breakdowns,
)

Number = Union[int, float]


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
_CATEGORY_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+是|\d{1,2}[.．、])?"
                            r"(?:[^，,、；;。]{1,24}类(?:政府)?(?:信息)?(?:方面)?|其[他它][^，,、；;。]{0,16})(?:共|有|为)?$")


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
        if (k >= 0 and text[k] == "、") or tot.start in inner or "类" in text[max(k + 1, s0):tot.start] or _HEAD.search(text, tot.end, counts[i + 1].start if i + 1 < len(counts)
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


def _round_total(tot: NumberMention, total: Number) -> bool:
    """A round total (120余条, 近200条, 约300条) that the parts' sum may stand for: never checked exactly — only a sum
    above its range (the next round step) is flagged."""
    if not tot.approx or tot.value <= 0:
        return False
    step = 10 ** math.floor(math.log10(tot.value))
    return bool(total < tot.value + step)


def sum_checks(text: str, s0: int, s1: int, mentions: list[NumberMention]) -> list[SumCheck]:
    out: list[SumCheck] = backward_totals(text, s0, s1, mentions)
    for tot, parts in bare_lists(text, s0, s1, mentions):
        total = sum(m.value for m in parts)
        if _round_total(tot, total):
            continue
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
        if _round_total(tot, total):
            continue  # 主动公开120余条，其中…125条: a round total read as a range
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
