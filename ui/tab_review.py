"""审核 and 知识库 tabs: audit many published reports at once; manage the knowledge base documents."""

from __future__ import annotations

import gradio as gr

from ui import actions_review as R
from ui.common import guard
from ui.html import findings_html
from ui.services import Services
from ui.uploads import upload_box


def _sections_html(sections) -> str:
    return "".join(findings_html(findings, errors, title=name) for name, findings, errors in sections)


def build_audit(svc: Services) -> None:
    gr.Markdown("上传一份或多份已发布的年报（txt、html、docx、pdf、交换格式 JSON，或打包为 zip），逐份核对表格勾稽关系。")
    files = upload_box(label="待审核的年报", file_count="multiple", elem_id="audit_files", allowed=R.AUDIT_EXTS,
                      limit_mb=svc.settings.max_upload_mb)
    run = gr.Button("开始审核", variant="primary")
    summary = gr.Dataframe(label="审核汇总", interactive=False, elem_id="audit_summary", headers=["尚未审核"])
    downloads = gr.File(label="下载审核结果（XLSX 汇总+明细、CSV 明细）", file_count="multiple", interactive=False)
    details = gr.HTML(elem_id="audit_details")

    @guard
    def on_audit(files, progress=gr.Progress()):
        out = R.audit(svc, files, progress)
        return out["summary"], [str(out["xlsx"]), str(out["csv"])], _sections_html(out["sections"])

    run.click(on_audit, files, [summary, downloads, details], api_name="audit",
              concurrency_limit=svc.settings.audit_concurrency)


def build_kb(svc: Services) -> dict:
    gr.Markdown("知识库收录《条例》、格式通知和往年年报，供对话和起草检索。可上传本机关的制度文件或往年年报。")
    files = upload_box(label="上传文档（txt、md、html、docx、pdf）", file_count="multiple", elem_id="kb_files",
                      allowed=R.KB_EXTS, limit_mb=svc.settings.max_upload_mb)
    upload = gr.Button("加入知识库", variant="primary")
    status = gr.Markdown(elem_id="kb_status")
    docs = gr.Dataframe(label="知识库文档", interactive=False, elem_id="kb_docs",
                        headers=["文档编号", "标题", "类别", "原文件", "片段数", "提示"])
    with gr.Row():
        refresh = gr.Button("刷新列表")
        doc_id = gr.Textbox(label="要删除的文档编号（从上表复制）", scale=2)
        delete = gr.Button("删除", variant="stop")

    @guard
    def on_upload(files, progress=gr.Progress()):
        return R.kb_upload(svc, files, progress), R.kb_documents(svc)

    @guard
    def on_list():
        return R.kb_documents(svc)

    @guard
    def on_delete(doc_id):
        return R.kb_delete(svc, doc_id), R.kb_documents(svc)

    upload.click(on_upload, files, [status, docs], api_name="kb_upload")
    refresh.click(on_list, None, docs, api_name="kb_list")
    delete.click(on_delete, doc_id, [status, docs], api_name="kb_delete")
    return {"fn": on_list, "outputs": docs}
