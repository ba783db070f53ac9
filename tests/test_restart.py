"""kill -9 the app mid-session, restart it on the same DATA_DIR: the project is intact."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from gradio_client import Client

from report.model import labels as L
from ui.projects import ProjectStore
from ui.testing import free_port, wait_http

ROOT = Path(__file__).resolve().parent.parent


def _start(data: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, DATA_DIR=str(data), GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port),
               OPENAI_BASE_URL="", GRADIO_ANALYTICS_ENABLED="False")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/", timeout=60)
    except TimeoutError:
        proc.kill()
        raise
    return proc


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def test_project_survives_kill_9_and_restart(data):
    port = free_port()
    proc = _start(data, port)
    try:
        c = Client(f"http://127.0.0.1:{port}/", verbose=False)
        out = c.predict(api_name="/new_project")
        pid = out[0]
        c.predict(pid, "某某县人民政府", 2025, api_name="/set_meta")
        t2, t3, t4 = ({"headers": out[i]["headers"], "data": out[i]["data"], "metadata": None} for i in (4, 5, 6))
        t3["data"][0][1:] = ["40", "2", "", "", "", "", "42"]
        t4["data"][0][1:] = ["1", "", "", "", "1"]
        c.predict(pid, t2, t3, t4, api_name="/validate_tables")
        facts = {"headers": list(out[7]["headers"]), "data": [["F1", "门户网站发布信息", "1234", "条", "网站后台统计"]],
                 "metadata": None}
        c.predict(pid, facts, api_name="/save_facts")
        # a second user working at the same time
        other = c.predict(api_name="/new_project")[0]
        c.predict(other, "另一单位", 2025, api_name="/set_meta")
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    assert not list(data.glob("**/*.tmp")), "a half-written temp file was left behind"
    port2 = free_port()
    proc2 = _start(data, port2)
    try:
        c2 = Client(f"http://127.0.0.1:{port2}/", verbose=False)
        back = c2.predict(pid, api_name="/open_project")
        assert back[0] == pid
        assert back[1] == "某某县人民政府" and back[2] == 2025
        assert back[5]["data"][0][1:] == ["40", "2", "", "", "", "", "42"]
        assert back[6]["data"][0][1:] == ["1", "", "", "", "1"]
        assert back[7]["data"][0][:4] == ["F1", "门户网站发布信息", "1234", "条"]
        assert c2.predict(other, api_name="/open_project")[1] == "另一单位"
        stored = ProjectStore(data / "projects").load(pid, "local")  # the store the app uses, read directly
        assert stored.report.t3(L.R_NEW, "自然人") == 40
    finally:
        proc2.terminate()
        proc2.wait(timeout=10)
