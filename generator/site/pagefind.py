"""The readers' search index: Pagefind, run over the built site (MkDocs glue).

Pagefind indexes each page under its ``<html lang>``, the site's language (the
theme's ``locale``), so the search page, in the same language, finds every page.
"""

from __future__ import annotations

import logging
import subprocess
import time

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.factcheck")


def run_pagefind(site_dir: str) -> None:
    """Index the built site: a static, chunked index under site/pagefind/ that a
    reader's browser fetches piece by piece, and only when they search."""
    try:
        from pagefind_bin import get_executable
        binary = str(get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise PluginError("factcheck: Pagefind is not installed (pip install "
                          f"'pagefind-bin'), or set `pagefind: false`: {exc}") from exc
    started = time.perf_counter()
    done = subprocess.run([binary, "--site", site_dir, "--silent"], capture_output=True,
                          text=True, timeout=1800)
    if done.returncode != 0:
        raise PluginError(f"factcheck: Pagefind could not index {site_dir}: "
                          f"{(done.stderr or done.stdout).strip()}")
    log.info(f"factcheck: search index written by Pagefind in "
             f"{time.perf_counter() - started:.1f} s")


def wants_pagefind(option: bool | None, config, serving: bool) -> bool:
    """Explicit ``pagefind:`` wins; by default the factcheck theme gets the index,
    except in the live preview, where each rebuild must be quick."""
    if option is not None:
        return option
    return config.theme.name == "factcheck" and not serving
