"""Splitting one run of concatenated digits into table cells, constrained by the statutory identities.

A crawler that flattens an HTML table without cell delimiters turns the row ``64 | 0 | 0 | 2 | 0 | 4 | 70`` into
``640020470``. These helpers enumerate the ways to cut such a run back into numbers:

- no number has a leading zero (``0`` alone is fine);
- a table-3 row is six applicant columns followed by their 总计 (the sum), so the 总计 is a suffix of the run;
- a table-4 run is three groups of 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计;
- a table-2 document row has three numbers with no identity (ranked by :func:`doc_row_score`).

Everything here is pure and fast (no I/O); :mod:`report.parse.crawler.tables` locates the runs and picks among candidates.
"""

from __future__ import annotations

import math
from typing import Iterator, Optional, Sequence

MAX_DIGITS = 7  # no statutory cell of one agency exceeds 9 999 999
MAX_CANDIDATES = 500  # per run; beyond this the run is reported as undeterminable


def _valid(s: str) -> bool:
    return bool(s) and (len(s) == 1 or s[0] != "0")


def split_fixed(digits: str, parts: int, max_digits: int = MAX_DIGITS) -> list[tuple[int, ...]]:
    """Every way to cut ``digits`` into exactly ``parts`` numbers (no identity)."""
    out: list[tuple[int, ...]] = []

    def rec(i: int, acc: list[int]) -> None:
        if len(out) >= MAX_CANDIDATES:
            return
        left = parts - len(acc)
        rest = len(digits) - i
        if left == 0:
            if rest == 0:
                out.append(tuple(acc))
            return
        if rest < left or rest > left * max_digits:
            return
        for n in range(1, min(max_digits, rest - left + 1) + 1):
            s = digits[i : i + n]
            if not _valid(s):
                break
            acc.append(int(s))
            rec(i + n, acc)
            acc.pop()

    rec(0, [])
    return out


def split_with_total(digits: str, parts: int, max_digits: int = MAX_DIGITS) -> list[tuple[int, ...]]:
    """Every cut of ``digits`` into ``parts`` numbers followed by their sum (the run's suffix)."""
    out: list[tuple[int, ...]] = []
    n = len(digits)
    for lt in range(1, min(max_digits, n - parts) + 1):
        tail = digits[n - lt :]
        if not _valid(tail):
            continue
        total = int(tail)
        prefix = digits[: n - lt]
        for combo in _parts_summing(prefix, parts, total, lt):
            out.append(combo + (total,))
            if len(out) >= MAX_CANDIDATES:
                return out
    return out


def _parts_summing(prefix: str, parts: int, total: int, max_len: int) -> Iterator[tuple[int, ...]]:
    acc: list[int] = []
    dead: set[tuple[int, int, int]] = set()  # (index, parts left, amount left) with no completion

    def rec(i: int, need: int) -> Iterator[tuple[int, ...]]:
        left = parts - len(acc)
        rest = len(prefix) - i
        if left == 0:
            if rest == 0 and need == 0:
                yield tuple(acc)
            return
        if rest < left or rest > left * max_len or (i, left, need) in dead:
            return
        found = False
        for n in range(1, min(max_len, rest - left + 1) + 1):
            s = prefix[i : i + n]
            if not _valid(s):
                break
            v = int(s)
            if v > need:
                break
            acc.append(v)
            for sol in rec(i + n, need - v):
                found = True
                yield sol
            acc.pop()
        if not found:
            dead.add((i, left, need))

    yield from rec(0, total)


def split_groups(digits: str, groups: int = 3, parts: int = 4, max_digits: int = MAX_DIGITS) -> list[tuple[tuple[int, ...], ...]]:
    """Table 4: ``groups`` consecutive blocks of ``parts`` numbers followed by their sum."""
    out: list[tuple[tuple[int, ...], ...]] = []
    width = parts + 1

    def rec(i: int, acc: list[tuple[int, ...]]) -> None:
        left = groups - len(acc)
        if len(out) >= MAX_CANDIDATES:
            return
        if left == 0:
            if i == len(digits):
                out.append(tuple(acc))
            return
        for j in range(i + width, min(len(digits), i + width * max_digits) + 1):
            rest = len(digits) - j
            if rest < (left - 1) * width or rest > (left - 1) * width * max_digits:
                continue
            for lt in range(1, min(max_digits, j - i - parts) + 1):
                tail = digits[j - lt : j]
                if not _valid(tail):
                    continue
                for nums in _parts_summing(digits[i : j - lt], parts, int(tail), lt):
                    acc.append(nums + (int(tail),))
                    rec(j, acc)
                    acc.pop()

    rec(0, [])
    return out


