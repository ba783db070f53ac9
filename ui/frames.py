"""Statutory tables <-> pandas DataFrames for the editable grids, and the user-fact table.

Cells travel as strings so that a blank stays blank (None), never 0; a non-numeric entry is reported back in
Chinese instead of silently becoming empty. Row labels are the official labels from :mod:`report.labels`.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import pandas as pd

from report import labels as L
from report.tables import Report, cell_id, clean_number

ITEM = "项目"
T2_COLUMNS = (ITEM, "指标", "数值")
FACT_COLUMNS = ("编号", "名称", "数值", "单位", "说明")
_BLANKS = ("", "/", "／", "—", "-", "－", "——", "–", "无", "\\", "nan", "None")


def _show(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _read(v: Any, where: str, bad: list[str]) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v).strip()
    if s in _BLANKS:
        return None
    x = clean_number(s)
    if x is None:
        bad.append(f"{where}：“{s}”不是数字，已保留原值未写入，请改为数字或留空。")
    return x


# ---------------------------------------------------------------- table 2
def table2_cells(report: Report) -> list[tuple[str, str, Any]]:
    """(row, column label, value) for every 表二 cell, in official order."""
    out = []
    for row, val in report.table2.items():
        if isinstance(val, dict):
            out.extend((row, col, x) for col, x in val.items())
        else:
            out.append((row, L.T2_SINGLE_COLUMN.get(row, "数值"), val))
    return out


def table2_frame(report: Report) -> pd.DataFrame:
    return pd.DataFrame([(r, c, _show(v)) for r, c, v in table2_cells(report)], columns=list(T2_COLUMNS))


def apply_table2(report: Report, frame: pd.DataFrame) -> list[str]:
    bad: list[str] = []
    for _, rec in _records(frame, 3):
        row, col, raw = rec[0], rec[1], rec[2]
        if row not in report.table2:
            continue
        where = f"表二 {row} {col}"
        value = _read(raw, where, bad)
        if value is None and raw not in (None, "") and str(raw).strip() not in _BLANKS:
            continue  # keep the old value: a typo must not erase a figure
        if isinstance(report.table2[row], dict):
            report.set_cell(cell_id("table2", row, col), value)
        else:
            report.set_cell(cell_id("table2", row), value)
    return bad


# ---------------------------------------------------------------- table 3
def table3_frame(report: Report) -> pd.DataFrame:
    rows = [[L.t3_short_label(path)] + [_show(x) for x in report.table3.get(path, [None] * 7)]
            for path in L.t3_rows(report.template)]
    return pd.DataFrame(rows, columns=[ITEM, *L.T3_COLUMNS])


def apply_table3(report: Report, frame: pd.DataFrame) -> list[str]:
    bad: list[str] = []
    paths = L.t3_rows(report.template)
    for i, rec in _records(frame, 1 + len(L.T3_COLUMNS)):
        if i >= len(paths):
            break
        path = paths[i]
        for col, raw in zip(L.T3_COLUMNS, rec[1:]):
            value = _read(raw, f"表三 {L.t3_short_label(path)} {col}", bad)
            if value is None and raw not in (None, "") and str(raw).strip() not in _BLANKS:
                continue
            report.set_cell(cell_id("table3", path, col), value)
    return bad


# ---------------------------------------------------------------- table 4
def table4_frame(report: Report) -> pd.DataFrame:
    rows = [[L.T4_GROUP_TITLES[g]] + [_show(x) for x in report.table4.get(g, [None] * 5)] for g in L.T4_GROUPS]
    return pd.DataFrame(rows, columns=[ITEM, *L.T4_COLUMNS])


def apply_table4(report: Report, frame: pd.DataFrame) -> list[str]:
    bad: list[str] = []
    for i, rec in _records(frame, 1 + len(L.T4_COLUMNS)):
        if i >= len(L.T4_GROUPS):
            break
        g = L.T4_GROUPS[i]
        for col, raw in zip(L.T4_COLUMNS, rec[1:]):
            value = _read(raw, f"表四 {L.T4_GROUP_TITLES[g]} {col}", bad)
            if value is None and raw not in (None, "") and str(raw).strip() not in _BLANKS:
                continue
            report.set_cell(cell_id("table4", g, col), value)
    return bad


# ---------------------------------------------------------------- facts
def facts_frame(facts: Iterable[Any]) -> pd.DataFrame:
    rows = [[f.id, f.label, _show(f.value), f.unit or "", f.note] for f in facts]
    return pd.DataFrame(rows, columns=list(FACT_COLUMNS))


def read_facts(frame: pd.DataFrame) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows with a label and a number become facts; half-filled rows are reported, not dropped silently."""
    facts, bad, seen = [], [], set()
    for i, rec in _records(frame, len(FACT_COLUMNS)):
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


def _records(frame: Any, width: int):
    """Rows of a DataFrame (or the dict/list payloads gradio_client sends), padded to ``width``."""
    if frame is None:
        return
    if isinstance(frame, dict) and "data" in frame:
        rows = frame["data"]
    elif isinstance(frame, pd.DataFrame):
        rows = frame.values.tolist()
    else:
        rows = list(frame)
    for i, rec in enumerate(rows):
        rec = list(rec)[:width]
        yield i, rec + [None] * (width - len(rec))
