"""The fact sheet a drafting prompt may take numbers from: table cells with their ids, user facts, last year.

Every line carries an id: a cell id (``表三/一、本年新收政府信息公开申请数量/总计``), a derived expression
(sums of a result group, the 法人或其他组织 columns, a change on last year), or a user fact id. Last year's figures
are labelled as LAST YEAR so that the model uses them only for comparison, never as this year's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from report.claims.facts import Fact, FactError
from report.claims.facts import FactSheet as UserFacts
from report.model import CellRef, Report, fmt_number, sum_cells
from report.model import labels as L

__all__ = ["Fact", "FactError", "FactLine", "FactSheet", "build_factsheet", "load_facts"]

ORG_SUM = "表三/{row}/法人或其他组织（商业企业+科研机构+社会公益组织+法律服务机构+其他）"
LAST_YEAR = "上年"
GROUP_WILDCARD = "各分项合计"


@dataclass
class FactLine:
    id: str
    label: str
    value: int | float
    unit: Optional[str] = "件"
    kind: str = "cell"  # 'cell' | 'derived' | 'fact' | 'last_year' | 'change'

    def render(self) -> str:
        unit = self.unit or ""
        val = fmt_number(self.value)
        if self.kind == "last_year":
            return f"[{self.id}] （上年数据，仅供比较，不得作为本年数字）{self.label}：{val}{unit}"
        return f"[{self.id}] {self.label}：{val}{unit}"


@dataclass
class FactSheet:
    lines: list[FactLine] = field(default_factory=list)

    def render(self) -> str:
        groups = [
            ("本年报表数据（表二、表三、表四）", ("cell", "derived")),
            ("工作人员提供的本年事实", ("fact",)),
            ("上年报告数据（只可用于比较，严禁当作本年数字）", ("last_year", "change")),
        ]
        out = []
        for title, kinds in groups:
            rows = [ln.render() for ln in self.lines if ln.kind in kinds]
            if rows:
                out.append(f"【{title}】")
                out.extend(rows)
        return "\n".join(out) if out else "（无可用数据：不要写任何数字）"

    def by_kind(self, *kinds: str) -> list[FactLine]:
        return [ln for ln in self.lines if ln.kind in kinds]


def load_facts(data: Any) -> list[Fact]:
    """User facts from a path, a JSON string, a list, ``{label: value}`` or ``{"facts": [...]}``.

    Unreadable input raises ``report.claims.facts.FactError`` (a ValueError with a Chinese message)."""
    if data is None:
        return []
    if isinstance(data, Path) or (isinstance(data, str) and not data.lstrip().startswith(("[", "{"))):
        return list(UserFacts.load(data))
    if isinstance(data, str):
        return list(UserFacts.loads(data))
    if isinstance(data, dict) and isinstance(data.get("facts"), list):
        data = data["facts"]
    if isinstance(data, list) and all(isinstance(f, Fact) for f in data):
        return list(data)
    return list(UserFacts.from_data(data))


def t2_unit(row: str) -> str:
    return "万元" if row == L.T2_FEE else "件"


def table2_lines(report: Report) -> list[FactLine]:
    lines = []
    for row, val in report.table2.items():
        if isinstance(val, dict):
            for col, x in val.items():
                if x is not None:
                    lines.append(FactLine(CellRef("table2", row, col).id, f"表二 {row} {col}", x, "件"))
        elif val is not None:
            col = L.T2_SINGLE_COLUMN.get(row, "")
            lines.append(FactLine(CellRef("table2", row).id, f"表二 {row} {col}", val, t2_unit(row)))
    return lines


def group_sum(report: Report, group: str, column: str = L.T3_TOTAL_COLUMN) -> Optional[int | float]:
    """Σ of a result group's sub-rows; unknown (None) when any sub-row is blank (:func:`report.model.sum_cells`)."""
    rows = L.t3_groups(report.template).get(group, ())
    return sum_cells(report.t3(r, column) for r in rows) if rows else None


def group_id(report: Report, group: str) -> str:
    rows = L.t3_groups(report.template).get(group, ())
    if len(rows) == 1:
        return CellRef("table3", rows[0], L.T3_TOTAL_COLUMN).id
    # a derived id, not a cell: agents.provenance.resolve sums the group's sub-rows for it
    return f"{L.TABLE_NAMES['table3']}/{L.R_RESULTS}/{group}/{GROUP_WILDCARD}/{L.T3_TOTAL_COLUMN}"


def org_sum(report: Report, row: str) -> Optional[int | float]:
    """Σ of the five 法人或其他组织 columns; unknown (None) when any is blank."""
    return sum_cells(report.t3(row, c) for c in L.T3_ORG_COLUMNS)


