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
import sys
from collections.abc import Callable, Sequence

ENV = "FACTCHECK_JOBS"

# Runs of work per process. At the end of a run of them, every process waits for the
# run each of the others is still doing: small runs keep that wait short, and a run
# costs little more than its items (what travels is a lock taken and the results).
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
    for as long as no worker has taken them, so the work ends together and no core
    waits (and one process fewer holds a copy of what it touches). Each worker sends
    what it computed back once, pickled, when no task is left: one fork and one
    pickle per worker, and no pool, thread or queue in between. ``state`` is not
    pickled: the workers inherit it (so it may hold
    anything); each result must be picklable. A task a worker leaves undone (it
    died, or raised) is done here, where an error is raised as a serial check
    raises it.

    >>> run(divmod, 7, [2, 3], 1)
    [(3, 1), (2, 1)]
    """
    if count <= 1 or len(tasks) <= 1:
        return [function(state, task) for task in tasks]
    import mmap
    import multiprocessing

    lock = multiprocessing.get_context("fork").Lock()
    ends = memoryview(mmap.mmap(-1, 16)).cast("q")  # shared: next from the front, back
    ends[0], ends[1] = 0, len(tasks)
    workers: list[tuple[int, int]] = []
    results: list = [None] * len(tasks)
    done = [False] * len(tasks)
    try:
        for _ in range(min(count, len(tasks)) - 1):
            try:
                workers.append(_fork(function, state, tasks, lock, ends))
            except OSError:  # no process could start: fewer do the work
                break
        while True:
            with lock:
                k = ends[1] - 1
                if k < ends[0]:
                    break
                ends[1] = k
            results[k] = function(state, tasks[k])
            done[k] = True
        while workers:
            got = _collect(*workers[0])
            workers.pop(0)
            for k, value in got.items():
                results[k] = value
                done[k] = True
    finally:
        for pid, read in workers:  # this process raised: no worker outlives it
            _stop(pid, read)
    return [value if ok else function(state, task)
            for value, ok, task in zip(results, done, tasks, strict=True)]


def _fork(function: Callable, state, tasks: Sequence, lock, ends) -> tuple[int, int]:
    """A worker process taking tasks from the front; its id and the pipe it answers on."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:  # the worker: it never returns to the caller's code
        os.close(read)
        import pickle

        mine = {}
        while True:
            with lock:
                k = ends[0]
                if k >= ends[1]:
                    break
                ends[0] = k + 1
            mine[k] = function(state, tasks[k])
        with os.fdopen(write, "wb") as out:
            out.write(pickle.dumps(mine, protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    finally:
        os._exit(code)


def _collect(pid: int, read: int) -> dict:
    """What a worker computed, by task index; nothing if it died or raised."""
    import pickle

    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return {}
    try:
        return pickle.loads(data)
    except Exception:  # cut short: its tasks are done again here
        return {}


def _stop(pid: int, read: int) -> None:
    """End a worker this process no longer waits for (it raised, or was interrupted)."""
    import signal

    for step in (lambda: os.kill(pid, signal.SIGKILL), lambda: os.waitpid(pid, 0),
                 lambda: os.close(read)):
        try:
            step()
        except OSError:  # already gone, already reaped, already closed
            pass


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
