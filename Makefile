# Newsdesk: `make run` serves the demo newsroom, `make test` runs the checks.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# Requests each worker takes on at once (granian runs half as many Python threads). Granian's
# default, 512, lets 256 threads fight over the GIL: p99 of a cached page 16-80 ms on two cores,
# against 5-8 ms with 16 (docs/performance.md).
BACKPRESSURE ?= 16

.PHONY: run test lint pytest fuzz install install-dev demo clean browser axe
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

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
	$(BIN)/newsdesk load_demo_live
	$(BIN)/newsdesk load_demo_views
	-$(BIN)/newsdesk renditions
	$(BIN)/newsdesk collectstatic --noinput --verbosity 0

# The web server (granian) and the job worker (huey), started and stopped together by honcho
# from the Procfile; Ctrl-C stops both.
run: demo
	@echo "Newsdesk is serving on http://$(HOST):$(PORT)/  (newsroom admin: http://$(HOST):$(PORT)/admin/)"
	@$(BIN)/newsdesk demo_logins
	@echo "Mail (confirmations, newsletters) goes to data/outbox/ unless EMAIL_HOST is set (docs/newsletters.md)."
	SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" NEWSDESK_HOST=$(HOST) NEWSDESK_PORT=$(PORT) \
		NEWSDESK_WEB_WORKERS=$(WORKERS) NEWSDESK_BACKPRESSURE=$(BACKPRESSURE) \
		exec $(BIN)/honcho -f Procfile start

# ruff, then the import contracts in pyproject.toml (one dependency direction between apps).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The browser tests drive Debian's Chromium through Playwright (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# axe-core (the accessibility rules the browser tests run) from the npm registry, kept out of git.
AXE := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4

axe: $(AXE)

# The suite runs in TEST_WORKERS processes (pytest-xdist), a test file to a process, so a
# file's live server and browser stay in one process: 785 s in one process, 455 s in two,
# on two cores (7 Dec 2026, SQLite).
# The 60 s soak with faults (tests/soak, PostgreSQL + Redis only) runs after them, alone: it
# measures publish-to-visible against a 1 s bound, which the other process's load would blur.
TEST_WORKERS ?= 2
pytest: install-dev browser axe
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile \
		--ignore=tests/soak
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(BIN)/pytest -p no:xdist tests/soak

test: lint pytest

# The hostile-input tests with 1,000 cases an endpoint instead of the suite's 250 (a soak).
fuzz: install-dev
	NEWSDESK_HOSTILE_EXAMPLES=1000 DJANGO_SETTINGS_MODULE=newsdesk.settings.test \
		$(BIN)/pytest -q tests/security/test_hostile_input.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache .cache .hypothesis
