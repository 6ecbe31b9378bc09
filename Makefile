# Two commands for a fresh clone (see README.md):
#   make lab    set up a local virtual environment with what a learner needs
#               (nnutils, numpy, matplotlib, JupyterLab) and open the course
#   make test   add the test tools (pytest, nbval, ruff, Playwright, hypothesis)
#               to the same environment and run every test
# Both only need python3 (3.11 or newer) with venv on the PATH. Both install the
# exact versions in constraints.txt, the ones the stored outputs were checked with.
# Each install has its own stamp: `make lab` after `make test` installs nothing,
# `make test` after `make lab` adds only the test tools.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
LOCK    = constraints.txt
PIP     = $(BIN)/python -m pip install --quiet --constraint $(LOCK)
# stamps change name when pyproject.toml or the lock changes, so an edit reinstalls
SUM        := $(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
LAB_STAMP   = $(VENV)/.lab-$(SUM)
TEST_STAMP  = $(VENV)/.test-$(SUM)

.PHONY: lab test setup setup-test bench mutation format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(LAB_STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) -e .
	rm -f $(VENV)/.lab-* $(VENV)/.installed-*
	touch $@

$(TEST_STAMP): pyproject.toml $(LOCK) $(LAB_STAMP)
	$(PIP) -e '.[test]'
	rm -f $(VENV)/.test-*
	touch $@

setup: $(LAB_STAMP)

setup-test: $(TEST_STAMP)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

test: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest --nbval --nbval-current-env $(PYTEST_ARGS)

bench: $(LAB_STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# mutation testing (not part of `make test`): see benchmarks/mutation.py and MUTATION.md
mutation: $(TEST_STAMP)
	$(PIP) -e '.[test,mutation]'
	$(BIN)/python benchmarks/mutation.py $(MUTATION_ARGS)

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) artifacts mutants
