"""The databases behind :class:`ui.projects.ProjectStore`: SQLite (default, under ``DATA_DIR``) and PostgreSQL
(``DATABASE_URL``), both used through one interface (``with db.tx() as run: run(sql, params)``), and the packing of
long texts, stored once by content hash in the ``blobs`` table."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

BLOB_MIN = 1024  # strings at least this long are stored once, by hash


def pack(value: Any, blobs: dict[str, str]) -> Any:
    if isinstance(value, str) and len(value) >= BLOB_MIN:
        h = hashlib.sha256(value.encode("utf-8")).hexdigest()
        blobs[h] = value
        return {"$blob": h}
    if isinstance(value, dict):
        return {k: pack(v, blobs) for k, v in value.items()}
    if isinstance(value, list):
        return [pack(v, blobs) for v in value]
    return value


def unpack(value: Any, blobs: dict[str, str]) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and "$blob" in value:
            return blobs[value["$blob"]]
        return {k: unpack(v, blobs) for k, v in value.items()}
    if isinstance(value, list):
        return [unpack(v, blobs) for v in value]
    return value


def blob_refs(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        if len(value) == 1 and "$blob" in value:
            out.add(value["$blob"])
        else:
            for v in value.values():
                blob_refs(v, out)
    elif isinstance(value, list):
        for v in value:
            blob_refs(v, out)
    return out


# ---------------------------------------------------------------- databases
_TABLES = (
    "CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL, "
    "agency TEXT, year INTEGER, status TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, "
    "revision INTEGER NOT NULL, doc TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS projects_owner ON projects (owner, updated)",
    "CREATE TABLE IF NOT EXISTS revisions (project_id TEXT NOT NULL, revision INTEGER NOT NULL, at TEXT NOT NULL, "
    "doc TEXT NOT NULL, PRIMARY KEY (project_id, revision))",
    "CREATE TABLE IF NOT EXISTS blobs (hash TEXT PRIMARY KEY, body TEXT NOT NULL)",
)


class Db:
    """One connection per operation, one transaction per ``with db.tx() as run``; ``run(sql, params)`` takes ``?``
    placeholders and returns the cursor."""

    label = "db"

    @contextmanager
    def tx(self) -> Iterator[Callable[..., Any]]:  # pragma: no cover - interface
        raise NotImplementedError
        yield


class Sqlite(Db):
    label = "SQLite"

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.tx() as run:
            for sql in _TABLES:
                run(sql)
        con = sqlite3.connect(self.path, timeout=30)
        try:
            con.execute("PRAGMA journal_mode=WAL")
        finally:
            con.close()

    @contextmanager
    def tx(self) -> Iterator[Callable[..., Any]]:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            con.execute("PRAGMA synchronous=FULL")
            con.execute("BEGIN IMMEDIATE")
            try:
                yield lambda sql, params=(): con.execute(sql, params)
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()


class Postgres(Db):
    label = "PostgreSQL"

    def __init__(self, url: str):
        import psycopg

        self._psycopg = psycopg
        self.url = url
        with self.tx() as run:
            run("SELECT pg_advisory_xact_lock(715001)")  # two processes starting at once create the tables once
            for sql in _TABLES:
                run(sql)

    @contextmanager
    def tx(self) -> Iterator[Callable[..., Any]]:
        con = self._psycopg.connect(self.url, connect_timeout=10)
        try:
            with con.transaction():
                cur = con.cursor()

                def run(sql: str, params: tuple[Any, ...] = ()) -> Any:
                    cur.execute(sql.replace("?", "%s"), params)
                    return cur

                yield run
        finally:
            con.close()
