"""Report projects: one JSON file per project under ``DATA_DIR/projects/<id>.json``, written atomically.

A project is what one member of staff works on for one report: this year's tables and narrative, the user facts
outside the tables, drafts and accepted text, and last year's report (for 上年结转 and baselines). Every change is
saved at once (write to a temporary file in the same folder, fsync, ``os.replace``), so a crash or a ``kill -9``
never leaves a half-written project. Project ids are random and unguessable; the browser keeps its own id, so
concurrent users never see each other's projects (there is deliberately no "list all projects" call).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Optional

from pydantic import BaseModel, Field

from report.claims import Fact
from report.model import Report
from report.model.errors import InputError

_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class ProjectError(InputError):
    """A project id that is malformed or unknown (message in Chinese)."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Project(BaseModel):
    id: str
    created: str = Field(default_factory=_now)
    updated: str = Field(default_factory=_now)
    report: Report = Field(default_factory=Report.blank)
    previous: Optional[Report] = None
    facts: list[Fact] = Field(default_factory=list)
    drafts: dict[str, str] = Field(default_factory=dict)
    accepted: dict[str, str] = Field(default_factory=dict)
    # 总计 cells whose value the sheet computed (not typed): recomputed when their parts change (ui/sheets.py)
    auto_cells: list[str] = Field(default_factory=list)
    # every kept edit of the report's text, oldest first: {"part": 标题|开头|一…六|落款, "text", "at", "source"}
    history: list[dict[str, Any]] = Field(default_factory=list)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "schema": "nianbao-project/1",
            "id": self.id,
            "created": self.created,
            "updated": self.updated,
            "report": self.report.to_interchange(),
            "previous": self.previous.to_interchange() if self.previous else None,
            "facts": [f.model_dump() for f in self.facts],
            "drafts": dict(self.drafts),
            "accepted": dict(self.accepted),
            "auto_cells": list(self.auto_cells),
            "history": list(self.history),
        }
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Project":
        data = json.loads(text)
        return cls(
            id=data["id"],
            created=data.get("created") or _now(),
            updated=data.get("updated") or _now(),
            report=Report.from_interchange(data.get("report") or {}),
            previous=Report.from_interchange(data["previous"]) if data.get("previous") else None,
            facts=[Fact(**f) for f in data.get("facts") or []],
            drafts=data.get("drafts") or {},
            accepted=data.get("accepted") or {},
            auto_cells=data.get("auto_cells") or [],
            history=data.get("history") or [],
        )


def valid_id(pid: Any) -> bool:
    return isinstance(pid, str) and bool(_ID_RE.match(pid))


class ProjectStore:
    """Load and save projects under one folder; safe for concurrent threads (one lock per project id)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._locks: dict[str, threading.RLock] = {}
        self._guard = threading.Lock()

    def _lock(self, pid: str):
        with self._guard:
            return self._locks.setdefault(pid, threading.RLock())

    def path(self, pid: str) -> Path:
        if not valid_id(pid):
            raise ProjectError("项目编号格式不正确，请刷新页面以新建项目。")
        return self.root / f"{pid}.json"

    def exists(self, pid: Any) -> bool:
        return valid_id(pid) and self.path(pid).is_file()

    def create(self, report: Report | None = None) -> Project:
        project = Project(id=secrets.token_urlsafe(12), report=report or Report.blank())
        self.save(project)
        return project

    def load(self, pid: str) -> Project:
        path = self.path(pid)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProjectError(f"找不到项目 {pid}：它可能已被删除，或数据目录已更换。请新建项目。") from None
        try:
            return Project.from_json(text)
        except (ValueError, KeyError, TypeError) as exc:
            raise ProjectError(f"项目文件 {path} 已损坏，无法读取（{exc}）。请联系管理员从备份恢复。") from exc

    def open_or_create(self, pid: Any) -> Project:
        """The browser's project if it still exists, otherwise a fresh one (after a data-dir change, say)."""
        if self.exists(pid):
            return self.load(pid)
        return self.create()

    def save(self, project: Project) -> Project:
        path = self.path(project.id)
        project.updated = _now()
        text = project.to_json()
        with self._lock(project.id):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{project.id}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        return project

    def update(self, pid: str, change: Callable[[Project], None]) -> Project:
        """Load, apply ``change(project)`` and save, under the project's lock against lost updates."""
        with self._lock(pid):
            project = self.load(pid)
            change(project)
            return self.save(project)
