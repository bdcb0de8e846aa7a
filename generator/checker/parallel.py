"""The check's independent work spread over the machine's cores, in forked processes.

A cold check of a large publication parses hundreds of story files, prepares
thousands of sources and matches tens of thousands of quotes, each independent of
the others. :func:`run` hands such work to worker processes forked from this one:
they inherit everything loaded so far, so only each task's result travels back
(pickled), and the results come back in task order, so that what the caller does
with them is what it would do serially. The findings are the same, in the same
order, as a serial check's (tests/checker/test_parallel.py compares them).

How many processes: ``FACTCHECK_JOBS=1`` forces a serial check, ``FACTCHECK_JOBS=N``
uses N processes whatever the size; unset (or ``auto``), one per core available,
and serial for small work, where forking costs more than it saves, and wherever
``fork`` is not available (Windows; macOS runs serially too, where forking a
process that has loaded system frameworks is unsafe). A worker that dies (killed,
out of memory) leaves the caller to do that work serially: never a hang.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence

ENV = "FACTCHECK_JOBS"

_STATE: tuple | None = None  # (function, state): what the forked workers run

# Runs of work per process. At the end of a run of them, every process waits for the
# run each of the others is still doing: small runs keep that wait short, and a run
# costs little more than its items (what travels is indices, and results item by item).
RUNS_PER_PROCESS = 32


def cores() -> int:
    """The cores this process may run on.

    >>> cores() >= 1
    True
    """
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def requested() -> int | None:
    """``FACTCHECK_JOBS`` as a number of processes, or None for automatic.

    >>> os.environ[ENV] = "1"; requested()
    1
    >>> os.environ[ENV] = "auto"; requested() is None
    True
    >>> del os.environ[ENV]
    """
    value = os.environ.get(ENV, "").strip().lower()
    if value in ("", "0", "auto"):
        return None
    try:
        return max(1, int(value))
    except ValueError:
        return None


def can_fork() -> bool:
    """Whether worker processes can be forked here (Linux and the BSDs)."""
    if sys.platform in ("win32", "darwin", "emscripten", "wasi"):
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def processes(units: int, minimum: int, jobs: int | None = None) -> int:
    """How many processes to use for ``units`` of work; 1 means serially.

    ``jobs`` is what the caller asks for (None: what ``FACTCHECK_JOBS`` says, else
    automatic). Automatically, work below ``minimum`` units stays serial.

    >>> processes(10, 1000, jobs=1), processes(10, 1000, jobs=None) if not requested() else 1
    (1, 1)
    """
    if jobs is None:
        jobs = requested()
    if jobs is None:
        jobs = cores() if units >= minimum else 1
    return jobs if jobs > 1 and can_fork() else 1


def run(function: Callable, state, tasks: Sequence, count: int) -> list:
    """``[function(state, task) for task in tasks]``, computed by ``count`` processes
    when ``count`` > 1: this one and ``count - 1`` forked workers.

    The workers take tasks from the front; this process takes them from the back
    for as long as no worker has started them, so the work ends together and no
    core waits (and one process fewer holds a copy of what it touches). ``state``
    is not pickled: the workers inherit it (so it may hold anything); ``function``
    must be a module-level function, each task and result picklable.

    >>> run(divmod, 7, [2, 3], 1)
    [(3, 1), (2, 1)]
    """
    if count <= 1 or len(tasks) <= 1:
        return [function(state, task) for task in tasks]
    global _STATE
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _STATE = (function, state)
    results: list = [None] * len(tasks)
    mine: set[int] = set()
    try:
        with ProcessPoolExecutor(min(count, len(tasks)) - 1,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_call, task) for task in tasks]
            for k in range(len(tasks) - 1, -1, -1):
                if not futures[k].cancel():
                    break  # the workers have this one, and every one before it
                results[k] = function(state, tasks[k])
                mine.add(k)
            for k, future in enumerate(futures):
                if k not in mine:
                    results[k] = future.result()
    except (BrokenProcessPool, OSError):  # a worker died, or none could start
        return [results[k] if k in mine else function(state, task)
                for k, task in enumerate(tasks)]
    finally:
        _STATE = None
    return results


class Later:
    """``function(state, task)`` computed by one forked worker while this process
    goes on with other work; :meth:`result` waits for it.

    For a serial step that nothing needs until later, with a core idle meanwhile.
    As with :func:`run`, ``state`` is inherited, not pickled, and a worker that
    dies (or cannot be forked) leaves this process to do the work itself.
    """

    def __init__(self, function: Callable, state, task) -> None:
        self._call = (function, state, task)
        self._pid: int | None = None
        try:
            read, write = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the worker: its answer down the pipe, then gone
            code = 1
            try:
                os.close(read)
                data = pickle.dumps(function(state, task), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self):
        """The answer: the worker's, else (it died) computed here."""
        function, state, task = self._call
        if self._pid is None:
            return function(state, task)
        pid, self._pid = self._pid, None
        try:
            with os.fdopen(self._read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            if status == 0:
                return pickle.loads(data)
        except (OSError, EOFError, pickle.UnpicklingError):
            pass
        return function(state, task)


def _call(task):
    function, state = _STATE
    return function(state, task)


def chunks(items: Sequence, count: int, weight: Callable | None = None) -> list[list]:
    """``items`` cut into at most ``count`` runs of about equal weight, in order.

    >>> chunks(list(range(7)), 3)
    [[0, 1, 2], [3, 4], [5, 6]]
    >>> chunks(["a", "bbbbbb", "c", "d"], 2, weight=len)
    [['a', 'bbbbbb'], ['c', 'd']]
    """
    if not items:
        return []
    weights = [weight(item) if weight else 1 for item in items]
    total = sum(weights) or 1
    out: list[list] = [[]]
    done = 0.0
    for item, w in zip(items, weights, strict=True):
        if out[-1] and done >= total * len(out) / count and len(out) < count:
            out.append([])
        out[-1].append(item)
        done += w
    return out
