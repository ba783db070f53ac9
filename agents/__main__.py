"""Command line: draft sections or ask a question.

    python -m agents draft REPORT.json [--previous LAST.json] [--facts FACTS.json] [--answers ANSWERS.json]
                                       [--profile government|township|department] [--section 一|五|六|all]
                                       [--offline] [--no-kb] [--confirm-previous] [--json]
    python -m agents questions REPORT.json [--previous LAST.json] [--profile …] [--no-kb] [--confirm-previous] [--json]

Without ``--previous`` the agency's own report of the year before is looked up in the knowledge base by identity
(renames included); one found under another name is used only with ``--confirm-previous``.
    python -m agents ask "QUESTION" [--report REPORT.json] [--previous LAST.json] [--offline] [--no-kb]

REPORT.json is the interchange JSON (``python -m report parse FILE --json``). Without OPENAI_BASE_URL (or with
``--offline``) drafting uses the offline templates and chat answers from retrieval. Errors are Chinese sentences
on stderr with exit code 2; nothing is printed half-way.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import Any, Optional

from report.model.tables import Report

from .factsheet import load_facts
from .interview import build_interview, load_answers, questions_json
from .profiles import KINDS, classify
from .types import ChatSession

SECTION_CHOICES = ("一", "五", "六", "all")


class CliError(Exception):
    pass


def _load_report(path: Optional[str], what: str) -> Optional[Report]:
    if not path:
        return None
    p = Path(path)
    try:
        return Report.from_interchange(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise CliError(f"找不到{what}文件：{p}") from exc
    except (ValueError, TypeError, KeyError) as exc:
        raise CliError(f"{what}文件不是有效的年报 JSON（可用 python -m report parse 文件 --json 生成）：{p}") from exc


def _model(offline: bool) -> Any:
    if offline:
        return None
    from settings import get_settings

    from .llm import build_chat_model

    return build_chat_model(get_settings())


@functools.lru_cache(maxsize=None)
def _kb(enabled: bool) -> Any:
    """The knowledge base, opened once per run (None when disabled or unavailable, with a notice)."""
    if not enabled:
        return None
    try:
        from knowledge import build_knowledge_base

        return build_knowledge_base()
    except Exception as exc:
        print(f"提示：资料库不可用（{type(exc).__name__}），本次不参考往年报告和法规。", file=sys.stderr)
        return None


def _previous(args: argparse.Namespace, report: Report) -> Optional[Report]:
    """``--previous``, else this agency's report of the year before from the knowledge base, matched by identity:
    used under the same name; under another name only with ``--confirm-previous`` (the notice says which)."""
    previous = _load_report(args.previous, "上年报告")
    if previous is not None or args.no_kb:
        return previous
    from .past_reports import last_year_report

    kb = _kb(True)
    if kb is None:
        return None
    match = last_year_report(kb.reports(), report)
    if match is None:
        print("提示：未指定 --previous，资料库中也没有本机关上一年度的报告：问题按通用提纲提出。", file=sys.stderr)
        return None
    if match.exact:
        print(f"提示：{match.notice(report.agency)}", file=sys.stderr)
        return match.report
    if args.confirm_previous:
        print(f"提示：已按 --confirm-previous 使用资料库中的《{match.label}》作为上年报告"
              f"（机关名称写作“{match.report.agency}”，按机关身份判断与“{report.agency}”为同一机关）。", file=sys.stderr)
        return match.report
    print(f"提示：{match.notice(report.agency)}", file=sys.stderr)
    print("未使用该报告：确认是同一机关请加 --confirm-previous，或用 --previous 指定上年报告。", file=sys.stderr)
    return None


def cmd_draft(args: argparse.Namespace) -> int:
    from .drafting import draft_section

    report = _load_report(args.report, "报告")
    if report is None:
        raise CliError("请指定本年度报告（交换格式 JSON）。")
    previous = _previous(args, report)
    try:
        facts = load_facts(Path(args.facts)) if args.facts else []
        answers = load_answers(Path(args.answers)) if args.answers else {}
        profile = classify(report, args.profile) if args.profile else None
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    model = _model(args.offline)
    kb = _kb(not args.no_kb and model is not None)
    sections = ("一", "五", "六") if args.section == "all" else (args.section,)
    drafts = {s: draft_section(report, s, facts=facts, previous=previous, model=model, kb=kb, answers=answers,
                               profile=profile) for s in sections}
    if args.json:
        out = {"sections": {s: d.to_json_dict() for s, d in drafts.items()}}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for d in drafts.values():
        print(d.title)
        if d.notice:
            print(f"【提示】{d.notice}")
        print(d.text)
        for f in d.findings:
            mark = {"error": "【错误】", "warning": "【请核对】", "info": "【提示】"}[f.severity]
            print(f"{mark}{f.message}" + (f"：“{f.text}”" if f.text else ""))
        if d.sources:
            print("参考资料：" + "；".join(s.citation for s in d.sources))
        print()
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    report = _load_report(args.report, "报告")
    if report is None:
        raise CliError("请指定本年度报告（交换格式 JSON）。")
    previous = _previous(args, report)
    try:
        profile = classify(report, args.profile) if args.profile else None
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    iv = build_interview(report, previous, profile)
    if args.json:
        print(json.dumps(questions_json(iv), ensure_ascii=False, indent=2))
        return 0
    for q in iv.questions:
        print(f"[{q.id}] {q.section}·{q.subpart}（{'数字' if q.kind == 'number' else '文字'}）{q.question}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .chat import respond

    session = ChatSession(report=_load_report(args.report, "报告"), previous=_load_report(args.previous, "上年报告"),
                          model=_model(args.offline), kb=_kb(not args.no_kb))
    answer = ""
    for part in respond(args.question, [], session):
        answer = part
    print(answer)
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agents", description="年报助手：起草与问答")
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draft", help="起草第一、五、六部分")
    d.add_argument("report", help="本年度报告（交换格式 JSON）")
    d.add_argument("--previous", help="上年度报告（交换格式 JSON）")
    d.add_argument("--facts", help="工作人员提供的事实（JSON）")
    d.add_argument("--answers", help="访谈回答（JSON：问题编号 → 文字或数字）")
    d.add_argument("--profile", choices=KINDS, help="机关类型（默认按机关名称和报表判断）")
    d.add_argument("--section", choices=SECTION_CHOICES, default="all")
    d.add_argument("--offline", action="store_true", help="不调用大模型，用离线模板起草")
    d.add_argument("--no-kb", action="store_true", help="不检索资料库（也不在资料库中找本机关的上年报告）")
    d.add_argument("--confirm-previous", action="store_true",
                   help="资料库中本机关的上年报告名称写法不同（按机关身份匹配）时，确认使用")
    d.add_argument("--json", action="store_true", help="输出 JSON")
    d.set_defaults(func=cmd_draft)
    q = sub.add_parser("questions", help="列出访谈问题（由上年报告生成）")
    q.add_argument("report", help="本年度报告（交换格式 JSON）")
    q.add_argument("--previous", help="上年度报告（交换格式 JSON）")
    q.add_argument("--profile", choices=KINDS, help="机关类型（默认按机关名称和报表判断）")
    q.add_argument("--no-kb", action="store_true", help="不在资料库中找本机关的上年报告")
    q.add_argument("--confirm-previous", action="store_true",
                   help="资料库中本机关的上年报告名称写法不同（按机关身份匹配）时，确认使用")
    q.add_argument("--json", action="store_true", help="输出 JSON")
    q.set_defaults(func=cmd_questions)
    a = sub.add_parser("ask", help="提问（法规、往年报告、报表数字）")
    a.add_argument("question")
    a.add_argument("--report")
    a.add_argument("--previous")
    a.add_argument("--offline", action="store_true")
    a.add_argument("--no-kb", action="store_true")
    a.set_defaults(func=cmd_ask)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
