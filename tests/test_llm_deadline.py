"""Deadlines, not timeouts: a stalled or dripping model (loopback stub) is cut at the configured deadline, for the
caller and on the wire, and chat and drafting fall back offline with a Chinese notice."""

import json
import threading
import time

import httpx
import openai
import pytest

from agents.chat import respond
from agents.drafting import draft_section
from agents.llm import BREAKER, WAITING, LLMFailure, build_chat_model, call_within, deadline, invoke_text, iter_within
from agents.types import ChatSession
from conftest import FIXTURES
from report.model.tables import Report
from settings import Settings
from stub_openai import Drip, Raw, Reply, StubOpenAI


def settings_for(stub, chat=2.0, section=2.0, timeout=5.0):
    # LLM_TIMEOUT (the socket timeout) is longer than the drip interval and than the deadline: only the deadline
    # can stop these servers
    return Settings(OPENAI_BASE_URL=stub.base_url, OPENAI_MODEL="stub", LLM_MAX_RETRIES=1, LLM_TIMEOUT=timeout,
                    LLM_CHAT_DEADLINE=chat, LLM_SECTION_DEADLINE=section)


def report() -> Report:
    return Report.from_interchange(json.loads((FIXTURES / "truth" / "001_changsha_furongqu_2021.json").read_text()))


def test_defaults_are_within_the_targets():
    s = Settings()
    assert s.llm_chat_deadline <= 30 and s.llm_section_deadline <= 60


@pytest.mark.parametrize("reply", [Raw(200, "{}", delay=30.0), Drip(interval=1.0)], ids=["stalled", "dripping"])
def test_invoke_is_cut_at_the_deadline(reply):
    with StubOpenAI() as stub:
        stub.push(reply, reply)
        model = build_chat_model(settings_for(stub, section=2.0))
        t0 = time.monotonic()
        with pytest.raises(LLMFailure) as err:
            invoke_text(model, [("user", "你好")])
        took = time.monotonic() - t0
    assert 1.8 <= took < 2.6
    assert err.value.kind == "timeout" and "2 秒内没有答完" in err.value.message and "离线" in err.value.message


def test_the_transport_itself_cuts_a_dripping_reply():
    """Without call_within (the call a worker thread is left with): the wire is cut at the deadline too, although
    a byte arrives every second and the socket timeout is 5 s; the retry finds no time left."""
    with StubOpenAI() as stub:
        stub.push(Drip(interval=1.0), Drip(interval=1.0))
        model = build_chat_model(settings_for(stub, chat=2.0, section=2.0))
        t0 = time.monotonic()
        with deadline(2.5), pytest.raises(openai.APITimeoutError):
            model.invoke([("user", "你好")])
        took = time.monotonic() - t0
    assert took < 4.0  # cut at 2 s (per request) + at most one drip interval; never the 60+ s of the full reply


def test_a_stall_after_the_first_bytes_is_cut_on_the_wire():
    """Each socket read waits only for the time left: a reply that starts and then stops is cut at the deadline."""
    with StubOpenAI() as stub:
        stub.push(Drip(interval=4.0), Drip(interval=4.0))
        model = build_chat_model(settings_for(stub, chat=1.5, section=1.5, timeout=30.0))
        t0 = time.monotonic()
        with deadline(1.5), pytest.raises(openai.APITimeoutError):
            model.invoke([("user", "你好")])
        assert time.monotonic() - t0 < 2.5


def test_a_fast_reply_is_untouched():
    with StubOpenAI() as stub:
        stub.push(Reply(content="及时的回答。", delay=0.2))
        model = build_chat_model(settings_for(stub))
        assert invoke_text(model, [("user", "你好")]) == "及时的回答。"


def test_chat_shows_waiting_then_falls_back_offline_within_the_chat_deadline(tmp_path):
    from ui import actions_docs as D
    from ui.services import Services

    with StubOpenAI() as stub:
        stub.push(Raw(200, "{}", delay=30.0), Raw(200, "{}", delay=30.0))
        settings = settings_for(stub, chat=2.0).model_copy(update={"data_dir": tmp_path})

        def no_kb(_s):
            raise OSError("no kb in this test")

        svc = Services(settings, kb_factory=no_kb,
                       model_factory=lambda s: build_chat_model(s, streaming=True))
        pid = svc.projects.create(report()).id
        t0 = time.monotonic()
        outs = []
        for out in D.chat(svc, "依申请公开的答复期限是多少？", [], pid):
            outs.append((time.monotonic() - t0, out))
    assert outs[0][1] == WAITING and outs[0][0] < 1.0  # shown at once, long before the 2 s deadline
    took, final = outs[-1]
    assert 1.9 < took < 8.0  # waited for the deadline, then answered offline; never the stalled 30 s
    assert "2 秒内没有答完" in final and "离线" in final


def test_chat_with_a_dripping_model_falls_back_too():
    with StubOpenAI() as stub:
        stub.push(Drip(interval=1.0), Drip(interval=1.0))
        model = build_chat_model(settings_for(stub, chat=2.0), streaming=True)
        t0 = time.monotonic()
        final = list(respond("你好", [], ChatSession(model=model, kb=None, report=report())))[-1]
        assert 1.9 < time.monotonic() - t0 < 8.0  # cut at the 2 s deadline, not after the drip's 120 s
    assert "没有答完" in final


