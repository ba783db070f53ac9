"""审核 / 知识库 / 历年趋势: plain functions the tabs call (work done by ``report.*`` and ``knowledge``)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import pandas as pd

from report import usecases as U
from report.model import Finding, Report, sum_cells
from report.model import labels as L
from report.model.errors import AppError
from ui import actions_data
from ui.services import Services, UserError

AUDIT_EXTS = actions_data.REPORT_EXTS + (".zip",)
KB_EXTS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


# ---------------------------------------------------------------- audit
def expand_uploads(svc: Services, paths: Iterable[Any], workdir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Checked uploads, with zip archives unpacked within bounds (:func:`ui.uploads.unpack_zip`), and the files
    refused with their Chinese reason: one unreadable, empty or oversized file never stops the batch."""
    from ui.uploads import unpack_zip

    out: list[Path] = []
    refused: list[tuple[str, str]] = []
    for raw in paths or []:
        try:
            p = actions_data.check_upload(svc, raw, AUDIT_EXTS)
            if p.suffix.lower() != ".zip":
                out.append(p)
                continue
            files, skipped = unpack_zip(p, workdir, actions_data.REPORT_EXTS, svc.settings.max_upload_mb)
        except AppError as exc:
            refused.append((Path(str(getattr(raw, "name", raw))).name, exc.message_zh))
            continue
        out.extend(files)
        refused.extend(skipped)
    if not out and not refused:
        raise UserError("没有可审核的年报文件（支持 txt、md、html、docx、pdf、json，或打包为 zip）。")
    return out, refused


def audit(svc: Services, paths: Iterable[Any], progress: Optional[Callable] = None) -> dict[str, Any]:
    """The batch audit of :mod:`report.usecases` (the same summary columns as ``python -m report audit``).
    The working folder (unpacked zips) is removed when the request ends, also after an error."""
    with tempfile.TemporaryDirectory(prefix="audit_", dir=_tmp(svc)) as tmp:
        workdir = Path(tmp)
        files, refused = expand_uploads(svc, paths, workdir)
        done = [0]

        def step(path: Path) -> None:
            done[0] += 1
            if progress is not None:
                progress((done[0], len(files)), desc=f"正在审核 {path.name}")

        def display(path: Path) -> str:
            return path.name.split("_", 1)[1] if path.parent == workdir else path.name

        entries = [_audit_one(svc, f, display(f), step) for f in files]
        entries += [{"file": name, "display": name, "error": why} for name, why in refused]
        out_xlsx = U.write_summary(entries, svc.export_path("audit", f"{workdir.name}_审核结果.xlsx"))
        out_csv = U.write_details(entries, svc.export_path("audit", f"{workdir.name}_审核明细.csv"))
    sections = [(e["display"], [Finding(**f) for f in e.get("findings", [])], [e["error"]] if "error" in e else [])
                for e in entries]
    rows = [[r[c] for c in U.SUMMARY_COLUMNS] for r in U.summary_rows(entries)]
    return {"summary": pd.DataFrame(rows, columns=list(U.SUMMARY_COLUMNS)), "sections": sections,
            "csv": out_csv, "xlsx": out_xlsx}


def _audit_one(svc: Services, path: Path, shown: str, step: Callable[[Path], None]) -> dict[str, Any]:
    """One file of the batch audited in a bounded child process (``ui/sandbox.py``): a file that makes the parser
    run away is one refused row, the batch goes on."""
    from ui.sandbox import bounded

    try:
        entry = bounded(svc.settings, U.audit_file, path, name=shown)
    except AppError as exc:
        entry = {"file": str(path), "error": exc.message_zh}
    entry["display"] = shown
    step(path)
    return entry


def _tmp(svc: Services) -> Path:
    p = svc.data_dir / "tmp"
    p.mkdir(parents=True, exist_ok=True)
    return p


