"""Rules of 表二 (主动公开政府信息情况): values, the 万元 unit of 行政事业性收费, and 规章 at county level.

Sources: ``shared/spec/statutory_tables.md`` §1 and §4 (T2-A, T2-B). The shape of 表二 is read from its own keys
(a report may mix a 2021 表二 with a 2019 表三). A 2019 trial-format 表二 gets the blank and value checks only:
its 本年增/减 columns are signed (a decrease is negative) and 采购总金额 is money (decimals allowed); the fee-unit
and 规章 rules apply to the 2021 rows only. A 2019 format in a 2021+ report is the structure rule ``old_template``.

Heuristics (documented here because they are not official):

- Agency level (:func:`agency_level`) from the agency name: a name whose last administrative unit is 县/旗, or
  ``…市…区`` (a 市辖区), or that names a 乡/镇/街道, is county level or below. Zones (新区, 开发区, 高新区, 实验区,
  示范区…) and names without a clear unit are ``unknown`` and never get level-based warnings.
- 行政事业性收费 looks like 元 instead of 万元 when (a) the narrative gives the fee in 元 and the table holds that same
  figure, or in 万元 while the table holds 10,000 times it; or (b) the figure is implausibly large: above
  200,000 万元 (20 亿元) for a county-level agency, or above 10,000,000 万元 (1,000 亿元) for any agency. Warning.
  The 信息处理费 (条例 第四十二条, usually in 元) is a different fee and is never compared.
"""

from __future__ import annotations

import re
from typing import Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.findings import Finding
from report.model.numfmt import fmt_number as _n
from report.model.tables import Report
from report.rules.tables import _bad_value, blank_severity, unread_finding, unread_of

COUNTY_FEE_LIMIT = 200_000  # 万元 = 20 亿元
ANY_FEE_LIMIT = 10_000_000  # 万元 = 1,000 亿元

_ZONE = re.compile(r"新区|开发区|高新区|实验区|示范区|保税区|园区|经济区|合作区")
_TOWNSHIP = re.compile(r"[乡镇]人民政府|街道|[乡镇]$")
_UNIT = re.compile(r"(省|自治区|自治州|直辖市|市|州|盟|地区|县|旗|区)")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_FEE_MENTION = re.compile(r"行政事业性收费[^。；;\n]{0,30}?(\d[\d,，]*(?:\.\d+)?)\s*(亿元|万元|元)")

_T2_DOC_IDS = {(r, c): CellRef("table2", r, c).id for r in L.T2_DOC_ROWS for c in L.T2_DOC_COLUMNS}
_T2_SINGLE_IDS = {r: CellRef("table2", r).id for r in L.T2_SINGLE_ROWS}
_FEE_ID = _T2_SINGLE_IDS[L.T2_FEE]


def agency_level(agency: Optional[str]) -> str:
    """'county' (county, district, township level), 'city_or_above', or 'unknown' — see the module docstring."""
    if not agency:
        return "unknown"
    name = _PAREN.sub("", agency)
    if _ZONE.search(name):
        return "unknown"
    if _TOWNSHIP.search(name):
        return "county"
    units = _UNIT.findall(name)
    if not units:
        return "unknown"
    last = units[-1]
    if last in ("县", "旗"):
        return "county"
    if last == "区":
        return "county" if ("市" in units or "州" in units) or name.endswith(("区人民政府", "区政府")) else "unknown"
    return "city_or_above"


_SIGNED_2019 = "本年增/减"
_MONEY_2019 = "采购总金额"


def table2_shape(report: Report) -> str:
    """The format of 表二 by its own rows: '2019' (规范性文件…政府集中采购) or '2021' (行政规范性文件…)."""
    t2 = report.table2
    if "规范性文件" in t2 and "行政规范性文件" not in t2:
        return L.TEMPLATE_2019
    if "行政规范性文件" in t2:
        return L.TEMPLATE_2021
    return report.template


def _t2_cells_2019(report: Report) -> list[tuple[str, str, object, str]]:
    out = []
    for r, cols in L.T2_2019.items():
        row = report.table2.get(r)
        row = row if isinstance(row, dict) else {}
        for c in cols:
            out.append((CellRef("table2", r, c).id, f"表二「{r}」「{c}」", row.get(c), c))
    return out


def _t2_cells(report: Report) -> list[tuple[str, str, object]]:
    if table2_shape(report) == L.TEMPLATE_2019:
        return [(cid, label, v) for cid, label, v, _c in _t2_cells_2019(report)]
    out = []
    for r in L.T2_DOC_ROWS:
        row = report.table2.get(r)
        row = row if isinstance(row, dict) else {}
        for c in L.T2_DOC_COLUMNS:
            out.append((_T2_DOC_IDS[(r, c)], f"表二「{r}」「{c}」", row.get(c)))
    for r in L.T2_SINGLE_ROWS:
        v = report.table2.get(r)
        out.append((_T2_SINGLE_IDS[r], f"表二「{r}」", None if isinstance(v, dict) else v))
    return out