def test_drafting_falls_back_offline_with_a_chinese_notice():
    with StubOpenAI() as stub:
        stub.push(Drip(interval=1.0), Drip(interval=1.0))
        model = build_chat_model(settings_for(stub, section=2.0))
        t0 = time.monotonic()
        draft = draft_section(report(), "一", model=model)
        took = time.monotonic() - t0
    assert took < 3.0
    assert draft.mode == "offline" and "没有答完" in (draft.notice or "")
    assert "139" in draft.text  # the offline draft from the tables, nothing lost


def test_one_deadline_covers_the_repair_rounds():
    """The section deadline covers the first draft and its repairs together (not 60 s each)."""
    with StubOpenAI() as stub:
        stub.push(Reply(content="2021年共收到申请9999件。", delay=1.2), Raw(200, "{}", delay=30.0))
        model = build_chat_model(settings_for(stub, section=2.0))
        t0 = time.monotonic()
        with deadline(2.0):
            draft = draft_section(report(), "一", model=model)
        took = time.monotonic() - t0
    assert took < 2.8
    assert draft.mode == "online" and any("没有答完" in f.message for f in draft.findings)
    assert "9999" in draft.text and any(c.status != "verified" for c in draft.claims)  # flagged, not fixed


def test_iter_within_relays_items_and_errors():
    assert list(iter_within(lambda: iter([1, 2, 3]), 2.0)) == [1, 2, 3]

    def boom():
        yield 1
        raise ValueError("x")

    with pytest.raises(ValueError):
        list(iter_within(boom, 2.0))

    def slow():
        yield 1
        time.sleep(5)
        yield 2

    t0 = time.monotonic()
    got = []

    def consume():
        for x in iter_within(slow, 0.5):
            got.append(x)

    with pytest.raises(LLMFailure):
        consume()
    assert got == [1] and time.monotonic() - t0 < 1.0


def test_call_within_returns_and_times_out():
    assert call_within(lambda: 42, 1.0) == 42
    ev = threading.Event()
    t0 = time.monotonic()
    with pytest.raises(LLMFailure):
        call_within(lambda: ev.wait(5), 0.3)
    assert time.monotonic() - t0 < 0.8
    ev.set()


def test_after_repeated_stalls_the_model_is_skipped_for_a_while():
    with StubOpenAI() as stub:
        stub.push(*[Raw(200, "{}", delay=30.0)] * 2, "恢复后的回答。")
        settings = settings_for(stub, section=0.8).model_copy(update={"llm_breaker_failures": 2,
                                                                      "llm_breaker_seconds": 1.5,
                                                                      "llm_max_retries": 0})
        model = build_chat_model(settings)
        for _ in range(2):
            # the deadline's own timer and the transport's read timeout fire at the same instant: the deadline's
            # sentence either way (not the socket timeout's advice to raise LLM_TIMEOUT)
            with pytest.raises(LLMFailure) as stalled:
                invoke_text(model, [("user", "你好")])
            assert stalled.value.kind == "timeout"
            assert stalled.value.message.startswith("大模型服务在 0.8 秒内没有答完（已到设定的等待时限）。")
            assert "LLM_TIMEOUT" not in stalled.value.message
        t0 = time.monotonic()
        with pytest.raises(LLMFailure) as err:  # open: answered at once, the model is not asked
            invoke_text(model, [("user", "你好")])
        assert time.monotonic() - t0 < 0.1 and err.value.kind == "unavailable" and "离线" in err.value.message
        assert len(stub.requests) == 2
        time.sleep(1.6)
        assert invoke_text(model, [("user", "你好")]) == "恢复后的回答。"  # tried again after the pause
        assert len(stub.requests) == 3


def test_a_timeout_at_the_deadline_is_the_deadlines_and_one_before_it_the_transports():
    """The transport cuts its reads at the caller's deadline: a timeout raised then says 没有答完 (the deadline),
    one raised well before it keeps the socket timeout's own exception (LLM_TIMEOUT advice)."""
    def at_deadline():  # raised 20 ms before the deadline: within the poll's rounding, the deadline's cut
        time.sleep(0.28)
        raise httpx.ReadTimeout("model deadline passed")

    def early():
        raise httpx.ReadTimeout("socket timeout")

    BREAKER.configure(10, 60.0)
    try:
        with pytest.raises(LLMFailure) as err:
            call_within(at_deadline, 0.3)
        assert err.value.kind == "timeout" and err.value.message.startswith("大模型服务在 0.3 秒内没有答完")
        with pytest.raises(httpx.ReadTimeout, match="socket timeout"):
            call_within(early, 2.0)
        with pytest.raises(httpx.ReadTimeout, match="socket timeout"):
            list(iter_within(lambda: (early() for _ in [1]), 2.0))
    finally:
        BREAKER.configure(3, 60.0)
