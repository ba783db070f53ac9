"""Stale years in the narrative: a year that should be the report year (N-5, statutory_tables.md §5 「照抄上年」).

Two readings of the sentence, both giving a ``contradicts`` claim (severity warning) on the year itself:

- an earlier year that dates this year's figures: the year governs a count in its own clause (``2024年制作、获取
  政府信息总数467条`` in the 2025 report), or — standing alone in its clause — a count of the next clause that
  equals this year's table cell (``2023年，共收到申请28件`` in the 2024 report whose 表三 says 28) and nothing in the sentence makes it a comparison or a history (比/较/
  同比/上年/以来/截至…, or the report year named as well);
- "this year" named as another year (``本年度（2022年）共收到申请81件`` in the 2023 report);
- the report's own issue date written in the report year or before (``2020年1月26日印发`` under a 2020 report: it
  can only be issued in 2021).

:func:`preamble_years` reads the text before 一、 (``Report.preamble``, crawler header lines skipped): there only the
years that name the report itself (``编制完成2023年度政府信息公开工作年度报告``) or its statistics period
(``统计期限自2022年1月1日起至2022年12月31日止``) are checked against the report year; a year inside a cited title
(《…》) names another document. :func:`report.claims.report_claims` lists them under section ``"preamble"``.
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
                sentences: list[tuple[int, int]], this_years: frozenset[int] | set[int] = frozenset()) -> list[StaleYear]:
    """``this_years``: starts of the counts dated an earlier year that equal this year's table cell."""
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
            if re.fullmatch(r"(?:全年|年内)?", after) and c1 < s1 and text[c1] in "，,":
                # 2023年，我局共收到申请28件 (a year alone in its clause): stale only when the clause after it gives
                # this year's figure (a history names other figures)
                n1 = _clause(text, c1 + 1, c1 + 1)[1]
                if any(c1 < x.start < n1 and x.start in this_years for x in mentions):
                    c1, after = n1, T.compact(text[m.end():n1])
            if _NOT_NOW.search(before) or _NOT_NOW.search(after) or "结转" in after:
                continue
            counts = [x for x in mentions if m.end() <= x.start < c1 and x.kind in ("count", "other") and x.unit]
            if not counts or not _STATS.search(after):
                continue
            out.append(StaleYear(m.start(1), m.end(1) + 1, y, text[c0:c1].strip(),
                                 f"“{text[c0:c1].strip()[:30]}”把本年度的数字写成了{y}年，而本报告是{year}年度报告；"
                                 f"很可能是照抄上年报告未改的年份，请改为{year}年并核对其后的数字。"))
    return out


# The preamble (text before 一、) names the report itself and its statistics period; a year there that is not the
# report year was left from an older report. Crawler headers (标题: … / 发布时间: …) end at a 正文 marker line.
_BODY_MARK = re.compile(r"^[=＝\-\s]*正文[=＝\-\s]*$", re.M)
_HEADER_LINE = re.compile(r"^[^\n:：。，]{1,8}[:：][^\n]*$", re.M)
_OWN_REPORT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*度?\s*(?:[^\d，,。；;、\n]{0,12}?)"
                         r"(?:政府信息公开|政务公开)(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*报告")
_PERIOD_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(?:1|一)\s*月\s*(?:1|一)\s*日\s*(?:起)?\s*(?:至|到|—|-|～|~)"
                          r"\s*(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日")


def preamble_body(preamble: str) -> int:
    """Offset where the preamble's own prose starts (after a crawler's header lines)."""
    marks = list(_BODY_MARK.finditer(preamble))
    if marks:
        return marks[-1].end()
    pos = 0
    for line in preamble.splitlines(keepends=True):
        if not _HEADER_LINE.match(line.rstrip("\n")):
            break
        pos += len(line)
    return pos


def preamble_years(preamble: str, year: Optional[int]) -> list[StaleYear]:
    """Years in the preamble that name the report (N年度政府信息公开工作年度报告) or its statistics period
    (N年1月1日至N年12月31日) and are not the report year."""
    if not year or not preamble:
        return []
    b = preamble_body(preamble)
    out: list[StaleYear] = []
    found: list[tuple[int, int, int, str]] = []
    for m in _OWN_REPORT.finditer(preamble, b):
        found.append((m.start(1), m.end(1) + 1, int(m.group(1)), "report"))
    for m in _PERIOD_YEAR.finditer(preamble, b):
        for g in (1, 2):
            if m.group(g):
                found.append((m.start(g), m.end(g) + 1, int(m.group(g)), "period"))
    for s, e, y, what in sorted(found):
        if y == year or not (year - 10 <= y <= year + 1):
            continue
        if preamble.rfind("《", b, s) > preamble.rfind("》", b, s):
            continue  # inside a cited title (《…关于编制2021年…年度报告的通知》): another document's name
        l0, l1 = preamble.rfind("\n", b, s) + 1, preamble.find("\n", e)
        if not re.search(r"[，,。；;]", preamble[l0:l1 if l1 >= 0 else len(preamble)]):
            continue  # a bare line (a title, a link to another year's report on the page), not the preamble's prose
        c0, c1 = _clause(preamble, s, e)
        clause = preamble[c0:c1].strip()
        named = "报告名称" if what == "report" else "统计期限"
        out.append(StaleYear(s, e, y, clause, f"导语中的{named}写的是{y}年，而本报告是{year}年度报告；"
                                               f"很可能是照抄旧报告未改的年份，请改为{year}年。"))
    return out
