"""Published report (text, web text, HTML, Markdown, DOCX, PDF, run-together crawler text) -> Report + diagnostics.

Entry points: :func:`parse_file`, :func:`parse_bytes`, :func:`parse_text`; unreadable input raises
:class:`ReportParseError` with a Chinese reason. Run-together crawler tables live in :mod:`report.parse.crawler`.
"""

from report.parse.normalize import MAX_INPUT_BYTES, ReportParseError
from report.parse.reader import parse_bytes, parse_file, parse_text

__all__ = ["MAX_INPUT_BYTES", "ReportParseError", "parse_bytes", "parse_file", "parse_text"]
