"""The readers' search index: Pagefind, run over the built site (MkDocs glue).

Pagefind indexes a page in the language of its ``<html lang>``: the stemmer of that
language turns "crossed" and "crossing" into one word. That is the site's language
(the theme's ``locale``), right for every page when the newsroom publishes in it.
When a publication's or a story's ``language`` is another one (English fact checks
on an Arabic site), its claim and story pages are indexed apart, in their own
language, into a bundle of their own, ``pagefind-<lang>/`` beside ``pagefind/``
(Pagefind's ``--force-language`` on a folder of just those pages); the site's
bundle holds every other page. The search page, whose ``<html lang>`` loads the
site's index, merges each such bundle with Pagefind's ``mergeIndex(path,
{language})`` (theme/js/search.js), so one search finds both. Pagefind 1.5 loads a
single language module on a page: a query's words are stemmed as the site's
language stems them, and an English index still matches an inflected form whose
stem is a prefix of it ("crossing" finds "crossed", both stored as "cross").
Nothing changes when every page is in the site's language: one run, as before.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.factcheck")
TIMEOUT = 1800  # seconds for one Pagefind run: a hung indexer stops the build
# What the search leaves out of a page it indexes: the interface's words around the
# newsroom's (a claim's "Evidence that supports the claim", a source's paragraph
# numbers, a story's kicker), which would put every page in every search for
# "evidence" or "source", and the lists of claims on a source's or a story's page
# (each claim is found on its own). A quoted passage's words are indexed once:
# the quote on its claim's page, the words around it on its source's page (the
# source's highlights and the claim's context <span>s are left out).
# Every search downloads the index chunks of its words and the list of every
# indexed page: what is indexed twice, or never a result, makes each search heavier.
# Selectors here rather than data-pagefind-ignore in the pages: no bytes on them;
# each inside its kind of page, so that a newsroom's own page is indexed whole.
IGNORED = ", ".join([f".fc-claim {x}" for x in (  # a claim's page
    ".fc-kicker", ".fc-sr", ".fc-checked", ".fc-verdict-desc", "#verdict", "#evidence",
    ".fc-group h3", ".fc-cite", ".fc-aside-note", ".fc-quote p > span")]
    + [f".fc-source {x}" for x in (  # a source's page
        ".fc-kicker", ".fc-sr", "#about", ".fc-meta dt", ".fc-url", ".fc-hash", ".fc-shown",
        ".fc-legend", "#text", ".fc-gap", ".fc-pnum", ".fc-backref", "mark.fc-hl", "#citing",
        ".fc-citing", ".fc-more")]
    + [f".fc-story {x}" for x in (  # a story's page
        ".fc-kicker", "#claims", ".fc-cards", "#xref", ".fc-xref", ".fc-pager")])


def primary(tag: str | None) -> str:
    """The language of a BCP 47 tag, as Pagefind picks a stemmer: ``pt-BR`` -> ``pt``.

    >>> primary("pt-BR"), primary("EN_gb"), primary(None)
    ('pt', 'en', '')
    """
    return (tag or "").replace("_", "-").split("-")[0].lower()


def page_language(site, spec) -> str | None:
    """The language a generated page's own text is in, where it is not the site's:
    a claim's (its story's, or the publication's) and a story's; None for the rest
    (lists, sources, the site's own pages), which are indexed with the site."""
    publication = site.project.language
    if spec.kind == "claim" and spec.key in site.claims:
        story = site.stories.get(site.claims[spec.key].story or "")
        return (story.language if story else None) or publication
    if spec.kind == "story" and spec.key in site.stories:
        return site.stories[spec.key].language or publication
    return None


def languages_of(renderer, pages: dict, files, locale: str) -> dict[str, list[str]]:
    """Pages to index apart, by language: ``{"en": ["claims/x/index.html", ...]}``
    (paths in the built site), for every language other than ``locale``'s; none
    before a site is rendered."""
    found: dict[str, list[str]] = defaultdict(list)
    if renderer is None or files is None:
        return {}
    for src_uri, spec in pages.items():
        lang = primary(page_language(renderer.site, spec))
        built = files.get_file_from_path(src_uri)
        if lang and lang != primary(locale) and built is not None:
            found[lang].append(built.dest_path)
    return dict(found)


def _binary() -> str:
    try:
        from pagefind_bin import get_executable
        return str(get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise PluginError("factcheck: Pagefind is not installed (pip install "
                          f"'pagefind-bin'), or set `pagefind: false`: {exc}") from exc


def _pagefind(binary: str, site: str, site_dir: str, *extra: str) -> None:
    """One Pagefind run over ``site`` (the built site, or a folder of some of its
    pages): a clear error, never a hang, if it fails."""
    try:
        done = subprocess.run([binary, "--site", site, "--silent",
                               "--exclude-selectors", IGNORED, *extra],
                              capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"factcheck: Pagefind could not index {site_dir}: {exc}") from exc
    if done.returncode != 0:
        raise PluginError(f"factcheck: Pagefind could not index {site_dir}: "
                          f"{(done.stderr or done.stdout).strip()}")


def _link_pages(site_dir: str, folder: str, paths) -> None:
    """The built pages ``paths`` under ``folder``, at the same places (hard links
    where the file system allows, copies elsewhere): a site for Pagefind to read."""
    for rel in paths:
        target = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(os.path.join(site_dir, rel), target)
        except OSError:
            shutil.copyfile(os.path.join(site_dir, rel), target)


def run_pagefind(site_dir: str, apart: dict[str, list[str]] | None = None) -> None:
    """Index the built site: a static, chunked index under site/pagefind/ that a
    reader's browser fetches piece by piece, and only when they search; and one
    ``pagefind-<lang>/`` for each language of ``apart`` (:func:`languages_of`)."""
    binary, started = _binary(), time.perf_counter()
    for old in os.listdir(site_dir):  # a language no longer apart leaves no old bundle
        if _is_bundle(site_dir, old) and old != "pagefind" and old[9:] not in (apart or {}):
            shutil.rmtree(os.path.join(site_dir, old), ignore_errors=True)
    if not apart:  # every page in the site's language: as Pagefind indexes any site
        _pagefind(binary, site_dir, site_dir)
        return _say_done(started)
    separate = {p for paths in apart.values() for p in paths}
    with tempfile.TemporaryDirectory(prefix="factcheck-search-") as work:
        rest = os.path.join(work, "site")
        _link_pages(site_dir, rest, _html_pages(site_dir, separate))
        _pagefind(binary, rest, site_dir, "--output-path", os.path.join(site_dir, "pagefind"))
        for lang, paths in sorted(apart.items()):
            folder = os.path.join(work, lang)
            _link_pages(site_dir, folder, paths)
            _pagefind(binary, folder, site_dir, "--force-language", lang,
                      "--output-path", os.path.join(site_dir, f"pagefind-{lang}"))
    return _say_done(started)


def _say_done(started: float) -> None:
    log.info(f"factcheck: search index written by Pagefind in "
             f"{time.perf_counter() - started:.1f} s")


def _is_bundle(site_dir: str, name: str) -> bool:
    """Whether a top folder of the site is a search bundle written here."""
    return (name == "pagefind" or name.startswith("pagefind-")) and os.path.isfile(
        os.path.join(site_dir, name, "pagefind-entry.json"))


def _html_pages(site_dir: str, leave_out: set[str]):
    """Every page of the built site but ``leave_out`` and the search bundles."""
    for folder, dirs, names in os.walk(site_dir):
        rel = os.path.relpath(folder, site_dir)
        dirs[:] = [d for d in dirs if not (rel == "." and _is_bundle(site_dir, d))]
        for name in names:
            path = os.path.normpath(os.path.join(rel, name))
            if name.endswith(".html") and path not in leave_out:
                yield path


def wants_pagefind(option: bool | None, config, serving: bool) -> bool:
    """Explicit ``pagefind:`` wins; by default the factcheck theme gets the index,
    except in the live preview, where each rebuild must be quick."""
    if option is not None:
        return option
    return config.theme.name == "factcheck" and not serving
