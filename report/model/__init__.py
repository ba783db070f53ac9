"""The statutory model of the 政府信息公开工作年度报告: the report, its labels, cell references, the identities
(勾稽关系) as data with one evaluator, one number formatter, findings and diagnostics.

Nothing here imports another report sub-package: parse, rules, claims and export all build on this.
"""

from report.model import labels
from report.model.continuity import apply_previous, stock_baseline
from report.model.findings import BLANK_RULES, SEVERITY_LABELS, SEVERITY_ORDER, Finding, Severity, fmt_number
from report.model.tables import BLANK_MARKS, Cell, Diagnostic, Number, Report, cell_id, clean_number, split_cell_id

__all__ = [
    "BLANK_MARKS", "BLANK_RULES", "Cell", "Diagnostic", "Finding", "Number", "Report", "SEVERITY_LABELS",
    "SEVERITY_ORDER", "Severity", "apply_previous", "cell_id", "clean_number", "fmt_number", "labels",
    "split_cell_id", "stock_baseline",
]
