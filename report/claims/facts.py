"""User facts: figures the staff member supplies that are not in the statutory tables.

Examples: 政府网站发布信息 6352 条, 政务新媒体 95 个, 信息处理费 380 元. The drafter may only cite a number that is in
the tables or in the fact sheet; :func:`report.claims.bind_claims` checks narrative numbers against both.

Accepted inputs (``FactSheet.load`` / ``FactSheet.from_data``):

- a JSON list of facts: ``[{"label": "政府网站发布信息", "value": 6352, "unit": "条"}, …]`` (``id`` optional);
- a JSON object ``{label: value}``; the value may be a number or a string with a unit (``"6352条"``, ``"380 元"``).

Ids are ``F1``, ``F2``… in order unless given. ``render()`` gives one line per fact for prompts:
``[F1] 政府网站发布信息：6352 条``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from pydantic import BaseModel, field_validator

from report.claims.numbers import NumberMention, extract_numbers
from report.model.errors import InputError
from report.model.numfmt import fmt_number

Number = Union[int, float]


class FactError(InputError):
    """Unreadable fact input; the message is for staff (Chinese)."""


class Fact(BaseModel):
    id: str
    label: str
    value: Number
    unit: Optional[str] = None
    note: str = ""

    @field_validator("label")
    @classmethod
    def _label_not_blank(cls, v: str) -> str:
        v = (v or "").strip()
        if not v:
            raise ValueError("事实的名称不能为空")
        return v

    def render(self) -> str:
        value = fmt_number(self.value)
        unit = f" {self.unit}" if self.unit else ""
        note = f"（{self.note}）" if self.note else ""
        return f"[{self.id}] {self.label}：{value}{unit}{note}"


class TextFact(BaseModel):
    """A fact stated in words (an interview answer: 「全年开展政务公开培训，覆盖全部科室」), cited by its id.

    It carries no number for the checker; numbers inside an answer become :class:`Fact` s of their own."""

    id: str
    label: str
    text: str
    section: str = ""
    subpart: str = ""

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, v: str) -> str:
        v = (v or "").strip()
        if not v:
            raise ValueError("事实的内容不能为空")
        return v

    def render(self) -> str:
        where = f"（{self.section}·{self.subpart}）" if self.subpart else ""
        return f"[{self.id}] {self.label}{where}：{self.text}"


def read_number(raw: Any) -> Optional[tuple[Number, Optional[str]]]:
    """A number (and unit) when ``raw`` is one (``130``, ``"130篇"``), else None (a text answer)."""
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        return _read_value("", raw)
    except FactError:
        return None


_PLAIN_NUMBER = re.compile(r"[-－−+]? ?\d[\d,]*(?:\.\d+)?")


def _read_value(label: str, raw: Any) -> tuple[Number, Optional[str]]:
    if isinstance(raw, bool):
        raise FactError(f"“{label}”的数值不是数字：{raw}")
    if isinstance(raw, (int, float)):
        return (int(raw) if float(raw).is_integer() else raw), None
    if isinstance(raw, str):
        plain = _PLAIN_NUMBER.fullmatch(raw.strip())
        if plain:  # a bare number keeps its sign (「-5」: the narrative reader takes a dash for punctuation)
            num = float(plain.group(0).replace(",", "").replace("－", "-").replace("−", "-").replace(" ", ""))
            return (int(num) if num.is_integer() else num), None
        found = extract_numbers(raw.strip())
        if len(found) == 1:
            return found[0].value, found[0].unit
        try:
            num = float(raw.replace(",", "").strip())
            return (int(num) if num.is_integer() else num), None
        except ValueError:
            pass
    raise FactError(f"“{label}”的数值无法识别：{raw!r}。请填写一个数字，例如 6352 或“6352条”。")


class FactSheet(list[Fact]):
    """A list of :class:`Fact` with prompt rendering and JSON load/save."""

    def __init__(self, facts: Iterable[Fact] = ()):
        super().__init__(facts)

    def render(self) -> str:
        return "\n".join(f.render() for f in self)

    def by_id(self, fid: str) -> Optional[Fact]:
        return next((f for f in self if f.id == fid), None)

    def __iter__(self) -> Iterator[Fact]:
        return super().__iter__()

    @classmethod
    def from_data(cls, data: Any) -> "FactSheet":
        if isinstance(data, dict):
            items = [{"label": k, "value": v} for k, v in data.items()]
        elif isinstance(data, list):
            items = data
        else:
            raise FactError("事实清单应为列表（[{\"label\":…, \"value\":…}]）或“名称：数值”对象。")
        facts: list[Fact] = []
        used: set[str] = set()
        for i, item in enumerate(items, 1):
            if isinstance(item, Fact):
                item = item.model_dump()
            if not isinstance(item, dict) or "label" not in item or "value" not in item:
                raise FactError(f"第 {i} 条事实缺少“label”或“value”：{item!r}")
            label = str(item["label"]).strip()
            if not label:
                raise FactError(f"第 {i} 条事实的名称为空。")
            value, unit = _read_value(label, item["value"])
            fid = str(item.get("id") or "").strip() or f"F{i}"
            if fid in used:
                raise FactError(f"事实编号重复：{fid}")
            used.add(fid)
            facts.append(Fact(id=fid, label=label, value=value, unit=item.get("unit") or unit,
                              note=str(item.get("note") or "")))
        return cls(facts)

    @classmethod
    def loads(cls, text: str) -> "FactSheet":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FactError(f"事实清单不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}") from exc
        return cls.from_data(data)

    @classmethod
    def load(cls, path: Union[str, Path]) -> "FactSheet":
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise FactError(f"找不到事实清单文件：{p}") from exc
        except UnicodeDecodeError as exc:
            raise FactError(f"事实清单文件不是 UTF-8 文本：{p}") from exc
        return cls.loads(text)

    def to_data(self) -> list[dict[str, Any]]:
        return [f.model_dump() for f in self]

    def dumps(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2)

    def save(self, path: Union[str, Path]) -> None:
        Path(path).write_text(self.dumps() + "\n", encoding="utf-8")


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[\s\d，,。：:、（）()“”\"]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _fact_score(fact: Fact, context: str) -> float:
    lb = _bigrams(fact.label)
    return len(lb & _bigrams(context)) / len(lb) if lb else 0.0


def best_fact(facts: list[Fact], m: NumberMention, clause: str, sentence: str) -> tuple[Optional[Fact], float]:
    """The user fact a narrative number is about: the one whose label shares most bigrams with its clause (or, for
    a fact of the same value, its sentence), at least half of them; a fact of the same value wins a tie."""
    best, best_score = None, 0.0
    for f in facts:
        if f.unit and m.unit and (f.unit == "%") != (m.unit == "%"):
            continue
        score = _fact_score(f, clause)
        same = abs(f.value - m.value) < 1e-9
        if same:
            score = max(score, _fact_score(f, sentence))
        if score >= 0.5 and (best is None or (same, score) > (abs(best.value - m.value) < 1e-9, best_score)):
            best, best_score = f, score
    return best, best_score
