"""本年数据 tab: project meta, last year's report, Excel template, 表二/表三/表四 grids with live validation, facts."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui import actions_data as A
from ui import frames, sheets
from ui.common import guard
from ui.html import findings_html
from ui.projects import Project
from ui.services import Services
from ui.uploads import upload_box

APPLY_MARKS = "(m) => { if (window.nbSheets) window.nbSheets.applyMarks(m); }"
SHEET_STATE = "(p, s) => [p, window.nbSheets ? JSON.stringify(window.nbSheets.state()) : s]"


def live(project: Project, extra: list[str] | None = None) -> tuple[str, list[Any]]:
    """(findings HTML, the findings) of the live check of this project's tables."""
    findings, todo = A.live_findings(project)
    return findings_html(findings, extra or [], report=project.report, todo=todo), findings


def check(project: Project, extra: list[str] | None = None) -> tuple[str, str]:
    """(findings HTML, the editable sheets with the offending cells marked) for the project's current tables."""
    fhtml, findings = live(project, extra)
    return fhtml, sheets.sheets_html(project.report, findings, project.auto_cells)


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
            tpl_btn = gr.Button("下载 Excel 填报模板（已填的数字一并带出）")
            tpl_file = gr.File(label="模板", interactive=False)
            filled = upload_box(label="上传填好的模板（.xlsx）", elem_id="filled_xlsx", allowed=A.XLSX_EXTS,
                               limit_mb=svc.settings.max_upload_mb)
    # The API twins of the sheets (gradio_client scripts send and read the tables as frames); not shown.
    t2 = gr.Dataframe(datatype="str", interactive=True, visible=False)
    t3 = gr.Dataframe(datatype="str", interactive=True, visible=False)
    t4 = gr.Dataframe(datatype="str", interactive=True, visible=False)
    api_btn = gr.Button(visible=False)
    # the sheets' state goes to the server through these (hidden by CSS, so the browser script can reach them)
    sheet_state = gr.Textbox(elem_id="sheet_state", elem_classes="nb-hidden", show_label=False, container=False)
    sheet_commit = gr.Button("保存表格", elem_id="sheet_commit", elem_classes="nb-hidden")
    sheet_marks = gr.Textbox(elem_id="sheet_marks", elem_classes="nb-hidden", show_label=False, container=False)
    with gr.Row():
        with gr.Column(scale=3):
            grid = gr.HTML(elem_id="sheets", padding=False)
            check_btn = gr.Button("重新校验表格", variant="primary", elem_id="check_btn")
            facts = gr.Dataframe(label="其他数据（表格以外的数字，起草时引用，如“门户网站发布信息 1234 条”）",
                                 headers=list(frames.FACT_COLUMNS), datatype="str", interactive=True,
                                 row_count=(5, "dynamic"),  # type: ignore[arg-type]  # gradio accepts (n, "dynamic")
                                 elem_id="facts")
            facts_btn = gr.Button("保存其他数据")
        with gr.Column(scale=2):
            findings = gr.HTML(elem_id="findings_box")
    outputs = [pid, agency, year, prev_md, t2, t3, t4, facts, findings, grid]

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
    def on_sheet(project_id, state):
        project, bad = A.save_sheet(svc, project_id, state)
        fhtml, found = live(project, bad)
        return fhtml, sheets.marks_json(found)

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
    sheet_commit.click(on_sheet, [pid, sheet_state], [findings, sheet_marks], api_visibility="private",
                       trigger_mode="always_last", show_progress="hidden").then(
        None, sheet_marks, None, js=APPLY_MARKS)
    check_btn.click(on_sheet, [pid, sheet_state], [findings, sheet_marks], js=SHEET_STATE,
                    api_visibility="private").then(None, sheet_marks, None, js=APPLY_MARKS)
    api_btn.click(on_tables, [pid, t2, t3, t4], [findings, grid], api_name="validate_tables")
    facts_btn.click(on_facts, [pid, facts], outputs, api_name="save_facts")
    tpl_btn.click(on_template, pid, tpl_file, api_name="template_xlsx")
    filled.upload(on_filled, [pid, filled], outputs, api_name="upload_xlsx")
    return {"outputs": outputs, "view": view}
