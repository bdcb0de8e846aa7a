"""The preview's file watcher (generator/site/watcher.py): every edit an editor makes
is still noticed once the server's polling observer is swapped for the lean one.

The server is the builder's own live-reload server (MkDocs' or ProperDocs'), built
in this process; nothing is served. A poll every 0.05 s keeps the waits short.
"""

from __future__ import annotations

import importlib
import os
import threading
import time
from pathlib import Path

import pytest
from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from generator.site import watcher

from .conftest import BUILDER

POLL = 0.05
WAIT = 5.0  # seconds an edit may take to be noticed: a bound on hanging


class Seen(FileSystemEventHandler):
    """The paths of the file events an observer dispatched."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.event = threading.Event()

    def on_any_event(self, event) -> None:
        if not event.is_directory:
            self.paths.append(os.path.abspath(event.src_path))
            self.event.set()

    def wait(self, path: Path) -> bool:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if str(path) in self.paths:
                return True
            self.event.wait(POLL)
            self.event.clear()
        return False


@pytest.fixture()
def observed(tmp_path):
    """A folder watched recursively and a file watched alone, by a running lean observer."""
    folder = tmp_path / "content"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "a.txt").write_text("first text\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("not watched\n", encoding="utf-8")
    observer = watcher.LeanPollingObserver(timeout=POLL)
    seen = Seen()
    observer.schedule(seen, str(folder), recursive=True)
    observer.schedule(seen, str(config), recursive=False)
    observer.start()
    time.sleep(3 * POLL)  # the first snapshot is taken
    yield tmp_path, seen
    observer.stop()
    observer.join()


def _edit_in_place(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("first", "fixed"), encoding="utf-8")
    os.utime(path, ns=(0, 10**9))  # a changed file with an old time is still a change


def _save_atomically(path: Path) -> None:
    temp = path.with_suffix(".tmp-save")
    temp.write_text("saved by an editor that renames\n", encoding="utf-8")
    os.replace(temp, path)


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("new\n", encoding="utf-8")


@pytest.mark.parametrize(("edit", "relative"), [
    (_edit_in_place, "content/sources/a.txt"),
    (_save_atomically, "content/sources/a.txt"),
    (lambda p: p.unlink(), "content/sources/a.txt"),
    (_create, "content/sources/b.txt"),
    (_create, "content/new-folder/page.md"),
    (_edit_in_place, "mkdocs.yml"),
    (_save_atomically, "mkdocs.yml"),
])
def test_every_kind_of_edit_is_noticed(observed, edit, relative):
    root, seen = observed
    path = root / relative
    if relative == "mkdocs.yml":
        path.write_text("site_name: first\n", encoding="utf-8")
        time.sleep(3 * POLL)
        seen.paths.clear()
    edit(path)
    assert seen.wait(path), f"no event for {relative}: {seen.paths}"


def test_a_file_beside_a_watched_file_is_not_an_edit(observed):
    root, seen = observed
    (root / "other.txt").write_text("changed, but nobody watches it\n", encoding="utf-8")
    time.sleep(6 * POLL)
    assert str(root / "other.txt") not in seen.paths


def test_a_folder_that_links_to_itself_is_walked_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "x.txt").write_text("x\n", encoding="utf-8")
    found = watcher.snapshot(str(tmp_path))
    assert str(tmp_path / "a" / "x.txt") in found
    assert len(found) < 10


def _server():
    if BUILDER == "properdocs":
        importlib.import_module("properdocs.replacement")
    livereload = importlib.import_module(f"{BUILDER}.livereload")
    return livereload.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                                       root=os.devnull)


def test_the_server_keeps_its_watches_and_rebuilds_on_an_edit(tmp_path):
    docs = tmp_path / "content"
    docs.mkdir()
    page = docs / "index.md"
    page.write_text("# Home\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = _server()
    server.watch(str(docs))
    server.watch(str(config))
    server.watch(str(docs))  # watched twice: unwatched once, still watched
    before = sorted(os.path.abspath(e.watch.path) for e in server.observer.emitters)

    assert watcher.install(server)
    assert isinstance(server.observer, watcher.LeanPollingObserver)
    assert sorted(os.path.abspath(e.watch.path) for e in server.observer.emitters) == before
    server.unwatch(str(docs))
    assert len(server.observer.emitters) == len(before)

    server.observer.start()
    try:
        time.sleep(0.7)  # the first snapshot, at the server's own interval
        page.write_text("# Home, edited\n", encoding="utf-8")
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and not server._want_rebuild:
            time.sleep(POLL)
        assert server._want_rebuild, "the edit did not ask the server for a rebuild"
    finally:
        server.observer.stop()
        server.observer.join()


def test_a_watch_the_server_did_not_make_leaves_it_as_it_is(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "elsewhere").mkdir()
    server = _server()
    server.watch(str(tmp_path / "docs"))
    observer = server.observer
    observer.schedule(FileSystemEventHandler(), str(tmp_path / "elsewhere"))  # not server.watch

    assert not watcher.install(server)
    assert server.observer is observer
    assert sorted(os.path.basename(e.watch.path) for e in observer.emitters) == [
        "docs", "elsewhere"]
    server.unwatch(str(tmp_path / "docs"))  # the server's own watch is still its own
    assert [os.path.basename(e.watch.path) for e in observer.emitters] == ["elsewhere"]


def test_a_running_observer_is_left_as_it_is(tmp_path):
    server = _server()
    server.watch(str(tmp_path))
    server.observer.start()
    try:
        assert not watcher.install(server)
        assert type(server.observer) is PollingObserver
    finally:
        server.observer.stop()
        server.observer.join()


def test_an_edit_saved_while_a_build_runs_is_reported_once_it_ends(tmp_path, monkeypatch):
    """No polling while a build runs (its event clear); the first poll after it
    compares with the snapshot before it, so the edit is reported then."""
    page = tmp_path / "page.md"
    page.write_text("first\n", encoding="utf-8")
    idle = threading.Event()
    idle.set()
    taken = []
    real = watcher.snapshot
    monkeypatch.setattr(watcher, "snapshot", lambda *a, **k: taken.append(1) or real(*a, **k))
    observer = watcher.LeanPollingObserver(timeout=POLL, idle=idle)
    seen = Seen()
    observer.schedule(seen, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(3 * POLL)  # the first snapshot is taken
        idle.clear()  # a build starts
        time.sleep(2 * POLL)
        polled = len(taken)
        _edit_in_place(page)
        time.sleep(6 * POLL)
        assert str(page) not in seen.paths and len(taken) == polled
        idle.set()  # the build ends
        assert seen.wait(page), f"the edit was never reported: {seen.paths}"
    finally:
        observer.stop()
        observer.join()
