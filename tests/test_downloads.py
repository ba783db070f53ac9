"""Every file the app serves back is readable by the user who made it only: exports, audit summaries, templates and
uploads, fetched by path over HTTP by two logged-in users (ui/downloads.py)."""

from pathlib import Path

import httpx
import pytest
from gradio_client import Client, handle_file

from conftest import FIXTURES
from ui.downloads import owner_key
from ui.testing import start_app

SAMPLE = FIXTURES / "truth" / "002_huaian_shi_2024.json"
USERS = {"amy": "pass-amy-1", "ben": "pass-ben-1"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    demo, svc, url = start_app(data, env={"GRADIO_AUTH": ",".join(f"{u}:{p}" for u, p in USERS.items())})
    clients = {u: Client(url, auth=(u, p), verbose=False) for u, p in USERS.items()}
    sessions = {}
    for user, pw in USERS.items():
        s = httpx.Client(base_url=url, timeout=30)
        assert s.post("login", data={"username": user, "password": pw}).json() == {"success": True}
        sessions[user] = s
    yield demo, svc, clients, sessions, data
    for s in sessions.values():
        s.close()
    demo.close()


def _served(demo, user: str, suffix: str) -> list[str]:
    """The served (gradio cache) paths recorded as ``user``'s, ending in ``suffix``."""
    key = owner_key(user)
    return [p for p, owners in demo.download_guard._owners.items() if key in owners and p.endswith(suffix)]


def _get(session: httpx.Client, path: str) -> httpx.Response:
    return session.get(f"gradio_api/file={path}")


def test_exports_templates_and_audit_summaries_are_the_makers_only(app):
    demo, _svc, clients, sessions, data = app
    amy = clients["amy"]
    pid = amy.predict(api_name="/new_project")[0]
    amy.predict(pid, "甲县人民政府", 2025, api_name="/set_meta")
    docx, _status = amy.predict(pid, api_name="/export_docx")
    assert Path(docx).stat().st_size > 0  # amy's client fetched it
    amy.predict(pid, api_name="/template_xlsx")
    amy.predict([handle_file(str(SAMPLE))], api_name="/audit")
    served = {s: _served(demo, "amy", s) for s in (".docx", "模板_2025.xlsx", "审核结果.xlsx", "审核明细.csv")}
    for suffix, paths in served.items():
        assert paths, suffix
        for path in paths:
            assert _get(sessions["amy"], path).status_code == 200
            refused = _get(sessions["ben"], path)
            assert refused.status_code == 404 and "不属于当前登录的用户" in refused.text
    # the originals under DATA_DIR (allowed_paths for gradio) are never served directly, to anyone
    originals = [p for p in (data / "exports").rglob("*") if p.is_file()]
    assert originals and all(owner_key("amy") in p.parts for p in originals)
    for p in originals:
        assert _get(sessions["ben"], str(p)).status_code == 404
        assert _get(sessions["amy"], str(p)).status_code == 404
    # ben's own export is his
    pid_b = clients["ben"].predict(api_name="/new_project")[0]
    clients["ben"].predict(pid_b, "乙县人民政府", 2025, api_name="/set_meta")
    clients["ben"].predict(pid_b, api_name="/export_docx")
    mine = _served(demo, "ben", ".docx")
    assert mine and _get(sessions["ben"], mine[0]).status_code == 200
    assert _get(sessions["amy"], mine[0]).status_code == 404


def test_an_upload_is_readable_by_its_uploader_only(app, tmp_path):
    _demo, _svc, _clients, sessions, _data = app
    note = tmp_path / "甲单位内部制度.md"
    note.write_text("# 甲单位内部制度\n\n第一条 依申请公开由综合科统一登记。\n", encoding="utf-8")
    with note.open("rb") as fh:
        r = sessions["amy"].post("gradio_api/upload", files={"files": (note.name, fh, "text/markdown")})
    assert r.status_code == 200
    path = r.json()[0]
    assert _get(sessions["amy"], path).text.startswith("# 甲单位内部制度")
    assert _get(sessions["ben"], path).status_code == 404
    anonymous = httpx.get(f"{sessions['amy'].base_url}gradio_api/file={path}")
    assert anonymous.status_code in (401, 403, 404)
