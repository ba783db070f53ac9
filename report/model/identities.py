"""The arithmetic identities (勾稽关系) of the statutory tables, declared once as data, with one evaluator.

Source: ``shared/spec/statutory_tables.md`` §4. Each :class:`Identity` says ``Σ lhs = Σ rhs`` over cells:

- **T3-A** (official: template note 「第一项加第二项之和，等于第三项加第四项之和」), per 表三 column:
  一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理;
- **T3-B** (template-implied by （七）总计), per column: （七）总计 = Σ the result rows （一）…（六）(21 rows, 19 in the
  2019 format) — sub-rows only, so no group is counted twice;
- **T3-C** (template-implied by the 总计 column), per row: 总计 = Σ the six applicant columns;
- **T4-A/B/C** (template-implied by 总计): per 表四 group, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.

T3-D (a subtotal row equals its sub-rows) has no instance: the model holds only the canonical rows (no subtotal
cells), so nothing can be counted twice; T3-E/T4-D (blanks, non-negative integers) and T3-F (a hint) are rules, not
identities. Group totals such as （三）不予公开 are *derived* values: :func:`sum_cells` of the group's sub-rows.

Blank policy (the only one): a blank cell (``None``) is an unknown non-negative number. :func:`evaluate` returns

- ``holds`` / ``fails`` (with ``diff = Σlhs − Σrhs``) only when every cell is filled;
- ``undetermined`` otherwise, listing the blank cells; a blank is never read as 0. ``could_hold`` tells whether some
  non-negative values for the blanks would make the identity hold (used by the parser to reject a placement), and
  ``balanced_without_blanks`` whether the total is filled and the filled cells alone already balance (used only to
  guess the orientation of number blocks in PDF text, never to check a report).

:func:`sum_cells` applies the same policy to a plain sum: any blank makes the sum unknown (``None``), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Literal, Optional, Union

from report.model import labels as L
from report.model.cells import CellRef

Number = Union[int, float]
Cell = Optional[Number]
Lookup = Callable[[CellRef], Cell]
Status = Literal["holds", "fails", "undetermined"]
EPS = 1e-6
SPEC = "shared/spec/statutory_tables.md §4"


@dataclass(frozen=True)
class Identity:
    """``Σ lhs = Σ rhs``; ``code`` is the spec id (T3-A…), ``scope`` the column, row or group it is stated for."""

    code: str
    lhs: tuple[CellRef, ...]
    rhs: tuple[CellRef, ...]
    scope: str
    spec: str = SPEC

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return self.lhs + self.rhs


@dataclass(frozen=True)
class Outcome:
    """What :func:`evaluate` found; sums are of the filled cells, ``blanks`` the cells that are blank."""

    identity: Identity
    status: Status
    lhs_known: Number
    rhs_known: Number
    blanks: tuple[CellRef, ...] = field(default_factory=tuple)
    lhs_values: tuple[Cell, ...] = ()
    rhs_values: tuple[Cell, ...] = ()

    @property
    def diff(self) -> Optional[Number]:
        """Σlhs − Σrhs when every cell is filled, else None."""
        return None if self.status == "undetermined" else _clean(self.lhs_known - self.rhs_known)

    @property
    def lhs(self) -> Optional[Number]:
        return None if any(v is None for v in self.lhs_values) else self.lhs_known

    @property
    def rhs(self) -> Optional[Number]:
        return None if any(v is None for v in self.rhs_values) else self.rhs_known

    @property
    def could_hold(self) -> bool:
        """Some non-negative values for the blank cells would make the identity hold."""
        if self.status != "undetermined":
            return self.status == "holds"
        lhs_open = any(v is None for v in self.lhs_values)
        rhs_open = any(v is None for v in self.rhs_values)
        return (self.lhs_known >= self.rhs_known - EPS or lhs_open) and (self.rhs_known >= self.lhs_known - EPS
                                                                        or rhs_open)

    @property
    def balanced_without_blanks(self) -> bool:
        """The lhs (the total) is filled and the filled cells alone balance."""
        if any(v is None for v in self.lhs_values):
            return False
        return abs(self.lhs_known - self.rhs_known) <= EPS


def _clean(x: Number) -> Number:
    return round(x, 6) if isinstance(x, float) else x


def evaluate(identity: Identity, value: Lookup) -> Outcome:
    """Evaluate one identity with ``value(ref)`` giving each cell (a :meth:`Report.get` or any lookup)."""
    lv = tuple(value(r) for r in identity.lhs)
    rv = tuple(value(r) for r in identity.rhs)
    blanks = tuple(r for r, v in zip(identity.cells, lv + rv) if v is None)
    lk = _clean(sum(v for v in lv if v is not None))
    rk = _clean(sum(v for v in rv if v is not None))
    if blanks:
        status: Status = "undetermined"
    else:
        status = "fails" if abs(lk - rk) > EPS else "holds"
    return Outcome(identity, status, lk, rk, blanks, lv, rv)


def sum_cells(values: Iterable[Cell]) -> Optional[Number]:
    """Σ values, or None when any is blank (the blank policy above); floats rounded to 6 decimals."""
    total: Number = 0
    for v in values:
        if v is None:
            return None
        total += v
    return _clean(total)


# ---------------------------------------------------------------- the declarations
def _t3_cols(row: str) -> tuple[CellRef, ...]:
    return tuple(CellRef("table3", row, c) for c in L.T3_APPLICANT_COLUMNS)


def balance(column: str) -> Identity:
    """T3-A for one 表三 column."""
    return Identity("T3-A", (CellRef("table3", L.R_NEW, column), CellRef("table3", L.R_CARRIED_IN, column)),
                    (CellRef("table3", L.R_TOTAL, column), CellRef("table3", L.R_CARRIED_OUT, column)), column,
                    f"{SPEC} T3-A（official: 表三勾稽关系说明）")


def results_total(column: str, template: str = L.TEMPLATE_2021) -> Identity:
    """T3-B for one 表三 column: （七）总计 = Σ result rows."""
    return Identity("T3-B", (CellRef("table3", L.R_TOTAL, column),),
                    tuple(CellRef("table3", r, column) for r in L.t3_result_rows(template)), column,
                    f"{SPEC} T3-B（template-implied: （七）总计）")


def row_total(row: str) -> Identity:
    """T3-C for one 表三 row: 总计 = Σ six applicant columns."""
    return Identity("T3-C", (CellRef("table3", row, L.T3_TOTAL_COLUMN),), _t3_cols(row), row,
                    f"{SPEC} T3-C（template-implied: 总计列）")


T4_CODES = {L.T4_REVIEW: "T4-A", L.T4_SUIT_DIRECT: "T4-B", L.T4_SUIT_AFTER: "T4-C"}


def group_total(group: str) -> Identity:
    """T4-A/B/C for one 表四 group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    return Identity(T4_CODES[group], (CellRef("table4", group, L.T4_TOTAL_COLUMN),),
                    tuple(CellRef("table4", group, c) for c in L.T4_COLUMNS[:-1]), group,
                    f"{SPEC} {T4_CODES[group]}（template-implied: 总计）")


