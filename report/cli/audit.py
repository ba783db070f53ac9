"""`python -m report audit PATH... [--previous FILE] [--json] [--out summary.xlsx|.csv] [--mode audit|draft]`.

Exit status: 0 no error findings; 1 at least one report has an error finding; 2 input unreadable (a single
unreadable file, or a batch where some file was unreadable and no report has errors).
"""

from __future__ import annotations

import argparse
import json
import sys

from report.rules.validate import MODES
from report.usecases import (
    AuditInputError,
    audit_paths,
    collect_paths,
    exit_code,
    format_entry,
    load_report,
    write_summary,
)


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = subparsers.add_parser("audit", help="审核年度报告：表格勾稽关系、空白单元格、结构、年份、跨年度衔接",
                              description="审核一份或多份政府信息公开工作年度报告（原始报告、交换格式 JSON 或文件夹）。")
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、交换格式 JSON 或包含它们的文件夹")
    p.add_argument("--previous", metavar="FILE", help="上一年度的报告（用于核对上年结转、现行有效件数等）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")
    p.add_argument("--out", metavar="FILE", help="把汇总表写入 .xlsx 或 .csv 文件（每份报告一行）")
    p.add_argument("--mode", choices=MODES, default="audit",
                   help="audit：审核已发布的报告（默认）；draft：起草中，空白单元格按错误处理")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    previous = None
    if args.previous:
        try:
            previous = load_report(args.previous)
        except AuditInputError as exc:
            print(f"上年报告无法读取：{exc}", file=sys.stderr)
            return 2
    files = collect_paths(args.paths)
    if not files:
        print("没有找到可审核的报告文件（支持 .txt .md .html .docx .pdf .json）。", file=sys.stderr)
        return 2
    progress = None
    bar = None
    if len(files) > 1:
        from tqdm import tqdm

        bar = tqdm(total=len(files), desc="审核", unit="份", file=sys.stderr, leave=False)
        progress = lambda _path: bar.update(1)
    try:
        entries = audit_paths(files, previous, mode=args.mode, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    single = len(files) == 1
    if args.json:
        payload = entries[0] if single else entries
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(format_entry(e) for e in entries))
        if not single:
            n_err = sum(1 for e in entries if e.get("counts", {}).get("error"))
            n_bad = sum(1 for e in entries if "error" in e)
            print(f"\n共审核 {len(entries)} 份：{n_err} 份有错误，{n_bad} 份无法读取。")
    if args.out:
        try:
            path = write_summary(entries, args.out)
        except (AuditInputError, OSError) as exc:
            print(f"汇总表未能保存：{exc}", file=sys.stderr)
            return 2
        print(f"汇总表已保存：{path}", file=sys.stderr)
    return exit_code(entries)
