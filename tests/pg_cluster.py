"""A throwaway PostgreSQL cluster for tests: ``initdb`` in a temp dir, served on 127.0.0.1 at a free port, removed
after. PostgreSQL comes from ``scripts/install-system-deps.sh``; when it is missing the test skips on a developer's
machine and fails under CI (``CI=true``), so a missing install step cannot hide behind a green run."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    hits = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return hits[-1] if hits else None


def _missing(what: str) -> None:
    msg = f"{what}: run scripts/install-system-deps.sh (installs postgresql)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(msg)
    pytest.skip(msg)


@contextmanager
def pg_cluster() -> Iterator[str]:
    """-> a ``postgresql://`` URL of a fresh cluster (trust auth, loopback only)."""
    from ui.testing import free_port

    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        _missing("PostgreSQL (initdb, pg_ctl) is not installed")
        return
    root = Path(tempfile.mkdtemp(prefix="nianbao_pg_"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # postgres refuses to run as root
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            user = pwd.getpwnam("nobody")
        os.chown(root, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", user.pw_name, "--"]
    data, port = root / "data", free_port()

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)

    try:
        run([*as_user, initdb, "-D", str(data), "-U", "nianbao", "--auth=trust", "-E", "UTF8", "--no-sync",
             "--no-locale"])
        run([*as_user, pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "-o",
             f"-h 127.0.0.1 -p {port} -k {root} -F", "start"])
        yield f"postgresql://nianbao@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
