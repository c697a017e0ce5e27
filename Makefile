# Two commands do all the setup on a fresh machine:
#   make report   create .venv, install, and write the seeds report to reports/seeds/
#   make test     create .venv, install, and run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: report test bench lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/framing score seeds/ --out reports/seeds/

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py

lint: $(STAMP)
	$(BIN)/ruff check framing tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
