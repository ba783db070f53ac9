"""The report model: one 政府信息公开工作年度报告 with its six sections and three statutory tables.

- Table keys and labels come from :mod:`report.model.labels` (the interchange JSON of ``shared/spec/interchange.md``).
- A blank, ``/`` or ``—`` cell is ``None`` — never 0: the validators tell a missing figure from a wrong one.
- A cell is addressed by one typed reference, :class:`report.model.cells.CellRef` (``Report.get`` / ``Report.set``);
  its printed id (``表三/一、本年新收政府信息公开申请数量/总计``) is what findings and provenance carry.
- ``Report.from_interchange(r.to_interchange()) == r`` for every report (lossless round trip).
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator, Literal, Optional, Union, cast

from pydantic import BaseModel, Field, field_validator

from report.model import labels as L
from report.model.cells import CellRef, try_parse

Number = Union[int, float]
Cell = Optional[Number]


class Diagnostic(BaseModel):
    """Something the parser had to repair, guess or could not read; message is for staff (Chinese)."""

    code: str
    severity: Literal["error", "warning", "info"] = "info"
    message: str
    where: Optional[str] = None
    # The cells this diagnostic is about (``CellRef.id`` strings). A blank cell named by a warning or error is
    # *unread* (the parser could not read it: never the report's blank); a filled one is *uncertain* (its value may
    # be wrong). Rules and claims use :meth:`Report.unread_cells` / :meth:`Report.uncertain_cells`.
    cells: list[str] = Field(default_factory=list)
    # When the parser could not decide between readings: each reading gives one value per entry of ``cells``.
    readings: list[list[Cell]] = Field(default_factory=list)


def blank_table2(template: str = L.TEMPLATE_2021) -> dict[str, Any]:
    if template == L.TEMPLATE_2019:
        return {row: dict.fromkeys(cols) for row, cols in L.T2_2019.items()}
    t2: dict[str, Any] = {row: dict.fromkeys(L.T2_DOC_COLUMNS) for row in L.T2_DOC_ROWS}
    t2.update(dict.fromkeys(L.T2_SINGLE_ROWS))
    return t2


def blank_table3(template: str = L.TEMPLATE_2021) -> dict[str, list[Cell]]:
    return {row: [None] * len(L.T3_COLUMNS) for row in L.t3_rows(template)}


def blank_table4() -> dict[str, list[Cell]]:
    return {g: [None] * len(L.T4_COLUMNS) for g in L.T4_GROUPS}


# What published reports and filled templates write in a cell that holds no figure.
BLANK_MARKS = frozenset({"", "/", "／", "—", "-", "－", "——", "–", "无", "\\"})


def clean_number(value: Any) -> Cell:
    """Normalise one cell value: numbers stay, blank-like strings become None, numeric strings are read."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    s = str(value).strip().replace(",", "").replace("，", "")
    if s in BLANK_MARKS:
        return None
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            return None


# A 落款 date line: 2025年1月20日, 二〇二五年一月二十日, optionally in brackets.
_DATE_LINE = re.compile(r"^[（(]?\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                        r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[）)]?$")


def closing_parts(text: str) -> dict[str, Optional[str]]:
    """The 落款 of a closing text: ``{"signed_by": the issuing body, "date": "2025年1月20日"}`` (None when absent).

    The date is the last line that is only a date; the issuing body is the non-empty line just above it (or the
    last line when there is no date)."""
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    date_i = next((i for i in range(len(lines) - 1, -1, -1) if _DATE_LINE.match(lines[i])), None)
    date = lines[date_i] if date_i is not None else None
    above = lines[:date_i] if date_i is not None else lines
    signed = above[-1] if above and len(above[-1]) <= 40 and not above[-1].endswith("。") else None
    return {"signed_by": signed, "date": date}


def closing_text(signed_by: Optional[str], date: Optional[str]) -> str:
    """The closing text of a 落款 given as its two parts (one line each, blank parts left out)."""
    return "\n".join(x.strip() for x in (signed_by, date) if x and x.strip())


