"""The project store on PostgreSQL (DATABASE_URL): a throwaway cluster on loopback; the store's round trip and
concurrency, then two app processes on one database editing the same project from both."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from gradio_client import Client

from pg_cluster import pg_cluster
from report.claims import Fact
from report.model import Report
from ui.projects import Project, ProjectStore
from ui.testing import free_port, wait_http

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pg_url():
    with pg_cluster() as url:
        yield url


def test_store_round_trip_and_owners_on_postgres(pg_url, tmp_path):
    store = ProjectStore(tmp_path / "projects", pg_url)
    report = Report.blank()
    report.agency, report.year = "丙区人民政府", 2025
    p = store.create(report, owner="amy", previous=Report.blank())
    p.drafts = {"一": "草" * 3000}
    p.accepted = {"一": "草" * 3000}
    p.facts = [Fact(id="F1", label="发布信息", value=12, unit="条")]
    p.record("一", "accepted", "草" * 3000)
    store.save(p)
    back = ProjectStore(tmp_path / "other", pg_url).load(p.id, "amy")  # a second store, same database
    assert {k: v for k, v in back.to_doc().items() if k != "updated"} == \
        {k: v for k, v in p.to_doc().items() if k != "updated"}
    assert back.previous is not None and back.history[0]["text"] == "草" * 3000
    with pytest.raises(Exception, match="找不到项目"):
        store.load(p.id, "ben")
    assert [s.id for s in store.summaries("amy")] == [p.id]


def test_concurrent_updates_on_postgres_lose_nothing(pg_url, tmp_path):
    a, b = ProjectStore(tmp_path / "a", pg_url), ProjectStore(tmp_path / "b", pg_url)
    p = a.create(owner="amy")
    errors: list[Exception] = []

    def add(store: ProjectStore, i: int) -> None:
        def change(x: Project) -> None:
            x.facts.append(Fact(id=f"F{i}", label=f"事实{i}", value=i))

        try:
            store.update(p.id, change, "amy")
        except Exception as exc:  # asserted below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(a if i % 2 else b, i)) for i in range(1, 11)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(int(f.value) for f in a.load(p.id, "amy").facts) == list(range(1, 11))


def _start(data: Path, port: int, url: str) -> subprocess.Popen:
    env = dict(os.environ, DATA_DIR=str(data), GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port),
               OPENAI_BASE_URL="", GRADIO_ANALYTICS_ENABLED="False", DATABASE_URL=url)
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/", timeout=90)
    except TimeoutError:
        proc.kill()
        raise
    return proc


def test_two_app_processes_edit_one_project(pg_url, tmp_path):
    p1, p2 = free_port(), free_port()
    procs = [_start(tmp_path / "d1", p1, pg_url), _start(tmp_path / "d2", p2, pg_url)]
    try:
        c1 = Client(f"http://127.0.0.1:{p1}/", verbose=False)
        c2 = Client(f"http://127.0.0.1:{p2}/", verbose=False)
        out = c1.predict(api_name="/new_project")
        pid = out[0]
        facts_headers = list(out[7]["headers"])
        c1.predict(pid, "丁县人民政府", 2025, api_name="/set_meta")
        seen = c2.predict(pid, api_name="/open_project")  # the other process sees the edit at once
        assert seen[0] == pid and seen[1] == "丁县人民政府"
        c2.predict(pid, {"headers": facts_headers, "data": [["F1", "门户网站发布信息", "88", "条", ""]],
                         "metadata": None}, api_name="/save_facts")
        c1.predict(pid, "丁县人民政府办公室", 2025, api_name="/set_meta")  # edits from both, interleaved
        back = c2.predict(pid, api_name="/open_project")
        assert back[1] == "丁县人民政府办公室"
        assert back[7]["data"][0][:3] == ["F1", "门户网站发布信息", "88"]
        stored = ProjectStore(tmp_path / "x", pg_url).load(pid, "local")
        assert stored.report.agency == "丁县人民政府办公室" and stored.facts[0].value == 88
        assert not (tmp_path / "d1" / "projects.sqlite3").exists()  # nothing went to a local SQLite file
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)
