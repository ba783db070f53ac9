"""Parsers of uploaded files run in a bounded child process (ui/sandbox.py): a file that passes the size pre-checks
but makes its parser run away is refused in Chinese within the limits, and the server's own memory does not grow."""

import os
import time

import pytest

from hostile_files import dense_docx
from report.model.errors import UnreadableInput
from report.parse.limits import DOCX, ParseRunaway, check_package
from report.usecases import AuditInputError, audit_file, load_report
from ui.sandbox import run_bounded

MB = 1024 * 1024


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS")) / 1024


def hog_memory(step_mb: int) -> int:
    """Allocates until something stops it."""
    blocks = []
    while True:
        blocks.append(bytearray(step_mb * MB))
        blocks[-1][::4096] = b"x" * len(range(0, step_mb * MB, 4096))


def spin() -> None:
    while True:
        time.sleep(0.01)


def die_hard() -> None:
    os._exit(3)


def refuse_in_chinese() -> None:
    raise AuditInputError("文件 x.txt 是空的，没有可审核的内容。")


def test_result_comes_back_from_the_child():
    rep = run_bounded(load_report, "tests/fixtures/truth/002_huaian_shi_2024.json", name="a.json",
                      memory_mb=512, seconds=20)
    assert rep.agency and rep.year == 2024
    assert os.getpid() != run_bounded(os.getpid, name="pid", memory_mb=64, seconds=20)


def test_memory_ceiling_refuses_and_the_parent_does_not_grow():
    before = _rss_mb()
    t0 = time.monotonic()
    with pytest.raises(ParseRunaway, match="内存超过上限 200 MB") as info:
        run_bounded(hog_memory, 20, name="炸弹.docx", memory_mb=200, seconds=20)
    assert time.monotonic() - t0 < 10
    assert "炸弹.docx" in info.value.message_zh and isinstance(info.value, UnreadableInput)
    assert _rss_mb() - before < 20


def test_wall_clock_limit_kills_the_child():
    t0 = time.monotonic()
    with pytest.raises(ParseRunaway, match="1.5 秒内未能读完"):
        run_bounded(spin, name="慢.pdf", memory_mb=100, seconds=1.5)
    assert time.monotonic() - t0 < 4


def test_a_dying_child_is_a_refusal_and_errors_keep_their_type():
    with pytest.raises(ParseRunaway, match="异常退出"):
        run_bounded(die_hard, name="坏.docx", memory_mb=100, seconds=10)
    with pytest.raises(AuditInputError, match="是空的"):
        run_bounded(refuse_in_chinese, name="x.txt", memory_mb=100, seconds=10)


def test_a_docx_within_every_declared_limit_that_still_runs_away(tmp_path):
    path = dense_docx(tmp_path / "年报.docx", document_mb=12)
    check_package(path.read_bytes(), DOCX, path.name)  # passes the pre-checks
    before = _rss_mb()
    t0 = time.monotonic()
    entry = None
    with pytest.raises(ParseRunaway, match="年报.docx"):
        entry = run_bounded(audit_file, path, name=path.name, memory_mb=120, seconds=25)
    assert entry is None and time.monotonic() - t0 < 30
    assert _rss_mb() - before < 20
