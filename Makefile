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

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# The same suite with every compiled module set aside, as on an install without a C compiler. The model refit
# (tests marked refit) reads the features the compiled run reads, pinned equal by tests/test_compiled.py: it
# runs once, in `unit`.
unit-pure: $(VENV)/.installed-test
	CLEANER_PURE_PYTHON=1 $(BIN)/python -m pytest -p no:cacheprovider -m "not refit"

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
