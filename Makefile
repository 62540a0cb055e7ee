# Two entry points (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test venv clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# the main job: install the package (a real, non-editable install) and run it on the bundled examples
demo: $(BIN)/python
	$(BIN)/python -m pip install -q .
	@$(BIN)/python -m disclosure_rules.rulefiles.precheck
	@$(BIN)/python -m disclosure_rules.demo

# the linter (config in pyproject.toml), the type check (mypy --strict, config in setup.cfg), then the
# whole test suite, then the record of the bundled rule files checked in full (later processes skip
# their schema check: docs/scale.md)
test: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m ruff check disclosure_rules
	$(BIN)/python -m mypy disclosure_rules
	$(BIN)/python -m pytest -q
	$(BIN)/python -m disclosure_rules.rulefiles.precheck

bench: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	$(BIN)/python benchmarks/workdays.py

clean:
	rm -rf $(VENV) build dist *.egg-info
