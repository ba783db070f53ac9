"""Per-user data over HTTP with login: uploads belong to their owner, the bundled corpus is read-only, deleting is
owner-only; without login the app binds 127.0.0.1 only and says so; failed logins slow down."""

import time

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from conftest import FIXTURES
from ui.auth import SlowLogin, safe_bind
from ui.testing import start_app


@pytest.fixture(scope="module")
def two_users(tmp_path_factory):
    demo, svc, url = start_app(tmp_path_factory.mktemp("data"), env={"GRADIO_AUTH": "amy:pass-amy-1,ben:pass-ben-1"})
    yield (Client(url, auth=("amy", "pass-amy-1"), verbose=False),
           Client(url, auth=("ben", "pass-ben-1"), verbose=False), svc)
    demo.close()


def test_uploads_are_private_and_deletable_by_their_owner_only(two_users, tmp_path):
    amy, ben, _svc = two_users
    note = tmp_path / "甲单位内部制度.md"
    note.write_text("# 甲单位内部制度\n\n第一条 依申请公开由综合科统一登记，三个工作日内转交承办科室办理。\n", encoding="utf-8")
    status, docs = amy.predict([handle_file(str(note))], api_name="/kb_upload")
    assert "新增 1 份" in status
    mine = next(r for r in docs["data"] if "甲单位内部制度" in r[3])
    theirs = ben.predict(api_name="/kb_list")["data"]
    assert all(r[0] != mine[0] for r in theirs)  # not listed for ben
    assert any("条例" in r[1] for r in theirs)  # the bundled corpus is for everyone
    with pytest.raises(AppError, match="没有编号"):
        ben.predict(mine[0], api_name="/kb_delete")
    assert any(r[0] == mine[0] for r in amy.predict(api_name="/kb_list")["data"])
    status, _ = amy.predict(mine[0], api_name="/kb_delete")
    assert "已删除" in status


def test_bundled_regulation_is_read_only(two_users):
    amy, ben, svc = two_users
    reg = next(r for r in amy.predict(api_name="/kb_list")["data"] if "条例" in r[1])
    for client in (amy, ben):
        with pytest.raises(AppError, match="只读"):
            client.predict(reg[0], api_name="/kb_delete")
    assert svc.kb().has_document(reg[0])  # still there


def test_other_users_upload_is_never_a_search_hit(two_users, tmp_path):
    amy, _ben, svc = two_users
    note = tmp_path / "乙单位保密安排.md"
    note.write_text("# 乙单位保密安排\n\n紫藤花园项目的依申请公开材料由档案室统一保管，查询须经分管领导同意。\n", encoding="utf-8")
    amy.predict([handle_file(str(note))], api_name="/kb_upload")
    kb = svc.kb()
    viewer = kb.viewer
    try:
        kb.viewer = lambda: "amy"
        assert any("紫藤花园" in h.text for h in kb.search("紫藤花园 依申请公开材料", k=5))
        kb.viewer = lambda: "ben"
        assert not any("紫藤花园" in h.text for h in kb.search("紫藤花园 依申请公开材料", k=5))
    finally:
        kb.viewer = viewer


def test_without_login_only_loopback(tmp_path):
    assert safe_bind("0.0.0.0", False)[0] == "127.0.0.1" and "GRADIO_AUTH" in safe_bind("0.0.0.0", False)[1]
    assert safe_bind("0.0.0.0", True) == ("0.0.0.0", None)
    assert safe_bind("127.0.0.1", False) == ("127.0.0.1", None)
    demo, svc, _url = start_app(tmp_path / "data", env={"GRADIO_SERVER_NAME": "0.0.0.0"})
    try:
        assert demo.server_name == "127.0.0.1"
        assert "只在 127.0.0.1 上提供服务" in svc.banner()
    finally:
        demo.close()


def test_failed_logins_slow_down():
    login = SlowLogin([("amy", "right-pass")], base_delay=0.1, max_delay=0.4)
    assert login("amy", "right-pass")
    delays = []
    for _ in range(4):
        t0 = time.perf_counter()
        assert not login("amy", "wrong")
        delays.append(time.perf_counter() - t0)
    assert delays[0] >= 0.09 and delays[1] >= 0.19 and delays[3] >= 0.39 and delays[3] < 0.6
    assert not login("nobody", "") and not login("amy", "")
    assert login("amy", "right-pass") and login.delay_for("amy") == 0.0  # a success resets


def test_same_bytes_uploaded_by_two_users_are_two_documents(two_users, tmp_path):
    amy, ben, svc = two_users
    note = tmp_path / "共用制度.md"
    note.write_text("# 共用制度\n\n第一条 政府信息公开申请由办公室统一受理，登记后当日转交，银杏巷档案一律留存备查。\n",
                    encoding="utf-8")
    status_a, docs_a = amy.predict([handle_file(str(note))], api_name="/kb_upload")
    status_b, docs_b = ben.predict([handle_file(str(note))], api_name="/kb_upload")
    assert "新增 1 份" in status_a and "新增 1 份" in status_b  # not 「此前已导入」 for ben
    a_id = next(r[0] for r in docs_a["data"] if r[3] == note.name)
    b_id = next(r[0] for r in docs_b["data"] if r[3] == note.name)
    assert a_id != b_id
    assert [r[0] for r in amy.predict(api_name="/kb_list")["data"] if r[3] == note.name] == [a_id]
    assert [r[0] for r in ben.predict(api_name="/kb_list")["data"] if r[3] == note.name] == [b_id]
    with pytest.raises(AppError, match="没有编号"):
        ben.predict(a_id, api_name="/kb_delete")
    assert "已删除" in ben.predict(b_id, api_name="/kb_delete")[0]
    assert [r[0] for r in amy.predict(api_name="/kb_list")["data"] if r[3] == note.name] == [a_id]
    assert not [r for r in ben.predict(api_name="/kb_list")["data"] if r[3] == note.name]
    kb = svc.kb()
    viewer = kb.viewer
    try:
        kb.viewer = lambda: "amy"
        assert any("银杏巷" in h.text for h in kb.search("银杏巷档案 留存备查", k=5))
        kb.viewer = lambda: "ben"
        assert not any("银杏巷" in h.text for h in kb.search("银杏巷档案 留存备查", k=5))
    finally:
        kb.viewer = viewer


def test_an_uploaded_annual_report_is_its_uploaders_and_deletable(two_users, tmp_path):
    amy, ben, _svc = two_users
    report = tmp_path / "某县2021年报.txt"
    report.write_bytes((FIXTURES / "001_changsha_furongqu_2021.txt").read_bytes())
    status, docs = amy.predict([handle_file(str(report))], api_name="/kb_upload")
    assert "新增 1 份" in status
    row = next(r for r in docs["data"] if r[3] == report.name)
    assert row[2] == "年报"
    assert not [r for r in ben.predict(api_name="/kb_list")["data"] if r[0] == row[0]]
    ben_reports = ben.predict(api_name="/kb_reports")
    assert row[0] not in str(ben_reports) and row[0] in str(amy.predict(api_name="/kb_reports"))
    with pytest.raises(AppError, match="没有编号"):
        ben.predict(row[0], api_name="/kb_delete")
    assert "已删除" in amy.predict(row[0], api_name="/kb_delete")[0]  # an upload, not read-only
