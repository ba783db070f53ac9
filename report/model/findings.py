"""A validator finding: one thing wrong (or worth a look) in an annual report, told to staff in Chinese.

``where`` names the place: a cell id (``表三/一、本年新收政府信息公开申请数量/总计``, see :class:`report.model.cells.CellRef`),
a text span (``sections.六[12:30]``), ``结构`` for the report's structure, or ``跨年度/…`` for cross-year checks.
``cells`` lists every cell id the finding involves (for highlighting and for the mutation benchmark); it is not part
of the agreed interface's required fields and defaults to empty.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

# Rule ids of findings about blank cells (as opposed to wrong values or sums).
BLANK_RULES = frozenset({"blank_cell", "blank_total", "blank_table", "blank_column", "blank_row"})


class Finding(BaseModel):
    """One validator result. ``expected``/``actual`` are numbers, lists or short strings (JSON-able)."""

    rule: str
    severity: Severity
    where: str
    expected: Any = None
    actual: Any = None
    message: str
    cells: list[str] = Field(default_factory=list)

    def public(self) -> dict[str, Any]:
        """The six agreed fields (what `python -m report audit --json` prints)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "where": self.where,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
        }

    def line(self) -> str:
        """One human-readable Chinese line."""
        return f"[{SEVERITY_LABELS[self.severity]}] {self.where}：{self.message}"
