"""起草 tab: draft one section or all, numbers highlighted by claim status, edit, re-check, accept."""

from __future__ import annotations

from typing import Any

import gradio as gr

from agents.llm import WAITING
from report.model import labels as L
from ui import actions_docs as D
from ui.common import guard
from ui.html import claims_html
from ui.services import Services

SEV = {"error": "错误", "warning": "警告", "info": "提示"}


def _notes(drafts: list[Any]) -> str:
    lines = []
    for d in drafts:
        if getattr(d, "notice", None):
            lines.append(f"- {d.notice}")
        for f in getattr(d, "findings", []) or []:
            lines.append(f"- [{SEV.get(f.severity, f.severity)}] {f.message}")
    srcs = [s.citation for d in drafts for s in (getattr(d, "sources", []) or [])]
    out = ("**起草提示**\n" + "\n".join(lines)) if lines else "起草完成，未发现需要提示的问题。"
    if srcs:
        body = "\n".join(f"- {s}" for s in dict.fromkeys(srcs))
        out += f"\n\n<details><summary>参考来源（{len(set(srcs))} 条）</summary>\n\n{body}\n\n</details>"
    return out


def _join(drafts: list[Any]) -> str:
    if len(drafts) == 1:
        return drafts[0].text
    return "\n\n".join(f"{L.SECTION_TITLES[d.section]}\n{d.text}" for d in drafts)


def split_sections(text: str) -> dict[str, str]:
    """A whole-report text with the six official headings -> section texts (for accepting 全部)."""
    out: dict[str, str] = {}
    positions = sorted((text.find(t), k, t) for k, t in L.SECTION_TITLES.items() if text.find(t) >= 0)
    for i, (pos, key, title) in enumerate(positions):
        end = positions[i + 1][0] if i + 1 < len(positions) else len(text)
        out[key] = text[pos + len(title):end].strip()
    return out


def _highlight(svc: Services, pid: str, text: str) -> str:
    return claims_html(text, D.check_text(svc, pid, text))


def build(svc: Services, pid: gr.Textbox) -> None:
    with gr.Row():
        section = gr.Dropdown(label="章节", choices=D.section_choices(), value=D.section_choices()[0][1], scale=3)
        draft_btn = gr.Button("起草", variant="primary", scale=1, elem_id="draft_btn")
    with gr.Row():
        with gr.Column():
            editor = gr.Textbox(label="正文（可直接修改；修改后点“重新核对”）", lines=16, elem_id="draft_editor")
            with gr.Row():
                recheck_btn = gr.Button("重新核对数字", elem_id="recheck_btn")
                accept_btn = gr.Button("采纳为正式文本", variant="primary", elem_id="accept_btn")
        with gr.Column():
            gr.Markdown("数字颜色：<mark style='background:#c8f7c5'>绿色=与表格或其他数据一致</mark>　"
                        "<mark style='background:#ffc9c9'>红色=与表格矛盾</mark>　"
                        "<mark style='background:#ffe8a3'>黄色=无法核实</mark>；鼠标悬停可见出处。")
            marked = gr.HTML(elem_id="draft_marked")
    notes = gr.Markdown(elem_id="draft_notes")
    status = gr.Markdown(elem_id="accept_status")

    @guard
    def on_draft(project_id, section_key, progress=gr.Progress()):
        if not svc.offline:
            progress(0, desc=WAITING)
        drafts = (D.draft_all(svc, project_id, progress) if section_key == D.ALL
                  else [D.draft(svc, project_id, section_key)])
        text = _join(drafts)
        if len(drafts) == 1 and drafts[0].claims:  # the drafter's own bindings, spans relative to this text
            return text, claims_html(text, drafts[0].claims), _notes(drafts)
        return text, _highlight(svc, project_id, text), _notes(drafts)

    @guard
    def on_recheck(project_id, text):
        return _highlight(svc, project_id, text)

    @guard
    def on_accept(project_id, section_key, text):
        p, sec = project_id, section_key
        parts = split_sections(text) if sec == D.ALL else {sec: text}
        if not parts:
            raise D.UserError("未能在正文中找到“一、总体情况”等章节标题，无法按章节采纳；请逐章采纳。")
        for key, body in parts.items():
            D.accept(svc, p, key, body)
        names = "、".join(L.SECTION_TITLES[k] for k in parts)
        return f"已采纳：{names}。导出时将使用采纳的文本。", _highlight(svc, p, text)

    draft_btn.click(on_draft, [pid, section], [editor, marked, notes], api_name="draft",  # model-bound: own pool
                    concurrency_id=None if svc.offline else "llm",
                    concurrency_limit="default" if svc.offline else svc.settings.llm_concurrency)
    recheck_btn.click(on_recheck, [pid, editor], marked, api_name="check_draft")
    accept_btn.click(on_accept, [pid, section, editor], [status, marked], api_name="accept")
