"""Binding one narrative number to the table cells its frame names (:class:`CellBinder`): Table 3 (依申请),
Table 4 (复议/诉讼), Table 2 (规章、规范性文件、处理决定、收费), rates, and user facts when no table cell applies.
Derived figures (shares, growth) are in :mod:`report.claims.derived`, name lists in :mod:`report.claims.names`.
"""

from __future__ import annotations

import math
import re
from typing import Optional

from report.claims import derived as D
from report.claims import keywords as R
from report.claims import names as N
from report.claims import text as T
from report.claims import vocab as V
from report.claims.claim import Claim, Number, decimals_of, first_per_value, matching, num
from report.claims.closure import complete, filled_note
from report.claims.facts import Fact, best_fact
from report.claims.frame import ITEM_UNITS, Frame, read_frame
from report.claims.numbers import NumberMention
from report.claims.targets import METRIC_NAMES, T4_BREAKDOWN, Target, doc_columns, rate_targets, row_metric, targets
from report.model import labels as L
from report.model.cells import CellRef
from report.model.identities import sum_cells
from report.model.tables import Report

_RECEIVED_THEN = re.compile(r"(?:收到|受理|接收|接到)(?:并|且|和|及|、)?$")
_REG_AND_DOCS = re.compile(r"规章(?:和|及|与|、|以及)(?:行政)?规范性文件|规范性文件(?:和|及|与|、|以及)(?:政府)?规章")
# The acts that name a column of the 2019 format's document rows (besides 制作/制定/印发…): 新公开 and 对外公开总数.
_COLUMN_2019 = re.compile(r"公开|发布|上网|公布|累计|总数|总量")
_CATEGORY = re.compile(r"类(?:信息|政府信息)?(?:共|达|为)?$")


