"""Statutory tables <-> the editable grids, and the user-fact table.

The table layout and the reading of edited cells belong to :mod:`report.export.markdown` (``tableN_frame`` /
``apply_tableN_frame``); this module only turns its rows into display strings for ``gr.Dataframe`` and applies
one UI policy on top: a cell whose entry is not a number keeps its previous value (a typo must not erase a
figure), and the staff see a Chinese message naming the cell. Blank stays blank (None), never 0.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable

import pandas as pd

from report.export import markdown as render
from report.model import CellRef, fmt_number
from report.model import labels as L
from report.model.tables import Report, clean_number
from ui.services import UserError

FACT_COLUMNS = ("编号", "名称", "数值", "单位", "说明")


def _display(headers: list[str], rows: list[list[Any]]) -> pd.DataFrame:
    """Numbers as printed (blank stays an empty string, never 0); labels unchanged."""
    shown = [[row[0], *(v if isinstance(v, str) else fmt_number(v, blank="") for v in row[1:])] for row in rows]
    return pd.DataFrame(shown, columns=headers)


def table2_frame(report: Report) -> pd.DataFrame:
    return _display(*render.table2_frame(report))


def table3_frame(report: Report) -> pd.DataFrame:
    """表三 with each row's own label ('（三）不予公开 1.属于国家秘密') instead of the full path, for a narrow grid;
    ``render.apply_table3_frame`` reads rows by position when a label is not the full path."""
    headers, rows = render.table3_frame(report)
    for row, path in zip(rows, L.t3_rows(report.template)):
        row[0] = L.t3_short_label(path)
    return _display(headers, rows)


def table4_frame(report: Report) -> pd.DataFrame:
    return _display(*render.table4_frame(report))


def apply_tables(report: Report, t2: Any, t3: Any, t4: Any) -> tuple[Report, list[str]]:
    """The edited grids applied to a copy of ``report`` -> (new report, Chinese messages about unusable entries).

    ``report.export.markdown`` marks a non-number entry with a ``grid_not_a_number`` diagnostic and leaves the cell blank;
    here such a cell gets its previous value back and the diagnostic becomes a message (not stored in the report).
    A grid with added or removed rows is refused with the renderer's Chinese message.
    """
    out, bad = report, []
    try:
        for apply, rows in ((render.apply_table2_frame, t2), (render.apply_table3_frame, t3),
                            (render.apply_table4_frame, t4)):
            if rows is None:
                continue
            out = apply(out, _rows(rows))  # each call replaces the previous call's grid diagnostics
            for d in out.diagnostics:
                if d.code == render.GRID_DIAGNOSTIC and d.where:
                    ref = CellRef.parse(d.where)
                    out.set(ref, report.get(ref))
                    bad.append(d)
    except ValueError as exc:
        raise UserError(f"{exc}（表格未保存）") from exc
    out.diagnostics = [d for d in out.diagnostics if d.code != render.GRID_DIAGNOSTIC]
    return out, [_message(report, d) for d in bad]


def _message(before: Report, diag: Any) -> str:
    typed = re.search(r"“(.*?)”", diag.message)
    old = before.get(CellRef.parse(diag.where))
    kept = "原来是空白，仍保持空白" if old is None else f"已保留原值 {fmt_number(old)}"
    what = f"填写的“{typed.group(1)}”" if typed else "填写的内容"
    return f"{diag.where} {what}不是数字，{kept}。请改为阿拉伯数字（没有发生的填 0）。"


def _rows(frame: Any) -> list[list[Any]]:
    """A DataFrame, or the ``{"headers", "data"}`` payload gradio_client sends, as a list of rows."""
    if isinstance(frame, dict) and "data" in frame:
        return [list(r) for r in frame["data"]]
    if isinstance(frame, pd.DataFrame):
        return frame.values.tolist()
    return [list(r) for r in frame]


# ---------------------------------------------------------------- facts
def facts_frame(facts: Iterable[Any]) -> pd.DataFrame:
    rows = [[f.id, f.label, fmt_number(f.value, blank=""), f.unit or "", f.note] for f in facts]
    return pd.DataFrame(rows, columns=list(FACT_COLUMNS))


def read_facts(frame: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows with a label and a number become facts; half-filled rows are reported, not dropped silently."""
    facts, bad, seen = [], [], set()
    for i, rec in enumerate(_rows(frame) if frame is not None else []):
        rec = (list(rec) + [None] * len(FACT_COLUMNS))[:len(FACT_COLUMNS)]
        fid, label, raw, unit, note = (("" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x).strip())
                                       for x in rec)
        if not (fid or label or raw or unit or note):
            continue
        value = clean_number(raw)
        if not label or value is None:
            bad.append(f"其他数据第 {i + 1} 行：需要同时填写“名称”和数字“数值”（现为“{label}”“{raw}”），该行未保存。")
            continue
        fid = fid or f"F{i + 1}"
        if fid in seen:
            bad.append(f"其他数据第 {i + 1} 行：编号 {fid} 重复，请改用不同编号。")
            continue
        seen.add(fid)
        facts.append({"id": fid, "label": label, "value": value, "unit": unit or None, "note": note})
    return facts, bad
