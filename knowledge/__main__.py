"""`python -m knowledge`: ingest files into the knowledge base and search it.

    python -m knowledge ingest PATH...
    python -m knowledge search QUERY [--k 5] [--json] [--source regulation|report|upload] [--year N] [--agency A]
    python -m knowledge search --queries FILE --k 5 --json     # one query per line (text or JSON with "q")
    python -m knowledge list

Exit codes: 0 ok, 1 some files refused, 2 usage error / unreadable query file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _kb(args):
    from knowledge import build_knowledge_base

    return build_knowledge_base(None, progress="stderr")


def _hits_json(query: str, hits) -> str:
    return json.dumps({"q": query, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False)


def _read_queries(path: str) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"无法读取问题文件 {path}：{exc}") from exc
    out = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                out.append(str(json.loads(line)["q"]))
                continue
            except (ValueError, KeyError):
                pass
        out.append(line)
    return out


def cmd_search(args) -> int:
    if not args.query and not args.queries:
        print("请给出要检索的问题，或用 --queries 文件 批量检索。", file=sys.stderr)
        return 2
    try:
        queries = _read_queries(args.queries) if args.queries else [" ".join(args.query)]
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    kb = _kb(args)
    for q in queries:
        hits = kb.search(q, k=args.k, source=args.source, agency=args.agency, year=args.year)
        if args.json or args.queries:
            print(_hits_json(q, hits), flush=True)
            continue
        print(f"问：{q}")
        if not hits:
            print("  （没有找到相关内容）")
        for i, h in enumerate(hits, 1):
            flag = " ⚠疑似指令文本，仅作引用" if h.metadata.get("suspicious_instruction") else ""
            print(f"  {i}. [{h.citation}] ({h.source}, {h.score:.3f}){flag}")
            print("     " + h.text.replace("\n", " ")[:160])
    return 0


def cmd_ingest(args) -> int:
    kb = _kb(args)
    res = kb.ingest_paths(args.paths, progress=None)
    print(f"新增文件 {res.added_documents} 个（{res.added_chunks} 段），已存在而跳过 {res.skipped_documents} 个。")
    for _name, reason in res.refused:
        print(f"未导入：{reason}", file=sys.stderr)
    return 1 if res.refused else 0


def cmd_list(args) -> int:
    kb = _kb(args)
    for d in kb.list_documents():
        flag = "（含疑似指令文本）" if d["suspicious_instruction"] else ""
        print(f"{d['doc_id']}  {d['source']:10s} {d['chunks']:4d} 段  {d['title']}{flag}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description="知识库：条例、格式通知、往年年报的检索与导入")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("search", help="检索知识库")
    p.add_argument("query", nargs="*")
    p.add_argument("--queries", help="问题文件：每行一个问题（纯文本或含 q 字段的 JSON）")
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.add_argument("--source", choices=["regulation", "report", "upload"])
    p.add_argument("--year", type=int)
    p.add_argument("--agency")
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("ingest", help="导入文件（txt/md/html/docx/pdf）或文件夹")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("list", help="列出知识库中的文件")
    p.set_defaults(func=cmd_list)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
