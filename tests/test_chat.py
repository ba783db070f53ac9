"""Chat: agent turns with tool calls over HTTP (loopback stub), code-attached citations, offline routing."""

import json

import pytest

from agents.chat import OFFLINE_BANNER, flatten, history_messages, respond
from agents.factsheet import load_facts
from agents.llm import build_chat_model
from agents.types import ChatSession
from conftest import FIXTURES
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report
from settings import Settings
from stub_openai import FakeHit, FakeKB, Raw, StubOpenAI, tool_call

ART33 = "《中华人民共和国政府信息公开条例》第三十三条"
KB = FakeKB([
    FakeHit("第三十三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。不能当场答复的，"
            "应当自收到申请之日起20个工作日内予以答复。", ART33, "regulation"),
    FakeHit("第四十二条 行政机关依申请提供政府信息，不收取费用。", "《中华人民共和国政府信息公开条例》第四十二条",
            "regulation"),
])
TOOL_NAMES = {"search_regulation", "search_reports", "get_table_value", "compare_years", "check_numbers",
              "draft_section"}


def report() -> Report:
    return Report.from_interchange(json.loads((FIXTURES / "truth" / "001_changsha_furongqu_2021.json").read_text()))


def model_for(stub, streaming=False):
    return build_chat_model(Settings(OPENAI_BASE_URL=stub.base_url, LLM_MAX_RETRIES=0, LLM_TIMEOUT=5),
                            streaming=streaming)


@pytest.mark.parametrize("streaming", [False, True])
def test_agent_tool_call_then_answer_with_code_attached_citation(streaming):
    answer = "依申请公开一般应当自收到申请之日起20个工作日内答复。"
    with StubOpenAI() as stub:
        stub.push(tool_call("search_regulation", {"query": "依申请公开 答复期限"}), answer)
        history = [{"role": "user", "metadata": None, "content": [{"type": "text", "text": "你好"}], "options": None},
                   {"role": "assistant", "content": [{"type": "text", "text": "您好，请问有什么可以帮您？"}]}]
        outs = list(respond([{"type": "text", "text": "依申请公开的答复期限是多少？"}], history,
                            ChatSession(model=model_for(stub, streaming), kb=KB, report=report())))
    final = outs[-1]
    assert final.startswith(answer)
    assert final.endswith(f"来源：\n1. {ART33}\n2. 《中华人民共和国政府信息公开条例》第四十二条")
    assert ART33 not in answer  # the model did not write it: the code attached it from the hits
    first = stub.requests[0]
    assert {t["function"]["name"] for t in first["tools"]} == TOOL_NAMES
    assert [m["role"] for m in first["messages"]] == ["system", "user", "assistant", "user"]
    assert first["messages"][1]["content"] == "你好"  # Gradio 6 parts flattened
    tool_msg = stub.requests[1]["messages"][-1]
    assert tool_msg["role"] == "tool" and "20个工作日内予以答复" in tool_msg["content"]
    assert "<<<" not in tool_msg["content"] or "资料" in tool_msg["content"]
    assert all(b.startswith(a) for a, b in zip(outs, outs[1:]))  # progressively longer
    if streaming:
        assert len(outs) > 3


def test_agent_reads_a_table_value_through_the_tool():
    with StubOpenAI() as stub:
        stub.push(tool_call("get_table_value", {"item": "本年新收申请总计"}), "本年新收申请139件。")
        outs = list(respond("用报表数据概括一下依申请办理情况", [],
                            ChatSession(model=model_for(stub), kb=None, report=report())))
    tool_msg = stub.requests[1]["messages"][-1]["content"]
    assert "139件" in tool_msg and CellRef("table3", L.R_NEW, "总计").id in tool_msg
    assert outs[-1] == "本年新收申请139件。"  # verified number, no hits -> no flag, no invented 来源 list


def test_model_answer_whose_figure_contradicts_the_table_is_flagged():
    with StubOpenAI() as stub:
        stub.push(tool_call("get_table_value", {"item": "本年新收申请总计"}), "本年新收申请140件，办结136件。")
        final = list(respond("用报表数据概括一下依申请办理情况", [],
                             ChatSession(model=model_for(stub), kb=KB, report=report())))[-1]
    assert final.startswith("本年新收申请140件，办结136件。")
    flags = [x for x in final.splitlines() if x.startswith("【请核对】")]
    assert len(flags) == 1 and "140" in flags[0] and "报表中为 139" in flags[0]
    assert CellRef("table3", L.R_NEW, "总计").id in flags[0]


