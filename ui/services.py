"""Services the UI calls: settings, the project store, and the other helpers' modules, loaded lazily.

The UI holds no domain logic: every tab calls one function here or in ``ui/actions_*.py``, which call into
``report/``, ``agents/`` and ``knowledge/``. A module that has not been delivered yet raises :class:`NotReady`
with a Chinese message ("功能尚未就绪"), which the tab shows instead of a made-up result.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import Any, Callable, Optional

from ui.projects import ProjectStore


class UserError(ValueError):
    """Something staff can fix (bad upload, missing input); the message is a Chinese sentence."""


class NotReady(UserError):
    """A feature whose module is not available in this installation."""


FEATURE_NAMES = {
    "report.parse": "读取已发布的年报",
    "report.rules.validate": "表格校验",
    "report.usecases": "年报审核",
    "report.claims": "数字核对",
    "report.claims.facts": "其他数据（事实表）",
    "report.export.markdown": "Markdown 导出",
    "report.export.docx": "Word 导出",
    "report.export.xlsx": "Excel 模板",
    "agents.chat": "对话",
    "agents.drafting": "在线起草",
    "agents.offline": "离线起草",
    "knowledge": "知识库",
    "knowledge.store": "知识库",
}


def need(module: str, attr: str) -> Any:
    """``module.attr`` or :class:`NotReady` naming the feature in Chinese."""
    try:
        mod = importlib.import_module(module)
        return getattr(mod, attr)
    except (ImportError, AttributeError) as exc:
        feature = FEATURE_NAMES.get(module, module)
        raise NotReady(f"“{feature}”功能尚未就绪（缺少 {module}.{attr}），请等待系统更新后再试。") from exc


def has(module: str, attr: str) -> bool:
    try:
        need(module, attr)
        return True
    except NotReady:
        return False


class Services:
    """Everything the UI needs, built once per app from settings (no module-level state)."""

    def __init__(
        self,
        settings: Any,
        *,
        kb_factory: Optional[Callable[[Any], Any]] = None,
        model_factory: Optional[Callable[[Any], Any]] = None,
    ):
        self.settings = settings
        self.data_dir = Path(settings.data_dir).resolve()
        self.projects = ProjectStore(self.data_dir / "projects")
        self.exports_dir = self.data_dir / "exports"
        self._kb_factory = kb_factory
        self._model_factory = model_factory
        self._kb: Any = None
        self._model: Any = None
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
        return f"{mode}　｜　数据保存在 `{self.data_dir}`"

    # ------------------------------------------------------------ lazily built dependencies
    def kb(self) -> Any:
        with self._lock:
            if self._kb is None:
                factory = self._kb_factory or need("knowledge", "build_knowledge_base")
                try:
                    self._kb = factory(self.settings)
                except NotReady:
                    raise
                except Exception as exc:  # noqa: BLE001 - shown to staff, never swallowed
                    raise UserError(f"知识库无法打开：{exc}。请检查 DATA_DIR 或 CHROMA_HOST 设置。") from exc
            return self._kb

    def model(self) -> Any:
        with self._lock:
            if not self._model_built:
                if self._model_factory is not None:
                    self._model = self._model_factory(self.settings)
                elif not self.offline:
                    self._model = need("agents.llm", "build_chat_model")(self.settings)
                self._model_built = True
            return self._model

    def export_path(self, pid: str, name: str) -> Path:
        folder = self.exports_dir / pid
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def browser_secret(self) -> str:
        """A per-installation secret for gr.BrowserState, kept under DATA_DIR so ids survive a restart."""
        import secrets as _secrets

        path = self.data_dir / "ui_secret"
        try:
            return path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            value = _secrets.token_hex(16)
            path.write_text(value, encoding="utf-8")
            return value
