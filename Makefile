# Two commands on a fresh machine with only Python 3.11, pip and make:
#   make demo   - set up .venv, simulate a three-arm trial, write the report
#   make test   - set up .venv, run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.graftline-installed

.PHONY: demo test lint bench references clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "graftline needs Python >= 3.11, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/graftline demo --out demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# Benchmarks compare against Python peers that graftline itself never needs.
bench: $(STAMP)
	$(BIN)/python -m pip install -qq -e '.[test,bench]'
	@echo "run e.g. $(BIN)/python benchmarks/stats.py; results go in benchmarks/RESULTS.md"

# Regenerate the R reference fixtures (needs R; see tests/reference/README.md).
references: $(STAMP)
	$(BIN)/python tests/reference/survival_export_ebmt.py
	cd tests/reference && for f in *.R; do echo "Rscript $$f"; Rscript "$$f" || exit 1; done

clean:
	rm -rf $(VENV) demo build *.egg-info src/*.egg-info