def split_tokens(tokens: list[str], cells: int, max_digits: int = MAX_DIGITS) -> Iterator[tuple[int, ...]]:
    """Every cut of space-separated digit ``tokens`` into ``cells`` numbers; a space is always a cell boundary.

    ``'0 0 0 0 0 00'`` (the last two cells glued to each other) gives ``(0, 0, 0, 0, 0, 0, 0)`` for 7 cells.
    """
    joined = "".join(tokens)
    if not tokens or not joined.isdigit() or not len(tokens) <= cells <= len(joined):
        return
    acc: list[int] = []
    count = [0]

    def rec(t: int, i: int) -> Iterator[tuple[int, ...]]:
        if count[0] >= MAX_CANDIDATES:
            return
        if t == len(tokens):
            if len(acc) == cells:
                count[0] += 1
                yield tuple(acc)
            return
        tok = tokens[t]
        rest_tokens = len(tokens) - t - 1
        for n in range(1, min(max_digits, len(tok) - i) + 1):
            s = tok[i : i + n]
            if not _valid(s):
                break
            acc.append(int(s))
            if len(acc) + rest_tokens <= cells:
                if i + n == len(tok):
                    yield from rec(t + 1, 0)
                else:
                    yield from rec(t, i + n)
            acc.pop()

    yield from rec(0, 0)


def split_tokens_with_total(tokens: list[str], parts: int) -> list[tuple[int, ...]]:
    """Token cuts into ``parts`` numbers followed by their sum (a table-3 row with some cells glued)."""
    return [c for c in split_tokens(tokens, parts + 1) if sum(c[:-1]) == c[-1]]


def split_token_groups(tokens: list[str], groups: int = 3, parts: int = 4) -> list[tuple[tuple[int, ...], ...]]:
    """Table 4 with some cells glued: token cuts into ``groups`` blocks of ``parts`` numbers and their sum."""
    w = parts + 1
    out = []
    for c in split_tokens(tokens, groups * w):
        blocks = tuple(c[k : k + w] for k in range(0, groups * w, w))
        if all(sum(b[:-1]) == b[-1] for b in blocks):
            out.append(blocks)
    return out


# ------------------------------------------------------------------ plausibility
# Typical stock-to-flow ratio of 行政规范性文件: 现行有效件数 is several times the 本年制发件数
# (truth corpus: 2.6, 5.3, 8.3 and 9.6). Used only to rank splits that no identity can separate.
DOC_STOCK_RATIO = 6.0


def doc_row_score(made: int, repealed: int, in_force: int) -> float:
    """Lower is more plausible for a table-2 document row (本年制发件数, 本年废止件数, 现行有效件数)."""
    score = abs(math.log((in_force + 1) / (made + 1)) - math.log(DOC_STOCK_RATIO))
    if in_force < made:  # documents issued this year are normally still in force
        score += 2.0
    if repealed > in_force + made:
        score += 2.0
    score += 0.5 * max(0.0, math.log((repealed + 1) / (made + 1)))
    return score


def applicant_row_score(values: tuple[int, ...]) -> float:
    """Lower is more plausible for a table-3 row: 商业企业…法律服务机构 are usually the small columns."""
    small = values[1:5]
    return sum(len(str(v)) for v in small) + 0.5 * len(str(values[5])) + 1e-6 * sum(small)


def review_row_score(values: tuple[int, ...]) -> float:
    """Lower is more plausible for a table-4 group: fewer digits in 结果纠正, 其他结果 and 尚未审结 (most cases end in 结果维持)."""
    return sum(len(str(v)) for v in values[1:4]) + 1e-6 * sum(values[1:4])


def fmt(values: Sequence[Optional[int | float]]) -> str:
    return "|".join("空" if v is None else str(v) for v in values)
