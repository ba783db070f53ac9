"""Which package may import which (tests/test_boundaries.py is the architecture, checked on every run).

- report/ (the deterministic core) never imports langchain, openai, chromadb, gradio, nor agents/, knowledge/, ui/;
- inside report/, the sub-packages follow the data: model imports no other sub-package; parse, claims and export
  build on model only; rules on model and claims (never parse); usecases on all but cli; cli on all;
- agents/ never imports ui/; knowledge/ never imports agents/ or ui/;
- nowhere are project modules found by name (importlib, __import__): a module that cannot load is a start-up error.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
THIRD_PARTY_FORBIDDEN = ("langchain", "openai", "chromadb", "gradio")
PROJECT = ("report", "agents", "knowledge", "ui", "prompts", "settings", "app")

# report sub-package -> the report sub-packages it may import (itself included)
REPORT_LAYERS = {
    "model": {"model"},
    "parse": {"model", "parse"},
    "claims": {"model", "claims"},
    "export": {"model", "export"},
    "rules": {"model", "claims", "rules"},
    "usecases": {"model", "parse", "claims", "rules", "export", "usecases"},
    "cli": {"model", "parse", "claims", "rules", "export", "usecases", "cli"},
}
PACKAGE_FORBIDDEN = {
    "report": ("agents", "knowledge", "ui", "app", "settings"),
    "agents": ("ui", "app"),
    "knowledge": ("agents", "ui", "app"),
    "prompts": ("report", "agents", "knowledge", "ui", "app"),
}


def module_name(path: Path, root: Path = ROOT) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path, root: Path = ROOT) -> list[str]:
    """Every module a file imports (relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.append(mod)
            out += [f"{mod}.{a.name}" for a in node.names]  # `from report import rules` imports report.rules
    return out


def files(package: str) -> list[Path]:
    found = sorted((ROOT / package).rglob("*.py"))
    assert found, f"{package}/ has no modules"
    return found


def report_layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "report" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in REPORT_LAYERS else None


@pytest.mark.parametrize("package", sorted(PACKAGE_FORBIDDEN))
def test_package_imports_stay_in_their_layer(package):
    bad = [(module_name(f), m) for f in files(package) for m in imports(f) if forbidden(package, m)]
    assert bad == []


def forbidden(package: str, module: str) -> bool:
    top = module.split(".")[0]
    return top in PACKAGE_FORBIDDEN[package] or (package == "report" and top.startswith(THIRD_PARTY_FORBIDDEN))


@pytest.mark.parametrize("layer", sorted(REPORT_LAYERS))
def test_report_sub_package_imports_only_the_layers_below(layer):
    path = ROOT / "report" / layer
    paths = sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    assert paths and all(p.exists() for p in paths)
    allowed = REPORT_LAYERS[layer]
    bad = [(module_name(f), m) for f in paths for m in imports(f)
           if (other := report_layer(m)) is not None and other not in allowed]
    assert bad == []


def test_no_project_module_is_imported_by_name():
    bad = []
    for package in PROJECT:
        paths = files(package) if (ROOT / package).is_dir() else [ROOT / f"{package}.py"]
        for f in paths:
            tree = ast.parse(f.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                    if any(n.split(".")[0] == "importlib" for n in names):
                        bad.append((module_name(f), "importlib"))
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
                    bad.append((module_name(f), "__import__"))
    assert bad == []


def test_the_checks_detect_violations(tmp_path):
    (tmp_path / "report" / "rules").mkdir(parents=True)
    bad = tmp_path / "report" / "rules" / "x.py"
    bad.write_text("import chromadb\nfrom langchain_openai import ChatOpenAI\nfrom report.parse import parse_text\n"
                   "from ..parse.reader import parse_file\nfrom agents import llm\n", encoding="utf-8")
    found = imports(bad, tmp_path)
    assert "report.parse.reader" in found  # the relative import, resolved
    assert [m for m in found if forbidden("report", m)] == ["chromadb", "langchain_openai", "langchain_openai.ChatOpenAI",
                                                           "agents", "agents.llm"]
    assert {report_layer(m) for m in found} - {None} == {"parse"}  # and rules must not import parse
    assert not forbidden("agents", "report.model") and forbidden("knowledge", "agents.chat")
