"""Who is asking: the owner of projects and uploaded documents.

With ``GRADIO_AUTH`` set, the owner is the logged-in user name. Without login the app serves 127.0.0.1 only, so
there is one local user, :data:`LOCAL_OWNER`. Everything a user creates is stored with its owner; a project or
document id alone grants nothing.
"""

from __future__ import annotations

from typing import Any, Optional

LOCAL_OWNER = "local"


def owner_of(request: Optional[Any]) -> str:
    """The owner for a gradio request (``gr.Request``; None in direct calls from tests and the CLI)."""
    name = getattr(request, "username", None) if request is not None else None
    return str(name) if name else LOCAL_OWNER


def current_owner() -> str:
    """The owner of the gradio request being handled in this thread (gradio keeps it in a context variable);
    :data:`LOCAL_OWNER` outside a request (tests, scripts) and without login."""
    from gradio.context import LocalContext

    return owner_of(LocalContext.request.get(None))


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def safe_bind(server_name: str, has_login: bool) -> tuple[str, str | None]:
    """The address to serve on: without login only 127.0.0.1, whatever was asked. -> (address, Chinese notice or
    None). The notice is logged and shown in the banner."""
    if has_login or server_name in LOOPBACK:
        return server_name, None
    return "127.0.0.1", (f"未设置 GRADIO_AUTH（登录），为保护数据，本机只在 127.0.0.1 上提供服务，"
                         f"没有按 GRADIO_SERVER_NAME={server_name} 对外开放。如需供他人访问，请先设置 GRADIO_AUTH。")


class SlowLogin:
    """gradio's ``auth`` callable: checks ``user:pass`` pairs in constant time and slows down after failed
    logins (per user name: 0.5 s, 1 s, 2 s … up to ``max_delay`` s), so passwords cannot be tried quickly."""

    def __init__(self, pairs: list[tuple[str, str]], *, base_delay: float = 0.5, max_delay: float = 8.0):
        import threading

        self._pairs = dict(pairs)
        self._fails: dict[str, int] = {}
        self._lock = threading.Lock()
        self.base_delay, self.max_delay = base_delay, max_delay

    def delay_for(self, username: str) -> float:
        with self._lock:
            n = self._fails.get(username, 0)
        return 0.0 if n == 0 else min(self.max_delay, self.base_delay * 2 ** (n - 1))

    def __call__(self, username: str, password: str) -> bool:
        import hmac
        import time

        expected = self._pairs.get(username, "")
        ok = hmac.compare_digest(expected.encode("utf-8"), (password or "").encode("utf-8")) and bool(expected)
        if ok:
            with self._lock:
                self._fails.pop(username, None)
            return True
        with self._lock:
            self._fails[username] = min(self._fails.get(username, 0) + 1, 64)
            if len(self._fails) > 10000:  # bounded memory under a flood of made-up names
                self._fails.clear()
        time.sleep(self.delay_for(username))
        return False
