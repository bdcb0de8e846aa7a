"""Where a preview rebuild's CPU time goes: ``mkdocs serve --dirty``'s rebuilds in one
process, without the server, the file watcher or the browser.

On a copy of a benchmark newsroom: one first build, then, ``--rounds`` times, a word
added to the first claim's summary and a dirty rebuild (with ``--broken``, a broken
edit and its failed build before each but the first, as ``bench/preview.py`` does).
Each rebuild prints its CPU time, split into the check, the plugin's page keys,
its other ``on_files`` work, rendering, MkDocs' own steps, and the garbage
collector. ``--profile FILE`` writes a cProfile of the second rebuild.

    .venv/bin/python bench/rebuild.py bench/out/claims-4000-sources-1000 --broken
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import gc
import logging
import os
import shutil
import sys
import tempfile
import time

URL = "http://127.0.0.1:8000/"
SPENT: collections.Counter = collections.Counter()


def _timed(owner, name: str, label: str) -> None:
    """Count the CPU time of ``owner.name`` under ``label``."""
    inner = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - started
    setattr(owner, name, wrapper)


def _collector(phase: str, info: dict, started=[0.0]) -> None:  # noqa: B006
    if phase == "start":
        started[0] = time.process_time()
    else:
        SPENT["garbage collector"] += time.process_time() - started[0]


def instrument() -> None:
    import mkdocs.commands.build as build

    import generator.site.plugin as plugin

    _timed(plugin, "check_file", "check")
    _timed(plugin, "_unchanged", "page keys")
    _timed(plugin.FactcheckPlugin, "on_files", "on_files (page keys included)")
    _timed(plugin.FactcheckPlugin, "on_page_content", "rendering")
    _timed(build, "get_navigation", "MkDocs: nav")
    _timed(build, "_populate_page", "MkDocs: pages (rendering included)")
    _timed(build, "_build_page", "MkDocs: writing pages")
    _timed(build, "_build_theme_template", "MkDocs: sitemap, 404")
    gc.callbacks.append(_collector)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("newsroom")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--broken", action="store_true",
                        help="a broken edit and its failed build before each good one")
    parser.add_argument("--profile", metavar="FILE")
    args = parser.parse_args(argv)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    instrument()
    logging.basicConfig(level=logging.CRITICAL)
    tmp = tempfile.mkdtemp(prefix="factcheck-rebuild-")
    root = os.path.join(tmp, "newsroom")
    shutil.copytree(args.newsroom, root, ignore=shutil.ignore_patterns("plain", "site"))
    os.chdir(root)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from preview import _first_claim

    claims = "claims-clean.yaml"
    if os.path.isdir("stories-clean"):
        claims = os.path.join("stories-clean", sorted(os.listdir("stories-clean"))[0])
    with open(claims, encoding="utf-8") as handle:
        good = handle.read()
    _, line, verdict = _first_claim(good)

    def rebuild(label: str, text: str | None, profile: str | None = None) -> None:
        if text is not None:
            with open(claims, "w", encoding="utf-8") as handle:
                handle.write(text)
        config = load_config(config_file="mkdocs.yml", site_dir=os.path.join(tmp, "site"))
        config.site_url = URL
        if label == "first build":
            config.plugins.on_startup(command="serve", dirty=True)
        SPENT.clear()
        prof = cProfile.Profile() if profile else None
        started = time.process_time()
        try:
            if prof:
                prof.enable()
            build(config, serve_url=URL, dirty=True)
        except (SystemExit, Exception):  # a broken edit stops its build, by design
            pass
        finally:
            if prof:
                prof.disable()
                prof.dump_stats(profile)
        parts = ", ".join(f"{k} {v:.2f}" for k, v in SPENT.items())
        print(f"{label}: {time.process_time() - started:.2f} s CPU ({parts})")

    try:
        rebuild("first build", None)
        for n in range(args.rounds):
            if args.broken and n:
                rebuild("broken edit", good.replace(verdict, "  " + verdict, 1))
            rebuild(f"edit {n + 1}", good.replace(line, f"{line} bench{n}", 1),
                    args.profile if n == 1 else None)
    finally:
        os.chdir(os.path.dirname(tmp))
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
