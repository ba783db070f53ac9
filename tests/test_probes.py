"""Probes as an attacker and a busy January would run them (loopback only, bounded, fast enough for CI): the bombs,
a stalled and a dripping model through the app, two users, kill -9 during saves. Each hostile upload must get a
Chinese refusal within 30 s with little memory; the app's other work must not wait for a stalled model."""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from conftest import FIXTURES
from hostile_files import docx_bomb, huge_workbook, many_pages_pdf, zip_bomb
from stub_openai import Drip, Raw, StubOpenAI
from ui.testing import start_app

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
SAMPLE = FIXTURES / "truth" / "002_huaian_shi_2024.json"


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    d = tmp_path_factory.mktemp("bombs")
    return {
        "docx": docx_bomb(d / "年报.docx", document_mb=430),
        "zip": zip_bomb(d / "年报合集.zip", members=25, member_mb=45),
        "xlsx": huge_workbook(d / "填报.xlsx", rows=1_000_000),
        "pdf": many_pages_pdf(d / "年报.pdf", pages=5000),
    }


def _in_child(code: str) -> tuple[str, float, float]:
    """Run ``code`` in a fresh interpreter -> (its output, seconds, its peak RSS in MB)."""
    # VmHWM: this process's own peak (ru_maxrss would count the forking parent's memory too)
    wrapper = (f"import sys\nsys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]\n{code}\n"
               "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')][0]\n"
               "print('RSS', int(hwm.split()[1]) / 1024)")
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, timeout=120, cwd=ROOT)
    took = time.monotonic() - t0
    assert out.returncode == 0, out.stderr[-2000:]
    rss = float(out.stdout.strip().rsplit("RSS", 1)[1])
    return out.stdout, took, rss


def test_the_bombs_are_small_on_disk(bombs):
    assert bombs["docx"].stat().st_size < 3 * MB  # 430 MB inflated
    assert bombs["zip"].stat().st_size < 12 * MB  # 1.1 GB inflated


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_parser_refuses_fast_with_little_memory(bombs, kind):
    out, took, rss = _in_child(
        "from report.parse import parse_file\nfrom report.parse.limits import InputTooLarge\n"
        f"try:\n    parse_file({str(bombs[kind])!r})\nexcept InputTooLarge as e:\n    print('REFUSED', e.message_zh)\n")
    assert "REFUSED" in out and "拒绝" in out
    assert took < 30 and rss < 400  # the interpreter with its imports is ~100 MB


def test_workbook_of_a_million_rows_is_refused_fast(bombs):
    out, took, rss = _in_child(
        "from report.export.xlsx import read_filled, XlsxTemplateError\n"
        f"try:\n    read_filled({str(bombs['xlsx'])!r})\nexcept XlsxTemplateError as e:\n    print('REFUSED', e)\n")
    assert "REFUSED" in out and "填报模板" in out
    assert took < 30 and rss < 400


def test_knowledge_upload_refuses_pdf_and_docx_bombs_fast(bombs):
    out, took, rss = _in_child(
        "from knowledge.uploads import read_upload, UploadRefused\n"
        f"for p in ({str(bombs['pdf'])!r}, {str(bombs['docx'])!r}):\n"
        "    try:\n        read_upload(p, 50)\n    except UploadRefused as e:\n        print('REFUSED', e)\n")
    assert out.count("REFUSED") == 2
    assert took < 30 and rss < 400


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    demo, svc, url = start_app(data, env={"MAX_UPLOAD_MB": "50"})
    yield Client(url, verbose=False), svc, data
    demo.close()


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_hostile_uploads_through_the_app(app, bombs):
    client, _svc, data = app
    before = _size(data)
    pid = client.predict(api_name="/new_project")[0]
    t0 = time.monotonic()
    summary, _files, _html = client.predict([handle_file(str(bombs["zip"])), handle_file(str(SAMPLE))],
                                            api_name="/audit")
    rows = {r[0]: r for r in summary["data"]}
    assert "拒绝" in " ".join(map(str, rows["年报合集.zip"])) and SAMPLE.name in rows
    with pytest.raises(AppError, match="拒绝"):
        client.predict(pid, handle_file(str(bombs["docx"])), api_name="/parse_upload")
    with pytest.raises(AppError, match="填报模板"):
        client.predict(pid, handle_file(str(bombs["xlsx"])), api_name="/upload_xlsx")
    status, _docs = client.predict([handle_file(str(bombs["pdf"])), handle_file(str(bombs["docx"]))],
                                   api_name="/kb_upload")
    assert status.count("拒绝") == 2
    assert time.monotonic() - t0 < 60  # four hostile uploads, each refused in seconds
    assert _size(data) - before < 100 * MB  # DATA_DIR grew by a summary file or two, not by the bombs
    assert not list((data / "tmp").iterdir())


