"""表二 by its row labels, with every reading of a row's digits enumerated and then decided — or said to be open.

A 表二 row is its label followed by its cells: ``行政许可 0 1 0`` (spaced), ``行政许可4500`` (run together),
``行政处罚2648-18538`` (a negative 本年增/减 glued in), ``政府集中采购 2笔 984361元`` (units in the cells), one cell a
line, or any mix. This module

1. finds each row label of the template in order (:data:`report.model.labels.T2_2019`; the 2021 rows) and takes the
   characters that can belong to cells after it (digits, signs, decimal points, blank marks, units, spaces);
2. cuts them into atoms — a space, a unit, a sign or a blank mark is always a cell boundary — and enumerates *every*
   way to cut the atoms into the row's cells (no leading zeros; a sign only in 本年增/减; a decimal point only in an
   amount): ``24432`` gives 2|4|432, 2|44|32, 2|443|2, 24|4|32, 24|43|2, 244|3|2;
3. keeps the readings the row's own constraints allow (本年新公开 ≤ 对外公开总数量; 上一年项目数量 + 本年增/减 ≥ 0)
   and, with last year's report, the ones its figures confirm (现行有效件数 = 上年现行有效 + 本年制发 − 本年废止;
   对外公开总数量 = 上年对外公开总数量 + 本年新公开; not 上一年项目数量, which reports do not carry over in practice);
4. when one reading is left the row is certain; when several are, the most plausible is filled and an
   ``ambiguous_split`` warning names the undecided cells (``Diagnostic.cells``) and lists every reading
   (``Diagnostic.readings``). A row whose digits cannot be cut is left blank with an error naming its cells.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.tables import Cell, Diagnostic, Report, blank_table2
from report.parse.crawler.split import doc_row_score

MAX_READINGS = 2000


@dataclass(frozen=True)
class Col:
    name: str
    signed: bool = False  # 本年增/减
    decimal: bool = False  # amounts
    max_int: int = 7


def row_columns(template: str, row: str) -> tuple[Col, ...]:
    if template == L.TEMPLATE_2019:
        return tuple(Col(c, signed=c == "本年增/减", decimal=c == "采购总金额", max_int=12 if c == "采购总金额" else 7)
                     for c in L.T2_2019[row])
    if row in L.T2_DOC_ROWS:
        return tuple(Col(c) for c in L.T2_DOC_COLUMNS)
    return (Col("", decimal=row == L.T2_FEE, max_int=9 if row == L.T2_FEE else 7),)


def template_rows(template: str) -> tuple[str, ...]:
    return tuple(L.T2_2019) if template == L.TEMPLATE_2019 else L.T2_DOC_ROWS + L.T2_SINGLE_ROWS


# ------------------------------------------------------------------ atoms and readings
_UNIT_RE = re.compile(r"万元|元|笔|个|项|件|条")
_DASHES = "-−–—"
_RUN_RE = r"((?:[\s\d.,/|\-−–—]|万元|元|笔|个|项|件|条|[增减+＋](?=\s*\d))*)"
# 本年增/减 written as 增3 / 减12 / +3: a cell boundary and the cell's sign
_SIGN_WORD_RE = re.compile(r"([增减+＋])\s*(?=\d)")


@dataclass(frozen=True)
class Run:
    text: str
    atoms: tuple[str, ...]  # digit strings (maybe with a leading '-' and a '.'), '/' for a blank cell
    unit: Optional[str]  # 元 / 万元 when the amount carried one
    loose: tuple[str, ...] = ()  # the atoms when a space between two digits is a stray (not a cell boundary)


def atoms_of(text: str) -> Run:
    """Cut a row's cell text into atoms; spaces, units, signs and blank marks are boundaries."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)  # thousands separators
    unit = "万元" if "万元" in s else ("元" if "元" in s else None)
    s = _SIGN_WORD_RE.sub(lambda m: "|-" if m.group(1) == "减" else "|", s)
    s = _UNIT_RE.sub("|", s)
    atoms = _atoms(s)
    loose = _atoms(re.sub(r"(?<=\d)\s+(?=\d)", "", s))
    return Run(text=text.strip(), atoms=atoms, unit=unit, loose=loose if loose != atoms else ())


