"""Settings for the whole suite.

The suite writes only into temporary folders (and Hypothesis into its example
database, .hypothesis/, kept so that a failure found once is tried first next time,
and ignored by git). A run gets a home of its own:
``HOME``, the XDG folders and ``FACTCHECK_CACHE_DIR`` point into it, so the check's
cache, pre-commit's and pip's caches, Chromium's profile and every command the tests
run (they inherit the environment) stay out of the developer's home. A test that
changes one of those variables in ``os.environ`` without putting it back fails (a
doctest once deleted ``FACTCHECK_CACHE_DIR``, and the tests after it wrote into
``~/.cache/factcheck``); tests/test_isolation.py shows that a check run by the suite
leaves the user's cache folder alone.

The longest tests run first (SLOW_FIRST below), so that spread over the cores none is
left running alone at the end. Under mutation testing (tests/mutation/run.py) the
quick, precise tests run first instead: mutmut runs the tests that cover a mutated
function with ``-x``, so a mutant is caught at its first failing test, and the tables
of messages and helpers below fail first for most mutants (mutmut sets
MUTANT_UNDER_TEST). Either way the same tests run, only in another order.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from generator.checker import cache_disk

REPO = Path(__file__).resolve().parents[1]
FIRST = ("tests/checker/test_load_messages.py", "tests/checker/test_check_rules.py",
         "tests/checker/test_textmatch.py", "tests/checker/test_load.py",
         "tests/checker/test_fixtures.py", "tests/workflow/test_fix.py")

# Spread over the cores (make test: pytest-xdist, ``--dist loadscope``: each module on
# one worker, so that its module-scoped build or virtualenv is made once), the longest
# modules start first (``--no-loadscope-reorder`` keeps this order), so that no worker
# is still running one when the other has run out: roughly longest first, the rest in
# their usual order after them.
SLOW_FIRST = ("tests/browser/test_theme.py", "tests/install/test_newsroom_install.py",
              "tests/workflow/test_workflow.py", "tests/browser/test_site_in_browser.py",
              "tests/hostile/test_malformed.py", "tests/hostile/test_site_payloads.py",
              "tests/workflow/test_setup_output.py", "tests/site/test_scale.py",
              "tests/site/test_build.py", "tests/hostile/test_textmatch_properties.py",
              "tests/workflow/test_schema.py", "tests/hostile/test_never_writes.py")

# The run's temporary home, made by the first pytest process (xdist's controller) and
# inherited by its workers and by every command the tests run; and the developer's own
# cache folder, as that first process found it (tests/test_isolation.py).
SUITE_HOME = "FACTCHECK_TEST_HOME"
USER_CACHE = "FACTCHECK_TEST_USER_CACHE"
HOME_VARIABLES = ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                  "XDG_STATE_HOME", "FACTCHECK_CACHE_DIR", SUITE_HOME, USER_CACHE,
                  "PIP_NO_CACHE_DIR")


class TemporaryHome:
    """A pytest plugin: the run's temporary home, kept for every test."""

    def __init__(self) -> None:
        self.saved = {name: os.environ.get(name) for name in HOME_VARIABLES}
        inherited = os.environ.get(SUITE_HOME)
        self.owner = not (inherited and os.path.isdir(inherited))
        if self.owner:
            os.environ[USER_CACHE] = cache_disk.folder({**os.environ, "FACTCHECK_NO_CACHE": ""})
            os.environ[SUITE_HOME] = tempfile.mkdtemp(prefix="factcheck-test-home-")
        root = self.root = os.environ[SUITE_HOME]
        # pip's cache is the run's own (in the temporary home, deleted with it), so the
        # tests that make virtualenvs download each package once, not once per test,
        # even when the caller turned its own cache off (a fresh CI machine)
        os.environ.pop("PIP_NO_CACHE_DIR", None)
        cache = os.path.join(root, ".cache")
        os.makedirs(cache, exist_ok=True)
        self.env = {"HOME": root, "XDG_CACHE_HOME": cache,
                    "XDG_CONFIG_HOME": os.path.join(root, ".config"),
                    "XDG_DATA_HOME": os.path.join(root, ".local", "share"),
                    "XDG_STATE_HOME": os.path.join(root, ".local", "state"),
                    # the check's results: one folder per process (per xdist worker)
                    "FACTCHECK_CACHE_DIR": tempfile.mkdtemp(prefix="factcheck-", dir=cache),
                    SUITE_HOME: root, USER_CACHE: os.environ[USER_CACHE]}
        os.environ.update(self.env)

    def close(self) -> None:
        for name, value in self.saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if self.owner:
            shutil.rmtree(self.root, ignore_errors=True)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item):
        yield
        changed = sorted(name for name, value in self.env.items()
                         if os.environ.get(name) != value)
        if changed:
            os.environ.update(self.env)
            pytest.fail(f"{item.nodeid} changed {', '.join(changed)} in os.environ and left "
                        "it so: later tests would write outside their temporary folders "
                        "(use monkeypatch.setenv, or pass a mapping)", pytrace=False)


def pytest_configure(config):
    # a plugin, not this conftest's own hooks: those reach only the tests under tests/,
    # and the doctests in generator/ run with the same home
    home = TemporaryHome()
    config.pluginmanager.register(home, "factcheck-temporary-home")
    config.add_cleanup(home.close)


def pytest_collection_modifyitems(config, items):
    order = FIRST if os.environ.get("MUTANT_UNDER_TEST") else SLOW_FIRST

    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        return order.index(path) if path in order else len(order)

    items.sort(key=rank)  # stable: each file keeps its own order


@pytest.fixture(scope="session")
def payload_site_dir(tmp_path_factory) -> Path:
    """The hostile suite's payload publication, built once per pytest process for
    tests/hostile/test_site_payloads.py and tests/browser/test_theme.py: its site."""
    sys.path.insert(0, str(REPO))
    try:
        from tests.hostile.test_site_payloads import build_payload_site
    finally:
        sys.path.remove(str(REPO))
    return build_payload_site(tmp_path_factory.mktemp("payloads"))
