# Pelican-style Makefile for the privacy notice. `make html` creates .venv on first use.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUTPUTDIR ?= output
PORT ?= 8000

.PHONY: help html publish validate release translations test lint format serve devserver clean bench

help:
	@echo 'make html          build the site into $(OUTPUTDIR)/ (creates $(VENV) if missing)'
	@echo 'make test          lint and run the tests (browser tests need chromium, java, npm)'
	@echo 'make validate      check policy.yaml'
	@echo 'make translations  extract texts and update the catalogs (translations/, theme/translations/)'
	@echo 'make release       release policy.yaml as a new version'
	@echo 'make publish       build for publishing (absolute URLs, no drafts)'
	@echo 'make serve         serve $(OUTPUTDIR)/ on http://localhost:$(PORT)'
	@echo 'make devserver     live preview: serve and rebuild when an input changes'
	@echo 'make bench         run the benchmarks in bench/'
	@echo 'make clean         remove $(OUTPUTDIR)/'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m compileall -q plugins  # bytecode even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/privacy-notice build -s pelicanconf.py -o "$(OUTPUTDIR)"

publish: $(STAMP)
	$(BIN)/privacy-notice build -s publishconf.py -o "$(OUTPUTDIR)"

validate: $(STAMP)
	$(BIN)/privacy-notice validate policy.yaml

release: $(STAMP)
	$(BIN)/privacy-notice release

translations: $(STAMP)  # the languages are those of policy.yaml; see README "Translating"
	$(BIN)/privacy-notice translations

AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

test: $(STAMP) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

serve:
	$(BIN)/python -m http.server --directory $(OUTPUTDIR) --bind 127.0.0.1 $(PORT)

devserver: $(STAMP)
	$(BIN)/privacy-notice serve -s pelicanconf.py -o "$(OUTPUTDIR)" --port $(PORT)

bench: $(STAMP)
	$(BIN)/python bench/build_bench.py

clean:
	rm -rf $(OUTPUTDIR) .$(OUTPUTDIR).builds $(OUTPUTDIR).build-* $(OUTPUTDIR).old-* .cache test-output
