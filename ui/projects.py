"""Report projects, kept in a database: SQLite under ``DATA_DIR`` by default, PostgreSQL when ``DATABASE_URL`` is set
(so several app processes can serve one province).

A project is what one member of staff works on for one report: this year's tables and narrative, the user facts
outside the tables, drafts and accepted text with their history, and last year's report (for 上年结转 and
baselines). Every project belongs to its owner (:func:`ui.auth.owner_of`: the login name, or the one local user);
every call names the owner, by default the one of the current request, and a project id of someone else is
answered exactly like an unknown one — an id alone grants nothing.

Storage: ``projects`` (one row per project: owner, name, agency, year, status, times, revision, the document),
``revisions`` (the document after every edit, so an earlier version can be restored), ``blobs`` (long texts by
content hash: an accepted section that is also the draft and the report's section text is stored once, and an
unchanged text is not written again). Each save is one transaction; saves are checked against the revision they
started from, and :meth:`ProjectStore.update` retries on a concurrent edit, so no edit is lost between processes.
Old JSON project files (``DATA_DIR/projects/*.json``) are imported on first start and moved to
``projects/migrated/``; leftover ``.tmp`` files of an interrupted write are removed.

Layout: the model (:class:`Project`, :class:`ProjectSummary`, ids, errors) is in ``ui/project_model.py``, the two
databases and the packing of long texts in ``ui/project_db.py``; this module is the store, and re-exports the
model's names so callers import from one place.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path
from typing import Any, Callable, Optional

from report.model import Report, apply_previous
from ui.auth import current_owner
from ui.project_db import BLOB_MIN, Db, Postgres, Sqlite, blob_refs, pack, unpack
from ui.project_model import Project, ProjectConflict, ProjectError, ProjectSummary, now, valid_id

__all__ = ["BLOB_MIN", "KEEP_REVISIONS", "Project", "ProjectConflict", "ProjectError", "ProjectStore",
           "ProjectSummary", "valid_id"]

log = logging.getLogger("nianbao.projects")

KEEP_REVISIONS = 200  # per project


class ProjectStore:
    """Projects of every owner in one database; safe for threads and for several processes."""

    def __init__(self, root: Path, database_url: Optional[str] = None):
        self.root = Path(root)  # DATA_DIR/projects: legacy JSON files and their migrated copies
        self.db: Db = Postgres(database_url) if database_url else Sqlite(self.root.parent / "projects.sqlite3")
        self._clean_and_migrate()

    # ------------------------------------------------------------ start-up
    def _clean_and_migrate(self) -> None:
        if not self.root.is_dir():
            return
        for tmp in self.root.glob(".*.tmp"):  # an interrupted atomic write (kill -9) of the JSON store
            tmp.unlink(missing_ok=True)
        files = sorted(self.root.glob("*.json"))
        if not files:
            return
        done = self.root / "migrated"
        done.mkdir(exist_ok=True)
        for path in files:
            try:
                project = Project.from_json(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.error("project file %s could not be migrated (%s); left in place", path, exc)
                continue
            if not self._exists(project.id):
                project.revision = 0
                self._write(project, touch=False)
            path.replace(done / path.name)
        log.info("migrated %d JSON project files into %s", len(files), self.db.label)

    # ------------------------------------------------------------ reading
    def _exists(self, pid: str) -> bool:
        with self.db.tx() as run:
            return run("SELECT 1 FROM projects WHERE id = ?", (pid,)).fetchone() is not None

    def exists(self, pid: Any, owner: Optional[str] = None) -> bool:
        if not valid_id(pid):
            return False
        owner = owner or current_owner()
        with self.db.tx() as run:
            return run("SELECT 1 FROM projects WHERE id = ? AND owner = ?", (pid, owner)).fetchone() is not None

    @staticmethod
    def _check(pid: Any) -> str:
        if not valid_id(pid):
            raise ProjectError("项目编号格式不正确，请从项目列表中选择项目，或新建项目。")
        return str(pid)

    def _missing(self, pid: str) -> ProjectError:
        return ProjectError(f"找不到项目 {pid}：它可能已被删除，或不属于当前登录的用户。请从项目列表中选择，或新建项目。")

    @staticmethod
    def _blobs(run: Callable[..., Any], refs: set[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for h in refs:
            row = run("SELECT body FROM blobs WHERE hash = ?", (h,)).fetchone()
            if row is not None:
                out[h] = row[0]
        return out

    def load(self, pid: Any, owner: Optional[str] = None) -> Project:
        pid = self._check(pid)
        owner = owner or current_owner()
        with self.db.tx() as run:
            row = run("SELECT doc, revision FROM projects WHERE id = ? AND owner = ?", (pid, owner)).fetchone()
            if row is None:
                raise self._missing(pid)
            doc = json.loads(row[0])
            blobs = self._blobs(run, blob_refs(doc, set()))
        try:
            return Project.from_doc(unpack(doc, blobs), revision=int(row[1]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ProjectError(f"项目 {pid} 的数据已损坏，无法读取（{exc}）。请联系管理员从备份恢复。") from exc

    def summaries(self, owner: Optional[str] = None) -> list[ProjectSummary]:
        """The owner's projects, most recently changed first."""
        owner = owner or current_owner()
        with self.db.tx() as run:
            rows = run("SELECT id, name, agency, year, status, updated, revision FROM projects WHERE owner = ? "
                       "ORDER BY updated DESC", (owner,)).fetchall()
        return [ProjectSummary(id=r[0], name=r[1], agency=r[2], year=r[3], status=r[4], updated=r[5],
                               revision=r[6]) for r in rows]

    def revisions(self, pid: Any, owner: Optional[str] = None) -> list[tuple[int, str]]:
        """(revision, time) of the stored versions of a project, newest first."""
        pid = self.load(pid, owner).id  # ownership
        with self.db.tx() as run:
            rows = run("SELECT revision, at FROM revisions WHERE project_id = ? ORDER BY revision DESC",
                       (pid,)).fetchall()
        return [(int(r[0]), str(r[1])) for r in rows]

    def load_revision(self, pid: Any, revision: int, owner: Optional[str] = None) -> Project:
        current = self.load(pid, owner)
        with self.db.tx() as run:
            row = run("SELECT doc FROM revisions WHERE project_id = ? AND revision = ?",
                      (current.id, int(revision))).fetchone()
            if row is None:
                raise ProjectError(f"项目 {current.id} 没有第 {revision} 版。")
            doc = json.loads(row[0])
            blobs = self._blobs(run, blob_refs(doc, set()))
        old = Project.from_doc(unpack(doc, blobs), revision=current.revision)
        return old

    # ------------------------------------------------------------ writing
    def _write(self, project: Project, *, touch: bool = True) -> Project:
        if touch:
            project.updated = now()
        blobs: dict[str, str] = {}
        doc = json.dumps(pack(project.to_doc(), blobs), ensure_ascii=False, separators=(",", ":"))
        meta = (project.owner, project.name, project.report.agency, project.report.year, project.status(),
                project.created, project.updated)
        with self.db.tx() as run:
            for h, body in blobs.items():
                if run("SELECT 1 FROM blobs WHERE hash = ?", (h,)).fetchone() is None:
                    run("INSERT INTO blobs (hash, body) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING", (h, body))
            if project.revision == 0:
                if run("SELECT 1 FROM projects WHERE id = ?", (project.id,)).fetchone() is not None:
                    raise ProjectConflict(f"项目编号 {project.id} 已被使用。")
                run("INSERT INTO projects (owner, name, agency, year, status, created, updated, revision, doc, id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", (*meta, doc, project.id))
                new_rev = 1
            else:
                cur = run("UPDATE projects SET owner = ?, name = ?, agency = ?, year = ?, status = ?, created = ?, "
                          "updated = ?, revision = revision + 1, doc = ? WHERE id = ? AND owner = ? AND revision = ?",
                          (*meta, doc, project.id, project.owner, project.revision))
                if cur.rowcount != 1:
                    raise ProjectConflict(f"项目 {project.id} 刚刚在另一个窗口中被修改过，请刷新后再改。")
                new_rev = project.revision + 1
            run("INSERT INTO revisions (project_id, revision, at, doc) VALUES (?, ?, ?, ?)",
                (project.id, new_rev, project.updated, doc))
            run("DELETE FROM revisions WHERE project_id = ? AND revision <= ?", (project.id, new_rev - KEEP_REVISIONS))
        project.revision = new_rev
        return project

    def create(self, report: Report | None = None, *, owner: Optional[str] = None, name: str = "",
               previous: Optional[Report] = None) -> Project:
        project = Project(id=secrets.token_urlsafe(12), owner=owner or current_owner(), name=name,
                          report=report or Report.blank(), previous=previous)
        return self._write(project)

    def save(self, project: Project) -> Project:
        """Store the project (its owner's); :class:`ProjectConflict` if it changed since it was loaded."""
        self._check(project.id)
        return self._write(project)

    def update(self, pid: Any, change: Callable[[Project], None], owner: Optional[str] = None) -> Project:
        """Load, apply ``change(project)`` and save, in one go: on a concurrent edit (another window or process) the
        change is applied again to the newer version (at most 20 times), so no edit is lost."""
        owner = owner or current_owner()
        for _attempt in range(20):
            project = self.load(pid, owner)
            change(project)
            try:
                return self._write(project)
            except ProjectConflict:
                continue
        raise ProjectConflict(f"项目 {pid} 正在被频繁修改，本次修改未保存，请稍后重试。")

    def open(self, pid: Any, owner: Optional[str] = None) -> Project:
        """The owner's project ``pid``; never creates one (a junk or foreign id is a Chinese error)."""
        return self.load(pid, owner)

    def open_or_create(self, pid: Any, owner: Optional[str] = None) -> Project:
        """For the page load: the browser's project if it is still the user's, otherwise a fresh one."""
        owner = owner or current_owner()
        if self.exists(pid, owner):
            return self.load(pid, owner)
        return self.create(owner=owner)

    def rename(self, pid: Any, name: str, owner: Optional[str] = None) -> Project:
        name = (name or "").strip()
        if len(name) > 100:
            raise ProjectError("项目名称不能超过 100 个字。")

        def change(p: Project) -> None:
            p.name = name

        return self.update(pid, change, owner)

    def copy_for_next_year(self, pid: Any, owner: Optional[str] = None) -> Project:
        """A new project for the year after ``pid``'s: last year's report is ``pid``'s report (上年结转 pre-filled)."""
        source = self.load(pid, owner)
        last = Report.from_interchange(source.report.to_interchange())
        report = apply_previous(Report.blank(last.template), last)
        report.agency = last.agency
        name = f"{last.agency or '未命名机关'} {report.year or ''} 年报".strip()
        return self.create(report, owner=source.owner, name=name, previous=last)

    def delete(self, pid: Any, owner: Optional[str] = None) -> None:
        project = self.load(pid, owner)  # ownership
        with self.db.tx() as run:
            run("DELETE FROM revisions WHERE project_id = ?", (project.id,))
            run("DELETE FROM projects WHERE id = ? AND owner = ?", (project.id, project.owner))

    def restore(self, pid: Any, revision: int, owner: Optional[str] = None) -> Project:
        """Make revision ``revision`` the current version (a new revision; nothing is overwritten)."""
        old = self.load_revision(pid, revision, owner)
        for key, text in old.accepted.items():
            old.record(key, "restored", text)
        return self._write(old)
