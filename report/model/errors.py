"""One error hierarchy; every error carries one Chinese sentence for staff (``message_zh``, also ``str(exc)``).

- :class:`AppError` — the root; the UI shows ``message_zh`` as it is.
  - :class:`InputError` (also a ``ValueError``) — something staff can fix: a wrong value, a bad file.
    - :class:`UnreadableInput` — a file that cannot be read as a report (parser, audit, import).
  - :class:`CheckUnavailable` — checking could not run; export and drafting stop instead of going on unchecked.
  - :class:`ModelUnavailable` — the language model or its transport failed (timeout, 5xx, 429, empty or malformed
    reply); drafting and chat fall back to offline mode.
  - :class:`InternalError` — a bug in our own code (AttributeError, TypeError, KeyError…); logged with its
    traceback and shown as 「内部错误」, never as a model failure.

Validators never raise: they return findings. Exceptions are for input that cannot be read and for seams that fail.
"""

from __future__ import annotations


class AppError(Exception):
    """An error with a staff-facing Chinese message."""

    def __init__(self, message_zh: str):
        super().__init__(message_zh)
        self.message_zh = message_zh


class InputError(AppError, ValueError):
    """Input staff can fix (a value, an upload, a file)."""


class UnreadableInput(InputError):
    """A file that cannot be read as an annual report."""


class CheckUnavailable(AppError):
    """The checks (validators, number binding) could not run, so nothing may be exported or drafted unchecked."""


class ModelUnavailable(AppError):
    """The language model failed or replied with nothing usable; callers fall back to offline mode."""


class InternalError(AppError):
    """A bug in our own code; the cause is logged with its traceback."""

    def __init__(self, message_zh: str = "处理时出现内部错误，已记录详细信息。已保存的数据不受影响，请重试或联系管理员。"):
        super().__init__(message_zh)


# Exceptions that mean our code is wrong, never that a model replied badly.
OWN_BUGS: tuple[type[BaseException], ...] = (AttributeError, TypeError, KeyError, IndexError, NameError,
                                             AssertionError, NotImplementedError, RecursionError)
