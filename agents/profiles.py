"""Agency profiles: what kind of agency a report is from, and what its draft may therefore say.

Three kinds (条例 第五十条 and the format notice distinguish them):

- ``government`` — 各级人民政府 (and 管委会 of zones): 考核、社会评议和责任追究结果 belong under 监督保障 (第五十条（四）);
  writes 规章 only when it makes them (表二 shows 规章, or a 省级/设区的市级 government);
- ``township`` — 乡镇人民政府、街道办事处: a government, without 规章;
- ``department`` — 政府工作部门 and other bodies: no 考核/评议/责任追究 paragraph, no 规章, no portal claims unless the
  user says the department runs its own site (most have a column on the government portal).

The classifier reads the agency name and the tables; every field can be overridden by the user
(``classify(report, override={"kind": "department", "own_portal": True})``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from report.model.tables import Report

from .writer import self_name

KINDS = ("government", "township", "department")
KIND_NAMES = {"government": "人民政府", "township": "乡镇人民政府/街道办事处", "department": "政府部门"}

_TOWNSHIP = re.compile(r"(?:镇|乡)人民政府$|街道办事处$|街道$")
_GOVERNMENT = re.compile(r"人民政府(?:办公厅|办公室)?$|管理委员会$|管委会$")
_RULE_MAKERS = re.compile(r"(?:省|自治区|直辖市)人民政府|^(?:北京|上海|天津|重庆)市人民政府|[^县区]市人民政府$")


@dataclass(frozen=True)
class Profile:
    kind: str
    makes_rules: bool
    own_portal: Optional[bool]  # None: unknown -> no portal claims, a question instead
    me: str

    @property
    def is_government(self) -> bool:
        return self.kind in ("government", "township")

    def describe(self) -> str:
        portal = {True: "有自己的门户网站", False: "无独立网站", None: "门户网站情况未知"}[self.own_portal]
        return f"{KIND_NAMES[self.kind]}（{'制定规章' if self.makes_rules else '不制定规章'}，{portal}）"


def _clean(name: str) -> str:
    return re.sub(r"（.*?）|\(.*?\)", "", name or "").strip()


def _rules_in_tables(report: Report) -> bool:
    row = report.table2.get("规章")
    if isinstance(row, dict):
        return any(isinstance(v, (int, float)) and v > 0 for v in row.values())
    return False


def classify(report: Report, override: Optional[dict[str, Any] | str] = None) -> Profile:
    """The profile from the agency name and the tables, then the user's override (a kind or a dict of fields)."""
    name = _clean(report.agency or "")
    if _TOWNSHIP.search(name):
        kind = "township"
    elif _GOVERNMENT.search(name) or name.endswith("人民政府"):
        kind = "government"
    else:
        kind = "department"
    makes_rules = kind == "government" and (_rules_in_tables(report) or bool(_RULE_MAKERS.search(name)))
    own_portal: Optional[bool] = True if kind == "government" else None
    prof = Profile(kind=kind, makes_rules=makes_rules, own_portal=own_portal, me=self_name(report.agency))
    if override:
        fields: dict[str, Any] = {"kind": override} if isinstance(override, str) else dict(override)
        if "kind" in fields and fields["kind"] not in KINDS:
            raise ValueError(f"机关类型应为 {'、'.join(KINDS)} 之一（收到：{fields['kind']}）")
        if "kind" in fields and "makes_rules" not in fields:
            fields["makes_rules"] = fields["kind"] == "government" and (
                _rules_in_tables(report) or bool(_RULE_MAKERS.search(name)))
        portal = fields.get("own_portal", prof.own_portal)
        prof = Profile(kind=str(fields.get("kind", prof.kind)),
                       makes_rules=bool(fields.get("makes_rules", prof.makes_rules)),
                       own_portal=None if portal is None else bool(portal), me=str(fields.get("me", prof.me)))
    return prof
