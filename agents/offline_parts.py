"""What every section of the offline drafter uses: the placeholder, the interview's answers written in their
sub-part (a number answer inside last year's own sentence), user facts routed to the sub-part their label names."""

from __future__ import annotations

import re
from typing import Any, Optional, Sequence, Union

from report.claims.numbers import extract_numbers
from report.model import labels as L
from report.model.tables import Report

from . import offline_text as T
from .interview import Interview, Question
from .last_year_text import opening
from .writer import Writer, self_name

PH = "【待补充：{}】"
TOT = L.T3_TOTAL_COLUMN


class Style:
    """Picks one of a template's wordings: not one that last year's report already used, else by year."""

    def __init__(self, report: Report, previous: Optional[Report]):
        self.me = self_name(report.agency)
        self.year = report.year or 0
        self.avoid = previous.text() if previous is not None else ""

    def pick(self, variants: Any) -> str:
        if isinstance(variants, str):
            variants = (variants,)
        texts = [v.format(me=self.me) for v in variants]
        fresh = [t for t in texts if t.strip("，")[:24] not in self.avoid] or texts
        return fresh[self.year % len(fresh)]


def route_facts(facts: list[Any]) -> dict[str, list[Any]]:
    """Put each user fact under the sub-heading whose topic its label names."""
    routes: dict[str, list[Any]] = {k: [] for k in ("一", "二", "三", "四", "五", "六")}
    for f in facts:
        label = f.label
        for key, words in T.FACT_ROUTES:
            if any(w in label for w in words):
                routes[key].append(f)
                break
        else:
            routes["一"].append(f)
    return routes


def write_facts(w: Writer, facts: list[Any], lead: str = "") -> None:
    for f in facts:
        w.add(f.label)
        w.num(f.value, fact=f.id, unit=f.unit or "")
        w.add("。")


def answer_number(w: Writer, q: Question, value: Any) -> None:
    """Last year's clause with this year's figure in place of last year's (「全年发布政策解读130篇」)."""
    nums = list(extract_numbers(str(value))) if isinstance(value, str) else []
    v = nums[0].value if nums else value
    unit = (nums[0].unit if nums and nums[0].unit else "") or q.unit
    t, fig = q.template, q.figure
    if t and fig and fig in t:
        i = t.index(fig)
        before, after = t[:i], t[i + len(fig):]
        if q.unit and after.startswith(q.unit):
            after = after[len(q.unit):]
        before = before.removeprefix("其中").removeprefix("去年")
        w.add(before).num(v, fact=q.id, unit=unit).add(after.rstrip("。；，") + "。")
    else:
        w.add(q.label).num(v, fact=q.id, unit=unit).add("。")


# A placeholder item: words, or words and numbers, each number with its cell (「对无法提供的」, (25, cell), 「件…」).
Item = Union[str, Sequence[Union[str, tuple[Union[int, float], str]]]]


def write_placeholder(w: Writer, items: Sequence[Item]) -> None:
    """「【待补充：a；b】」, every number in it written with its cell (none is asserted: each is a question)."""
    w.add("【待补充：")
    for i, item in enumerate(items):
        w.add("；" if i else "")
        for seg in ([item] if isinstance(item, str) else item):
            if isinstance(seg, str):
                w.add(seg)
            else:
                w.num(seg[0], cell=seg[1])
    w.add("】")


def place_answers(w: Writer, iv: Interview, section: str, subpart: str, facts: dict[str, Any], *,
                  hint: Sequence[Item] = (), extra: Sequence[Item] = ()) -> None:
    """The interview answers of one sub-part, in place; what is required and unanswered -> one placeholder, in
    this agency's terms: ``hint`` replaces the generic label of the sub-part's base text question (依申请公开办理做法
    -> what this agency's 表三 calls for), ``extra`` is asked too whenever something is missing (the 重点领域 of
    its line of work)."""
    missing: list[Item] = []
    figures: list[Question] = []  # last year's clauses whose figure this year's answer would replace
    start = w._len
    for q in iv.of(section, subpart):
        a = iv.answer(q.id)
        if a is None:
            topic = next((t for t in T.TOPIC_WORDS if t in q.label), None)
            if topic and topic in w.text()[w.text().rfind("\n（"):]:
                continue  # a user fact of this sub-part already states it
            if q.required and q.kind == "number" and q.last_year:
                figures.append(q)
            elif q.required and hint and q.kind == "text" and not q.last_year:
                missing.extend(hint)
            elif q.required:
                missing.append(q.label or q.subpart)
            continue
        if q.kind == "number" and q.id in facts:
            answer_number(w, q, facts[q.id].value)
        else:
            w.answer(str(a).strip().rstrip("。；"), q.id).add("。")
    if figures:
        missing.insert(0, figures_asked(figures))
    if not missing and w._len == start and not _written_since_heading(w):
        missing.extend(hint or [f"{subpart}工作情况"])
    if missing and not figures and section == "一" and (last := opening(iv.last_year_text.get(subpart) or "")):
        missing.append(f"去年此部分写道：{last}")  # last year's own text of the sub-part, as the model to update
    if missing:
        write_placeholder(w, [*missing, *extra])


FIGURES_SHOWN = 3  # last year's figures quoted in a placeholder before 「等N项」
CLAUSE_SHOWN = 28  # characters of one quoted clause: a window on its figure
CLAUSE_AFTER = 8  # of them, at most this many after the figure and its unit (what it counts)


def figures_asked(figures: Sequence[Question]) -> str:
    """「今年的数字（去年：A；B；C等14项，逐项见访谈问题）」: the first few of last year's figures, a long clause cut to
    a window on its figure; all of them stay questions of the interview."""
    def short(q: Question) -> str:
        clause = re.sub(r"^(?:\d+[.、．]|其中|去年)", "", q.last_year)
        if len(clause) <= CLAUSE_SHOWN:
            return clause
        at = clause.find(q.figure) if q.figure else -1
        end = min(len(clause), (at + len(q.figure) + len(q.unit) if at >= 0 else 0) + CLAUSE_AFTER)
        end = max(end, min(len(clause), CLAUSE_SHOWN))
        start = max(0, end - CLAUSE_SHOWN)
        return ("…" if start else "") + clause[start:end] + ("…" if end < len(clause) else "")

    shown = figures if len(figures) <= FIGURES_SHOWN + 1 else figures[:FIGURES_SHOWN]
    text = "；".join(short(q) for q in shown)
    if len(shown) < len(figures):
        text += f"等{len(figures)}项，逐项见访谈问题"
    return f"今年的数字（去年：{text}）"


def _written_since_heading(w: Writer) -> bool:
    return not w.text().endswith("\n")


def t3(report: Report, row: str, col: str = TOT) -> Optional[int | float]:
    return report.t3(row, col)

