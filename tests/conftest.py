"""Settings for the whole suite."""

import os
import shutil
import tempfile

_CACHE = tempfile.mkdtemp(prefix="factcheck-test-cache-")


def pytest_configure(config):
    # `factcheck check` keeps results in the user's cache folder; the suite keeps
    # its own (the commands it runs inherit this), never the developer's.
    os.environ["FACTCHECK_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE, ignore_errors=True)
