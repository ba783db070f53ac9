"""Choose one split per table-3 row so that the table's column identities hold.

Each row arrives with its candidate splits (every one already satisfies 六列之和 = 总计). Per column the table must
also satisfy

- 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理, and
- （七）总计 = the sum of the 21 (2019 format: 19) result rows.

Both are declared once in :mod:`report.model.identities` (T3-A, T3-B); the row roles are read from there and every
solution is re-checked with :func:`report.model.evaluate`. The search fixes the four summary rows first (few combinations), then walks the result rows with per-column
lower/upper bounds, so it stays well under a few milliseconds on real reports. When the identities admit several
tables the most plausible is kept (:func:`report.parse.crawler.split.applicant_row_score`) and an ``ambiguous_split``
diagnostic lists the alternatives; when no table satisfies them, only what every remaining reading agrees on is kept.
"""

from __future__ import annotations

from itertools import product
from typing import Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.identities import balance, evaluate, identities, results_total
from report.model.tables import Cell, Diagnostic
from report.parse.crawler.split import applicant_row_score, fmt

MAX_SOLUTIONS = 20
NODE_BUDGET = 200_000

Vector = tuple[int, ...]
Row = list[Cell]


def solve_table3(candidates: dict[str, list[Vector]], template: str,
                 blank_rows: frozenset[str] = frozenset()) -> tuple[dict[str, Row], list[Diagnostic]]:
    """-> (row path -> 7 cells with None where undetermined, diagnostics).

    ``candidates`` maps each readable row to its splits (an empty list: the run could not be split); a row that
    is missing is unknown. ``blank_rows`` were blank in the source: they stay None but add nothing to the sums.
    """
    rows = L.t3_rows(template)
    results = _result_rows(template)
    diags: list[Diagnostic] = []
    out: dict[str, Row]
    known = {r: c for r, c in candidates.items() if c}
    known.update({r: [(0,) * len(L.T3_COLUMNS)] for r in blank_rows})
    unknown = [r for r in rows if r not in known]
    heads_known = all(h in known for h in _HEADS)
    if not unknown:
        sols = _search(known, results, balance=True)
        sols = [s for s in sols if _holds(s, template)]
        if sols:
            best = min(sols, key=lambda sol: sum(applicant_row_score(v) for v in sol.values()))
            if len(sols) > 1:
                diags.extend(_ambiguity(sols, best, rows, capped=len(sols) >= MAX_SOLUTIONS))
            out = {r: list(best[r]) for r in rows}
        else:
            sols = _search(known, results, balance=False)
            diags.append(_identity_diag("（第一项＋第二项）＝（第三项总计＋第四项）" if sols else "各办理结果之和＝（七）总计"))
            out = _consensus(rows, {r: [s[r] for s in sols] for r in rows} if sols else known, report=diags)
    elif L.R_TOTAL in known:
        diags.append(_unchecked_diag())
        sols = _search(known, results, balance=heads_known, wild=set(unknown))
        if not sols:
            diags.append(_identity_diag("各办理结果之和＝（七）总计"))
        out = _consensus(rows, {r: [s[r] for s in sols] for r in known} if sols else known, report=diags)
    else:
        diags.append(_unchecked_diag())
        out = _consensus(rows, known, report=diags)
    for r in blank_rows:
        out[r] = [None] * len(L.T3_COLUMNS)
    return out, diags


# The row roles come from the identities as declared in report.model.identities (not restated here):
# T3-A gives the four summary rows (lhs: 一, 二; rhs: （七）总计, 四), T3-B the result rows summed into （七）总计.
_T3A = balance(L.T3_TOTAL_COLUMN)
_HEADS = tuple(ref.row for ref in _T3A.lhs + _T3A.rhs)
_N_LHS = len(_T3A.lhs)


def _options(cands: Optional[list[Vector]]) -> list[Optional[Vector]]:
    """A summary row's candidates, or one unknown (None) when it could not be read."""
    return list(cands) if cands else [None]


def _result_rows(template: str) -> tuple[str, ...]:
    return tuple(ref.row for ref in results_total(L.T3_TOTAL_COLUMN, template).rhs)


def _holds(sol: dict[str, Vector], template: str) -> bool:
    """Every T3-A/T3-B identity holds on a complete solution (the one evaluator re-checks the search)."""
    def get(ref: CellRef) -> Optional[int]:
        vec = sol.get(ref.row)
        return vec[ref.index] if vec is not None and ref.index is not None else None
    return all(evaluate(i, get).status == "holds" for i in identities(template) if i.code in ("T3-A", "T3-B"))


def _unchecked_diag() -> Diagnostic:
    return Diagnostic(
        code="identities_unchecked", severity="warning", where="表三",
        message="表三有的行未能读出，只能部分使用列间勾稽关系校验拆分结果；无法确定的单元格已留空，请核实。")


