# Two commands on a fresh Linux machine: `make run` (set up, open the window) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Tests run on this many worker processes (pytest-xdist); PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= 2

.PHONY: setup run test lint bench bundle windows-wheels pot screenshots legal-basis clean

setup: $(STAMP)

$(STAMP): pyproject.toml build/setup_env.sh
	PYTHON=$(PYTHON) bash build/setup_env.sh
	touch $(STAMP)

run: setup
	$(BIN)/python -m desktop $(ARGS)

lint: setup
	$(BIN)/ruff check desktop tests build
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench.run_all

bundle: setup
	$(BIN)/python build/build_bundle.py

# Every dependency has a Windows x64 wheel on each supported Python (asks PyPI; CI runs it before the tests).
windows-wheels: setup
	$(BIN)/python build/check_windows_wheels.py

screenshots: setup
	$(BIN)/python build/make_screenshots.py

legal-basis: setup
	$(BIN)/python build/legal_basis_doc.py

pot: setup
	$(BIN)/pybabel extract -F i18n/babel.cfg -o i18n/messages.pot --no-location --sort-output .

clean:
	rm -rf $(VENV) build/dist build/work .pytest_cache .mypy_cache .ruff_cache
