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

import re
from typing import Optional

from report.claims import keywords as R
from report.claims import text as T
from report.claims.cellbind import CellBinder
from report.claims.claim import Claim
from report.claims.facts import Fact
from report.claims.frame import Frame
from report.claims.numbers import NumberMention, extract_numbers
from report.claims.sums import breakdown_of, sum_checks
from report.claims.years import stale_years
from report.model.tables import Report

__all__ = ["Claim", "bind_claims"]


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
    占51.85%；不予公开5件，占6.17%；…``) and into a sentence that opens with 其中 (``…共90条。其中，…``)."""
    out: list[tuple[int, int]] = []
    for s0, s1 in spans:
        prev_end = text[out[-1][0]:out[-1][1]].rstrip()[-1:] if out else ""
        # …共收到申请81件。其中，自然人申请70件…: a sentence opening with 其中 goes on with the previous one's count
        opens_qizhong = bool(re.match(r"\s*其中", text[s0:s1])) and prev_end in "。"
        if out and (prev_end in "；;" or opens_qizhong) and not T.HEADING.match(text[s0:s1]):
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
    binder = CellBinder(text, report, list(facts or []), previous)
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
            parts_bound = [out[by_start[x.start]] for x in chk.parts if x.start in by_start]
            if not chk.ok and chk.parts and chk.expected is not None and chk.expected < m.value \
                    and len(parts_bound) == len(chk.parts) and all(c.status == "verified" and c.cells
                                                                   for c in parts_bound):
                continue  # 81件申请中，予以公开40件，部分公开2件: every part is its own table row; the rest are unlisted
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
