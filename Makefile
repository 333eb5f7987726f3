# Two commands do all set-up on a fresh machine:
#   make run    creates .venv if needed, installs the app, and opens it
#   make test   creates .venv if needed, installs the app with test tools, and runs the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Real MNIST for tests and development, if the shared folder is beside this checkout.
SHARED_DATA := $(wildcard ../shared/datasets/MNIST)
export MNIST_DESK_DATA ?= $(if $(SHARED_DATA),$(abspath ../shared/datasets),)
PYTEST_ARGS ?=

.PHONY: run test test-quick test-packaging lint bench package weights clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip >/dev/null
	$(BIN)/python -m pip install -e '.[dev]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/mnist-desk $(ARGS)

test: $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

test-quick: $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

# ruff, then the layers: import-linter's contracts in pyproject.toml (README, "Layout").
lint: $(BIN)/.installed
	$(BIN)/ruff check mnist_desk tests benchmarks packaging scripts
	$(BIN)/ruff format --check mnist_desk tests benchmarks packaging scripts
	$(BIN)/lint-imports --no-cache

bench: $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks $(ARGS)

# The standalone app (packaging/README.md). FLAVOUR=cpu (the default) builds in its own
# environment, .venv-package-cpu, with a CPU-only torch and no torchvision (about 0.7 GB);
# FLAVOUR=cuda builds from .venv with its CUDA torch, as before (about 4 GB).
FLAVOUR ?= cpu
CPU_VENV ?= .venv-package-cpu
ifeq ($(FLAVOUR),cpu)
PACKAGE_ENV := $(CPU_VENV)/.installed
PACKAGE_PYTHON := $(CPU_VENV)/bin/python
else ifeq ($(FLAVOUR),cuda)
PACKAGE_ENV := $(BIN)/.installed-package
PACKAGE_PYTHON := $(BIN)/python
else
$(error FLAVOUR is cpu or cuda, not '$(FLAVOUR)')
endif

$(CPU_VENV)/.installed: pyproject.toml packaging/package_env.py
	$(PYTHON) packaging/package_env.py $(CPU_VENV)
	touch $@

$(BIN)/.installed-package: $(BIN)/.installed
	$(BIN)/python -m pip install -e '.[package]'
	touch $@

# ARGS=--archive also writes dist/mnist-desk-VERSION-OS-ARCH-FLAVOUR.tar.gz (.zip on Windows).
package: $(PACKAGE_ENV)
	$(PACKAGE_PYTHON) packaging/build.py --flavour $(FLAVOUR) --check $(ARGS)

# Builds the bundle into a temporary folder and runs the frozen app (a few minutes);
# `make test` leaves it out (pyproject's addopts deselect the packaging marker).
test-packaging: $(BIN)/.installed $(PACKAGE_ENV)
	QT_QPA_PLATFORM=offscreen PACKAGE_PYTHON=$(PACKAGE_PYTHON) PACKAGE_FLAVOUR=$(FLAVOUR) \
		$(BIN)/python -m pytest -m packaging tests/test_packaging.py $(PYTEST_ARGS)

weights: $(BIN)/.installed
	scripts/train-shipped-weights.sh $(ARGS)

clean:
	rm -rf build dist .pytest_cache $(CPU_VENV)
