"""起草 / 导出 / 对话: plain functions the tabs call; the work is done by ``agents.*`` and ``report.*``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Optional

from agents.chat import ChatSession, respond
from agents.checking import bind
from agents.drafting import draft_section
from agents.llm import WAITING, deadline
from agents.offline import SECTIONS
from agents.types import SectionDraft
from knowledge.store import KnowledgeBase
from report.claims import Claim
from report.model import Finding
from report.model import labels as L
from report.model.errors import CheckUnavailable
from report.usecases import export_report
from ui.projects import Project
from ui.services import Services, UserError

ALL = "全部"


# ---------------------------------------------------------------- chat
def history_text(history: Any) -> list[dict[str, str]]:
    """Gradio 6 history (content is a list of parts) -> plain role/content strings."""
    out = []
    for m in history or []:
        content = m.get("content") if isinstance(m, dict) else None
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        elif isinstance(content, dict):
            content = content.get("text", "")
        out.append({"role": m.get("role", "user") if isinstance(m, dict) else "user", "content": str(content or "")})
    return out


def chat_session(svc: Services, pid: str) -> ChatSession:
    """What ``agents.chat.respond`` needs: model, knowledge base, and this user's report, last year's and facts."""
    project: Optional[Project] = svc.projects.load(pid) if svc.projects.exists(pid) else None
    try:
        kb: Optional[KnowledgeBase] = svc.kb()
    except UserError:  # chat still answers from the loaded report; the reply says the knowledge base is missing
        kb = None
    return ChatSession(model=svc.model(), kb=kb, report=project.report if project else None,
                       previous=project.previous if project else None,
                       facts=list(project.facts) if project else [])


def chat(svc: Services, message: str, history: Any, pid: Any) -> Iterator[str]:
    from ui.html import with_citation_block

    if not (message or "").strip():
        yield "请输入问题，例如：“依申请公开的答复期限是多少个工作日？”"
        return
    reply = ""
    if not svc.offline:
        yield WAITING  # until the model's first words (or the offline answer at the chat deadline)
    for reply in respond(message, history_text(history), chat_session(svc, pid)):
        yield reply
    yield with_citation_block(reply)


# ---------------------------------------------------------------- drafting
def drafting_sections() -> tuple[str, ...]:
    """The sections the drafter writes (二–四 are the statutory tables themselves)."""
    return SECTIONS


def section_choices() -> list[tuple[str, str]]:
    return [(L.SECTION_TITLES[k], k) for k in drafting_sections()] + [(f"{ALL}（逐章起草）", ALL)]


def draft(svc: Services, pid: str, section: str) -> SectionDraft:
    """One section: :func:`agents.drafting.draft_section` (online with a model, offline templates without)."""
    if section not in L.SECTION_KEYS:
        raise UserError(f"请选择要起草的章节，收到的是“{section}”。")
    project = svc.projects.load(pid)
    model = svc.model()
    kb = None
    if model is not None:
        try:
            kb = svc.kb()
        except UserError:
            kb = None  # drafting says so in its findings (未加载资料库)
    try:
        with deadline(svc.settings.llm_section_deadline):  # draft and repair rounds together, then offline
            result = draft_section(project.report, section, facts=project.facts, previous=project.previous,
                                   model=model, kb=kb)
    except ValueError as exc:  # the drafter explains in Chinese what it cannot do
        raise UserError(str(exc)) from exc

    def change(p: Project) -> None:
        p.drafts[section] = result.text
        p.record(section, "draft", result.text)

    svc.projects.update(pid, change)
    return result


def draft_all(svc: Services, pid: str, progress=None) -> list[Any]:
    keys = drafting_sections()
    out = []
    for i, key in enumerate(keys):
        if progress is not None:
            progress((i, len(keys)), desc=f"正在起草 {L.SECTION_TITLES[key]}")
        out.append(draft(svc, pid, key))
    return out


def check_text(svc: Services, pid: str, text: str) -> list[Claim]:
    """Bind every number in ``text`` to a table cell, a derived figure, a user fact or last year's report."""
    project = svc.projects.load(pid)
    return bind(text or "", project.report, project.facts, project.previous)


def accept(svc: Services, pid: str, section: str, text: str) -> Project:
    if section not in L.SECTION_KEYS:
        raise UserError("请先选择章节再采纳。")
    if not (text or "").strip():
        raise UserError("正文为空，无法采纳。请先起草或输入正文。")

    def change(p: Project) -> None:
        p.accepted[section] = text
        p.drafts[section] = text
        p.report.sections[section] = text
        p.record(section, "accepted", text)

    return svc.projects.update(pid, change)


# ---------------------------------------------------------------- export
def export(svc: Services, pid: str, kind: str) -> tuple[Path, list[Finding], bool]:
    """Word or Markdown through :func:`report.usecases.export_report` (草稿 while validator errors remain).
    -> (path, errors, is_draft). If checking cannot run, nothing is exported and staff are told why."""
    if kind not in ("docx", "md"):
        raise UserError(f"不支持的导出格式：{kind}")
    project = svc.projects.load(pid)
    report = project.report
    stem = _safe(f"{report.agency or '本机关'}{report.year or ''}年政府信息公开工作年度报告")
    path = svc.export_path(pid, f"{stem}.{kind}")
    try:
        result = export_report(report, previous=project.previous, mode="draft",
                               docx=path if kind == "docx" else None, md=path if kind == "md" else None)
    except CheckUnavailable as exc:
        raise UserError(exc.message_zh) from exc
    if result.draft:  # the file name says so too
        path = path.replace(path.with_name(f"{stem}（草稿）.{kind}"))
    return path, result.errors, result.draft


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name)[:120]
