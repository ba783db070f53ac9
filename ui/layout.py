"""The page: banner, per-browser project, and one tab per job. Each tab module wires its own handlers."""

from __future__ import annotations

import gradio as gr

from ui import tab_chat, tab_data, tab_draft, tab_export, tab_projects, tab_review
from ui.common import guard
from ui.services import Services

CSS = """
#banner {background:#eef6ee;padding:4px 10px;border-radius:6px}
#t3 table td:first-child {min-width:260px}
footer {display:none !important}
"""


def build_ui(svc: Services) -> gr.Blocks:
    with gr.Blocks(title="年报助手") as demo:
        gr.Markdown("## 年报助手 · 政府信息公开工作年度报告")
        gr.Markdown(svc.banner(), elem_id="banner")
        store = gr.BrowserState(None, storage_key="nianbao_project_id", secret=svc.browser_secret())
        with gr.Row():
            pid = gr.Textbox(label="项目编号（每次修改自动保存；刷新页面或重启后自动恢复）", interactive=False,
                             elem_id="pid", scale=4)
            new_btn = gr.Button("新建项目", scale=1)
        with gr.Tabs():
            with gr.Tab("对话", id="chat"):
                tab_chat.build(svc, pid)
            with gr.Tab("本年数据", id="data"):
                data = tab_data.build(svc, pid)
            with gr.Tab("起草", id="draft"):
                tab_draft.build(svc, pid)
            with gr.Tab("审核", id="audit"):
                tab_review.build_audit(svc)
            with gr.Tab("知识库", id="kb"):
                tab_review.build_kb(svc)
            with gr.Tab("导出", id="export"):
                tab_export.build_export(svc, pid)
            with gr.Tab("历年对比", id="trend"):
                tab_export.build_trend(svc, pid)
            with gr.Tab("我的项目", id="projects"):
                tab_projects.build(svc, pid, store, data["view"], data["outputs"])
        view = data["view"]
        outputs = data["outputs"]

        @guard
        def on_open(project_id):
            project = svc.projects.open_or_create(project_id)
            return (*view(project), project.id)

        @guard
        def on_open_id(project_id):  # an id typed or sent over the API: never creates a project
            project = svc.projects.open(project_id)
            return (*view(project), project.id)

        @guard
        def on_new():
            project = svc.projects.create()
            return (*view(project), project.id)

        demo.load(on_open, store, [*outputs, store], api_visibility="private")
        new_btn.click(on_new, None, [*outputs, store], api_name="new_project")
        # API twin of page load: open (or re-create) a project by id; used by scripts and the restart test.
        pid.submit(on_open_id, pid, [*outputs, store], api_name="open_project")
    demo.css = CSS
    return demo
