"""The check's cache, kept on disk between runs of ``factcheck check``.

An editor runs the check again and again (pre-commit on every commit, the command
line after every fix) and most claims have not changed since the last run. The
per-claim results of :class:`~generator.checkcache.CheckCache` are saved after a
check and loaded before the next, so only the claims whose text changed are
matched and linted again; sources are still read and hashed on every run, so a
changed source re-checks every claim (the cache's scope holds every source's
sha256), and nothing is reused under a different key.

Where: ``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else
``~/.cache/factcheck``: one file per claims file, never in the repository (a
result a pull request could plant would pass a wrong quote). A file that is not
the user's own, or that others may write, is ignored, as is one written by other
code (the key holds a sha256 of this package's source, Python's and PyYAML's
versions). ``FACTCHECK_NO_CACHE=1`` or ``factcheck check --no-cache`` turns it
off. A cache that cannot be read or written is never an error: the check runs
without it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import lru_cache

from .checkcache import CheckCache

FORMAT = 1
PACKAGE = os.path.dirname(os.path.abspath(__file__))


def folder() -> str | None:
    """Where the cache files go; None when caching is turned off.

    >>> os.environ["FACTCHECK_CACHE_DIR"] = "/tmp/fc"; folder()
    '/tmp/fc'
    >>> os.environ["FACTCHECK_NO_CACHE"] = "1"; folder() is None
    True
    >>> del os.environ["FACTCHECK_CACHE_DIR"], os.environ["FACTCHECK_NO_CACHE"]
    """
    if os.environ.get("FACTCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("FACTCHECK_CACHE_DIR"):
        return os.environ["FACTCHECK_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "factcheck")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A sha256 of the code that made a result: this package, Python and PyYAML."""
    import yaml

    h = hashlib.sha256(f"{FORMAT} {sys.version} {yaml.__version__} "
                       f"{hasattr(yaml, 'CSafeLoader')}".encode())
    for dirpath, dirnames, names in os.walk(PACKAGE):
        dirnames.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                h.update(os.path.relpath(path, PACKAGE).encode())
                with open(path, "rb") as handle:
                    h.update(hashlib.sha256(handle.read()).digest())
    return h.hexdigest()


def path_for(claims_path: str, where: str) -> str:
    """The cache file of one claims file, named by a sha256 of its absolute path."""
    name = hashlib.sha256(os.path.abspath(claims_path).encode("utf-8", "surrogatepass"))
    return os.path.join(where, f"check-{name.hexdigest()[:24]}.pickle")


def _trusted(handle) -> bool:
    """Only the user's own file, which nobody else may write, is loaded."""
    st = os.fstat(handle.fileno())
    owner = getattr(os, "geteuid", lambda: st.st_uid)()
    return st.st_uid == owner and not st.st_mode & 0o022


def load(claims_path: str) -> CheckCache:
    """The cache saved by the last check of this claims file, or an empty one."""
    cache = CheckCache()
    where = folder()
    if where is None:
        return cache
    try:
        with open(path_for(claims_path, where), "rb") as handle:
            if not _trusted(handle):
                return cache
            saved = pickle.load(handle)
        if saved["code"] == code_version():
            cache.restore(saved["state"])
    except Exception:  # noqa: BLE001 - a cache never breaks a check: run without it
        return CheckCache()
    return cache


def save(claims_path: str, cache: CheckCache) -> None:
    """Write the cache for the next check (atomically: a rename); failures are ignored."""
    where = folder()
    if where is None or not cache.changed():
        return
    temp = None
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        data = pickle.dumps({"code": code_version(), "state": cache.state()},
                            protocol=pickle.HIGHEST_PROTOCOL)
        temp = os.path.join(where, f".check-{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path_for(claims_path, where))
    except Exception:  # noqa: BLE001 - e.g. a read-only home: the next check is cold
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)
