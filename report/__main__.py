"""`python -m report <command>`: parse, audit, export, template, import-xlsx.

Each command lives in its own module (report/cli_*.py) exposing `register(subparsers)`; the module sets
`func` on its parser. Exit codes: 0 ok, 1 findings with errors (audit), 2 unreadable input / usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = ("report.cli_parse", "report.cli_audit", "report.cli_export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m report", description="政府信息公开工作年度报告：解析、审核、导出")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
