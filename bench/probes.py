"""Probes as an attacker and a busy January would run them, through the real app (loopback only), with figures.

    .venv/bin/python bench/probes.py                    # everything, the configured deadlines (chat 30 s, section 60 s)
    .venv/bin/python bench/probes.py --chat-deadline 10 --section-deadline 20 --kill-runs 20

Starts the app in this process (login on, two users, temporary DATA_DIR, the default PARSE_MEMORY_MB/PARSE_SECONDS
and MAX_UPLOAD_MB 50) and prints, for the targets of issue 15:

1. each hostile upload (bombs, a docx and a PDF within every declared limit that still run away, a 1,000,000-row
   workbook, a 95,000-page PDF) through the endpoint staff would use: seconds until the refusal and the Chinese
   refusal itself (target: every one refused in Chinese within 30 s);
2. cross-user attempts (ben on amy's projects, documents and files by id and by path): how many succeeded (target 0);
3. a stalled and a dripping model for chat and for a section draft: seconds until the offline fallback, against the
   configured deadline;
4. kill -9 during saves on the SQLite store, N real runs: edits acknowledged vs. found after restart (target 0 lost);
5. through all of it: the server process's peak RSS (target < 1.5 GB) and how much DATA_DIR grew (target < 100 MB).

Exits 1 if a target is missed. ``bench/load.py --users 50 --duration 60`` is the load figure (run apart).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

MB = 1024 * 1024
SAMPLE = ROOT / "tests" / "fixtures" / "truth" / "002_huaian_shi_2024.json"
USERS = {"amy": "pass-amy-1", "ben": "pass-ben-1"}
CJK = re.compile(r"[\u4e00-\u9fff]")
FAILED: list[str] = []


def status_kb(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(ln.split()[1]) for ln in fh if ln.startswith(key + ":"))


class PeakRss:
    """Samples this process's resident memory every 0.1 s (VmHWM is printed too)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, status_kb("VmRSS"))
            time.sleep(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return max(self.peak, status_kb("VmRSS"))


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def target(ok: bool, text: str) -> None:
    print(f"  [{'PASS' if ok else 'FAIL'}] {text}")
    if not ok:
        FAILED.append(text)


# ---------------------------------------------------------------- 1. hostile uploads
def build_hostile(folder: Path) -> dict[str, Path]:
    from hostile_files import content_bomb_pdf, dense_docx, docx_bomb, huge_workbook, many_pages_pdf, zip_bomb

    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    files = {
        "docx bomb (430 MB document.xml)": docx_bomb(folder / "年报.docx", document_mb=430),
        "zip bomb (25 × 45 MB)": zip_bomb(folder / "年报合集.zip", members=25, member_mb=45),
        "1,000,000-row workbook": huge_workbook(folder / "填报.xlsx", rows=1_000_000),
        "95,000-page PDF": many_pages_pdf(folder / "长年报.pdf", pages=95_000),
        "dense docx (within every limit, runs away)": dense_docx(folder / "密集年报.docx", document_mb=35),
        "content-stream PDF (one page, 60 MB of operators)": content_bomb_pdf(folder / "单页年报.pdf", stream_mb=60),
    }
    print(f"hostile files built in {time.monotonic() - t0:.0f} s:")
    for label, p in files.items():
        print(f"  {label:52s} {p.name:14s} {p.stat().st_size / MB:6.1f} MB on disk")
    return files


def refusal(call: Callable[[], Any]) -> tuple[float, str]:
    """Seconds until ``call`` answered and the Chinese refusal it carried ('' if it did not refuse)."""
    from gradio_client.exceptions import AppError

    t0 = time.monotonic()
    try:
        out = call()
    except AppError as exc:
        return time.monotonic() - t0, str(exc)
    took = time.monotonic() - t0
    text = str(out)
    return took, (text if ("拒绝" in text or "未能" in text or "无法" in text or "未导入" in text) else "")


def hostile_uploads(amy: Any, files: dict[str, Path]) -> list[tuple[str, float, str]]:
    from gradio_client import handle_file

    pid = amy.predict(api_name="/new_project")[0]
    by = dict(zip(("docx", "zip", "xlsx", "pages", "dense", "stream"), files.values()))

    def audit(p: Path) -> Callable[[], Any]:
        def run() -> Any:
            summary, _f, _h = amy.predict([handle_file(str(p))], api_name="/audit")
            return " ".join(str(c) for row in summary["data"] for c in row)
        return run

    def kb(p: Path) -> Callable[[], Any]:
        return lambda: amy.predict([handle_file(str(p))], api_name="/kb_upload")[0]

    def previous(p: Path) -> Callable[[], Any]:
        return lambda: amy.predict(pid, handle_file(str(p)), api_name="/parse_upload")

    cases = [
        ("上年年报 ← docx bomb", previous(by["docx"])),
        ("上年年报 ← dense docx", previous(by["dense"])),
        ("上年年报 ← 95,000-page PDF", previous(by["pages"])),
        ("上年年报 ← content-stream PDF", previous(by["stream"])),
        ("Excel 模板 ← 1,000,000 rows", lambda: amy.predict(pid, handle_file(str(by["xlsx"])), api_name="/upload_xlsx")),
        ("审核 ← zip bomb", audit(by["zip"])),
        ("审核 ← dense docx", audit(by["dense"])),
        ("审核 ← content-stream PDF", audit(by["stream"])),
        ("知识库 ← 95,000-page PDF", kb(by["pages"])),
        ("知识库 ← docx bomb", kb(by["docx"])),
        ("知识库 ← dense docx", kb(by["dense"])),
    ]
    out = []
    print("\n1. hostile uploads (seconds until the Chinese refusal)")
    for label, call in cases:
        took, text = refusal(call)
        shown = " ".join(text.split())[:110]
        print(f"  {took:6.1f} s  {label:32s} {shown}")
        out.append((label, took, text))
    return out


# ---------------------------------------------------------------- 2. cross-user
def cross_user(url: str, demo: Any, amy: Any, ben: Any, tmp: Path) -> tuple[int, int]:
    """ben tries amy's projects, documents and files -> (attempts, successes)."""
    import httpx
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    from ui.downloads import owner_key

    pid = amy.predict(api_name="/new_project")[0]
    amy.predict(pid, "甲县人民政府", 2025, api_name="/set_meta")
    amy.predict(pid, api_name="/export_docx")
    amy.predict(pid, api_name="/template_xlsx")
    amy.predict([handle_file(str(SAMPLE))], api_name="/audit")
    note = tmp / "甲单位内部制度.md"
    note.write_text("# 甲单位内部制度\n\n第一条 依申请公开由综合科统一登记，槐树巷档案室留存。\n", encoding="utf-8")
    _s, docs = amy.predict([handle_file(str(note))], api_name="/kb_upload")
    doc_id = next(r[0] for r in docs["data"] if r[3] == note.name)
    heads = list(amy.predict(pid, api_name="/open_project")[7]["headers"])
    attempts = successes = 0

    def attempt(label: str, call: Callable[[], Any], leaked: Callable[[Any], bool] = lambda _r: True) -> None:
        nonlocal attempts, successes
        attempts += 1
        try:
            result = call()
        except AppError:
            return
        if leaked(result):
            successes += 1
            print(f"  LEAK: {label}: {str(result)[:120]}")

    for api, args in (("/open_project", (pid,)), ("/set_meta", (pid, "乙", 2025)), ("/export_docx", (pid,)),
                      ("/export_md", (pid,)), ("/trend", (pid,)), ("/template_xlsx", (pid,)),
                      ("/open_listed_project", (pid,)), ("/rename_project", (pid, "偷改")),
                      ("/copy_project", (pid,)), ("/delete_project", (pid, True, "x" * 16)),
                      ("/save_facts", (pid, {"headers": heads, "data": [["F1", "偷填", "1", "件", ""]], "metadata": None})),
                      ("/chat", ("甲县新收申请多少件？", pid)), ("/kb_delete", (doc_id,))):
        def call(api: str = api, args: tuple[Any, ...] = args) -> Any:
            return ben.predict(*args, api_name=api)

        # chat answers every question: it leaks only if it used amy's project (her agency name in the reply)
        attempt(api, call, (lambda r: "甲县" in str(r)) if api == "/chat" else (lambda _r: True))
    attempt("/list_projects", lambda: ben.predict(api_name="/list_projects"), lambda r: pid in str(r))
    attempt("/kb_list", lambda: ben.predict(api_name="/kb_list"), lambda r: doc_id in str(r))
    attempt("/kb_reports", lambda: ben.predict(api_name="/kb_reports"), lambda r: doc_id in str(r))
    # files by path: every file served to amy, and the originals under DATA_DIR
    with httpx.Client(base_url=url, timeout=30) as s:
        s.post("login", data={"username": "ben", "password": USERS["ben"]})
        key = owner_key("amy")
        served = [p for p, owners in demo.download_guard._owners.items() if key in owners]
        originals = [str(p) for p in (Path(demo.download_guard.exports_dir)).rglob("*") if p.is_file()]
        for p in served + originals:
            attempt(f"GET {p}", lambda p=p: s.get(f"gradio_api/file={p}"), lambda r: r.status_code == 200)
    # and amy's project is intact
    name = amy.predict(pid, api_name="/open_project")[1]
    if name != "甲县人民政府":
        successes += 1
        print(f"  LEAK: amy's project changed: {name}")
    print(f"\n2. cross-user: ben made {attempts} attempts on amy's data ({len(served)} served files, "
          f"{len(originals)} originals by path), {successes} succeeded")
    return attempts, successes


# ---------------------------------------------------------------- 3. stalled / dripping model
def model_fallback(chat_deadline: float, section_deadline: float, tmp: Path) -> list[tuple[str, float, float, bool]]:
    from gradio_client import Client

    from stub_openai import Drip, Raw, StubOpenAI
    from ui.testing import start_app

    rows = []
    with StubOpenAI() as stub:
        env = {"OPENAI_BASE_URL": stub.base_url, "LLM_MAX_RETRIES": "0", "LLM_BREAKER_FAILURES": "1000"}
        if chat_deadline:
            env["LLM_CHAT_DEADLINE"] = str(chat_deadline)
        if section_deadline:
            env["LLM_SECTION_DEADLINE"] = str(section_deadline)
        demo, svc, url = start_app(tmp / "model_data", env=env)
        svc.kb().search("依申请公开的答复期限", k=1)  # indexed (dense and lexical) before the clock starts
        chat_limit, section_limit = svc.settings.llm_chat_deadline, svc.settings.llm_section_deadline
        try:
            client = Client(url, verbose=False)
            pid = client.predict(api_name="/new_project")[0]
            client.predict(pid, "淮安市人民政府", 2024, api_name="/set_meta")
            t0 = time.monotonic()  # one chat with a failing model (HTTP 500): the offline path is loaded once
            client.predict("年度报告应当包括哪些内容？", pid, api_name="/chat")
            print(f"\n3. warm-up chat, model answering HTTP 500: offline answer after {time.monotonic() - t0:.1f} s")
            stall = Raw(200, "{}", delay=max(chat_limit, section_limit) + 120)
            drip = Drip(interval=1.0, limit=max(chat_limit, section_limit) + 120)
            for label, item, kind, limit in (("chat, stalled model", stall, "chat", chat_limit),
                                             ("chat, dripping model (a byte a second)", drip, "chat", chat_limit),
                                             ("section 一, stalled model", stall, "draft", section_limit),
                                             ("section 一, dripping model", drip, "draft", section_limit)):
                stub.push(*[item] * 20)
                t0 = time.monotonic()
                if kind == "chat":
                    reply = str(client.predict("依申请公开的答复期限是多少？", pid, api_name="/chat"))
                else:
                    reply = str(client.predict(pid, "一", api_name="/draft"))
                took = time.monotonic() - t0
                with stub._lock:
                    stub.queue.clear()
                notice = "没有答完" in reply or "响应超时" in reply or "离线" in reply
                rows.append((label, took, limit, notice))
        finally:
            demo.close()
    print("\n3. model deadlines (seconds until the offline answer with its Chinese notice)")
    for label, took, limit, notice in rows:
        print(f"  {took:6.1f} s  {label:40s} deadline {limit:g} s  notice {'yes' if notice else 'NO'}")
    return rows


# ---------------------------------------------------------------- 4. kill -9 during saves
SAVER = """
import sys
sys.path[:0] = [{root!r}]
from report.claims import Fact
from ui.projects import ProjectStore
store = ProjectStore({root_dir!r})
pid = sys.argv[1]
def edit(p):  # one staff edit: the counter and a 6,000-character section both change
    n = int(p.facts[0].value) + 1 if p.facts else 1
    p.facts = [Fact(id="F1", label="保存次数", value=n)]
    p.accepted["一"] = "正文" * 3000 + str(n)
while True:
    n = int(store.update(pid, edit, "local").facts[0].value)
    print(n, flush=True)
"""


def kill_runs(folder: Path, runs: int) -> tuple[int, int, int]:
    """-> (runs, edits acknowledged in total, edits lost)."""
    from ui.projects import ProjectStore

    root = folder / "projects"
    store = ProjectStore(root)
    pid = store.create(owner="local").id
    script = folder / "saver.py"
    script.write_text(SAVER.format(root=str(ROOT), root_dir=str(root)), encoding="utf-8")
    rnd = random.Random(15)
    lost = acked_total = 0
    for run in range(runs):
        proc = subprocess.Popen([sys.executable, str(script), pid], stdout=subprocess.PIPE, text=True)
        acked, first = 0, None
        stop_at = 0.0  # set at the first acknowledged save: the kill lands a random 0.05–0.5 s into the saves
        assert proc.stdout is not None
        while True:
            line = proc.stdout.readline()
            if line.strip():
                acked = int(line)
                if first is None:
                    first, stop_at = acked, time.monotonic() + rnd.uniform(0.05, 0.5)
            if first is not None and time.monotonic() > stop_at:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        stored = ProjectStore(root).load(pid, "local")
        n = int(stored.facts[0].value) if stored.facts else 0
        consistent = stored.accepted.get("一", "").endswith(str(n))
        lost += max(0, acked - n) + (0 if consistent else 1)
        acked_total += acked - (first or acked) + 1
        print(f"  run {run + 1:2d}: acknowledged up to edit {acked}, stored {n}, consistent {consistent}")
    with store.db.tx() as run_sql:
        ok = run_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    if not ok:
        lost += 1
    leftovers = list(folder.glob("**/*.tmp"))
    print(f"\n4. kill -9 during saves: {runs} runs, {acked_total} edits acknowledged, {lost} lost, "
          f"integrity_check {'ok' if ok else 'FAILED'}, .tmp files left {len(leftovers)}")
    return runs, acked_total, lost


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chat-deadline", type=float, default=0, help="LLM_CHAT_DEADLINE (default: the setting's, 30)")
    ap.add_argument("--section-deadline", type=float, default=0,
                    help="LLM_SECTION_DEADLINE (default: the setting's, 60)")
    ap.add_argument("--kill-runs", type=int, default=20)
    ap.add_argument("--skip-model", action="store_true")
    ap.add_argument("--model-only", action="store_true", help="only the stalled / dripping model probes")
    args = ap.parse_args()
    if args.model_only:
        with tempfile.TemporaryDirectory(prefix="probes_") as tmp:
            for label, took, limit, notice in model_fallback(args.chat_deadline, args.section_deadline, Path(tmp)):
                target(took <= limit + 2 and notice, f"{label}: offline answer after {took:.1f} s (deadline {limit:g} s)")
        return 1 if FAILED else 0

    from gradio_client import Client

    from ui.testing import start_app

    rss = PeakRss()
    work = Path(tempfile.mkdtemp(prefix="probes_"))
    files = build_hostile(work / "hostile")
    data = work / "data"
    demo, svc, url = start_app(data, env={"GRADIO_AUTH": ",".join(f"{u}:{p}" for u, p in USERS.items()),
                                          "MAX_UPLOAD_MB": "50"})
    svc.kb()  # the bundled corpus is indexed before the probes (it is DATA_DIR's starting size)
    size0 = size(data)
    print(f"app at {url}, DATA_DIR {data} ({size0 / MB:.1f} MB), PARSE_MEMORY_MB={svc.settings.parse_memory_mb:g}, "
          f"PARSE_SECONDS={svc.settings.parse_seconds:g}, RSS {status_kb('VmRSS') / 1024:.0f} MB")
    amy, ben = (Client(url, auth=(u, p), verbose=False) for u, p in USERS.items())
    try:
        hostile = hostile_uploads(amy, files)
        attempts, leaks = cross_user(url, demo, amy, ben, work)
    finally:
        demo.close()
    print("\n4. kill -9 runs")
    runs, acked, lost = kill_runs(data / "killtest", args.kill_runs)
    grew_main = (size(data) - size0) / MB
    print(f"  the kill -9 store holds {size(data / 'killtest') / MB:.1f} MB of DATA_DIR's growth")
    rows = [] if args.skip_model else model_fallback(args.chat_deadline, args.section_deadline, work)
    peak = rss.stop() / 1024
    hwm = status_kb("VmHWM") / 1024
    left = len(list((data / "tmp").iterdir())) if (data / "tmp").is_dir() else 0

    print("\nTargets")
    for label, took, text in hostile:
        target(bool(text) and bool(CJK.search(text)) and took < 30,
               f"{label}: refused in Chinese in {took:.1f} s (< 30 s)")
    target(leaks == 0, f"cross-user: {leaks} of {attempts} attempts read or changed amy's data (0)")
    for label, took, limit, notice in rows:
        target(took <= limit + 2 and notice, f"{label}: offline answer after {took:.1f} s (deadline {limit:g} s)")
    target(lost == 0, f"kill -9: {lost} lost edits in {runs} runs ({acked} acknowledged)")
    target(peak < 1536, f"server process peak RSS {peak:.0f} MB (VmHWM {hwm:.0f} MB) < 1536 MB")
    target(grew_main < 100, f"DATA_DIR grew {grew_main:.1f} MB (< 100 MB), working folders left {left}")
    print(f"\n{len(FAILED)} target(s) missed" if FAILED else "\nall targets met")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
