"""Derived figures of a sentence: shares (``占51.85%``, ``208件（17.46%）``, ``予以公开的占51.85%``) and changes
against last year (``比上年增加20件``, ``同比增长16.8%``), computed from the tables or the figures the text lists, to
the rounding the text uses.

Functions of the :class:`report.claims.cellbind.CellBinder` binding the current sentence (``b.done``: the numbers
of the sentence bound so far; ``b.totals``: each breakdown part's total).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Optional

from report.claims import keywords as R
from report.claims import text as T
from report.claims.claim import Claim, Number, decimals_of, num
from report.claims.numbers import NumberMention
from report.claims.targets import Target, targets
from report.model import labels as L
from report.model.cells import CellRef
from report.model.identities import sum_cells

if TYPE_CHECKING:
    from report.claims.cellbind import CellBinder

# Between a count and its share: 占 / 占比 / 所占比例为 / 占总数的 / 占全部… / a named denominator (占办结总数的,
# 占收到申请的) / 比例为 / （ ; 合计占 / 共占: the share of the parts listed together before it
SHARE_GAP = re.compile(r"[，,]?(?:(?:合计|共计|共|两项合计|二者合计|两者合计)(?=约?所?占))?约?所?占(?:比|总数|全部[^，,。；]{0,8}"
                       r"|[^，,。；\d%％]{1,12}?(?:总数|总量|总件数|件数|数量|申请|总和))?的?(?:比例|比重)?(?:为|达|约)?约?"
                       r"|[，,]?(?:比例|比重)(?:为|达|约)?约?|[（(]")
_TOGETHER = re.compile(r"^[，,]?(?:合计|共计|共|两项合计|二者合计|两者合计)")


def growth(b: CellBinder, m: NumberMention, clause: str, left: str) -> Optional[Claim]:
    """A change against last year (``比上年增加20件``, ``同比增长16.8%``, ``上年为119件``) of the figure bound just
    before it in the sentence, computed from the same cells of this year's and last year's (``--previous``)
    tables, to the decimals the text uses."""
    assert b.previous is not None
    base = next((c for x, c in reversed(b.done) if x.end <= m.start and c.cells and c.status == "verified"
                 and x.kind != "percent"), None)
    if base is None or R.CUMULATIVE.search(left):
        return None
    refs = [CellRef.parse(i) for i in base.cells]
    now = sum_cells(b.report.get(r) for r in refs)
    last = sum_cells(b.previous.get(r) for r in refs)
    surf = m.surface.strip()
    if now is None or last is None:
        return b.claim(m, clause, "unverifiable", f"“{surf}”是与上年的比较，但本年或上年报告中“{base.text}”"
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
        shown = f"（{num(now)} − {num(last)}）÷ {num(last)} × 100% = {num(round(diff / last * 100, decimals))}%"
    else:
        expected, tol = (abs(diff), 0.0) if change else (last, 0.0)
        shown = f"{num(now)} − {num(last)} = {num(diff)}" if change else f"上年为 {num(last)}"
    same_sign = not change or diff == 0 or (diff < 0) == down
    ok = abs(expected - m.value) <= tol + 1e-9 and same_sign
    msg = (f"“{surf}”与上年报告核对一致：{shown}。" if ok else
           f"“{surf}”与上年报告不一致：按两年统计表，{shown}，请核对。")
    c = b.claim(m, clause, "verified" if ok else "contradicts", msg, severity=None if ok else "warning",
                   expected=round(expected, 6))
    c.cell = f"本年−上年：{base.cell}"
    c.cells = list(base.cells)
    return c


def table_total(b: CellBinder, c: Claim) -> Optional[Target]:
    """The table total a bound part belongs to: （七）总计 for a result row, 一、本年新收 for new applications."""
    refs = [CellRef.parse(x) for x in c.cells]
    if not refs or any(r.table != "table3" for r in refs):
        return None
    if all(r.row.startswith(L.R_RESULTS) for r in refs):
        return targets(b.report, "answered")[0]
    if all(r.row == L.R_NEW for r in refs):
        return targets(b.report, "new")[0]
    return None


def named_share(b: CellBinder, m: NumberMention, clause: str, left: str, sentence: str) -> Optional[Claim]:
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
        den = targets(b.report, "answered")[0]
    elif metric in ("natural", "org") or metric.startswith("applicant:"):
        den = targets(b.report, "new")[0]
    else:
        return None
    nums = targets(b.report, metric)
    num = nums[0] if nums else None
    if num is None or num.value is None or not den.value:
        return None
    decimals = decimals_of(m)
    got = 100 * num.value / den.value
    target = Target(f"({num.expr}) / ({den.expr}) × 100%", round(got, 6), f"{num.label}÷{den.label}",
                    num.refs + den.refs)
    return b.compare(m, clause, [target], "占比", warn=True, tol=0.5 * 10 ** -decimals)


def share(b: CellBinder, m: NumberMention, clause: str) -> Optional[Claim]:
    """A share written right after a count (``予以公开42件，占51.85%``, ``208 件（17.46%）``, ``A 40件，B 2件，合计占
    51.85%``): the count (or the parts listed together) over each whole the sentence and the tables give it — the
    denominator it names, its breakdown's total, a count written as a total, the table total its cells belong to —
    to the rounding the text uses. Verified when one whole gives it; a contradiction only when the whole is
    unambiguous (named, or the breakdown's total) and no whole gives it."""
    before = [(x, c) for x, c in b.done if x.end <= m.start]
    if not before:
        return None
    part, pclaim = before[-1]
    gap = T.compact(b.text[part.end:m.start])
    if part.kind != "count" or not re.fullmatch(SHARE_GAP, gap):
        return None
    if re.search(r"全(?:省|市|区|县|国|镇)|各(?:地|部门|单位)|总体", gap):
        return None  # 占全市申请总量的5.2%: a share of a wider scope than this report's tables
    total_m = b.totals.get(part.start)
    value: Number = part.value
    cells = list(pclaim.cells)
    if _TOGETHER.match(gap):  # 予以公开40件，部分公开2件，合计占51.85%: the parts since the last share or the total
        run = []
        for x, c in reversed(before):
            if x.kind == "percent" or (total_m is not None and x.start <= total_m.start):
                break
            if x.unit == part.unit and b.totals.get(x.start) is total_m:
                run.append((x, c))
        value = sum(x.value for x, _ in run)
        cells = [i for _, c in reversed(run) for i in c.cells]
    named = named_base(b, gap)
    if named is not None and named.value:  # 占办结总数的61.5%: the denominator is named, the table gives it
        if {r.id for r in named.refs} == set(cells):
            return None  # the count is that total itself: the share is of something else
        return share_claim(b, m, clause, value, cells, [(named.value, [r.id for r in named.refs])], strict=True)
    wholes: list[tuple[Number, list[str]]] = []
    if total_m is not None:
        tclaim = next((c for x, c in b.done if x.start == total_m.start), None)
        wholes.append((total_m.value, list(tclaim.cells) if tclaim else []))
    for x, c in before:  # a count of the sentence written as a total (共/合计/全年…), not a sibling of the part
        if x.unit == part.unit and x.start != part.start and x.kind != "percent" and x.value >= value \
                and T.WHOLE.search(T.compact(b.text[max(0, x.start - 12):x.start])):
            wholes.append((x.value, list(c.cells)))
    table_base = table_total(b, pclaim)  # the total the part's own cells belong to (网络申请3件，占43%: of 新收)
    strict = total_m is not None
    if not wholes and table_base is not None and table_base.value:
        # 网络申请3件，占40%: no whole in the sentence — every whole the tables offer for applications (一, 一+二,
        # （七）总计); a share none of them gives is a warning (the text names no other base)
        for t in (targets(b.report, "new")[0], targets(b.report, "handled")[1], targets(b.report, "answered")[0]):
            if t.value and t.value != table_base.value:
                wholes.append((t.value, [r.id for r in t.refs]))
        strict = True
    if table_base is not None and table_base.value:
        wholes.append((table_base.value, [r.id for r in table_base.refs]))
    wholes = [(v, c) for v, c in wholes if v]
    if not wholes:
        return None
    return share_claim(b, m, clause, value, cells, wholes, strict=strict)


def _within_rounding(got: float, written: float, decimals: int) -> str:
    """"rounded" / "cut" (截尾 or 进位: within one unit of the last decimal written) / "" (neither)."""
    if abs(got - written) <= 0.5 * 10 ** -decimals + 1e-9:
        return "rounded"
    if abs(got - written) < 10 ** -decimals - 1e-9:
        return "cut"
    return ""


def named_base(b: CellBinder, gap: str) -> Optional[Target]:
    """The denominator a share names between 占 and the number (占办结总数的, 占收到申请总量的, 占全部新收申请的):
    （七）总计 for answered applications, 一、本年新收 for received ones; None when the gap names none."""
    words = gap[gap.find("占") + 1:] if "占" in gap else ""
    if not words or R.NOT_APPLICATION.search(words):
        return None
    if re.search(r"办结|答复|办理|处理|回复", words):
        return targets(b.report, "answered")[0]
    if re.search(r"新收|收到|受理|接收|申请(?:总|数|量)", words):
        return targets(b.report, "new")[0]
    return None


CUT_NOTE = "（按截尾或进位取值）"


def _convention(got: float, written: float, decimals: int) -> str:
    """What a share written as ``written`` says of the text's rounding: "round" when rounding and truncating
    ``got`` differ and it is the rounded value, "trunc" when it is the truncated one, "" when it tells neither."""
    q = 10 ** decimals
    rounded, cut = round(got * q) / q, math.floor(got * q + 1e-9) / q
    if abs(rounded - cut) < 1e-9:
        return ""
    if abs(written - rounded) < 1e-9:
        return "round"
    return "trunc" if abs(written - cut) < 1e-9 else ""


def share_claim(b: CellBinder, m: NumberMention, clause: str, value: Number, cells: list[str],
                wholes: list[tuple[Number, list[str]]], *, strict: bool) -> Optional[Claim]:
    """``value`` over each of ``wholes`` (value, cells): verified by the first that gives the written share;
    otherwise a warning when ``strict`` (the whole is unambiguous) and unverifiable when it is not."""
    decimals = decimals_of(m)
    fits = [(v, c) for v, c in wholes if 100 * value / v <= 100 + 0.5 * 10 ** -decimals or m.value > 100]
    if not fits:
        return None  # a part larger than every base read for it: none is the share's denominator
    readings = [(v, c, how) for v, c in fits if (how := _within_rounding(100 * value / v, m.value, decimals))]
    readings.sort(key=lambda x: x[2] != "rounded")  # a whole that gives the share rounded wins over a cut one
    for v, base_cells, how in readings[:1]:
        got = 100 * value / v
        expr = f"{num(value)} ÷ {num(v)} × 100%"
        note = "" if how == "rounded" else CUT_NOTE
        c = b.claim(m, clause, "verified", f"“{m.surface.strip()}”＝{expr}（{num(round(got, decimals))}%）{note}，"
                    "与正文所列数字一致。", expected=round(got, 6))
        c.cell, c.cells = expr, cells + [x for x in base_cells if x not in cells]
        # what this share says of the text's rounding (see binder: a cut share in a text that rounds is flagged)
        b.rounding.append((m.start, how, _convention(got, m.value, decimals), round(got, decimals)))
        return c
    v, base_cells = fits[0]
    got = 100 * value / v
    expr = f"{num(value)} ÷ {num(v)} × 100%"
    if not strict:
        c = b.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”的分母不明确：按{expr}计算为 "
                    f"{num(round(got, decimals))}%，与正文不同，可能是另一口径的比例，未作判定。", expected=round(got, 6))
    else:
        c = b.claim(m, clause, "contradicts", f"“{m.surface.strip()}”按 {expr} 计算应为 "
                    f"{num(round(got, decimals))}%，请核对比例或所列数字。", severity="warning", expected=round(got, 6))
    c.cell, c.cells = expr, cells + [x for x in base_cells if x not in cells]
    return c
