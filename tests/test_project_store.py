"""The project store the app uses (ui.projects.ProjectStore, SQLite here): a save/reload round trip of every field,
owners, revisions, long texts stored once, concurrent edits, migration of the old JSON files, id checks."""

import json
import threading
import time

import pytest

from conftest import FIXTURES
from report.claims import Fact
from report.model import CellRef, Report
from report.model import labels as L
from ui.projects import BLOB_MIN, Project, ProjectConflict, ProjectError, ProjectStore, valid_id

TRUTH = FIXTURES / "truth" / "001_changsha_furongqu_2021.json"


def truth() -> Report:
    return Report.from_interchange(json.loads(TRUTH.read_text(encoding="utf-8")))


@pytest.fixture
def store(tmp_path):
    return ProjectStore(tmp_path / "projects")


def full_project(store: ProjectStore) -> Project:
    """A project with every field set to something that differs from its default."""
    last = truth()
    this = truth()
    this.year = 2022
    this.set(CellRef.t3(L.R_NEW, "总计"), 151)
    this.sections["一"] = "本年度，我区共收到政府信息公开申请151件。"
    p = store.create(this, owner="alice", name="芙蓉区 2022 年报", previous=last)
    p.facts = [Fact(id="F1", label="门户网站发布信息", value=6352, unit="条", note="后台统计"),
               Fact(id="F2", label="信息处理费", value=18651.06, unit="元")]
    p.drafts = {"一": "草稿一" * 10, "五": "草稿五", "六": "长" * (BLOB_MIN + 5)}
    p.accepted = {"一": this.sections["一"], "六": "长" * (BLOB_MIN + 5)}
    p.record("一", "draft", "第一版草稿")
    p.record("一", "accepted", this.sections["一"])
    return store.save(p)


def comparable(p: Project) -> dict:
    return {k: v for k, v in p.to_doc().items() if k != "updated"}


def test_round_trip_keeps_every_field(store):
    saved = full_project(store)
    back = store.load(saved.id, "alice")
    assert comparable(back) == comparable(saved)
    # and field by field, so a field dropped from both sides of to_doc cannot pass unnoticed
    assert back.owner == "alice" and back.name == "芙蓉区 2022 年报"
    assert back.report.year == 2022 and back.report.t3(L.R_NEW) == 151
    assert back.report.table3 == saved.report.table3 and back.report.table2 == saved.report.table2
    assert back.report.table4 == saved.report.table4 and back.report.agency == truth().agency
    assert back.previous is not None and back.previous.year == 2021
    assert back.previous.table3 == truth().table3 and back.previous.table2 == truth().table2
    assert [f.model_dump() for f in back.facts] == [f.model_dump() for f in saved.facts]
    assert back.facts[1].value == 18651.06
    assert back.drafts == saved.drafts and set(back.drafts) == {"一", "五", "六"}
    assert back.accepted == saved.accepted and back.accepted["六"] == "长" * (BLOB_MIN + 5)
    assert [(e["part"], e["source"], e["text"]) for e in back.history] == [
        ("一", "起草", "第一版草稿"), ("一", "采纳", saved.report.sections["一"])]
    assert back.report.sections["一"] == saved.report.sections["一"]
    assert back.created == saved.created and back.revision == saved.revision == 2


def test_round_trip_through_a_second_store_on_the_same_database(tmp_path):
    saved = full_project(ProjectStore(tmp_path / "projects"))
    back = ProjectStore(tmp_path / "projects").load(saved.id, "alice")
    assert comparable(back) == comparable(saved)


def test_an_id_alone_grants_nothing(store):
    p = full_project(store)
    for call in (lambda: store.load(p.id, "bob"), lambda: store.update(p.id, lambda x: None, "bob"),
                 lambda: store.delete(p.id, "bob"), lambda: store.rename(p.id, "x", "bob"),
                 lambda: store.copy_for_next_year(p.id, "bob"), lambda: store.revisions(p.id, "bob")):
        with pytest.raises(ProjectError, match="找不到项目"):
            call()
    assert not store.exists(p.id, "bob") and store.exists(p.id, "alice")
    assert [s.id for s in store.summaries("bob")] == []
    assert store.load(p.id, "alice").name == "芙蓉区 2022 年报"  # untouched


def test_open_never_creates_for_a_junk_id(store):
    for junk in ("nonexistent-id-123", "../../etc/passwd", "", None, "abcdefgh\n"):
        with pytest.raises(ProjectError):
            store.open(junk, "alice")
    assert store.summaries("alice") == []


def test_id_pattern_is_matched_whole():
    assert valid_id("abcdefgh") and not valid_id("abcdefgh\n") and not valid_id("abc") and not valid_id("a" * 65)


