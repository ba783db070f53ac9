"""起草 / 导出 / 对话: plain functions the tabs call; the work is done by ``agents.*`` and ``report.*``."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator, Optional

from report import labels as L
from ui import actions_data
from ui.projects import Project
from ui.services import NotReady, Services, UserError, need

SECTION_CHOICES = [(L.SECTION_TITLES[k], k) for k in L.SECTION_KEYS]
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


def chat_session(svc: Services, pid: Any) -> Any:
    """What ``agents.chat.respond`` needs: settings, model, knowledge base, and this user's report and facts."""
    project: Optional[Project] = svc.projects.load(pid) if svc.projects.exists(pid) else None
    kb = None
    try:
        kb = svc.kb()
    except UserError:
        kb = None
    build = _optional("agents.chat", "ChatSession") or _optional("agents.chat", "Session")
    fields = dict(
        settings=svc.settings,
        model=svc.model(),
        kb=kb,
        report=project.report if project else None,
        previous=project.previous if project else None,
        facts=actions_data.fact_objects(project) if project else [],
        project_id=pid,
    )
    if build is not None:
        try:
            return build(**{k: v for k, v in fields.items() if k in getattr(build, "model_fields", fields)})
        except TypeError:
            pass
    return SimpleNamespace(**fields)


def _optional(module: str, attr: str) -> Any:
    try:
        return need(module, attr)
    except NotReady:
        return None


def chat(svc: Services, message: str, history: Any, pid: Any) -> Iterator[str]:
    from ui.html import with_citation_block

    if not (message or "").strip():
        yield "请输入问题，例如：“依申请公开的答复期限是多少个工作日？”"
        return
    respond = need("agents.chat", "respond")
    reply = ""
    for reply in respond(message, history_text(history), chat_session(svc, pid)):
        yield reply
    yield with_citation_block(reply)


# ---------------------------------------------------------------- drafting
def draft(svc: Services, pid: str, section: str) -> Any:
    """A SectionDraft for one section ('一'..'六'), online when a model is configured, offline otherwise."""
    if section not in L.SECTION_KEYS:
        raise UserError(f"请选择要起草的章节（一至六），收到的是“{section}”。")
    project = svc.projects.load(pid)
    facts = actions_data.fact_objects(project)
    model = svc.model()
    if model is not None:
        draft_section = need("agents.drafting", "draft_section")
        kb = None
        try:
            kb = svc.kb()
        except UserError:
            kb = None
        result = draft_section(project.report, section, facts=facts, previous=project.previous, model=model, kb=kb)
    else:
        draft_offline = need("agents.offline", "draft_offline")
        result = draft_offline(project.report, facts, previous=project.previous, section=section)

    def change(p: Project) -> None:
        p.drafts[section] = result.text

    svc.projects.update(pid, change)
    return result


def draft_all(svc: Services, pid: str, progress=None) -> list[Any]:
    out = []
    for i, key in enumerate(L.SECTION_KEYS):
        if progress is not None:
            progress((i, len(L.SECTION_KEYS)), desc=f"正在起草 {L.SECTION_TITLES[key]}")
        out.append(draft(svc, pid, key))
    return out


def check_text(svc: Services, pid: str, text: str) -> list[Any]:
    """Bind every number in ``text`` to a table cell or a user fact (re-run after each edit)."""
    project = svc.projects.load(pid)
    bind_claims = need("report.claims", "bind_claims")
    return list(bind_claims(text or "", project.report, actions_data.fact_objects(project)))


def accept(svc: Services, pid: str, section: str, text: str) -> Project:
    if section not in L.SECTION_KEYS:
        raise UserError("请先选择章节再采纳。")
    if not (text or "").strip():
        raise UserError("正文为空，无法采纳。请先起草或输入正文。")

    def change(p: Project) -> None:
        p.accepted[section] = text
        p.drafts[section] = text
        p.report.sections[section] = text

    return svc.projects.update(pid, change)


# ---------------------------------------------------------------- export
def export(svc: Services, pid: str, kind: str) -> tuple[Path, list[Any], bool]:
    """Write the report as .docx or .md; marked 草稿 while validator errors remain. -> (path, errors, is_draft)."""
    project = svc.projects.load(pid)
    try:
        findings = actions_data.validate(project)
    except NotReady:
        findings = []
    errors = [f for f in findings if f.severity == "error"]
    is_draft = bool(errors)
    report = project.report
    stem = _safe(f"{report.agency or '本机关'}{report.year or ''}年政府信息公开工作年度报告") + ("（草稿）" if is_draft else "")
    if kind == "docx":
        write_docx = need("report.docx", "write_docx")
        path = svc.export_path(pid, stem + ".docx")
        write_docx(report, path, draft=is_draft)
    elif kind == "md":
        to_markdown = need("report.render", "to_markdown")
        text = to_markdown(report)
        if is_draft:
            text = "> **草稿**：仍有 %d 条校验错误未解决，不得作为正式文本发布。\n\n%s" % (len(errors), text)
        path = svc.export_path(pid, stem + ".md")
        path.write_text(text, encoding="utf-8")
    else:
        raise UserError(f"不支持的导出格式：{kind}")
    return path, errors, is_draft


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name)[:120]
