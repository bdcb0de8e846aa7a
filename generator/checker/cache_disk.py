"""The check's cache, kept on disk between runs of ``factcheck check``.

An editor runs the check again and again (pre-commit on every commit, the command
line after every fix) and most claims have not changed since the last run. The
per-claim results of :class:`~generator.checker.cache_memory.CheckCache` are saved after a
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
from collections.abc import Mapping
from functools import lru_cache

from generator.checker.cache_memory import CheckCache

FORMAT = 1
PACKAGE = os.path.dirname(os.path.abspath(__file__))


def folder(environ: Mapping[str, str] = os.environ) -> str | None:
    """Where the cache files go, read from ``environ``; None when caching is turned off.

    >>> folder({"FACTCHECK_CACHE_DIR": "/tmp/fc", "XDG_CACHE_HOME": "/tmp/xdg"})
    '/tmp/fc'
    >>> folder({"FACTCHECK_CACHE_DIR": "/tmp/fc", "FACTCHECK_NO_CACHE": "1"}) is None
    True
    >>> folder({"XDG_CACHE_HOME": "/tmp/xdg", "FACTCHECK_NO_CACHE": "0"})
    '/tmp/xdg/factcheck'
    >>> folder({"HOME": "/home/ed"})
    '/home/ed/.cache/factcheck'
    """
    if environ.get("FACTCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    if environ.get("FACTCHECK_CACHE_DIR"):
        return environ["FACTCHECK_CACHE_DIR"]
    home = environ.get("HOME") or os.path.expanduser("~")
    base = environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
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
    return os.path.join(where, f"check-{_project(claims_path)}.pickle")


def _project(claims_path: str) -> str:
    name = hashlib.sha256(os.path.abspath(claims_path).encode("utf-8", "surrogatepass"))
    return name.hexdigest()[:24]


def _parsed_path(where: str, project: str, key: str) -> str:
    """A parsed story file, in a file of its own named by its key (a sha256 of its path
    and text): an edit writes the one file it changed, not the parses of all."""
    return os.path.join(where, f"parsed-{project}-{key[:40]}.pickle")


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
            scope, entries, relays, keys, layouts, files = saved["state"]
            parses = _read_parses(where, _project(claims_path), keys)
            cache.restore((scope, entries, relays, parses, layouts, files))
    except Exception:  # noqa: BLE001 - a cache never breaks a check: run without it
        return CheckCache()
    return cache


def save(claims_path: str, cache: CheckCache) -> None:
    """Write the cache for the next check (atomically: a rename); failures are ignored."""
    where = folder()
    if where is None or not cache.changed():
        return
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        scope, entries, relays, parses, layouts, files = cache.state()
        project = _project(claims_path)
        for key, blob in parses.items():
            path = _parsed_path(where, project, key)
            if not os.path.exists(path):
                _write(where, path, blob)
        data = pickle.dumps({"code": code_version(),
                             "state": (scope, entries, relays, sorted(parses), layouts,
                                       files)},
                            protocol=pickle.HIGHEST_PROTOCOL)
        _write(where, path_for(claims_path, where), data)
        keep = {os.path.basename(_parsed_path(where, project, key)) for key in parses}
        for name in os.listdir(where):  # this project's parses that no file has now
            if name.startswith(f"parsed-{project}-") and name not in keep:
                os.unlink(os.path.join(where, name))
    except Exception:  # noqa: BLE001 - e.g. a read-only home: the next check is cold
        return


def _write(where: str, path: str, data: bytes) -> None:
    """Write a file of the cache atomically (a rename), readable by its owner only."""
    temp = os.path.join(where, f".check-{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def _read_parses(where: str, project: str, keys: list[str]) -> dict[str, bytes]:
    """The parsed story files the last check kept; one missing or foreign is parsed again."""
    out = {}
    for key in keys:
        try:
            with open(_parsed_path(where, project, key), "rb") as handle:
                if _trusted(handle):
                    out[key] = handle.read()
        except OSError:
            continue
    return out
