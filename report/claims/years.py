"""Stale years in the narrative: a year that should be the report year (N-5, statutory_tables.md §5 「照抄上年」).

Two readings of the sentence, both giving a ``contradicts`` claim (severity warning) on the year itself:

- an earlier year that dates this year's figures: the year governs a count in its own clause (``2024年制作、获取
  政府信息总数467条`` in the 2025 report) and nothing in the sentence makes it a comparison or a history (比/较/
  同比/上年/以来/截至…, or the report year named as well);
- "this year" named as another year (``本年度（2022年）共收到申请81件`` in the 2023 report);
- the report's own issue date written in the report year or before (``2020年1月26日印发`` under a 2020 report: it
  can only be issued in 2021).
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from report.claims import keywords as R
from report.claims import text as T
from report.claims.numbers import NumberMention

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)(?:度)?")
_ISSUED = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发|发布|印制)")
_NOT_NOW = re.compile(r"截至|截止|以来|自|从|至今|历年|近\d+年|同比|比|较|相比|上年|去年|上一年|前一年|增长|下降|增加|减少")
_STATS = re.compile(r"制作|获取|主动公开|公开|发布|收到|受理|办结|办理|申请|答复|复议|诉讼")
_CLAUSE = "，,。；;：:！？\n"


# The text says which year "this year" is: 本年度（2022年）, 今年（2022年）, 本报告年度2022年.
_THIS_YEAR_IS = re.compile(r"(?:本年度|本年|今年|本报告年度|报告年度)\s*[（(]?\s*((?:19|20)\d{2})\s*年")


class StaleYear(NamedTuple):
    start: int
    end: int
    year: int
    clause: str
    message: str


def _clause(text: str, a: int, b: int) -> tuple[int, int]:
    while a > 0 and text[a - 1] not in _CLAUSE:
        a -= 1
    while b < len(text) and text[b] not in _CLAUSE:
        b += 1
    return a, b


def stale_years(text: str, year: Optional[int], mentions: list[NumberMention],
                sentences: list[tuple[int, int]]) -> list[StaleYear]:
    if not year:
        return []
    out: list[StaleYear] = []
    for m in _ISSUED.finditer(text):
        y = int(m.group(1))
        if y <= year:
            out.append(StaleYear(m.start(1), m.end(1) + 1, y, m.group(0).strip(),
                                 f"印发日期写的是{y}年，但{year}年度报告只能在{year + 1}年印发；很可能照抄了旧报告的日期，请核对。"))
    for m in _THIS_YEAR_IS.finditer(text):
        y = int(m.group(1))
        if y != year and year - 10 <= y <= year + 1:
            c0, c1 = _clause(text, m.start(), m.end())
            out.append(StaleYear(m.start(1), m.end(1) + 1, y, text[c0:c1].strip(),
                                 f"“{m.group(0).strip()}”把本年度写成了{y}年，而本报告是{year}年度报告；"
                                 f"很可能是照抄旧报告未改的年份，请改为{year}年。"))
    for s0, s1 in sentences:
        sentence = text[s0:s1]
        if str(year) in sentence or R.COMPARISON.search(T.compact(sentence)):
            continue
        for m in _YEAR.finditer(text, s0, s1):
            y = int(m.group(1))
            if not (year - 10 <= y < year) or any(x.start <= m.start() < x.end for x in mentions) \
                    or any(st.start == m.start(1) for st in out):
                continue
            c0, c1 = _clause(text, m.start(), m.end())
            before, after = T.compact(text[c0:m.start()]), T.compact(text[m.end():c1])
            if _NOT_NOW.search(before) or _NOT_NOW.search(after) or "结转" in after:
                continue
            counts = [x for x in mentions if m.end() <= x.start < c1 and x.kind in ("count", "other") and x.unit]
            if not counts or not _STATS.search(after):
                continue
            out.append(StaleYear(m.start(1), m.end(1) + 1, y, text[c0:c1].strip(),
                                 f"“{text[c0:c1].strip()[:30]}”把本年度的数字写成了{y}年，而本报告是{year}年度报告；"
                                 f"很可能是照抄上年报告未改的年份，请改为{year}年并核对其后的数字。"))
    return out
