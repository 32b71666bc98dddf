# Pelican-style Makefile for the privacy notice. `make html` creates .venv on first use.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
OUTPUTDIR ?= output
PORT ?= 8000

.PHONY: help html publish validate release translations test test-slow screenshots lint typecheck format serve devserver clean bench

help:
	@echo 'make html          build the site into $(OUTPUTDIR)/ (creates $(VENV) if missing)'
	@echo 'make test          lint (ruff, mypy) and run the tests (browser tests need chromium, java, npm)'
	@echo 'make test-slow     the tests that take minutes (a fresh install by pre-commit, all property examples)'
	@echo 'make screenshots   browser tests with screenshots in test-output/browser/'
	@echo 'make typecheck     mypy, strict, on plugins/privacy_notice/'
	@echo 'make validate      check policy.yaml (and every register under registers/)'
	@echo 'make translations  extract texts and update the catalogs (translations/, theme/translations/)'
	@echo 'make release       release policy.yaml as a new version'
	@echo 'make publish       build for publishing (absolute URLs, no drafts)'
	@echo 'make serve         serve $(OUTPUTDIR)/ on http://localhost:$(PORT)'
	@echo 'make devserver     live preview: serve and rebuild when an input changes'
	@echo 'make bench         run the benchmarks in bench/'
	@echo 'make clean         remove $(OUTPUTDIR)/'

# Building needs only the package; the test tools (.[test]) are installed for make test.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q plugins  # bytecode even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

# Bytecode that follows the sources: this machine sets PYTHONDONTWRITEBYTECODE, so a plugin
# module edited after the install (a git pull) would be compiled from source on every run.
BYTECODE := $(VENV)/.bytecode
PLUGIN_SOURCES := $(shell find plugins -name '*.py' -not -path '*/__pycache__/*' 2>/dev/null)

$(BYTECODE): $(STAMP) $(PLUGIN_SOURCES)
	$(BIN)/python -m compileall -q plugins
	touch $(BYTECODE)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(TEST_STAMP)

# AS_OF=YYYY-MM-DD builds as of that day (which version is in force); default: today.
AS_OF ?=
AS_OF_FLAG := $(if $(AS_OF),--as-of $(AS_OF))
# REGISTER=SLUG: validate, release, translations and html act on that register only (html
# then builds a site of it alone into output.SLUG); default: every register of the project.
REGISTER ?=
REGISTER_FLAG := $(if $(REGISTER),--register $(REGISTER))

html: $(BYTECODE)
	$(BIN)/privacy-notice build -s pelicanconf.py $(if $(REGISTER),$(REGISTER_FLAG),-o "$(OUTPUTDIR)") $(AS_OF_FLAG)

# --publish: no drafts and no fallback, whatever the settings say.
publish: $(BYTECODE)
	$(BIN)/privacy-notice build -s publishconf.py -o "$(OUTPUTDIR)" --publish $(AS_OF_FLAG)

validate: $(BYTECODE)
	$(BIN)/privacy-notice validate $(REGISTER_FLAG)

release: $(BYTECODE)
	$(BIN)/privacy-notice release $(REGISTER_FLAG)

translations: $(BYTECODE)  # each register's languages are its own; see README "Translating"
	$(BIN)/privacy-notice translations $(REGISTER_FLAG)

AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

# -n auto: one pytest worker per core (pytest-xdist); the tests share built sites. Work
# stealing: each worker starts on half the tests (the slow modules first, see conftest.py)
# and an idle worker takes from the other's queue, so they finish together.
# PYTHONDONTWRITEBYTECODE= : pytest keeps the tests' rewritten bytecode (__pycache__/, not
# committed) where the environment says not to; without it each worker compiles every test
# module again, 1.6 s a worker.
test: $(TEST_STAMP) $(BYTECODE) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist worksteal -m "not slow"

# The tests that take minutes (pre-commit installing the package afresh), and the property
# tests (Hypothesis) again with all their examples (make test runs a fifth); CI runs both.
test-slow: $(TEST_STAMP) $(BYTECODE)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -m "slow or hypothesis"

# The browser tests again, saving full-page screenshots to test-output/browser/screenshots.
screenshots: $(TEST_STAMP) $(BYTECODE) $(AXE)
	PRIVACY_NOTICE_SCREENSHOTS=1 $(BIN)/python -m pytest -m browser

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

serve:
	$(BIN)/python -m http.server --directory $(OUTPUTDIR) --bind 127.0.0.1 $(PORT)

devserver: $(BYTECODE)
	$(BIN)/privacy-notice serve -s pelicanconf.py -o "$(OUTPUTDIR)" --port $(PORT)

bench: $(BYTECODE)
	$(BIN)/python bench/build_bench.py

clean:
	rm -rf $(OUTPUTDIR) .$(OUTPUTDIR).builds $(OUTPUTDIR).build-* $(OUTPUTDIR).old-* .cache test-output
