# The two commands a new user needs: `make demo` and `make test`.
# Both work on a fresh clone with only Python 3.11+ and pip access to PyPI.

# The first Python 3.11+ on PATH (override: make test PYTHON=/path/to/python3.12).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV   ?= .venv
BIN    := $(VENV)/bin
SEEDS  := $(sort $(wildcard seeds/*))
# Quiet on success; errors (resolution, build, network) still print in full. The one warning
# silenced is setuptools' generic notice that an editable install is editable.
PIP    := PYTHONWARNINGS=ignore::UserWarning:setuptools.command.editable_wheel \
	$(BIN)/python -m pip --quiet --disable-pip-version-check

# What an install builds from: a change to any of them reinstalls, recompiling each module that has a
# .pxd (the .pxd and the .py beside it).
COMPILED_PXD := $(wildcard cleaner/*.pxd cleaner/*/*.pxd)
BUILD_INPUTS := pyproject.toml setup.py $(COMPILED_PXD) $(COMPILED_PXD:.pxd=.py)

.PHONY: demo test lint typecheck unit unit-pure fuzz bench clean-venv

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "make: Python 3.11 or newer is needed (set PYTHON=...)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: $(BUILD_INPUTS) | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(BUILD_INPUTS) | $(BIN)/python
	$(PIP) install -e '.[test,dask]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: $(BUILD_INPUTS) | $(BIN)/python
	$(PIP) install -e '.[test,dask,bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/clean --explain $(SEEDS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check cleaner tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy cleaner

# On every core (pytest-xdist): the model refit starts first on one worker (tests/conftest.py) while the others
# share the rest, and an idle worker takes queued tests from a busy one (worksteal).
XDIST := -n auto --dist worksteal

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(XDIST)

# The suite with every compiled module set aside, as on an install without a C compiler. `unit` already compares
# the compiled modules with their Python source: tests/test_compiled.py cleans text and HTML pages both ways
# (whole outputs, every field) and checks the switch loads every built module from its .py. This run adds the
# suite's own assertions on the interpreted path, on every test file but those whose subject runs no compiled
# code or only re-reads outputs that comparison pins equal: the rule patterns' linear-time and RE2 checks
# (regex engines only), the Markdown renderer's generated cases, the quality gate (scores of those outputs), the
# Dask cluster (the same engine as the local run). A new test file runs here unless it is added to that list.
# The model refit (tests marked refit) reads the features test_compiled pins equal: it runs once, in `unit`.
PURE_SKIPS := tests/test_linear_rules.py tests/test_markdown.py tests/test_quality_gate.py tests/test_cluster.py
unit-pure: $(VENV)/.installed-test
	CLEANER_PURE_PYTHON=1 $(BIN)/python -m pytest -p no:cacheprovider -m "not refit" $(XDIST) \
		$(addprefix --ignore=,$(PURE_SKIPS))

test: lint typecheck unit unit-pure

# The generated hostile-input properties (tests/test_fuzz.py) with many more examples than the suite's
# (FUZZ_EXAMPLES per property; about 10 minutes at the default).
FUZZ_EXAMPLES ?= 3000
fuzz: $(VENV)/.installed-test
	CLEANER_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -p no:cacheprovider tests/test_fuzz.py

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/run.py

clean-venv:
	rm -rf $(VENV)
