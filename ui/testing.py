"""Start the real app for tests and benchmarks: loopback, a free port, a temporary DATA_DIR, offline by default,
and the knowledge base on a fast deterministic embedder (``knowledge.testing.FakeEmbedder``)."""

from __future__ import annotations

import os
import socket
import time
import urllib.request
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fake_kb_factory(settings: Any) -> Any:
    from knowledge import build_knowledge_base
    from knowledge.testing import FakeEmbedder

    return build_knowledge_base(settings, embedder=FakeEmbedder(), progress=None)


def wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.time() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout} s")
        time.sleep(0.2)


def start_app(data_dir: Path, *, env: dict[str, str] | None = None, fake_kb: bool = True) -> tuple[Any, Any, str]:
    """Launch in this process (prevent_thread_lock) -> (demo, services, url). Close with ``demo.close()``."""
    from app import build_app, launch
    from settings import Settings
    from ui.services import Services

    values = {"DATA_DIR": str(data_dir), "GRADIO_SERVER_NAME": "127.0.0.1", "OPENAI_BASE_URL": "",
              "MAX_UPLOAD_MB": "5"}
    values.update(env or {})
    settings = Settings.model_validate(values)
    svc = Services(settings, kb_factory=fake_kb_factory if fake_kb else None)
    demo = build_app(settings, svc)
    port = free_port()
    launch(demo, settings, prevent_thread_lock=True, port=port)
    url = f"http://127.0.0.1:{port}/"
    wait_http(url)
    return demo, svc, url