def test_stalled_and_dripping_model_through_the_app_and_audits_do_not_wait(tmp_path):
    with StubOpenAI() as stub:
        stub.push(*[Raw(200, "{}", delay=60.0)] * 3, Drip(interval=1.0), Drip(interval=1.0))
        demo, svc, url = start_app(tmp_path / "data", env={"OPENAI_BASE_URL": stub.base_url,
                                                           "LLM_CHAT_DEADLINE": "10", "LLM_MAX_RETRIES": "0"})
        try:
            pid = Client(url, verbose=False).predict(api_name="/new_project")[0]
            replies: list[tuple[float, str]] = []

            def ask() -> None:
                t0 = time.monotonic()
                reply = Client(url, verbose=False).predict("依申请公开的答复期限是多少？", pid, api_name="/chat")
                replies.append((time.monotonic() - t0, reply))

            askers = [threading.Thread(target=ask) for _ in range(4)]
            for t in askers:
                t.start()
            time.sleep(1.0)  # the chats are now waiting on the model
            t0 = time.monotonic()
            summary, _f, _h = Client(url, verbose=False).predict([handle_file(str(SAMPLE))], api_name="/audit")
            audit_took = time.monotonic() - t0
            for t in askers:
                t.join(30)
        finally:
            demo.close()
    # offline work did not queue behind the model: behind the chats it would take their 10 s deadline (9 s after it
    # was sent) plus its own time; alone it takes a second or two, a few on a loaded machine
    assert len(summary["data"]) == 1 and audit_took < 7.0
    assert len(replies) == 4
    for took, reply in replies:
        # the 10 s deadline plus the offline answer (a few seconds on a loaded machine), never the stalled 60 s
        assert 9.0 < took < 25.0
        assert ("没有答完" in reply or "响应超时" in reply) and "第三十三条" in reply  # Chinese notice, then the offline answer


def test_two_users_cannot_touch_each_others_projects(tmp_path):
    demo, _svc, url = start_app(tmp_path / "data", env={"GRADIO_AUTH": "amy:pass-amy-1,ben:pass-ben-1"})
    try:
        amy = Client(url, auth=("amy", "pass-amy-1"), verbose=False)
        ben = Client(url, auth=("ben", "pass-ben-1"), verbose=False)
        pid = amy.predict(api_name="/new_project")[0]
        amy.predict(pid, "甲县人民政府", 2025, api_name="/set_meta")
        for args, api in (((pid,), "/open_project"), ((pid, "乙", 2025), "/set_meta"), ((pid,), "/export_docx"),
                          ((pid,), "/trend")):
            with pytest.raises(AppError):
                ben.predict(*args, api_name=api)
        assert amy.predict(pid, api_name="/open_project")[1] == "甲县人民政府"
    finally:
        demo.close()


