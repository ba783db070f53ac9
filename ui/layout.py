"""The page: banner, per-browser project, and one tab per job. Each tab module wires its own handlers."""

from __future__ import annotations

import gradio as gr

from ui import tab_chat, tab_data, tab_draft, tab_export, tab_projects, tab_review
from ui.common import guard
from ui.locale import locale_script
from ui.services import Services
from ui.sheets import SHEET_CSS, SHEET_JS

CSS = """
#banner {background:#eef6ee;padding:4px 10px;border-radius:6px}
#guide {background:#f5f8ff;padding:6px 12px;border-radius:6px;border:1px solid #dbe4ff}
#guide ol {margin:4px 0 0 0}
footer {display:none !important}
""" + SHEET_CSS

GUIDE = """**第一次使用？按这五步写本年年报：**

1. **上年年报** —— 在“本年数据”页上传上年已发布的年报（或从知识库选择），“上年结转”一行会自动填好；
2. **本年数据** —— 在表二、表三、表四里逐格填数（总计自动合计），右边随时提示还差什么、哪里对不上；
3. **起草** —— 逐章起草正文，数字与表格自动核对（绿色一致、红色矛盾），改好后点“采纳”；
4. **审核** —— 在“导出”页点“检查全文”，按提示改正（点击问题可跳到对应的格子或句子）；“审核”页用于核对已发布的年报；
5. **导出** —— 没有错误时导出正式 Word 文件；仍有错误时只能导出标注“草稿”的文件。

每一次修改都会自动保存，刷新页面或第二天打开都能接着写。"""


def banner(svc: Services) -> str:
    """The mode in staff words; the technical facts are in 「关于」."""
    if svc.offline:
        return ("**离线模式**：正文由内置模板起草，对话从知识库中查找答案；所有数据只保存在本机。"
                "（技术信息见“关于”页）")
    return "**在线模式**：正文和对话由大模型生成，数字仍逐一与表格核对。（技术信息见“关于”页）"


def about(svc: Services) -> str:
    """Technical facts for whoever maintains the installation."""
    st = svc.settings
    if svc.offline:
        model = "未配置大模型（环境变量 `OPENAI_BASE_URL` 为空）：离线模式，起草用内置模板，对话只检索知识库。"
    else:
        model = f"大模型 `{st.openai_model}`，接口地址 `{st.openai_base_url}`。"
    return (f"### 关于年报助手\n\n- 模型：{model}\n- 数据目录：`{svc.data_dir}`（报告项目、知识库索引、导出文件）\n"
            f"- 上传文件大小上限：{int(st.max_upload_mb)} MB（`MAX_UPLOAD_MB`）\n"
            "- 配置方法见安装目录中的 `.env.example`。")


def page_assets() -> dict:
    """What ``launch`` needs from the page besides the Blocks: CSS, the head scripts, gradio's strings in Chinese."""
    return {"css": CSS, "head": SHEET_JS + locale_script(), "footer_links": []}


def build_ui(svc: Services) -> gr.Blocks:
    with gr.Blocks(title="年报助手") as demo:
        gr.Markdown("## 年报助手 · 政府信息公开工作年度报告")
        gr.Markdown(banner(svc), elem_id="banner")
        with gr.Accordion("使用指引", open=True, elem_id="guide_box"):
            gr.Markdown(GUIDE, elem_id="guide")
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
                draft_view = tab_draft.build(svc, pid)
            with gr.Tab("审核", id="audit"):
                tab_review.build_audit(svc)
            with gr.Tab("知识库", id="kb"):
                kb_view = tab_review.build_kb(svc)
            with gr.Tab("导出", id="export"):
                tab_export.build_export(svc, pid)
            with gr.Tab("历年对比", id="trend"):
                trend = tab_export.build_trend(svc, pid)
            with gr.Tab("我的项目", id="projects"):
                tab_projects.build(svc, pid, store, data["view"], data["outputs"])
            with gr.Tab("关于", id="about"):
                gr.Markdown(about(svc), elem_id="about")
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

        # the page shows the project: its tables, then its text in 起草, then the grids that need the knowledge base
        demo.load(on_open, store, [*outputs, store], api_visibility="private").then(
            draft_view["fn"], draft_view["inputs"], draft_view["outputs"], api_visibility="private").then(
            trend["fn"], outputs[0], trend["outputs"], api_visibility="private").then(
            kb_view["fn"], None, kb_view["outputs"], api_visibility="private")
        # after switching project the 起草 editor shows the new project's text (never the old one's, to be accepted
        # into the new project by mistake)
        new_btn.click(on_new, None, [*outputs, store], api_name="new_project").then(
            draft_view["fn"], draft_view["inputs"], draft_view["outputs"], api_visibility="private")
        # API twin of page load: open (or re-create) a project by id; used by scripts and the restart test.
        pid.submit(on_open_id, pid, [*outputs, store], api_name="open_project")
    demo.css = CSS
    return demo