class CellBinder:
    def __init__(self, text: str, report: Report, facts: list[Fact], previous: Optional[Report] = None):
        # blanks the table's own identities determine (a blank 总计 column, an empty row under a balanced total)
        report, self.filled = complete(report)
        self.text, self.report, self.facts, self.previous = text, report, facts, previous
        self.earlier = False  # the number being bound is about an earlier year
        self.done: list[tuple[NumberMention, Claim]] = []  # the numbers of the current sentence bound so far
        self.totals: dict[int, NumberMention] = {}  # part start -> its breakdown total (current sentence)
        self.frame = Frame("whole", "", "this", None)
        self.frames: dict[int, Frame] = {}  # mention start -> its frame
        self.earlier_equal: set[int] = set()  # mentions dated an earlier year that equal this year's cell
        # shares verified: (mention start, "rounded"/"cut", what it says of the rounding convention, rounded value)
        self.rounding: list[tuple[int, str, str, float]] = []
        self.s0 = 0  # start of the sentence being bound
        self.left = ""  # the clause left of the number being bound (whitespace-free)
        self.own = T.own_names(report.agency)  # the agency naming itself is the whole scope
        # a department's report: 全区/各部门 figures are of a wider scope than its own tables
        self.department = T.is_department(report.agency)
        self.regions = T.region_names(report.agency)  # its region named as a subject: a wider scope
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

    def scope_note(self, narrowed: bool, loose: bool = False) -> str:
        """Why the frame does not bind the number to a whole-year cell unambiguously ("" when it does): a channel,
        a department or part of the year (the tables count neither), or a sentence that does not say 申请."""
        if not narrowed and not loose:
            return ""
        f = self.frame
        if narrowed and f.when == "part":
            return "限定了时段（季度、月份或半年）"
        if narrowed and R.SUBSET.search(self.left):
            return "限定了申请的内容或答复方式"
        if narrowed and (f.who == "channel" or T.CHANNEL.search(self.left)):
            return "限定了提交或办理渠道（统计表不分渠道）"
        if narrowed and self.department and T.wider(self.left, self.own, self.regions):
            return "说的是比本部门更大的范围（全区、各部门）"
        if narrowed:
            return "限定了部门、单位或范围"
        return "没有写明是政府信息公开申请（只有段落主题是申请）"

    def compare(self, m: NumberMention, clause: str, cands: list[Target], what: str, *, warn: bool,
                tol: float = 0.0, value: Optional[Number] = None, scope: str = "") -> Claim:
        """``scope``: why the frame binds the number to these cells only loosely (see :meth:`scope_note`); a
        number so framed is verified when it equals a cell and left unverifiable otherwise — it contradicts
        only when its frame binds it to the cell unambiguously."""
        v = m.value if value is None else value
        if self.earlier:
            same = matching([t for t in cands if t.value is not None], v)
            if same and self.frame.when != "comparison":
                self.earlier_equal.add(m.start)  # dated earlier, yet this year's figure: a stale year (years.py)
                return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”所在句子说的是{self.report.year}年"
                                  f"以前的年份，但数值与本年度{same[0].label}相同（{num(same[0].value)}）：年份可能照抄"
                                  "旧报告未改，请核对。", target=same[0])
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
                return self.claim(m, clause, "verified", f"“{m.surface.strip()}”与{t.label}一致（{num(t.value)}）"
                                  f"{filled_note(self.filled, t)}。", target=t)
        if m.approx and v > 0:  # 10余件 / 近20件 / 约300条: a round figure, read as a range, never an exact error
            step = 10 ** math.floor(math.log10(v))
            near = [t for t in known if t.value is not None and 0.8 * v - 1e-9 <= t.value < v + step]
            if near:
                return self.claim(m, clause, "verified", f"“{m.surface.strip()}”是约数，与{near[0].label}"
                                  f"（{num(near[0].value)}）相符。", target=near[0])
            warn = True
        t = known[0]
        if scope and not m.approx:
            alt = "、".join(f"{x.label}为 {num(x.value)}" for x in first_per_value(known))
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”所在分句{scope}，与全年{what}"
                              f"（{alt}）口径不同，不同属正常，未作判定。", target=t)
        doubtful = [r for x in known for r in x.refs if r in self.uncertain]
        inferred = next((note for x in known if (note := filled_note(self.filled, x))), "")
        if inferred:  # a blank filled from the identities: the figure may be right and the table wrong elsewhere
            warn = True
        if doubtful:  # the parser is unsure of the cell: a warning saying where, never the report's error
            warn = True
            hint_cell = f"（解析提示：{doubtful[0].id} 的读数可能有误——{self._diagnostic(doubtful[0])}）"
        else:
            hint_cell = ""
        alt = "、".join(f"{x.label}为 {num(x.value)}" for x in first_per_value(known))
        hint = ("（正文为约数，与表中数字相差较大，请人工确认）" if m.approx else
                "（该句限定了范围或口径不唯一，请人工确认）" if warn else "，请核对正文或统计表")
        return self.claim(m, clause, "contradicts",
                          f"“{m.surface.strip()}”与统计表不一致：{alt}{inferred}，正文写的是 {num(v)}{hint}。{hint_cell}",
                          severity="warning" if warn else "error", target=t)

    def _diagnostic(self, ref: CellRef) -> str:
        for d in self.report.diagnostics:
            if ref.id in d.cells and d.severity != "info":
                return d.message
        return "解析器未说明原因"

    def bind_one(self, m: NumberMention, s0: int, s1: int, ctx: T.Context) -> Claim:
        """``ctx``: the sentence, what it is about (with the previous sentence) and its paragraph."""
        c0, c1 = T.clause_span(self.text, s0, s1, m)
        clause = self.text[c0:c1].strip()
        left, right = T.compact(self.text[c0:m.start]), T.compact(self.text[m.end:c1])
        sent_left = T.compact(self.text[s0:m.start])
        span_left = T.compact(self.text[max(ctx.prev_end, s0):m.start])
        span_right = T.compact(self.text[m.end:min(ctx.next_start, s1)])
        sentence = ctx.sentence
        narrowed = T.narrowed(T.strip_own(left, self.own), T.strip_own(span_left, self.own)) or (
            self.department and T.wider(span_left, self.own, self.regions))
        total = self.totals.get(m.start)
        self.frame = frame = read_frame(self.text, s0, m, left, sentence, self.report.year, total,
                                                tuple(self.own))
        self.frames[m.start] = frame
        self.s0, self.left = s0, left

        if ctx.tabular or T.between_numbers(self.text, m, ctx):
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”位于表格文字中（数字连排或带表头），"
                              "不作为正文数字核对；表格数据由表格校验规则检查。")
        cmp_word = R.comparison(left)
        if cmp_word and self.previous is not None:
            grown = D.growth(self, m, clause, left)
            if grown is not None:
                return grown
        if cmp_word:
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”是与上年或往年比较（“{cmp_word}”）的"
                              "数字，本年度统计表中没有对应数据，未作比对；如需核对，请载入上年度报告。")
        self.earlier = R.other_year(left, sent_left, self.report.year)  # checked in compare()

        if m.kind == "percent":
            share = D.share(self, m, clause)
            if share is not None:
                return share
            hit = T.nearest(R.RATE_RULES, left if len(left) > 3 else span_left[-20:], "")  # 公开率（含部分公开）为64%
            if hit and hit[0] != "timely_rate" and (R.APPLICATION.search(sentence) or V.names_table3_row(left)) \
                    and not R.NOT_APPLICATION.search(sentence):
                decimals = decimals_of(m)
                claim = self.compare(m, clause, rate_targets(self.report, hit[0]), "申请办理比率",
                                     warn=True, tol=0.5 * 10 ** -decimals)
                if claim.status == "contradicts" and hit[0] == "answered_rate" and claim.expected is not None \
                        and m.value <= 100:  # a rate above 100 % is wrong whatever the base
                    return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”按统计表计算为 "
                                      f"{num(round(claim.expected, 2))}%，口径可能不同（如只计应办结的申请），未作判定；"
                                      "建议写明计算口径。", expected=claim.expected)  # 办结率 is often "all answerable"
                return claim
            named = D.named_share(self, m, clause, left, sentence)
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
                    return self.compare(m, clause, cands, T4_BREAKDOWN[part[0]], warn=narrowed,
                                        scope=self.scope_note(narrowed))
            hit4 = T.nearest(R.T4_RULES, left, right)
            if hit4:
                hit4 = R.refine_suit(hit4, left)
                scope = span_left + right  # 复议2件、诉讼7件 / 行政复议、行政诉讼案件共5件
                return self.compare(m, clause, targets(self.report, hit4[0], context=scope),
                                    METRIC_NAMES[hit4[0]], warn=narrowed, scope=self.scope_note(narrowed))
        if frame.unit in (None, "件", "个", "次") and not R.NOT_APPLICATION_CLAUSE.search(left + right):
            return self._table3(m, clause, left, right, span_left, span_right, ctx, narrowed)
        return self._fallback(m, clause, sentence)

    def _table3(self, m: NumberMention, clause: str, left: str, right: str, span_left: str, span_right: str,
                ctx: T.Context, narrowed: bool) -> Claim:
        """Table 3: the sentence must be about applications — it says 申请 (or the previous one does), it names a
        result only applications have (不予公开, 不掌握…), or (weaker: warnings only) its paragraph is about 申请."""
        if R.NOT_APPLICATION.search(ctx.sentence):
            return self._fallback(m, clause, ctx.sentence)
        loose = self.frame.what == "loose"
        hit = N.respectively(self, m)
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
        obj = left[left.rfind(hit[1]) + len(hit[1]):] if hit[1] in left else ""
        if hit[0] in ("received", "handled", "answered", "new") and R.OTHER_HEAD_NOUN.search(obj) \
                and not re.search(r"申请(?!人)", obj):
            # 申请人提出的补正要求3件: the verb counts something else (not 收到申请公开政府信息的要求1件)
            return self._fallback(m, clause, ctx.sentence)
        # a sub-row word (信访举报投诉) alone is not the row: its group's name or its own full label must be there
        row_word = hit[0].startswith("row:") and not R.RESULT_GROUP_NAME.search(ctx.sentence) \
            and not V.names_table3_row(left)
        if R.APPLICATION.search(ctx.about) or (R.APPLICATION_RESULT.search(hit[1]) and not row_word) \
                or V.names_table3_row(hit[1]) or (
                hit[0] in R.RESULT_METRICS and R.RESULTS_TALK.search(ctx.sentence)):
            pass
        elif ctx.para_app and not R.NOT_APPLICATION.search(ctx.about):
            loose = True
        else:
            return self._fallback(m, clause, ctx.sentence)
        together = N.named_together(span_left) or N.included(self.text, m, hit[0])
        if together and hit[0] in together:
            refs = tuple(r for k in together for r in targets(self.report, k)[0].refs)
            label = "与".join(METRIC_NAMES[k].removesuffix("数") for k in together) + "之和"
            cands = [Target(" + ".join(r.id for r in refs), sum_cells(self.report.get(r) for r in refs), label, refs)]
            return self.compare(m, clause, cands, label, warn=narrowed or loose,
                                scope=self.scope_note(narrowed, loose))
        cands = targets(self.report, hit[0])
        apart = hit[0] == "received" and len(cands) > 1 and R.carried_in_apart(self.text, m.start, m.end)
        if apart:  # 收到申请1件…；结转上年度申请1件: the carried-over ones counted apart, 收到 is 一 (a warning if not)
            cands = cands[:1]
        if hit[0] == "answered" and hit[1] in left and _RECEIVED_THEN.search(left[:left.rfind(hit[1])]):
            # 共受理办结2件 / 收到并办结5件: two verbs on one count — the applications received, all of them closed;
            # either reading (the first verb's first) verifies it, only a figure matching neither contradicts
            cands = targets(self.report, "received") + cands
        if hit[0] == "handled" and len(cands) == 3 and cands[2].value == m.value:
            cands = [cands[2], *cands[:2]]  # 办理N件: （七）总计 first when several readings agree (the reason names it)
        if hit[0] == "other_handling":  # 其他处理110件 may mean the row （六）3.其他
            paths = L.t3_groups(self.report.template)[L.G_OTHER]
            if len(paths) > 1:
                cands += targets(self.report, row_metric(L.G_OTHER, len(paths) - 1))
        if not cands:
            return self.claim(m, clause, "unverifiable", f"“{m.surface.strip()}”对应的栏目在本报告使用的表格"
                              "格式中没有单独一行，无法核对。")
        total_metric = hit[0] in ("received", "handled", "new") and "其中" in span_left
        return self.compare(m, clause, cands, METRIC_NAMES.get(hit[0], "表三对应栏目"),
                            warn=narrowed or loose or total_metric or apart,  # 办理: 3 readings, none matching: error
                            scope=self.scope_note(narrowed, loose))

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
                                      f"且数值同为 {num(known)}：单位可能填错（相差一万倍）。", target=cands[0])
                return self.compare(m, clause, cands, "行政事业性收费", warn=narrowed, tol=0.005,
                                    value=round(m.value / 10000, 6))
            value = m.value * 10000 if m.unit == "亿元" else m.value
            return self.compare(m, clause, cands, "行政事业性收费", warn=narrowed, tol=0.005, value=value)
        doc = metric in ("reg", "normative")
        # 审核各部门印发的22条规范性文件并…发布: a verb right before 的 qualifies the documents; the act counted is
        # the clause's own verb (审核…发布)
        # 印发的22条规范性文件: documents counted in 条 when the clause says they were issued
        issued_items = doc and m.unit == "条" and bool(R.ISSUING.search(ctx if left is None else left))
        ctx = R.ATTRIBUTIVE_ISSUING.sub("", ctx)
        cands = targets(self.report, metric, context=ctx)
        if doc and _REG_AND_DOCS.search(left if left is not None else ctx) and cands:
            # 现行有效的规章和规范性文件共253件: both rows named together — the sum of the same column of each
            other = targets(self.report, "reg" if metric == "normative" else "normative", context=ctx)
            refs = cands[0].refs + other[0].refs
            cands = [Target(" + ".join(r.id for r in refs), sum_cells(self.report.get(r) for r in refs),
                            f"{cands[0].label}与{other[0].label}之和", refs)]
        if m.unit not in (None, "件", "项", "个", "次") and not issued_items:
            # 公示行政许可信息599条 / 其中行政规范性文件8条: published items about the row — one item per decision or
            # document is the usual practice, so equal to the row's cell: verified; different: another measure
            # (items, not decisions), never a contradiction
            # 行政许可类信息3条: the row's name qualifies a category (类) of published information — a count of
            # items of that kind (a notice, a list…), not of decisions or documents: left unverifiable
            category = bool(_CATEGORY.search(left if left is not None else ctx))
            if m.unit in ITEM_UNITS and not category and not self.earlier and self.frame.when == "this":
                row = doc_columns(self.report, metric) if doc \
                    else cands
                same = matching(row, m.value)
                if same:
                    return self.claim(m, clause, "verified", f"“{surf}”（信息条数）与{same[0].label}一致"
                                      f"（{num(same[0].value)}）。", target=same[0])
            return self.claim(m, clause, "unverifiable", f"“{surf}”是信息发布条数，与表二的{METRIC_NAMES[metric]}"
                              "口径不同，未作比对。")
        if doc and self.report.template == L.TEMPLATE_2019 and (R.ISSUING.search(ctx) or _COLUMN_2019.search(ctx)):
            return self.compare(m, clause, cands, f"表二{'规章' if metric == 'reg' else '规范性文件'}", warn=True,
                                scope=self.scope_note(narrowed) or ("" if R.ISSUING.search(ctx) or R.POSTING.search(ctx)
                                                                    else "没有写明制作、公开还是累计"))
        if doc and (self.report.template == L.TEMPLATE_2019 or not R.ISSUING.search(ctx) and not R.DOC_COLUMN.search(ctx)):
            # 2019 format: the clause names neither 制作, 公开/发布 nor 累计 (清理/梳理/审核规范性文件30件)
            # the clause names none of the columns' acts (制发 / 废止 / 现行有效): 主动公开规章13件, 备案审查10件,
            # 清理规范性文件30件 — verified when it equals one column, never a contradiction
            every = doc_columns(self.report, metric)
            acts = "制作、公开还是累计公开" if self.report.template == L.TEMPLATE_2019 else "制发、废止还是现行有效"
            same = matching(every, m.value)
            if same:
                return self.claim(m, clause, "verified", f"“{surf}”与{same[0].label}一致（{num(same[0].value)}）。",
                                  target=same[0])
            return self.claim(m, clause, "unverifiable", f"“{surf}”没有写明是{'规章' if metric == 'reg' else '规范性文件'}"
                              f"的{acts}件数（可能是发布、审查或清理数），与表二口径不一定相同，未作比对；"
                              "建议写明统计口径。")
        if metric in ("permit", "penalty", "coercion") and re.search(r"事项|清单|目录|公示|公开|发布|信息", ctx):
            # 公开行政处罚案件12件 / 公示行政许可信息599条: published items about the decisions, not the decisions
            if not matching(cands, m.value):
                return self.claim(m, clause, "unverifiable", f"“{surf}”是事项或公示信息数，与表二“本年处理决定数量”"
                                  "口径不同，未作比对。")
        return self.compare(m, clause, cands, METRIC_NAMES[metric], warn=narrowed or metric in ("reg", "normative"),
                            scope=self.scope_note(narrowed))

    def _fallback(self, m: NumberMention, clause: str, sentence: str, unbound: str = "") -> Claim:
        """No table cell: the user fact whose label shares most of its bigrams, or unverifiable."""
        surf = m.surface.strip()
        best, best_score = best_fact(self.facts, m, clause, sentence)
        if best is not None:
            if abs(best.value - m.value) < 1e-9:
                return self.claim(m, clause, "verified", f"“{surf}”与事实清单 [{best.id}] {best.label} 一致。", fact=best)
            if best_score >= 0.6:
                return self.claim(m, clause, "contradicts", f"“{surf}”与事实清单 [{best.id}] {best.label}"
                                  f"（{num(best.value)}{best.unit or ''}）不一致，请核对。", fact=best)
        return self.claim(m, clause, "unverifiable", unbound or f"“{surf}”在统计表和事实清单中没有对应数据，无法核对；"
                          "如需保留，请在事实清单中补充来源。")
