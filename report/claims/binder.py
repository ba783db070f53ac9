"""Bind every number in narrative text to what it claims: a table cell, a sum of cells, a user fact, or nothing.

``bind_claims(text, report, facts=None, *, previous=None)`` returns one :class:`Claim` per number mention (percent lists and
``共…其中…`` breakdowns may add a second claim on the total). ``start``/``end`` are the span of the number in
``text``; ``text`` is the clause around it.

Before binding, blank 表三/表四 cells the tables' own identities determine are filled (:mod:`.closure`; a figure
against such a cell is a warning naming it). Modules: this one runs the sentences and the report-wide passes; :mod:`report.claims.cellbind` binds one number
to cells (``CellBinder``); :mod:`report.claims.derived` computes shares and growth; :mod:`report.claims.names`
reads name lists (分别, rows named together, 含 brackets); :mod:`report.claims.frame` reads each number's frame;
:mod:`report.claims.vocab` is the tables' own words; :mod:`report.claims.sums` the breakdowns (:mod:`report.claims.sumcheck` their checks);
:mod:`report.claims.years` stale years; :mod:`report.claims.claim` the record.

Status:

- ``verified``: the value equals the table value (or the derived value, or a user fact) the frame names.
- ``contradicts``: only when the frame binds the number to a cell unambiguously and the value differs. Severity
  ``error``; ``warning`` for round figures, 规章/规范性文件 counts, an ambiguous 办理, an uncertain parser cell, a share
  or a breakdown (N-2) that does not add up, a growth figure against ``previous``, a stale year.
- ``unverifiable`` (info): no table cell or fact for this number (website visits, 信息处理费, published items,
  hotlines, meetings), comparisons with last year without ``previous``, earlier years, table text that ran into a
  section, cells the parser could not read (the message names the cell and the diagnostic) — and figures whose
  frame binds them only loosely: a channel (网络申请3件), a department or unit (区政府办公室受理17件), part of the
  year (第一季度), a subset by content or manner (征地拆迁类申请30件, 延期答复3件), a sentence where only the
  paragraph says 申请. Such a figure equal to the whole-year cell is verified; a different one is unverifiable with
  the whole-year value in the reason (the tables do not count by channel, department or topic).

``Claim.cells`` lists the cell ids compared with (several for a sum or a share), ``Claim.unit`` the measure word.

How a sentence is read (statutory_tables.md §2.2, §4 N-1, N-2, N-7):

1. Sentences end at 。！？；; at line breaks that end a sentence, start a heading or end a table row (PDF wraps are
   joined); clauses at ，、（）. A sentence that opens with 其中 goes on with the previous one (:mod:`.text`).
2. The frame (:mod:`.frame`): who — whole (本机关, 全区, the agency naming itself by its name or a tail of it),
   channel, department or unit; what — applications, published ``items`` (条/篇, 信息数: never application counts),
   hotlines; when — this year, an earlier year, part of the year, a comparison; unit — its own or its breakdown's.
3. The metric is the table word nearest to the number in its clause (left first, then right; a number alone in its
   clause looks back), the most specific winning (:func:`.keywords.refine_group`). Table 3 needs the sentence to
   say 申请, or the clause to use the table's own row words (:mod:`.vocab`: 结转下年度继续办理, 上年结转, 办理结果,
   不予处理…, derived from the row labels); a sub-row word alone (信访举报投诉) needs its group's name or full label;
   a verb counting another head noun (申请人提出的补正要求3件) is not an application count. 公民/个人 are 自然人.
   Table 2 document counts bind to the column their clause names (制发 / 废止·失效 / 现行有效·现有有效; 2019 format:
   新制作 / 新公开 / 对外公开总数), a verb before 的 qualifying the documents rather than naming the act; with no
   column named they are verified against any column or left unverifiable.
4. Name lists (:mod:`.names`): ``A、B分别为5件、31件`` pairs them; ``不予公开、无法提供的共10件`` sums the rows;
   ``同意公开42件（含部分公开2件）``: the count is the sum of both rows, the bracketed number the included row.
5. Breakdowns (:mod:`.sums`, checked in :mod:`.sumcheck`): ``共…其中…``, ``包括/包含/涵盖/涉及/分别/分为/主要为/具体为``,
   ``从…看`` / ``按…分`` / a colon after the total, a head opening the next sentence (``…90条。主要包括：…``),
   ``在…N条中`` / ``N件申请中``, ``N条（…）``, ``A…，B…，合计N``, and category lists with no head word (``公开356条，
   A类信息1条，…，其他…10条``; numbered ``1.``/``一是`` items go on with the list); parts with the total's unit must
   add up (a round total such as 120余条 is a range; parts giving the total twice in two runs are two dimensions). Exceeding the total is always flagged (warning);
   falling short is not when the list is of departments or channels without a remainder item, when items carry no
   number, for 含…, or when every part is its own table row. Parallel items opened by the same word (涉及…；涉及…)
   are not a total and its parts; a second list of the same total along another dimension (其中网上79件、当面2件，
   涉及自然人80件…) is checked against that total; a part of whole scope is never its total's metric.
6. Derived figures (:mod:`.derived`): a share after a count (``占51.85%``, ``所占比例为``, ``（17.46%）``, parts
   listed together ``合计占…``) over each whole the sentence and tables give it — the denominator it names, its
   breakdown's total, a count written as a total, the table total of its cells; with no whole in the sentence,
   every table whole (一, 一+二, （七）) — to the text's rounding (or truncation, unless the section shows it rounds);
   a contradiction when the whole is unambiguous or no table whole gives it. Growth against ``previous``.
7. A number not bound to the tables is compared with the user facts whose label shares most of its bigrams.
8. Stale years (:mod:`.years`): an earlier year dating this year's figures in its own clause, or an issue date in
   the report year, is a ``contradicts`` claim (warning) on the year itself (unit 年).
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
from report.claims.sumcheck import sum_checks
from report.claims.sums import breakdown_of
from report.claims.years import stale_years
from report.model.numfmt import fmt_number
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


def _cut_shares_in_a_rounding_text(claims: list[Claim], rounding: list[tuple[int, str, str, float]],
                                   by_start: dict[int, int]) -> None:
    """A share that matches only when truncated or rounded up (``38.28%`` for 38.2716…) is verified unless the
    text shows it rounds: another share of the text whose rounding and truncation differ is written rounded, and
    none is written truncated. Then it is a slip of rounding: a warning with the rounded value."""
    for start, how, _, value in rounding:
        if how != "cut" or start not in by_start:
            continue
        others = [conv for s, _, conv, _ in rounding if s != start and conv]
        if "round" not in others or "trunc" in others:
            continue
        c = claims[by_start[start]]
        c.status, c.severity, c.expected = "contradicts", "warning", value
        c.message = (f"“{fmt_number(c.value)}%”按四舍五入应为 {fmt_number(value)}%（本节其他比例均按四舍五入取值），"
                     "请核对比例或所列数字。")


def _alternatives(c: Claim) -> list[str]:
    return [x for x in re.split(r" \+ ", c.cell or "") if x]


_OPENS_HEAD = re.compile(r"\s*(?:从[^，,。；;\d]{1,10}?(?:来看|看)[，,：:]|按[^，,。；;\d]{1,8}?(?:划分|分|统计)[，,：:]"
                         r"|(?:主要|具体)?(?:包括|涵盖|分为|如下)[：:]|具体(?:为|是|如下)[：:]?"
                         r"|(?:具体|主要)?(?:情况|内容|类别)(?:为|是|如下|有)[：:]?)")
_ITEM = re.compile(r"\s*\d{1,2}[.．、](?!\d)[^，,。；;]{0,30}?\d")
_REMAINDER = re.compile(r"\s*其[他它][^，,。；;\d]{0,20}\d+\s*[条篇件]\s*[。；;]?\s*$")


def _full_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences joined across ；/; (a breakdown and its shares run on over semicolons: ``其中：予以公开42件，
    占51.85%；不予公开5件，占6.17%；…``) and into a sentence that opens with 其中 (``…共90条。其中，…``)."""
    out: list[tuple[int, int]] = []
    for s0, s1 in spans:
        prev_end = text[out[-1][0]:out[-1][1]].rstrip()[-1:] if out else ""
        # …共收到申请81件。其中，自然人申请70件…: a sentence opening with 其中 goes on with the previous one's count
        opens_qizhong = bool(re.match(r"\s*其中", text[s0:s1])) and prev_end in "。"
        # …行政许可类信息3条。其他应主动公开的政府信息24条。: the remainder of a category list, cut off by 。
        remainder = bool(_REMAINDER.match(text[s0:s1])) and prev_end in "。" and "类" in text[out[-1][0]:s0] \
            if out else False
        # …主动公开政府信息90条。从公开类别看，A类…条 / 主要包括：…: a breakdown head opening the next sentence
        opens_head = bool(_OPENS_HEAD.match(text[s0:s1])) and prev_end in "。"
        # …其中：1.A类5条；2.B类1条；…: a numbered item after ； goes on with the list (not a heading)
        item = prev_end in "；;" and bool(_ITEM.match(text[s0:s1]))
        if out and (prev_end in "；;" or opens_qizhong or remainder or opens_head) \
                and (item or not T.HEADING.match(text[s0:s1])):
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
    _cut_shares_in_a_rounding_text(out, binder.rounding, by_start)
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
    for st in stale_years(text, report.year, mentions, spans, binder.earlier_equal):
        out.append(Claim(text=st.clause, value=st.year, start=st.start, end=st.end, status="contradicts",
                         severity="warning", expected=report.year, message=st.message, unit="年"))
    out.sort(key=lambda c: (c.start, c.status != "contradicts"))
    return out
