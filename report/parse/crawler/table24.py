"""表二 and 表四 from run-together crawler text (表三, the one with column identities, is :mod:`.tables`).

表二: the 2021 rows are found after 「现行有效件数」 in order and each run is read by :mod:`report.parse.table2_rows`
(every split enumerated); a 2019 表二 is read by its row labels. 表四: the run after the last 「总计」 header is cut into
three groups of 维持+纠正+其他+尚未审结 = 总计 (:mod:`.split`), the most plausible kept and the others listed.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from report.model import labels as L
from report.model.cells import CellRef
from report.model.tables import Cell, Diagnostic, Report, blank_table2, blank_table4
from report.parse.crawler.diag import diag as _diag
from report.parse.crawler.diag import valid_number as _valid_number
from report.parse.crawler.split import MAX_CANDIDATES, fmt, review_row_score, split_groups, split_token_groups
from report.parse.crawler.text import RUN, skeleton
from report.parse.table2_rows import atoms_of, read_table2, resolve_row, t2_template_of

T4_WINDOW = 900


# ------------------------------------------------------------------ table 2
def table2(s: str, end: int, template: str, diags: list[Diagnostic], text: str = "",
            previous: Optional[Report] = None) -> dict[str, Any]:
    template = (t2_template_of(text) if text else None) or template  # 表二's own headers decide its format
    t2 = blank_table2(template)
    if template != L.TEMPLATE_2021:
        read = read_table2(text, template, previous)
        if read is None:
            diags.append(Diagnostic(
                code="table2_not_split", severity="warning", where="表二",
                cells=[ref.id for ref, _ in Report.blank(template).cells() if ref.table == "table2"],
                message="未能在网页文本中按行标签找到2019年版表二的数字，表二留空（不是报告空白），请对照原网页补填。"))
            return t2
        diags.extend(read[1])
        return read[0]
    anchor = s.rfind("现行有效件数", 0, end)
    if anchor < 0:
        anchor = max(0, s.rfind("主动公开政府信息情况", 0, end))
    cursor = anchor
    for row in L.T2_DOC_ROWS + L.T2_SINGLE_ROWS:
        keys = [skeleton(row)] + (["规范性文件"] if row == "行政规范性文件" else [])
        m = None
        for key in keys:
            m = re.compile(re.escape(key) + "(" + RUN + ")").search(s, cursor, end)
            if m:
                break
        where = CellRef("table2", row).id
        if not m:
            diags.append(_diag("row_not_found", "warning", where, f"未在网页文本中找到表二“{row}”的数字，该项留空，请核实。"))
            continue
        cursor = m.end()
        run = m.group(1).rstrip(".")
        if "/" in run:
            if set(run.replace(" ", "")) != {"/"}:
                diags.append(_diag("blank_cells", "warning", where,
                                   f"表二“{row}”的“{run}”含空白（/）单元格，无法确定各数字属于哪一列，该行留空，请核实。"))
            continue
        if row in L.T2_DOC_ROWS:
            t2[row] = resolve_row(L.TEMPLATE_2021, row, atoms_of(run), previous, diags)
        else:
            t2[row] = _single_cell(row, run, diags)
    return t2


def _single_cell(row: str, run: str, diags: list[Diagnostic]) -> int | float | None:
    where = CellRef("table2", row).id
    ok = re.fullmatch(r"(0|[1-9]\d*)(\.\d+)?", run)
    if not ok or (ok.group(2) and row != L.T2_FEE):
        diags.append(_diag("unsplittable_run", "error", where, f"表二“{row}”的数字“{run}”无法识别为一个数，该项留空，请核实。"))
        return None
    return float(run) if ok.group(2) else int(run)


# ------------------------------------------------------------------ table 4
def table4(s: str, start: int, diags: list[Diagnostic]) -> dict[str, list[Cell]]:
    t4 = blank_table4()
    m = None
    for m in re.compile(r"总计([\d/]+(?: [\d/]+)*)").finditer(s, start, start + T4_WINDOW):
        if "复议" in s[start : m.start()]:
            break
        m = None
    if not m:
        diags.append(_diag("table_not_found", "warning", "表四", "未在网页文本中找到表四（行政复议、行政诉讼情况）的数字，表四留空，请核实。"))
        return t4
    run = m.group(1)
    if "/" in run:
        if set(run.replace(" ", "")) != {"/"}:
            diags.append(_diag("blank_cells", "warning", "表四",
                               f"表四的“{run}”含空白（/）单元格，无法确定各数字属于哪一列，表四留空，请对照原网页补填。"))
        return t4
    ncells = len(L.T4_GROUPS) * len(L.T4_COLUMNS)
    tokens = run.split()
    if len(tokens) > 1:
        cands = split_token_groups(tokens, len(L.T4_GROUPS), len(L.T4_COLUMNS) - 1)
        if not cands and len(tokens) == ncells and all(_valid_number(t) for t in tokens):
            token_vals: list[Cell] = [int(t) for t in tokens]
            for g, k in zip(L.T4_GROUPS, range(0, ncells, 5)):
                t4[g] = token_vals[k : k + 5]
            diags.append(_diag("row_sum_mismatch", "warning", "表四",
                               f"表四的数字“{run}”各组前四列之和不等于总计（解析按原文照录），请核实原表。"))
            return t4
    if len(tokens) == 1 or not cands:
        run = run.replace(" ", "")
        cands = split_groups(run, len(L.T4_GROUPS), len(L.T4_COLUMNS) - 1)
    if len(cands) >= MAX_CANDIDATES:
        diags.append(_diag("too_many_splits", "warning", "表四", f"表四的数字“{run}”可拆分的方式过多，无法确定，表四留空，请对照原网页补填。"))
        return t4
    if not cands:
        if len(run) == ncells:
            digit_vals: list[Cell] = [int(ch) for ch in run]
            for g, k in zip(L.T4_GROUPS, range(0, ncells, 5)):
                t4[g] = digit_vals[k : k + 5]
            diags.append(_diag("row_sum_mismatch", "warning", "表四",
                               f"表四的数字“{run}”只能逐位拆分，但各组前四列之和不等于总计，请核实原表。"))
        else:
            diags.append(_diag("unsplittable_run", "error", "表四",
                               f"表四的数字“{run}”无法拆分为三组“维持+纠正+其他+尚未审结=总计”的十五个数，表四留空，请对照原网页补填。"))
        return t4
    cands.sort(key=lambda c: sum(review_row_score(g) for g in c))
    for g, vals in zip(L.T4_GROUPS, cands[0]):
        t4[g] = list(vals)
    if len(cands) > 1:
        alts = "；".join(" / ".join(fmt(g) for g in c) for c in cands[:4])
        diags.append(_diag("ambiguous_split", "warning", "表四",
                           f"表四的数字“{run}”有{len(cands)}种拆分都满足“维持+纠正+其他+尚未审结=总计”：{alts}；"
                           f"已选用“结果纠正、其他结果、尚未审结”三列位数较少的一种（{alts.split('；')[0]}），请对照原网页核实。"))
    return t4