def table2_values(report: Report, mode: str = "audit") -> list[Finding]:
    """T2-A (official unit in the header; range check common sense) and T3-E-style blank check for 表二.

    Counts are non-negative integers, the fee a non-negative number (万元). A wholly blank 表二 is one finding.
    2019 shape: the same, except that 本年增/减 may be negative and 采购总金额 may have decimals.
    """
    cells = _t2_cells(report)
    sev = blank_severity(mode)
    unread = unread_of(report, "table2")  # what the parser could not read is not the report's blank
    blanks = [(cid, label) for cid, label, v in cells if v is None and cid not in unread]
    out: list[Finding] = unread_finding("表二", unread)
    if blanks and len(blanks) == len(cells):
        out.append(Finding(rule="blank_table", severity=sev, where="表二", expected="全部单元格填写数字",
                           actual="全部空白", cells=[c for c, _ in blanks],
                           message=f"表二全部空白（共 {len(cells)} 个单元格）。没有发生的事项请填 0，不要留空。"))
        return out
    for cid, label in blanks:
        out.append(Finding(rule="blank_cell", severity=sev, where=cid, expected="数字（没有发生请填 0）", actual=None,
                           cells=[cid], message=f"{label}空白，应填写数字；没有发生的事项请填 0。"))
    if table2_shape(report) == L.TEMPLATE_2019:
        for cid, label, v, col in _t2_cells_2019(report):
            if not isinstance(v, (int, float)):
                continue
            if col == _SIGNED_2019:  # a signed change of a number of items: may be negative, must be whole
                if isinstance(v, float) and not v.is_integer():
                    out.append(Finding(rule="bad_value", severity="error", where=cid, expected="整数", actual=v,
                                       cells=[cid], message=f"{label}为小数（{_n(v)}），此处应为事项数量的增减（整数），请核对。"))
                continue
            f = _bad_value(cid, label, v, allow_decimal=(col == _MONEY_2019))
            if f:
                out.append(f)
        return out
    for cid, label, v in cells:
        if isinstance(v, (int, float)):
            f = _bad_value(cid, label, v, allow_decimal=(cid == _FEE_ID))
            if f:
                out.append(f)
    return out


def table2_fee_unit(report: Report) -> list[Finding]:
    """T2-A / §1.4 (official: header 「本年收费金额（单位：万元）」): flag a 行政事业性收费 figure that looks like 元.

    Heuristic in the module docstring. Warning.
    """
    if table2_shape(report) != L.TEMPLATE_2021:
        return []
    fee = report.table2.get(L.T2_FEE)
    if not isinstance(fee, (int, float)) or fee <= 0:
        return []
    text = "\n".join(s for s in report.sections.values() if s)
    for m in _FEE_MENTION.finditer(text):
        value = float(m.group(1).replace(",", "").replace("，", ""))
        unit = m.group(2)
        in_yuan = value * {"元": 1, "万元": 10_000, "亿元": 100_000_000}[unit]
        if abs(fee - in_yuan) < 0.5:  # the table holds the amount in 元
            return [Finding(
                rule="fee_unit", severity="warning", where=_FEE_ID, expected=round(in_yuan / 10_000, 6), actual=fee,
                cells=[_FEE_ID],
                message=f"表二「行政事业性收费」填写为 {_n(fee)}，正文写明收费 {m.group(1)}{unit}，表中数字像是按“元”填写的。"
                        f"表二该栏单位为万元，应填 {_n(round(in_yuan / 10_000, 6))}。")]
    level = agency_level(report.agency)
    limit = COUNTY_FEE_LIMIT if level == "county" else ANY_FEE_LIMIT
    if fee > limit:
        who = "县（区）级机关" if level == "county" else "任何机关"
        return [Finding(
            rule="fee_unit", severity="warning", where=_FEE_ID, expected=f"不超过 {_n(limit)} 万元", actual=fee,
            cells=[_FEE_ID],
            message=f"表二「行政事业性收费」为 {_n(fee)} 万元（约 {_n(round(fee / 10_000, 2))} 亿元），对{who}而言异常偏大，"
                    f"可能误按“元”填写。该栏单位为万元，按元计应填 {_n(round(fee / 10_000, 6))}，请核对。")]
    return []


def table2_regulations(report: Report) -> list[Finding]:
    """T2-B (interpretation from 《立法法》: only 国务院部门 and 省/设区的市/自治州 governments make 规章).

    A county/district-level agency (or one of its departments, a 乡镇 or 街道) reporting 规章 > 0. Warning.
    """
    if table2_shape(report) != L.TEMPLATE_2021 or agency_level(report.agency) != "county":
        return []
    row = report.table2.get("规章")
    if not isinstance(row, dict):
        return []
    filled = {c: v for c, v in row.items() if isinstance(v, (int, float)) and v > 0}
    if not filled:
        return []
    cells = [_T2_DOC_IDS[("规章", c)] for c in filled if ("规章", c) in _T2_DOC_IDS]
    return [Finding(
        rule="t2_regulations_county", severity="warning", where=cells[0] if cells else "表二/规章", expected=0,
        actual=filled, cells=cells,
        message=f"{report.agency}属县（区）级及以下机关，没有规章制定权，但表二「规章」行填写了 "
                + "、".join(f"{c} {_n(v)}" for c, v in filled.items())
                + "。规章数应为 0；本级制发的文件请填在「行政规范性文件」行。")]
