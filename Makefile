# Newsdesk: `make run` serves the demo newsroom, `make test` runs the checks.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test lint pytest install install-dev demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamps re-install only when pyproject.toml changes, so a second `make run` starts at once.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/newsdesk migrate --noinput
	$(BIN)/newsdesk load_demo
	$(BIN)/newsdesk collectstatic --noinput --verbosity 0

run: demo
	@echo "Newsdesk is serving on http://$(HOST):$(PORT)/  (newsroom admin: http://$(HOST):$(PORT)/admin/)"
	@$(BIN)/newsdesk demo_logins
	exec $(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) \
		--no-ws --log-level warning newsdesk.wsgi:application

lint: install-dev
	$(BIN)/ruff check .

pytest: install-dev
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(BIN)/pytest

test: lint pytest

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
