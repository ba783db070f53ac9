"""The validators: one function per rule, each returning ``list[Finding]`` and citing its source in
``shared/spec/statutory_tables.md``. :func:`validate` runs them all."""

from report.rules.validate import MODES, summarise, validate

__all__ = ["MODES", "summarise", "validate"]
