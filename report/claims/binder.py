"""Bind every number in narrative text to what it claims: a table cell, a sum of cells, a user fact, or nothing.

``bind_claims(text, report, facts=None, *, previous=None)`` returns one :class:`Claim` per number mention (percent lists and
``共…其中…`` breakdowns may add a second claim on the total). ``start``/``end`` are the span of the number in
``text``; ``text`` is the clause around it. Status:

- ``verified``: the value equals the table value (or the derived value, or a user fact) the context names.
- ``contradicts``: the context names a metric with a different value. Severity ``error``; ``warning`` when the
  metric is ambiguous (``办理``), when the clause narrows the scope (``区政府办…受理17件``, ``其中民政局1件``, ``第一季度``,
  ``通过网络受理``), when only the paragraph topic (not the sentence) says 申请, for 规章/规范性文件 counts, and for
  ``其中`` breakdowns that do not add up (N-2).
- ``unverifiable`` (info): no table cell or fact for this number (website visits, 信息处理费, 政策性文件 postings,
  published information items), comparisons with last year when no ``previous`` report is given (``比上年增加20件``,
  ``同比增长16.8%``), earlier years (``2020年共收到申请107件``), table text that ran into a section, and cells the
  parser could not read (the message names the cell and the parser's diagnostic; an *uncertain* cell turns a
  contradiction into a warning saying where).

``Claim.cells`` lists the cell ids compared with (several for a sum or a share), ``Claim.unit`` the measure word.

How the context is read (statutory_tables.md §4 N-1, N-2, N-7):

1. Sentences end at 。！？；; at line breaks that end a sentence, start a heading or end a table row (PDF line wraps
   are joined). Clauses end at ，、（） inside a sentence (:mod:`report.claims.text`).
2. The metric is the keyword nearest to the number in its clause, looking left first (``答复 3050 件``), then right
   (``1件结转下年度继续办理``, ``3件申请因尚在法定答复期限内``); a number alone in its clause (``（含部分公开）87件``,
   ``另有3件，将于下一年度继续办理``) looks back to the previous number. The most specific metric wins
   (:func:`report.claims.keywords.refine_group`): a sub-row over its group (``无法提供的申请中，本机关不掌握…43件``), a result
   over a verb (``同意公开答复9件``), but a group when the rows end in 等 (``因本机关不掌握等原因无法提供564件``).
   Table 3 metrics need the sentence (or the previous one) to say 申请, a result only applications have (不予公开,
   不掌握…), or 办理结果; not hotlines (热线/工单) or 咨询/建议提案 clauses. Table 4 breakdowns (维持/纠正/其他结果/
   尚未审结) take 复议 or 诉讼 from the nearest mention to their left. Table 2 counts of 规章/规范性文件 written as
   postings (主动公开…13件, …13条) or as ``…等243件`` stay unverifiable unless they match; 新制定/制发 bind.
3. ``共…N条，其中A…a条，B…b条``: parts with the total's unit must add up to the total (N-2) — unless the total and
   every part already match their own table cells (``受理749件，其中予以公开294件…``: two metrics). Percent lists
   after ``其中`` that end with 其他/其它 must add up to 100 % within rounding.
4. A number not bound to the tables is compared with the user facts whose label shares most of its character
   bigrams with the clause (or the sentence, for a match).
5. Before binding, each number gets a frame (:mod:`report.claims.frame`): who (whole / channel / department), what
   (published ``items`` — 条/篇, 信息数, parts of a breakdown of items — are never application counts; hotlines),
   when (this year / earlier / part of the year / comparison), unit (inherited from the breakdown total).
6. Breakdowns (:mod:`report.claims.sums`) are read over the whole sentence across ；: ``共…其中…``, ``包括/涉及/
   分别``, ``在…N条中``, ``N条（…）``; a bracketed list is a nested breakdown; a list with items that carry no number
   need not add up; changes (新增/注销) are not parts. A part of whole scope is never its own total's metric
   (``办结2件，其中答复1件``).
7. Derived figures: a share after a count (``42件，占51.85%``, ``208件（17.46%）``) is the count over its breakdown
   total (or a count written as a total, or the table total its cells belong to), to the decimals written; a change
   against last year is computed from the same cells of ``previous``.
8. Stale years (:mod:`report.claims.years`): an earlier year dating this year's figures, or an issue date in the
   report year, is a ``contradicts`` claim (warning) on the year itself (unit 年).
"""

from __future__ import annotations

import math
import re
from typing import Literal, Optional, Union

from pydantic import BaseModel, Field

from report.claims import keywords as R
from report.claims import text as T
from report.claims.facts import Fact
from report.claims.frame import Frame, read_frame
from report.claims.numbers import NumberMention, extract_numbers
from report.claims.sums import breakdown_of, sum_checks
from report.claims.targets import METRIC_NAMES, T4_BREAKDOWN, Target, rate_targets, row_metric, targets
from report.claims.years import stale_years
from report.model import labels as L
from report.model.cells import CellRef
from report.model.identities import sum_cells
from report.model.numfmt import fmt_number
from report.model.tables import Report

Number = Union[int, float]


