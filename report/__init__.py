"""The deterministic core: the annual report, its statutory tables, parsing, validation and rendering.

Never imports langchain, openai, chromadb or gradio (tests/test_boundaries.py holds this).
"""

from .tables import Cell, Diagnostic, Report, cell_id, split_cell_id

__all__ = ["Cell", "Diagnostic", "Report", "cell_id", "split_cell_id"]
