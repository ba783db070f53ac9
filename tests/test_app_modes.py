"""The app's run modes, each on its own real server: login required when GRADIO_AUTH is set, and online mode
against a loopback OpenAI-compatible stub (the banner names the model; chat goes to that endpoint)."""

import json
import urllib.error
import urllib.request

import pytest
from gradio_client import Client

from stub_openai import StubOpenAI
from ui.testing import start_app


def _config(url: str) -> dict:
    with urllib.request.urlopen(url + "config", timeout=10) as r:
        return json.loads(r.read().decode("utf-8"))


def _component(config: dict, elem_id: str) -> dict:
    return next(c for c in config["components"] if c.get("props", {}).get("elem_id") == elem_id)


def test_login_required_when_gradio_auth_is_set(tmp_path):
    demo, _, url = start_app(tmp_path / "data", env={"GRADIO_AUTH": "staff:s3cret-pass,lead:other-pass"})
    try:
        with pytest.raises(urllib.error.HTTPError) as err:  # the page config is not served without a login
            _config(url)
        assert err.value.code == 401
        with pytest.raises(Exception):  # noqa: B017 - gradio_client's error type differs between versions
            Client(url, verbose=False)
        with pytest.raises(Exception):  # noqa: B017
            Client(url, auth=("staff", "wrong-pass"), verbose=False)
        client = Client(url, auth=("staff", "s3cret-pass"), verbose=False)
        pid = client.predict(api_name="/new_project")[0]
        assert client.predict(pid, "某县人民政府", 2025, api_name="/set_meta")[1] == "某县人民政府"
        assert client.predict(pid, api_name="/open_project")[1] == "某县人民政府"
        lead = Client(url, auth=("lead", "other-pass"), verbose=False)
        for call in ((pid,), (pid, "冒名单位", 2025)):  # another user knowing the id can neither read nor write
            with pytest.raises(Exception, match="找不到项目"):
                lead.predict(*call, api_name="/open_project" if len(call) == 1 else "/set_meta")
        assert client.predict(pid, api_name="/open_project")[1] == "某县人民政府"
    finally:
        demo.close()


def test_no_login_when_gradio_auth_is_unset(tmp_path):
    demo, _, url = start_app(tmp_path / "data")
    try:
        assert "离线模式" in _component(_config(url), "banner")["props"]["value"]
    finally:
        demo.close()


def test_online_banner_names_the_model_and_chat_uses_the_endpoint(tmp_path):
    with StubOpenAI() as stub:
        demo, _, url = start_app(tmp_path / "data", env={"OPENAI_BASE_URL": stub.base_url,
                                                         "OPENAI_MODEL": "qwen-stub-7b", "OPENAI_API_KEY": "k"})
        try:
            banner = _component(_config(url), "banner")["props"]["value"]
            assert "在线模式" in banner and stub.base_url not in banner  # staff words only in the banner
            about = _component(_config(url), "about")["props"]["value"]
            assert "qwen-stub-7b" in about and stub.base_url in about  # the technical facts are in 「关于」
            client = Client(url, verbose=False)
            pid = client.predict(api_name="/new_project")[0]
            stub.push("依申请公开一般应在收到申请之日起20个工作日内答复。")
            reply = client.predict("依申请公开的答复期限是多少个工作日？", pid, api_name="/chat")
            assert "20个工作日" in reply
            assert stub.requests and stub.requests[0].get("model") == "qwen-stub-7b"
            assert "答复期限" in stub.prompt_text(0)
        finally:
            demo.close()


def test_owner_of_request() -> None:
    from types import SimpleNamespace

    from ui.auth import LOCAL_OWNER, owner_of

    assert owner_of(None) == LOCAL_OWNER
    assert owner_of(SimpleNamespace(username=None)) == LOCAL_OWNER
    assert owner_of(SimpleNamespace(username="县政务公开办")) == "县政务公开办"
