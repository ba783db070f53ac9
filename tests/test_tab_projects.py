"""我的项目 over HTTP (gradio_client, real app, offline): the list, open, rename, copy for next year, delete with
confirmation; 新建项目 keeps the current project; per-user lists with login."""

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from ui.testing import start_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    demo, svc, url = start_app(tmp_path_factory.mktemp("data"))
    yield Client(url, verbose=False), svc
    demo.close()


def listed(client):
    table, _pick, _status = client.predict(api_name="/list_projects")
    return {row[5]: row for row in table["data"]}


def test_new_project_keeps_the_current_one_and_both_are_listed(app):
    client, _ = app
    first = client.predict(api_name="/new_project")[0]
    client.predict(first, "甲县人民政府", 2024, api_name="/set_meta")
    second = client.predict(api_name="/new_project")[0]
    rows = listed(client)
    assert {first, second} <= set(rows)
    assert rows[first][1:3] == ["甲县人民政府", 2024] and rows[first][4] == "新建"
    back = client.predict(first, api_name="/open_listed_project")
    assert back[0] == first and back[1] == "甲县人民政府"


def test_rename_copy_and_delete_with_confirmation(app):
    client, svc = app
    pid = client.predict(api_name="/new_project")[0]
    client.predict(pid, "乙市人民政府", 2024, api_name="/set_meta")
    client.predict(pid, "乙市 2024 定稿", api_name="/rename_project")
    assert listed(client)[pid][0] == "乙市 2024 定稿"
    out = client.predict(pid, api_name="/copy_project")
    nxt = out[0]
    assert nxt != pid and out[1] == "乙市人民政府" and out[2] == 2025
    assert svc.projects.load(nxt).previous.agency == "乙市人民政府"
    with pytest.raises(AppError, match="勾选"):
        client.predict(pid, False, nxt, api_name="/delete_project")
    assert pid in listed(client)
    with pytest.raises(AppError, match="正在打开"):
        client.predict(pid, True, pid, api_name="/delete_project")
    client.predict(pid, True, nxt, api_name="/delete_project")
    assert pid not in listed(client) and nxt in listed(client)
    with pytest.raises(AppError, match="找不到项目"):
        client.predict(pid, api_name="/open_project")


def test_open_project_with_a_junk_id_creates_nothing(app):
    client, _ = app
    before = set(listed(client))
    for junk in ("nonexistent-id-xyz", "abcdefghij\n", "../../x"):
        with pytest.raises(AppError):
            client.predict(junk, api_name="/open_project")
    assert set(listed(client)) == before


def test_each_user_lists_only_their_own_projects(tmp_path):
    demo, _, url = start_app(tmp_path / "data", env={"GRADIO_AUTH": "amy:pass-amy-1,ben:pass-ben-1"})
    try:
        amy = Client(url, auth=("amy", "pass-amy-1"), verbose=False)
        ben = Client(url, auth=("ben", "pass-ben-1"), verbose=False)
        a = amy.predict(api_name="/new_project")[0]
        b = ben.predict(api_name="/new_project")[0]
        assert a in listed(amy) and b not in listed(amy)
        assert b in listed(ben) and a not in listed(ben)
        for call, args in (("/open_listed_project", (a,)), ("/rename_project", (a, "抢来的")),
                           ("/copy_project", (a,)), ("/delete_project", (a, True, b))):
            with pytest.raises(AppError, match="找不到项目"):
                ben.predict(*args, api_name=call)
        assert listed(amy)[a][0] != "抢来的"
    finally:
        demo.close()
