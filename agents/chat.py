"""Chat: ``respond(message, history, session)`` yields progressively longer replies (Gradio-style streaming).

With a model: a langchain ``create_agent`` whose tools wrap our code (:mod:`agents.tools`). Offline, or when the
model fails: intent routing to the same tools. Either way the "来源" list is appended by code from the hits the
tools really returned in this turn — never written by the model.

``session`` is a :class:`agents.types.ChatSession` (model, kb, report, previous, facts; all optional).
A failure of the model or its transport falls back offline; a bug in our code is an internal error, not a fallback.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from prompts import load_prompt
from report.model import fmt_number
from report.model.errors import AppError

from . import figures
from .answer import compose
from .checking import bind
from .llm import ChatModel, LLMFailure, chat_deadline, classify_failure, iter_within, message_text
from .tools import Toolbox, section_of
from .types import ChatSession

OFFLINE_BANNER = "（离线模式：未配置大模型，以下为检索结果）"
MAX_HISTORY = 10
_DRAFT = re.compile(r"帮我写|帮我起草|起草|草拟|写一段|写一下|生成.*(部分|初稿)")
_CHECK = re.compile(r"数字对|数字是否|核对|核查|校对|对不对|对吗|检查.*数字")


def flatten(content: Any) -> str:
    """Gradio 6 message content (string, list of parts or dict) -> plain text."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, (list, tuple)):
        return "".join(p.get("text", "") if isinstance(p, dict) else (p if isinstance(p, str) else "")
                       for p in content)
    return str(content)


def history_messages(history: Iterable[Any]) -> list[tuple[str, str]]:
    """(role, text) pairs from Gradio history: dicts with role/content or old (user, bot) pairs."""
    out: list[tuple[str, str]] = []
    for item in history or []:
        if isinstance(item, dict):
            role = item.get("role")
            text = flatten(item.get("content"))
            if role in ("user", "assistant") and text.strip():
                out.append((role, text))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            if item[0]:
                out.append(("user", flatten(item[0])))
            if item[1]:
                out.append(("assistant", flatten(item[1])))
    return out[-MAX_HISTORY:]


def with_sources(text: str, box: Toolbox) -> str:
    cites = box.citations()
    if not cites:
        return text
    return text.rstrip() + "\n\n来源：\n" + "\n".join(f"{i}. {c}" for i, c in enumerate(cites, 1))


# ---------------------------------------------------------------- offline routing
def _quoted_text(message: str) -> str:
    m = re.search(r"[“\"「](.+?)[”\"」]", message, re.S)
    if m:
        return m.group(1)
    for sep in ("：", ":", "\n"):
        if sep in message:
            return message.split(sep, 1)[1]
    return message


def offline_answer(message: str, box: Toolbox) -> str:
    """The best answer the tools can give without a model."""
    msg = message.strip()
    if not msg:
        return "请输入问题，例如：“依申请公开的答复期限是多少？”或“帮我写第六部分”。"
    if _DRAFT.search(msg):
        return box.draft_section(section_of(msg))
    if _CHECK.search(msg) and re.search(r"\d|[一二三四五六七八九十百千万]+[件条次个]", _quoted_text(msg)):
        return box.check_numbers(_quoted_text(msg))
    figure = figures.answer(msg, box.report, box.previous)
    if figure is not None:
        box.figure_cells.extend(figure.cells)
        return figure.text
    if box.session.kb is None:
        return ("未加载资料库，也未配置大模型，暂时无法回答这个问题。可以载入报告后询问报表数字，"
                "或输入“帮我写第一部分”生成离线初稿。")
    return compose(msg, box.search_knowledge(msg))


def _offline_stream(message: str, box: Toolbox, banner: str) -> Iterator[str]:
    yield banner
    try:
        answer = offline_answer(message, box)
    except AppError as exc:  # something staff can act on; a bug in our code propagates (shown as 内部错误)
        answer = exc.message_zh
    yield with_sources(f"{banner}\n{answer}", box)


# ---------------------------------------------------------------- agent
def _context(session: ChatSession) -> str:
    lines = []
    report = session.report
    if report is not None:
        lines.append(f"本年度报告：{report.agency or '未注明机关'} {report.year or ''}年")
    previous = session.previous
    if previous is not None:
        lines.append(f"上年度报告：{previous.agency or '未注明机关'} {previous.year or ''}年")
    if session.facts:
        lines.append(f"工作人员提供的事实 {len(session.facts)} 条")
    lines.append("资料库：" + ("已载入" if session.kb is not None else "未载入"))
    return "\n".join(lines)


def _agent_stream(message: str, history: list[tuple[str, str]], box: Toolbox, model: ChatModel) -> Iterator[str]:
    from langchain.agents import create_agent
    from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage

    agent = create_agent(model, box.as_tools(),
                         system_prompt=load_prompt("system_chat").render(context=_context(box.session)).strip())
    msgs = [HumanMessage(t) if r == "user" else AIMessage(t) for r, t in history] + [HumanMessage(message)]
    answer, final = "", ""
    inputs: Any = {"messages": msgs}  # langgraph's typed input is the agent's state dict
    for item in agent.stream(inputs, stream_mode="messages"):
        chunk = item[0] if isinstance(item, tuple) else item
        if isinstance(chunk, ToolMessage):
            answer = ""  # text before a tool call is thinking aloud; the answer comes after the results
            continue
        if isinstance(chunk, (AIMessageChunk, AIMessage)):
            piece = message_text(chunk)
            if piece:
                answer += piece
                final = answer
                yield answer
    if not final.strip():
        raise LLMFailure("empty", "大模型服务返回了空白内容。")
    yield with_sources(final + number_flags(final, box), box)


def number_flags(answer: str, box: Toolbox) -> str:
    """Figures of a model's answer checked against the project's tables, like a draft: a number that contradicts
    a cell is flagged; when the answer is about the tables (a figure tool was used) an untraceable one is too."""
    report = box.report
    if report is None:
        return ""
    claims = bind(answer, report, box.facts, box.previous)
    about_tables = bool(box.figure_cells)
    lines = []
    for c in claims:
        if c.status == "contradicts":
            expected = f"，报表中为 {fmt_number(c.expected)}" if c.expected is not None else ""
            lines.append(f"【请核对】“{c.text}”中的 {fmt_number(c.value)} 与报表不符{expected}（{c.cell or c.fact}）")
        elif c.status == "unverifiable" and about_tables:
            lines.append(f"【请核对】“{c.text}”中的 {fmt_number(c.value)} 在报表和事实中找不到依据")
    if not lines:
        return ""
    return "\n\n⚠ 以下数字与本项目报表核对不一致，请勿直接采用：\n" + "\n".join(lines)


def respond(message: Any, history: Any, session: ChatSession) -> Iterator[str]:
    """Yield the reply so far, growing; the last value is the complete reply with its 来源 list."""
    text = flatten(message).strip()
    box = Toolbox(session)
    model = session.model
    if model is None:
        yield from _offline_stream(text, box, OFFLINE_BANNER)
        return
    figure = figures.answer(text, session.report, session.previous) if text else None
    if figure is not None:  # the project's own figures: computed by code from its tables, never by the model
        yield figure.text
        return
    last = ""
    try:
        # the whole turn (tool rounds included) ends within the chat deadline, then the offline answer
        for last in iter_within(lambda: _agent_stream(text, history_messages(history), box, model),
                                chat_deadline()):
            yield last
    except Exception as exc:
        failure = classify_failure(exc)
        box.hits.clear()
        banner = f"（{failure.message.split('。')[0]}，以下为离线检索结果）"
        yield from _offline_stream(text, box, banner)
