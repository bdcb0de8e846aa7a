"""A check spread over worker processes says exactly what a serial check says.

generator/checker/parallel.py forks workers for a large publication: story files
parsed, sources prepared, claims checked and linted in runs. Whatever the split,
the report (findings, their order, locations, messages), the resolved quotes and
what the cache keeps must be the serial check's, byte for byte. Each test forces
the worker processes (``jobs=2``) on inputs small enough for a test.
"""

from __future__ import annotations

import glob
import os
import sys
import tempfile

import pytest

from generator.checker import parallel, report
from generator.checker.cache_memory import CheckCache
from generator.checker.check import check_file

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FIXTURES = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(HERE, "fixtures", "*",
                                                                     "claims.yaml")))

pytestmark = pytest.mark.skipif(not parallel.can_fork(),
                                reason="worker processes are forked: not on this system")


def _generate(folder: str, **kw) -> str:
    sys.path.insert(0, os.path.join(REPO, "bench"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    generate.generate(folder, seed=11, **kw)
    return os.path.join(folder, "claims.yaml")


@pytest.fixture(scope="module")
def newsrooms():
    with tempfile.TemporaryDirectory() as tmp:
        yield {
            "one file": _generate(os.path.join(tmp, "one"), claims=120, sources=40,
                                  broken_rate=0.15),
            "story files": _generate(os.path.join(tmp, "stories"), claims=150, sources=50,
                                     broken_rate=0.15, stories=12),
        }


def _everything(result) -> tuple:
    """What a user or the site sees of a check: the JSON report and the quotes."""
    return (report.FORMATS["json"](result.findings, result.summary, result.files),
            sorted(result.resolutions.items()))


@pytest.mark.parametrize("folder", FIXTURES, ids=os.path.basename)
def test_workers_report_what_a_serial_check_reports_on_every_fixture(folder):
    path = os.path.join(folder, "claims.yaml")
    assert _everything(check_file(path, jobs=2)) == _everything(check_file(path, jobs=1))


@pytest.fixture
def forked(monkeypatch):
    """The work handed to more than one process, by the function that did it."""
    ran: list[str] = []
    real = parallel.run

    def spy(function, state, tasks, count):
        if count > 1 and len(tasks) > 1:
            ran.append(function.__name__)
        return real(function, state, tasks, count)

    class Later(parallel.Later):  # one worker beside this process: named "beside"
        def __init__(self, function, state, task):
            ran.append(f"beside: {function.__name__}")
            super().__init__(function, state, task)

    monkeypatch.setattr(parallel, "run", spy)
    monkeypatch.setattr(parallel, "Later", Later)
    return ran


@pytest.mark.parametrize("name", ["one file", "story files"])
def test_workers_report_what_a_serial_check_reports_on_a_newsroom(newsrooms, name, forked):
    serial = check_file(newsrooms[name], jobs=1)
    assert {f.code for f in serial.findings} >= {"quote-not-found", "number-mismatch",
                                                  "possible-relay", "quote-drops-hedge"}
    assert not forked
    assert _everything(check_file(newsrooms[name], jobs=2)) == _everything(serial)
    # with story files to parse, sources are read beside the parse, not after it
    stories = name == "story files"
    assert set(forked) == {"_work", "_windows", "beside: _all_with_all_many",
                           "beside: _read_run" if stories else "_read_run"}
    forked.clear()
    assert _everything(check_file(newsrooms[name], jobs=3)) == _everything(serial)
    assert ("_parse_files" in forked) == stories  # two processes parse, the third reads


def test_the_cache_a_parallel_check_fills_replays_as_a_serial_one(newsrooms):
    path = newsrooms["story files"]
    serial = check_file(path, jobs=1)
    serial_cache = CheckCache()
    check_file(path, serial_cache, jobs=1)
    cache = CheckCache()
    assert _everything(check_file(path, cache, jobs=2)) == _everything(serial)
    assert cache.stored() == serial_cache.stored() > len(serial.project.claims) // 2
    assert cache.misses > 0
    again = check_file(path, cache, jobs=2)  # nothing left to check: all replayed
    assert (cache.hits, cache.misses) == (len(serial.project.claims), 0)
    assert _everything(again) == _everything(serial)


def test_factcheck_jobs_1_forces_a_serial_check(monkeypatch):
    monkeypatch.setenv(parallel.ENV, "1")
    assert parallel.processes(10**9, 1) == 1
    monkeypatch.setenv(parallel.ENV, "3")
    assert parallel.processes(1, 10**9) == 3  # whatever the size
    monkeypatch.setenv(parallel.ENV, "auto")
    assert parallel.processes(1, 10**9) == 1  # small work: serial
    assert parallel.processes(10**9, 1) == parallel.cores()
    assert parallel.processes(10**9, 1, jobs=1) == 1  # the caller's word wins (serve)


def _dies_in_a_worker(parent: int, task: int) -> int:
    if os.getpid() != parent:
        os._exit(3)  # killed, out of memory: the pool breaks
    return task * 2


def test_a_worker_that_dies_leaves_the_work_to_the_caller_never_a_hang():
    assert parallel.run(_dies_in_a_worker, os.getpid(), [1, 2, 3], 2) == [2, 4, 6]


def _fails_on(bad: int, task: int) -> int:
    if task == bad:
        raise ValueError(f"task {task}")
    return task


def _children() -> set[str]:
    found: set[str] = set()
    for path in glob.glob(f"/proc/{os.getpid()}/task/*/children"):
        try:
            with open(path) as handle:
                found.update(handle.read().split())
        except FileNotFoundError:  # a thread (the pool's own) that ended since the glob
            continue
    return found


@pytest.mark.parametrize("bad", [0, 7])  # the first task (a worker's), the last (ours)
def test_an_error_in_the_work_is_raised_as_a_serial_run_raises_it(bad):
    before = _children()
    with pytest.raises(ValueError, match=f"task {bad}"):
        parallel.run(_fails_on, bad, list(range(8)), 2)
    assert _children() <= before  # and no worker is left behind


def test_work_left_to_a_worker_for_later_answers_as_if_done_here():
    parent = os.getpid()
    assert parallel.Later(divmod, 7, 2).result() == (3, 1)
    # a worker that dies leaves the work to this process, never a hang
    assert parallel.Later(_dies_in_a_worker, parent, 21).result() == 42
    before = _children()
    with pytest.raises(ValueError, match="task 5"):  # raised here, as a serial run would
        parallel.Later(_fails_on, 5, 5).result()
    assert _children() <= before
