"""Upload boxes whose refusals are Chinese sentences, in the browser and over the API.

Gradio's own checks speak English ("File(s) exceed the maximum allowed size…", "Invalid file type…"), so:

- :func:`transport_limit_mb` is what ``launch(max_file_size=…)`` gets: well above ``MAX_UPLOAD_MB``, only a
  hard stop against absurd uploads. Files between the two limits reach the :func:`upload_box`, which refuses them
  in Chinese.
- :func:`upload_box` makes a ``gr.File`` that keeps ``file_types`` as the browser's file-picker filter and checks
  type and size itself (Chinese) before gradio's English type check can run.
- :func:`guard_script` is a ``<head>`` script that checks files picked or dropped in the browser against the
  box's ``accept`` list and ``MAX_UPLOAD_MB`` before gradio's front end does, and shows the Chinese message.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any, Iterable, Optional

import gradio as gr
from gradio.data_classes import FileData, ListFiles

from report.parse import limits
from ui.actions_data import upload_problem
from ui.services import UserError


def _in_upload_cache(path: Path) -> bool:
    from gradio.utils import get_upload_folder

    try:
        return path.resolve().is_relative_to(Path(get_upload_folder()).resolve())
    except (OSError, ValueError):
        return False


def discard(path: Any) -> None:
    """Delete a refused upload from gradio's upload cache (files elsewhere are never touched)."""
    p = Path(str(path))
    if _in_upload_cache(p):
        p.unlink(missing_ok=True)


def transport_limit_mb(max_upload_mb: float) -> int:
    """Gradio's hard upload limit: twice the staff-facing limit plus 10 MB (so oversized files get our message)."""
    return int(max_upload_mb) * 2 + 10


def _refuse_in_chinese(payload: ListFiles | FileData | None, allowed: tuple[str, ...], limit_mb: float) -> None:
    """Raise a Chinese ``gr.Error`` when an uploaded file has the wrong type or is too large."""
    items = list(payload) if isinstance(payload, ListFiles) else ([payload] if payload is not None else [])
    for f in items:
        path = Path(f.path)
        name = f.orig_name or path.name
        size = path.stat().st_size if path.is_file() else f.size
        # the type is checked on the name the user sees and on the stored name (the one gradio checks)
        problem = upload_problem(name, size, allowed, limit_mb) or upload_problem(path.name, None, allowed, limit_mb)
        if problem:
            for other in items:  # nothing of a refused upload stays in gradio's cache
                discard(other.path)
            raise gr.Error(problem, title="无法上传", print_exception=False)


_SCRIPT = """<script>
(() => {
  const LIMIT_MB = __LIMIT__;
  function toast(text) {
    let box = document.getElementById("nb-upload-toast");
    if (!box) {
      box = document.createElement("div");
      box.id = "nb-upload-toast";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;top:16px;right:16px;z-index:10000;max-width:460px;padding:10px 14px;" +
        "background:#fde2e1;border:1px solid #d33;border-radius:6px;font-size:14px;box-shadow:0 2px 8px #0003";
      box.title = "点击关闭";
      box.addEventListener("click", () => { box.style.display = "none"; });
      document.body.appendChild(box);
    }
    box.textContent = "无法上传：" + text;
    box.style.display = "block";
    clearTimeout(box._hide);
    box._hide = setTimeout(() => { box.style.display = "none"; }, 12000);
  }
  function problem(files, input) {
    const allowed = ((input && input.getAttribute("accept")) || "").split(",")
      .map((s) => s.trim().toLowerCase()).filter((s) => s.startsWith("."));
    for (const f of files) {
      const dot = f.name.lastIndexOf(".");
      const ext = dot > 0 ? f.name.slice(dot).toLowerCase() : "";
      if (allowed.length && !allowed.includes(ext)) {
        return "不支持的文件类型“" + (ext || "无扩展名") + "”（" + f.name + "）。请上传以下格式：" + allowed.join("、") + "。";
      }
      if (f.size > LIMIT_MB * 1048576) {
        return "文件 " + f.name + " 有 " + (f.size / 1048576).toFixed(1) + " MB，超过上限 " + LIMIT_MB +
          " MB（MAX_UPLOAD_MB），请压缩或拆分后再上传。";
      }
    }
    return null;
  }
  function hide() {
    const box = document.getElementById("nb-upload-toast");
    if (box) box.style.display = "none";
  }
  function stop(ev, text) {
    ev.preventDefault();
    ev.stopImmediatePropagation();
    toast(text);
  }
  document.addEventListener("change", (ev) => {
    const input = ev.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.files) return;
    const text = problem(input.files, input);
    if (text) { stop(ev, text); input.value = ""; } else { hide(); }
  }, true);
  document.addEventListener("drop", (ev) => {
    const files = ev.dataTransfer && ev.dataTransfer.files;
    if (!files || !files.length || !(ev.target instanceof Element)) return;
    let node = ev.target, input = null;
    while (node && !input) { input = node.querySelector && node.querySelector("input[type=file]"); node = node.parentElement; }
    const text = problem(files, input);
    if (text) { stop(ev, text); } else { hide(); }
  }, true);
})();
</script>"""


