"""Files the app serves back are readable by their owner only: exports, audit summaries, templates, uploads.

Gradio serves every file through ``/gradio_api/file=<path>``, to anyone logged in who knows the path: the copy it
makes of each returned file in its cache, the uploads in its upload folder, and whatever is under
``allowed_paths``. So:

- every file the app writes for a user is under ``DATA_DIR/exports/<owner key>/…`` (:func:`owner_key`, from
  ``Services.export_path``), so its owner is part of its path;
- :func:`protect` wraps each file component's move into gradio's cache: the cached copy of a file under
  ``exports/<key>/`` is recorded as that owner's (:class:`DownloadGuard`);
- :class:`OwnerFiles`, an ASGI middleware, records each upload as the uploader's and answers a file request for a
  recorded file of someone else, or any path under ``DATA_DIR``, with 404 (as for a file that does not exist),
  before gradio's route runs.

Identical bytes returned to two users are one cached file (gradio names it by content): it is readable by both,
who both hold it. Without login there is one local user.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional
from urllib.parse import unquote

from ui.auth import LOCAL_OWNER

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def owner_key(owner: str) -> str:
    """A folder name for an owner (login names may hold any character)."""
    return hashlib.sha256(f"nianbao-owner\0{owner}".encode("utf-8")).hexdigest()[:24]


def _real(path: str | Path) -> str:
    return os.path.realpath(str(path))


class DownloadGuard:
    """Which owners may read which served file (cache copies of exports, uploads)."""

    def __init__(self, exports_dir: Path, data_dir: Optional[Path] = None):
        self.exports_dir = Path(_real(exports_dir))
        self.data_dir = Path(_real(data_dir or self.exports_dir.parent))
        self._owners: dict[str, set[str]] = {}
        self._lock = threading.Lock()

    def owner_of_export(self, source: str | Path) -> Optional[str]:
        """The owner key of a file under ``exports/<key>/``, else None."""
        try:
            rel = Path(_real(source)).relative_to(self.exports_dir)
        except ValueError:
            return None
        return rel.parts[0] if len(rel.parts) > 1 else None

    def record(self, served: str | Path, key: str) -> None:
        with self._lock:
            self._owners.setdefault(_real(served), set()).add(key)
            if len(self._owners) > 200_000:  # bounded: gradio deletes cached files after an hour anyway
                self._owners.pop(next(iter(self._owners)))

    def owners(self, served: str | Path) -> Optional[set[str]]:
        with self._lock:
            found = self._owners.get(_real(served))
            return set(found) if found is not None else None

    def may_read(self, path: str, key: Optional[str]) -> bool:
        """Whether the requester with owner key ``key`` (None: not logged in) may fetch ``path``."""
        real = Path(_real(path))
        if _under(real, self.data_dir) and not _under(real, _gradio_cache()):  # served from gradio's copies only
            return False
        owners = self.owners(real)
        return owners is None or key in owners


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _gradio_cache() -> Path:
    from gradio.utils import get_upload_folder

    return Path(_real(get_upload_folder()))


def protect(demo: Any, guard: DownloadGuard) -> int:
    """Wrap the cache moves of every file component of ``demo`` so that the cached copy of an export is recorded as
    its owner's. -> how many components were wrapped."""
    import gradio as gr

    n = 0
    for block in list(getattr(demo, "blocks", {}).values()):
        if not isinstance(block, (gr.File, gr.DownloadButton)):
            continue
        _wrap(block, guard)
        n += 1
    return n


def _wrap(block: Any, guard: DownloadGuard) -> None:
    sync_move = block.move_resource_to_block_cache
    async_move = block.async_move_resource_to_block_cache

    def note(source: Any, served: Optional[str]) -> None:
        key = guard.owner_of_export(source) if isinstance(source, (str, Path)) and source else None
        if key and served:
            guard.record(served, key)

    def move(url_or_file_path: Any) -> Optional[str]:
        served = sync_move(url_or_file_path)
        note(url_or_file_path, served)
        return served

    async def amove(url_or_file_path: Any) -> Optional[str]:
        served = await async_move(url_or_file_path)
        note(url_or_file_path, served)
        return served

    block.move_resource_to_block_cache = move
    block.async_move_resource_to_block_cache = amove


def _requester(scope: Scope) -> Optional[str]:
    """The owner key of the request's user: the login behind gradio's cookie, the local user without login, None
    when login is on and the request has none."""
    app = scope.get("app")
    if app is None or (getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None):
        return owner_key(LOCAL_OWNER)
    cookies: dict[str, str] = {}
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                cookies[k] = v
    cid = getattr(app, "cookie_id", "")
    token = cookies.get(f"access-token-{cid}") or cookies.get(f"access-token-unsecure-{cid}")
    user = getattr(app, "tokens", {}).get(token) if token else None
    return owner_key(str(user)) if user else None


def _file_path(path: str) -> Optional[str]:
    for marker in ("/gradio_api/file=", "/file="):
        at = path.find(marker)
        if at >= 0:
            return unquote(path[at + len(marker):])
    return None


class OwnerFiles:
    """ASGI middleware: owner checks on ``/gradio_api/file=…`` and owner records on ``/gradio_api/upload``."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], guard: DownloadGuard):
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path") or "")
        method = scope.get("method")
        wanted = _file_path(path) if method in ("GET", "HEAD") else None
        if wanted is not None and not wanted.startswith(("http://", "https://")):
            if not self.guard.may_read(wanted, _requester(scope)):
                await _not_found(send)
                return
        if method == "POST" and path.rstrip("/").endswith("/upload"):
            await self.app(scope, receive, self._recording(send, _requester(scope)))
            return
        await self.app(scope, receive, send)

    def _recording(self, send: Send, key: Optional[str]) -> Send:
        status = [0]
        body: list[bytes] = []

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message.get("status", 0))
            elif message["type"] == "http.response.body" and status[0] == 200 and key:
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    try:
                        paths = json.loads(b"".join(body))
                    except ValueError:
                        paths = []
                    for p in paths if isinstance(paths, list) else []:
                        if isinstance(p, str):
                            self.guard.record(p, key)
            await send(message)

        return wrapped


async def _not_found(send: Send) -> None:
    text = "文件不存在，或不属于当前登录的用户。".encode("utf-8")
    await send({"type": "http.response.start", "status": 404,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(text)).encode())]})
    await send({"type": "http.response.body", "body": text})
