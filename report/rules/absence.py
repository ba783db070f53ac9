"""Whether something a rule finds absent may be text the parser could not read (not the report's omission).

The parser states its confidence in diagnostics (:mod:`report.parse.structure`): ``section_unlocated`` for a
section heading it did not find while something in the text could be that section, ``structure_uncertain`` when
the text as a whole was not read as whole and structured (headings missing, a table layout it could not follow).
A rule that reads "absent" (a missing section, a missing 统计期限 sentence…) states it as the report's fault only
when :func:`parser_doubt` is ``None``; otherwise it reports a warning saying the parser could not locate it, with the
parser's reason. A report that was not parsed (interchange JSON, a filled template, the UI) carries no such
diagnostic: what it lacks, it lacks.
"""

from __future__ import annotations

from typing import Optional

from report.model import labels as L
from report.model.tables import Report

UNLOCATED = "可能为文本转换问题，请核对原文"


def parser_doubt(report: Report, section: Optional[str] = None) -> Optional[str]:
    """The parser's reason to doubt that ``section`` (a key 一…六), or — with ``None`` — anything the whole text
    lacks, is really absent; ``None`` when it is confident."""
    if section is not None:
        where = f"结构/{L.SECTION_TITLES[section]}"
        for d in report.diagnostics:
            if d.code == "section_unlocated" and d.where == where:
                return d.message
    for d in report.diagnostics:
        if d.code == "structure_uncertain" and d.severity != "info":
            return d.message
    return None
