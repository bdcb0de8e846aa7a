"""Where everything lives in the site, and every cross-page lookup, computed once.

:class:`SiteIndex` is built from one check result: the claims, sources and verdicts
by id, the claims per source, verdict and tag, the page URLs and the paragraph
spans of each source (the checker's, not computed again). Page context builders
(:mod:`generator.site.pages`) and structured data (:mod:`generator.site.structured_data`) read it;
nothing here renders.

:func:`anchor` is the one place an id inside a page is spelled; templates call it
too, so a link and its target can never disagree.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field

from generator.checker import excerpts
from generator.checker.model import (
    Author,
    CheckResult,
    Citation,
    Claim,
    Project,
    Resolution,
    Source,
    Verdict,
    first_by_id,
)
from generator.checker.status import PUBLISHED, checkers, resolve
from generator.site import textfragment
from generator.site.i18n import Localizer, localized_scale
from generator.site.pagination import PAGE_SIZE

# Where generated things live in the site (MkDocs src_uri style).
CLAIMS_INDEX = "claims/index.md"
TAGS_INDEX = "claims/tag/index.md"
SOURCES_INDEX = "sources/index.md"
XREF = "cross-reference.md"
CLAIMS_JSON = "claims.json"
FEED = "feed.xml"
ASSET_DIR = "assets/factcheck"
VERDICT_CSS = f"{ASSET_DIR}/verdicts.css"
ASSETS = (f"{ASSET_DIR}/factcheck.css", f"{ASSET_DIR}/factcheck.js")
PALETTE = ("#1a7f37", "#4d8a1f", "#9a6700", "#bc4c00", "#cf222e")


def claim_uri(claim_id: str) -> str:
    return f"claims/{claim_id}/index.md"


def source_uri(source_id: str) -> str:
    return f"sources/{source_id}/index.md"


def source_claims_uri(source_id: str) -> str:
    return f"sources/{source_id}/claims/index.md"


def verdict_uri(verdict_id: str) -> str:
    return f"claims/verdict/{verdict_id}/index.md"


def tag_uri(tag: str) -> str:
    return f"claims/tag/{tag}/index.md"


def story_uri(story_id: str) -> str:
    return f"stories/{story_id}/index.md"


def author_uri(author_id: str) -> str:
    return f"authors/{author_id}/index.md"


def year_uri(year: str) -> str:
    return f"claims/year/{year}/index.md"


def claim_year(claim: Claim) -> str | None:
    """The year a claim's list by year files it under: of its fact-check's
    publication, else of the claim itself (None: neither is known).

    >>> from datetime import date
    >>> claim_year(Claim("c", "C", "v", "s", [], claim_date=date(2023, 5, 1)))
    '2023'
    """
    when = claim.published or claim.claim_date
    return str(when.year) if when else None


ANCHORS = {
    "passage": "q-{}-{}",   # a cited passage on its source page: claim id, citation index
    "evidence": "ev-{}",    # a citation on its claim page: citation index
    "paragraph": "p-{}",    # a numbered paragraph of a source text
    "citing": "c-{}",       # a citing claim in a source page's list: claim id
}


def anchor(kind: str, *keys) -> str:
    """The id of a place inside a page; unique because claim ids are slugs.

    >>> anchor("passage", "kursk-gas", 2), anchor("evidence", 0), anchor("paragraph", 7)
    ('q-kursk-gas-2', 'ev-0', 'p-7')
    """
    return ANCHORS[kind].format(*keys)


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root.

    >>> page_url("claims/x/index.md"), page_url("cross-reference.md")
    ('claims/x/', 'cross-reference/')
    >>> page_url("claims/x/index.md", False), page_url("cross-reference.md", False)
    ('claims/x/index.html', 'cross-reference.html')
    """
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if use_directory_urls:
        if stem == "index" or stem.endswith("/index"):
            return stem[:-5]
        return stem + "/"
    return stem + ".html"


def root_of(url: str) -> str:
    """The relative path from a page's URL back to the site root.

    >>> root_of("claims/x/"), root_of("claims/x/index.html"), root_of("index.html")
    ('../../', '../../', '')
    """
    folder = url if url.endswith("/") else posixpath.dirname(url) + "/"
    return "../" * folder.strip("/").count("/") + ("../" if folder.strip("/") else "")


def linker(url: str):
    """A function giving the shortest relative link from the page at ``url`` to a page
    or file at a root-relative address: up only as far as the two share a folder.
    Lists link hundreds of pages of their own folder (a claim's related claims, a
    story's claims), each link shorter than by way of the site's root.

    >>> to = linker("claims/x/")
    >>> to("claims/y/"), to("claims/"), to("claims/x/"), to("sources/s/"), to("")
    ('../y/', '../', './', '../../sources/s/', '../../')
    >>> linker("")("claims/y/"), linker("claims/x/index.html")("claims/y/index.html")
    ('claims/y/', '../y/index.html')
    """
    folder = (url if url.endswith("/") else posixpath.dirname(url) + "/").strip("/")
    here = folder.split("/") if folder else []

    def link(target: str) -> str:
        there = target.split("/")
        common = 0
        while (common < len(here) and common < len(there) - 1
               and here[common] == there[common]):
            common += 1
        return "../" * (len(here) - common) + "/".join(there[common:]) or "./"
    return link


