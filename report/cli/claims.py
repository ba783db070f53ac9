"""`python -m report claims FILE [--previous LAST] [--facts FACTS.json] [--json]`: every narrative number of a
report, bound to the statutory tables (the same binding as ``report audit``'s narrative rule).

FILE is a published report (any format ``report parse`` reads) or interchange JSON. ``--json`` prints a JSON list,
one object per number mention (:func:`report.claims.claim_record`); without it a readable Chinese listing.
Exit status: 0 no contradiction of severity error; 1 at least one; 2 unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys

from report.claims import FactError, FactSheet, claim_record, format_listing
from report.usecases import AuditInputError, check_report, load_report


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = subparsers.add_parser("claims", help="核对正文中的每个数字：与统计表一致、矛盾或无法核对",
                              description="把年度报告正文中的每个数字与统计表（及上年报告、表外数据）逐一核对。")
    p.add_argument("file", metavar="FILE", help="报告文件（文本/网页/Markdown/Word/PDF）或交换格式 JSON")
    p.add_argument("--previous", metavar="LAST", help="上一年度的报告（用于核对“比上年增加…”等增长数字）")
    p.add_argument("--facts", metavar="FACTS.json", help="表外数据（事实清单）JSON")
    p.add_argument("--json", action="store_true", help="以 JSON 列表输出，每个数字一项")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        report = load_report(args.file)
    except AuditInputError as exc:
        print(f"无法读取：{exc}", file=sys.stderr)
        return 2
    previous = None
    if args.previous:
        try:
            previous = load_report(args.previous)
        except AuditInputError as exc:
            print(f"上年报告无法读取：{exc}", file=sys.stderr)
            return 2
    facts = FactSheet()
    if args.facts:
        try:
            facts = FactSheet.load(args.facts)
        except FactError as exc:
            print(f"表外数据无法读取：{exc}", file=sys.stderr)
            return 2
    items = check_report(report, previous, facts)
    if args.json:
        print(json.dumps([claim_record(x) for x in items], ensure_ascii=False, indent=1))
    else:
        print(format_listing(items, report))
    return 1 if any(x.claim.status == "contradicts" and x.claim.severity == "error" for x in items) else 0
