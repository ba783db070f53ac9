"""A loopback OpenAI-compatible chat server for tests: queues scripted replies, records every request.

Reply forms queued with :meth:`StubOpenAI.push`:
- a string: an assistant message (streamed as SSE chunks when the request has ``stream: true``);
- ``tool_call(name, args)``: an assistant message asking for one tool call;
- ``Raw(status, body, delay)``: an exact HTTP reply (5xx, 429, malformed JSON, empty content) after ``delay`` s;
- ``Drip(interval, content)``: headers at once, then the body one byte every ``interval`` s (a socket timeout never
  fires; only a deadline stops it). ``Raw(delay=…)`` with a long delay is a stalled server.
When the queue is empty the server answers 500 (a test that asks more than it scripted fails loudly).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Raw:
    status: int = 200
    body: str = ""
    delay: float = 0.0
    content_type: str = "application/json"


@dataclass
class Drip:
    interval: float = 5.0
    content: str = "这段回答来得极慢。"
    limit: float = 120.0  # the handler gives up after this many seconds (keeps test threads bounded)


@dataclass
class Reply:
    content: str | None = None
    tool_calls: list[dict] = field(default_factory=list)
    delay: float = 0.0


def tool_call(name: str, args: dict, call_id: str = "call_1") -> Reply:
    return Reply(tool_calls=[{"id": call_id, "name": name, "args": args}])


def _completion(reply: Reply, model: str) -> dict:
    msg: dict[str, Any] = {"role": "assistant", "content": reply.content}
    if reply.tool_calls:
        msg["tool_calls"] = [
            {"id": c["id"], "type": "function",
             "function": {"name": c["name"], "arguments": json.dumps(c["args"], ensure_ascii=False)}}
            for c in reply.tool_calls
        ]
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "message": msg, "finish_reason": "tool_calls" if reply.tool_calls else "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunks(reply: Reply, model: str) -> list[dict]:
    def chunk(delta: dict, finish: str | None = None) -> dict:
        return {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    out = [chunk({"role": "assistant", "content": ""})]
    text = reply.content or ""
    for i in range(0, len(text), 8):
        out.append(chunk({"content": text[i:i + 8]}))
    for n, c in enumerate(reply.tool_calls):
        out.append(chunk({"tool_calls": [{"index": n, "id": c["id"], "type": "function",
                                          "function": {"name": c["name"], "arguments": ""}}]}))
        out.append(chunk({"tool_calls": [{"index": n, "function": {
            "arguments": json.dumps(c["args"], ensure_ascii=False)}}]}))
    out.append(chunk({}, "tool_calls" if reply.tool_calls else "stop"))
    return out


class StubOpenAI:
    """``with StubOpenAI() as stub: ChatOpenAI(base_url=stub.base_url, …)``; ``stub.requests`` are the bodies sent."""

    def __init__(self) -> None:
        self.queue: list[Any] = []
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {"_raw": raw}
                with stub._lock:
                    stub.requests.append(body)
                    item = stub.queue.pop(0) if stub.queue else Raw(500, '{"error":{"message":"stub queue empty"}}')
                if isinstance(item, str):
                    item = Reply(content=item)
                time.sleep(getattr(item, "delay", 0.0))
                if isinstance(item, Drip):
                    self._drip(item, body)
                    return
                if isinstance(item, Raw):
                    self._send(item.status, item.body.encode("utf-8"), item.content_type)
                    return
                model = body.get("model", "stub")
                if body.get("stream"):
                    payload = "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in _chunks(item, model))
                    self._send(200, (payload + "data: [DONE]\n\n").encode("utf-8"), "text/event-stream")
                else:
                    self._send(200, json.dumps(_completion(item, model), ensure_ascii=False).encode("utf-8"))

            def _drip(self, item: "Drip", body: dict) -> None:
                model = body.get("model", "stub")
                if body.get("stream"):
                    data = "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n"
                                   for c in _chunks(Reply(content=item.content), model)) + "data: [DONE]\n\n"
                    ctype = "text/event-stream"
                else:
                    data = json.dumps(_completion(Reply(content=item.content), model), ensure_ascii=False)
                    ctype = "application/json"
                raw = data.encode("utf-8")
                t0 = time.monotonic()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(raw)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.flush()
                    for i in range(len(raw)):
                        if time.monotonic() - t0 > item.limit:
                            return
                        self.wfile.write(raw[i:i + 1])
                        self.wfile.flush()
                        time.sleep(item.interval)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status: int, data: bytes, ctype: str = "application/json") -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(data)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # client gave up (timeout tests)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    def push(self, *items: Any) -> "StubOpenAI":
        with self._lock:
            self.queue.extend(items)
        return self

    def prompt_text(self, i: int = -1) -> str:
        """All message contents of request ``i`` joined (what the model was shown)."""
        msgs = self.requests[i].get("messages", [])
        parts = []
        for m in msgs:
            c = m.get("content")
            if isinstance(c, list):
                parts.extend(p.get("text", "") for p in c if isinstance(p, dict))
            elif c:
                parts.append(str(c))
        return "\n".join(parts)

    def __enter__(self) -> "StubOpenAI":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------- a small fake retriever (knowledge-base double)
@dataclass
class FakeHit:
    text: str
    citation: str
    source: str = "report"
    score: float = 1.0
    metadata: dict = field(default_factory=dict)


class FakeKB:
    """Filters like ``KnowledgeBase.search`` (source, agency, year); records the queries it was asked."""

    def __init__(self, hits: list[FakeHit]):
        self.hits = hits
        self.queries: list[dict] = []

    def search(self, query: str, k: int = 5, source: str | None = None, agency: str | None = None,
               year: int | None = None) -> list[FakeHit]:
        self.queries.append({"query": query, "k": k, "source": source, "agency": agency, "year": year})
        out = [h for h in self.hits
               if (source is None or h.source == source)
               and (agency is None or agency in h.metadata.get("agency", ""))
               and (year is None or h.metadata.get("year") == year)]
        return out[:k]
