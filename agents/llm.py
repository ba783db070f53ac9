"""The one place that builds the chat model, and the one place that explains its failures to staff.

Any OpenAI-compatible endpoint works (DeepSeek, Qwen, vLLM, Ollama…): ``OPENAI_BASE_URL`` + ``OPENAI_MODEL``.
No endpoint configured -> ``None``: the callers switch to offline mode (templates and retrieval only).
We never count tokens with tiktoken (it downloads its vocabulary); prompt sizes are bounded by characters.

**Deadlines, not timeouts.** A socket timeout restarts on every byte, so a server that drips one byte every few
seconds never times out. Every model call here has one overall deadline (connect, first token and the whole
answer): :func:`call_within` / :func:`iter_within` give the caller its answer or an :class:`LLMFailure`
(``kind="timeout"``) at the deadline exactly, and the HTTP transport built by :func:`build_chat_model`
(:class:`DeadlineTransport`) cuts the request itself at the same deadline (every socket read waits at most the time
left), so an abandoned call stops using the connection too. Defaults: ``LLM_CHAT_DEADLINE`` 30 s for a chat turn,
``LLM_SECTION_DEADLINE`` 60 s for drafting one section (``settings.py``).
"""

from __future__ import annotations

import contextvars
import logging
import queue
import threading
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, TypeVar

import httpcore
import httpx

from report.model.errors import OWN_BUGS, InternalError, ModelUnavailable
from settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel as ChatModel
else:
    ChatModel = Any

__all__ = ["ChatModel", "DeadlineTransport", "LLMFailure", "WAITING", "build_chat_model", "call_within",
           "chat_deadline", "classify_failure", "deadline", "empty_reply", "internal_error", "invoke_text",
           "iter_within", "message_text", "section_deadline"]

WAITING = "正在等待大模型…"
T = TypeVar("T")

log = logging.getLogger("nianbao.agents")


class LLMFailure(ModelUnavailable):
    """A model call that failed or returned nothing usable; ``message`` is a Chinese sentence for staff."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


# ---------------------------------------------------------------- deadlines
_DEADLINES = {"chat": 30.0, "section": 60.0}
_SCOPE: contextvars.ContextVar[Optional[float]] = contextvars.ContextVar("llm_deadline", default=None)
_THREAD = threading.local()  # the deadline of the HTTP request this thread is sending or reading


def configure_deadlines(settings: Settings) -> None:
    """Take the chat and section deadlines from the settings (called by :func:`build_chat_model`)."""
    _DEADLINES["chat"] = float(settings.llm_chat_deadline)
    _DEADLINES["section"] = float(settings.llm_section_deadline)
    BREAKER.configure(int(settings.llm_breaker_failures), float(settings.llm_breaker_seconds))


class _Breaker:
    """After ``failures`` model calls in a row time out or cannot connect, calls fail at once (offline answer, with
    a notice) for ``seconds``; then one call is let through to try again. A stalled model thus costs the first few
    users the deadline, not every user in the queue."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.failures, self.seconds = 3, 60.0
        self._count, self._open_until = 0, 0.0

    def configure(self, failures: int, seconds: float) -> None:
        with self._lock:
            self.failures, self.seconds = max(1, failures), max(0.0, seconds)
            self._count, self._open_until = 0, 0.0

    def check(self) -> None:
        with self._lock:
            left = self._open_until - time.monotonic()
        if left > 0:
            raise LLMFailure("unavailable", f"大模型服务最近连续多次没有响应，约 {left:.0f} 秒内不再等待它。{_ADVICE}")

    def record(self, ok: bool) -> None:
        with self._lock:
            if ok:
                self._count = 0
                return
            self._count += 1
            if self._count >= self.failures:
                self._open_until = time.monotonic() + self.seconds
                self._count = self.failures - 1  # after the pause one more failure re-opens it


BREAKER = _Breaker()


def _counts_against_model(exc: BaseException) -> bool:
    if isinstance(exc, OWN_BUGS) or isinstance(exc, InternalError):
        return False
    try:
        return classify_failure(exc).kind in ("timeout", "connection", "server")
    except InternalError:
        return False


def chat_deadline() -> float:
    return _DEADLINES["chat"]


def section_deadline() -> float:
    return _DEADLINES["section"]


@contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Every model request in this block (this context, and threads started by :func:`call_within`) ends by
    ``now + seconds`` — or by an enclosing deadline, if that is earlier. Yields the absolute deadline."""
    end = time.monotonic() + float(seconds)
    outer = _SCOPE.get()
    if outer is not None:
        end = min(end, outer)
    token = _SCOPE.set(end)
    try:
        yield end
    finally:
        _SCOPE.reset(token)


def _timeout_failure(seconds: float) -> LLMFailure:
    return LLMFailure("timeout", f"大模型服务在 {seconds:g} 秒内没有答完（已到设定的等待时限）。{_ADVICE}"
                                 "如经常超时，可调大 LLM_CHAT_DEADLINE / LLM_SECTION_DEADLINE。")


def _at_deadline(exc: BaseException, end: float, seconds: float) -> BaseException:
    """The transport cuts every read at the caller's deadline, so its timeout and the deadline's own timer fire at
    the same instant: a timeout raised by the call then (50 ms slack for the poll's rounding) is the deadline's."""
    if "Timeout" in type(exc).__name__ and time.monotonic() >= end - 0.05:
        return _timeout_failure(seconds)
    return exc


def _start(target: Callable[[], None]) -> None:
    ctx = contextvars.copy_context()
    threading.Thread(target=ctx.run, args=(target,), daemon=True, name="llm-call").start()


def call_within(fn: Callable[[], T], seconds: float) -> T:
    """``fn()`` run under a deadline of ``seconds``: its result, its exception, or an :class:`LLMFailure` timeout
    when the deadline passes first (the call itself is then cut by :class:`DeadlineTransport` at the same time)."""
    BREAKER.check()
    box: "queue.Queue[tuple[bool, Any]]" = queue.Queue(maxsize=1)
    with deadline(seconds) as end:
        def run() -> None:
            try:
                box.put((True, fn()))
            except BaseException as exc:  # handed to the caller below
                box.put((False, exc))

        _start(run)
        try:
            ok, value = box.get(timeout=max(0.0, end - time.monotonic()))
        except queue.Empty:
            BREAKER.record(False)
            raise _timeout_failure(seconds) from None
    BREAKER.record(ok or not _counts_against_model(value))
    if ok:
        return value
    raise _at_deadline(value, end, seconds)


def iter_within(make: Callable[[], Iterable[T]], seconds: float) -> Iterator[T]:
    """The items of ``make()`` as they come, all of them within ``seconds`` (first item and last alike); an
    :class:`LLMFailure` timeout when the deadline passes. The iterable runs in a worker thread; the queue between
    is bounded, so a slow consumer holds the producer back."""
    BREAKER.check()
    items: "queue.Queue[tuple[str, Any]]" = queue.Queue(maxsize=64)
    stop = threading.Event()
    end = time.monotonic() + float(seconds)
    outer = _SCOPE.get()
    if outer is not None:
        end = min(end, outer)

    def run() -> None:  # runs in a copy of this context; the deadline is set there, never in the caller's
        _SCOPE.set(end)
        try:
            for item in make():
                while not stop.is_set():
                    try:
                        items.put(("item", item), timeout=0.2)
                        break
                    except queue.Full:
                        continue
                if stop.is_set() or time.monotonic() > end:
                    return
            items.put(("done", None))
        except BaseException as exc:
            items.put(("error", exc))

    _start(run)
    try:
        while True:
            try:
                kind, value = items.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                BREAKER.record(False)
                raise _timeout_failure(seconds) from None
            if kind == "done":
                BREAKER.record(True)
                return
            if kind == "error":
                BREAKER.record(not _counts_against_model(value))
                raise _at_deadline(value, end, seconds)
            yield value
    finally:
        stop.set()


class _DeadlineStream(httpcore.NetworkStream):
    """A socket whose every read waits at most until the current request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        end = getattr(_THREAD, "deadline", None)
        if end is not None:
            left = end - time.monotonic()
            if left <= 0:
                raise httpcore.ReadTimeout("model deadline passed")
            timeout = left if timeout is None else min(timeout, left)
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: Optional[str] = None,
                  timeout: Optional[float] = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return _DeadlineStream(super().connect_tcp(*args, **kwargs))


class _DeadlineBody(httpx.SyncByteStream):
    def __init__(self, inner: Any, end: float, request: httpx.Request):
        self._inner, self._end, self._request = inner, end, request

    def __iter__(self) -> Iterator[bytes]:
        _THREAD.deadline = self._end
        for chunk in self._inner:
            if time.monotonic() > self._end:
                raise httpx.ReadTimeout("model deadline passed", request=self._request)
            yield chunk

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


class DeadlineTransport(httpx.BaseTransport):
    """HTTP transport for the model: each request ends by ``now + per_request`` or by the enclosing
    :func:`deadline`, whichever is earlier — connect, first byte and whole body together."""

    def __init__(self, per_request: float):
        self.per_request = float(per_request)
        self._inner = httpx.HTTPTransport()
        self._inner._pool = httpcore.ConnectionPool(network_backend=_DeadlineBackend())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        now = time.monotonic()
        end = now + self.per_request
        scope = _SCOPE.get()
        if scope is not None:
            end = min(end, scope)
        left = end - now
        if left <= 0:
            raise httpx.ConnectTimeout("model deadline passed", request=request)
        timeout = dict(request.extensions.get("timeout") or {})
        request.extensions["timeout"] = {k: left if timeout.get(k) is None else min(float(timeout[k]), left)
                                         for k in ("connect", "read", "write", "pool")}
        _THREAD.deadline = end
        response = self._inner.handle_request(request)
        response.stream = _DeadlineBody(response.stream, end, request)
        return response

    def close(self) -> None:
        self._inner.close()


def build_chat_model(settings: Settings, *, streaming: bool = False) -> Optional[ChatModel]:
    """``ChatOpenAI`` for the configured endpoint, or ``None`` when no endpoint is set (offline mode).

    Its HTTP client is a :class:`DeadlineTransport`: no single request outlives the larger of the two deadlines,
    and inside :func:`deadline` / :func:`call_within` / :func:`iter_within` none outlives the caller's deadline."""
    if not settings.openai_base_url:
        return None
    from langchain_openai import ChatOpenAI  # imported here: offline mode never pays for it

    configure_deadlines(settings)
    per_request = max(float(settings.llm_chat_deadline), float(settings.llm_section_deadline))
    client = httpx.Client(transport=DeadlineTransport(per_request), timeout=float(settings.llm_timeout))
    return ChatOpenAI(
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key,
        model=settings.openai_model,
        timeout=float(settings.llm_timeout),
        max_retries=int(settings.llm_max_retries),
        streaming=streaming,
        temperature=0.3,
        http_client=client,
    )


def internal_error(exc: BaseException) -> InternalError:
    """Our own bug: logged with its traceback, shown to staff as 「内部错误」 (never as a model failure)."""
    log.error("internal error during a model call", exc_info=exc)
    return InternalError(f"处理时出现内部错误（{type(exc).__name__}），已记录详细信息，这不是大模型服务的问题。"
                         "已保存的数据不受影响，请联系管理员。")


_ADVICE = "已自动改用离线模板生成初稿，内容未丢失；可稍后重试。"


def classify_failure(exc: BaseException) -> LLMFailure:
    """Map an exception from a model call to a kind and a Chinese message staff can act on.

    Our own bugs (:data:`report.model.errors.OWN_BUGS`: AttributeError, TypeError, KeyError…) are not model
    failures: they raise :class:`report.model.errors.InternalError` (logged with the traceback) instead.
    """
    if isinstance(exc, LLMFailure):
        return exc
    if isinstance(exc, InternalError):
        raise exc
    if isinstance(exc, OWN_BUGS):
        raise internal_error(exc) from exc
    import openai

    name = type(exc).__name__
    if isinstance(exc, openai.APITimeoutError) or "Timeout" in name:
        return LLMFailure("timeout", f"大模型服务响应超时（超过设定的等待时间）。{_ADVICE}如经常超时，可调大 LLM_TIMEOUT。")
    if isinstance(exc, openai.RateLimitError):
        return LLMFailure("rate_limit", f"大模型服务繁忙，请求次数超过限额（HTTP 429）。{_ADVICE}")
    if isinstance(exc, openai.AuthenticationError):
        return LLMFailure("auth", f"大模型服务拒绝了密钥（HTTP 401），请检查 OPENAI_API_KEY。{_ADVICE}")
    if isinstance(exc, openai.APIConnectionError):
        return LLMFailure("connection", f"无法连接大模型服务，请检查 OPENAI_BASE_URL 和网络。{_ADVICE}")
    if isinstance(exc, openai.InternalServerError) or (
        isinstance(exc, openai.APIStatusError) and getattr(exc, "status_code", 0) >= 500
    ):
        code = getattr(exc, "status_code", "5xx")
        return LLMFailure("server", f"大模型服务内部出错（HTTP {code}）。{_ADVICE}")
    if isinstance(exc, openai.APIStatusError):
        code = getattr(exc, "status_code", "?")
        return LLMFailure("status", f"大模型服务拒绝了请求（HTTP {code}），请检查 OPENAI_MODEL 等配置。{_ADVICE}")
    if isinstance(exc, (openai.APIResponseValidationError, ValueError)) or "JSON" in name or "Decode" in name:
        return LLMFailure("malformed", f"大模型服务返回的内容格式无法识别。{_ADVICE}")
    return LLMFailure("unknown", f"调用大模型时出错（{name}）。{_ADVICE}")


def empty_reply() -> LLMFailure:
    return LLMFailure("empty", f"大模型服务返回了空白内容。{_ADVICE}")


def message_text(msg: Any) -> str:
    """Plain text of a langchain message (content may be a string or a list of parts)."""
    content = getattr(msg, "content", msg)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return "" if content is None else str(content)


def invoke_text(model: ChatModel, messages: list[Any], *, seconds: Optional[float] = None) -> str:
    """One model call -> non-empty text, or :class:`LLMFailure` with a Chinese message; it ends within
    ``seconds`` (default: the time left of an enclosing :func:`deadline`, else the section deadline)."""
    if seconds is None:
        scope = _SCOPE.get()
        seconds = (scope - time.monotonic()) if scope is not None else section_deadline()
    if seconds <= 0:
        raise _timeout_failure(0)
    try:
        reply = call_within(lambda: model.invoke(messages), seconds)
    except LLMFailure:
        raise
    except Exception as exc:
        raise classify_failure(exc) from exc
    text = message_text(reply).strip()
    if not text:
        raise empty_reply()
    return text
