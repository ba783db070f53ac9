"""Render a report's tables from its truth the way pdfminer lays out a PDF table: per page, the row labels in a
column, then the column headers, then the numbers column by column (one per line), page marks in between.

Built on the layout of tests/fixtures/002_huaian_shi_2024.pdfminer.txt (pdfminer.six's own output for that PDF),
so a truth rendered here is what pdfminer would give for the same table printed by another producer.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from report.model import labels as L

Cell = Optional[float]


def _num(v: Any) -> str:
    if v is None:
        return "/"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _column_major(rows: Sequence[Sequence[Any]]) -> list[str]:
    return [_num(r[j]) for j in range(len(rows[0])) for r in rows]


def _doc_block(rows: Sequence[str], cols: Sequence[str], cells: list[list[Any]], layout: str) -> list[str]:
    """One sub-table's labels, headers and numbers in the order of ``layout``: ``labels`` (labels, headers, numbers
    column by column: pdfminer on the fixture PDF), ``headers`` (headers, labels, numbers column by column) or
    ``rows`` (headers, labels, numbers row by row: text boxes taken line by line)."""
    if layout == "labels":
        return [*rows, *cols, *_column_major(cells)]
    numbers = _column_major(cells) if layout == "headers" else [_num(v) for r in cells for v in r]
    return [*cols, *rows, *numbers]


def table2_text(t2: dict[str, Any], template: str, layout: str = "labels") -> list[str]:
    """表二 by sub-table: 第二十条第（X）项 / 信息内容 / row labels / column headers / numbers column-major
    (other orders of the document rows' sub-table: :func:`_doc_block`)."""
    out = ["二、主动公开政府信息情况"]
    if template == L.TEMPLATE_2019:
        groups = [("第（一）项", ["规章", "规范性文件"]), ("第（五）项", ["行政许可", "其他对外管理服务事项"]),
                  ("第（六）项", ["行政处罚", "行政强制"]), ("第（八）项", ["行政事业性收费"]), ("第（九）项", ["政府集中采购"])]
        for item, rows in groups:
            cols = L.T2_2019[rows[0]]
            out += [f"第二十条 {item}", "信息内容", *rows, *cols]
            out += _column_major([[t2[r][c] for c in cols] for r in rows])
        return out
    out += ["第二十条 第（一）项", "信息内容"]
    out += _doc_block(L.T2_DOC_ROWS, L.T2_DOC_COLUMNS, [[t2[r][c] for c in L.T2_DOC_COLUMNS] for r in L.T2_DOC_ROWS],
                      layout)
    items = {"行政许可": "第（五）项", "行政处罚": "第（六）项", "行政强制": "第（六）项", "行政事业性收费": "第（八）项"}
    heads = {"行政事业性收费": "本年收费金额（单位：万元）"}
    for row in L.T2_SINGLE_ROWS:
        if row != "行政强制":
            out += [f"第二十条 {items[row]}", "信息内容"]
        out += [row, heads.get(row, "本年处理决定数量"), _num(t2[row])]
    return out


def _t3_labels(rows: Sequence[str], seen: set[str]) -> list[str]:
    out: list[str] = []
    for row in rows:
        parts = row.split("/")
        for head in parts[:-1]:
            if head not in seen:
                seen.add(head)
                out.append(head)
        out.append(parts[-1])
    return out


def table3_text(t3: dict[str, list[Any]], breaks: Sequence[int] = ()) -> list[str]:
    """表三: pages cut before the row indices in ``breaks``; each page has its labels, the column headers (first
    page: before the numbers, as pdfminer orders them) and its numbers column by column."""
    rows = list(t3)
    out = ["三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）",
           "申请人情况"]
    seen: set[str] = set()
    cuts = [0, *breaks, len(rows)]
    for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
        out += _t3_labels(rows[a:b], seen)
        if k == 0:
            out += ["自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
        out += _column_major([t3[r] for r in rows[a:b]])
        out.append(f"- {k + 4} -")
    return out


def table3_rectangles(t3: dict[str, list[Any]], pages: Sequence[int], cuts: Sequence[int], left: int) -> list[str]:
    """表三 as a LibreOffice PDF gives it to pdfminer when tall group cells break the text boxes: pages cut before the
    row indices in ``pages``; on each page the ``left`` first columns come in rectangles cut before the row indices
    in ``cuts`` (each rectangle column by column, a row label between rectangles), the other columns as one
    rectangle."""
    rows = list(t3)
    out = ["三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）",
           "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    seen: set[str] = set()
    bounds = [0, *pages, len(rows)]
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        out += _t3_labels(rows[a:b], seen)
        inner = [a, *[c for c in cuts if a < c < b], b]
        for lo, hi in zip(inner, inner[1:]):
            out.append(rows[lo].split("/")[-1])
            out += [_num(t3[r][j]) for j in range(left) for r in rows[lo:hi]]
        out.append("总计")
        out += [_num(t3[r][j]) for j in range(left, 7) for r in rows[a:b]]
        out.append(f"- {k + 4} -")
    return out


def table4_text(t4: dict[str, list[Any]]) -> list[str]:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    out = ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", *heads * 3]
    out += [_num(v) for g in L.T4_GROUPS for v in t4[g]]  # one row of 15 numbers: pdfminer keeps it in order
    return out


def render(data: dict[str, Any], breaks: Sequence[int] = (13,), t2_layout: str = "labels",
           rectangles: Optional[tuple[Sequence[int], Sequence[int], int]] = None) -> str:
    """The report in pdfminer's order; ``rectangles`` = (pages, cuts, left) renders 表三 by
    :func:`table3_rectangles` instead of whole page columns."""
    year = data.get("year") or 2024
    out = [f"某市某局{year}年政府信息公开工作年度报告",
           f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
           "一、总体情况", "本年度依法做好政府信息公开工作。"]
    out += table2_text(data["table2"], data.get("template") or L.TEMPLATE_2021, t2_layout)
    out += table3_text(data["table3"], breaks) if rectangles is None else table3_rectangles(data["table3"], *rectangles)
    out += table4_text(data["table4"])
    out += ["五、存在的主要问题及改进情况", "存在的问题是公开不够及时，下一步将改进。", "六、其他需要报告的事项",
            "本年度未收取信息处理费。", "某市某局", f"{year + 1}年1月20日"]
    return "\n".join(out) + "\n"
