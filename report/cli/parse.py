"""`python -m report parse FILE [--json]`: parse a published annual report.

Exit 0 when parsed (even with diagnostics); 2 for unreadable input, with a one-line Chinese reason on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from report.model import labels as L
from report.model.tables import Cell, Report
from report.parse.reader import ReportParseError, parse_file

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = subparsers.add_parser("parse", help="解析已发布的年度报告（文本/网页/Markdown/Word/PDF）", description="解析已发布的年度报告")
    p.add_argument("file", help="报告文件路径")
    p.add_argument("--json", action="store_true", help="输出交换格式 JSON（annual-report/1）")
    p.add_argument("--previous", metavar="LAST",
                   help="同一机关上一年度的报告（任意可解析格式或交换 JSON），用于判断首尾相连的表二数字如何拆分")
    p.set_defaults(func=run)


def _filled(cells: list[Cell]) -> str:
    n = sum(1 for v in cells if v is not None)
    return f"{n}/{len(cells)}"


def summary(report: Report) -> str:
    """Short Chinese summary for staff: agency, year, template, sections, table fill counts, diagnostics."""
    cells = list(report.cells())
    by_table = {name: [v for ref, v in cells if ref.table == key] for key, name in L.TABLE_NAMES.items()}
    found = [k for k in L.SECTION_KEYS if report.sections.get(k)]
    lines = [
        f"发布机关：{report.agency or '（未识别）'}",
        f"报告年度：{report.year or '（未识别）'}",
        f"表格格式：{report.template} 年格式",
        f"有正文的章节：{'、'.join(found) if found else '无'}",
        "表格已填单元格：" + "，".join(f"{name} {_filled(vals)}" for name, vals in by_table.items()),
    ]
    if report.diagnostics:
        lines.append(f"解析提示（{len(report.diagnostics)} 条）：")
        for d in report.diagnostics:
            lines.append(f"  [{_SEVERITY.get(d.severity, d.severity)}] {d.message}")
    else:
        lines.append("解析提示：无")
    return "\n".join(lines)


def _load_previous(path: str) -> Report:
    """Last year's report: interchange JSON, else any format the parser reads."""
    p = Path(path)
    if p.suffix.lower() == ".json":
        try:
            return Report.from_interchange(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ReportParseError(f"上年报告“{p.name}”不是有效的交换格式 JSON：{exc}") from exc
    return parse_file(p)


def run(args: argparse.Namespace) -> int:
    try:
        previous = _load_previous(args.previous) if getattr(args, "previous", None) else None
        report = parse_file(args.file, previous=previous)
    except ReportParseError as exc:
        print(f"无法解析：{exc}".replace("\n", " "), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_interchange(), ensure_ascii=False, indent=1))
    else:
        print(summary(report))
    return 0