class Report(BaseModel):
    """A parsed, imported or drafted annual report (interchange schema ``annual-report/1``)."""

    agency: Optional[str] = None
    year: Optional[int] = None
    template: Literal["2021", "2019"] = "2021"
    title: Optional[str] = None
    sections: dict[str, str] = Field(default_factory=lambda: dict.fromkeys(L.SECTION_KEYS, ""))
    table2: dict[str, Any] = Field(default_factory=blank_table2)
    table3: dict[str, list[Cell]] = Field(default_factory=blank_table3)
    table4: dict[str, list[Cell]] = Field(default_factory=blank_table4)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    # Text outside the six sections (preamble with 统计期限 sentence, signature, date).
    preamble: str = ""
    closing: str = ""

    @field_validator("sections")
    @classmethod
    def _all_sections(cls, v: dict[str, str]) -> dict[str, str]:
        out = dict.fromkeys(L.SECTION_KEYS, "")
        for k, text in v.items():
            if k not in out:
                raise ValueError(f"未知的章节：{k}")
            out[k] = text or ""
        return out

    # ------------------------------------------------------------ construction
    @classmethod
    def blank(cls, template: str = L.TEMPLATE_2021, **kw: Any) -> "Report":
        return cls(template=template, table2=blank_table2(template), table3=blank_table3(template), **kw)

    @classmethod
    def from_interchange(cls, data: dict[str, Any] | str) -> "Report":
        """Read the interchange JSON (also accepts the truth files of the corpus, which add extra keys)."""
        if isinstance(data, str):
            data = cast(dict[str, Any], json.loads(data))
        template = str(data.get("template") or "")
        if template not in L.TEMPLATES:
            fmt = str(data.get("format") or "")
            template = L.TEMPLATE_2019 if "2019" in fmt or len(data.get("table3") or {}) == 23 else L.TEMPLATE_2021
        raw_t2 = data.get("table2") or {}
        # Table 2's shape follows its own keys: some reports mix a 2021 表二 with a 2019 表三.
        t2_template = L.TEMPLATE_2019 if "规范性文件" in raw_t2 and "行政规范性文件" not in raw_t2 else (
            L.TEMPLATE_2021 if "行政规范性文件" in raw_t2 else template)
        t2 = blank_table2(t2_template)
        for row, val in raw_t2.items():
            if isinstance(val, dict):
                t2[row] = {c: clean_number(x) for c, x in val.items()}
            else:
                t2[row] = clean_number(val)
        t3 = blank_table3(template)
        for row, vals in (data.get("table3") or {}).items():
            t3[row] = [clean_number(x) for x in vals]
        t4 = blank_table4()
        for g, vals in (data.get("table4") or {}).items():
            t4[g] = [clean_number(x) for x in vals]
        year = data.get("year")
        return cls(
            agency=data.get("agency"),
            year=int(year) if year is not None else None,
            template=template,
            title=data.get("title"),
            sections=data.get("sections") or {},
            table2=t2,
            table3=t3,
            table4=t4,
            diagnostics=[Diagnostic(**d) for d in data.get("diagnostics") or []],
            preamble=data.get("preamble") or "",
            closing=_closing_in(data),
        )

    def to_interchange(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": L.SCHEMA,
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "sections": dict(self.sections),
            "table2": json.loads(json.dumps(self.table2)),
            "table3_columns": list(L.T3_COLUMNS),
            "table3": {k: list(v) for k, v in self.table3.items()},
            "table4": {k: list(v) for k, v in self.table4.items()},
            "diagnostics": [d.model_dump() for d in self.diagnostics],
        }
        if self.title is not None:
            out["title"] = self.title
        if self.preamble:
            out["preamble"] = self.preamble
        if self.closing:
            # the 落款 as the spec gives it; the whole text too when it holds more than the two lines
            parts = closing_parts(self.closing)
            out["closing"] = parts
            if closing_text(parts["signed_by"], parts["date"]) != self.closing:
                out["closing_text"] = self.closing
        return out

    @property
    def signature(self) -> dict[str, Optional[str]]:
        """The 落款 (issuing body, date) read from :attr:`closing`."""
        return closing_parts(self.closing)

    def to_json(self, **kw: Any) -> str:
        return json.dumps(self.to_interchange(), ensure_ascii=False, **kw)

    # ------------------------------------------------------------ cells
    def t3(self, row: str, column: str = L.T3_TOTAL_COLUMN) -> Cell:
        return self.get(CellRef("table3", row, column))

    def t4(self, group: str, column: str = L.T4_TOTAL_COLUMN) -> Cell:
        return self.get(CellRef("table4", group, column))

    def cells(self) -> Iterator[tuple[CellRef, Cell]]:
        """Every statutory cell as (reference, value), in table order."""
        for row, val in self.table2.items():
            if isinstance(val, dict):
                for col, x in val.items():
                    yield CellRef("table2", row, col), x
            else:
                yield CellRef("table2", row), val
        for row, vals in self.table3.items():
            for col, x in zip(L.T3_COLUMNS, vals):
                yield CellRef("table3", row, col), x
        for g, vals in self.table4.items():
            for col, x in zip(L.T4_COLUMNS, vals):
                yield CellRef("table4", g, col), x

    def get(self, ref: CellRef) -> Cell:
        """The value at ``ref``; a missing or short row, or a 表三/表四 row reference without a column, reads blank."""
        if ref.table == "table2":
            val = self.table2.get(ref.row)
            if isinstance(val, dict):
                return val.get(ref.column) if ref.column else None
            return None if ref.column else val
        i = ref.index
        vals = (self.table3 if ref.table == "table3" else self.table4).get(ref.row)
        return vals[i] if vals is not None and i is not None and i < len(vals) else None

    def set(self, ref: CellRef, value: Cell) -> None:
        """Store ``value`` at ``ref``; a missing row is created blank (None), a short one padded."""
        if ref.table == "table2":
            if ref.column:
                cur = self.table2.get(ref.row)
                if not isinstance(cur, dict):
                    cur = self.table2[ref.row] = {}
                cur[ref.column] = value
            else:
                self.table2[ref.row] = value
            return
        i = ref.index
        if i is None:
            raise KeyError(f"{ref.id} 是一整行，不是单元格")
        table = self.table3 if ref.table == "table3" else self.table4
        vals = table.setdefault(ref.row, [None] * len(ref.columns()))
        vals.extend([None] * (len(ref.columns()) - len(vals)))
        vals[i] = value

    def _flagged_cells(self) -> frozenset[CellRef]:
        out: list[CellRef] = []
        for d in self.diagnostics:
            if d.severity == "info":
                continue
            for cid in d.cells:
                ref = try_parse(cid)
                if ref is not None:
                    out.append(ref)
        return frozenset(out)

    def unread_cells(self) -> frozenset[CellRef]:
        """Blank cells the parser could not read (named by a warning/error diagnostic): not the report's blanks."""
        return frozenset(r for r in self._flagged_cells() if self.get(r) is None)

    def uncertain_cells(self) -> frozenset[CellRef]:
        """Filled cells whose value the parser is unsure of (named by a warning/error diagnostic)."""
        return frozenset(r for r in self._flagged_cells() if self.get(r) is not None)

    def text(self) -> str:
        """All narrative text, sections in order, with their titles."""
        parts = [self.preamble] if self.preamble else []
        for k in L.SECTION_KEYS:
            parts.append(L.SECTION_TITLES[k])
            if self.sections.get(k):
                parts.append(self.sections[k])
        if self.closing:
            parts.append(self.closing)
        return "\n".join(parts)


def _closing_in(data: dict[str, Any]) -> str:
    """The closing text from the interchange: ``closing`` as the spec's object (or an older plain string)."""
    raw = data.get("closing")
    if isinstance(raw, dict):
        return str(data.get("closing_text") or closing_text(raw.get("signed_by"), raw.get("date")))
    return str(raw or data.get("closing_text") or "")
