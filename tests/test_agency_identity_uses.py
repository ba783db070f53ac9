"""The agency's own reports are found by identity wherever the code compares agencies: past reports for the
interview and drafting (with a confirmation when the name differs), retrieval's own/peer split, the knowledge
base's agency filter and report lookup, the cross-year rule and the 历年对比 list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from agents.past_reports import last_year_report, own_reports
from agents.retrieval import gather_passages
from knowledge import build_knowledge_base
from report.model.tables import Report
from report.rules.years import previous_matches
from settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def rep(agency: str, year: int) -> Report:
    return Report.blank(agency=agency, year=year)


LIBRARY = [rep("平潭综合实验区党工委管委会", 2021), rep("平潭综合实验区公安局", 2021),
           rep("淮安市洪泽区人民政府", 2022), rep("南京市鼓楼区人民政府", 2022), rep("福州市鼓楼区人民政府", 2021)]


def test_last_year_is_found_across_renames_and_marked_as_an_alias():
    m = last_year_report(LIBRARY, rep("平潭综合实验区管理委员会", 2022))
    assert m is not None and m.report.agency == "平潭综合实验区党工委管委会" and not m.exact
    assert "写法不同" in m.notice("平潭综合实验区管理委员会") and "确认" in m.notice("平潭综合实验区管理委员会")
    m = last_year_report(LIBRARY, rep("洪泽区人民政府", 2023))
    assert m is not None and m.report.agency == "淮安市洪泽区人民政府" and not m.exact
    exact = last_year_report(LIBRARY + [rep("洪泽区人民政府", 2022)], rep("洪泽区人民政府", 2023))
    assert exact is not None and exact.exact and exact.report.agency == "洪泽区人民政府"  # the same name first
    assert "机关名称相同" in exact.notice("洪泽区人民政府")


def test_other_agencies_and_other_years_are_not_last_year():
    assert last_year_report(LIBRARY, rep("平潭综合实验区公安局", 2023)) is None  # 2021 is not the year before
    assert last_year_report(LIBRARY, rep("福州市鼓楼区人民政府", 2023)) is None  # 南京市鼓楼区 is another district
    assert last_year_report(LIBRARY, rep("平潭综合实验区经济发展局", 2022)) is None
    assert last_year_report(LIBRARY, Report.blank(agency="淮安市洪泽区人民政府")) is None  # no year: no last year
    names = [p.report.agency for p in own_reports(LIBRARY, "平潭综合实验区管委会")]
    assert names == ["平潭综合实验区党工委管委会"]  # not the 公安局 of the same zone


def test_interchange_dicts_from_the_knowledge_base_are_read():
    data = [dict(json.loads(r.to_json()), doc_id=f"d{i}") for i, r in enumerate(LIBRARY)]
    m = last_year_report(data, rep("洪泽区人民政府", 2023))
    assert m is not None and m.doc_id == "d2"


class FakeKB:
    def __init__(self, hits):
        self.hits = hits

    def search(self, query, k=5, source=None, agency=None, year=None):
        return [h for h in self.hits if agency is None or h.metadata["agency"] == agency][:k]


def hit(agency, year, text):
    return SimpleNamespace(text=text, citation=f"{agency}{year}年报", source="report",
                           metadata={"agency": agency, "year": year, "section": "一"})


def test_retrieval_peers_exclude_the_agency_under_another_name_but_keep_its_neighbours():
    kb = FakeKB([hit("平潭综合实验区党工委管委会", 2021, "本机关去年的文字"), hit("平潭综合实验区公安局", 2021, "公安局的文字")])
    got = gather_passages(kb, rep("平潭综合实验区管理委员会", 2022), "一", peer_k=5)
    assert [h.metadata["agency"] for h in got.peers] == ["平潭综合实验区公安局"]  # before: both dropped (substring)


def test_previous_agency_rule_tells_an_alias_from_another_agency():
    same = previous_matches(rep("淮安市洪泽区人民政府", 2023), rep("洪泽区人民政府", 2022))
    assert [(f.rule, f.severity) for f in same] == [("previous_agency", "info")] and "同一机关" in same[0].message
    other = previous_matches(rep("平潭综合实验区公安局", 2023), rep("平潭综合实验区党工委管委会", 2022))
    assert [(f.rule, f.severity) for f in other] == [("previous_agency", "warning")]
    assert "不是同一机关" in other[0].message
    assert previous_matches(rep("洪泽区人民政府", 2023), rep("洪泽区人民政府", 2022)) == []


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    from knowledge.testing import FakeEmbedder

    return build_knowledge_base(Settings(DATA_DIR=str(tmp_path_factory.mktemp("kb"))), embedder=FakeEmbedder(),
                                progress=None)


def test_knowledge_base_filters_and_finds_reports_by_identity(kb):
    # the bundled 平潭 report is stored as 平潭综合实验区党工委管委会
    hits = kb.search("依申请公开", k=5, source="report", agency="平潭综合实验区管理委员会")
    assert hits and all(h.metadata["agency"] == "平潭综合实验区党工委管委会" for h in hits)
    assert kb.search("依申请公开", k=5, source="report", agency="平潭综合实验区公安局") == []
    assert kb.find_report("平潭综合实验区管理委员会", 2021)["agency"] == "平潭综合实验区党工委管委会"
    assert kb.find_report("芙蓉区", 2021)["agency"] == "长沙市芙蓉区人民政府"  # the short name staff use
    assert kb.find_report("长沙市", 2021) is None  # a place alone is no agency (before: a substring matched)


def test_the_trend_list_takes_the_agency_under_all_its_names(kb):
    from ui.actions_data import kb_reports_of

    svc = SimpleNamespace(kb=lambda: kb)
    assert [r.year for r in kb_reports_of(svc, "平潭综合实验区管理委员会")] == [2021]
    assert kb_reports_of(svc, "平潭综合实验区公安局") == []


def test_ui_uses_an_exact_match_and_asks_before_using_an_alias(kb):
    from ui.interview import model_previous

    svc = SimpleNamespace(kb=lambda: kb)
    project = SimpleNamespace(previous=None, report=rep("平潭综合实验区管理委员会", 2022))
    used, notice, pending = model_previous(svc, project)
    assert used is None and pending is not None and "请确认" in notice
    project = SimpleNamespace(previous=None, report=rep("平潭综合实验区党工委管委会", 2022))
    used, notice, pending = model_previous(svc, project)
    assert used is not None and used.year == 2021 and pending is None and "机关名称相同" in notice


def test_cli_proposes_an_alias_and_uses_it_when_confirmed(tmp_path):
    cur = tmp_path / "cur.json"
    cur.write_text(rep("平潭综合实验区管理委员会", 2022).to_json(), encoding="utf-8")
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "OPENAI_BASE_URL": ""}
    run = [sys.executable, "-m", "agents", "questions", str(cur), "--json"]
    plain = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert plain.returncode == 0, plain.stderr
    assert "写法不同" in plain.stderr and "--confirm-previous" in plain.stderr
    assert not any(q["last_year"] for q in json.loads(plain.stdout) if q["section"] == "一")
    confirmed = subprocess.run(run + ["--confirm-previous"], capture_output=True, text=True, cwd=ROOT, env=env,
                               timeout=120)
    assert confirmed.returncode == 0, confirmed.stderr
    assert "已按 --confirm-previous 使用" in confirmed.stderr
    assert any(q["last_year"] for q in json.loads(confirmed.stdout) if q["section"] == "一")  # last year's text asked
