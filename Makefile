# Two commands run everything on a fresh machine (see README.md):
#   make site   set up .venv, check the citations, build the site into site/
#   make test   set up .venv with the test extras, run the whole test suite, then the
#               site tests under ProperDocs (in .venv-properdocs)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: site test test-properdocs check bench serve mutate clean

$(BIN)/factcheck: pyproject.toml
	rm -rf factcheck.egg-info  # metadata left by the package's former name
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[capture]'
	touch $@

$(VENV)/.test-deps: $(BIN)/factcheck
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The factcheck plugin runs the citation check first: an error, or with --strict a
# warning, stops the build before site/ is touched.
site: $(BIN)/factcheck
	$(BIN)/mkdocs build --strict

check: $(BIN)/factcheck
	$(BIN)/factcheck check claims.yaml --strict

serve: $(BIN)/factcheck
	$(BIN)/mkdocs serve --dirty

# axe-core for the accessibility tests (npm registry); without npm those tests skip.
node_modules/.installed: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "make: no npm; the axe-core accessibility tests will skip" >&2; fi

test: $(VENV)/.test-deps node_modules/.installed
	$(BIN)/python -m pytest
	$(MAKE) test-properdocs

# The site tests again under ProperDocs (the maintained fork of MkDocs 1.x), in a
# virtualenv of its own so that `properdocs build` is what runs them.
PROPERDOCS_VENV ?= .venv-properdocs

$(PROPERDOCS_VENV)/.deps: pyproject.toml Makefile
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet -e '.[properdocs,capture]' 'pytest>=8.0'
	touch $@

test-properdocs: $(PROPERDOCS_VENV)/.deps
	FACTCHECK_SITE_BUILDER=properdocs $(PROPERDOCS_VENV)/bin/python -m pytest tests/site -q

$(VENV)/.bench-deps: $(BIN)/factcheck
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.bench-deps
	$(BIN)/python bench/run.py

$(VENV)/.mutate-deps: $(VENV)/.test-deps
	$(BIN)/python -m pip install --quiet -e '.[mutate]'
	touch $@

# Mutation testing of the core (hours on two cores; not in CI): writes
# tests/mutation/RESULTS.md with the score and every survivor.
mutate: $(VENV)/.mutate-deps
	$(BIN)/python tests/mutation/run.py

clean:
	rm -rf site bench/out tests/artifacts mutants node_modules
