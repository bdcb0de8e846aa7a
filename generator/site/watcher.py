"""A lighter poller for ``mkdocs serve``, so that a large newsroom's preview idles.

MkDocs notices edits by polling (watchdog's ``PollingObserver``, every 0.5 s), not
through the system's file events, so that it works in Docker and on network mounts.
A newsroom keeps thousands of source texts in the docs folder, and watchdog's
snapshot does several Python calls per file (7.1.1 adds a ``statx`` through ctypes
for each), so the server spent a fifth of a core polling them while idle, and more
than half a second of CPU inside every edit's rebuild window, at 4,000 sources.

:func:`install` keeps MkDocs' design (the same paths, interval and callbacks) and
swaps the server's observer, before it starts, for :class:`LeanPollingObserver`,
whose snapshot is one ``os.scandir`` walk into a dict of (inode, size, mtime) per
path. It changes nothing when the server is not what it expects (another observer,
already running, a watch it cannot move), so the preview keeps working either way.

It does not poll while a build runs (``idle``, the preview's event, is clear): the
first snapshot after the build is compared with the one before it, so an edit saved
meanwhile is reported then, as it would have been, and the build it triggers waits
for the running one anyway. A snapshot of a large newsroom costs tens of
milliseconds, and a build spans several polls.
"""

from __future__ import annotations

import functools
import logging
import os
import stat
import threading
from collections.abc import Iterator

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileSystemEvent,
)
from watchdog.observers.api import BaseObserver, EventEmitter
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.factcheck")

Signature = tuple[int, int, int, bool]  # inode, size, mtime in ns, is a folder


def snapshot(path: str, recursive: bool = True) -> dict[str, Signature]:
    """Every path under ``path`` (and ``path`` itself, a folder or a file) with what
    changes when it is edited, replaced or touched. Symbolic links are followed, as
    watchdog's polling does; a folder reached twice is walked once.

    >>> import tempfile; root = tempfile.mkdtemp()
    >>> open(os.path.join(root, "a.txt"), "w").close()
    >>> sorted(os.path.relpath(p, root) for p in snapshot(root))
    ['.', 'a.txt']
    >>> snapshot(os.path.join(root, "missing"))
    {}
    """
    try:
        st = os.stat(path)
    except OSError:
        return {}
    folder = stat.S_ISDIR(st.st_mode)
    out = {path: (st.st_ino, st.st_size, st.st_mtime_ns, folder)}
    if not folder:
        return out
    walked = {(st.st_dev, st.st_ino)}
    todo = [path]
    while todo:
        try:
            entries = os.scandir(todo.pop())
        except OSError:  # gone, or not readable: what is left is compared
            continue
        with entries:
            for entry in entries:
                try:
                    st = entry.stat()
                    folder = entry.is_dir()
                except OSError:
                    continue
                out[entry.path] = (st.st_ino, st.st_size, st.st_mtime_ns, folder)
                if folder and recursive and (st.st_dev, st.st_ino) not in walked:
                    walked.add((st.st_dev, st.st_ino))
                    todo.append(entry.path)
    return out


def changes(before: dict[str, Signature], after: dict[str, Signature]
            ) -> Iterator[FileSystemEvent]:
    """The events between two snapshots: created, deleted, modified (a file replaced
    by another one, or by a folder, is modified).

    >>> before = {"a": (1, 5, 10, False), "b": (2, 5, 10, False)}
    >>> after = {"a": (1, 6, 11, False), "c": (3, 1, 12, False)}
    >>> sorted((type(e).__name__, e.src_path) for e in changes(before, after))
    [('FileCreatedEvent', 'c'), ('FileDeletedEvent', 'b'), ('FileModifiedEvent', 'a')]
    """
    for path, now in after.items():
        was = before.get(path)
        if was is None:
            yield (DirCreatedEvent if now[3] else FileCreatedEvent)(path)
        elif was != now:
            yield (DirModifiedEvent if now[3] and was[3] else FileModifiedEvent)(path)
    for path, was in before.items():
        if path not in after:
            yield (DirDeletedEvent if was[3] else FileDeletedEvent)(path)


class LeanPollingEmitter(EventEmitter):
    """Polls one watched path: a snapshot every ``timeout`` seconds, and an event
    for each difference from the one before."""

    def __init__(self, event_queue, watch, timeout=1.0, idle: threading.Event | None = None,
                 **kwargs) -> None:
        super().__init__(event_queue, watch, timeout=timeout, **kwargs)
        self._seen: dict[str, Signature] = {}
        self._idle = idle  # set while no build runs; None: always poll

    def on_thread_start(self) -> None:
        self._seen = self._snapshot()

    def _snapshot(self) -> dict[str, Signature]:
        watch = self.watch
        if getattr(watch, "is_file", False):  # watchdog 7 files: their folder, filtered
            return snapshot(watch.resolved_path, recursive=False)
        return snapshot(watch.path, watch.is_recursive)

    def queue_events(self, timeout) -> None:
        if self.stopped_event.wait(timeout):
            return
        if self._idle is not None and not self._idle.is_set():
            return  # a build runs: the first snapshot after it sees what changed meanwhile
        now = self._snapshot()
        for event in changes(self._seen, now):
            self.queue_event(event)
        self._seen = now


class LeanPollingObserver(BaseObserver):
    """watchdog's observer with :class:`LeanPollingEmitter` for each watch; ``idle``:
    see the module."""

    def __init__(self, timeout: float = 0.5, idle: threading.Event | None = None) -> None:
        # every watchdog version makes its emitters by calling this with the queue,
        # the watch and keywords
        super().__init__(functools.partial(LeanPollingEmitter, idle=idle), timeout=timeout)


def install(server, idle: threading.Event | None = None) -> bool:
    """Move every watch of MkDocs' live-reload ``server`` to a :class:`LeanPollingObserver`
    polling at the same interval, before the server starts it; True if it did.
    ``idle``: set while no build runs (see the module).

    Only the server's own ``watch``/``unwatch`` move them, so its bookkeeping (and
    its rebuild callback) stays its own.
    """
    old = getattr(server, "observer", None)
    if type(old) is not PollingObserver or old.is_alive():
        return False
    moved: list[tuple[str, bool]] = []
    try:
        for emitter in list(old.emitters):
            watch = emitter.watch  # watchdog 7 keeps the path as watched in raw_path
            path, recursive = getattr(watch, "raw_path", watch.path), watch.is_recursive
            for _ in range(64):  # one unwatch per watch() call made
                if emitter not in old.emitters:
                    break
                server.unwatch(path)
                moved.append((path, recursive))
            else:
                raise TypeError(f"unwatch() keeps watching {path}")
    except (AttributeError, KeyError, TypeError) as exc:  # not the server we know
        log.debug("factcheck: MkDocs' own file watcher kept (%s)", exc)
        for path, recursive in moved:
            server.watch(path, recursive=recursive)
        return False
    server.observer = LeanPollingObserver(timeout=old.timeout, idle=idle)
    for path, recursive in moved:
        server.watch(path, recursive=recursive)
    return True
