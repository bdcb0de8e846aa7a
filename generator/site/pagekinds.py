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
from generator.site.i18n import N_
from generator.site.pages import PageContext, citing, of_year, rated, short, tagged
from generator.site.reuse import by_identity
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


def _paged(site: SiteIndex, uri: str, title: str, kind: str, items: int,
           key: str | None = None, size: int = pagination.PAGE_SIZE) -> list[PageSpec]:
    """The pages of a list of ``items`` (generator/site/pagination.py): the first at
    ``uri``, the others under it, each titled with its number (``title`` is in the
    site's language already)."""
    total = pagination.count(items, size)
    numbered = site.i18n.gettext("%(title)s, page %(number)s of %(total)s")
    return [PageSpec(pagination.paged_uri(uri, n), title if n == 1 else numbered % {
        "title": title, "number": site.i18n.number(n), "total": site.i18n.number(total)},
        kind, key, n, total, items, size) for n in range(1, total + 1)]


def _listed(uri: str, title: str, kind: str, items, always: bool = False
            ) -> Callable[[SiteIndex], list[PageSpec]]:
    """A list of ``items(site)`` page by page, titled in the site's language (``title``
    is a catalog message); none when the site has no such items, unless ``always``."""
    def specs(site: SiteIndex) -> list[PageSpec]:
        count = len(items(site))
        return (_paged(site, uri, site.i18n.gettext(title), kind, count)
                if count or always else [])
    return specs


def _front_pages(site: SiteIndex) -> list[PageSpec]:
    if not site.options.front_page:
        return []  # the site has a hand-written front page
    return [PageSpec(publication.FRONT, site.options.site_name, "front")]


def _claims_pages(site: SiteIndex) -> list[PageSpec]:
    return _paged(site, CLAIMS_INDEX, site.i18n.gettext("Claims"), "claims",
                  len(site.project.claims))


def _verdict_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for v in site.project.verdicts for spec in _paged(
        site, verdict_uri(v.id), rated(site, v.label), "verdict",
        len(site.claims_by_verdict.get(v.id, ())), v.id)]


def _tag_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for t in site.tags for spec in _paged(
        site, tag_uri(t), tagged(site, t), "tag", len(site.claims_by_tag[t]), t)]


def _year_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for y in site.years for spec in _paged(
        site, year_uri(y), of_year(site, y), "year", len(site.claims_by_year[y]), y)]


def _titled(site: SiteIndex, kind: str, title: str) -> str:
    """"Fact check: ...": the kind in the site's words (a newsroom's override of
    "Fact check" names its pages too), the title cut short."""
    say = site.i18n.gettext
    return say("%(kind)s: %(title)s") % {"kind": say(kind), "title": short(title)}


def _claim_pages(site: SiteIndex) -> list[PageSpec]:
    """A page per claim. ``site.reuse``: the preview's specs of earlier builds, by the
    title's wording, then by claim object (see :mod:`generator.site.reuse`)."""
    say = site.i18n.gettext  # once, not once per claim: an archive has tens of thousands
    titled = say("%(kind)s: %(title)s").replace("%(kind)s", say(N_("Fact check")).replace(
        "%", "%%"))
    memo = site.reuse
    if memo is not None and titled not in memo:
        memo.clear()  # another wording (the locale changed): nothing to reuse
    return by_identity(site.project.claims, None if memo is None else memo.setdefault(titled, {}),
                       lambda c: PageSpec(claim_uri(c.id), titled % {"title": short(c.claim)},
                                          "claim", c.id))


def _source_pages(site: SiteIndex) -> list[PageSpec]:
    return [PageSpec(source_uri(s.id), _titled(site, N_("Source"), s.title), "source", s.id)
            for s in site.project.sources]


def _source_claims_pages(site: SiteIndex) -> list[PageSpec]:
    """A source cited by more claims than its page lists: all of them, page by page."""
    return [spec for s in site.project.sources
            if len(site.claims_by_source.get(s.id, ())) > pagination.SOURCE_PAGE
            for spec in _paged(site, source_claims_uri(s.id), citing(site, s.title),
                               "source-claims", len(site.claims_by_source[s.id]), s.id)]


def _corrections_type_pages(site: SiteIndex) -> list[PageSpec]:
    say = site.i18n.gettext
    every = publication.corrections(site)
    return [spec for t in UPDATE_TYPES for spec in _paged(
        site, publication.corrections_type_uri(t),
        say("Corrections log: %(type)s") % {"type": say(publication.TYPE_TITLES[t])},
        "corrections-type", sum(c.update.type == t for c in every), t)]


def _story_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for s in site.stories.values() for spec in _paged(
        site, story_uri(s.id), short(s.title), "story", len(publication.story_claims(site, s)),
        s.id, pagination.STORY_PAGE)]


def _author_pages(site: SiteIndex) -> list[PageSpec]:
    return [spec for a in site.authors.values() for spec in _paged(
        site, author_uri(a.id), short(a.name), "author",
        len(site.stories_by_author.get(a.id, ())), a.id)]


# Name, template, the site's pages of the kind, context builder; in the order the
# site lists its pages.
PAGE_KINDS: dict[str, PageKind] = {kind.name: kind for kind in (
    PageKind("claims", "claims_index.html", _claims_pages, pages.claims_index_context,
             listing=True),
    PageKind("sources", "sources_index.html",
             _listed(SOURCES_INDEX, N_("Sources"), "sources", lambda s: s.project.sources,
                     always=True),
             pages.sources_index_context, listing=True),
    PageKind("xref", "xref.html",
             _listed(XREF, N_("Cross-reference"), "xref", lambda s: s.project.claims,
                     always=True),
             pages.xref_context, listing=True),
    PageKind("verdict", "claims_index.html", _verdict_pages, pages.verdict_context,
             listing=True),
    PageKind("tag", "claims_index.html", _tag_pages, pages.tag_context, listing=True),
    PageKind("year", "claims_index.html", _year_pages, pages.year_context, listing=True),
    PageKind("tags", "tags_index.html", _listed(TAGS_INDEX, N_("Topics"), "tags",
                                                 lambda s: s.tags),
             pages.tags_index_context, listing=True),
    PageKind("claim", "claim.html", _claim_pages, pages.claim_context),
    PageKind("source", "source.html", _source_pages, pages.source_context),
    PageKind("source-claims", "claims_index.html", _source_claims_pages,
             pages.source_claims_context, listing=True),
    PageKind("front", "front.html", _front_pages, publication.front_context, listing=True),
    PageKind("stories", "stories_index.html",
             _listed(publication.STORIES_INDEX, N_("Stories"), "stories",
                     lambda s: s.stories),
             publication.stories_index_context, listing=True),
    PageKind("authors", "authors_index.html",
             _listed(publication.AUTHORS_INDEX, N_("Authors"), "authors",
                     lambda s: s.authors),
             publication.authors_index_context, listing=True),
    PageKind("corrections", "corrections_log.html",
             lambda site: _paged(site, publication.CORRECTIONS_LOG,
                                 site.i18n.gettext("Corrections log"), "corrections",
                                 len(publication.corrections(site))),
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
