"""Blank 表三/表四 cells whose value the table's own identities determine, for binding narrative numbers.

Published tables often leave cells blank that the template's identities (:mod:`report.model.identities`) fix:
the 总计 column of every result row left empty while the applicant columns are filled (T3-C gives it), a whole
row of （六）其他处理 left empty under a （七）总计 that the filled rows already reach (T3-B: the blanks are 0, cells
being non-negative). The blank policy stays: a blank is never *read* as 0. A blank is filled only when an
identity in which it is open determines it:

- it is the identity's only blank: its value is the other side minus the known cells of its own side (≥ 0);
- every blank of the identity is on one side and the filled cells already balance: they are all 0.

Repeated until nothing changes (a row's 总计 found by T3-C may close a column's T3-B). Cells the parser could not
read are never filled and close no identity (their value is unknown, not the report's blank). An identity
that fails on its filled cells fills nothing, and when the fills leave any identity through a filled cell failing
(two identities give it different values) none is kept. One reading goes beyond the identities: a row left wholly
blank in a table where the identities showed at least two other blanks to be 0 and none to be anything else but a
总计 (the report leaves its zeros blank) is read as zeros. The binder names a filled cell in its message and a
figure that differs from one is a warning, never an error (the value rests on the table being right elsewhere).
"""

from __future__ import annotations

from typing import Callable, Literal

from report.claims.targets import Target
from report.model import labels as L
from report.model.cells import CellRef
from report.model.identities import EPS, Identity, identities
from report.model.tables import Report

Filled = frozenset[CellRef]
_CACHE: dict[int, tuple[Report, tuple[object, ...], dict[CellRef, float | int]]] = {}


def _fingerprint(report: Report) -> tuple[object, ...]:
    return (report.template, tuple((k, tuple(v)) for k, v in report.table3.items()),
            tuple((k, tuple(v)) for k, v in report.table4.items()), len(report.diagnostics))


def complete(report: Report) -> tuple[Report, Filled]:
    """``report`` with the blanks its identities determine filled (a copy; the same object when none is), and
    the cells so filled. Cached per report (one binding per section reads the same tables)."""
    key = _fingerprint(report)
    hit = _CACHE.get(id(report))
    if hit is not None and hit[0] is report and hit[1] == key:
        filled = hit[2]
    else:
        filled = _fills(report)
        _CACHE.clear()  # one report at a time: the cache only serves the sections of the report being bound
        _CACHE[id(report)] = (report, key, filled)
    if not filled:
        return report, frozenset()
    out = report.model_copy(update={"table3": {k: list(v) for k, v in report.table3.items()},
                                    "table4": {k: list(v) for k, v in report.table4.items()}})
    for r, v in filled.items():
        out.set(r, v)
    return out, frozenset(filled)


def _propagate(ids: tuple[Identity, ...], get: Callable[[CellRef], float | int | None],
               values: dict[CellRef, float | int | None], filled: dict[CellRef, float | int],
               unread: frozenset[CellRef]) -> None:
    """Fill every blank an identity determines, until nothing changes (see the module docstring)."""
    changed = True
    while changed:
        changed = False
        for idn in ids:
            open_l = [r for r in idn.lhs if get(r) is None]
            open_r = [r for r in idn.rhs if get(r) is None]
            if not open_l and not open_r:
                continue
            if any(r in unread for r in open_l + open_r) or (open_l and open_r):
                continue
            known_l = sum(v for r in idn.lhs if (v := get(r)) is not None)
            known_r = sum(v for r in idn.rhs if (v := get(r)) is not None)
            blanks, rest = (open_l, known_r - known_l) if open_l else (open_r, known_l - known_r)
            if rest < -EPS:
                continue  # the filled cells already exceed the other side: the table is wrong somewhere
            if len(blanks) == 1:
                val = round(rest, 6) if isinstance(rest, float) else rest
                values[blanks[0]] = filled[blanks[0]] = val
                changed = True
            elif abs(rest) <= EPS:
                for r in blanks:
                    values[r] = filled[r] = 0
                changed = True


def _fills(report: Report) -> dict[CellRef, float | int]:
    unread = report.unread_cells()
    ids = identities(report.template)
    values: dict[CellRef, float | int | None] = {}

    def get(r: CellRef) -> float | int | None:
        if r not in values:
            values[r] = report.get(r)
        return values[r]

    if not any(get(r) is None for i in ids for r in i.cells):
        return {}
    filled: dict[CellRef, float | int] = {}
    _propagate(ids, get, values, filled, unread)
    # a row left wholly blank in a table whose other blanks the identities show to be zeros (the report leaves 0
    # blank): its cells are zeros too (复议后起诉 all blank beside 复议 5/空/空/2/7)
    tables: tuple[tuple[Literal["table3", "table4"], dict[str, list[float | int | None]]], ...] = (
        ("table3", report.table3), ("table4", report.table4))
    for table, rows in tables:
        zeros = [r for r, v in filled.items() if r.table == table and v == 0]
        others = [r for r, v in filled.items() if r.table == table and v != 0 and r.column not in (
            L.T3_TOTAL_COLUMN, L.T4_TOTAL_COLUMN)]
        if len(zeros) < 2 or others:
            continue
        for row in rows:
            refs = [CellRef(table, row, c) for c in (L.T3_COLUMNS if table == "table3" else L.T4_COLUMNS)]
            if all(get(r) is None and r not in unread for r in refs):
                for r in refs:
                    values[r] = filled[r] = 0
    _propagate(ids, get, values, filled, unread)
    if not filled:
        return {}
    for idn in ids:  # two identities giving a blank different values: the table is wrong somewhere, fill nothing
        if any(r in filled for r in idn.cells):
            vals = [get(r) for r in idn.cells]
            if None not in vals and abs(sum(get(r) or 0 for r in idn.lhs) - sum(get(r) or 0 for r in idn.rhs)) > EPS:
                return {}
    return filled


def filled_note(filled: Filled, t: Target) -> str:
    """Names the cells of ``t`` whose value came from the table's identities ("" when none)."""
    cells = [r for r in t.refs if r in filled]
    if not cells:
        return ""
    more = f"等{len(cells)}个单元格" if len(cells) > 1 else ""
    return f"（其中{cells[0].id}{more}未填或未读出，按表内勾稽关系推算）"