_SAVER = """
import sys
sys.path[:0] = [{root!r}]
from report.claims import Fact
from ui.projects import ProjectStore
store = ProjectStore({root_dir!r})
pid = sys.argv[1]
def add(p):
    p.facts.append(Fact(id=f"F{{len(p.facts) + 1}}", label="事实" * 200, value=len(p.facts) + 1))
    p.accepted["一"] = "正文" * 3000 + str(len(p.facts))
while True:
    n = len(store.update(pid, add, "local").facts)
    print(n, flush=True)
"""


def test_kill_9_during_saves_loses_no_acknowledged_edit(tmp_path):
    from ui.projects import ProjectStore

    root = tmp_path / "projects"
    store = ProjectStore(root)
    pid = store.create(owner="local").id
    script = tmp_path / "saver.py"
    script.write_text(_SAVER.format(root=str(ROOT), root_dir=str(root)), encoding="utf-8")
    rnd = random.Random(15)
    for _run in range(20):
        proc = subprocess.Popen([sys.executable, str(script), pid], stdout=subprocess.PIPE, text=True)
        acked, first = 0, 0
        stop_at = 0.0  # from the first acknowledged save (the interpreter's start-up is not part of the window)
        assert proc.stdout is not None
        while True:
            line = proc.stdout.readline()
            if line.strip():
                acked = int(line)
                if not first:
                    first, stop_at = acked, time.monotonic() + rnd.uniform(0.05, 0.4)
            if first and time.monotonic() > stop_at:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        stored = ProjectStore(root).load(pid, "local")
        assert len(stored.facts) >= acked  # every edit reported saved is there
        assert stored.accepted["一"].endswith(str(len(stored.facts)))  # and the project is consistent
    with store.db.tx() as run:
        assert run("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(tmp_path.glob("**/*.tmp"))


def test_refused_uploads_do_not_stay_in_gradios_cache(app, tmp_path):
    from gradio.utils import get_upload_folder

    client, _svc, _data = app
    name = f"refused_{os.getpid()}_{time.time_ns()}.rar"
    bad = tmp_path / name
    bad.write_bytes(b"Rar!" * 100)
    with pytest.raises(AppError, match="不支持的文件类型"):
        client.predict([handle_file(str(bad))], api_name="/audit")
    assert not list(Path(get_upload_folder()).rglob(name))


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS")) / 1024


def test_a_docx_within_every_limit_that_runs_away_is_refused_through_the_app(tmp_path):
    """A .docx under every declared limit (12 MB document.xml, an ordinary ratio) whose paragraphs make python-docx
    build a tree far larger than the file: with PARSE_MEMORY_MB=120 each upload path refuses it in Chinese, the
    parse ends in its child process and the server's memory does not grow."""
    from hostile_files import dense_docx

    path = dense_docx(tmp_path / "密集年报.docx", document_mb=12)
    demo, _svc, url = start_app(tmp_path / "data", env={"MAX_UPLOAD_MB": "50", "PARSE_MEMORY_MB": "120",
                                                       "PARSE_SECONDS": "25"})
    try:
        client = Client(url, verbose=False)
        pid = client.predict(api_name="/new_project")[0]
        before = _rss_mb()
        t0 = time.monotonic()
        with pytest.raises(AppError, match="所需内存超过上限 120 MB"):
            client.predict(pid, handle_file(str(path)), api_name="/parse_upload")
        first = time.monotonic() - t0
        summary, _f, _h = client.predict([handle_file(str(path)), handle_file(str(SAMPLE))], api_name="/audit")
        rows = {r[0]: " ".join(map(str, r)) for r in summary["data"]}
        status, _docs = client.predict([handle_file(str(path))], api_name="/kb_upload")
        grew = _rss_mb() - before
    finally:
        demo.close()
    assert first < 30
    assert "内存超过上限" in rows[path.name] and SAMPLE.name in rows  # the batch went on
    assert "内存超过上限" in status and "未导入" in status
    assert grew < 60  # the tree was built (and dropped) in the child, not here
