"""The record of one narrative number checked against the tables (:class:`Claim`) and small helpers shared by
the binding modules (:mod:`report.claims.cellbind`, :mod:`report.claims.derived`)."""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, Field

from report.claims.numbers import NumberMention
from report.claims.targets import Target
from report.model.numfmt import fmt_number

Number = Union[int, float]


class Claim(BaseModel):
    text: str
    value: Number
    start: int
    end: int
    status: Literal["verified", "contradicts", "unverifiable"]
    severity: Literal["error", "warning", "info"]
    cell: Optional[str] = None  # the provenance expression: a cell id, a sum of ids, a ratio
    fact: Optional[str] = None
    unit: Optional[str] = None
    cells: list[str] = Field(default_factory=list)  # the cell ids (CellRef.id) the figure was compared with
    expected: Optional[Number] = None
    message: str



num = fmt_number  # 24252.311082 stays 24252.311082 (":g" would print 24252.3)


def first_per_value(targets: list[Target]) -> list[Target]:
    """The first target of each distinct value (for listing the alternatives once)."""
    out: list[Target] = []
    seen: set[Optional[Number]] = set()
    for t in targets:
        if t.value not in seen:
            seen.add(t.value)
            out.append(t)
    return out


def matching(cands: list[Target], value: Number) -> list[Target]:
    return [t for t in cands if t.value is not None and abs(t.value - value) < 1e-9]


def decimals_of(m: NumberMention) -> int:
    """Decimals written in a percentage (``51.85%`` → 2): the rounding a computed share is compared to."""
    return len(m.surface.split(".")[1].rstrip("%％ ")) if "." in m.surface else 0
