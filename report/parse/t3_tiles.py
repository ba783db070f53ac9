"""表三 from PDF text boxes cut into rectangles (pdfminer on tables whose tall group cells break the columns).

pdfminer prints a table's numbers box by box. When every column of a page is one text box, a page comes out column
by column (:func:`report.parse.t3check.column_blocks`). A tall cell (「（三）不予公开」 over eight rows, 「（四）无法提供」)
breaks the boxes of the columns next to it, and a page comes out as *rectangles*: rows 7–11 of 自然人 and 商业企业 column
by column, then row 12 of both, then rows 13–24 of both, then rows 7–24 of the five other columns.

Each run of numbers between two pieces of label text (a :class:`report.parse.grid.Segment`) is one such rectangle,
read column by column. A rectangle starts where a column's filled part ends, at the left of a run of columns filled
to the same depth, and spans part of that run. Every way to lay the runs out as rectangles is tried, pruned by the
表三 identities on the partly filled table (a blank cell is an unknown non-negative number); the table is returned
only when exactly one complete layout satisfies every identity and the identities can see it.
"""

from __future__ import annotations

from typing import Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.identities import EPS, identities
from report.parse.grid import Cell, Segment

MAX_NODES = 1000  # layouts tried over all column orders (parse time: a few ms per hundred)


def _compiled(template: str, paths: list[str], order: tuple[int, ...]
              ) -> list[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]]:
    """The 表三 identities of :mod:`report.model.identities` as (lhs, rhs) lists of (row, printed column) indices;
    ``order[i]`` is the table column printed i-th."""
    row_at = {p: i for i, p in enumerate(paths)}
    col_at = {L.T3_COLUMNS[c]: i for i, c in enumerate(order)}

    def idx(refs: tuple[CellRef, ...]) -> tuple[tuple[int, int], ...]:
        return tuple((row_at[r.row], col_at[r.column or ""]) for r in refs)

    return [(idx(i.lhs), idx(i.rhs)) for i in identities(template) if i.code.startswith("T3")]


def _side(grid: list[list[Cell]], cells: tuple[tuple[int, int], ...]) -> tuple[float, bool]:
    """The sum of the filled cells of one side, and whether a cell of it is blank."""
    vals = [grid[r][c] for r, c in cells]
    return sum(v for v in vals if v is not None), None in vals


def _could_hold(grid: list[list[Cell]], lhs: tuple[tuple[int, int], ...], rhs: tuple[tuple[int, int], ...]) -> bool:
    """:attr:`report.model.identities.Outcome.could_hold` on the grid (blank: an unknown non-negative number)."""
    (lk, lo), (rk, ro) = _side(grid, lhs), _side(grid, rhs)
    return (lk >= rk - EPS or lo) and (rk >= lk - EPS or ro)


def _printed_orders(segs: list[Segment]) -> list[tuple[int, ...]]:
    """Column orders to try: the table's, then the order of the column headers printed after 「申请人情况」 (pdfminer
    can give the applicant columns in another order, 自然人 last; headers not there follow in the table's order),
    with 总计 at each place (its tall header box floats). Which applicant column is which no identity can tell:
    a table read in a printed order is always flagged."""
    canonical = tuple(range(len(L.T3_COLUMNS)))
    total = len(L.T3_COLUMNS) - 1
    seen: list[int] = []
    for seg in segs:
        p = seg.label.rfind("申请人情况")
        if p < 0:
            continue
        head = seg.label[p:].replace("其他组织", "")
        hits = sorted((head.find(w), c) for c, w in enumerate(L.T3_COLUMNS[:total]) if w in head)
        seen += [c for _, c in hits if c not in seen]
    applicants = seen + [c for c in range(total) if c not in seen]
    orders = [canonical]
    for i in range(len(applicants) + 1):
        order = tuple(applicants[:i] + [total] + applicants[i:])
        if order not in orders:
            orders.append(order)
    return orders


def rectangles(segs: list[Segment], template: str) -> Optional[tuple[dict[str, list[Cell]], bool]]:
    """(the one table the runs tile into, over the column orders of :func:`_printed_orders`; whether in the table's
    own column order) — None: no table, or two."""
    found: list[tuple[dict[str, list[Cell]], bool]] = []
    budget = [MAX_NODES]
    for k, order in enumerate(_printed_orders(segs)):
        status, table = _search(segs, template, order, budget)
        if status == "open":
            return None
        if table is not None and all(table != t for t, _ in found):
            found.append((table, k == 0))
        if k == 0 and found:
            break  # the table's own column order gives a table: the printed orders are not needed
    return found[0] if len(found) == 1 else None


def _search(segs: list[Segment], template: str, order: tuple[int, ...], budget: list[int]
            ) -> tuple[str, Optional[dict[str, list[Cell]]]]:
    """('one', table) | ('none', None) | ('open', None): two tables, or the node budget ran out."""
    from report.parse.t3check import _checkable

    width = len(L.T3_COLUMNS)
    paths = list(L.t3_rows(template))
    n = len(paths)
    runs = [list(s.values) for s in segs if s.values]
    if sum(map(len, runs)) != n * width or len(runs) < 2:
        return "none", None
    checks = _compiled(template, paths, order)
    touching: dict[tuple[int, int], list[int]] = {}
    for k, (lhs, rhs) in enumerate(checks):
        for cell in lhs + rhs:
            touching.setdefault(cell, []).append(k)
    grid: list[list[Cell]] = [[None] * width for _ in range(n)]
    found: dict[tuple[tuple[Cell, ...], ...], dict[str, list[Cell]]] = {}

    def place(k: int, depth: tuple[int, ...]) -> bool:
        """Lay out runs k…; False when the search must stop (too many nodes or two tables)."""
        budget[0] -= 1
        if budget[0] < 0 or len(found) > 1:
            return False
        if k == len(runs):
            visual = {c: i for i, c in enumerate(order)}
            t = {p: [r[visual[c]] for c in range(width)] for p, r in zip(paths, grid)}
            if all(_could_hold(grid, lhs, rhs) for lhs, rhs in checks) and _checkable(t, template):
                found.setdefault(tuple(tuple(r) for r in grid), t)
            return len(found) <= 1
        run = runs[k]
        for c0 in range(width):
            r0 = depth[c0]
            if r0 >= n or (c0 > 0 and depth[c0 - 1] == r0):
                continue
            flat = 1
            while c0 + flat < width and depth[c0 + flat] == r0:
                flat += 1
            for w in range(1, flat + 1):
                if len(run) % w:
                    continue
                h = len(run) // w
                if r0 + h > n:
                    continue
                touched: set[int] = set()
                for j in range(w):
                    for i in range(h):
                        grid[r0 + i][c0 + j] = run[j * h + i]
                        touched.update(touching.get((r0 + i, c0 + j), ()))
                if all(_could_hold(grid, *checks[t]) for t in touched):
                    nd = depth[:c0] + (r0 + h,) * w + depth[c0 + w :]
                    if not place(k + 1, nd):
                        return False
                for j in range(w):
                    for i in range(h):
                        grid[r0 + i][c0 + j] = None
        return True

    complete = place(0, (0,) * width)
    if not complete or len(found) > 1:
        return "open", None
    return ("one", next(iter(found.values()))) if found else ("none", None)