class Claim(BaseModel):
    text: str
    value: Number
    start: int
    end: int
    status: Literal["verified", "contradicts", "unverifiable"]
    severity: Literal["error", "warning", "info"]
    cell: Optional[str] = None  # the provenance expression: a cell id, a sum of ids, a ratio
    fact: Optional[str] = None
    unit: Optional[str] = None
    cells: list[str] = Field(default_factory=list)  # the cell ids (CellRef.id) the figure was compared with
    expected: Optional[Number] = None
    message: str


_num = fmt_number  # 24252.311082 stays 24252.311082 (":g" would print 24252.3)


# Between a count and its share: 占 / 占比 / 占总数的 / 占全部… / a named denominator (占办结总数的, 占收到申请的) / （
_SHARE_GAP = re.compile(r"[，,]?约?占(?:比|总数|全部[^，,。；]{0,8}|[^，,。；\d%％]{1,12}?(?:总数|总量|总件数|件数|数量|申请|总和))?"
                        r"的?(?:比例|比重)?为?|[（(]")


def _first_per_value(targets: list[Target]) -> list[Target]:
    """The first target of each distinct value (for listing the alternatives once)."""
    out: list[Target] = []
    seen: set[Optional[Number]] = set()
    for t in targets:
        if t.value not in seen:
            seen.add(t.value)
            out.append(t)
    return out


