"""Settings for the whole suite.

Under mutation testing (tests/mutation/run.py) the quick, precise tests run first:
mutmut runs the tests that cover a mutated function with ``-x``, so a mutant is caught
at its first failing test, and the tables of messages and helpers below fail first for
most mutants. The same tests run, in another order; nothing changes outside mutmut,
which sets MUTANT_UNDER_TEST.
"""

import os
import shutil
import tempfile

_CACHE = tempfile.mkdtemp(prefix="factcheck-test-cache-")

FIRST = ("tests/checker/test_load_messages.py", "tests/checker/test_check_rules.py",
         "tests/checker/test_textmatch.py", "tests/checker/test_load.py",
         "tests/checker/test_fixtures.py", "tests/workflow/test_fix.py")


def pytest_configure(config):
    # `factcheck check` keeps results in the user's cache folder; the suite keeps
    # its own (the commands it runs inherit this), never the developer's.
    os.environ["FACTCHECK_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("MUTANT_UNDER_TEST"):
        return

    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        return FIRST.index(path) if path in FIRST else len(FIRST)

    items.sort(key=rank)  # stable: each file keeps its own order