@dataclass
class SiteOptions:
    """What the site needs from its configuration."""

    site_name: str = "Fact checks"
    site_url: str | None = None
    publisher_name: str | None = None  # who publishes the fact-checks (ClaimReview author)
    publisher_url: str | None = None
    use_directory_urls: bool = True
    templates_dir: str | None = None  # overrides, searched before the packaged templates
    source_files: dict[str, str] = field(default_factory=dict)  # source id -> src_uri of its text
    original_files: dict[str, str] = field(default_factory=dict)  # ... of its archived original
    front_page: bool = False  # generate index.md (the docs have no hand-written one)
    prefix: str = ""  # folder the pages go under ("kursk/"): one site, several instances
    locale: str = "en"  # the interface language: MkDocs' theme.locale
    strings: dict = field(default_factory=dict)  # the newsroom's wording (theme: strings:)
    share_cards: dict[str, str] = field(default_factory=dict)  # claim id -> its card's path
    policies: dict[str, str] = field(default_factory=dict)  # schema.org property -> page URL


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it goes, its plain-text title, what it shows.

    A list cut into pages (generator/site/pagination.py) is one spec per page, with
    the same kind and key: ``number`` is the page's, ``total`` the list's pages and
    ``items`` its length.
    """

    src_uri: str
    title: str
    kind: str  # a name in pagekinds.PAGE_KINDS: claim, source, claims, verdict, tag, ...
    key: str | None = None
    number: int = 1
    total: int = 1
    items: int = 0
    size: int = PAGE_SIZE

    def part(self, items: list) -> list:
        """The items of a list that this page shows.

        >>> PageSpec("x/index.md", "X", "claims", number=2, size=3).part(list(range(7)))
        [3, 4, 5]
        """
        return items[(self.number - 1) * self.size:self.number * self.size]


def verdict_colors(verdicts: list[Verdict]) -> dict[str, str]:
    """Each verdict's colour: its own, or one spread along the palette.

    >>> verdict_colors([Verdict("a", "A", 2), Verdict("b", "B", 1, color="#000000")])
    {'a': '#1a7f37', 'b': '#000000'}
    """
    colors = {}
    n = len(verdicts)
    for i, verdict in enumerate(verdicts):
        pos = 0 if n == 1 else round(i * (len(PALETTE) - 1) / (n - 1))
        colors[verdict.id] = verdict.color or PALETTE[pos]
    return colors


class SiteIndex:
    """Every lookup the pages share, built once from a check result."""

    def __init__(self, result: CheckResult, options: SiteOptions):
        if result.project is None:
            raise ValueError("the check could not load the project; nothing to render")
        self.result = result
        self.options = options
        self.i18n = Localizer(options.locale, options.strings)
        self.project: Project = localized_scale(result.project, self.i18n)
        self.publisher = options.publisher_name or options.site_name
        self.site_url = (options.site_url.rstrip("/") + "/") if options.site_url else None
        self.verdicts = first_by_id(self.project.verdicts)[0]
        self.sources = first_by_id(self.project.sources)[0]
        self.claims = first_by_id(self.project.claims)[0]
        self.stories = first_by_id(self.project.stories)[0]
        self.authors = first_by_id(self.project.authors)[0]
        self.status = resolve(self.project)  # draft and review: only in the preview
        ratings = [v.rating for v in self.project.verdicts] or [0]
        self.best, self.worst = max(ratings), min(ratings)
        self.colors = self._colors()
        self._group()
        self.urls: dict[tuple[str, str | None], str] = {
            ("json", None): options.prefix + CLAIMS_JSON,
            ("feed", None): options.prefix + FEED}
        for kind, files in (("file", options.source_files),
                            ("original", options.original_files)):
            for sid, uri in files.items():  # only the texts published in full
                if self.publish(sid) == excerpts.FULL:
                    self.urls[(kind, sid)] = uri
        self._windows: dict[str, list[tuple[int, int]]] = {}
        self._links: dict[tuple, str | None] = {}  # original_link's, by passage
        self.reuse: dict | None = None  # the preview's claim page specs (pagekinds)

    def _colors(self) -> dict[str, str]:
        return verdict_colors(self.project.verdicts)

    def _group(self) -> None:
        self.claims_by_source: dict[str, list[Claim]] = defaultdict(list)
        self.cites_by_source: dict[str, list[tuple[Claim, Citation]]] = defaultdict(list)
        self.claims_by_verdict: dict[str, list[Claim]] = defaultdict(list)
        self.claims_by_tag: dict[str, list[Claim]] = defaultdict(list)
        self.claims_by_year: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.project.claims:
            self.claims_by_verdict[claim.verdict].append(claim)
            for tag in claim.tags:
                self.claims_by_tag[tag].append(claim)
            year = claim_year(claim)
            if year is not None:
                self.claims_by_year[year].append(claim)
            seen: set[str] = set()
            for cite in claim.citations:
                self.cites_by_source[cite.source].append((claim, cite))
                if cite.source not in seen:
                    seen.add(cite.source)
                    self.claims_by_source[cite.source].append(claim)
        self.tags = sorted(self.claims_by_tag)
        self.years = sorted(self.claims_by_year, reverse=True)
        self.stories_by_author: dict[str, list] = defaultdict(list)
        for story in self.stories.values():
            for author in dict.fromkeys(story.authors):
                self.stories_by_author[author].append(story)

    def register(self, pages: list[PageSpec]) -> None:
        """Know the URL of every page, so ``link(kind, key)`` can reach it (the first
        page of a list), and every page of each list, for its pager."""
        self.numbered: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        for page in pages:
            url = self.url(page.src_uri)
            if page.number == 1:
                self.urls[(page.kind, page.key)] = url
            self.numbered[(page.kind, page.key)].append(url)

    def url(self, src_uri: str) -> str:
        """The URL of a generated page, under the site's ``prefix``."""
        return page_url(self.options.prefix + src_uri, self.options.use_directory_urls)

    def absolute(self, src_uri: str) -> str | None:
        return self.site_url + self.url(src_uri) if self.site_url else None

    def text(self, source_id: str) -> str | None:
        """A source's text as read by the checker (None if it could not be read)."""
        src = self.result.sources.get(source_id)
        return src.original if src is not None else None

    def paragraphs(self, source_id: str) -> list[tuple[int, int]]:
        """A source's paragraph spans, as the checker found them."""
        src = self.result.sources.get(source_id)
        return src.paras if src is not None else []

    def source(self, source_id: str) -> Source | None:
        return self.sources.get(source_id)

    def stage(self, kind: str, key: str | None) -> str:
        """A claim's or story's status (draft, review, published); other pages:
        published. Templates mark a page that is not published yet."""
        if kind == "claim":
            return self.status.of_claim(key or "")
        if kind == "story":
            return self.status.of_story(key)
        return PUBLISHED

    def checked_by(self, kind: str, key: str | None) -> list[Author]:
        """Who checked a claim (its own ``checked_by``, else its story's) or a story,
        as registered; other pages: nobody."""
        item = (self.claims.get(key or "") if kind == "claim"
                else self.stories.get(key or "") if kind == "story" else None)
        if item is None:
            return []
        story = self.stories.get(item.story) if kind == "claim" and item.story else None
        people = checkers(item, story) if kind == "claim" else item.checked_by
        return [self.authors[a] for a in dict.fromkeys(people) if a in self.authors]
    # -- what the site may show of a source (generator/checker/excerpts.py) -------------

    def publish(self, source_id: str) -> str:
        """``full``, ``excerpts`` or ``none``: the source's own, else the publication's."""
        source = self.sources.get(source_id)
        return excerpts.publish_of(self.project, source) if source else excerpts.NONE

    def windows(self, source_id: str) -> list[tuple[int, int]]:
        """The excerpt windows of a source: around every passage any claim cites."""
        if source_id not in self._windows:
            spans = [(res.start, res.end) for res in self.resolutions_of(source_id)]
            self._windows[source_id] = self._cut(source_id, spans)
        return self._windows[source_id]

    def citation_window(self, res: Resolution) -> list[tuple[int, int]]:
        """The excerpt window(s) of one cited passage alone (a claim page shows its
        quote within these, whatever other claims cite)."""
        return self._cut(res.source, [(res.start, res.end)])

    def _cut(self, source_id: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        text = self.text(source_id)
        if text is None:
            return []
        return excerpts.windows(text, spans, self.project.context_words,
                                self.paragraphs(source_id))

    def resolutions_of(self, source_id: str) -> list[Resolution]:
        got = (self.result.resolutions.get((claim.id, cite.index))
               for claim, cite in self.cites_by_source.get(source_id, ()))
        return [res for res in got if res is not None and res.source == source_id]

    def original_link(self, res: Resolution | None) -> str | None:
        """The cited passage on the original page: the source's ``url`` with a text
        fragment (generator/site/textfragment.py); None without a ``url``. Made once
        per passage: the claim page, the source page and claims.json all link it."""
        source = self.sources.get(res.source) if res is not None else None
        text = self.text(res.source) if res is not None else None
        if source is None or not source.url or text is None:
            return None
        key = (res.source, tuple(res.pieces))
        if key not in self._links:
            found = textfragment.directive(text, res.pieces, self.paragraphs(res.source))
            self._links[key] = textfragment.link(source.url, found)
        return self._links[key]
