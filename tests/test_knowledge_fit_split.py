"""The retrieval fit never reads the held-out measure questions; the bench reads them only when asked."""

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _bench(name):
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCH))


def test_fit_refuses_the_measure_set(monkeypatch):
    fit = _bench("retrieval_fit")
    opened = []
    monkeypatch.setattr(fit.retrieval, "load_set", lambda name: opened.append(name) or [])
    with pytest.raises(SystemExit):
        fit.load_set("measure")
    assert opened == []  # refused before the file is opened
    fit.load_set("tune")
    assert opened == ["tune"]


def test_bench_default_sets_leave_measure_out():
    bench = _bench("retrieval")
    parser_default = next(a.default for a in bench_parser(bench)._actions if a.dest == "sets")
    assert "measure" not in parser_default.split(",")


def bench_parser(bench):
    import argparse

    captured = {}
    real = argparse.ArgumentParser.parse_args

    def grab(self, args=None, namespace=None):
        captured["p"] = self
        raise SystemExit(0)

    argparse.ArgumentParser.parse_args = grab
    try:
        with pytest.raises(SystemExit):
            bench.main([])
    finally:
        argparse.ArgumentParser.parse_args = real
    return captured["p"]