def _atoms(s: str) -> tuple[str, ...]:
    atoms: list[str] = []
    cur = ""
    i = 0
    while i < len(s):
        ch = s[i]
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if ch.isdigit() or (ch == "." and cur and nxt.isdigit()):
            cur += ch
        elif ch in _DASHES and nxt.isdigit() and ch != "—":
            if cur:
                atoms.append(cur)
            cur = "-"
        elif ch in _DASHES or ch == "/":
            if cur:
                atoms.append(cur)
                cur = ""
            if not (atoms and atoms[-1] == "/" and i > 0 and (s[i - 1] in _DASHES or s[i - 1] == "/")):
                atoms.append("/")
        else:
            if cur:
                atoms.append(cur)
                cur = ""
        i += 1
    if cur:
        atoms.append(cur)
    return tuple(a for a in atoms if a not in ("-", ""))


_NUM_RE = re.compile(r"(-?)(0|[1-9]\d*)(\.\d+)?")


def _value(piece: str, col: Col) -> tuple[bool, Cell]:
    m = _NUM_RE.fullmatch(piece)
    if not m or (m.group(1) and not col.signed) or (m.group(3) and not col.decimal) or len(m.group(2)) > col.max_int:
        return False, None
    if m.group(1) and m.group(2) == "0":
        return False, None
    if m.group(3):
        v = float(piece)
        return True, int(v) if v.is_integer() else v
    return True, int(piece)


def readings(run: Run, cols: tuple[Col, ...]) -> list[tuple[Cell, ...]]:
    """Every cut of the run's atoms into ``len(cols)`` cells (a cell never spans two atoms); when the spaces do not
    delimit every cell, also the cuts that read a space between two digits as a stray (the page's spacing is
    irregular), listed after the others."""
    out = _cuts(run.atoms, cols)
    if run.loose and len(run.atoms) != len(cols):
        out += [c for c in _cuts(run.loose, cols) if c not in out]
    return out


def _cuts(atoms: tuple[str, ...], cols: tuple[Col, ...]) -> list[tuple[Cell, ...]]:
    out: list[tuple[Cell, ...]] = []
    n = len(cols)

    def rec(t: int, i: int, acc: list[Cell]) -> None:
        if len(out) >= MAX_READINGS:
            return
        if t == len(atoms):
            if len(acc) == n:
                out.append(tuple(acc))
            return
        if len(acc) >= n:
            return
        tok = atoms[t]
        if tok == "/":
            acc.append(None)
            rec(t + 1, 0, acc)
            acc.pop()
            return
        for j in range(i + 1, len(tok) + 1):
            ok, v = _value(tok[i:j], cols[len(acc)])
            if not ok:
                continue
            acc.append(v)
            if j == len(tok):
                rec(t + 1, 0, acc)
            else:
                rec(t, j, acc)
            acc.pop()

    rec(0, 0, [])
    return list(dict.fromkeys(out))


# ------------------------------------------------------------------ constraints, last year, plausibility
def _n(v: Cell) -> float:
    return float(v) if v is not None else 0.0


def internal_ok(template: str, row: str, vals: tuple[Cell, ...]) -> bool:
    """The row's own constraints (definitions of its columns), for filled cells."""
    if any(v is None for v in vals):
        return True
    if template == L.TEMPLATE_2019:
        cols = L.T2_2019[row]
        if cols[0] == "本年新制作数量":  # 本年新公开数量 ≤ 对外公开总数量
            return _n(vals[1]) <= _n(vals[2])
        if len(cols) >= 2 and cols[1] == "本年增/减":  # the items cannot go below zero
            return _n(vals[0]) + _n(vals[1]) >= 0
    return True


def previous_identity(template: str, row: str, vals: tuple[Cell, ...],
                      previous: Optional[Report]) -> Optional[bool]:
    """Whether the reading agrees with last year's report (None: last year does not decide this row)."""
    if previous is None or any(v is None for v in vals):
        return None
    prev = previous.table2.get(row)
    if not isinstance(prev, dict):
        return None
    if template == L.TEMPLATE_2021 and row in L.T2_DOC_ROWS:
        last = prev.get("现行有效件数")
        if last is None:
            return None
        return _n(vals[2]) == _n(last) + _n(vals[0]) - _n(vals[1])
    if template == L.TEMPLATE_2019:
        cols = L.T2_2019[row]
        if cols[0] == "本年新制作数量":
            last = prev.get("对外公开总数量")
            return None if last is None else _n(vals[2]) == _n(last) + _n(vals[1])
        # 上一年项目数量 is not carried from last year's figures in practice (the corpus has reports that restart
        # it), so last year does not decide the item rows.
    return None


