"""From a checked project to the pages readers see: pure, no MkDocs.

:class:`SiteRenderer` is the thin part: it builds the :class:`SiteIndex` once,
lists the pages of every kind in :data:`generator.site.pagekinds.PAGE_KINDS`, and renders
one page on demand by asking its kind for a context and handing that to the kind's
Jinja2 template. What each page shows is in :mod:`generator.site.pages`; structured data
(ClaimReview, ``claims.json``) in :mod:`generator.site.structured_data`, the verdicts'
colours in :mod:`generator.site.verdict_css`.

Why pages are HTML fragments and not Markdown: only editor prose (summaries, notes,
corrections) is Markdown, rendered by :mod:`generator.site.markdown`. Everything else
(claim text, titles, quotes, source text) is data, escaped by Jinja2's autoescape.
Going through Python-Markdown for 5,000 generated pages would cost more than the
rest of the build, and would re-interpret source text as Markdown.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date

import jinja2
from markupsafe import escape

from generator.checker.model import CheckResult, Claim, Source, Stance, Story
from generator.site import markdown, structured_data, verdict_css
from generator.site.i18n import N_, Localizer, builtin_verdicts, content_lang
from generator.site.pagekinds import PAGE_KINDS, site_pages
from generator.site.pages import STANCE_LABEL, STANCES, short
from generator.site.pagination import Pager
from generator.site.siteindex import (  # noqa: F401  (the plugin's names for these)
    ASSETS,
    CLAIMS_JSON,
    VERDICT_CSS,
    PageSpec,
    SiteIndex,
    SiteOptions,
    anchor,
    linker,
    root_of,
)

PACKAGE_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
PACKAGE_ASSETS = os.path.join(os.path.dirname(__file__), "assets")

STANCE_HEADING = {Stance.SUPPORTS: N_("Evidence that supports the claim"),
                  Stance.CONTRADICTS: N_("Evidence that contradicts the claim"),
                  Stance.CONTEXT: N_("Context")}
UPDATE_TYPE = {"correction": N_("Correction"), "clarification": N_("Clarification"),
               "update": N_("Update")}
STANCE_ICON = {Stance.SUPPORTS: "\u2713", Stance.CONTRADICTS: "\u2717",
               Stance.CONTEXT: "\u2139"}


@dataclass
class Rendered:
    """A rendered page body with its table of contents and the ids it defines."""

    html: str  # (the context, in what :meth:`SiteRenderer.prepare` returns)
    toc: list[dict]  # MkDocs toc tokens: {level, id, name, children}
    anchors: set[str]


def human_date(value: date | None, locale: str = "en") -> str:
    """A date as readers of the locale write it (Babel's long format).

    >>> human_date(date(2024, 8, 7), "en_GB"), human_date(date(2024, 8, 7), "es")
    ('7 August 2024', '7 de agosto de 2024')
    """
    return Localizer(locale).date(value)


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_NON_HEADING_TAG = re.compile(r"<(?!/?h[1-6][\s>])[^>]*>")


def for_search(html: str, kind: str) -> str:
    """A light copy of a page body for MkDocs' search indexer.

    The indexer feeds each page through Python's HTMLParser, whose cost grows with
    the number of tags; generated pages are tag-dense (marks, badges, links). The
    index only needs text and headings, so everything else is dropped here, which
    is safe because the HTML is our own: every ``<`` in editor text is escaped.
    Listing pages repeat what claim pages say, so they index only their title.

    >>> for_search('<h2 id="a">A</h2><p>x <mark>y</mark></p><script>{}</script>', "claim")
    '<h2 id="a">A</h2>x y'
    """
    page_kind = PAGE_KINDS.get(kind)
    if page_kind is not None and page_kind.listing:
        return ""
    return _NON_HEADING_TAG.sub("", _SCRIPT.sub("", html))


def toc_tokens(items: list[tuple[str, str, int]]) -> list[dict]:
    """MkDocs toc tokens. Themes print toc titles unescaped, so they are escaped
    here; page kinds only pass fixed labels anyway, never editor text.

    >>> toc_tokens([("a", "A & B", 2), ("b", "B", 3)])[0]["children"][0]["id"]
    'b'
    """
    tokens: list[dict] = []
    for ident, name, level in items:
        token = {"level": level, "id": ident, "name": str(escape(name)), "children": []}
        if level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def environment(options: SiteOptions, publisher: str,
                i18n: Localizer | None = None) -> jinja2.Environment:
    """Templates from the site's override folder first, then the packaged ones, in
    the site's language (:mod:`generator.site.i18n`)."""
    i18n = i18n or Localizer(options.locale, options.strings)
    loaders: list[jinja2.BaseLoader] = []
    if options.templates_dir:
        loaders.append(jinja2.FileSystemLoader(options.templates_dir))
    loaders.append(jinja2.FileSystemLoader(PACKAGE_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # everything from claims.yaml is data, escaped on output
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    i18n.install(env)
    env.filters["md"] = markdown.to_html
    env.filters["plain"] = markdown.to_text
    env.filters["short"] = short
    env.globals.update(
        stance_label={k: i18n.gettext(v) for k, v in STANCE_LABEL.items()},
        stance_icon=STANCE_ICON,
        stance_heading={k: i18n.gettext(v) for k, v in STANCE_HEADING.items()},
        stances=STANCES, anchor=anchor,
        site_name=options.site_name, publisher=publisher,
    )
    return env


def language_globals(site: SiteIndex) -> dict:
    """What templates need to mark the newsroom's words with their language:
    ``content_lang`` (the publication's), ``lang_of(claim|story|source)``,
    ``verdict_lang(verdict)`` ("" for the built-in scale, which is in the
    reader's language), and the words the site's scripts show. They are globals,
    not page context, so that macros imported without context see them too."""
    publication = site.project.language
    builtin = builtin_verdicts(site.result.project.verdicts)

    def lang_of(item) -> str:
        if isinstance(item, Claim):
            story = site.stories.get(item.story) if item.story else None
            return content_lang(story.language if story else None, publication)
        if isinstance(item, (Story, Source)):
            return content_lang(item.language, publication)
        return publication

    def verdict_lang(verdict) -> str:
        return "" if verdict.id in builtin else publication

    def update_type(kind: str) -> str:
        return site.i18n.gettext(UPDATE_TYPE.get(kind, kind))

    return {"content_lang": publication, "lang_of": lang_of, "verdict_lang": verdict_lang,
            "update_type": update_type, "script_strings": site.i18n.script_strings()}


class SiteRenderer:
    """Every page the site shows, rendered on demand from one check result."""

    def __init__(self, result: CheckResult, options: SiteOptions,
                 env: jinja2.Environment | None = None, reuse: dict | None = None):
        """``env``: the environment of a previous renderer with the same templates,
        site name and publisher (the preview keeps one: compiling the templates
        again costs more than rendering a claim page); ``reuse``: the preview's
        claim page specs of earlier builds (see pagekinds), updated."""
        self.site = SiteIndex(result, options)
        self.site.reuse = reuse
        self._pages = site_pages(self.site)
        self.env = env or environment(options, self.site.publisher, self.site.i18n)
        self.env.globals.update(language_globals(self.site))

    def pages(self) -> list[PageSpec]:
        """Every page the plugin adds to the site."""
        return list(self._pages)

    def base_context(self, page: PageSpec) -> dict:
        """What every template gets: the page, the way back to the root, ``link``."""
        here = self.site.url(page.src_uri)
        root, shortest, urls = root_of(here), linker(here), self.site.urls

        def link(kind: str, key: str | None = None, fragment: str | None = None) -> str:
            target = shortest(urls[(kind, key)])
            return f"{target}#{fragment}" if fragment else target

        def absolute(kind: str, key: str | None = None) -> str | None:
            """A page's full address (for print), or None without site_url."""
            url = urls.get((kind, key))
            return self.site.site_url + url if self.site.site_url and url else None

        pager = (Pager(page.number, page.total, tuple(self.site.numbered[(page.kind, page.key)]),
                       page.items) if page.total > 1 else None)
        return {"page": page, "root": root, "link": link, "absolute": absolute, "pager": pager,
                "verdicts": self.site.project.verdicts, "verdict_of": self.site.verdicts,
                "sources": self.site.sources, "stage_of": self.site.stage,
                "stage": self.site.stage(page.kind, page.key),
                "checked_by": self.site.checked_by(page.kind, page.key)}

    def render(self, page: PageSpec) -> Rendered:
        prepared = self.prepare(page)
        return Rendered(self.html(page, prepared.html), prepared.toc, prepared.anchors)

    def outline(self, page: PageSpec) -> tuple[list[dict], set[str]]:
        """A page's table of contents and ids: what MkDocs needs of every page before
        it writes any. The context they come from is dropped, and made again by
        :meth:`prepare` when the page is written: a build that held every page's
        context (or HTML) from the first page read to the last written would hold
        the data of the whole site at once, a copy of the archive in small objects."""
        built = PAGE_KINDS[page.kind].context(self.site, page)
        return toc_tokens(built.toc), built.anchors

    def prepare(self, page: PageSpec) -> Rendered:
        """A page's context (in ``html``'s place), table of contents and ids."""
        built = PAGE_KINDS[page.kind].context(self.site, page)
        values = self.base_context(page)
        values.update(built.values)
        return Rendered(values, toc_tokens(built.toc), built.anchors)

    def html(self, page: PageSpec, values: dict) -> str:
        """The page's HTML, from the context :meth:`prepare` made."""
        return self.env.get_template(PAGE_KINDS[page.kind].template).render(values)

    def claims_files(self, kept: dict | None = None, keys: dict | None = None,
                     written: dict | None = None) -> list[tuple[str, str]]:
        """``claims.json`` and its parts (``kept``, ``keys``, ``written``: see
        :func:`structured_data.claims_files`)."""
        return structured_data.claims_files(self.site, kept, keys, written)

    def feed(self) -> str:
        from generator.site.feed import atom_feed

        return atom_feed(self.site)

    def verdict_css(self) -> str:
        return verdict_css.verdict_css(self.site)
