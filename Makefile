# One command runner for people and CI. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
# The PostgreSQL the web tests also run on; unreachable, they skip (and fail under CI=true).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/cxm
# Tests keep the secret key and any files they make here, not in your data directory.
TEST_ENV := CXM_DATA_DIR=$(CURDIR)/$(VENV)/test-data

.PHONY: help run test test-sqlite test-pure test-postgres browser pdf-libs check lint format typecheck imports schema bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The scoring engine is compiled in place (setup.py): editing it means installing again.
SCORING := $(wildcard src/cxmaturity/core/scoring/*.py)

$(STAMP): pyproject.toml constraints.txt setup.py $(SCORING)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -c constraints.txt setuptools mypy  # what setup.py builds with
	$(BIN)/pip install --quiet --no-build-isolation -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## Run the web app on SQLite with demo data (http://127.0.0.1:8000/)
	$(BIN)/cxm serve --demo --port $(PORT)

test: $(STAMP) check browser pdf-libs test-sqlite test-pure test-postgres  ## Every check, then the whole suite on SQLite and on PostgreSQL

test-sqlite: $(STAMP) pdf-libs  ## The whole test suite on SQLite
	$(TEST_ENV) $(BIN)/python -m pytest -n 2

test-pure: $(STAMP)  ## The core and CLI tests again, on the scoring engine's plain Python (setup.py)
	$(TEST_ENV) $(BIN)/python -m pytest -n 2 -p tests.pure_python tests/core tests/cli

test-postgres: $(STAMP)  ## The database and browser tests again, on PostgreSQL at POSTGRES_URL
	$(TEST_ENV) DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m pytest -n 2 tests/web tests/browser

browser:  ## Install Debian's Chromium for the browser tests, when it is missing
	@sh scripts/install-chromium.sh

pdf-libs:  ## Install the HarfBuzz subset library WeasyPrint wants, when it is missing
	@sh scripts/install-pdf-libs.sh

check: lint typecheck imports schema  ## Linter, formatter, types, import contract, schema drift

lint: $(STAMP)
	$(BIN)/ruff check src tests bench setup.py
	$(BIN)/ruff format --check src tests bench setup.py

format: $(STAMP)  ## Fix formatting and autofixable lint
	$(BIN)/ruff format src tests bench setup.py
	$(BIN)/ruff check --fix src tests bench setup.py

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

schema: $(STAMP)  ## Fail when the committed JSON Schema differs from the code
	$(BIN)/python -m cxmaturity.cli.schema_file --check

bench: $(STAMP)  ## Run the benchmarks and print figures and ratios
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
