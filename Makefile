# Two commands for a newcomer on a fresh machine:
#   make run    -> creates .venv, installs runtime deps, starts the app offline on its embedded defaults
#   make test   -> creates .venv, installs dev deps and the system packages the tests need, runs ruff, mypy, the tests
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint setup setup-dev system-deps bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install -r requirements-dev.txt
	touch $(VENV)/.runtime $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

system-deps:
	bash scripts/install-system-deps.sh

run: setup
	$(PY) app.py

lint: setup-dev
	$(PY) -m ruff check .
	$(PY) -m mypy

test: setup-dev system-deps lint
	$(PY) -m pytest -q

bench: setup-dev
	$(PY) bench/parse_accuracy.py tests/fixtures

clean:
	rm -rf $(VENV) .pytest_cache
