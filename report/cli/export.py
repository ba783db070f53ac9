"""CLI commands ``export``, ``template`` and ``import-xlsx`` (registered by ``python -m report``).

- ``python -m report export REPORT.json --docx OUT.docx [--md OUT.md] [--draft]`` — :func:`report.usecases.export_report`:
  a report the validators find errors in is always exported as a draft, with a note on stderr.
- ``python -m report template --xlsx OUT.xlsx [--from REPORT.json] [--format 2021|2019]``
- ``python -m report import-xlsx FILLED.xlsx`` — interchange JSON on stdout, cell problems in its diagnostics.

Exit 0 on success, 2 with one Chinese line on stderr when the input cannot be read or the output not written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from report.export.xlsx import read_filled, write_template
from report.model import labels as L
from report.model.errors import CheckUnavailable
from report.model.tables import Report
from report.usecases import export_report


class _InputError(Exception):
    pass


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = subparsers.add_parser("export", help="把年报（交换 JSON）导出为 Word（公文格式）和/或 Markdown")
    p.add_argument("report", help="年报交换 JSON 文件（python -m report parse … --json 的输出）")
    p.add_argument("--docx", help="输出的 .docx 文件")
    p.add_argument("--md", help="输出的 Markdown 文件")
    p.add_argument("--draft", action="store_true", help="标注为草稿（页眉写明存在未解决的错误，不得发布）")
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser("template", help="生成统计表 Excel 填报模板")
    p.add_argument("--xlsx", required=True, help="输出的 .xlsx 文件")
    p.add_argument("--from", dest="source", help="用这份年报（交换 JSON）的数据预填")
    p.add_argument("--format", choices=L.TEMPLATES, default=L.TEMPLATE_2021, help="空白模板的报告格式（默认 2021）")
    p.set_defaults(func=cmd_template)

    p = subparsers.add_parser("import-xlsx", help="读取填好的 Excel 模板，输出交换 JSON")
    p.add_argument("xlsx", help="填好的 .xlsx 文件")
    p.set_defaults(func=cmd_import_xlsx)


def _fail(message: str) -> int:
    print(message.replace("\n", " "), file=sys.stderr)
    return 2


def load_report(path: str) -> Report:
    """Read an interchange JSON file; every failure becomes one Chinese sentence."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _InputError(f"找不到年报文件：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _InputError(f"无法读取年报文件 {path}：{type(exc).__name__}，请确认它是 UTF-8 编码的 JSON 文件。") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _InputError(f"{path} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列出错），请用 python -m report parse 重新生成。") from None
    if not isinstance(data, dict):
        raise _InputError(f"{path} 不是年报交换 JSON：顶层应是一个对象。")
    try:
        return Report.from_interchange(data)
    except (ValidationError, ValueError, TypeError, AttributeError) as exc:
        first = str(exc).splitlines()[0][:120]
        raise _InputError(f"{path} 的内容不符合年报交换格式：{first}") from None


def cmd_export(args: argparse.Namespace) -> int:
    if not args.docx and not args.md:
        return _fail("请至少指定一个输出：--docx 文件名 或 --md 文件名。")
    try:
        report = load_report(args.report)
    except _InputError as exc:
        return _fail(str(exc))
    try:
        result = export_report(report, docx=args.docx, md=args.md, draft=args.draft)
    except CheckUnavailable as exc:
        return _fail(exc.message_zh)
    except OSError as exc:
        return _fail(f"无法写出文件：{exc.filename or ''}（{exc.strerror or type(exc).__name__}）。")
    if result.errors and not args.draft:
        print(f"注意：校验发现 {len(result.errors)} 个错误，已按草稿导出（页眉注明不得发布）；改正后再导出正式版本。",
              file=sys.stderr)
    for out in result.paths:
        print(out)
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    report = None
    if args.source:
        try:
            report = load_report(args.source)
        except _InputError as exc:
            return _fail(str(exc))
    else:
        report = Report.blank(args.format)
    try:
        write_template(args.xlsx, report)
    except OSError as exc:
        return _fail(f"无法写出文件：{exc.filename or args.xlsx}（{exc.strerror or type(exc).__name__}）。")
    print(args.xlsx)
    return 0


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    try:
        report = read_filled(args.xlsx)
    except ValueError as exc:
        return _fail(str(exc))
    print(report.to_json(indent=1))
    errors = [d for d in report.diagnostics if d.severity == "error"]
    if errors:
        print(f"注意：有 {len(errors)} 个单元格无法识别，已按空白处理，详见 JSON 中的 diagnostics。", file=sys.stderr)
    return 0
