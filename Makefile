# Two commands run everything on a fresh machine (see README.md):
#   make site   set up .venv, check the citations, build the site into site/
#   make test   set up .venv with the test extras, run the whole test suite, then the
#               site tests under ProperDocs (in .venv-properdocs)
# Every virtualenv installs exactly the versions in requirements/*.lock (with their
# hashes); `make lock` refreshes the locks, `make test-latest` tests without them.
PYTHON ?= python3
VENV ?= .venv
PROPERDOCS_VENV ?= .venv-properdocs
BIN = $(VENV)/bin

# site: the package and its capture extra; test: and the test and bench extras;
# properdocs: the package, its properdocs and capture extras, and pytest.
SITE_LOCK = requirements/site.lock
TEST_LOCK = requirements/test.lock
PROPERDOCS_LOCK = requirements/properdocs.lock
comma := ,

.PHONY: site test test-envs test-properdocs test-latest lock check bench bench-large serve mutate clean catalogs

# uv, pinned in requirements/tools.lock and installed by pip, makes the virtualenvs and
# installs the locks into them: in seconds where pip takes half a minute, and exactly
# (`uv pip sync` removes whatever the lock does not list), with every file's hash checked.
TOOLS_VENV ?= .venv-tools
UV = $(TOOLS_VENV)/bin/uv

# $(call install,VENV,LOCK,EXTRAS): a virtualenv holding exactly the lock, then this
# checkout as an editable package (its build backend, setuptools, is in the lock). With
# LATEST=1 (make test-latest): pip, no lock, the newest versions the ranges allow.
ifdef LATEST
install = $(PYTHON) -m venv $(1) && $(1)/bin/python -m pip install --quiet --upgrade \
	--no-cache-dir -r requirements/build.in -e '.[$(3)]' $(4)
else
install = $(UV) venv --quiet --allow-existing --python $(PYTHON) $(1) && \
	$(UV) pip sync --quiet --python $(1) --require-hashes $(2) && \
	$(UV) pip install --quiet --python $(1) --no-deps --no-build-isolation -e .
endif
# and nothing installed conflicts with a range in pyproject.toml
pip_check = out=$$($(1)/bin/python -m pip check) || { echo "$$out" >&2; exit 1; }

$(UV): requirements/tools.lock
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/tools.lock
	touch $@

$(BIN)/factcheck: pyproject.toml $(SITE_LOCK) $(if $(LATEST),,$(UV))
	rm -rf factcheck.egg-info  # metadata left by the package's former name
	$(call install,$(VENV),$(SITE_LOCK),capture)
	@$(call pip_check,$(VENV))
	touch $@

# the test suite and the benchmark
$(VENV)/.test-deps: $(BIN)/factcheck $(TEST_LOCK)
	$(call install,$(VENV),$(TEST_LOCK),capture$(comma)test$(comma)bench)
	@$(call pip_check,$(VENV))
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

# The three environments are set up side by side (their installs wait mostly on the
# network), then ruff (pyflakes, pycodestyle, isort, bugbear: pyproject.toml), then the
# suite spread over every core (pytest-xdist) while the site tests run again under
# ProperDocs on one more worker, at a lower priority: the main suite leaves a core idle
# whenever a test waits on the network, a browser or a subprocess, and that worker takes
# up the slack without slowing the suite. ProperDocs' report is printed after the suite's; `make
# test` fails if either fails.
PYTEST = -m pytest --dist loadscope --no-loadscope-reorder
PROPERDOCS_TESTS = env FACTCHECK_SITE_BUILDER=properdocs $(PROPERDOCS_VENV)/bin/python $(PYTEST) \
	-p no:cacheprovider tests/site -q

test-envs: $(VENV)/.test-deps node_modules/.installed $(PROPERDOCS_VENV)/.deps
	@:

test:
	@$(MAKE) --no-print-directory -j3 test-envs
	$(BIN)/ruff check --quiet .
	@log=$$(mktemp); \
	nice -n 10 $(PROPERDOCS_TESTS) -n 1 >$$log 2>&1 & properdocs=$$!; \
	$(BIN)/python $(PYTEST) -n auto; suite=$$?; \
	wait $$properdocs; other=$$?; \
	echo "The site tests under ProperDocs ($(PROPERDOCS_VENV)):"; cat $$log; rm -f $$log; \
	test $$suite = 0 && test $$other = 0

# The site tests again under ProperDocs (the maintained fork of MkDocs 1.x), in a
# virtualenv of its own so that `properdocs build` is what runs them.
$(PROPERDOCS_VENV)/.deps: pyproject.toml $(PROPERDOCS_LOCK) $(if $(LATEST),,$(UV))
	$(call install,$(PROPERDOCS_VENV),$(PROPERDOCS_LOCK),properdocs$(comma)capture,-r requirements/properdocs.in)
	@$(call pip_check,$(PROPERDOCS_VENV))
	touch $@

test-properdocs: $(PROPERDOCS_VENV)/.deps
	$(PROPERDOCS_TESTS) -n auto

