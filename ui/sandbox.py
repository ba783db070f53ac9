"""Parsers of uploaded files run in a child process with a memory ceiling and a wall-clock limit.

The size pre-checks (:mod:`report.parse.limits`) stop the known bombs before anything is unpacked, but a file within
every declared limit can still make a library run away: python-docx building a tree of a million paragraphs, pypdf
spending minutes on one page's content stream, openpyxl on an odd workbook. So every parse of an uploaded file
(上年年报, 审核 files and zip members, the Excel template, 知识库 uploads) goes through :func:`run_bounded`:

- the work runs in a child forked from a ``forkserver`` (started once, with the parsers imported, so a child starts
  in milliseconds and never inherits the server's threads or its memory);
- the child may grow by ``PARSE_MEMORY_MB`` of resident memory (a watchdog thread in the child stops it there) and
  by twice that of address space (``RLIMIT_AS``, the hard stop for one huge allocation): a runaway parse ends in
  the child, and the server's own memory does not grow;
- the parent waits at most ``PARSE_SECONDS`` for the answer, then kills the child;
- either way staff get :class:`report.parse.limits.ParseRunaway`, a Chinese sentence naming the file and the limit.

Only the result (a ``Report``, an audit entry, a knowledge document) crosses back, pickled. The errors a parser
raises on purpose (an :class:`~report.model.errors.AppError` with its Chinese message) are raised again in the
parent unchanged, so callers keep their ``except`` clauses.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from multiprocessing.connection import Connection
from typing import Any, Callable, Optional, TypeVar, cast

from report.model.errors import AppError
from report.parse.limits import ParseRunaway

log = logging.getLogger("nianbao.sandbox")

T = TypeVar("T")
MB = 1024 * 1024
# imported once by the fork server, so each child starts with the parsers loaded
PRELOAD = ["report.usecases", "report.parse", "report.export.xlsx", "knowledge.corpus", "docx", "openpyxl", "pypdf"]

_lock = threading.Lock()
_ctx: Optional[Any] = None


def _context() -> Any:
    global _ctx
    with _lock:
        if _ctx is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _ctx = ctx
        return _ctx


def _status_bytes(key: str) -> int:
    """A size from /proc/self/status (``VmSize``, ``VmRSS``) in bytes."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...], headroom: int, cpu_seconds: int) -> None:
    """Run ``fn(*args)`` and send ``(kind, value)`` once: ``ok``, ``error`` (an AppError), ``memory``, ``crash``.

    Memory is bounded twice: a watchdog thread stops the child as soon as its resident memory has grown by
    ``headroom`` (parsers catch ``MemoryError`` into their own "damaged file" errors, so an allocation failure alone
    would not say what happened), and ``RLIMIT_AS`` at twice that is the hard stop for one huge allocation."""
    import resource
    import time

    send_lock = threading.Lock()

    def send(outcome: tuple[str, Any]) -> None:
        with send_lock:
            conn.send(outcome)
            conn.close()

    if headroom > 0:
        ceiling = _status_bytes("VmSize") + 2 * headroom
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
        limit = _status_bytes("VmRSS") + headroom

        def watch() -> None:
            while True:
                if _status_bytes("VmRSS") > limit:
                    send_lock.acquire()  # never released: the child ends here
                    try:
                        conn.send(("memory", None))
                    finally:
                        os._exit(1)
                time.sleep(0.02)

        threading.Thread(target=watch, daemon=True).start()
    if cpu_seconds > 0:  # a backstop should the parent be gone: the kernel stops a child that spins on
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    try:
        outcome: tuple[str, Any] = ("ok", fn(*args))
    except MemoryError:
        outcome = ("memory", None)
    except AppError as exc:
        outcome = ("error", exc)
    except BaseException as exc:  # reported to the parent, which logs it and refuses the file
        outcome = ("crash", f"{type(exc).__name__}: {exc}"[:500])
    try:
        send(outcome)
    except MemoryError:
        send(("memory", None))
    except Exception as exc:  # a result that cannot be pickled is our bug, said so
        send(("crash", f"{type(exc).__name__}: {exc}"[:500]))


def run_bounded(fn: Callable[..., T], *args: Any, name: str, memory_mb: float, seconds: float) -> T:
    """``fn(*args)`` in a child process: at most ``memory_mb`` MB more address space and ``seconds`` s of wall
    clock, else :class:`ParseRunaway` (Chinese, naming ``name``). ``fn`` and its arguments and result must pickle
    (a module-level function). ``memory_mb <= 0`` and ``seconds <= 0`` switch the respective limit off."""
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    cpu = int(seconds) + 5 if seconds > 0 else 0
    proc = ctx.Process(target=_child, args=(sender, fn, args, int(memory_mb * MB), cpu), daemon=True)
    proc.start()
    sender.close()
    outcome: tuple[str, Any]
    try:
        if receiver.poll(seconds if seconds > 0 else None):
            try:
                outcome = receiver.recv()
            except (EOFError, OSError):  # the child died without a word (killed by the kernel, a crash in C)
                proc.join(5)
                outcome = ("died", proc.exitcode)
        else:
            outcome = ("timeout", None)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()
    kind = outcome[0]
    value: Any = outcome[1]
    if kind == "ok":
        return cast(T, value)
    if kind == "error" and isinstance(value, AppError):
        raise value
    if kind == "memory":
        log.warning("parsing %s hit the memory ceiling of %s MB", name, memory_mb)
        raise ParseRunaway.memory(name, memory_mb)
    if kind == "timeout":
        log.warning("parsing %s took over %s s; child %s killed", name, seconds, proc.pid)
        raise ParseRunaway.time(name, seconds)
    log.error("parsing %s in child %s failed: %s %s", name, proc.pid, kind, value)
    raise ParseRunaway.crashed(name, memory_mb)


def warm_up() -> None:
    """Start the fork server now (the app calls this at start-up, so the first upload does not wait for it)."""
    run_bounded(os.getpid, name="warm-up", memory_mb=0, seconds=60)


def bounded(settings: Any, fn: Callable[..., T], *args: Any, name: str) -> T:
    """:func:`run_bounded` with the limits of the settings (``PARSE_MEMORY_MB``, ``PARSE_SECONDS``)."""
    return run_bounded(fn, *args, name=name, memory_mb=float(settings.parse_memory_mb),
                       seconds=float(settings.parse_seconds))