def guard_script(limit_mb: float) -> str:
    """The ``<head>`` script that checks uploads in the browser (Chinese message, before gradio's English one)."""
    return _SCRIPT.replace("__LIMIT__", json.dumps(int(limit_mb)))


def upload_box(*, allowed: Iterable[str], limit_mb: float, **kwargs: Any) -> gr.File:
    """A ``gr.File`` (``type="filepath"``) whose file dialog offers only ``allowed`` extensions and which refuses a
    wrong type or a file over ``limit_mb`` with a Chinese message, before gradio's own (English) type check.

    The check wraps this instance's ``preprocess`` (gradio looks the method up on the instance). A ``gr.File``
    subclass would do the same, but gradio writes a ``.pyi`` file next to any module defining one.
    """
    allowed = tuple(a.lower() for a in allowed)
    box = gr.File(file_types=list(allowed), type="filepath", **kwargs)
    inner = box.preprocess

    def preprocess(payload: Any) -> Any:
        _refuse_in_chinese(payload, allowed, limit_mb)
        return inner(payload)

    box.preprocess = preprocess  # type: ignore[method-assign]
    return box


def _zip_name(m: zipfile.ZipInfo) -> str:
    if m.flag_bits & 0x800:
        return m.filename
    try:  # Windows zips name files in GBK without the UTF-8 flag
        return m.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.filename


def unpack_zip(path: Path, workdir: Path, exts: Iterable[str], limit_mb: float,
               package: Optional[limits.PackageLimits] = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """The report files of a zip archive, unpacked under ``workdir`` (names flattened against zip-slip), and the
    members refused with their Chinese reason. The archive's directory is checked against
    :data:`report.parse.limits.ZIP` first (member count, uncompressed size, compression ratio); each member is
    copied in bounded chunks, never past its declared size nor past ``limit_mb``."""
    package = package or limits.ZIP
    exts = tuple(exts)
    infos = limits.package_members(path, package, path.name)  # InputTooLarge for a bomb
    out: list[Path] = []
    refused: list[tuple[str, str]] = []
    budget = package.max_total
    try:
        with zipfile.ZipFile(path) as zf:
            for i, m in enumerate(x for x in infos if not x.is_dir()):
                name = Path(_zip_name(m)).name
                shown = f"{path.name}/{name}"
                if Path(name).suffix.lower() not in exts:
                    continue
                if m.file_size > limit_mb * 1024 * 1024:
                    refused.append((shown, f"解压后 {m.file_size / 1048576:.1f} MB，超过 {int(limit_mb)} MB 上限。"))
                    continue
                if m.file_size == 0:
                    refused.append((shown, "是空文件。"))
                    continue
                budget -= m.file_size
                if budget < 0:
                    refused.append((shown, "压缩包解压后的总大小超过上限，其余文件未审核。"))
                    break
                target = workdir / f"{i:04d}_{name}"
                with zf.open(m) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1024 * 1024)
                out.append(target)
    except zipfile.BadZipFile:
        raise UserError(f"{path.name} 不是有效的 zip 压缩包（或已损坏），请重新打包后上传。") from None
    return out, refused
