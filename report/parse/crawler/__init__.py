"""Crawler text whose table cells ran together (``一、本年新收政府信息公开申请数量640020470``): split the digit runs
back into cells under the statutory identities, say so in diagnostics, never guess silently."""

from report.parse.crawler.tables import (
                                         RunTogetherResult,
                                         looks_runtogether,
                                         parse_runtogether_tables,
                                         runtogether_table2,
                                         table2_filled,
)

__all__ = ["RunTogetherResult", "looks_runtogether", "parse_runtogether_tables", "runtogether_table2",
           "table2_filled"]
