"""Diagnostics of the run-together reader: a warning or error about a row or a table names every cell it covers, so
that what the parser could not split is never taken for the report's blank (:meth:`Report.unread_cells`)."""

from __future__ import annotations

from report.model import labels as L
from report.model.cells import CellRef, try_parse
from report.model.tables import Diagnostic, blank_table2


def valid_number(token: str) -> bool:
    return token.isdigit() and (len(token) == 1 or token[0] != "0")


def diag(code: str, severity: str, where: str, message: str) -> Diagnostic:
    """A diagnostic about a row (or a whole table): a warning or error names every cell of it."""
    if where in L.T3_ROWS_2021 or where in L.T3_ROWS_2019:
        where = CellRef("table3", where).id
    return Diagnostic(code=code, severity=severity, message=message, where=where,
                      cells=cells_of(where) if severity != "info" else [])


def cells_of(where: str) -> list[str]:
    """The cell ids a row id (``表三/一、…``, ``表二/行政许可``) or a table name (``表四``) covers."""
    ref = try_parse(where)
    if ref is not None:
        if ref.column is not None:
            return [ref.id]
        if ref.table == "table2":
            t2021 = blank_table2(L.TEMPLATE_2021)
            val = t2021[ref.row] if ref.row in t2021 else blank_table2(L.TEMPLATE_2019).get(ref.row)
            if isinstance(val, dict):
                return [CellRef("table2", ref.row, c).id for c in val]
            return [ref.id]
        return [ref.with_column(c).id for c in ref.columns()]
    table = {v: k for k, v in L.TABLE_NAMES.items()}.get(where)
    if table == "table4":
        return [CellRef("table4", g, c).id for g in L.T4_GROUPS for c in L.T4_COLUMNS]
    return []
