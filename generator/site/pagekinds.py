"""Every kind of generated page, in one explicit table.

A :class:`PageKind` says which pages of its kind a site has (their URLs and
titles), which template draws them and which context builder fills that
template from the :class:`SiteIndex`. The renderer, the page metadata and the
search index look kinds up in :data:`PAGE_KINDS` and nowhere else; adding a kind
is one row here and a builder, no change to the renderer. The builders live with
what they show: claims, sources and claim lists in :mod:`generator.site.pages`,
stories, authors, the front page and the corrections log in
:mod:`generator.site.publication`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.checker.model import UPDATE_TYPES
from generator.site import pages, publication
from generator.site.pages import PageContext, short
from generator.site.siteindex import (
    CLAIMS_INDEX,
    SOURCES_INDEX,
    XREF,
    PageSpec,
    SiteIndex,
    author_uri,
    claim_uri,
    source_uri,
    story_uri,
    tag_uri,
    verdict_uri,
)


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page.

    ``pages`` lists the site's pages of this kind; ``context`` builds one page's
    context; ``listing`` pages repeat what claim pages say, so search indexes
    only their title.
    """

    name: str
    template: str
    pages: Callable[[SiteIndex], list[PageSpec]]
    context: Callable[[SiteIndex, PageSpec], PageContext]
    listing: bool = False


def _one(uri: str, title: str, kind: str) -> Callable[[SiteIndex], list[PageSpec]]:
    return lambda site: [PageSpec(uri, title, kind)]


def _with_stories(uri: str, title: str, kind: str) -> Callable[[SiteIndex], list[PageSpec]]:
    return lambda site: [PageSpec(uri, title, kind)] if site.stories else []


def _front_pages(site: SiteIndex) -> list[PageSpec]:
    if not site.options.front_page:
        return []  # the site has a hand-written front page
    return [PageSpec(publication.FRONT, site.options.site_name, "front")]


def _verdict_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(verdict_uri(v.id), f"Claims rated \u201c{v.label}\u201d", "verdict", v.id)
            for v in site.project.verdicts]


def _tag_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(tag_uri(t), f"Claims tagged \u201c{t}\u201d", "tag", t) for t in site.tags]


def _claim_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(claim_uri(c.id), f"Fact check: {short(c.claim)}", "claim", c.id)
            for c in site.project.claims]


def _source_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(source_uri(s.id), f"Source: {short(s.title)}", "source", s.id)
            for s in site.project.sources]


def _authors_index(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(publication.AUTHORS_INDEX, "Authors", "authors")] if site.authors else []


def _corrections_type_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(publication.corrections_type_uri(t),
                     f"Corrections log: {publication.TYPE_TITLES[t]}", "corrections-type", t)
            for t in UPDATE_TYPES]


def _story_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(story_uri(s.id), short(s.title), "story", s.id)
            for s in site.stories.values()]


def _author_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(author_uri(a.id), short(a.name), "author", a.id)
            for a in site.authors.values()]


# Name, template, the site's pages of the kind, context builder; in the order the
# site lists its pages.
PAGE_KINDS: dict[str, PageKind] = {kind.name: kind for kind in (
    PageKind("claims", "claims_index.html", _one(CLAIMS_INDEX, "Claims", "claims"),
             pages.claims_index_context, listing=True),
    PageKind("sources", "sources_index.html", _one(SOURCES_INDEX, "Sources", "sources"),
             pages.sources_index_context, listing=True),
    PageKind("xref", "xref.html", _one(XREF, "Claims and sources: cross-reference", "xref"),
             pages.xref_context, listing=True),
    PageKind("verdict", "claims_index.html", _verdict_pages, pages.verdict_context,
             listing=True),
    PageKind("tag", "claims_index.html", _tag_pages, pages.tag_context, listing=True),
    PageKind("claim", "claim.html", _claim_pages, pages.claim_context),
    PageKind("source", "source.html", _source_pages, pages.source_context),
    PageKind("front", "front.html", _front_pages, publication.front_context, listing=True),
    PageKind("stories", "stories_index.html",
             _with_stories(publication.STORIES_INDEX, "Stories", "stories"),
             publication.stories_index_context, listing=True),
    PageKind("authors", "authors_index.html", _authors_index,
             publication.authors_index_context, listing=True),
    PageKind("corrections", "corrections_log.html",
             _one(publication.CORRECTIONS_LOG, "Corrections log", "corrections"),
             publication.corrections_log_context, listing=True),
    PageKind("corrections-type", "corrections_log.html", _corrections_type_pages,
             publication.corrections_log_context, listing=True),
    PageKind("story", "story.html", _story_pages, publication.story_context),
    PageKind("author", "author.html", _author_pages, publication.author_context,
             listing=True),
)}


def site_pages(site: SiteIndex) -> list[PageSpec]:
    """Every generated page, kind by kind; their URLs are registered in ``site``."""
    found = [spec for kind in PAGE_KINDS.values() for spec in kind.pages(site)]
    site.register(found)
    return found