def _matching(cands: list[Target], value: Number) -> list[Target]:
    return [t for t in cands if t.value is not None and abs(t.value - value) < 1e-9]


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[\s\d，,。：:、（）()“”\"]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _fact_score(fact: Fact, context: str) -> float:
    lb = _bigrams(fact.label)
    return len(lb & _bigrams(context)) / len(lb) if lb else 0.0


class _Binder:
    def __init__(self, text: str, report: Report, facts: list[Fact], previous: Optional[Report] = None):
        self.text, self.report, self.facts, self.previous = text, report, facts, previous
        self.earlier = False  # the number being bound is about an earlier year
        self.done: list[tuple[NumberMention, Claim]] = []  # the numbers of the current sentence bound so far
        self.totals: dict[int, NumberMention] = {}  # part start -> its breakdown total (current sentence)
        self.frame = Frame("whole", "", "this", None)
        self.frames: dict[int, Frame] = {}  # mention start -> its frame
        self.s0 = 0  # start of the sentence being bound
        self.unread = report.unread_cells()
        self.uncertain = report.uncertain_cells()

    def claim(self, m: NumberMention, clause: str, status: str, message: str, *, severity: Optional[str] = None,
              target: Optional[Target] = None, fact: Optional[Fact] = None,
              expected: Optional[Number] = None) -> Claim:
        sev = severity or {"verified": "info", "unverifiable": "info", "contradicts": "error"}[status]
        exp = expected if expected is not None else (target.value if target else fact.value if fact else None)
        return Claim(text=clause, value=m.value, start=m.start, end=m.end, status=status, severity=sev,
                     cell=target.expr if target else None, fact=fact.id if fact else None, expected=exp,
                     message=message, unit=m.unit, cells=[r.id for r in target.refs] if target else [])

    def compare(self, m: NumberMention, clause: str, cands: list[Target], what: str, *, warn: bool,
                tol: float = 0.0, value: Optional[Number] = None) -> Claim:
        v = m.value if value is None else value
        if self.earlier:
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”所在句子说的是{self.report.year}年以前的"
                              "年份，本年度统计表中没有对应数据，未作比对；如需核对，请载入该年度报告。")
        known = [t for t in cands if t.value is not None]
        if not cands:
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”对应{what}，本报告使用的表格格式"
                              "（如2019年试行格式）没有这一栏，无法核对。")
        if not known:
            unread = [r for t in cands for r in t.refs if r in self.unread]
            if unread:
                return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”对应{what}，但解析时未能读出"
                                  f"{unread[0].id}（{self._diagnostic(unread[0])}），无法核对；请对照原文核实该单元格。",
                                  target=cands[0])
            return self.claim(m, clause, "unverifiable",
                              f"“{m.surface.strip()}”对应{what}，但表中该项为空，无法核对；请先补全统计表。")
        for t in known:
            if t.value is not None and abs(t.value - v) <= tol + 1e-9:
                return self.claim(m, clause, "verified", f"“{m.surface.strip()}”与{t.label}一致（{_num(t.value)}）。",
                                  target=t)
        if m.approx and v > 0:  # 10余件 / 近20件 / 约300条: a round figure, read as a range, never an exact error
            step = 10 ** math.floor(math.log10(v))
            near = [t for t in known if t.value is not None and 0.8 * v - 1e-9 <= t.value < v + step]
            if near:
                return self.claim(m, clause, "verified", f"“{m.surface.strip()}”是约数，与{near[0].label}"
                                  f"（{_num(near[0].value)}）相符。", target=near[0])
            warn = True
        t = known[0]
        doubtful = [r for x in known for r in x.refs if r in self.uncertain]
        if doubtful:  # the parser is unsure of the cell: a warning saying where, never the report's error
            warn = True
            hint_cell = f"（解析提示：{doubtful[0].id} 的读数可能有误——{self._diagnostic(doubtful[0])}）"
        else:
            hint_cell = ""
        alt = "、".join(f"{x.label}为 {_num(x.value)}" for x in _first_per_value(known))
        hint = ("（正文为约数，与表中数字相差较大，请人工确认）" if m.approx else
                "（该句限定了范围或口径不唯一，请人工确认）" if warn else "，请核对正文或统计表")
        return self.claim(m, clause, "contradicts",
                          f"“{m.surface.strip()}”与统计表不一致：{alt}，正文写的是 {_num(v)}{hint}。{hint_cell}",
                          severity="warning" if warn else "error", target=t)

    def _diagnostic(self, ref: CellRef) -> str:
        for d in self.report.diagnostics:
            if ref.id in d.cells and d.severity != "info":
                return d.message
        return "解析器未说明原因"

    def _growth(self, m: NumberMention, clause: str, left: str) -> Optional[Claim]:
        """A change against last year (``比上年增加20件``, ``同比增长16.8%``, ``上年为119件``) of the figure bound just
        before it in the sentence, computed from the same cells of this year's and last year's (``--previous``)
        tables, to the decimals the text uses."""
        assert self.previous is not None
        base = next((c for x, c in reversed(self.done) if x.end <= m.start and c.cells and c.status == "verified"
                     and x.kind != "percent"), None)
        if base is None or R.CUMULATIVE.search(left):
            return None
        refs = [CellRef.parse(i) for i in base.cells]
        now = sum_cells(self.report.get(r) for r in refs)
        last = sum_cells(self.previous.get(r) for r in refs)
        surf = m.surface.strip()
        if now is None or last is None:
            return self.claim(m, clause, "unverifiable", f"“{surf}”是与上年的比较，但本年或上年报告中“{base.text}”"
                              "对应的单元格为空，无法核对。")
        diff = now - last
        down = bool(re.search(r"减少|下降|降低|回落|减", left))
        change = bool(re.search(r"增加|增长|上升|提高|多|减少|下降|降低|回落|减|增", left))
        if m.unit == "%":
            if not last or not change:
                return None
            decimals = len(surf.split(".")[1].rstrip("%％ ")) if "." in surf else 0
            expected: Number = abs(diff) / last * 100
            tol = 0.5 * 10 ** -decimals
            shown = f"（{_num(now)} − {_num(last)}）÷ {_num(last)} × 100% = {_num(round(diff / last * 100, decimals))}%"
        else:
            expected, tol = (abs(diff), 0.0) if change else (last, 0.0)
            shown = f"{_num(now)} − {_num(last)} = {_num(diff)}" if change else f"上年为 {_num(last)}"
        same_sign = not change or diff == 0 or (diff < 0) == down
        ok = abs(expected - m.value) <= tol + 1e-9 and same_sign
        msg = (f"“{surf}”与上年报告核对一致：{shown}。" if ok else
               f"“{surf}”与上年报告不一致：按两年统计表，{shown}，请核对。")
        c = self.claim(m, clause, "verified" if ok else "contradicts", msg, severity=None if ok else "warning",
                       expected=round(expected, 6))
        c.cell = f"本年−上年：{base.cell}"
        c.cells = list(base.cells)
        return c

    def _table_total(self, c: Claim) -> Optional[Target]:
        """The table total a bound part belongs to: （七）总计 for a result row, 一、本年新收 for new applications."""
        refs = [CellRef.parse(x) for x in c.cells]
        if not refs or any(r.table != "table3" for r in refs):
            return None
        if all(r.row.startswith(L.R_RESULTS) for r in refs):
            return targets(self.report, "answered")[0]
        if all(r.row == L.R_NEW for r in refs):
            return targets(self.report, "new")[0]
        return None

    def _named_share(self, m: NumberMention, clause: str, left: str, sentence: str) -> Optional[Claim]:
        """A share of a named result or applicant without its count (``予以公开的占51.85%``): the row's cells over
        （七）总计 (results) or 一、本年新收 (applicants), from the tables, to the decimals written."""
        k = left.rfind("占")
        if k < 0 or not R.APPLICATION.search(sentence) or R.NOT_APPLICATION.search(sentence):
            return None
        hit = T.nearest(R.T3_RULES, left[:k], "")
        if hit is None:
            return None
        hit = R.refine_group(hit, left[:k])
        metric = hit[0]
        if metric in R.RESULT_METRICS or metric.startswith("row:"):
            den = targets(self.report, "answered")[0]
        elif metric in ("natural", "org") or metric.startswith("applicant:"):
            den = targets(self.report, "new")[0]
        else:
            return None
        nums = targets(self.report, metric)
        num = nums[0] if nums else None
        if num is None or num.value is None or not den.value:
            return None
        decimals = len(m.surface.split(".")[1].rstrip("%％ ")) if "." in m.surface else 0
        got = 100 * num.value / den.value
        target = Target(f"({num.expr}) / ({den.expr}) × 100%", round(got, 6), f"{num.label}÷{den.label}",
                        num.refs + den.refs)
        return self.compare(m, clause, [target], "占比", warn=True, tol=0.5 * 10 ** -decimals)

    def _share(self, m: NumberMention, clause: str) -> Optional[Claim]:
        """A share written right after a count (``予以公开42件，占51.85%``, ``208 件（17.46%）``): the count divided by
        the total it is a part of (the breakdown's total, else the sentence's first count in that unit), to the
        decimals the text uses."""
        before = [(x, c) for x, c in self.done if x.end <= m.start]
        if not before:
            return None
        part, pclaim = before[-1]
        gap = T.compact(self.text[part.end:m.start])
        if part.kind != "count" or not re.fullmatch(_SHARE_GAP, gap):
            return None
        if re.search(r"全(?:省|市|区|县|国|镇)|各(?:地|部门|单位)|总体", gap):
            return None  # 占全市申请总量的5.2%: a share of a wider scope than this report's tables
        named = self._named_base(gap)
        if named is not None and named.value:  # 占办结总数的61.5%: the denominator is named, the table gives it
            if {r.id for r in named.refs} == set(pclaim.cells):
                return None  # the count is that total itself: the share is of something else
            return self._share_claim(m, clause, part, pclaim, named.value, [r.id for r in named.refs])
        base_m = self.totals.get(part.start)
        if base_m is None:  # a count of the sentence written as a total (共/合计/全年…), not a sibling of the part
            firsts = [x for x, _ in before if x.unit == part.unit and x.start != part.start and x.kind != "percent"
                      and T.WHOLE.search(T.compact(self.text[max(0, x.start - 12):x.start]))]
            base_m = firsts[0] if firsts else None
        bclaim = next((c for x, c in self.done if base_m is not None and x.start == base_m.start), None)
        base_v: Optional[Number] = base_m.value if base_m is not None else None
        base_cells = list(bclaim.cells) if bclaim else []
        if base_m is None:  # the total the part's own cells belong to (网络申请3件，占43%: of 新收)
            table_base = self._table_total(pclaim)
            if table_base is None:
                return None
            base_v, base_cells = table_base.value, [r.id for r in table_base.refs]
        if not base_v:
            return None
        return self._share_claim(m, clause, part, pclaim, base_v, base_cells)

    def _named_base(self, gap: str) -> Optional[Target]:
        """The denominator a share names between 占 and the number (占办结总数的, 占收到申请总量的, 占全部新收申请的):
        （七）总计 for answered applications, 一、本年新收 for received ones; None when the gap names none."""
        words = gap[gap.find("占") + 1:] if "占" in gap else ""
        if not words or R.NOT_APPLICATION.search(words):
            return None
        if re.search(r"办结|答复|办理|处理|回复", words):
            return targets(self.report, "answered")[0]
        if re.search(r"新收|收到|受理|接收|申请(?:总|数|量)", words):
            return targets(self.report, "new")[0]
        return None

    def _share_claim(self, m: NumberMention, clause: str, part: NumberMention, pclaim: Claim, base_v: Number,
                     base_cells: list[str]) -> Claim:
        decimals = len(m.surface.split(".")[1].rstrip("%％ ")) if "." in m.surface else 0
        got = 100 * part.value / base_v
        cells = list(pclaim.cells) + [x for x in base_cells if x not in pclaim.cells]
        expr = f"{_num(part.value)} ÷ {_num(base_v)} × 100%"
        shown = _num(round(got, decimals))
        if abs(got - m.value) <= 0.5 * 10 ** -decimals + 1e-9:
            c = self.claim(m, clause, "verified", f"“{m.surface.strip()}”＝{expr}（{shown}%），与正文所列数字一致。",
                           expected=round(got, 6))
        else:
            c = self.claim(m, clause, "contradicts", f"“{m.surface.strip()}”按正文数字 {expr} 计算应为 {shown}%，"
                           "请核对比例或所列数字。", severity="warning", expected=round(got, 6))
        c.cell, c.cells = expr, cells
        return c

    def bind_one(self, m: NumberMention, s0: int, s1: int, ctx: T.Context) -> Claim:
        """``ctx``: the sentence, what it is about (with the previous sentence) and its paragraph."""
        c0, c1 = T.clause_span(self.text, s0, s1, m)
        clause = self.text[c0:c1].strip()
        left, right = T.compact(self.text[c0:m.start]), T.compact(self.text[m.end:c1])
        sent_left = T.compact(self.text[s0:m.start])
        span_left = T.compact(self.text[max(ctx.prev_end, s0):m.start])
        span_right = T.compact(self.text[m.end:min(ctx.next_start, s1)])
        sentence = ctx.sentence
        narrowed = T.narrowed(left, span_left)
        total = self.totals.get(m.start)
        self.frame = frame = read_frame(self.text, s0, m, left, sentence, self.report.year, total)
        self.frames[m.start] = frame
        self.s0 = s0

        if ctx.tabular or T.between_numbers(self.text, m, ctx):
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”位于表格文字中（数字连排或带表头），"
                              "不作为正文数字核对；表格数据由表格校验规则检查。")
        cmp_word = R.comparison(left)
        if cmp_word and self.previous is not None:
            grown = self._growth(m, clause, left)
            if grown is not None:
                return grown
        if cmp_word:
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”是与上年或往年比较（“{cmp_word}”）的"
                              "数字，本年度统计表中没有对应数据，未作比对；如需核对，请载入上年度报告。")
        self.earlier = R.other_year(left, sent_left, self.report.year)  # checked in compare()

        if m.kind == "percent":
            share = self._share(m, clause)
            if share is not None:
                return share
            hit = T.nearest(R.RATE_RULES, left if len(left) > 3 else span_left[-20:], "")  # 公开率（含部分公开）为64%
            if hit and hit[0] != "timely_rate" and R.APPLICATION.search(sentence) \
                    and not R.NOT_APPLICATION.search(sentence):
                decimals = len(m.surface.split(".")[1].rstrip("%％ ")) if "." in m.surface else 0
                claim = self.compare(m, clause, rate_targets(self.report, hit[0]), "申请办理比率",
                                     warn=True, tol=0.5 * 10 ** -decimals)
                if claim.status == "contradicts" and hit[0] == "answered_rate" and claim.expected is not None:
                    return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”按统计表计算为 "
                                      f"{_num(round(claim.expected, 2))}%，口径可能不同（如只计应办结的申请），未作判定；"
                                      "建议写明计算口径。", expected=claim.expected)  # 办结率 is often "all answerable"
                return claim
            named = self._named_share(m, clause, left, sentence)
            if named is not None:
                return named
            return self._fallback(m, clause, sentence)

        hit = T.nearest(R.T2_RULES, left, right)
        if hit and re.search(r"等[类项种]?$", left) and hit[0] not in ("info_fee", "fee"):
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”是“{hit[1]}等”多类文件或事项的合计，"
                              "与表二单项口径不同，未作比对。")
        if hit:
            return self._table2(m, clause, hit[0], left + right, narrowed, left)
        if re.search(r"废止|现行有效|新制定|制发|印发|出台", left[-8:]) and m.unit in (None, "件"):
            row = T.nearest(R.T2_RULES[2:4], sent_left, "")  # 本年制发规范性文件21件，废止7件，现行有效54件
            if row:
                return self._table2(m, clause, row[0], left, narrowed)
        if frame.what == "items":
            return self._fallback(m, clause, sentence, unbound=f"“{m.surface.strip()}”是发布的信息条数，不是申请件数，"
                                  "统计表中没有对应栏目，未作比对；如需核对，请在事实清单中补充来源。")
        if R.LITIGATION.search(sent_left + right) and m.unit in (None, "件", "起", "宗", "个"):
            part = T.nearest(R.T4_PART_RULES, left, right, reach=6)
            if part:
                grp = T.nearest(R.GROUP_RULES, sent_left, "")
                cands = targets(self.report, part[0], group=grp[0] if grp else None)
                if cands:
                    return self.compare(m, clause, cands, T4_BREAKDOWN[part[0]], warn=narrowed)
            hit4 = T.nearest(R.T4_RULES, left, right)
            if hit4:
                hit4 = R.refine_suit(hit4, left)
                scope = span_left + right  # 复议2件、诉讼7件 / 行政复议、行政诉讼案件共5件
                return self.compare(m, clause, targets(self.report, hit4[0], context=scope),
                                    METRIC_NAMES[hit4[0]], warn=narrowed)
        if frame.unit in (None, "件", "个", "次") and not R.NOT_APPLICATION_CLAUSE.search(left + right):
            return self._table3(m, clause, left, right, span_left, span_right, ctx, narrowed)
        return self._fallback(m, clause, sentence)

    def _table3(self, m: NumberMention, clause: str, left: str, right: str, span_left: str, span_right: str,
                ctx: T.Context, narrowed: bool) -> Claim:
        """Table 3: the sentence must be about applications — it says 申请 (or the previous one does), it names a
        result only applications have (不予公开, 不掌握…), or (weaker: warnings only) its paragraph is about 申请."""
        if R.NOT_APPLICATION.search(ctx.sentence):
            return self._fallback(m, clause, ctx.sentence)
        loose = False
        hit = self._respectively(m)
        if hit is not None:
            left = ""  # the name is in the list before 分别, not next to the number
        else:
            hit = T.nearest(R.T3_RULES, left, right)
        if hit and hit[0] in ("natural", "org") and R.ALL_APPLICANTS.search(span_left[-30:]):
            # 收到公民、法人和其他组织…申请28件: both kinds of applicant named — all applications, not a column
            hit = T.nearest([(k, rx) for k, rx in R.T3_RULES if k not in ("natural", "org")], left, right)
        if hit is None and R.APPLICATION_NOUN.search(left):  # 信函申请28件 / 依申请公开2件: applications counted
            hit = ("received", "申请")
        if hit is None and len(left) <= 3:  # 予以公开（含部分公开）87件; 另有3件，将于下一年度继续办理
            hit = T.nearest(R.T3_RULES, span_left[-20:], "") or T.nearest(
                [(k, rx) for k, rx in R.T3_RULES if k in R.STRONG], "", span_right)
            loose = hit is not None
        if hit is None:
            return self._fallback(m, clause, ctx.sentence)
        hit = R.refine_group(hit, left if not loose else span_left[-20:])
        if R.APPLICATION.search(ctx.about) or R.APPLICATION_RESULT.search(hit[1]) or (
                hit[0] in R.RESULT_METRICS and R.RESULTS_TALK.search(ctx.sentence)):
            pass
        elif ctx.para_app and not R.NOT_APPLICATION.search(ctx.about):
            loose = True
        else:
            return self._fallback(m, clause, ctx.sentence)
        together = self._named_together(span_left)
        if together and hit[0] in together:
            refs = tuple(r for k in together for r in targets(self.report, k)[0].refs)
            label = "与".join(METRIC_NAMES[k].removesuffix("数") for k in together) + "之和"
            cands = [Target(" + ".join(r.id for r in refs), sum_cells(self.report.get(r) for r in refs), label, refs)]
            return self.compare(m, clause, cands, label, warn=narrowed or loose)
        cands = targets(self.report, hit[0])
        if hit[0] == "other_handling":  # 其他处理110件 may mean the row （六）3.其他
            paths = L.t3_groups(self.report.template)[L.G_OTHER]
            if len(paths) > 1:
                cands += targets(self.report, row_metric(L.G_OTHER, len(paths) - 1))
        if not cands:
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”对应的栏目在本报告使用的表格"
                              "格式中没有单独一行，无法核对。")
        total_metric = hit[0] in ("received", "handled", "new") and "其中" in span_left
        return self.compare(m, clause, cands, METRIC_NAMES.get(hit[0], "表三对应栏目"),
                            warn=narrowed or loose or total_metric)  # 办理 has 3 readings; matching none is an error

    def _respectively(self, m: NumberMention) -> Optional[tuple[str, str]]:
        """``不予公开、无法提供分别为5件、31件``: the k-th number after 分别 takes the k-th name of the list before it."""
        seg = self.text[self.s0:m.start]
        k = seg.rfind("分别")
        if k < 0:
            return None
        names = T.compact(seg[:k])
        end = re.search(r"[。；;！？\n]", self.text[self.s0 + k:])
        after_all = [x for x in extract_numbers(self.text[self.s0 + k:self.s0 + k + (end.start() if end else 200)])
                     if x.kind != "percent"]
        tail = names[-40:]
        joined, split = self._name_list(tail, True), self._name_list(tail, False)
        # 予以公开、部分公开、无法提供分别为6件、2件、3件 (three names) / 予以公开和部分公开、无法提供分别为8件、3件 (two):
        # the reading whose names match the numbers after 分别 one to one
        listed = split if len(split) == len(after_all) and len(joined) != len(after_all) else joined
        after = [x for x, _ in self.done if self.s0 + k <= x.start < m.start and x.kind != "percent"]
        i = len(after)
        if len(listed) < 2 or i >= len(listed):
            return None
        return listed[i][2], listed[i][3]

    @staticmethod
    def _name_list(tail: str, joined: bool) -> list[tuple[int, int, str, str]]:
        """The list of Table 3 names that ends ``tail`` (the text before 分别), joined by 、/和/及/与; ``joined``: read
        予以公开和部分公开 as the one row name it also is."""
        found: list[tuple[int, int, str, str]] = []
        for metric, rx in R.T3_RULES:
            if metric == "public_and_partial" and not joined:
                continue
            found += [(x.start(), x.end(), metric, x.group(0)) for x in rx.finditer(tail)]
        found.sort(key=lambda f: (f[0], -f[1]))
        flat: list[tuple[int, int, str, str]] = []
        for f in found:
            if not flat or f[0] >= flat[-1][1]:
                flat.append(f)
        if not flat or not re.fullmatch(r"(?:的|类|申请|情形|信息)*", tail[flat[-1][1]:]):
            return []
        listed = [flat[-1]]  # the list right before 分别: names joined by 、/和/及/与
        for a in reversed(flat[:-1]):
            if not re.fullmatch(r"(?:的|类|申请|情形|信息)*(?:和|及|与|、|或|以及)", tail[a[1]:listed[0][0]]):
                break
            listed.insert(0, a)
        return listed

    def _named_together(self, span_left: str) -> Optional[list[str]]:
        """Result rows named together before one number (``不予公开、无法提供的共10件``, ``不予处理和其他处理8件``):
        the number is their sum. Not with 分别 (one number each)."""
        tail = span_left[-40:]
        found: list[tuple[int, int, str]] = []
        for metric, rx in R.T3_RULES:
            if metric in R.RESULT_METRICS and metric != "public_and_partial":
                found += [(x.start(), x.end(), metric) for x in rx.finditer(tail)]
        found.sort(key=lambda f: (f[0], -f[1]))
        chain: list[tuple[int, int, str]] = []
        for f in found:  # drop matches inside a longer one (部分公开 inside 不予公开? no; 公开 inside 予以公开)
            if chain and f[0] < chain[-1][1]:
                continue
            chain.append(f)
        if len(chain) < 2 or "分别" in tail or not re.fullmatch(r"(?:的|类|申请|情形)*(?:共计|共|合计|总计)?(?:为|有|是)?",
                                                               tail[chain[-1][1]:]):
            return None
        names = [chain[-1][2]]
        for a, b in zip(reversed(chain[:-1]), reversed(chain[1:])):
            if not re.fullmatch(r"(?:的|类|申请)*(?:和|及|与|、|或|以及)", tail[a[1]:b[0]]):
                break
            names.insert(0, a[2])
        names = list(dict.fromkeys(names))
        return names if len(names) >= 2 else None

    def _table2(self, m: NumberMention, clause: str, metric: str, ctx: str, narrowed: bool,
                left: Optional[str] = None) -> Claim:
        surf = m.surface.strip()
        if metric == "info_fee":
            return self.claim(m, clause, "unverifiable", f"“{surf}”是信息处理费，统计表中没有对应栏目（表二“行政事业性收费”"
                              "是另一口径），请在事实清单中注明来源。")
        if metric == "policy_doc":
            return self.claim(m, clause, "unverifiable", f"“{surf}”是政策性文件的发布数，与表二“行政规范性文件”"
                              "本年制发件数口径不同，未作比对；建议在正文中写明统计口径。")
        if metric == "procurement":
            money = m.kind == "money"
            cands = targets(self.report, metric, context="金额" if money else "")
            if not cands or (not money and m.unit not in (None, "条", "项", "个", "次", "件", "批次", "批")):
                return self._fallback(m, clause, ctx)
            value = m.value * 10000 if m.unit == "万元" else m.value
            return self.compare(m, clause, cands, "政府集中采购" + ("采购总金额" if money else "采购项目数量"),
                                warn=True, value=value)
        if metric == "fee":
            if m.kind != "money":
                return self._fallback(m, clause, ctx)
            cands = targets(self.report, "fee")
            if m.unit == "元":
                known = cands[0].value if cands else None
                if known is not None and abs(known - m.value) < 1e-6 and m.value >= 100 and not self.earlier:
                    return self.claim(m, clause, "contradicts", f"“{surf}”以元为单位，而表二“行政事业性收费”以万元填报"
                                      f"且数值同为 {_num(known)}：单位可能填错（相差一万倍）。", target=cands[0])
                return self.compare(m, clause, cands, "行政事业性收费", warn=narrowed, tol=0.005,
                                    value=round(m.value / 10000, 6))
            value = m.value * 10000 if m.unit == "亿元" else m.value
            return self.compare(m, clause, cands, "行政事业性收费", warn=narrowed, tol=0.005, value=value)
        if m.unit not in (None, "件", "项", "个", "次"):
            return self.claim(m, clause, "unverifiable", f"“{surf}”是信息发布条数，与表二的{METRIC_NAMES[metric]}"
                              "口径不同，未作比对。")
        cands = targets(self.report, metric, context=ctx)
        column_named = re.search(r"现行有效|废止", ctx if left is None else left)  # 清理并集中发布现行有效行政规范性文件393件: the column is named
        if metric in ("reg", "normative") and R.POSTING.search(ctx) and not R.ISSUING.search(ctx) and not column_named:
            if not _matching(cands, m.value):  # 主动公开规章13件 counts postings, not 本年制发
                return self.claim(m, clause, "unverifiable", f"“{surf}”可能是{'规章' if metric == 'reg' else '规范性文件'}"
                                  "的发布或公开数，与表二“本年制发件数”口径不一定相同，未作比对；建议写明统计口径。")
        if metric in ("permit", "penalty", "coercion") and re.search(r"事项|清单|目录|公示|信息", ctx):
            if not _matching(cands, m.value):
                return self.claim(m, clause, "unverifiable", f"“{surf}”是事项或公示信息数，与表二“本年处理决定数量”"
                                  "口径不同，未作比对。")
        return self.compare(m, clause, cands, METRIC_NAMES[metric], warn=narrowed or metric in ("reg", "normative"))

    def _fallback(self, m: NumberMention, clause: str, sentence: str, unbound: str = "") -> Claim:
        surf = m.surface.strip()
        best, best_score = None, 0.0
        for f in self.facts:
            if f.unit and m.unit and (f.unit == "%") != (m.unit == "%"):
                continue
            score = _fact_score(f, clause)
            same = abs(f.value - m.value) < 1e-9
            if same:
                score = max(score, _fact_score(f, sentence))
            if score >= 0.5 and (best is None or (same, score) > (abs(best.value - m.value) < 1e-9, best_score)):
                best, best_score = f, score
        if best is not None:
            if abs(best.value - m.value) < 1e-9:
                return self.claim(m, clause, "verified", f"“{surf}”与事实清单 [{best.id}] {best.label} 一致。", fact=best)
            if best_score >= 0.6:
                return self.claim(m, clause, "contradicts", f"“{surf}”与事实清单 [{best.id}] {best.label}"
                                  f"（{_num(best.value)}{best.unit or ''}）不一致，请核对。", fact=best)
        return self.claim(m, clause, "unverifiable", unbound or f"“{surf}”在统计表和事实清单中没有对应数据，无法核对；"
                          "如需保留，请在事实清单中补充来源。")


