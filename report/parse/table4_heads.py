"""表四 from PDF text boxes where each cell's column header is printed right before its number (pdfminer on a table
whose header and number share a text box: 「结果纠正 0 其他结果 0 … 结果维持 1 总计 0」), in no fixed order.

Each number after a header goes to that column, the groups (行政复议, 未经复议直接起诉, 复议后起诉) filled in the order
the column's numbers come; numbers after text that names no header fill the cells left over. The reading is kept
when every group's identity (结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计) holds, or with a warning naming 表四.
"""

from __future__ import annotations

from typing import Optional

from report.model import labels as L
from report.model.tables import Cell, Diagnostic
from report.parse.grid import Segment, t4_group_ok

_HEADS = {"结果维持": 0, "结果纠正": 1, "其他结果": 2, "尚未审结": 3, "总计": 4}


def _heads(label: str) -> list[int]:
    """The column headers ending the label, in order (「总计结果维持」 -> 总计, 结果维持: one number each)."""
    found = sorted((p, h) for h in _HEADS for p in _find_all(label, h))
    out: list[int] = []
    end = len(label)
    for p, h in reversed(found):
        if p + len(h) < end - 2:
            break
        out.insert(0, _HEADS[h])
        end = p
    return out


def _find_all(text: str, word: str) -> list[int]:
    out, p = [], text.find(word)
    while p >= 0:
        out.append(p)
        p = text.find(word, p + 1)
    return out


def read_by_heads(segs: list[Segment]) -> Optional[tuple[dict[str, list[Cell]], list[Diagnostic]]]:
    width, groups = len(L.T4_COLUMNS), len(L.T4_GROUPS)
    runs = [s for s in segs if s.values]
    tagged = [(_heads(s.label), s.values) for s in runs]
    if sum(len(v) for _, v in tagged) != width * groups or sum(len(h) >= len(v) for h, v in tagged) < 8:
        return None
    grid: list[list[Cell]] = [[None] * width for _ in range(groups)]
    filled = [[False] * width for _ in range(groups)]
    loose: list[Cell] = []
    for heads, values in tagged:
        heads = heads[-len(values):] if len(heads) >= len(values) else heads
        for i, v in enumerate(values):
            if i >= len(heads):
                loose.append(v)
                continue
            g = next((g for g in range(groups) if not filled[g][heads[i]]), None)
            if g is None:
                return None
            grid[g][heads[i]], filled[g][heads[i]] = v, True
    slots = [(g, c) for g in range(groups) for c in range(width) if not filled[g][c]]
    if len(slots) != len(loose):
        return None
    for (g, c), v in zip(slots, loose):
        grid[g][c] = v
    table = dict(zip(L.T4_GROUPS, grid))
    open_order = len(set(loose)) > 1  # leftover numbers that differ: which leftover cell holds which is unknown
    if all(t4_group_ok(row) for row in grid) and not open_order:
        return table, [Diagnostic(code="t4_by_heads", severity="info", where="表四",
                                  message="表四的每个数字紧跟其列标题（PDF 版面提取，顺序打乱），已按列标题还原，各组之和等于总计。")]
    return table, [Diagnostic(code="t4_by_heads", severity="warning", where="表四",
                              message="表四的数字与列标题交错排列（PDF 版面提取，顺序打乱），已按列标题尽量还原，但无法用“各项之和等于总计”"
                                      "确认，请对照原文核对表四。")]
