import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))

# Never reach the network; keep libraries quiet and local.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


# ---------------------------------------------------------------- system packages the tests need
# The test command installs them (scripts/install-system-deps.sh, run by `make test`). On a developer's machine a
# missing one skips its tests with the install command; in CI (CI=true) it fails them: a green CI must have run them.

def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _found(command: str) -> bool:
    return bool(shutil.which(command)) or (os.sep in command and Path(command).is_file())


def requires_commands(*commands: str, install: str) -> pytest.MarkDecorator:
    """Mark tests that run these programs (names on PATH or absolute paths); ``install`` says how to get them."""
    return pytest.mark.requires_commands(commands=commands, install=install)


def missing_commands_message(commands: tuple[str, ...], install: str) -> str | None:
    missing = [c for c in commands if not _found(c)]
    return f"未找到 {', '.join(missing)}：{install}" if missing else None


def pytest_configure(config):
    config.addinivalue_line("markers", "requires_commands(commands, install): tests that run system programs")


def pytest_runtest_setup(item):
    for mark in item.iter_markers("requires_commands"):
        msg = missing_commands_message(tuple(mark.kwargs["commands"]), mark.kwargs["install"])
        if msg is None:
            continue
        if in_ci():
            pytest.fail(f"CI=true: {msg}（CI 不允许因缺少系统软件而跳过测试）", pytrace=False)
        pytest.skip(msg)
