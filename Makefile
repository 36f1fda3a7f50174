# One command runner for people and CI. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help run test check lint format typecheck imports schema bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## Run the product (for now: a tour of the CLI on a generated respondent)
	$(BIN)/cxm models list
	$(BIN)/cxm sample --model cx-automation --count 1 --industry retail --seed 7 --format jsonl > $(VENV)/demo.jsonl
	$(BIN)/cxm score --model cx-automation $(VENV)/demo.jsonl --format text

test: $(STAMP) check  ## Run every check and the whole test suite
	$(BIN)/python -m pytest -n 2

check: lint typecheck imports schema  ## Linter, formatter, types, import contract, schema drift

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)  ## Fix formatting and autofixable lint
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

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
