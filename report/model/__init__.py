"""The statutory model of the 政府信息公开工作年度报告: the report, its labels, cell references, the identities
(勾稽关系) as data with one evaluator and one blank policy, one number formatter, findings and diagnostics.

Nothing here imports another report sub-package: parse, rules, claims and export all build on this.

- :class:`CellRef` — ``CellRef("table3", row, column)``; ``CellRef.parse("表三/…/总计")`` and ``ref.id``;
- :class:`Report` — ``report.get(ref)`` / ``report.set(ref, value)``; blank cells are ``None``, never 0;
- :func:`identities`, :func:`evaluate` -> :class:`Outcome` (``holds`` | ``fails`` | ``undetermined``);
  :func:`sum_cells` (any blank -> ``None``);
- :func:`fmt_number` — exact, never rounds a stored figure;
- :class:`Finding` (validators), :class:`Diagnostic` (parser), :mod:`report.model.errors` (staff-facing errors).
"""

from report.model import labels
from report.model.cells import TABLES, CellRef, TableKey, try_parse
from report.model.continuity import apply_previous, stock_baseline
from report.model.findings import BLANK_RULES, SEVERITY_LABELS, SEVERITY_ORDER, Finding, Severity
from report.model.identities import Identity, Outcome, by_code, evaluate, identities, sum_cells
from report.model.numfmt import fmt_number
from report.model.tables import BLANK_MARKS, Cell, Diagnostic, Number, Report, clean_number

__all__ = [
    "BLANK_MARKS", "BLANK_RULES", "Cell", "CellRef", "Diagnostic", "Finding", "Identity", "Number", "Outcome",
    "Report", "SEVERITY_LABELS", "SEVERITY_ORDER", "Severity", "TABLES", "TableKey", "apply_previous", "by_code",
    "clean_number", "evaluate", "fmt_number", "identities", "labels", "stock_baseline", "sum_cells", "try_parse",
]