def _parts_are_not_their_total(claims: list[Claim], group: list[NumberMention], totals: dict[int, NumberMention],
                               by_start: dict[int, int], frames: dict[int, Frame]) -> None:
    """A part of a breakdown is not its total's metric (``办结2件，其中答复1件``: the 1 is not 办结): a part of
    whole scope that contradicts the very cells of its total is unverifiable instead. A part of narrower scope
    (``其中通过网络平台受理2980件``) keeps its warning."""
    for m in group:
        tot = totals.get(m.start)
        if tot is None or m.start not in by_start or tot.start not in by_start:
            continue
        if m.start in frames and frames[m.start].who != "whole":
            continue
        c, tc = claims[by_start[m.start]], claims[by_start[tot.start]]
        if c.status == "contradicts" and c.cells and set(c.cells) <= set(tc.cells) | set(_alternatives(tc)):
            c.status, c.severity, c.expected = "unverifiable", "info", None
            c.message = (f"“{c.text}”是“{tc.text}”的分项，与总数不是同一口径，未单独比对；分项之和见总数的核对。")


def _alternatives(c: Claim) -> list[str]:
    return [x for x in re.split(r" \+ ", c.cell or "") if x]


def _full_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences joined across ；/; (a breakdown and its shares run on over semicolons: ``其中：予以公开42件，
    占51.85%；不予公开5件，占6.17%；…``)."""
    out: list[tuple[int, int]] = []
    for s0, s1 in spans:
        prev_end = text[out[-1][0]:out[-1][1]].rstrip()[-1:] if out else ""
        if out and prev_end in "；;" and not T.HEADING.match(text[s0:s1]):
            out[-1] = (out[-1][0], s1)
        else:
            out.append((s0, s1))
    return out


def bind_claims(text: str, report: Report, facts: Optional[list[Fact]] = None, *,
                previous: Optional[Report] = None) -> list[Claim]:
    """One claim per number in ``text`` (plus list/breakdown checks), in text order. ``previous``: last year's
    report, against which growth figures (比上年增加…, 同比增长…%) are computed."""
    if not text:
        return []
    binder = _Binder(text, report, list(facts or []), previous)
    mentions = extract_numbers(text)
    spans = T.sentences(text)
    full = _full_sentences(text, spans)
    groups = [[m for m in mentions if f0 <= m.start < f1] for f0, f1 in full]
    for (f0, f1), g in zip(full, groups):
        binder.totals.update(breakdown_of(text, f0, f1, g))
    out: list[Claim] = []
    i = 0
    prev = ""
    window: list[str] = []  # sentences of the current paragraph (since the last heading), whitespace-free
    fi = 0
    for s0, s1 in spans:
        if i >= len(mentions):
            break
        while fi < len(full) and full[fi][1] <= s0:
            fi += 1
            binder.done = []  # a new full sentence
        sentence = T.compact(text[s0:s1])
        if T.HEADING.match(text[s0:s1]) or (len(sentence) < 40 and not sentence.endswith(tuple(T.SENT_END))):
            window = []  # a heading starts a new topic
        para_app = any(R.APPLICATION.search(x) for x in window[-4:])
        window.append(sentence)
        about = prev + sentence  # the previous sentence often names the subject (申请)
        prev = sentence
        group = []
        while i < len(mentions) and mentions[i].start < s1:
            if mentions[i].start >= s0:
                group.append(mentions[i])
            i += 1
        if not group:
            continue
        tabular = T.is_table_text(text[s0:s1], group)
        for k, m in enumerate(group):
            ctx = T.Context(sentence, about, para_app, group[k - 1].end if k else -1,
                           group[k + 1].start if k + 1 < len(group) else len(text), tabular)
            out.append(binder.bind_one(m, s0, s1, ctx))
            binder.done.append((m, out[-1]))
    by_start = {c.start: k for k, c in enumerate(out)}
    _parts_are_not_their_total(out, mentions, binder.totals, by_start, binder.frames)
    extra: list[Claim] = []
    for (f0, f1), group in zip(full, groups):
        for chk in sum_checks(text, f0, f1, group):
            m = chk.mention
            bound = [out[by_start[x.start]].status == "verified" for x in (m, *chk.parts) if x.start in by_start]
            if not chk.ok and len(bound) == len(chk.parts) + 1 and all(bound):
                continue  # 受理749件，其中予以公开…：each figure matches its own cell; the parts are another metric
            s0, s1 = next(((a, b) for a, b in spans if a <= m.start < b), (f0, f1))
            c0, c1 = T.clause_span(text, s0, s1, m)
            new = binder.claim(m, text[c0:c1].strip(), "verified" if chk.ok else "contradicts", chk.message,
                               severity=chk.severity, expected=chk.expected)
            new.cell = chk.expr
            idx = by_start.get(m.start)
            if idx is not None and out[idx].status == "unverifiable":
                out[idx] = new
            else:
                extra.append(new)
    out += extra
    for st in stale_years(text, report.year, mentions, spans):
        out.append(Claim(text=st.clause, value=st.year, start=st.start, end=st.end, status="contradicts",
                         severity="warning", expected=report.year, message=st.message, unit="年"))
    out.sort(key=lambda c: (c.start, c.status != "contradicts"))
    return out
