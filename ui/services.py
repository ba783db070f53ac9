"""The services the UI calls, typed and built once in ``app.py``: settings, the project store, the knowledge base and
the chat model (``None`` in offline mode, as the settings choose).

Plain imports only: a module that cannot load is a start-up error, never a feature that quietly switches off.
The knowledge base is opened on first use (it indexes the bundled corpus); a failure to open it is a Chinese
:class:`UserError` naming the setting to check. The UI holds no domain logic: every tab calls one function in
``ui/actions_*.py``, which calls ``report.usecases``, ``agents`` or ``knowledge``.
"""

from __future__ import annotations

import secrets
import threading
from pathlib import Path
from typing import Callable, Optional

from agents.llm import ChatModel, build_chat_model
from knowledge import build_knowledge_base
from knowledge.store import KnowledgeBase
from report.model.errors import InputError
from settings import Settings
from ui.auth import current_owner
from ui.projects import ProjectStore


def clean_tmp(folder: Path, older_than: float = 3600.0) -> int:
    """Remove working folders/files left under ``DATA_DIR/tmp`` by a process that was killed (older than an hour,
    so another process's work in progress is left alone). -> how many were removed."""
    import shutil
    import time

    if not folder.is_dir():
        return 0
    n = 0
    for entry in folder.iterdir():
        try:
            if time.time() - entry.stat().st_mtime < older_than:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            n += 1
        except OSError:
            continue
    return n


class UserError(InputError):
    """Something staff can fix (bad upload, missing input); the message is a Chinese sentence."""


KnowledgeFactory = Callable[[Settings], KnowledgeBase]
ModelFactory = Callable[[Settings], Optional[ChatModel]]


def _default_kb(settings: Settings) -> KnowledgeBase:
    return build_knowledge_base(settings)


class Services:
    """Everything the UI needs, built from settings (no module-level state)."""

    def __init__(self, settings: Settings, *, kb_factory: Optional[KnowledgeFactory] = None,
                 model_factory: Optional[ModelFactory] = None):
        self.settings = settings
        self.data_dir = Path(settings.data_dir).resolve()
        self.projects = ProjectStore(self.data_dir / "projects", settings.database_url)
        clean_tmp(self.data_dir / "tmp")
        self.exports_dir = self.data_dir / "exports"
        self._kb_factory: KnowledgeFactory = kb_factory or _default_kb
        self._model_factory: ModelFactory = model_factory or build_chat_model
        self._kb: Optional[KnowledgeBase] = None
        self._model: Optional[ChatModel] = None
        self._model_built = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------ mode
    @property
    def offline(self) -> bool:
        return bool(self.settings.offline)

    def banner(self) -> str:
        if self.offline:
            mode = "**离线模式**（未配置 OPENAI_BASE_URL：起草用模板，对话只检索知识库）"
        else:
            mode = f"**在线模式**：大模型 `{self.settings.openai_model}`（{self.settings.openai_base_url}）"
        from ui.auth import safe_bind

        _address, notice = safe_bind(self.settings.server_name, bool(self.settings.auth))
        return f"{mode}　｜　数据保存在 `{self.data_dir}`" + (f"\n\n⚠️ {notice}" if notice else "")

    # ------------------------------------------------------------ dependencies, built on first use
    def kb(self) -> KnowledgeBase:
        with self._lock:
            if self._kb is None:
                try:
                    self._kb = self._kb_factory(self.settings)
                    self._kb.viewer = current_owner  # uploads are per user; the bundled corpus is read-only
                except (OSError, ValueError, RuntimeError) as exc:  # shown to staff, never swallowed
                    raise UserError(f"知识库无法打开：{exc}。请检查 DATA_DIR 或 CHROMA_HOST 设置。") from exc
            return self._kb

    def model(self) -> Optional[ChatModel]:
        """The chat model, or None in offline mode (no OPENAI_BASE_URL)."""
        with self._lock:
            if not self._model_built:
                self._model = self._model_factory(self.settings)
                self._model_built = True
            return self._model

    def export_path(self, pid: str, name: str) -> Path:
        """Where a file for the current user goes: ``exports/<owner key>/<pid or "audit">/name`` (readable by that
        owner only, ui/downloads.py)."""
        from ui.downloads import owner_key

        folder = self.exports_dir / owner_key(current_owner()) / pid
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def browser_secret(self) -> str:
        """A per-installation secret for gr.BrowserState, kept under DATA_DIR so ids survive a restart."""
        path = self.data_dir / "ui_secret"
        try:
            return path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            value = secrets.token_hex(16)
            path.write_text(value, encoding="utf-8")
            return value
