"""Arithmetic rules of the statutory tables 表三 and 表四 (勾稽关系), and blank-cell checks.

One function per rule; each returns ``list[Finding]`` and cites its source id in
``shared/spec/statutory_tables.md`` (§4). Blank cells (``None``) are never treated as 0: a sum that involves a blank
cell is not reported as a wrong sum — the blank is reported once, by :func:`table3_blanks` / :func:`table4_blanks`
(rule ``blank_cell``; ``blank_total`` — an error — when a 总计 is blank but its parts are filled, with the computed value;
``blank_column`` / ``blank_row`` / ``blank_table`` when a whole column, row or table is blank).

The identities themselves (T3-A, T3-B, T3-C, T4-A/B/C) are declared once in :mod:`report.model.identities`; the
rules here evaluate them (:func:`report.model.evaluate`: ``fails`` only when every cell is filled) and word the
findings. Table 2, narrative, structure and cross-year rules live in :mod:`report.rules.table2`,
:mod:`report.rules.text`, :mod:`report.rules.meta` and :mod:`report.rules.years`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Optional, Sequence

from report.model import labels as L
from report.model.cells import CellRef
from report.model.findings import Finding
from report.model.identities import Number, Outcome, by_code, evaluate, sum_cells
from report.model.numfmt import fmt_number as _n
from report.model.tables import Cell, Report

COLS = L.T3_COLUMNS
TOTAL = len(COLS) - 1  # index of 总计
T4_TOTAL = len(L.T4_COLUMNS) - 1
EPS = 1e-6


def blank_severity(mode: str) -> str:
    """T3-E: blanks are a warning when auditing a published report, an error while drafting."""
    return "error" if mode == "draft" else "warning"


@lru_cache(maxsize=None)
def cid3(row: str, j: int) -> str:
    return CellRef("table3", row, COLS[j]).id


@lru_cache(maxsize=None)
def cid4(group: str, j: int) -> str:
    return CellRef("table4", group, L.T4_COLUMNS[j]).id


@lru_cache(maxsize=None)
def _short(row: str) -> str:
    return L.t3_short_label(row)


def _pad(vals: Optional[Sequence[Cell]], n: int) -> tuple[Cell, ...]:
    vals = tuple(vals or ())
    return vals[:n] if len(vals) >= n else vals + (None,) * (n - len(vals))


def t3_grid(report: Any) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]]:
    """Rows of table 3 in template order, each padded to 7 cells (a missing row is all blank)."""
    rows = L.t3_rows(report.template)
    get = report.table3.get
    return rows, [_pad(get(r), len(COLS)) for r in rows]


def _differs(a: float, b: float) -> bool:
    return abs(a - b) > EPS


def _parts_text(labels: Sequence[str], values: Sequence[Cell]) -> str:
    """'予以公开 24 + 部分公开 62' — the non-zero parts of a sum, for messages."""
    parts = [f"{lab} {_n(v)}" for lab, v in zip(labels, values) if v]
    return " + ".join(parts) if parts else "各项均为 0"


# ---------------------------------------------------------------- blanks
def unread_of(report: Report, table: str) -> dict[str, str]:
    """Blank cells of ``table`` ("table2"/"table3"/"table4") the parser could not read (named by a warning or
    error :class:`report.model.tables.Diagnostic`): cell id -> the parser's message. They are not the report's
    blanks (:meth:`report.model.tables.Report.unread_cells`)."""
    unread = {r for r in report.unread_cells() if r.table == table}
    out: dict[str, str] = {}
    for d in report.diagnostics:
        if d.severity == "info":
            continue
        for cid in d.cells:
            ref = CellRef.parse(cid) if cid else None
            if ref is not None and ref in unread:
                out.setdefault(ref.id, d.message)
    return out


def unread_finding(table_name: str, unread: dict[str, str]) -> list[Finding]:
    """One warning for the cells the parser could not read, with its diagnostics — never a blank-cell finding."""
    if not unread:
        return []
    notes = "；".join(dict.fromkeys(unread.values()))
    return [Finding(rule="unread_cells", severity="warning", where=table_name, expected="对照原文核对", actual="未读出",
                    cells=sorted(unread),
                    message=f"{table_name}有 {len(unread)} 个单元格解析时未能读出（解析提示：{notes}）。这不是报告本身的"
                            "空白，已不作空白处理；请对照原文核对这些单元格。")]


def _summarise_blanks(
    table: str,
    row_names: Sequence[str],
    row_labels: Sequence[str],
    col_names: Sequence[str],
    grid: Sequence[Sequence[Cell]],
    cid: Callable[[str, int], str],
    total_j: int,
    column_total_row: Optional[int],
    mode: str,
    unread: Optional[dict[str, str]] = None,
) -> list[Finding]:
    """Blank cells of one table summarised: whole table, whole columns, whole rows, then single cells.

    Cells the parser could not read (``unread``: id -> diagnostic) are not blanks of the report: they get one
    ``unread_cells`` warning with the parser's message (:func:`unread_finding`) and no blank finding.

    A blank 总计 (last column, or ``column_total_row``) whose parts are all filled is ``blank_total`` and carries
    the computed value as ``expected``; it is an error in both modes (the total is required and computable — a
    published report with a blank 总计 column is wrong, not just incomplete). Other blanks: :func:`blank_severity`.
    """
    sev = blank_severity(mode)
    total_sev = "error"  # a blank 总计 whose parts are filled is wrong in a published report too
    n_rows, n_cols = len(grid), len(col_names)
    unread = unread or {}
    head = unread_finding(table, unread)
    blanks = {(i, j) for i in range(n_rows) for j in range(n_cols)
              if grid[i][j] is None and cid(row_names[i], j) not in unread}
    if not blanks:
        return head
    all_cells = [cid(row_names[i], j) for i in range(n_rows) for j in range(n_cols)]
    if len(blanks) == n_rows * n_cols:
        return head + [Finding(rule="blank_table", severity=sev, where=table, expected="全部单元格填写数字",
                        actual="全部空白", cells=all_cells,
                        message=f"{table}全部空白（共 {len(all_cells)} 个单元格）。没有发生的事项请填 0，不要留空。")]
    out: list[Finding] = list(head)
    covered: set[tuple[int, int]] = set()
    for j in range(n_cols):
        col = [(i, j) for i in range(n_rows)]
        if not all(c in blanks for c in col):
            continue
        covered.update(col)
        cells = [cid(row_names[i], j) for i in range(n_rows)]
        if j == total_j:
            sums = {row_labels[i]: sum_cells(grid[i][:total_j]) for i in range(n_rows)}
            expected = {k: v for k, v in sums.items() if v is not None}
            if expected:
                msg = (f"{table}「{col_names[j]}」列整列空白，但各分项已填写。总计应为各分项之和，按分项计算应填："
                       + "；".join(f"{k} {_n(v)}" for k, v in expected.items()))
            else:
                msg = f"{table}「{col_names[j]}」列整列空白，分项也有空白。请先补全分项，再按各分项之和填写总计。"
            out.append(Finding(rule="blank_total", severity=total_sev if expected else sev,
                               where=f"{table}/{col_names[j]}列", expected=expected, actual=None, cells=cells,
                               message=msg))
        else:
            out.append(Finding(rule="blank_column", severity=sev, where=f"{table}/{col_names[j]}列", expected="填写数字",
                               actual="整列空白", cells=cells,
                               message=f"{table}「{col_names[j]}」列整列空白（{n_rows} 个单元格）。没有发生的事项请填 0。"))
    for i in range(n_rows):
        row = [(i, j) for j in range(n_cols) if (i, j) not in covered]
        if len(row) < 2 or not all(c in blanks for c in row):
            continue
        covered.update(row)
        out.append(Finding(rule="blank_row", severity=sev, where=f"{table}/{row_names[i]}", expected="填写数字",
                           actual="整行空白", cells=[cid(row_names[i], j) for _, j in row],
                           message=f"{table}「{row_labels[i]}」一行空白。没有发生的事项请填 0。"))
    for i, j in sorted(blanks - covered):
        c = cid(row_names[i], j)
        parts: Optional[list[Cell]] = None
        if j == total_j:
            parts = list(grid[i][:total_j])
        elif column_total_row is not None and i == column_total_row:
            parts = [grid[k][j] for k in range(n_rows) if k not in (0, 1, column_total_row, n_rows - 1)]
        total = sum_cells(parts) if parts is not None else None
        if total is not None:
            out.append(Finding(rule="blank_total", severity=total_sev, where=c, expected=total, actual=None,
                               cells=[c],
                               message=f"{table}「{row_labels[i]}」「{col_names[j]}」为总计单元格，却留空；"
                                       f"按已填分项计算应为 {_n(total)}。"))
        else:
            out.append(Finding(rule="blank_cell", severity=sev, where=c, expected="数字（没有发生请填 0）", actual=None,
                               cells=[c], message=f"{table}「{row_labels[i]}」「{col_names[j]}」单元格空白，"
                                                  f"应填写数字；没有发生的事项请填 0。"))
    return out


def table3_blanks(report: Report, mode: str = "audit") -> list[Finding]:
    """T3-E (commonly checked, S4 structure audit): all 175 cells filled; blank / "/" / "—" is a finding."""
    rows, grid = t3_grid(report)
    labels = [_short(r) for r in rows]
    total_row = rows.index(L.R_TOTAL)
    return _summarise_blanks("表三", rows, labels, COLS, grid, cid3, TOTAL, total_row, mode, unread_of(report, "table3"))


def table4_blanks(report: Report, mode: str = "audit") -> list[Finding]:
    """T4-D (commonly checked, S4): the 15 cells of 表四 are filled."""
    grid = [_pad(report.table4.get(g), len(L.T4_COLUMNS)) for g in L.T4_GROUPS]
    labels = [L.T4_GROUP_TITLES[g] for g in L.T4_GROUPS]
    return _summarise_blanks("表四", L.T4_GROUPS, labels, L.T4_COLUMNS, grid, cid4, T4_TOTAL, None, mode,
                             unread_of(report, "table4"))


# ---------------------------------------------------------------- values
def _bad_value(where: str, label: str, v: Cell, allow_decimal: bool = False) -> Optional[Finding]:
    if v is None:
        return None
    if v < 0:
        return Finding(rule="bad_value", severity="error", where=where, expected="非负数", actual=v, cells=[where],
                       message=f"{label}为负数（{_n(v)}），件数和金额不能为负，请核对。")
    if not allow_decimal and isinstance(v, float) and not v.is_integer():
        return Finding(rule="bad_value", severity="error", where=where, expected="整数", actual=v, cells=[where],
                       message=f"{label}为小数（{_n(v)}），此处应为件数（整数），请核对。")
    return None


def table3_values(report: Report) -> list[Finding]:
    """T3-E (commonly checked, S4): every filled cell of 表三 is a non-negative integer."""
    rows, grid = t3_grid(report)
    out = []
    for r, vals in zip(rows, grid):
        for j, v in enumerate(vals):
            if v is not None and (v < 0 or (isinstance(v, float) and not v.is_integer())):
                f = _bad_value(cid3(r, j), f"表三「{_short(r)}」「{COLS[j]}」", v)
                if f:
                    out.append(f)
    return out


def table4_values(report: Report) -> list[Finding]:
    """T4-D (commonly checked, S4): the 15 cells of 表四 are non-negative integers."""
    out = []
    for g in L.T4_GROUPS:
        for j, v in enumerate(_pad(report.table4.get(g), len(L.T4_COLUMNS))):
            f = _bad_value(cid4(g, j), f"表四「{L.T4_GROUP_TITLES[g]}」「{L.T4_COLUMNS[j]}」", v)
            if f:
                out.append(f)
    return out


# ---------------------------------------------------------------- identities (report.model.identities)
def _outcomes(report: Report, code: str) -> list[Outcome]:
    return [evaluate(i, report.get) for i in by_code(code, report.template)]


def _column_diffs_balance(report: Report) -> tuple[list[Finding], list[Optional[Number]]]:
    out = []
    outcomes = _outcomes(report, "T3-A")
    for o in outcomes:
        if o.status != "fails":
            continue
        a, b = o.lhs_values
        c, d = o.rhs_values
        left, right, col = o.lhs_known, o.rhs_known, o.identity.scope
        cells = [r.id for r in o.identity.cells]
        out.append(Finding(
            rule="t3_balance", severity="error", where=cells[0], expected=left, actual=right, cells=cells,
            message=f"表三「{col}」列勾稽关系不平：一、本年新收（{_n(a)}）+ 二、上年结转（{_n(b)}）= {_n(left)}，"
                    f"而（七）总计（{_n(c)}）+ 四、结转下年度继续办理（{_n(d)}）= {_n(right)}，前者{_more_less(o.diff)}。"
                    f"两边应相等，请核对这四个单元格。"))
    return out, [o.diff for o in outcomes]


def _more_less(diff: Optional[Number]) -> str:
    """「多 3」/「少 1」: a difference in words (never 「相差 -1」)."""
    if diff is None:
        return "无法比较"
    return f"多 {_n(diff)}" if diff > 0 else f"少 {_n(-diff)}"


def table3_balance(report: Report) -> list[Finding]:
    """T3-A (official: template note 「本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和」).

    For each of the 7 columns: 一 + 二 = （七）总计 + 四. Error.
    """
    return _column_diffs_balance(report)[0]


def _column_diffs_results(report: Report) -> tuple[list[Finding], list[Optional[Number]]]:
    labels = [_short(r) for r in L.t3_result_rows(report.template)]
    out = []
    outcomes = _outcomes(report, "T3-B")
    for o in outcomes:
        if o.status != "fails":
            continue
        t, s, col, parts = o.lhs_known, o.rhs_known, o.identity.scope, o.rhs_values
        cells = [r.id for r in o.identity.cells]
        out.append(Finding(
            rule="t3_results_total", severity="error", where=cells[0], expected=s, actual=t, cells=cells,
            message=f"表三「{col}」列（七）总计填写为 {_n(t)}，但 {len(parts)} 项办理结果之和为 {_n(s)}"
                    f"（{_parts_text(labels, parts)}），（七）总计{_more_less(o.diff)}。（七）总计应为 {_n(s)}，或请核对分项。"))
    return out, [None if o.diff is None else -o.diff for o in outcomes]


def table3_results_total(report: Report) -> list[Finding]:
    """T3-B (template-implied by the （七）总计 label; commonly checked in S4 「办理结果分项求和」).

    For each column: （七）总计 = Σ of the result rows r03…r23 (the model has no subtotal rows, so nothing is
    counted twice; T3-D has no instance). Error.
    """
    return _column_diffs_results(report)[0]


def table3_row_totals(report: Report) -> list[Finding]:
    """T3-C (template-implied by the 总计 column; commonly checked in S4 「各列求和=总计」).

    For each of the 25 rows: 总计 = Σ of the six applicant columns. Error.
    """
    out = []
    for o in _outcomes(report, "T3-C"):
        if o.status != "fails":
            continue
        t, s, parts = o.lhs_known, o.rhs_known, o.rhs_values
        cells = [r.id for r in o.identity.cells]
        out.append(Finding(
            rule="t3_row_total", severity="error", where=cells[0], expected=s, actual=t, cells=cells,
            message=f"表三「{_short(o.identity.scope)}」一行的总计填写为 {_n(t)}，但六类申请人之和为 {_n(s)}"
                    f"（{_parts_text(COLS[:TOTAL], parts)}），总计{_more_less(o.diff)}。总计应为 {_n(s)}，或请核对各列。"))
    return out


def table3_misplaced_column(report: Report) -> list[Finding]:
    """T3-F (commonly checked: S4 docs/table3-consistency-display-audit.md, 洋河新区 2025 case).

    When T3-A or T3-B fails in applicant columns whose differences cancel out (e.g. 自然人 −1, 其他 +1) while the
    总计 column balances, an application was probably entered in the wrong applicant column. Info hint.
    """
    out = []
    for name, diffs in (("一+二 与（七）总计+四", _column_diffs_balance(report)[1]),
                        ("办理结果分项之和与（七）总计", _column_diffs_results(report)[1])):
        total_diff = diffs[TOTAL]
        if total_diff is None or _differs(total_diff, 0):
            continue
        off = [(COLS[j], d) for j, d in enumerate(diffs[:TOTAL]) if d is not None and _differs(d, 0)]
        if len(off) >= 2 and not _differs(sum(d for _, d in off), 0):
            desc = "，".join(f"「{c}」{'+' if d > 0 else ''}{_n(d)}" for c, d in off)
            out.append(Finding(
                rule="t3_misplaced_column", severity="info", where="表三/申请人列",
                expected=0, actual=dict(off), cells=[cid3(L.R_TOTAL, COLS.index(c)) for c, _ in off],
                message=f"表三「{name}」在 {desc} 列不平，但正负抵消、总计列平衡：可能有申请被填到了错误的申请人类别列，"
                        f"请按申请人身份核对这几列。"))
    return out


# ---------------------------------------------------------------- table 4
def table4_totals(report: Report) -> list[Finding]:
    """T4-A, T4-B, T4-C (template-implied by 总计; commonly checked in S4 generateTable4Items).

    For 行政复议, 行政诉讼（未经复议直接起诉） and 行政诉讼（复议后起诉）: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
    Error.
    """
    out = []
    for code in ("T4-A", "T4-B", "T4-C"):
        for o in _outcomes(report, code):
            if o.status != "fails":
                continue
            t, s, parts = o.lhs_known, o.rhs_known, o.rhs_values
            cells = [r.id for r in o.identity.cells]
            out.append(Finding(
                rule="t4_total", severity="error", where=cells[0], expected=s, actual=t, cells=cells,
                message=f"表四「{L.T4_GROUP_TITLES[o.identity.scope]}」总计填写为 {_n(t)}，但结果维持、结果纠正、其他结果、"
                        f"尚未审结之和为 {_n(s)}（{_parts_text(L.T4_COLUMNS[:T4_TOTAL], parts)}）。总计应为 {_n(s)}，或请核对分项。"))
    return out