def _search(cands: dict[str, list[Vector]], results: tuple[str, ...], balance: bool,
            wild: set[str] | frozenset[str] = frozenset()) -> list[dict[str, Vector]]:
    """Assignments of one candidate per row meeting the column identities; ``wild`` result rows are unknown
    (any non-negative values), so the result rows then need only stay within the 总计."""
    ncols = len(L.T3_COLUMNS)
    fixed = tuple(r for r in results if r not in wild)
    doms = [cands[r] for r in fixed]
    suf_min = [[0] * ncols for _ in range(len(doms) + 1)]
    suf_max = [[0] * ncols for _ in range(len(doms) + 1)]
    for k in range(len(doms) - 1, -1, -1):
        for c in range(ncols):
            suf_min[k][c] = suf_min[k + 1][c] + min(v[c] for v in doms[k])
            suf_max[k][c] = suf_max[k + 1][c] + max(v[c] for v in doms[k])
    exact = not wild
    sols: list[dict[str, Vector]] = []
    budget = [NODE_BUDGET]

    def rec(k: int, partial: list[int], total: Vector, chosen: list[Vector], head_values: dict[str, Vector]) -> None:
        if len(sols) >= MAX_SOLUTIONS or budget[0] <= 0:
            return
        budget[0] -= 1
        if k == len(doms):
            if not exact or partial == list(total):
                sol = dict(zip(fixed, chosen))
                sol.update(head_values)
                sols.append(sol)
            return
        for v in doms[k]:
            nxt = [p + x for p, x in zip(partial, v)]
            if all(nxt[c] + suf_min[k + 1][c] <= total[c] and (not exact or total[c] <= nxt[c] + suf_max[k + 1][c])
                   for c in range(ncols)):
                chosen.append(v)
                rec(k + 1, nxt, total, chosen, head_values)
                chosen.pop()

    options = [_options(cands.get(h)) for h in _HEADS]
    for head in product(*options):
        new, carried_in, total, carried_out = head
        if total is None:  # never: the search runs only once （七）总计 has been read
            continue
        if balance and any(sum(v[c] for v in head[:_N_LHS] if v is not None)
                           != sum(v[c] for v in head[_N_LHS:] if v is not None) for c in range(ncols)):
            continue
        if any(not (suf_min[0][c] <= total[c] and (not exact or total[c] <= suf_max[0][c])) for c in range(ncols)):
            continue
        head_values = {h: v for h, v in zip(_HEADS, (new, carried_in, total, carried_out)) if v is not None}
        rec(0, [0] * ncols, total, [], head_values)
    return sols


def _consensus(rows: tuple[str, ...], alts: dict[str, list[Vector]], report: list[Diagnostic] | None = None) -> dict[str, Row]:
    """Per cell: the value every alternative agrees on, else None."""
    out: dict[str, Row] = {}
    for r in rows:
        vs = list(dict.fromkeys(alts.get(r) or []))
        if not vs:
            continue
        out[r] = [vs[0][c] if all(v[c] == vs[0][c] for v in vs) else None for c in range(len(L.T3_COLUMNS))]
        if len(vs) > 1 and report is not None:
            open_cols = [c for c in range(len(L.T3_COLUMNS)) if out[r][c] is None]
            report.append(Diagnostic(
                code="ambiguous_split", severity="warning", where=CellRef("table3", r).id,
                cells=[CellRef("table3", r, L.T3_COLUMNS[c]).id for c in open_cols],
                readings=[[v[c] for c in open_cols] for v in vs],
                message=f"表三“{L.t3_short_label(r)}”一行可拆分为：{'、'.join(fmt(v) for v in vs[:5])}"
                        f"{'等' if len(vs) > 5 else ''}，勾稽关系无法确定是哪一种，不确定的单元格已留空，请对照原网页补填。"))
    return out


def _ambiguity(sols: list[dict[str, Vector]], best: dict[str, Vector], rows: tuple[str, ...], capped: bool) -> list[Diagnostic]:
    out = []
    for r in rows:
        vs = list(dict.fromkeys(s[r] for s in sols))
        if len(vs) < 2:
            continue
        others = [v for v in vs if v != best[r]]
        open_cols = [c for c in range(len(L.T3_COLUMNS)) if len({v[c] for v in vs}) > 1]
        out.append(Diagnostic(
            code="ambiguous_split", severity="warning", where=CellRef("table3", r).id,
            cells=[CellRef("table3", r, L.T3_COLUMNS[c]).id for c in open_cols],
            readings=[[v[c] for c in open_cols] for v in vs],
            message=f"表三“{L.t3_short_label(r)}”一行的数字有多种拆分都满足全部勾稽关系：已选用 {fmt(best[r])}"
                    f"（法人或其他组织各列位数较少的一种），其他可能：{'、'.join(fmt(v) for v in others[:4])}"
                    f"{'等' if capped or len(others) > 4 else ''}，请对照原网页核实。"))
    return out


def _identity_diag(identity: str) -> Diagnostic:
    return Diagnostic(
        code="identity_unsatisfied", severity="error", where="表三",
        message=f"表三的数字无论怎样拆分都不满足勾稽关系“{identity}”（原表可能本身有误或网页文本缺字），"
                "只保留了各种拆分一致的单元格，其余留空，请对照原网页核实。")
