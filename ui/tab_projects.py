"""项目 tab: the user's report projects (agency, year, last changed, status); open, rename, copy for next year,
delete with confirmation. Every call goes to :class:`ui.projects.ProjectStore` with the current request's owner, so
a user only ever sees and changes their own projects."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

import gradio as gr
import pandas as pd

from ui.common import guard
from ui.projects import Project
from ui.services import Services, UserError

COLUMNS = ["项目名称", "报告机关", "年度", "最近修改", "状态", "项目编号"]


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def project_rows(svc: Services) -> pd.DataFrame:
    rows = [[s.name or f"{s.agency or '未命名机关'} {s.year or ''} 年报".replace("  ", " "), s.agency or "",
             s.year or "", _when(s.updated), s.status, s.id] for s in svc.projects.summaries()]
    return pd.DataFrame(rows, columns=COLUMNS)


def project_choices(svc: Services) -> list[tuple[str, str]]:
    return [(f"{s.name or (s.agency or '未命名机关')} · {s.year or '年度未定'} · {_when(s.updated)}", s.id)
            for s in svc.projects.summaries()]


def _picked(project_id: Any) -> str:
    if not project_id:
        raise UserError("请先在下拉列表中选择一个项目。")
    return str(project_id)


def build(svc: Services, pid: gr.Textbox, store: Any, view: Callable[[Project], tuple], outputs: list[Any]) -> None:
    gr.Markdown("本人的全部报告项目。新建项目不会丢失当前项目：它仍在这里，可随时打开。")
    table = gr.Dataframe(label="我的项目", interactive=False, elem_id="projects_table")
    with gr.Row():
        # custom values allowed: the list changes under the dropdown; the store checks the owner of any id
        pick = gr.Dropdown(label="选择项目", choices=[], elem_id="projects_pick", scale=3, allow_custom_value=True)
        refresh = gr.Button("刷新列表", scale=1)
    with gr.Row():
        open_btn = gr.Button("打开", variant="primary", elem_id="projects_open")
        copy_btn = gr.Button("复制为下一年度项目", elem_id="projects_copy")
    with gr.Row():
        new_name = gr.Textbox(label="新名称", elem_id="projects_name", scale=3)
        rename_btn = gr.Button("重命名", scale=1, elem_id="projects_rename")
    with gr.Row():
        confirm = gr.Checkbox(label="我确认删除所选项目（删除后无法恢复）", value=False, elem_id="projects_confirm")
        delete_btn = gr.Button("删除", variant="stop", elem_id="projects_delete")
    status = gr.Markdown(elem_id="projects_status")

    def listing(message: str = "") -> tuple[Any, Any, str]:
        return project_rows(svc), gr.update(choices=project_choices(svc), value=None), message

    @guard
    def on_list():
        return listing()

    @guard
    def on_open(project_id):
        project = svc.projects.open(_picked(project_id))
        return (*view(project), project.id)

    @guard
    def on_copy(project_id):
        project = svc.projects.copy_for_next_year(_picked(project_id))
        return (*view(project), project.id, *listing(f"已新建 {project.title()}，上年年报为所选项目。"))

    @guard
    def on_rename(project_id, name):
        project = svc.projects.rename(_picked(project_id), name)
        return listing(f"已重命名为「{project.name or '（未命名）'}」。")

    @guard
    def on_delete(project_id, sure, current):
        chosen = _picked(project_id)
        if not sure:
            raise UserError("请先勾选“我确认删除所选项目”，再点删除。")
        if chosen == current:
            raise UserError("不能删除正在打开的项目：请先打开或新建另一个项目。")
        title = svc.projects.load(chosen).title()
        svc.projects.delete(chosen)
        return (*listing(f"已删除项目 {title}。"), False)

    refresh.click(on_list, None, [table, pick, status], api_name="list_projects")
    pid.change(on_list, None, [table, pick, status], api_visibility="private")  # after open / new / copy
    open_btn.click(on_open, pick, [*outputs, store], api_name="open_listed_project")
    copy_btn.click(on_copy, pick, [*outputs, store, table, pick, status], api_name="copy_project")
    rename_btn.click(on_rename, [pick, new_name], [table, pick, status], api_name="rename_project")
    delete_btn.click(on_delete, [pick, confirm, pid], [table, pick, status, confirm], api_name="delete_project")