bench: $(VENV)/.test-deps
	$(BIN)/python bench/run.py

# the same, and 16,000 claims with 4,000 sources in 800 story files (about half an hour
# on two cores: one run of each figure)
bench-large: $(VENV)/.test-deps
	$(BIN)/python bench/run.py --sizes 1000,4000,16000 --repeat 1

# The whole suite with the newest versions pyproject.toml's ranges allow, in fresh
# virtualenvs, without the lock or pip's cache: what proves the ranges (and what the
# weekly workflow .github/workflows/latest.yml runs, through .ci/run latest).
LATEST_VENV ?= .venv-latest

test-latest:
	rm -rf $(LATEST_VENV) $(LATEST_VENV)-properdocs
	$(MAKE) test LATEST=1 VENV=$(LATEST_VENV) PROPERDOCS_VENV=$(LATEST_VENV)-properdocs

# The locks: for Python 3.11 on every platform (--universal), every file's hash, from
# PyPI, refreshed to the newest versions the ranges allow (LOCK_UPGRADE= keeps every
# pin that still fits, e.g. after adding a dependency). The shared packages of the
# three locks are one version: the site and ProperDocs locks are resolved within the
# test lock. The runtime pins go into the starter's requirements.txt, which
# `factcheck init` writes for a newsroom's CI and pre-commit hook.
# The tool is uv (`uv pip compile`), itself pinned in requirements/tools.lock, rather
# than pip-tools: one static binary in a wheel, with no dependencies and no hold on
# pip's internals; it resolves for a Python version and platforms other than the
# ones running it (--python-version, --universal), which pip-tools cannot; it writes
# hashes of every file; and it takes a second.
LOCK_UPGRADE ?= --upgrade
COMPILE = $(UV) pip compile --quiet --no-config --index-url https://pypi.org/simple \
	--universal --python-version 3.11 --custom-compile-command 'make lock' $(LOCK_UPGRADE)
STARTER_REQUIREMENTS = generator/editor/starter/requirements.txt

lock: $(UV)
	$(COMPILE) --generate-hashes requirements/tools.in -o requirements/tools.lock
	$(COMPILE) --generate-hashes pyproject.toml requirements/build.in \
		--extra capture --extra test --extra bench -o $(TEST_LOCK)
	$(COMPILE) --generate-hashes pyproject.toml requirements/build.in --extra capture \
		-c $(TEST_LOCK) -o $(SITE_LOCK)
	$(COMPILE) --generate-hashes pyproject.toml requirements/build.in \
		requirements/properdocs.in --extra properdocs --extra capture \
		-c $(TEST_LOCK) -o $(PROPERDOCS_LOCK)
	{ printf '%s\n' \
	  "# What CI (.github/workflows/factcheck.yml) and the pre-commit hook" \
	  "# (.pre-commit-config.yaml) install: factcheck, and the versions of its" \
	  "# dependencies it was tested with. README.md says how to upgrade." \
	  "@@REQUIREMENT@@" && \
	  $(COMPILE) --no-header --no-annotate pyproject.toml -c $(SITE_LOCK); \
	} > $(STARTER_REQUIREMENTS).new && mv $(STARTER_REQUIREMENTS).new $(STARTER_REQUIREMENTS)

$(VENV)/.mutate-deps: $(VENV)/.test-deps
	$(BIN)/python -m pip install --quiet -e '.[mutate]'
	touch $@

# Mutation testing of the core (hours on two cores; not in CI): writes
# tests/mutation/RESULTS.md with the score and every survivor.
mutate: $(VENV)/.mutate-deps
	$(BIN)/python tests/mutation/run.py

clean:
	rm -rf site bench/out tests/artifacts mutants node_modules

# The interface's gettext catalogs, MkDocs' way (generator/site/theme/locales): extract
# every string marked in the templates and the site's Python (babel.cfg) into
# messages.pot, merge it into each locale's messages.po (a new string arrives
# untranslated: tests/site/test_i18n.py fails until a translator fills it in), and
# compile the .mo files that MkDocs and the plugin read. A new locale: LOCALE=xx.
LOCALES_DIR = generator/site/theme/locales
catalogs: $(BIN)/factcheck
	$(BIN)/pybabel --quiet extract -F babel.cfg -k say -k plural_table:1,2 --add-location=file --no-wrap \
		--add-comments=Translators: --strip-comment-tags --omit-header \
		-o $(LOCALES_DIR)/messages.pot .
	$(if $(LOCALE),$(BIN)/pybabel --quiet init --no-wrap -D messages \
		-i $(LOCALES_DIR)/messages.pot -d $(LOCALES_DIR) -l $(LOCALE))
	$(BIN)/pybabel --quiet update --no-wrap --ignore-obsolete --no-fuzzy-matching \
		-D messages -i $(LOCALES_DIR)/messages.pot -d $(LOCALES_DIR)
	$(BIN)/pybabel compile --statistics -D messages -d $(LOCALES_DIR)
