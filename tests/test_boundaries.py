"""The deterministic core (report/) never imports an LLM, vector-store or UI package."""

import ast
from pathlib import Path

FORBIDDEN = ("langchain", "openai", "chromadb", "gradio")
ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_report_imports_no_llm_store_or_ui():
    files = sorted((ROOT / "report").rglob("*.py"))
    assert files, "report/ has no modules"
    bad = [(f.name, m) for f in files for m in _imports(f) if m.split(".")[0].startswith(FORBIDDEN)]
    assert bad == []


def test_boundary_check_detects_a_forbidden_import(tmp_path):
    p = tmp_path / "x.py"
    p.write_text("import chromadb\nfrom langchain_openai import ChatOpenAI\n", encoding="utf-8")
    mods = list(_imports(p))
    assert [m for m in mods if m.split(".")[0].startswith(FORBIDDEN)] == ["chromadb", "langchain_openai"]
