"""The project model: what one member of staff works on for one report (:class:`Project`), the line of the project
list (:class:`ProjectSummary`), project ids and the project errors. Stored by :class:`ui.projects.ProjectStore`."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any, Optional

from pydantic import BaseModel, Field

from report.claims import Fact
from report.model import Report
from report.model.errors import InputError
from ui.auth import LOCAL_OWNER

_ID_RE = re.compile(r"[A-Za-z0-9_-]{8,64}")
SCHEMA = "nianbao-project/2"


class ProjectError(InputError):
    """A project id that is malformed, unknown or not the user's (message in Chinese)."""


class ProjectConflict(ProjectError):
    """The project changed in another window or process since it was loaded."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class Project(BaseModel):
    id: str
    owner: str = LOCAL_OWNER
    name: str = ""
    created: str = Field(default_factory=now)
    updated: str = Field(default_factory=now)
    revision: int = 0  # of the stored copy this one was loaded from (0: not stored yet)
    report: Report = Field(default_factory=Report.blank)
    previous: Optional[Report] = None
    facts: list[Fact] = Field(default_factory=list)
    # the interview's answers (agents.interview): question id -> text or number, as staff typed them
    answers: dict[str, Any] = Field(default_factory=dict)
    drafts: dict[str, str] = Field(default_factory=dict)
    accepted: dict[str, str] = Field(default_factory=dict)
    # 总计 cells whose value the sheet computed (not typed): recomputed when their parts change (ui/sheets.py)
    auto_cells: list[str] = Field(default_factory=list)
    # every kept edit of the report's text, oldest first: {"part": 标题|开头|一…六|落款, "text", "at", "source"}
    history: list[dict[str, Any]] = Field(default_factory=list)

    def record(self, section: str, kind: str, text: str) -> None:
        """Keep a version of a part's text in the history ({"part", "text", "at", "source"}, oldest first)."""
        source = {"draft": "起草", "accepted": "采纳", "restored": "恢复"}.get(kind, kind)
        at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")  # shown to staff in the version list
        self.history.append({"part": section, "text": text, "at": at, "source": source})

    def title(self) -> str:
        return self.name or f"{self.report.agency or '未命名机关'} {self.report.year or '年度未定'} 年报"

    def status(self) -> str:
        done = [k for k in ("一", "五", "六") if self.accepted.get(k)]
        if len(done) == 3:
            return "正文已采纳"
        if done:
            return f"已采纳 {len(done)}/3 章"
        if any(v is not None for _ref, v in self.report.cells()):
            return "填写中"
        return "新建"

    def to_doc(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "owner": self.owner,
            "name": self.name,
            "created": self.created,
            "updated": self.updated,
            "report": self.report.to_interchange(),
            "previous": self.previous.to_interchange() if self.previous is not None else None,
            "facts": [f.model_dump() for f in self.facts],
            "answers": dict(self.answers),
            "drafts": dict(self.drafts),
            "accepted": dict(self.accepted),
            "auto_cells": list(self.auto_cells),
            "history": list(self.history),
        }

    @classmethod
    def from_doc(cls, data: dict[str, Any], revision: int = 0) -> "Project":
        return cls(
            id=data["id"],
            owner=data.get("owner") or LOCAL_OWNER,
            name=data.get("name") or "",
            created=data.get("created") or now(),
            updated=data.get("updated") or now(),
            revision=revision,
            report=Report.from_interchange(data.get("report") or {}),
            previous=Report.from_interchange(data["previous"]) if data.get("previous") else None,
            facts=[Fact(**f) for f in data.get("facts") or []],
            answers=dict(data.get("answers") or {}),
            drafts=dict(data.get("drafts") or {}),
            accepted=dict(data.get("accepted") or {}),
            auto_cells=list(data.get("auto_cells") or []),
            history=list(data.get("history") or []),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_doc(), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Project":
        return cls.from_doc(json.loads(text))


class ProjectSummary(BaseModel):
    id: str
    name: str
    agency: Optional[str]
    year: Optional[int]
    status: str
    updated: str
    revision: int


def valid_id(pid: Any) -> bool:
    """A project id: 8–64 of ``A-Z a-z 0-9 _ -``, nothing else (no trailing newline either)."""
    return isinstance(pid, str) and _ID_RE.fullmatch(pid) is not None
