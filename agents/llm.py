"""The one place that builds the chat model, and the one place that explains its failures to staff.

Any OpenAI-compatible endpoint works (DeepSeek, Qwen, vLLM, Ollama…): ``OPENAI_BASE_URL`` + ``OPENAI_MODEL``.
No endpoint configured -> ``None``: the callers switch to offline mode (templates and retrieval only).
We never count tokens with tiktoken (it downloads its vocabulary); prompt sizes are bounded by characters.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from report.model.errors import OWN_BUGS, InternalError, ModelUnavailable
from settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel as ChatModel
else:
    ChatModel = Any

__all__ = ["ChatModel", "LLMFailure", "build_chat_model", "classify_failure", "empty_reply", "internal_error",
           "invoke_text", "message_text"]

log = logging.getLogger("nianbao.agents")


class LLMFailure(ModelUnavailable):
    """A model call that failed or returned nothing usable; ``message`` is a Chinese sentence for staff."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def build_chat_model(settings: Settings, *, streaming: bool = False) -> Optional[ChatModel]:
    """``ChatOpenAI`` for the configured endpoint, or ``None`` when no endpoint is set (offline mode)."""
    if not settings.openai_base_url:
        return None
    from langchain_openai import ChatOpenAI  # imported here: offline mode never pays for it

    return ChatOpenAI(
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key,
        model=settings.openai_model,
        timeout=float(settings.llm_timeout),
        max_retries=int(settings.llm_max_retries),
        streaming=streaming,
        temperature=0.3,
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


def invoke_text(model: ChatModel, messages: list[Any]) -> str:
    """One model call -> non-empty text, or :class:`LLMFailure` with a Chinese message."""
    try:
        reply = model.invoke(messages)
    except Exception as exc:
        raise classify_failure(exc) from exc
    text = message_text(reply).strip()
    if not text:
        raise empty_reply()
    return text
