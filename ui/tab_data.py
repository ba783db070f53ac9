"""本年数据 tab: project meta, last year's report, Excel template, 表二/表三/表四 grids with live validation, facts."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui import actions_data as A
from ui import frames
from ui.common import guard
from ui.html import findings_html, tables_mirror_html
from ui.projects import Project
from ui.services import Services
from ui.uploads import upload_box


def check(project: Project, extra: list[str] | None = None) -> tuple[str, str]:
    """(findings HTML, highlighted mirror HTML) for the project's current tables."""
    findings = A.validate(project)
    return findings_html(findings, extra or []), tables_mirror_html(project.report, findings)


def view(project: Project, extra: list[str] | None = None) -> tuple:
    """Every output of this tab, in the order of :func:`build`'s ``outputs``."""
    r = project.report
    fhtml, mirror = check(project, extra)
    return (project.id, r.agency or "", r.year, A.previous_summary(project), frames.table2_frame(r),
            frames.table3_frame(r), frames.table4_frame(r), frames.facts_frame(project.facts), fhtml, mirror)


def build(svc: Services, pid: gr.Textbox) -> dict[str, Any]:
    with gr.Row():
        agency = gr.Textbox(label="机关名称", placeholder="例如：某某市人民政府办公室", scale=3)
        year = gr.Number(label="报告年度", precision=0, scale=1)
        meta_btn = gr.Button("保存名称和年度", scale=1)
    with gr.Accordion("从上年年报开始（自动填入“上年结转”）", open=True):
        with gr.Row():
            prev_file = upload_box(label="上传上年已发布的年报（txt/html/docx/pdf/交换格式 JSON）", elem_id="prev_file",
                                  allowed=A.REPORT_EXTS, limit_mb=svc.settings.max_upload_mb)
            with gr.Column():
                kb_pick = gr.Dropdown(label="或从知识库中选择上年年报", choices=[], allow_custom_value=False)
                kb_refresh = gr.Button("刷新知识库年报列表", size="sm")
                kb_load = gr.Button("载入所选年报", size="sm")
        prev_md = gr.Markdown(elem_id="prev_summary")
    with gr.Accordion("用 Excel 模板填报", open=False):
        with gr.Row():
            tpl_btn = gr.Button("下载空白表格模板（含已填数据）")
            tpl_file = gr.File(label="模板", interactive=False)
            filled = upload_box(label="上传填好的模板（.xlsx）", elem_id="filled_xlsx", allowed=A.XLSX_EXTS,
                               limit_mb=svc.settings.max_upload_mb)
    with gr.Row():
        with gr.Column(scale=3):
            t2 = gr.Dataframe(label="表二 主动公开政府信息情况", datatype="str", interactive=True, elem_id="t2")
            t3 = gr.Dataframe(label="表三 收到和处理政府信息公开申请情况", datatype="str", interactive=True,
                              elem_id="t3", max_height=900,
                              column_widths=["34%", *["9.4%"] * 7], wrap=True)
            t4 = gr.Dataframe(label="表四 政府信息公开行政复议、行政诉讼情况", datatype="str", interactive=True,
                              elem_id="t4")
            check_btn = gr.Button("校验并保存表格", variant="primary", elem_id="check_btn")
            facts = gr.Dataframe(label="其他数据（表格以外的数字，起草时引用，如“门户网站发布信息 1234 条”）",
                                 headers=list(frames.FACT_COLUMNS), datatype="str", interactive=True,
                                 row_count=(5, "dynamic"),  # type: ignore[arg-type]  # gradio accepts (n, "dynamic")
                                 elem_id="facts")
            facts_btn = gr.Button("保存其他数据")
        with gr.Column(scale=2):
            findings = gr.HTML(elem_id="findings_box")
            mirror = gr.HTML(elem_id="mirror_box")
    outputs = [pid, agency, year, prev_md, t2, t3, t4, facts, findings, mirror]

    @guard
    def on_meta(project_id, agency_name, report_year):
        return view(A.set_meta(svc, project_id, agency_name, report_year))

    @guard
    def on_prev(project_id, file):
        if not file:
            return view(A.open_project(svc, project_id))
        return view(A.load_previous_upload(svc, project_id, file))

    @guard
    def on_kb_refresh():
        return gr.update(choices=A.kb_report_choices(svc))

    @guard
    def on_kb_load(project_id, doc_id):
        return view(A.load_previous_from_kb(svc, project_id, doc_id))

    @guard
    def on_tables(project_id, table2, table3, table4):
        project, bad = A.save_tables(svc, project_id, table2, table3, table4)
        return check(project, bad)

    @guard
    def on_facts(project_id, facts_table):
        project, bad = A.save_facts(svc, project_id, facts_table)
        return view(project, bad)

    @guard
    def on_template(project_id):
        return str(A.template_xlsx(svc, project_id))

    @guard
    def on_filled(project_id, file):
        if not file:
            return view(A.open_project(svc, project_id))
        return view(*A.load_filled_xlsx(svc, project_id, file))

    meta_btn.click(on_meta, [pid, agency, year], outputs, api_name="set_meta")
    prev_file.upload(on_prev, [pid, prev_file], outputs, api_name="parse_upload")
    kb_refresh.click(on_kb_refresh, None, kb_pick, api_name="kb_reports")
    kb_load.click(on_kb_load, [pid, kb_pick], outputs, api_name="load_previous_kb")
    for grid in (t2, t3, t4):
        grid.input(on_tables, [pid, t2, t3, t4], [findings, mirror], api_visibility="private",
                   trigger_mode="always_last", show_progress="hidden")
    check_btn.click(on_tables, [pid, t2, t3, t4], [findings, mirror], api_name="validate_tables")
    facts_btn.click(on_facts, [pid, facts], outputs, api_name="save_facts")
    tpl_btn.click(on_template, pid, tpl_file, api_name="template_xlsx")
    filled.upload(on_filled, [pid, filled], outputs, api_name="upload_xlsx")
    return {"outputs": outputs, "view": view}