def _digits(v: Cell) -> int:
    return len(str(abs(int(v)))) if v is not None else 0


def _spread(vals: tuple[Cell, ...]) -> float:
    lens = [_digits(v) for v in vals if v not in (None, 0)]
    return statistics.pvariance(lens) if len(lens) > 1 else 0.0


def plausibility(template: str, row: str, vals: tuple[Cell, ...], unit: Optional[str]) -> float:
    """Lower is more plausible; ranks readings no constraint separates (never decides alone: a warning follows)."""
    if template == L.TEMPLATE_2021:
        if row in L.T2_DOC_ROWS and all(v is not None for v in vals):
            return doc_row_score(int(_n(vals[0])), int(_n(vals[1])), int(_n(vals[2])))
        return 0.0
    cols = L.T2_2019[row]
    if cols[0] == "本年新制作数量":  # this year's documents are usually all published
        return (vals[0] != vals[1]) + _spread(vals)
    if cols[0] == "采购项目数量":
        count, amount = _n(vals[0]), _n(vals[1])
        if count == 0 or amount == 0:
            return 0.0 if count == amount else 10.0
        yuan = amount * (1e4 if unit == "万元" else 1.0)
        return abs(math.log10(yuan / count) - 5.0)  # typical: about 10 万元 per project
    # Cells of similar size; the list of items usually unchanged (本年增/减 0), else the change the smaller figure.
    delta = abs(_n(vals[1]))
    return _spread(vals) + (0.8 if delta else 0.0) + 0.01 * _digits(vals[1]) + 1e-9 * delta


# ------------------------------------------------------------------ one row
def _fmt(vals: tuple[Cell, ...]) -> str:
    return "|".join("空" if v is None else str(v) for v in vals)


def resolve_row(template: str, row: str, run: Run, previous: Optional[Report],
                diags: list[Diagnostic]) -> dict[str, Cell] | Cell:
    """The row's cells from its run (a dict for multi-column rows, one value otherwise); diagnostics appended."""
    cols = row_columns(template, row)
    names = [c.name for c in cols]
    refs = [CellRef("table2", row, c.name or None).id for c in cols]
    where = CellRef("table2", row).id
    header = "|".join(n for n in names if n) or row

    def shape(vals: tuple[Cell, ...]) -> dict[str, Cell] | Cell:
        return dict(zip(names, vals)) if names[0] else vals[0]

    blank: tuple[Cell, ...] = (None,) * len(cols)
    if not run.atoms:
        diags.append(Diagnostic(code="row_not_found", severity="warning", where=where, cells=refs,
                                message=f"未在文本中找到表二“{row}”一行的数字，该行留空（不是报告空白），请对照原文补填。"))
        return shape(blank)
    cands = readings(run, cols)
    if not cands:
        diags.append(Diagnostic(code="unsplittable_run", severity="error", where=where, cells=refs,
                                message=f"表二“{row}”的数字“{run.text}”无法拆分为（{header}）{len(cols)}个数，"
                                        "该行留空，请对照原文补填。"))
        return shape(blank)
    if len(cands) >= MAX_READINGS:
        diags.append(Diagnostic(code="too_many_splits", severity="warning", where=where, cells=refs,
                                message=f"表二“{row}”的数字“{run.text}”可拆分的方式过多，无法确定，该行留空，请对照原文补填。"))
        return shape(blank)
    how: list[str] = []
    kept = [c for c in cands if internal_ok(template, row, c)]
    if kept and len(kept) < len(cands):
        how.append("本行各列的含义")
        cands = kept
    checks = [previous_identity(template, row, c, previous) for c in cands]
    if any(x is not None for x in checks):
        agree = [c for c, x in zip(cands, checks) if x]
        if agree and len(agree) < len(cands):
            how.append("上年报告的数字")
            cands = agree
        elif not agree and len(cands) > 1:
            diags.append(Diagnostic(code="previous_mismatch", severity="info", where=where,
                                    message=f"表二“{row}”的数字“{run.text}”没有一种拆分与上年报告的数字衔接，"
                                            "未用上年数字判断拆分。"))
    strict = set(_cuts(run.atoms, cols))
    cands.sort(key=lambda c: plausibility(template, row, c, run.unit) + (0.0 if c in strict else 0.5))
    best = cands[0]
    if len(cands) > 1:
        open_cols = [k for k in range(len(cols)) if len({c[k] for c in cands}) > 1]
        shown = "、".join(_fmt(c) for c in cands)
        diags.append(Diagnostic(
            code="ambiguous_split", severity="warning", where=where,
            cells=[refs[k] for k in open_cols], readings=[[c[k] for k in open_cols] for c in cands],
            message=f"表二“{row}”的数字“{run.text}”可拆分为（{header}）：{shown}，共{len(cands)}种"
                    f"{'（已按' + '、'.join(how) + '排除其他拆分）' if how else ''}；无法确定是哪一种，暂填最常见的 "
                    f"{_fmt(best)}，请对照原文或上年报告核实。"))
    elif how:
        diags.append(Diagnostic(code="split_resolved", severity="info", where=where,
                                message=f"表二“{row}”的数字“{run.text}”按{'、'.join(how)}只有一种拆分：{_fmt(best)}。"))
    if template == L.TEMPLATE_2019 and names[-1] == "采购总金额" and run.unit and best[-1] is not None:
        diags.append(Diagnostic(code="amount_unit", severity="info", where=refs[-1],
                                message=f"表二“政府集中采购”的采购总金额原文以“{run.unit}”为单位，按原数 {best[-1]} 记录。"))
    return shape(best)