# ---------------------------------------------------------------- knowledge base
def kb_upload(svc: Services, paths: Iterable[Any], progress: Optional[Callable] = None) -> str:
    """Ingest the uploads; a Chinese summary that names every refused file with its reason."""
    checked = [actions_data.check_upload(svc, p, KB_EXTS) for p in paths or []]
    if not checked:
        raise UserError("请先选择要加入知识库的文件。")

    def report(stage: str, done: int, total: int) -> None:
        if progress is not None and total:
            progress((done, total), desc=str(stage))

    r = svc.kb().ingest_paths(checked, progress=report, reader=lambda p, mb: _read_kb_upload(svc, p, mb))
    parts = [f"新增 {r.added_documents} 份文档（{r.added_chunks} 个片段）"]
    if r.skipped_documents:
        parts.append(f"{r.skipped_documents} 份此前已导入，未重复添加")
    text = "导入完成：" + "，".join(parts) + "。"
    if r.refused:
        text += "\n\n未导入的文件：\n" + "\n".join(f"- {name}：{why}" for name, why in r.refused)
    return text


def _read_kb_upload(svc: Services, path: Path, max_mb: int) -> Any:
    """``knowledge.corpus.upload_document`` in a bounded child process; a runaway parse is an ``UploadRefused``."""
    from knowledge.corpus import upload_document
    from knowledge.uploads import UploadRefused
    from report.parse.limits import ParseRunaway
    from ui.sandbox import bounded

    try:
        return bounded(svc.settings, upload_document, path, max_mb, name=path.name)
    except ParseRunaway as exc:
        raise UploadRefused(f"{exc.message_zh}未导入。") from exc


def kb_documents(svc: Services) -> pd.DataFrame:
    rows = []
    for d in svc.kb().list_documents():
        m = actions_data._as_dict(d)
        source = str(m.get("source") or "")
        rows.append([str(m.get("doc_id") or ""), m.get("title") or "",
                     {"regulation": "法规", "report": "年报", "upload": "上传"}.get(source, source),
                     Path(m.get("source_file") or "").name, m.get("chunks") or 0,
                     "⚠️ 含疑似指令文字" if m.get("suspicious_instruction") else ""])
    return pd.DataFrame(rows, columns=["文档编号", "标题", "类别", "原文件", "片段数", "提示"])


def kb_delete(svc: Services, doc_id: str) -> str:
    doc_id = (doc_id or "").strip()
    if not doc_id:
        raise UserError("请先填写要删除的文档编号（可从文档列表复制）。")
    if svc.kb().is_read_only(doc_id):
        raise UserError(f"文档 {doc_id} 是系统内置的资料（《条例》、格式通知或样例年报），只读，不能删除。")
    n = svc.kb().delete_document(doc_id)
    if not n:
        raise UserError(f"知识库中没有编号为 {doc_id} 的文档，请刷新列表后核对编号。")
    return f"已删除文档 {doc_id}（{n} 个片段）。"


# ---------------------------------------------------------------- year-over-year
TREND_METRICS = {
    "新收申请": lambda r: r.t3(L.R_NEW),
    "办理结果总计": lambda r: r.t3(L.R_TOTAL),
    "予以公开": lambda r: r.t3(f"{L.R_RESULTS}/{L.G_PUBLIC}"),
    "行政复议": lambda r: r.t4(L.T4_REVIEW),
    "行政诉讼": lambda r: sum_cells((r.t4(L.T4_SUIT_DIRECT), r.t4(L.T4_SUIT_AFTER))),
}


def trend_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """Long-format (年度, 指标, 件数) for the reports with a year; one report per year (the later one wins)."""
    by_year = {r.year: r for r in reports if r is not None and r.year}
    rows = [[str(y), name, float(v)] for y in sorted(by_year) for name, fn in TREND_METRICS.items()
            if (v := fn(by_year[y])) is not None]
    return pd.DataFrame(rows, columns=["年度", "指标", "件数"])


def project_trend(svc: Services, pid: str) -> pd.DataFrame:
    p = svc.projects.load(pid)
    try:
        history = actions_data.kb_reports_of(svc, p.report.agency)
    except UserError:
        history = []
    return trend_frame([*history, *([p.previous] if p.previous else []), p.report])