def test_with_a_model_the_projects_figures_are_computed_by_code_not_asked():
    with StubOpenAI() as stub:
        final = list(respond("今年予以公开占多少？", [], ChatSession(model=model_for(stub), kb=KB, report=report())))[-1]
    assert stub.requests == []  # the model was never asked
    assert "**25件**" in final and "**18.38%**" in final and "25 ÷ 136" in final
    assert CellRef("table3", "三、本年度办理结果/（一）予以公开", "总计").id in final
    assert CellRef("table3", L.R_TOTAL, "总计").id in final


def test_model_failure_falls_back_to_offline_answer():
    with StubOpenAI() as stub:
        stub.push(Raw(500, '{"error":{"message":"x"}}'))
        outs = list(respond("答复期限是多少", [], ChatSession(model=model_for(stub), kb=KB)))
    final = outs[-1]
    assert final.splitlines()[0].startswith("（大模型服务内部出错（HTTP 500）")
    assert "20个工作日内予以答复" in final and f"1. {ART33}" in final


def test_offline_regulation_question_gives_passages_with_citations():
    outs = list(respond("依申请公开的答复期限是多少？", [], ChatSession(kb=KB)))
    assert outs[0] == OFFLINE_BANNER
    final = outs[-1]
    assert final.splitlines()[0] == OFFLINE_BANNER and final.count(OFFLINE_BANNER) == 1
    assert "20个工作日内予以答复" in final and final.rstrip().endswith("第四十二条")
    assert "来源：\n1. " + ART33 in final


def test_offline_figure_question_returns_cell_value_with_id():
    final = list(respond("今年新收政府信息公开申请总计是多少件？", [], ChatSession(report=report(), kb=KB)))[-1]
    assert "139件" in final and CellRef("table3", L.R_NEW, "总计").id in final
    final = list(respond("行政复议一共多少件？", [], ChatSession(report=report())))[-1]
    assert "2件" in final and CellRef("table4", L.T4_REVIEW, "总计").id in final


def test_offline_year_comparison():
    prev = report()
    prev.set(CellRef("table3", L.R_NEW, "总计"), 100)
    final = list(respond("新收申请比上年增长多少？", [], ChatSession(report=report(), previous=prev)))[-1]
    assert "本年**139件**，上年100件，增长39%（139 − 100 = 39）" in final
    assert CellRef("table3", L.R_NEW, "总计").id in final


def test_offline_draft_request_uses_the_offline_drafter():
    facts = load_facts([{"id": "FEE", "label": "收取信息处理费", "value": 260, "unit": "元"}])
    final = list(respond("帮我写第六部分", [], ChatSession(report=report(), facts=facts)))[-1]
    assert "六、其他需要报告的事项" in final and "共计260元" in final


def test_offline_check_numbers():
    msg = "这段话的数字对吗：“2021年，我区共收到政府信息公开申请一百三十八件，全年办结政府信息公开申请136件。”"
    final = list(respond(msg, [], ChatSession(report=report())))[-1]
    assert "发现 1 处数字需要核对" in final and "报表中为 139" in final and "✓ 一致" in final


def test_offline_without_anything_loaded_says_what_to_do():
    final = list(respond("什么是信息处理费？", [], ChatSession()))[-1]
    assert "未加载资料库" in final and final.startswith(OFFLINE_BANNER)
    assert "请输入问题" in list(respond("   ", [], ChatSession()))[-1]


def test_history_flattening():
    hist = [{"role": "user", "content": [{"type": "text", "text": "第一"}, {"type": "text", "text": "句"}]},
            {"role": "assistant", "content": "回答"}, ("旧式问题", "旧式回答"), {"role": "system", "content": "x"}]
    assert history_messages(hist) == [("user", "第一句"), ("assistant", "回答"), ("user", "旧式问题"),
                                      ("assistant", "旧式回答")]
    assert flatten(None) == "" and flatten({"text": "a"}) == "a"