# ------------------------------------------------------------------ a whole table
def _label_re(row: str) -> re.Pattern[str]:
    return re.compile(r"\s*".join(re.escape(ch) for ch in row) + _RUN_RE)


_T2_START = ("信息内容", "第二十条")
_T2_END = ("收到和处理政府信息公开申请", "本列数据", "申请人情况", "本年新收政府信息公开申请")


def t2_region(text: str) -> str:
    """The text of 表二: from its first 第二十条 / 信息内容 header (else the start) to where 表三 begins."""
    start = next((i for i in (text.find(m) for m in _T2_START) if i >= 0), 0)
    ends = [i for i in (text.find(m, start) for m in _T2_END) if i > start]
    return text[start: min(ends) if ends else len(text)]


def t2_template_of(text: str) -> Optional[str]:
    """The format of 表二 by its own column headers (a report may pair a 2019 表二 with a 2021 表三 or the reverse)."""
    region = re.sub(r"\s+", "", t2_region(text))
    if any(w in region for w in ("本年新制作", "上一年项目数量", "政府集中采购", "对外公开总数量")):
        return L.TEMPLATE_2019
    if any(w in region for w in ("本年制发", "现行有效", "本年废止", "本年处理决定")):
        return L.TEMPLATE_2021
    return None


def read_table2(text: str, template: str, previous: Optional[Report] = None,
                need: float = 0.5) -> Optional[tuple[dict[str, Any], list[Diagnostic]]]:
    """表二 read row by row after its labels, or None when fewer than ``need`` of the rows have cells after their
    label (the layout is not label-then-cells, e.g. pdfminer's column order)."""
    region = t2_region(text)
    rows = template_rows(template)
    runs: dict[str, Run] = {}
    for row in rows:  # each row on its own: conversions may move rows (Markdown put 表二's last rows first)
        labels = [row] + (["规范性文件"] if row == "行政规范性文件" else [])
        for label in labels:
            for m in _label_re(label).finditer(region):  # the first occurrence followed by cells
                if label == "规范性文件" and region[max(0, m.start() - 2): m.start()] == "行政" and row != "行政规范性文件":
                    continue
                run = atoms_of(m.group(1))
                if run.atoms:
                    runs[row] = run
                    break
            if row in runs:
                break
    if sum(bool(r.atoms) for r in runs.values()) < need * len(rows):
        return None
    prev = previous if previous is not None and _t2_template(previous) == template else None
    diags: list[Diagnostic] = []
    table = blank_table2(template)
    for row in rows:
        table[row] = resolve_row(template, row, runs.get(row, Run("", (), None)), prev, diags)
    return table, diags


def _t2_template(report: Report) -> str:
    return L.TEMPLATE_2019 if "规范性文件" in report.table2 and "行政规范性文件" not in report.table2 else L.TEMPLATE_2021


def filled(table2: dict[str, Any]) -> int:
    return sum(v is not None for x in table2.values() for v in (x.values() if isinstance(x, dict) else [x]))

