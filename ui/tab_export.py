"""导出 tab (Word / Markdown; marked 草稿 while validator errors remain) and the year-over-year chart."""

from __future__ import annotations

import gradio as gr

from report.model.findings import BLANK_RULES
from ui import actions_docs as D
from ui import actions_review as R
from ui.common import guard
from ui.html import findings_html
from ui.services import Services
from ui.sheets import blank_rows


def folded(findings, report, title: str) -> tuple[int, str]:
    """(how many lines, findings HTML) with the blank cells of a table folded into one line per table, as while
    filling: this is the staffer's own report in progress (the 审核 tab keeps every blank finding)."""
    shown = [f for f in findings if f.rule not in BLANK_RULES or (f.rule == "blank_total" and f.expected is not None)]
    todo = [f"{table}还有 {n} 行未填" for table, n in blank_rows(report).items()] if report is not None else []
    if len(shown) == len(findings):
        todo = []
    return len(shown) + len(todo), findings_html(shown, title=title, report=report, todo=todo)


def _status(path, errors, is_draft, report=None) -> str:
    if is_draft:
        n, body = folded(errors, report, "未解决的问题")
        return (f"<p style='color:#b00'><b>已导出草稿</b>：{path.name}。仍有 {n} 项问题未解决，"
                f"文件已标注“草稿”，请改正后再导出正式版。点击问题可跳到对应的格子或句子。</p>" + body)
    return f"<p style='color:#070'><b>已导出</b>：{path.name}（校验未发现错误）。</p>"


def build_export(svc: Services, pid: gr.Textbox) -> None:
    gr.Markdown("导出前会自动校验。仍有错误时只能导出标注“草稿”的文件。可先点“检查全文”查看全部问题。")
    with gr.Row():
        review_btn = gr.Button("检查全文", elem_id="review_btn")
        docx_btn = gr.Button("导出 Word（.docx）", variant="primary", elem_id="export_docx_btn")
        md_btn = gr.Button("导出 Markdown（.md）")
    out_file = gr.File(label="下载", interactive=False, elem_id="export_file")
    status = gr.HTML(elem_id="export_status")

    @guard
    def on_export(project_id, kind):
        path, errors, is_draft = D.export(svc, project_id, kind)
        return str(path), _status(path, errors, is_draft, svc.projects.load(project_id).report)

    @guard
    def on_review(project_id):
        project = svc.projects.load(project_id)
        return folded(D.review(project), project.report, "全文检查")[1]

    review_btn.click(on_review, pid, status, api_name="review")

    docx_btn.click(lambda project_id: on_export(project_id, "docx"), pid, [out_file, status], api_name="export_docx")
    md_btn.click(lambda project_id: on_export(project_id, "md"), pid, [out_file, status], api_name="export_md")


def build_trend(svc: Services, pid: gr.Textbox) -> dict:
    gr.Markdown("载入上年年报后，可对比历年的申请数量、办理结果和复议诉讼情况。")
    refresh = gr.Button("刷新图表")
    plot = gr.LinePlot(x="年度", y="件数", color="指标", label="历年对比", elem_id="trend_plot", height=360)
    table = gr.Dataframe(label="数据", interactive=False, elem_id="trend_table", headers=["年度", "指标", "件数"])

    @guard
    def on_trend(project_id):
        frame = R.project_trend(svc, project_id)
        return frame, frame

    refresh.click(on_trend, pid, [plot, table], api_name="trend")
    return {"fn": on_trend, "outputs": [plot, table]}
