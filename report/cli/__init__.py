"""`python -m report <command>`: parse, audit, claims, export, template, import-xlsx.

Each command module (report/cli/*.py) exposes ``register(subparsers)`` and sets ``func`` on its parser.
Exit codes: 0 ok, 1 findings with errors (audit), 2 unreadable input / usage.
"""

from __future__ import annotations

import argparse

from report.cli import audit, claims, export, parse

COMMANDS = (parse, audit, claims, export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m report", description="政府信息公开工作年度报告：解析、审核、导出")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
