"""The deterministic core: the annual report, its statutory tables, parsing, validation, claims and export.

Sub-packages follow the data: ``model`` (the report, labels, cell references, identities, number format,
findings, errors) -> ``parse`` (published text -> Report) -> ``rules`` (Report -> findings) and ``claims``
(narrative numbers -> cells) -> ``export`` (Markdown, Word, Excel); ``usecases`` holds what the CLI and the UI both
do; ``cli`` is thin. Never imports langchain, openai, chromadb or gradio (tests/test_boundaries.py holds this).
"""

from report.model import Cell, CellRef, Diagnostic, Report

__all__ = ["Cell", "CellRef", "Diagnostic", "Report"]
