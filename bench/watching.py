"""What one look at the files costs ``mkdocs serve``: watchdog's polling snapshot (what
MkDocs' own watcher takes every 0.5 s) against the preview's lean one
(generator/site/watcher.py), on the same folder, in the same run.

    .venv/bin/python bench/watching.py bench/out/claims-16000-sources-4000-stories-800/content

Each is a snapshot of the folder and its comparison with the one before, taken
``--rounds`` times; the figure is CPU milliseconds per look (user + system of this
process). Which watchdog is installed matters: run it with another version on
``PYTHONPATH`` to compare versions.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _watchdog_look(path: str):
    from watchdog.utils.dirsnapshot import DirectorySnapshot, DirectorySnapshotDiff

    before = DirectorySnapshot(path)

    def look():
        nonlocal before
        now = DirectorySnapshot(path)
        DirectorySnapshotDiff(before, now)
        before = now
    return look


def _lean_look(path: str):
    from generator.site.watcher import changes, snapshot

    before = snapshot(path)

    def look():
        nonlocal before
        now = snapshot(path)
        list(changes(before, now))
        before = now
    return look


def per_look(look, rounds: int) -> float:
    """CPU milliseconds per call of ``look``."""
    started = time.process_time()
    for _ in range(rounds):
        look()
    return (time.process_time() - started) / rounds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    import watchdog.version

    from generator.site.watcher import snapshot

    paths = len(snapshot(args.folder))
    print(f"{paths:,} paths under {args.folder}")
    print(f"watchdog {watchdog.version.VERSION_STRING} polling snapshot: "
          f"{per_look(_watchdog_look(args.folder), args.rounds):.1f} ms CPU per look")
    print(f"lean snapshot (generator/site/watcher.py): "
          f"{per_look(_lean_look(args.folder), args.rounds):.1f} ms CPU per look")


if __name__ == "__main__":
    main()
