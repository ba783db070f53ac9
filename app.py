"""年报助手 — composition root: settings -> services -> UI -> launch. No I/O at import time.

Run: ``python app.py`` (host/port from GRADIO_SERVER_NAME / GRADIO_SERVER_PORT, data under DATA_DIR,
optional GRADIO_AUTH="user:pass[,user2:pass2]", uploads limited to MAX_UPLOAD_MB).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from settings import Settings, get_settings

if TYPE_CHECKING:
    import gradio as gr

    from ui.services import Services


def build_services(settings: Settings) -> "Services":
    """The typed services: settings, project store, knowledge base (opened on first use), model or None."""
    from ui.services import Services

    return Services(settings)


def build_app(settings: Optional[Settings] = None, services: Optional["Services"] = None) -> "gr.Blocks":
    """The Gradio Blocks for these settings (tests pass their own settings/services)."""
    from ui.layout import build_ui

    settings = settings or get_settings()
    return build_ui(services or build_services(settings))


def launch(demo: "gr.Blocks", settings: Settings, *, prevent_thread_lock: bool = False,
           port: Optional[int] = None) -> Any:
    """Queue and launch with the settings' host, port, auth and upload limit."""
    import logging
    from pathlib import Path

    from ui.auth import SlowLogin, safe_bind
    from ui.layout import page_assets
    from ui.uploads import guard_script, transport_limit_mb

    data_dir = Path(settings.data_dir).resolve()
    (data_dir / "exports").mkdir(parents=True, exist_ok=True)
    pairs = settings.auth_pairs()
    server_name, notice = safe_bind(settings.server_name, bool(pairs))
    if notice:
        logging.getLogger("nianbao.app").warning(notice)
        print(notice, flush=True)
    from ui.sandbox import warm_up

    warm_up()  # the fork server that parses uploads in bounded child processes (PARSE_MEMORY_MB, PARSE_SECONDS)
    # gradio's upload cache: files older than an hour are removed every 10 minutes (refused uploads at once)
    demo.delete_cache = (600, 3600)
    from starlette.middleware import Middleware

    from ui.downloads import DownloadGuard, OwnerFiles, protect

    # every file served back (exports, audit summaries, templates, uploads) is readable by its owner only
    guard = DownloadGuard(data_dir / "exports", data_dir)
    protect(demo, guard)
    demo.download_guard = guard  # type: ignore[attr-defined]
    page = page_assets()  # the page's CSS, its scripts (sheet editor, gradio's strings in Chinese), no footer
    return demo.queue(default_concurrency_limit=8).launch(
        server_name=server_name,
        server_port=port or settings.server_port,
        auth=SlowLogin(pairs) if pairs else None,
        auth_message="请输入年报助手的用户名和密码。",
        # gradio's own limit (English message) sits well above MAX_UPLOAD_MB; the upload boxes and the head script
        # refuse files over MAX_UPLOAD_MB in Chinese (see ui/uploads.py)
        max_file_size=f"{transport_limit_mb(settings.max_upload_mb)}mb",
        head=guard_script(settings.max_upload_mb) + page["head"],
        css=page["css"],
        footer_links=page["footer_links"],
        allowed_paths=[str(data_dir / "exports")],
        app_kwargs={"middleware": [Middleware(OwnerFiles, guard=guard)]},
        prevent_thread_lock=prevent_thread_lock,
        show_error=True,
    )


def main() -> None:
    settings = get_settings()
    launch(build_app(settings), settings)


if __name__ == "__main__":
    main()
