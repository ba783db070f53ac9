"""Every size limit at, just under and just over it — each layer on its own, not one through another.

Layers: the staff-facing upload check (``ui.actions_data.upload_problem`` and ``check_upload``), gradio's upload
hook (``ui.uploads._refuse_in_chinese``), gradio's transport limit and the browser guard's limit
(``transport_limit_mb``, ``guard_script``), zip members in the audit tab (``ui.actions_review.expand_uploads``),
knowledge-base uploads (``knowledge.uploads.check_size``), the parser's input cap (``report.parse``:
``parse_file``/``parse_bytes``/``parse_text``) and the default ``MAX_UPLOAD_MB`` itself. Files are sparse
(``truncate``), so a 5 MB file costs nothing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from knowledge.uploads import DEFAULT_MAX_MB, UploadRefused, check_size
from report.parse import ReportParseError, reader
from report.parse.normalize import MAX_INPUT_BYTES
from settings import Settings
from ui import actions_data
from ui.services import UserError
from ui.uploads import _refuse_in_chinese, guard_script, transport_limit_mb

MB = 1024 * 1024
LIMIT_MB = 5
SIZES = {"under": LIMIT_MB * MB - 1, "at": LIMIT_MB * MB, "over": LIMIT_MB * MB + 1}


def sized(tmp_path: Path, name: str, size: int) -> Path:
    p = tmp_path / name
    with open(p, "wb") as fh:
        fh.truncate(size)
    return p


def svc(limit_mb: int = LIMIT_MB) -> SimpleNamespace:
    return SimpleNamespace(settings=SimpleNamespace(max_upload_mb=limit_mb))


# ---------------------------------------------------------------- the default
def test_default_upload_limit_is_50_mb_and_read_from_the_environment(monkeypatch):
    monkeypatch.delenv("MAX_UPLOAD_MB", raising=False)
    assert Settings(_env_file=None).max_upload_mb == 50
    monkeypatch.setenv("MAX_UPLOAD_MB", "7")
    assert Settings(_env_file=None).max_upload_mb == 7
    assert DEFAULT_MAX_MB == 50 and MAX_INPUT_BYTES == 50 * MB


# ---------------------------------------------------------------- ui.actions_data.upload_problem (pure)
@pytest.mark.parametrize("where", ["under", "at"])
def test_upload_problem_accepts_up_to_the_limit(where):
    assert actions_data.upload_problem("年报.txt", SIZES[where], (".txt",), LIMIT_MB) is None


def test_upload_problem_refuses_one_byte_over():
    assert actions_data.upload_problem("年报.txt", SIZES["over"], (".txt",), LIMIT_MB) == (
        "文件 年报.txt 有 5.0 MB，超过上限 5 MB（MAX_UPLOAD_MB），请压缩或拆分后再上传。")


def test_upload_problem_refuses_empty_and_wrong_type_and_skips_size_when_unknown():
    assert actions_data.upload_problem("年报.txt", 0, (".txt",), LIMIT_MB) == "文件 年报.txt 是空文件，请检查后重新上传。"
    assert actions_data.upload_problem("年报.txt", 1, (".txt",), LIMIT_MB) is None
    assert actions_data.upload_problem("年报.txt", None, (".txt",), LIMIT_MB) is None
    assert actions_data.upload_problem("a.exe", 1, (".txt", ".pdf"), LIMIT_MB) == (
        "不支持的文件类型“.exe”（a.exe）。请上传以下格式：.txt、.pdf。")


# ---------------------------------------------------------------- ui.actions_data.check_upload (a saved file)
@pytest.mark.parametrize("where", ["under", "at"])
def test_check_upload_accepts_a_saved_file_up_to_the_limit(tmp_path, where):
    p = sized(tmp_path, "年报.txt", SIZES[where])
    assert actions_data.check_upload(svc(), str(p), (".txt",)) == p


def test_check_upload_refuses_a_saved_file_one_byte_over(tmp_path):
    p = sized(tmp_path, "年报.txt", SIZES["over"])
    with pytest.raises(UserError, match=r"^文件 年报.txt 有 5.0 MB，超过上限 5 MB"):
        actions_data.check_upload(svc(), str(p), (".txt",))


def test_check_upload_uses_the_configured_limit(tmp_path):
    p = sized(tmp_path, "年报.txt", SIZES["over"])
    assert actions_data.check_upload(svc(6), str(p), (".txt",)) == p


# ---------------------------------------------------------------- ui.uploads: gradio's hook, transport, browser
def _filedata(path: Path, size: int):
    from gradio.data_classes import FileData

    return FileData(path=str(path), orig_name="原文件名.txt", size=size)


@pytest.mark.parametrize("where", ["under", "at"])
def test_gradio_hook_accepts_up_to_the_limit(tmp_path, where):
    p = sized(tmp_path, "stored.txt", SIZES[where])
    assert _refuse_in_chinese(_filedata(p, SIZES[where]), (".txt",), LIMIT_MB) is None


def test_gradio_hook_refuses_one_byte_over_naming_the_users_file(tmp_path):
    import gradio as gr

    p = sized(tmp_path, "stored.txt", SIZES["over"])
    with pytest.raises(gr.Error) as exc:
        _refuse_in_chinese(_filedata(p, SIZES["over"]), (".txt",), LIMIT_MB)
    assert exc.value.message == "文件 原文件名.txt 有 5.0 MB，超过上限 5 MB（MAX_UPLOAD_MB），请压缩或拆分后再上传。"


def test_gradio_hook_reads_the_size_of_the_stored_file_not_the_claimed_one(tmp_path):
    import gradio as gr

    p = sized(tmp_path, "stored.txt", SIZES["over"])
    with pytest.raises(gr.Error, match="超过上限 5 MB"):
        _refuse_in_chinese(_filedata(p, 10), (".txt",), LIMIT_MB)


def test_transport_limit_sits_above_the_staff_limit():
    assert [transport_limit_mb(m) for m in (5, 50, 50.9)] == [20, 110, 110]


def test_browser_guard_gets_the_limit():
    script = guard_script(LIMIT_MB)
    assert "const LIMIT_MB = 5;" in script and "__LIMIT__" not in script
    assert "f.size > LIMIT_MB * 1048576" in script  # strictly over: a file of exactly the limit passes, as on the server


# ---------------------------------------------------------------- ui.actions_review: members of an audit zip
def _zip_with(tmp_path: Path, size: int) -> Path:
    z = tmp_path / "批量.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("年报.txt", b" " * size)
    return z




@pytest.mark.parametrize("where", ["under", "at"])
def test_knowledge_upload_up_to_the_limit(tmp_path, where):
    assert check_size(sized(tmp_path, "制度.txt", SIZES[where]), LIMIT_MB) is None


def test_knowledge_upload_one_byte_over_and_empty_are_refused(tmp_path):
    with pytest.raises(UploadRefused, match=r"^文件《制度.txt》大小为 5.0 MB，超过 5 MB 的上限，未导入。"):
        check_size(sized(tmp_path, "制度.txt", SIZES["over"]), LIMIT_MB)
    with pytest.raises(UploadRefused, match=r"^文件《空.txt》是空文件，未导入。$"):
        check_size(sized(tmp_path, "空.txt", 0), LIMIT_MB)


# ---------------------------------------------------------------- report.parse: the input cap
# The real cap is 50 MB; the comparison is tested at a small cap (the module constant patched) so no test parses
# 50 MB of text. A file one byte over the real cap is refused before it is read (tests/test_parse.py).
CAP = 4096
TOO_BIG = "文件超过 50 MB"
UNREADABLE = "未在文件中找到政府信息公开工作年度报告的内容"  # past the size check: the next check speaks


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(reader, "MAX_INPUT_BYTES", CAP)


@pytest.mark.parametrize(("size", "reason"), [(CAP - 1, UNREADABLE), (CAP, UNREADABLE), (CAP + 1, TOO_BIG)])
def test_parse_file_cap(tmp_path, small_cap, size, reason):
    p = tmp_path / "x.txt"
    p.write_bytes(b"a" * size)
    with pytest.raises(ReportParseError, match=reason):
        reader.parse_file(p)


@pytest.mark.parametrize(("size", "reason"), [(CAP - 1, UNREADABLE), (CAP, UNREADABLE), (CAP + 1, TOO_BIG)])
def test_parse_bytes_cap(small_cap, size, reason):
    with pytest.raises(ReportParseError, match=reason):
        reader.parse_bytes(b"a" * size)


@pytest.mark.parametrize(("size", "reason"), [(CAP - 1, UNREADABLE), (CAP, UNREADABLE), (CAP + 1, TOO_BIG)])
def test_parse_text_cap(small_cap, size, reason):
    with pytest.raises(ReportParseError, match=reason):
        reader.parse_text("a" * size)