def test_listing_rename_copy_delete(store):
    p = full_project(store)
    time.sleep(0.01)
    q = store.create(owner="alice")
    listed = store.summaries("alice")
    assert [s.id for s in listed] == [q.id, p.id]  # most recently changed first
    first = listed[1]
    assert (first.agency, first.year, first.status) == (truth().agency, 2022, "已采纳 2/3 章")
    assert store.rename(p.id, "改过的名字", "alice").name == "改过的名字"
    nxt = store.copy_for_next_year(p.id, "alice")
    assert nxt.report.year == 2023 and nxt.report.agency == truth().agency
    assert nxt.previous is not None and nxt.previous.t3(L.R_NEW) == 151
    assert nxt.report.table3[L.R_CARRIED_IN] == p.report.table3[L.R_CARRIED_OUT]  # 上年结转 pre-filled
    store.delete(q.id, "alice")
    assert {s.id for s in store.summaries("alice")} == {p.id, nxt.id}


def test_a_revision_per_edit_and_restore(store):
    p = store.create(owner="alice")
    for name in ("一版", "二版", "三版"):
        store.rename(p.id, name, "alice")
    revs = store.revisions(p.id, "alice")
    assert [r for r, _ in revs] == [4, 3, 2, 1]
    assert store.load_revision(p.id, 2, "alice").name == "一版"
    restored = store.restore(p.id, 2, "alice")
    assert restored.name == "一版" and restored.revision == 5
    assert store.load(p.id, "alice").name == "一版"


def test_long_text_is_stored_once_and_saves_stay_fast(store, tmp_path):
    text = "本年度共收到政府信息公开申请，" * 23000  # ~1 MB of characters (~3 MB UTF-8)
    p = store.create(owner="alice")

    def accept(x: Project) -> None:
        x.accepted["一"] = text
        x.drafts["一"] = text
        x.report.sections["一"] = text

    store.update(p.id, accept, "alice")
    db = tmp_path / "projects.sqlite3"
    size_after_first = db.stat().st_size + (db.with_name(db.name + "-wal").stat().st_size
                                            if db.with_name(db.name + "-wal").exists() else 0)
    t0 = time.perf_counter()
    for i in range(10):
        store.rename(p.id, f"第{i}次", "alice")
    per_save = (time.perf_counter() - t0) / 10
    with store.db.tx() as run:
        blobs = run("SELECT COUNT(*), SUM(LENGTH(body)) FROM blobs").fetchone()
        docs = run("SELECT MAX(LENGTH(doc)) FROM revisions").fetchone()[0]
    assert blobs[0] == 1 and blobs[1] == len(text)  # three copies of the text, stored once
    assert docs < 20_000  # a revision references the text, never copies it
    assert size_after_first < 8 * 1024 * 1024
    assert per_save < 0.5
    assert store.load(p.id, "alice").accepted["一"] == text


def test_concurrent_updates_lose_nothing(store):
    p = store.create(owner="alice")
    errors = []

    def add(i: int) -> None:
        def change(x: Project) -> None:
            x.facts.append(Fact(id=f"F{i}", label=f"事实{i}", value=i))

        try:
            store.update(p.id, change, "alice")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(1, 13)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert sorted(f.id for f in store.load(p.id, "alice").facts) == sorted(f"F{i}" for i in range(1, 13))


def test_a_stale_save_is_refused_not_silently_merged(store):
    p = store.create(owner="alice")
    a, b = store.load(p.id, "alice"), store.load(p.id, "alice")
    a.name = "窗口甲"
    store.save(a)
    b.name = "窗口乙"
    with pytest.raises(ProjectConflict):
        store.save(b)
    assert store.load(p.id, "alice").name == "窗口甲"


def test_json_projects_are_migrated_and_tmp_leftovers_removed(tmp_path):
    root = tmp_path / "projects"
    root.mkdir()
    old = Project(id="legacyProject01", report=truth(), previous=truth(), drafts={"一": "旧草稿"},
                  accepted={"一": "旧正文"})
    (root / "legacyProject01.json").write_text(old.to_json(), encoding="utf-8")
    (root / ".legacyProject01.abc123.tmp").write_text("{half", encoding="utf-8")
    (root / "broken00000000.json").write_text("{not json", encoding="utf-8")
    store = ProjectStore(root)
    back = store.load("legacyProject01", "local")
    assert back.drafts == {"一": "旧草稿"} and back.previous is not None and back.report.table3 == truth().table3
    assert not list(root.glob(".*.tmp"))
    assert (root / "migrated" / "legacyProject01.json").is_file()
    assert (root / "broken00000000.json").is_file()  # unreadable: left where it was, logged
    ProjectStore(root)  # a second start migrates nothing twice
    assert len(store.summaries("local")) == 1
