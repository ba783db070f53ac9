"""起草 / 导出 / 对话: plain functions the tabs call; the work is done by ``agents.*`` and ``report.*``."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator, Optional

from report.model import labels as L
from ui import actions_data
from ui.projects import Project
from ui.services import NotReady, Services, UserError, need

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
def drafting_sections() -> tuple[str, ...]:
    """The sections the drafter writes (二–四 are the statutory tables themselves)."""
    try:
        return tuple(need("agents.offline", "SECTIONS"))
    except NotReady:
        return tuple(L.SECTION_KEYS)


def section_choices() -> list[tuple[str, str]]:
    return [(L.SECTION_TITLES[k], k) for k in drafting_sections()] + [(f"{ALL}（逐章起草）", ALL)]


def draft(svc: Services, pid: str, section: str) -> Any:
    """A SectionDraft for one section, online when a model is configured, offline templates otherwise."""
    if section not in L.SECTION_KEYS:
        raise UserError(f"请选择要起草的章节，收到的是“{section}”。")
    project = svc.projects.load(pid)
    facts = actions_data.fact_objects(project)
    model = svc.model()
    try:
        if model is not None or not _optional("agents.offline", "draft_offline"):
            kb = None
            if model is not None:
                try:
                    kb = svc.kb()
                except UserError:
                    kb = None
            result = need("agents.drafting", "draft_section")(
                project.report, section, facts=facts, previous=project.previous, model=model, kb=kb)
        else:
            result = need("agents.offline", "draft_offline")(project.report, facts, previous=project.previous,
                                                            section=section)
    except NotReady:
        raise
    except ValueError as exc:  # the drafter explains in Chinese what it cannot do
        raise UserError(str(exc)) from exc

    def change(p: Project) -> None:
        p.drafts[section] = result.text

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


def check_text(svc: Services, pid: str, text: str) -> list[Any]:
    """Bind every number in ``text`` to a table cell, a derived figure or a user fact (re-run after each edit)."""
    project = svc.projects.load(pid)
    facts = actions_data.fact_objects(project)
    bind = _optional("agents.checking", "bind")
    if bind is not None and _optional("report.claims", "bind_claims") is not None:
        return list(bind(text or "", project.report, facts, project.previous))
    return list(need("report.claims", "bind_claims")(text or "", project.report, facts))


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
        write_docx = need("report.export.docx", "write_docx")
        path = svc.export_path(pid, stem + ".docx")
        write_docx(report, path, draft=is_draft)
    elif kind == "md":
        to_markdown = need("report.export.markdown", "to_markdown")
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
