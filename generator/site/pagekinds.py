"""Every kind of generated page, in one explicit table.

A :class:`PageKind` says which pages of its kind a site has (their URLs and
titles), which template draws them and which context builder fills that
template from the :class:`SiteIndex`. The renderer, the page metadata and the
search index look kinds up in :data:`PAGE_KINDS` and nowhere else; adding a kind
is one row here and a builder, no change to the renderer. A list is one spec per
page of it (:func:`_paged`, generator/site/pagination.py). The builders live with
what they show: claims, sources and claim lists in :mod:`generator.site.pages`,
stories, authors, the front page and the corrections log in
:mod:`generator.site.publication`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.checker.model import UPDATE_TYPES
from generator.site import pages, pagination, publication
from generator.site.pages import PageContext, short
from generator.site.siteindex import (
    CLAIMS_INDEX,
    SOURCES_INDEX,
    TAGS_INDEX,
    XREF,
    PageSpec,
    SiteIndex,
    author_uri,
    claim_uri,
    source_claims_uri,
    source_uri,
    story_uri,
    tag_uri,
    verdict_uri,
    year_uri,
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


def _paged(uri: str, title: str, kind: str, items: int, key: str | None = None,
           size: int = pagination.PAGE_SIZE) -> list[PageSpec]:
    """The pages of a list of ``items`` (generator/site/pagination.py): the first at
    ``uri``, the others under it, each titled with its number."""
    total = pagination.count(items, size)
    return [PageSpec(pagination.paged_uri(uri, n),
                     title if n == 1 else f"{title}, page {n} of {total}", kind, key, n,
                     total, items, size) for n in range(1, total + 1)]


def _one(uri: str, title: str, kind: str) -> Callable[[SiteIndex], list[PageSpec]]:
    return lambda site: [PageSpec(uri, title, kind)]


def _front_pages(site: SiteIndex) -> list[PageSpec]:
    if not site.options.front_page:
        return []  # the site has a hand-written front page
    return [PageSpec(publication.FRONT, site.options.site_name, "front")]


def _claims_pages(site: SiteIndex) -> list[PageSpec]:
    return _paged(CLAIMS_INDEX, "Claims", "claims", len(site.project.claims))


def _verdict_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for v in site.project.verdicts for spec in _paged(
        verdict_uri(v.id), f"Claims rated \u201c{v.label}\u201d", "verdict",
        len(site.claims_by_verdict.get(v.id, ())), v.id)]


def _tag_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for t in site.tags for spec in _paged(
        tag_uri(t), f"Claims tagged \u201c{t}\u201d", "tag", len(site.claims_by_tag[t]), t)]


def _tags_pages(site: SiteIndex) -> list[PageSpec]:
    return _paged(TAGS_INDEX, "Topics", "tags", len(site.tags)) if site.tags else []


def _year_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for y in site.years for spec in _paged(
        year_uri(y), f"Claims of {y}", "year", len(site.claims_by_year[y]), y)]


def _claim_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(claim_uri(c.id), f"Fact check: {short(c.claim)}", "claim", c.id)
            for c in site.project.claims]


def _source_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(source_uri(s.id), f"Source: {short(s.title)}", "source", s.id)
            for s in site.project.sources]


def _sources_pages(site: SiteIndex) -> list[PageSpec]:
    return _paged(SOURCES_INDEX, "Sources", "sources", len(site.project.sources))


def _source_claims_pages(site: SiteIndex) -> list[PageSpec]:
    """A source cited by more claims than its page lists: all of them, page by page."""
    return [spec for s in site.project.sources
            if len(site.claims_by_source.get(s.id, ())) > pagination.SOURCE_PAGE
            for spec in _paged(source_claims_uri(s.id), f"Claims citing {short(s.title)}",
                               "source-claims", len(site.claims_by_source[s.id]), s.id)]


def _xref_pages(site: SiteIndex) -> list[PageSpec]:
    return _paged(XREF, "Claims and sources: cross-reference", "xref",
                  len(site.project.claims))


def _authors_index(site: SiteIndex) -> list[PageSpec]:
    return _paged(publication.AUTHORS_INDEX, "Authors", "authors",
                  len(site.authors)) if site.authors else []


def _stories_index(site: SiteIndex) -> list[PageSpec]:
    return _paged(publication.STORIES_INDEX, "Stories", "stories",
                  len(site.stories)) if site.stories else []


def _corrections_pages(site: SiteIndex) -> list[PageSpec]:
    return _paged(publication.CORRECTIONS_LOG, "Corrections log", "corrections",
                  len(publication.corrections(site)))


def _corrections_type_pages(site: SiteIndex) -> list[PageSpec]:
    every = publication.corrections(site)
    return [spec for t in UPDATE_TYPES for spec in _paged(
        publication.corrections_type_uri(t), f"Corrections log: {publication.TYPE_TITLES[t]}",
        "corrections-type", sum(c.update.type == t for c in every), t)]


def _story_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for s in site.stories.values() for spec in _paged(
        story_uri(s.id), short(s.title), "story", len(publication.story_claims(site, s)),
        s.id, pagination.STORY_PAGE)]


def _author_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for a in site.authors.values() for spec in _paged(
        author_uri(a.id), short(a.name), "author",
        len(site.stories_by_author.get(a.id, ())), a.id)]


# Name, template, the site's pages of the kind, context builder; in the order the
# site lists its pages.
PAGE_KINDS: dict[str, PageKind] = {kind.name: kind for kind in (
    PageKind("claims", "claims_index.html", _claims_pages, pages.claims_index_context,
             listing=True),
    PageKind("sources", "sources_index.html", _sources_pages, pages.sources_index_context,
             listing=True),
    PageKind("xref", "xref.html", _xref_pages, pages.xref_context, listing=True),
    PageKind("verdict", "claims_index.html", _verdict_pages, pages.verdict_context,
             listing=True),
    PageKind("tag", "claims_index.html", _tag_pages, pages.tag_context, listing=True),
    PageKind("year", "claims_index.html", _year_pages, pages.year_context, listing=True),
    PageKind("tags", "tags_index.html", _tags_pages, pages.tags_index_context,
             listing=True),
    PageKind("claim", "claim.html", _claim_pages, pages.claim_context),
    PageKind("source", "source.html", _source_pages, pages.source_context),
    PageKind("source-claims", "claims_index.html", _source_claims_pages,
             pages.source_claims_context, listing=True),
    PageKind("front", "front.html", _front_pages, publication.front_context, listing=True),
    PageKind("stories", "stories_index.html", _stories_index,
             publication.stories_index_context, listing=True),
    PageKind("authors", "authors_index.html", _authors_index,
             publication.authors_index_context, listing=True),
    PageKind("corrections", "corrections_log.html", _corrections_pages,
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
