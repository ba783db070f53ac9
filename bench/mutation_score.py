"""Mutation score of the deterministic core: how many small deliberate bugs the fast tests catch.

Drives mutmut (3.x) over one module group at a time — report/model, report/rules, report/claims, the parser's 表三
placement (report/parse/tables.py, grid.py, t3check.py) and report/export — running only the test files relevant
to that group, and prints per group and overall: mutants killed / tried, the score, and every surviving mutant
(function, the changed line). Target: ≥ 85 % killed.

mutmut is NOT a project dependency: the bench creates its own venv (``WORK/venv``, default WORK
``/tmp/mutation-bench``) that sees the project's ``.venv`` packages through a ``.pth`` file and adds
``mutmut==3.8.1`` from the package index. The tree is copied (``git ls-files``) to ``WORK/tree-GROUP``, so the
work tree is never touched; a rerun resumes where the last one stopped (results are kept in ``WORK``);
``--fresh`` starts a group again from the current tree (after adding tests).

Two passes per group: every mutant forked from mutmut's warm process (fast), then each survivor again in a fresh
process, because tables built at import time (the declared identities, label tables, lru caches) are otherwise
computed once, before any mutant is switched on.

    nohup nice -n 19 .venv/bin/python bench/mutation_score.py --group model --time-cap 1800 > /tmp/mut-model.log 2>&1 &
    .venv/bin/python bench/mutation_score.py --report            # print the figures of every group run so far

Status codes are mutmut's: killed (a test failed), survived (every test passed), no tests (no selected test runs
the function: counted as not killed), timeout (counted as killed: the mutant made the code loop), suspicious.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = "mutmut==3.8.1"

GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "model": (["report/model"],
              ["test_model_core.py", "test_identities.py", "test_tables.py", "test_continuity.py", "test_validate.py", "test_rules.py", "test_model_exact.py",
              "test_parse_table2_rows.py", "test_agency_identity_uses.py"]),
    "rules": (["report/rules"],
              ["test_rules.py", "test_rules_fee_unit.py", "test_rules_meta.py", "test_rules_text.py", "test_validate.py", "test_continuity.py",
               "test_audit_published_errors.py", "test_rules_text_meta_exact.py", "test_rules_tables_exact.py"]),
    "claims": (["report/claims"],
               ["test_claims.py", "test_claims_context.py", "test_claims_facts.py", "test_claims_narrative.py",
                "test_numbers.py", "test_claims_helpers_exact.py"]),
    "parse": (["report/parse/tables.py", "report/parse/grid.py", "report/parse/t3check.py"],
              ["test_parse.py", "test_parse_fallbacks.py", "test_parse_garbled.py", "test_parse_layouts.py",
               "test_parse_markup.py", "test_parse_crawler.py", "test_parse_grid_exact.py", "test_parse_columnmajor.py",
               "test_parse_t3check_exact.py", "test_parse_tables_exact.py"]),
    "export": (["report/export"],
               ["test_export_docx.py", "test_export_markdown.py", "test_xlsx.py", "test_export_cli.py",
                "test_export_docx_layout.py", "test_xlsx_layout.py", "test_export_markdown_exact.py",
                "test_export_grid_exact.py", "test_export_style_exact.py"]),
}
KILLED = {"killed", "timeout"}
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout",
          37: "caught by type check", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout", None: "not checked"}


def ensure_venv(work: Path) -> Path:
    venv = work / "venv"
    py = venv / "bin" / "python"
    if not (venv / ".ready").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", MUTMUT], check=True)
        (venv / ".ready").touch()
    site = Path(subprocess.check_output([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    # the project's packages (pydantic, python-docx, openpyxl, pytest plugins…) come from its own venv; written on
    # every run (resolved), so a venv made from a worktree since removed still finds them
    (site / "project_venv.pth").write_text(str(Path(sysconfig.get_paths()["purelib"]).resolve()) + "\n", encoding="utf-8")
    return venv


def prepare_tree(work: Path, group: str, fresh_process: bool = False) -> Path:
    """A copy of the tracked files (once per group) with the mutmut config of that group."""
    tree = work / f"tree-{group}"
    if not tree.exists():
        files = subprocess.check_output(["git", "ls-files", "-z"], cwd=ROOT).decode().split("\0")
        files += [f for f in subprocess.check_output(["git", "ls-files", "-z", "--others", "--exclude-standard"],
                                                     cwd=ROOT).decode().split("\0") if f.startswith(("tests/", "report/"))]
        for f in filter(None, files):
            src = ROOT / f
            if src.is_file() and not f.startswith("docs/screenshots/"):
                dst = tree / f
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.write_bytes(src.read_bytes())
    paths, tests = GROUPS[group]
    only = [p + ("/*" if not p.endswith(".py") else "") for p in paths]
    cfg = ["[mutmut]", "source_paths=", "    report",
           "only_mutate=", *(f"    {p}" for p in only),
           "also_copy=", *(f"    {p}" for p in ("agents/", "bench/", "knowledge/", "prompts/", "settings.py", "ui/", "pytest.ini")),
           "pytest_add_cli_args_test_selection=", *(f"    tests/{t}" for t in tests),
           "pytest_add_cli_args=", "    -p", "    no:cacheprovider"]
    if fresh_process:
        # each mutant in a process that imports the code afresh: module-level tables built at import time
        # (the declared identities, label tables) and lru caches then see the mutant too
        cfg += ["process_isolation=forkserver", "forkserver_warmup=none"]
    (tree / "setup.cfg").write_text("\n".join(cfg) + "\n", encoding="utf-8")
    # mutmut re-selects tests by node id; pytest escapes non-ASCII parameter ids (\u653f…), which it then cannot
    # select again: keep them as they are in the group's copy of pytest.ini
    ini = tree / "pytest.ini"
    keep = "disable_test_id_escaping_and_forfeit_all_rights_to_community_support = true"
    if ini.exists() and keep not in ini.read_text(encoding="utf-8"):
        ini.write_text(ini.read_text(encoding="utf-8").rstrip("\n") + "\n" + keep + "\n", encoding="utf-8")
    return tree


def _mutmut(work: Path, tree: Path, args: list[str], cap: float, label: str) -> None:
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONHASHSEED="0")
    start = time.monotonic()
    proc = subprocess.Popen([str(work / "venv" / "bin" / "mutmut"), *args], cwd=tree, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=max(cap, 1))
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGINT)  # mutmut stops its children and keeps the results so far
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        print(f"[{label}] time cap reached: partial results (a rerun resumes)")
    lines = [ln for ln in out.replace("\r", "\n").splitlines() if ln.strip() and not ln.startswith(("🎉", "🙁", "🫥", "⏰"))]
    print(f"[{label}] mutmut exited {proc.returncode} after {time.monotonic() - start:.0f} s\n" + "\n".join(lines[-6:]))


def _verdicts(tree: Path) -> dict[Path, dict[str, Any]]:
    return {meta: _read_meta(meta) for meta in (tree / "mutants").rglob("*.py.meta")}


def _function_of(key: str) -> str:
    return re.sub(r"__mutmut_\d+$", "", key.rsplit(".", 1)[-1])


def _restore_verdicts(before: dict[Path, dict[str, Any]]) -> int:
    """After a retry: mutmut forgot every verdict (a new test selection resets them all); put back the ones it did
    not re-run. Sound because a retry only adds tests and leaves the mutated sources as they were: a mutant killed
    before is still killed. A mutant of a function whose source changed since has a new hash and is left alone."""
    restored = 0
    for meta, old in before.items():
        if not meta.exists():
            continue
        data = _read_meta(meta)
        codes = data["exit_code_by_key"]
        same = {f for f, h in data.get("hash_by_function_name", {}).items()
                if old.get("hash_by_function_name", {}).get(f) == h}
        for key, code in old["exit_code_by_key"].items():
            if key in codes and codes[key] is None and code is not None and _function_of(key) in same:
                codes[key] = code
                restored += 1
        meta.write_text(json.dumps(data, indent=4), encoding="utf-8")
    return restored


def refresh_tree(work: Path, group: str) -> set[str]:
    """Copy the work tree's tests and report/ sources (tracked and new) into the group's tree, so a retry sees the
    tests added since (and a source fixed since: mutmut then makes that file's mutants again). Returns the report/
    files that changed."""
    tree = work / f"tree-{group}"
    files = subprocess.check_output(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "tests",
                                     "report"], cwd=ROOT).decode().split("\0")
    changed = set()
    for f in filter(None, files):
        src = ROOT / f
        if src.is_file():
            dst = tree / f
            dst.parent.mkdir(parents=True, exist_ok=True)
            if not dst.exists() or dst.read_bytes() != src.read_bytes():
                dst.write_bytes(src.read_bytes())
                if f.startswith("report/"):
                    changed.add(f)
    return changed


def _sync_tree(work: Path, group: str, children: int, cap: float) -> Path:
    """The group's tree with the work tree's current tests and test selection, its earlier verdicts kept.

    mutmut forgets every verdict when the test selection changes (and cannot run at all if the selection names a
    test file the tree does not have yet): copy the tests in, let mutmut make the mutants and the test map once
    (a run for a mutant name that matches nothing), then put the verdicts back (sound: tests were only added)."""
    tree = work / f"tree-{group}"
    fresh = not (tree / "mutants").exists()
    before = {} if fresh else _verdicts(tree)
    if not fresh:
        refresh_tree(work, group)
    tree = prepare_tree(work, group)
    _mutmut(work, tree, ["run", "--max-children", str(children), "no-such-mutant"], cap, f"{group} mutants and test map")
    if before:
        print(f"[{group}] {_restore_verdicts(before)} earlier verdicts kept")
    return tree


def run_group(work: Path, group: str, time_cap: float, children: int, *, retry: bool = False,
              confirm: bool = True, sample: int = 0) -> None:
    """Pass 1: every mutant, forked from a warm process (fast). Pass 2: the survivors again, each in a fresh process.

    ``retry``: the group was run before and tests were added since: only the mutants not killed are run again
    (with the new tests), the others keep their verdict. ``confirm=False`` skips pass 2."""
    ensure_venv(work)
    start = time.monotonic()
    if retry and (work / f"tree-{group}" / "mutants").exists():
        changed = refresh_tree(work, group)
        tree = prepare_tree(work, group)
        # mutants of a changed source file are made again by mutmut: they are run by the final pass below
        left_over = [name for name, status, path in results(work, group) if status not in KILLED and path not in changed]
        before = _verdicts(tree)
        for k in range(0, len(left_over), 200):
            left = time_cap - (time.monotonic() - start)
            if left <= 0:
                print(f"[{group}] no time left to retry {len(left_over) - k} mutants")
                break
            batch = left_over[k : k + 200]
            _mutmut(work, tree, ["run", "--max-children", str(children), *batch], left, f"{group} retry ({len(batch)})")
        print(f"[{group}] {_restore_verdicts(before)} earlier verdicts kept")
        left = time_cap - (time.monotonic() - start)
        if left > 0:  # whatever has no verdict now (a changed function's mutants, a batch cut short)
            _mutmut(work, tree, ["run", "--max-children", str(children)], left, f"{group} retry (the rest)")
    elif sample:
        # a group too slow to finish: a seeded random sample of the mutants not run yet, spread over every file,
        # so the partial figure is an estimate for the whole group (pass 1 runs the cheapest mutants first)
        tree = _sync_tree(work, group, children, time_cap)
        untried = sorted(name for name, status, _ in results(work, group) if status == "not checked")
        picked = random.Random(0).sample(untried, min(sample, len(untried)))  # random order: a cut batch is a sample too
        for k in range(0, len(picked), 100):
            left = time_cap - (time.monotonic() - start)
            if left <= 0:
                print(f"[{group}] no time left for {len(picked) - k} sampled mutants")
                break
            _mutmut(work, tree, ["run", "--max-children", str(children), *picked[k : k + 100]], left,
                    f"{group} sample ({min(k + 100, len(picked))}/{len(picked)})")
    else:
        tree = _sync_tree(work, group, children, time_cap)
        _mutmut(work, tree, ["run", "--max-children", str(children)], time_cap - (time.monotonic() - start),
                f"{group} pass 1")
    survivors = [name for name, status, _ in results(work, group) if status == "survived"]
    if survivors and confirm:
        prepare_tree(work, group, fresh_process=True)
        for k in range(0, len(survivors), 200):
            left = time_cap - (time.monotonic() - start)
            if left <= 0:
                print(f"[{group}] no time left to confirm {len(survivors) - k} survivors in a fresh process")
                break
            batch = survivors[k : k + 200]
            _mutmut(work, tree, ["run", "--max-children", str(children), *batch], left, f"{group} pass 2 ({len(batch)} survivors)")
        prepare_tree(work, group)


def _read_meta(meta: Path) -> dict:
    """A .meta file, read again if mutmut was writing it at that moment (a run may be going on)."""
    for _ in range(20):
        try:
            return json.loads(meta.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            time.sleep(0.1)
    return {"exit_code_by_key": {}}


def results(work: Path, group: str) -> list[tuple[str, str, str]]:
    """(mutant name, status, path) for every mutant of the group tried so far."""
    tree = work / f"tree-{group}"
    out = []
    for meta in sorted((tree / "mutants").rglob("*.py.meta")) if tree.exists() else []:
        data = _read_meta(meta)
        rel = str(meta.relative_to(tree / "mutants"))[: -len(".meta")]
        for name, code in data["exit_code_by_key"].items():
            out.append((name, STATUS.get(code, "suspicious"), rel))
    return out


_SOURCES: dict[Path, tuple[list[str], dict[str, ast.FunctionDef]]] = {}
_STRING = re.compile(r"f?(\"[^\"]*\"|'[^']*')")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def changed_line(work: Path, group: str, name: str, path: str) -> tuple[str, str]:
    """(kind, ``before  →  after``): kind 'message' when only a Chinese string literal (a sentence for staff) changed."""
    file = work / f"tree-{group}" / "mutants" / path
    if file not in _SOURCES:
        text = file.read_text(encoding="utf-8")
        _SOURCES[file] = (text.splitlines(), {n.name: n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.FunctionDef)})
    lines, funcs = _SOURCES[file]
    fname = name.rsplit(".", 1)[-1]
    mutant, orig = funcs.get(fname), funcs.get(re.sub(r"__mutmut_\d+$", "__mutmut_orig", fname))
    if mutant is None or orig is None:
        return "other", "(source not found)"
    a = lines[orig.lineno : orig.end_lineno]
    b = lines[mutant.lineno : mutant.end_lineno]
    minus = [ln.strip() for ln in difflib.ndiff(a, b) if ln.startswith("- ")]
    plus = [ln.strip() for ln in difflib.ndiff(a, b) if ln.startswith("+ ")]
    before, after = " / ".join(m[2:] for m in minus), " / ".join(p[2:] for p in plus)
    only_strings = before and after and _STRING.sub("S", before) == _STRING.sub("S", after)
    kind = "message" if only_strings and _CJK.search(" ".join(_STRING.findall(before))) else "other"
    return kind, f"{before[:120]}  →  {after[:120]}"


def report(work: Path, groups: list[str], show: bool, by_file: bool = False) -> None:
    total_k = total_n = 0
    rows = []
    for group in groups:
        res = results(work, group)
        tried = [r for r in res if r[1] not in ("not checked", "skipped")]
        if not tried:
            continue
        killed = sum(r[1] in KILLED for r in tried)
        total_k += killed
        total_n += len(tried)
        counts: dict[str, int] = {}
        for r in tried:
            counts[r[1]] = counts.get(r[1], 0) + 1
        pending = len(res) - len(tried)
        rows.append((group, killed, len(tried), pending, counts))
        print(f"{group:7s} {killed:5d}/{len(tried):<5d} killed = {100 * killed / len(tried):5.1f} %   "
              + "  ".join(f"{k}: {v}" for k, v in sorted(counts.items())) + (f"   (not yet run: {pending})" if pending else ""))
        if by_file:
            for path in sorted({r[2] for r in res}):
                mine = [r for r in tried if r[2] == path]
                k = sum(r[1] in KILLED for r in mine)
                print(f"        {path:40s} {k:5d}/{len(mine):<5d} killed" + (f" = {100 * k / len(mine):5.1f} %" if mine else "")
                      + f"   of {sum(r[2] == path for r in res)} mutants")
        surv = [(name, status, path) for name, status, path in tried if status not in KILLED]
        kinds = [changed_line(work, group, name, path) for name, _, path in surv]
        strings = sum(k == "message" for k, _ in kinds)
        if surv:
            print(f"        of the {len(surv)} not killed, {strings} only change the wording of a Chinese sentence for "
                  f"staff; without those: {killed}/{len(tried) - strings} = {100 * killed / max(len(tried) - strings, 1):.1f} %")
        if show:
            for (name, status, path), (kind, line) in zip(surv, kinds):
                print(f"    {status:9s} {kind:7s} {path}:{_short(name)}  {line}")
    if total_n:
        print(f"overall {total_k:5d}/{total_n:<5d} killed = {100 * total_k / total_n:5.1f} %")


def _short(name: str) -> str:
    return re.sub(r"x(ǁ\w+ǁ)?_?", "", name.split(".")[-1], count=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--group", choices=[*GROUPS, "all"], default=None, help="run this group (one at a time)")
    ap.add_argument("--time-cap", type=float, default=3600, help="seconds per group; partial results are kept")
    ap.add_argument("--children", type=int, default=1, help="mutants tested in parallel (the machine has 2 cores)")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("MUTATION_WORK", "/tmp/mutation-bench")))
    ap.add_argument("--report", action="store_true", help="only print the figures of the groups run so far")
    ap.add_argument("--no-survivors", action="store_true", help="do not list the surviving mutants")
    ap.add_argument("--fresh", action="store_true", help="start the group again from the current tree (new tests)")
    ap.add_argument("--retry", action="store_true",
                    help="tests were added: re-run only the mutants not killed so far (with the new tests)")
    ap.add_argument("--sample", type=int, default=0,
                    help="run only N mutants not run yet, a seeded random sample over the group's files (a run resumed)")
    ap.add_argument("--by-file", action="store_true", help="also print killed / tried per source file")
    ap.add_argument("--no-confirm", action="store_true", help="skip pass 2 (survivors again in a fresh process)")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    groups = list(GROUPS) if args.group in (None, "all") else [args.group]
    if not args.report:
        for group in groups:
            if args.fresh:
                shutil.rmtree(args.work / f"tree-{group}", ignore_errors=True)
            run_group(args.work, group, args.time_cap, args.children, retry=args.retry, confirm=not args.no_confirm,
                      sample=args.sample)
    report(args.work, groups, show=not args.no_survivors, by_file=args.by_file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
