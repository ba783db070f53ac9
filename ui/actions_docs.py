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


def draft(svc: Services, pid: str, section: str) -> SectionDraft:
    """One section: :func:`agents.drafting.draft_section` (online with a model, offline templates without)."""
    if section not in L.SECTION_KEYS:
        raise UserError(f"请选择要起草的章节，收到的是“{section}”。")
    from ui.interview import model_previous

    project = svc.projects.load(pid)
    previous, _notice, _pending = model_previous(svc, project)  # loaded, else this agency's own from the KB
    model = svc.model()
    kb = None
    if model is not None:
        try:
            kb = svc.kb()
        except UserError:
            kb = None  # drafting says so in its findings (未加载资料库)
    try:
        with deadline(svc.settings.llm_section_deadline):  # draft and repair rounds together, then offline
            result = draft_section(project.report, section, facts=project.facts, previous=previous,
                                   model=model, kb=kb, answers=project.answers)
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


def check_text(svc: Services, pid: str, text: str) -> list[Claim]:
    """Bind every number in ``text`` to a table cell, a derived figure, a user fact or last year's report."""
    from ui.interview import interview_of, model_previous

    project = svc.projects.load(pid)
    previous, _notice, _pending = model_previous(svc, project)
    answer_facts: list = interview_of(svc, project)[0].facts()[0] if project.answers else []
    return bind(text or "", project.report, [*project.facts, *answer_facts], previous)


# ---------------------------------------------------------------- the whole report, part by part
TITLE, OPENING, CLOSING = "标题", "开头", "落款"
PARTS = (TITLE, OPENING, *L.SECTION_KEYS, CLOSING)
PART_NAMES = {TITLE: "标题", OPENING: "开头段落（统计期限说明）", CLOSING: "落款（机关名称、日期）",
              **{k: L.SECTION_TITLES[k] for k in L.SECTION_KEYS}}


def part_choices() -> list[tuple[str, str]]:
    return [(PART_NAMES[k], k) for k in PARTS] + [(f"{ALL}（逐章起草一、五、六）", ALL)]


def _check_part(part: str) -> None:
    if part not in PARTS:
        raise UserError(f"请选择要编辑的部分（标题、开头、一至六、落款），收到的是“{part}”。")


def current_text(project: Project, part: str) -> str:
    """The report's text of this part as it stands (what export writes), '' when not written yet."""
    r = project.report
    if part == TITLE:
        return r.title or ""
    if part == OPENING:
        return r.preamble
    if part == CLOSING:
        return r.closing
    return r.sections.get(part, "")


def proposal(project: Project, part: str) -> str:
    """Suggested text for a part that has none: the standard title, the 统计期限 sentence, the 落款."""
    from datetime import date

    from report.export.markdown import report_title

    r = project.report
    year = r.year or date.today().year - 1
    if part == TITLE:
        return report_title(r)
    if part == OPENING:
        return (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室"
                f"有关要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    if part == CLOSING:
        today = date.today()
        return f"{r.agency or '（机关名称）'}\n{today.year}年{today.month}月{today.day}日"
    return project.drafts.get(part, "")


def editor_text(project: Project, part: str) -> tuple[str, str]:
    """(text to show in the editor, where it comes from): the accepted text, else the last draft, else a proposal."""
    _check_part(part)
    text = current_text(project, part)
    if text.strip():
        return text, "已采纳的文本"
    if project.drafts.get(part, "").strip():
        return project.drafts[part], "上次起草的草稿（尚未采纳）"
    proposed = proposal(project, part)
    return proposed, ("建议文本（尚未采纳，可修改后采纳）" if proposed else "尚未起草")


def _set_part(p: Project, part: str, text: str) -> None:
    if part == TITLE:
        p.report.title = text.strip() or None
    elif part == OPENING:
        p.report.preamble = text.strip()
    elif part == CLOSING:
        p.report.closing = "\n".join(ln.strip() for ln in text.strip().splitlines() if ln.strip())
    else:
        p.report.sections[part] = text
        p.accepted[part] = text
        p.drafts[part] = text


def _record(p: Project, part: str, text: str, source: str) -> None:
    p.record(part, source, text)


def accept(svc: Services, pid: str, section: str, text: str, source: str = "采纳") -> Project:
    """Make ``text`` the report's text of this part (title, opening, a section or the 落款) and keep it in the
    project's history, so any earlier version can be restored."""
    _check_part(section)
    if not (text or "").strip():
        raise UserError("正文为空，无法采纳。请先起草或输入正文。")

    def change(p: Project) -> None:
        _set_part(p, section, text)
        _record(p, section, text, source)

    return svc.projects.update(pid, change)


def history_of(project: Project, part: str) -> list[tuple[str, str]]:
    """(label, index into project.history) of this part's kept versions, newest first."""
    out = []
    for i, h in enumerate(project.history):
        if h.get("part") == part:
            preview = " ".join(str(h.get("text", "")).split())[:24]
            out.append((f"{h.get('at', '')} {h.get('source', '')}：{preview}…", str(i)))
    return out[::-1]


def restore(svc: Services, pid: str, part: str, index: Any) -> Project:
    """Make a kept version the current text again (recorded as a new version: nothing is lost)."""
    project = svc.projects.load(pid)
    try:
        h = project.history[int(index)]
    except (TypeError, ValueError, IndexError):
        raise UserError("请先在“历史版本”中选择要恢复的版本。") from None
    if h.get("part") != part:
        raise UserError("所选版本不属于当前部分，请重新选择。")
    return accept(svc, pid, part, str(h.get("text", "")), source=f"恢复 {h.get('at', '')} 的版本")


# ---------------------------------------------------------------- export
def review(project: Project) -> list[Finding]:
    """Every finding on the whole report as it would be exported (drafting mode, against last year's report)."""
    from report.rules import validate

    return validate(project.report, project.previous, mode="draft")


def export(svc: Services, pid: str, kind: str) -> tuple[Path, list[Finding], bool]:
    """Word or Markdown through :func:`report.usecases.export_report` (草稿 while validator errors remain).
    -> (path, errors, is_draft). If checking cannot run, nothing is exported and staff are told why."""
    if kind not in ("docx", "md"):
        raise UserError(f"不支持的导出格式：{kind}")
    project = svc.projects.load(pid)
    report = project.report
    stem = _safe(f"{report.agency or '本机关'}{f'{report.year}年' if report.year else ''}政府信息公开工作年度报告")
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
