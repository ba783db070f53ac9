"""Output: Markdown, the official-format Word document, the Excel fill-in template (and reading it back), and the
statutory tables as rows for editable grids. All layouts are drawn from one grid (:mod:`report.export.grid`)."""

from report.export.docx import DRAFT_BANNER, write_docx
from report.export.markdown import (
                                    apply_table2_frame,
                                    apply_table3_frame,
                                    apply_table4_frame,
                                    report_title,
                                    table2_frame,
                                    table3_frame,
                                    table4_frame,
                                    to_markdown,
)
from report.export.xlsx import XlsxTemplateError, read_filled, write_template

__all__ = ["DRAFT_BANNER", "XlsxTemplateError", "apply_table2_frame", "apply_table3_frame", "apply_table4_frame",
           "read_filled", "report_title", "table2_frame", "table3_frame", "table4_frame", "to_markdown",
           "write_docx", "write_template"]
