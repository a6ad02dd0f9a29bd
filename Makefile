# FullCredit: `make run` serves the app with demo data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: run test lint mypy-baseline fix check-migrations pytest browser-deps lock bench clean

$(STAMP): requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "FullCredit needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	@touch $(STAMP)

## run: set everything up, load the demo data and serve the app with its task worker
run: export DEBUG ?= true
# Links in emails and Join Now point at SITE_URL: unless it is set, at the port being served.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(STAMP)
	@mkdir -p var/static var/media
	$(MANAGE) migrate --noinput
	$(MANAGE) load_license_catalog
	$(MANAGE) load_demo
	$(MANAGE) serve --port $(PORT)

## test: lint, format check, migration check and the whole test suite (browser tests included)
test: $(STAMP) lint check-migrations browser-deps pytest

## lint: ruff, the architecture contracts (pyproject.toml) and mypy against mypy-baseline.txt
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=. $(BIN)/lint-imports
	BIN=$(BIN) sh scripts/mypy-baseline.sh check

## mypy-baseline: rewrite mypy-baseline.txt from today's mypy errors (commit it when it shrinks)
mypy-baseline: $(STAMP)
	BIN=$(BIN) sh scripts/mypy-baseline.sh sync

fix: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: $(STAMP)
	DEBUG=true DATABASE_URL=sqlite://:memory: $(MANAGE) makemigrations --check --dry-run

browser-deps:
	@sh scripts/ensure-chromium.sh

pytest: $(STAMP)
	sh scripts/pytest.sh

## lock: re-pin requirements/*.txt from requirements/*.in
lock:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv
	cd requirements && ../.venv-lock/bin/uv pip compile base.in -o base.txt --python-version 3.11 -q
	cd requirements && ../.venv-lock/bin/uv pip compile dev.in -o dev.txt --python-version 3.11 -q
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis .mypy_cache .import_linter_cache .grimp_cache

## bench: performance figures (attendance import, certificate rendering, CE tracker, reconciler; printed, never asserted)
bench: $(STAMP)
	@if pg_isready -h 127.0.0.1 -p 5432 -q; then $(BIN)/python -m bench.attendance; \
	else echo "PostgreSQL is not running: SQLite only."; $(BIN)/python -m bench.attendance --no-postgres; fi
	$(BIN)/python -m bench.certificates
	$(BIN)/python -m bench.tracker
	@if pg_isready -h 127.0.0.1 -p 5432 -q; then $(BIN)/python -m bench.reconcile; \
	else $(BIN)/python -m bench.reconcile --no-postgres; fi
