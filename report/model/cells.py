"""One typed, hashable reference to a statutory cell, and the one parser/formatter of its human id.

``CellRef(table, row, column)``: ``table`` is ``"table2"``, ``"table3"`` or ``"table4"``; ``row`` and ``column`` are
the interchange keys of :mod:`report.model.labels`. ``column`` is ``None`` for the single-value 表二 rows
(行政许可, 行政处罚, 行政强制, 行政事业性收费); a 表三/表四 reference without a column names a whole row (used as a
``where`` in diagnostics), not a cell.

The id staff see (and findings, provenance and the UI carry) is ``str(ref)`` / ``ref.id``::

    表三/一、本年新收政府信息公开申请数量/总计
    表三/三、本年度办理结果/（三）不予公开/1.属于国家秘密/自然人
    表四/行政复议/总计
    表二/行政规范性文件/本年制发件数
    表二/行政许可
    表二/行政许可/本年增/减          (2019 format: the column label contains '/')

:meth:`CellRef.parse` is its inverse. Table-2 row labels never contain ``/`` (so the column is everything after the
first ``/``); table-3 row paths do, and table-3/4 column labels never do (so the column is the last segment when it
is one of the table's columns).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional, cast

from report.model import labels as L

TableKey = Literal["table2", "table3", "table4"]
TABLES: tuple[TableKey, ...] = ("table2", "table3", "table4")
_TABLE_BY_NAME: dict[str, TableKey] = {v: cast(TableKey, k) for k, v in L.TABLE_NAMES.items()}


@dataclass(frozen=True)
class CellRef:
    """Where a figure sits in the statutory tables; hashable, ordered, printable as its id."""

    table: TableKey
    row: str
    column: Optional[str] = None

    def __post_init__(self) -> None:
        if self.table not in TABLES:
            raise KeyError(f"未知的表格：{self.table}")
        if not self.row:
            raise KeyError("单元格编号缺少行名")
        if self.table == "table2" and "/" in self.row:
            raise KeyError(f"表二的行名不含“/”：{self.row}")
        if self.table != "table2" and self.column is not None and self.column not in self.columns():
            raise KeyError(f"{L.TABLE_NAMES[self.table]}没有“{self.column}”列")

    # ------------------------------------------------------------ construction
    @classmethod
    def t2(cls, row: str, column: Optional[str] = None) -> CellRef:
        return cls("table2", row, column)

    @classmethod
    def t3(cls, row: str, column: Optional[str] = L.T3_TOTAL_COLUMN) -> CellRef:
        return cls("table3", row, column)

    @classmethod
    def t4(cls, group: str, column: Optional[str] = L.T4_TOTAL_COLUMN) -> CellRef:
        return cls("table4", group, column)

    @classmethod
    def parse(cls, text: str) -> CellRef:
        """The reference an id string names; ``KeyError`` (Chinese message) when it names no table cell or row."""
        name, _, rest = str(text).strip().partition("/")
        table = _TABLE_BY_NAME.get(name)
        if table is None or not rest:
            raise KeyError(f"不是有效的单元格编号：{text}")
        if table == "table2":
            row, _, col = rest.partition("/")
            return cls(table, row, col or None)
        row, _, col = rest.rpartition("/")
        if row and col in _columns(table):
            return cls(table, row, col)
        return cls(table, rest, None)

    # ------------------------------------------------------------ views
    @property
    def id(self) -> str:
        name = L.TABLE_NAMES[self.table]
        return f"{name}/{self.row}/{self.column}" if self.column else f"{name}/{self.row}"

    def __str__(self) -> str:
        return self.id

    def columns(self) -> tuple[str, ...]:
        """The data columns of this reference's table (table 2: none fixed, they depend on the row)."""
        return _columns(self.table)

    @property
    def index(self) -> Optional[int]:
        """Position of the column in a 表三/表四 row list (None for 表二 and for row references)."""
        if self.table == "table2" or self.column is None:
            return None
        return self.columns().index(self.column)

    def with_column(self, column: Optional[str]) -> CellRef:
        return CellRef(self.table, self.row, column)


def _columns(table: str) -> tuple[str, ...]:
    if table == "table3":
        return L.T3_COLUMNS
    if table == "table4":
        return L.T4_COLUMNS
    return ()


def try_parse(text: str) -> Optional[CellRef]:
    """:meth:`CellRef.parse`, or None when ``text`` is not a cell id (a derived expression, a fact id…)."""
    try:
        return CellRef.parse(text)
    except KeyError:
        return None
