"""Bench: do offline drafts read like this agency's report, with every answer in place and nothing invented?

Over the labelled corpus (tests/corpus/raw, ``REPORT_CORPUS`` overrides; pairs of one agency's consecutive years
from tests/corpus/SOURCES.tsv) and the sample reports in tests/fixtures, it prints:

1. every interview answer appears in the sub-part it belongs to (%; synthetic answers, one per question);
2. each of last year's 五 problems is addressed by name in this year's 五 (%);
3. similarity (character 4-gram Jaccard) between drafts of two different agencies (max, target < 0.5) and of a
   draft to the same agency's last-year text (max, target < 0.7);
4. unsourced assertions of fact in drafts made without answers (sentences on 考核/评议/责任追究/培训/政策解读/
   新闻发布/新媒体/门户网站/政务服务中心/信息处理费 outside a 【待补充】 and without a table cell or fact: target 0);
5. offline drafting time of a whole report (一, 五, 六 with the interview; max seconds, target < 1 s);
6. question ids: the same on a second build, and each base topic (政策解读, 培训, 考核…) keeps its id with and
   without last year's report (an answer saved before last year's report was loaded stays on its question);
7. tables only, every report of the split (no last-year report, no answers): the harshest case of 3.

    .venv/bin/python bench/drafting_quality.py [--split tune|measure|all] [--verbose]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agents.interview import SUBPARTS, build_interview, problem_key
from agents.offline import draft_offline
from agents.past_reports import last_year_report
from report.model.agency import same_agency
from report.model.tables import Report
from report.parse.reader import parse_file

CORPUS = ROOT / "tests" / "corpus"
RAW = Path(os.environ.get("REPORT_CORPUS") or (CORPUS / "raw"))
if not any(RAW.glob("c*_*")) and Path("/work/main/tests/corpus/raw").is_dir():
    RAW = Path("/work/main/tests/corpus/raw")
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("0*_*.txt"))
ASSERTION = re.compile(r"考核|评议|责任追究|培训|政策解读|新闻发布|新媒体|门户网站|政务服务中心|信息处理费|公开栏|督查")
SENTENCE = re.compile(r"[^。；\n]+")
BASE_WORDS = ("解读", "发布会", "答复", "审查", "网站", "培训", "考核")  # agents.interview's base topics


def grams(text: str, n: int = 4) -> set[str]:
    t = re.sub(r"\s+", "", text)
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def jaccard(a: str, b: str) -> float:
    x, y = grams(a), grams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def split_files(split: str) -> list[dict[str, str]]:
    """SOURCES.tsv rows of the split's text files."""
    rows = list(csv.DictReader((CORPUS / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t"))
    sp = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    chosen = set(sp["tune"]) | set(sp["measure"]) if split == "all" else set(sp[split])
    return [r for r in rows if r["id"] in chosen and r["id"].endswith(".txt") and (RAW / r["id"]).is_file()]


def pairs(split: str) -> list[tuple[str, str, str]]:
    """(agency, last year's file, this year's file) for consecutive years of one agency — one agency under all
    its names (same_agency: 管委会（区级汇总） and 管委会（区级汇总，含平潭县） are one)."""
    by: dict[str, dict[int, str]] = {}
    for r in split_files(split):
        name = next((a for a in by if same_agency(a, r["agency"])), r["agency"])
        by.setdefault(name, {})[int(r["year"])] = r["id"]
    out = []
    for agency, years in sorted(by.items()):
        for y in sorted(years):
            if y - 1 in years:
                out.append((agency, years[y - 1], years[y]))
    return out


def answer_for(q: Any, k: int) -> Any:
    if q.kind == "number":
        return 9000 + k  # a value no table holds
    return f"答复{q.id}已落实第{'甲乙丙丁戊己庚辛壬癸'[k % 10]}项工作"


def draft_all(report: Report, previous: Optional[Report], answers: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    iv = build_interview(report, previous)
    iv.answers = dict(answers or {})
    return {s: draft_offline(report, [], previous, s, interview=iv) for s in ("一", "五", "六")}, iv


def subpart_spans(text: str) -> dict[str, str]:
    """Section 一 cut at its （一）…（五） headings, in order."""
    heads = [m.start() for m in re.finditer(r"(?m)^（[一二三四五]）", text)]
    spans = {}
    for i, sp in enumerate(SUBPARTS):
        if i < len(heads):
            end = heads[i + 1] if i + 1 < len(heads) else len(text)
            spans[sp] = text[heads[i]:end]
    return spans


def placed(q: Any, a: Any, drafts: dict[str, Any]) -> bool:
    shown = str(a)
    if q.section == "一" and q.subpart == "综述":
        return shown in drafts["一"].text.split("（一）")[0]
    if q.section == "一":
        return shown in subpart_spans(drafts["一"].text).get(q.subpart, "")
    text = drafts[q.section].text
    if q.section == "五":
        part = text.split("（二）")[0] if q.subpart == "上年度问题整改" else text.split("（二）", 1)[-1]
        return shown in part
    block = next((b for b in re.split(r"(?m)^(?=（[一二三四]）)", text) if q.subpart in b.split("\n")[0]
                  or (q.id == "六1" and "信息处理费" in b.split("\n")[0])), "")
    return shown in block


def unsourced(drafts: dict[str, Any]) -> list[str]:
    out = []
    for d in drafts.values():
        text = re.sub(r"【待补充[^】]*】", "", d.text)
        for m in SENTENCE.finditer(text):
            s = m.group(0)
            quoted_last_year = re.search(r"针对“[^”]+”的问题", s)  # names last year's problem: sourced
            if ASSERTION.search(s) and not re.match(r"^（[一二三四五六]）", s) and not quoted_last_year:
                cited = any(c.text and c.text in s or s in c.text for c in d.claims if c.cell or c.fact)
                if not cited:
                    out.append(s.strip())
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("tune", "measure", "all"), default="measure")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    cache: dict[str, Report] = {}

    def load(name: str) -> Report:
        if name not in cache:
            cache[name] = parse_file(RAW / name)
        return cache[name]

    prs = pairs(args.split)
    placed_n = answered = problems = named = 0
    sims_last: list[float] = []
    drafts_plain: dict[str, str] = {}
    by_section: dict[str, dict[str, str]] = {}
    with_last: set[str] = set()  # drafts made with the agency's own last-year report
    bad: list[str] = []
    times: list[float] = []
    for agency, prev_id, cur_id in prs:
        prev, cur = load(prev_id), load(cur_id)
        t0 = time.perf_counter()
        drafts, iv = draft_all(cur, prev)
        times.append(time.perf_counter() - t0)
        whole = "\n".join(d.text for d in drafts.values())
        drafts_plain[f"{agency}/{cur_id}"] = whole
        by_section[f"{agency}/{cur_id}"] = {s: d.text for s, d in drafts.items()}
        with_last.add(f"{agency}/{cur_id}")
        prev_text = "\n".join(prev.sections.get(s) or "" for s in ("一", "五", "六"))
        sims_last.append(jaccard(whole, prev_text))
        bad += [f"{cur_id}: {s}" for s in unsourced(drafts)]
        for p in iv.problems_last_year:
            problems += 1
            named += problem_key(p) in drafts["五"].text.split("（二）")[0]
        answers = {q.id: answer_for(q, k) for k, q in enumerate(iv.questions)}
        drafts_a, iv_a = draft_all(cur, prev, answers)
        for q in iv_a.questions:
            answered += 1
            ok = placed(q, answers[q.id], drafts_a)
            placed_n += ok
            if not ok and args.verbose:
                print(f"  not placed: {cur_id} {q.id} {q.subpart}")
    ids_same = ids_total = topics_kept = topics_total = 0
    for _agency, prev_id, cur_id in prs:
        prev, cur = load(prev_id), load(cur_id)
        first = [(q.id, q.question) for q in build_interview(cur, prev).questions]
        ids_total += 1
        ids_same += first == [(q.id, q.question) for q in build_interview(cur, prev).questions]
        alone = {q.id: q for q in build_interview(cur, None).questions if q.section == "一" and q.id != "一0"}
        with_prev = {q.id: q for q in build_interview(cur, prev).questions}
        for qid, q in alone.items():  # base topics: asked with or without last year, under the same id
            word = next(w for w in BASE_WORDS if w in q.question)
            topics_total += 1
            topics_kept += qid in with_prev and (word in with_prev[qid].question or word in with_prev[qid].last_year)
            if args.verbose and not (qid in with_prev and (word in with_prev[qid].question
                                                           or word in with_prev[qid].last_year)):
                print(f"  id moved: {cur_id} {qid} {word} -> {with_prev.get(qid) and with_prev[qid].question}")
    library = [load(r["id"]) for r in split_files(args.split)]  # what a knowledge base of this split would hold
    for f in FIXTURES:
        r = parse_file(f)
        own = last_year_report(library, r)  # the agency's own last-year report, found by identity (else none)
        t0 = time.perf_counter()
        drafts, _ = draft_all(r, own.report if own is not None else None)
        times.append(time.perf_counter() - t0)
        drafts_plain[f"{r.agency}/{f.name}"] = "\n".join(d.text for d in drafts.values())
        by_section[f"{r.agency}/{f.name}"] = {s: d.text for s, d in drafts.items()}
        if own is not None:
            with_last.add(f"{r.agency}/{f.name}")
        bad += [f"{f.name}: {s}" for s in unsourced(drafts)]
    def other(a: str, b: str) -> bool:  # drafts of two different agencies (by identity, not by spelling)
        return not same_agency(a.split("/")[0], b.split("/")[0])

    cross = [(jaccard(drafts_plain[a], drafts_plain[b]), a, b)
             for a, b in itertools.combinations(sorted(drafts_plain), 2) if other(a, b)]
    worst = max(cross) if cross else (0.0, "", "")
    prose = {k: re.sub(r"【待补充[^】]*】", "", v) for k, v in drafts_plain.items()}
    cross_prose = [jaccard(prose[a], prose[b]) for a, b in itertools.combinations(sorted(prose), 2) if other(a, b)]
    with_prev = [c for c in cross if c[1] in with_last and c[2] in with_last]
    tables_only = [c for c in cross if c[1] not in with_last or c[2] not in with_last]
    pct = lambda a, b: f"{100 * a / b:.1f} %" if b else "n/a"
    print(f"corpus: {RAW} split={args.split}: {len(prs)} same-agency consecutive-year pairs + {len(FIXTURES)} fixtures")
    print(f"answers placed in their sub-part: {placed_n}/{answered} = {pct(placed_n, answered)} (target 100 %)")
    print(f"last year's 五 problems addressed by name: {named}/{problems} = {pct(named, problems)} (target 100 %)")
    print(f"similarity between drafts of different agencies (4-gram Jaccard): max {worst[0]:.3f} "
          f"({worst[1]} vs {worst[2]}), mean {sum(c[0] for c in cross) / max(1, len(cross)):.3f} (target < 0.5)")
    if worst[1]:
        per = "、".join(f"{k} {jaccard(by_section[worst[1]][k], by_section[worst[2]][k]):.2f}" for k in ("一", "五", "六"))
        print(f"  worst pair by section: {per}")
    for name, group in (("both drafted with their own last-year report", with_prev),
                        ("at least one drafted from its tables alone (no last-year report in the split)", tables_only)):
        if group:
            top = max(group)
            print(f"  {name}: max {top[0]:.3f} ({top[1]} vs {top[2]}), {sum(c[0] >= 0.5 for c in group)}/"
                  f"{len(group)} pairs >= 0.5")
    print(f"  prose only (placeholders removed): max {max(cross_prose, default=0):.3f}")
    if sims_last:
        print(f"similarity of a draft to the same agency's last-year text: max {max(sims_last):.3f}, "
              f"mean {sum(sims_last) / len(sims_last):.3f} (target < 0.7)")
    print(f"unsourced assertions of fact in drafts without answers: {len(bad)} (target 0)")
    for s in bad[:20]:
        print("  " + s)
    print(f"offline drafting time of a whole report: max {max(times):.3f} s, mean {sum(times) / len(times):.3f} s "
          f"(target < 1 s)")
    print(f"question ids the same on a second build: {ids_same}/{ids_total}; base topics keeping their id with and "
          f"without last year's report: {topics_kept}/{topics_total}")
    alone: dict[str, str] = {}
    for r in split_files(args.split):
        rep = load(r["id"])
        alone[f"{rep.agency or r['agency']}/{r['id']}"] = "\n".join(d.text for d in draft_all(rep, None)[0].values())
    for k, v in drafts_plain.items():
        if k not in with_last:
            alone[k] = v
    harsh = [(jaccard(alone[a], alone[b]), a, b) for a, b in itertools.combinations(sorted(alone), 2) if other(a, b)]
    if harsh:
        top = max(harsh)
        print(f"tables only, every report of the split drafted without its last-year report: max {top[0]:.3f} "
              f"({top[1]} vs {top[2]}), {sum(c[0] >= 0.5 for c in harsh)}/{len(harsh)} pairs >= 0.5, "
              f"median {sorted(c[0] for c in harsh)[len(harsh) // 2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