@lru_cache(maxsize=None)
def identities(template: str = L.TEMPLATE_2021) -> tuple[Identity, ...]:
    """Every identity instance of a report of this format: T3-A ×7, T3-B ×7, T3-C ×25 (23), T4-A/B/C."""
    out = [balance(c) for c in L.T3_COLUMNS]
    out += [results_total(c, template) for c in L.T3_COLUMNS]
    out += [row_total(r) for r in L.t3_rows(template)]
    out += [group_total(g) for g in L.T4_GROUPS]
    return tuple(out)


def by_code(code: str, template: str = L.TEMPLATE_2021) -> tuple[Identity, ...]:
    return tuple(i for i in identities(template) if i.code == code)


def row_lookup(row: str, values: "list[Cell] | tuple[Cell, ...]") -> Lookup:
    """A lookup over one 表三 row list (7 values, possibly short), for identities of that row."""
    def get(ref: CellRef) -> Cell:
        i = ref.index
        return values[i] if i is not None and i < len(values) else None
    return get


def table3_lookup(table: "dict[str, list[Cell]]") -> Lookup:
    """A lookup over a 表三 dict {row path: 7 values} (a row being built by the parser)."""
    def get(ref: CellRef) -> Cell:
        vals = table.get(ref.row)
        i = ref.index
        return vals[i] if vals is not None and i is not None and i < len(vals) else None
    return get
