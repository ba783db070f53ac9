"""Glue shared by the tabs: staff-facing errors (:class:`report.model.errors.AppError`) become Chinese pop-ups;
anything else is a bug in our code: logged with its traceback and shown as 「内部错误」."""

from __future__ import annotations

import functools
import inspect
import logging

import gradio as gr

from report.model.errors import AppError, InternalError

log = logging.getLogger("nianbao.ui")


def guard(fn):
    """Run a handler; an AppError (UserError, ProjectError, a model failure…) -> gr.Error with its Chinese message;
    an InternalError or anything else is logged with its traceback and reported as an internal error (the user's
    data is already saved before any handler raises)."""

    def _wrap_exc(exc: Exception) -> Exception:
        if isinstance(exc, gr.Error):
            return exc
        if isinstance(exc, AppError) and not isinstance(exc, InternalError):
            return gr.Error(exc.message_zh, title="无法完成操作", print_exception=False)
        log.error("handler %s failed", fn.__name__, exc_info=exc)
        if isinstance(exc, InternalError):
            return gr.Error(exc.message_zh, title="内部错误")
        return gr.Error(f"处理时出现内部错误：{type(exc).__name__}: {exc}。已保存的数据不受影响，请重试或联系管理员。", title="内部错误")

    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def gen(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:
                raise _wrap_exc(exc) from exc

        return gen

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise _wrap_exc(exc) from exc

    return call
