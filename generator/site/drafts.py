"""What the site does with work in progress: pure helpers the plugin calls.

A production build renders only the published view of the check
(:func:`generator.checker.status.published_view`); ``mkdocs serve`` and a preview
build (the plugin's ``preview: true``, for a pull request's preview deployment)
render every stage, each unpublished page under a banner (a template partial), with
``noindex`` in its head and no ClaimReview, and a preview build's ``robots.txt``
turns every crawler away.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from generator.checker.model import CheckResult
from generator.checker.status import DRAFT, PUBLISHED, REVIEW, withheld_sources

ROBOTS_TXT = ("# A preview of work in progress: not for search engines.\n"
              "User-agent: *\nDisallow: /\n")
NOINDEX = '<meta name="robots" content="noindex, nofollow">'

# schema.org properties of the publisher, and the theme option naming each page
POLICY_PAGES = (("correctionsPolicy", "corrections_page"),
                ("verificationFactCheckingPolicy", "methodology_page"),
                ("ethicsPolicy", "ethics_page"))


def shown(serving: bool, preview: bool) -> tuple[str, ...]:
    """The statuses a build shows: every one in ``serve`` and a preview build.

    >>> shown(False, False), shown(True, False)
    (('published',), ('draft', 'review', 'published'))
    """
    return (DRAFT, REVIEW, PUBLISHED) if serving or preview else (PUBLISHED,)


def with_noindex(page: str) -> str:
    """A built page with a robots ``noindex`` before ``</head>``, whatever the theme.

    >>> with_noindex("<html><head><title>T</title></head><body></body></html>")
    '<html><head><title>T</title><meta name="robots" content="noindex, nofollow"></head><body></body></html>'
    """  # noqa: E501  (a doctest's line as printed)
    at = page.lower().find("</head>")
    return page if at < 0 else page[:at] + NOINDEX + page[at:]


def policy_urls(theme: Mapping, page_url: Callable[[str], str | None],
                site_url: str | None) -> dict[str, str]:
    """The publisher's policy pages that the site has, as absolute URLs by the
    schema.org property that names them (ClaimReview's publisher carries them).

    ``theme`` holds the theme's options (``corrections_page: corrections.md``);
    ``page_url`` gives a docs page's URL, or None when the site has no such page.

    >>> urls = {"corrections.md": "corrections/"}
    >>> policy_urls({"corrections_page": "corrections.md", "ethics_page": "ethics.md"},
    ...             urls.get, "https://example.org/")
    {'correctionsPolicy': 'https://example.org/corrections/'}
    """
    if not site_url:
        return {}
    root = site_url.rstrip("/") + "/"
    out = {}
    for prop, option in POLICY_PAGES:
        page = theme.get(option) if hasattr(theme, "get") else None
        url = page_url(page) if page else None
        if url is not None:
            out[prop] = root + url
    return out


def withheld_files(result: CheckResult, view: CheckResult, docs_dir: str) -> list[str]:
    """docs_dir paths (``sources/x.txt``) of the texts and originals of the sources
    the view leaves out: a text that only a draft quotes is not published either."""
    project = result.project
    if project is None:
        return []
    docs = os.path.realpath(docs_dir)
    kept = {rel for s in (view.project.sources if view.project else ())
            for rel in (s.file, s.original) if rel}  # one file, two sources: it stays
    out = []
    for source in withheld_sources(result, view):
        for rel in (source.file, source.original):
            if not rel or rel in kept:
                continue
            path = os.path.realpath(os.path.join(project.root, rel))
            if os.path.commonpath([docs, path]) == docs:
                out.append(os.path.relpath(path, docs).replace(os.sep, "/"))
    return out
