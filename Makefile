# screener: `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install demo test lint format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "screener needs Python 3.11 or newer (PYTHON=$(PYTHON))")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install screener with its test tools

demo: $(STAMP) ## Import the shipped sample postings and rank them for the example profile
	@rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/screener import data/sample/postings.jsonl --db demo.db
	$(BIN)/screener rank --profile data/profiles/ops_senior_manager.yaml --db demo.db -o shortlist.csv

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## Ruff (lint and format check) and the import contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) ## Benchmarks (import, classify, rank, crawl); writes tests/bench/results/latest.md
	$(BIN)/python -m tests.bench

clean: ## Remove the virtual environment, caches and demo output
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis demo.db demo.db-wal demo.db-shm shortlist.csv
