"""Glue shared by the tabs: turn staff-fixable errors into Chinese pop-ups, and not-yet-delivered features into
a clear "功能尚未就绪" message instead of a crash."""

from __future__ import annotations

import functools
import inspect
import logging

import gradio as gr

from ui.projects import ProjectError
from ui.services import UserError

log = logging.getLogger("nianbao.ui")


def guard(fn):
    """Run a handler; UserError/ProjectError -> gr.Error with its Chinese message; anything else is logged and
    reported as an internal error (the user's data is already saved before any handler raises)."""

    def _wrap_exc(exc: Exception) -> Exception:
        if isinstance(exc, gr.Error):
            return exc
        if isinstance(exc, (UserError, ProjectError)):
            return gr.Error(str(exc), title="无法完成操作", print_exception=False)
        log.exception("handler %s failed", fn.__name__)
        return gr.Error(f"处理时出现内部错误：{type(exc).__name__}: {exc}。已保存的数据不受影响，请重试或联系管理员。", title="内部错误")

    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def gen(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001
                raise _wrap_exc(exc) from exc

        return gen

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            raise _wrap_exc(exc) from exc

    return call


def not_ready_html(message: str) -> str:
    return f"<div class='nb-not-ready' style='background:#fff4ce;padding:6px'>⚠️ {message}</div>"