def table3_lines(report: Report) -> list[FactLine]:
    lines: list[FactLine] = []
    tot = L.T3_TOTAL_COLUMN

    def add(row: str, label: str) -> None:
        v = report.t3(row, tot)
        if v is not None:
            lines.append(FactLine(CellRef("table3", row, tot).id, label, v))

    add(L.R_NEW, "表三 本年新收政府信息公开申请数量（总计）")
    for col in L.T3_APPLICANT_COLUMNS:
        v = report.t3(L.R_NEW, col)
        if v:
            lines.append(FactLine(CellRef("table3", L.R_NEW, col).id, f"表三 本年新收申请中 {col}", v))
    o = org_sum(report, L.R_NEW)
    if o is not None:
        lines.append(FactLine(ORG_SUM.format(row=L.R_NEW), "表三 本年新收申请中 法人或其他组织（合计）", o, kind="derived"))
    add(L.R_CARRIED_IN, "表三 上年结转政府信息公开申请数量（总计）")
    for group, rows in L.t3_groups(report.template).items():
        short = group.split("（区分")[0]
        if len(rows) == 1:
            add(rows[0], f"表三 办理结果 {short}")
            continue
        s = group_sum(report, group)
        if s is not None:
            lines.append(FactLine(group_id(report, group), f"表三 办理结果 {short}（各分项合计）", s, kind="derived"))
        for r in rows:
            v = report.t3(r, tot)
            if v:
                lines.append(FactLine(CellRef("table3", r, tot).id, f"表三 办理结果 {L.t3_short_label(r)}", v))
    add(L.R_TOTAL, "表三 本年度办理结果 （七）总计（即本年办结数）")
    add(L.R_CARRIED_OUT, "表三 结转下年度继续办理（总计）")
    return lines


def table4_lines(report: Report) -> list[FactLine]:
    lines = []
    for g in L.T4_GROUPS:
        for col, v in zip(L.T4_COLUMNS, report.table4.get(g) or []):
            if v is not None and (v or col == "总计"):
                lines.append(FactLine(CellRef("table4", g, col).id, f"表四 {L.T4_GROUP_TITLES[g]} {col}", v))
    suits = sum_cells((report.t4(L.T4_SUIT_DIRECT), report.t4(L.T4_SUIT_AFTER)))
    if suits is not None:
        lines.append(FactLine(
            f"{CellRef('table4', L.T4_SUIT_DIRECT, '总计').id} + {CellRef('table4', L.T4_SUIT_AFTER, '总计').id}",
            "表四 行政诉讼合计（未经复议直接起诉+复议后起诉）", suits, kind="derived"))
    return lines


KEY_LAST_YEAR = (
    (CellRef.t3(L.R_NEW), "新收政府信息公开申请数量"),
    (CellRef.t3(L.R_TOTAL), "办理结果总计"),
    (CellRef.t3(L.R_CARRIED_OUT), "结转下年度继续办理"),
    (CellRef.t4(L.T4_REVIEW), "行政复议总计"),
    (CellRef.t2("行政规范性文件", "本年制发件数"), "行政规范性文件本年制发件数"),
)


def last_year_id(cid: str) -> str:
    return f"{LAST_YEAR}/{cid}"


def percent_change(now: int | float, before: int | float) -> Optional[float]:
    if not before:
        return None
    return round((now - before) / before * 100, 1)


def last_year_lines(report: Report, previous: Optional[Report]) -> list[FactLine]:
    if previous is None:
        return []
    lines = []
    year = f"{previous.year}年" if previous.year else "上年"
    for ref, label in KEY_LAST_YEAR:
        cid = ref.id
        before = previous.get(ref)
        if before is None:
            continue
        lines.append(FactLine(last_year_id(cid), f"{year}{label}", before, kind="last_year"))
        now = report.get(ref)
        pct = percent_change(now, before) if now is not None else None
        if pct is not None:
            word = "增长" if pct > 0 else ("下降" if pct < 0 else "持平")
            lines.append(FactLine(f"比较/{cid}", f"本年{label}较{year}{word}（百分比，取绝对值书写）", abs(pct), "%",
                                  kind="change"))
    return lines


def fact_lines(facts: Iterable[Any]) -> list[FactLine]:
    out = []
    for f in facts or []:
        label = f.label + (f"（{f.note}）" if getattr(f, "note", "") else "")
        out.append(FactLine(f.id, label, f.value, f.unit, kind="fact"))
    return out


def build_factsheet(report: Report, facts: Iterable[Any] = (), previous: Optional[Report] = None) -> FactSheet:
    lines = table2_lines(report) + table3_lines(report) + table4_lines(report)
    if report.year:
        lines.insert(0, FactLine("报告年度", "报告年度", report.year, "年", kind="derived"))
    lines += fact_lines(facts)
    lines += last_year_lines(report, previous)
    return FactSheet(lines)
