"""起草 tab: draft one section or all, numbers highlighted by claim status, edit, re-check, accept."""

from __future__ import annotations

from typing import Any

import gradio as gr

from agents.llm import WAITING
from report.model import labels as L
from ui import actions_docs as D
from ui import interview as I
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


def build(svc: Services, pid: gr.Textbox) -> dict[str, Any]:
    gr.Markdown("整篇报告都在这里编辑：标题、开头段落（统计期限）、一至六部分、落款。选择一个部分即载入它现在的文本；"
                "点“采纳”后保存，每次采纳都留有历史版本，可随时恢复。")
    with gr.Row():
        section = gr.Dropdown(label="部分", choices=D.part_choices(), value="一", scale=3, elem_id="part_pick")
        draft_btn = gr.Button("起草 / 建议文本", variant="primary", scale=1, elem_id="draft_btn")
    with gr.Accordion("访谈：起草前回答几个问题（按上年报告逐项提出；回答可写数字或文字）", open=False,
                      elem_id="interview_box") as iv_box:
        iv_notice = gr.Markdown(elem_id="interview_notice")
        iv_confirm = gr.Button("确认是同一机关：用这份报告作为上年报告", visible=False, elem_id="interview_confirm")
        iv_form = gr.HTML(elem_id="interview_form", padding=False)
        iv_state = gr.Textbox(elem_id="interview_state", elem_classes="nb-hidden", show_label=False, container=False)
        with gr.Row():
            iv_save = gr.Button("保存回答", variant="primary", elem_id="interview_save")
            iv_refresh = gr.Button("重新生成问题", elem_id="interview_refresh")
        iv_status = gr.Markdown(elem_id="interview_status")
    source = gr.Markdown(elem_id="editor_source")
    with gr.Row():
        with gr.Column():
            editor = gr.Textbox(label="正文（可直接修改；修改后点“重新核对”）", lines=16, elem_id="draft_editor")
            with gr.Row():
                recheck_btn = gr.Button("重新核对数字", elem_id="recheck_btn")
                accept_btn = gr.Button("采纳为正式文本", variant="primary", elem_id="accept_btn")
            with gr.Row():
                versions = gr.Dropdown(label="历史版本（新的在前）", choices=[], scale=3, elem_id="history_pick")
                restore_btn = gr.Button("恢复此版本", scale=1, elem_id="restore_btn")
        with gr.Column():
            gr.Markdown("数字颜色：<mark style='background:#c8f7c5'>绿色=与表格或其他数据一致</mark>　"
                        "<mark style='background:#ffc9c9'>红色=与表格矛盾</mark>　"
                        "<mark style='background:#ffe8a3'>黄色=无法核实</mark>；鼠标悬停可见出处。")
            marked = gr.HTML(elem_id="draft_marked")
    notes = gr.Markdown(elem_id="draft_notes")
    status = gr.Markdown(elem_id="accept_status")
    # a finding's 「跳到这句话」 (ui/sheets.py script) names the part here
    jump_part = gr.Textbox(elem_id="jump_part", elem_classes="nb-hidden", show_label=False, container=False)
    jump_btn = gr.Button("跳转", elem_id="jump_btn", elem_classes="nb-hidden")

    def _history(project, part):
        choices = D.history_of(project, part) if part in D.PARTS else []
        return gr.update(choices=choices, value=None)

    @guard
    def on_pick(project_id, part):
        if part == D.ALL:
            return "", "选择“全部”后点“起草”，逐章起草一、五、六部分。", "", gr.update(choices=[], value=None)
        project = svc.projects.load(project_id)
        text, where = D.editor_text(project, part)
        return text, f"当前显示：{D.PART_NAMES[part]} · **{where}**", _highlight(svc, project_id, text), _history(project, part)

    @guard
    def on_draft(project_id, section_key, progress=gr.Progress()):
        if not svc.offline:
            progress(0, desc=WAITING)
        if section_key in D.PARTS and section_key not in D.drafting_sections():
            text = D.proposal(svc.projects.load(project_id), section_key)
            if not text:
                raise D.UserError(f"{D.PART_NAMES[section_key]}以表格为主，没有自动起草；可直接在正文框中书写说明后采纳。")
            return (text, _highlight(svc, project_id, text), "已给出建议文本，请核对后点“采纳”。",
                    f"当前显示：{D.PART_NAMES[section_key]} · **建议文本（尚未采纳）**")
        drafts = (D.draft_all(svc, project_id, progress) if section_key == D.ALL
                  else [D.draft(svc, project_id, section_key)])
        text = _join(drafts)
        name = D.PART_NAMES.get(section_key, section_key)
        where = f"当前显示：{name} · **刚起草的草稿（尚未采纳）**"
        if len(drafts) == 1 and drafts[0].claims:  # the drafter's own bindings, spans relative to this text
            return text, claims_html(text, drafts[0].claims), _notes(drafts), where
        return text, _highlight(svc, project_id, text), _notes(drafts), where

    @guard
    def on_recheck(project_id, text):
        return _highlight(svc, project_id, text)

    @guard
    def on_accept(project_id, section_key, text):
        p, sec = project_id, section_key
        parts = split_sections(text) if sec == D.ALL else {sec: text}
        if not parts:
            raise D.UserError("未能在正文中找到“一、总体情况”等章节标题，无法按章节采纳；请逐章采纳。")
        project = None
        for key, body in parts.items():
            project = D.accept(svc, p, key, body)
        names = "、".join(D.PART_NAMES[k] for k in parts)
        hist = _history(project, sec) if project is not None else gr.update()
        return f"已采纳：{names}。导出时将使用采纳的文本；历史版本已保存。", _highlight(svc, p, text), hist

    @guard
    def on_restore(project_id, part, index):
        project = D.restore(svc, project_id, part, index)
        text = D.current_text(project, part)
        return (text, _highlight(svc, project_id, text), f"已恢复所选版本并采纳为{D.PART_NAMES[part]}的正式文本。",
                _history(project, part))

    @guard
    def on_jump(project_id, part):
        return (gr.update(value=part), *on_pick(project_id, part))

    @guard
    def on_interview(project_id):
        iv, notice, pending = I.interview_of(svc, svc.projects.load(project_id))
        answered = sum(1 for q in iv.questions if iv.answer(q.id) is not None)
        head = f"{notice}\n\n共 {len(iv.questions)} 个问题，已回答 {answered} 个；回答保存在本项目中，起草时放入对应的部分。"
        return head, gr.update(visible=pending is not None), I.form_html(iv)

    @guard
    def on_save_answers(project_id, state):
        _project, iv, n = I.save_answers(svc, project_id, state)
        return f"已保存 {n} 条回答。点“起草”即按回答写入对应的部分。", I.form_html(iv)

    @guard
    def on_confirm(project_id):
        I.confirm_kb_previous(svc, project_id)
        return on_interview(project_id)

    iv_outputs = [iv_notice, iv_confirm, iv_form]
    pid.change(on_interview, pid, iv_outputs, api_visibility="private")
    iv_box.expand(on_interview, pid, iv_outputs, api_visibility="private")
    iv_refresh.click(on_interview, pid, iv_outputs, api_name="interview")
    iv_save.click(on_save_answers, [pid, iv_state], [iv_status, iv_form], js=I.COLLECT_JS, api_name="save_answers")
    iv_confirm.click(on_confirm, pid, iv_outputs, api_name="confirm_kb_previous")
    section.input(on_pick, [pid, section], [editor, source, marked, versions], api_name="open_part")
    jump_btn.click(on_jump, [pid, jump_part], [section, editor, source, marked, versions],
                   api_visibility="private").then(
        None, None, None, js="() => { if (window.nbSheets) window.nbSheets.selectPending(); }")
    draft_btn.click(on_draft, [pid, section], [editor, marked, notes, source], api_name="draft",  # model-bound: own pool
                    concurrency_id=None if svc.offline else "llm",
                    concurrency_limit="default" if svc.offline else svc.settings.llm_concurrency)
    recheck_btn.click(on_recheck, [pid, editor], marked, api_name="check_draft")
    accept_btn.click(on_accept, [pid, section, editor], [status, marked, versions], api_name="accept")
    restore_btn.click(on_restore, [pid, section, versions], [editor, marked, status, versions], api_name="restore_version")
    return {"fn": on_pick, "inputs": [pid, section], "outputs": [editor, source, marked, versions],
            "section": section, "editor": editor}
