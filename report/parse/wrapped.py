"""Numbers wrapped inside narrow table cells: a PDF prints 3001 in a narrow 自然人 column as 「300」 over 「1」, and its
text gives two numbers (``300 1 53 0 0 61 4 311 9`` for a row of seven cells). A run a few numbers longer than its
row is cut back to the row's width by joining adjacent numbers, every way, and kept only when exactly one way makes
the row's identities hold (总计 = the sum of the other cells)."""

from __future__ import annotations

from itertools import combinations
from typing import Callable, Optional, Union

Cell = Optional[Union[int, float]]

MAX_EXTRA = 3  # at most three numbers too many in one run
MAX_PART = 3  # a cell wrapped over at most three lines


def _join(parts: list[Cell]) -> Optional[int]:
    if any(not isinstance(p, int) or isinstance(p, bool) for p in parts):
        return None
    if len(parts) > 1 and parts[0] == 0:
        return None  # a wrapped number does not start with 0
    return int("".join(str(p) for p in parts))


def _balanced(cells: list[Cell], group: int) -> bool:
    """Every group of ``group`` filled cells ends with the sum of the others (the identities' shape: 总计 last)."""
    for i in range(0, len(cells), group):
        part = cells[i : i + group]
        if abs(sum(v for v in part[:-1] if v is not None) - (part[-1] or 0)) > 1e-6:
            return False
    return True


def rejoin(values: list[Cell], width: int, ok: Callable[[list[Cell]], bool], group: int = 0) -> Optional[list[Cell]]:
    """The one way to join adjacent numbers of ``values`` into ``width`` cells for which ``ok`` holds, or None.
    ``group``: when every value is filled, ``ok`` is the total-last sum of each ``group`` cells (checked fast)."""
    quick = bool(group) and all(v is not None for v in values)
    n = len(values)
    if not width < n <= width + MAX_EXTRA:
        return None
    found: list[list[Cell]] = []
    for cuts in combinations(range(1, n), width - 1):
        bounds = (0, *cuts, n)
        if any(b - a > MAX_PART for a, b in zip(bounds, bounds[1:])):
            continue
        cells: list[Cell] = []
        for a, b in zip(bounds, bounds[1:]):
            part = values[a:b]
            cells.append(part[0] if len(part) == 1 else _join(part))
            if len(part) > 1 and cells[-1] is None:
                break
        else:
            if (_balanced(cells, group) if quick else ok(cells)) and cells not in found:
                found.append(cells)
                if len(found) > 1:
                    return None
    return found[0] if found else None
