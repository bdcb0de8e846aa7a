"""When Python's cyclic garbage collector runs: the one policy, applied by entry points.

Loading and checking a publication allocates about a million objects (YAML nodes,
marks, locations, model objects), none of them garbage. Every few hundred
allocations the collector runs, and every so often it traverses all of them, for
nothing. So the entry points (the ``factcheck`` command, the MkDocs plugin's hooks)
pause it around such bursts; the checker and the site never touch it themselves.

- :func:`paused`: for one build's check; :func:`for_command` for a whole command.
  Nothing is lost: the collector resumes afterwards and finds any cycle then.
- :class:`Deferred`: for a live preview, which rebuilds again and again in one
  process. Each rebuild runs paused and its garbage is collected a moment later,
  once the browser has reloaded, off the editor's wait; the whole heap when the
  editor pauses. What the first build leaves (the session's base: the parsed
  files, the check's cache, compiled templates) is frozen out of every pass but
  that last one.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager


@contextmanager
def paused():
    """Pause the collector for the ``with`` block; resume it if it was running.

    >>> with paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def for_command():
    """A command runs paused; what it made then lives until the process ends, so it
    is frozen out of the collector's passes (``gc.freeze``)."""
    with paused():
        yield
        gc.freeze()


class Deferred:
    """Pause the collector while a rebuild runs; collect its garbage soon after.

    A rebuild's objects are all in the young generations (they were made while the
    collector was paused), so a moment after a rebuild only those are collected
    (``gc.collect(1)``: a fraction of a second at 4,000 claims, where a collection
    of the whole heap takes several times that); the whole heap is collected once
    the editor pauses (``FULL_AFTER`` seconds without a rebuild), which frees what
    earlier rebuilds left. Edits saved faster than the collection follows them leave
    at most ``SKIP_MOST`` rebuilds' garbage uncollected; then the next rebuild
    collects it first.

    What the session's first build left is frozen (``gc.freeze``, :meth:`settle`),
    and so is what survives each whole-heap collection after that: a collection
    Python starts by itself between rebuilds (when the old generation has grown by
    a quarter), which can land in an edit's wait, then passes over what the latest
    rebuilds made, not over the whole archive again. The whole-heap collection while
    the editor pauses thaws everything first, so a cycle that became garbage is
    never kept past it.
    """

    COLLECT_AFTER = 1.0  # seconds after a rebuild: the browser has reloaded by then
    FULL_AFTER = 10.0  # seconds without a rebuild: the editor is reading, not saving
    SKIP_MOST = 2  # rebuilds in a row whose garbage may wait for the next one's

    def __init__(self) -> None:
        self._timer: threading.Timer | None = None
        self._skipped = 0
        self._rebuilds = 0  # how many have started: a collection checks none has since
        self._frozen = False  # the first build's survivors are frozen

    def pause(self) -> None:
        """A rebuild starts: no cyclic collection until :meth:`resume`."""
        self._rebuilds += 1
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
            self._skipped += 1
            if self._skipped > self.SKIP_MOST:
                gc.collect(1)
                self._skipped = 0
        gc.disable()

    def resume(self) -> None:
        """The rebuild is over: collect its garbage after ``COLLECT_AFTER`` seconds,
        and the whole heap after ``FULL_AFTER``, unless another rebuild starts."""
        if gc.isenabled() or self._timer is not None:
            return
        self._later(self.COLLECT_AFTER, 1, self._rebuilds)

    def settle(self) -> None:
        """The session's first build is over: freeze what it left (see the class).
        Its garbage, if any, is frozen too until the first whole-heap collection;
        collecting it now would keep the first preview waiting."""
        if not self._frozen:
            gc.freeze()
            self._frozen = True

    def _later(self, delay: float, generation: int, rebuilds: int) -> None:
        self._timer = threading.Timer(delay, self._collect, (generation, rebuilds))
        self._timer.daemon = True
        self._timer.start()

    def _collect(self, generation: int, rebuilds: int) -> None:
        if generation == 2 and self._frozen:  # the whole heap: the frozen part too
            gc.unfreeze()
            gc.collect(2)
            gc.freeze()
        else:
            gc.collect(generation)
        if rebuilds != self._rebuilds:  # a rebuild has started since: it decides
            return
        self._skipped = 0
        gc.enable()
        if generation < 2:
            self._later(self.FULL_AFTER - self.COLLECT_AFTER, 2, rebuilds)
        else:
            self._timer = None

    @property
    def pending(self) -> bool:
        """A collection is waiting to run."""
        return self._timer is not None

    def close(self) -> None:
        """The session ends: no collection waits, and the collector runs again, over
        everything."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        gc.enable()
