"""From a checked project to the pages readers see: pure, no MkDocs.

:class:`SiteRenderer` takes a :class:`~generator.model.CheckResult` and
:class:`SiteOptions` and knows every generated page (:meth:`SiteRenderer.pages`),
renders any one of them to an HTML fragment on demand (:meth:`SiteRenderer.render`),
and produces the site-wide ``claims.json`` and the verdict colours' CSS.

Why pages are HTML fragments and not Markdown: only editor prose (summaries, notes,
corrections) is Markdown, rendered by :mod:`generator.markdown`. Everything else
(claim text, titles, quotes, source text) is data, escaped by Jinja2's autoescape.
Going through Python-Markdown for 5,000 generated pages would cost more than the
rest of the build, and would re-interpret source text as Markdown.

Every index that a page needs (claims per source, citations per source, related
claims) is built once in the constructor, so rendering a page costs time in
proportion to that page's size.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import jinja2
from markupsafe import Markup, escape

from . import markdown
from .highlight import context, segments
from .model import CheckResult, Claim, Citation, Project, Resolution, Source, Stance, Verdict
from .textmatch import paragraphs

PACKAGE_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
PACKAGE_ASSETS = os.path.join(os.path.dirname(__file__), "assets")

# Where generated things live in the site (MkDocs src_uri style).
CLAIMS_INDEX = "claims/index.md"
SOURCES_INDEX = "sources/index.md"
XREF = "cross-reference.md"
CLAIMS_JSON = "claims.json"
ASSET_DIR = "assets/factcheck"
VERDICT_CSS = f"{ASSET_DIR}/verdicts.css"
ASSETS = (f"{ASSET_DIR}/factcheck.css", f"{ASSET_DIR}/factcheck.js")

STANCES = (Stance.SUPPORTS, Stance.CONTRADICTS, Stance.CONTEXT)
STANCE_LABEL = {Stance.SUPPORTS: "Supports", Stance.CONTRADICTS: "Contradicts",
                Stance.CONTEXT: "Context"}
STANCE_HEADING = {Stance.SUPPORTS: "Evidence that supports the claim",
                  Stance.CONTRADICTS: "Evidence that contradicts the claim",
                  Stance.CONTEXT: "Context"}
STANCE_ICON = {Stance.SUPPORTS: "\u2713", Stance.CONTRADICTS: "\u2717",
               Stance.CONTEXT: "\u2139"}
# Above this many sources the cross-reference becomes a list per claim: a
# 4,000 x 1,000 grid would be four million cells nobody can read.
MATRIX_MAX_SOURCES = 30
RELATED_MAX = 12
PALETTE = ("#1a7f37", "#4d8a1f", "#9a6700", "#bc4c00", "#cf222e")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ORG_WORDS = ("ministry", "department", "agency", "government", "office", "council",
             "committee", "army", "forces", "service", "news", "times", "press",
             "kremlin", "institute", "university", "company", "party", "administration")


@dataclass
class SiteOptions:
    """What the renderer needs from the site configuration."""

    site_name: str = "Fact checks"
    site_url: str | None = None
    publisher_name: str | None = None  # who publishes the fact-checks (ClaimReview author)
    publisher_url: str | None = None
    use_directory_urls: bool = True
    templates_dir: str | None = None  # overrides, searched before the packaged templates
    source_files: dict[str, str] = field(default_factory=dict)  # source id -> src_uri of its text


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it goes, its plain-text title, what it shows."""

    src_uri: str
    title: str
    kind: str  # claim | source | claims | verdict | tag | sources | xref
    key: str | None = None


@dataclass
class Rendered:
    """A rendered page body with its table of contents and the ids it defines."""

    html: str
    toc: list[dict]  # MkDocs toc tokens: {level, id, name, children}
    anchors: set[str]


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root.

    >>> page_url("claims/x/index.md"), page_url("cross-reference.md")
    ('claims/x/', 'cross-reference/')
    >>> page_url("claims/x/index.md", False), page_url("cross-reference.md", False)
    ('claims/x/index.html', 'cross-reference.html')
    """
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not src_uri.endswith(".md"):
        return src_uri
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


def claim_uri(claim_id: str) -> str:
    return f"claims/{claim_id}/index.md"


def source_uri(source_id: str) -> str:
    return f"sources/{source_id}/index.md"


def verdict_uri(verdict_id: str) -> str:
    return f"claims/verdict/{verdict_id}/index.md"


def tag_uri(tag: str) -> str:
    return f"claims/tag/{tag}/index.md"


def anchor_id(claim_id: str, index: int) -> str:
    """The id of a cited passage on its source page (unique: claim ids are slugs)."""
    return f"q-{claim_id}-{index}"


def human_date(value: date | None) -> str:
    """
    >>> human_date(date(2024, 8, 7))
    '7 August 2024'
    """
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _luminance(color: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def text_color(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG ratio).

    >>> text_color("#1a7f37"), text_color("#f0e68c")
    ('#ffffff', '#111111')
    """
    lum = _luminance(background)
    white = 1.05 / (lum + 0.05)
    black = (lum + 0.05) / (_luminance("#111111") + 0.05)
    return "#ffffff" if white >= black else "#111111"


def json_for_script(data) -> Markup:
    """JSON that is safe inside ``<script>``: ``</script>`` cannot end the element.

    >>> str(json_for_script({"a": "</script><b>&"}))
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return Markup(text)


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_NON_HEADING_TAG = re.compile(r"<(?!/?h[1-6][\s>])[^>]*>")
LISTING_KINDS = frozenset({"claims", "verdict", "tag", "sources", "xref"})


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
    if kind in LISTING_KINDS:
        return ""
    return _NON_HEADING_TAG.sub("", _SCRIPT.sub("", html))


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "\u2026"


@dataclass
class Evidence:
    """A citation as a claim page shows it."""

    citation: Citation
    source: Source | None
    resolution: Resolution | None
    parts: list  # highlight.Part list: the quote in its sentence
    anchor: str  # id of the passage on the source page


@dataclass
class SourceCite:
    """A citation as a source page lists it."""

    claim: Claim
    citation: Citation
    resolution: Resolution
    anchor: str
    number: int  # the citing claim's number in the source page's list


class SiteRenderer:
    """Everything the site shows, computed from one check result."""

    def __init__(self, result: CheckResult, options: SiteOptions):
        if result.project is None:
            raise ValueError("the check could not load the project; nothing to render")
        self.result = result
        self.project: Project = result.project
        self.options = options
        self.publisher = options.publisher_name or options.site_name
        site_url = options.site_url or None
        self.site_url = (site_url.rstrip("/") + "/") if site_url else None
        self.verdicts = {v.id: v for v in self.project.verdicts}
        self.sources = {s.id: s for s in self.project.sources}
        self.claims = {c.id: c for c in self.project.claims}
        ratings = [v.rating for v in self.project.verdicts] or [0]
        self.best, self.worst = max(ratings), min(ratings)
        self.colors = self._colors()
        self.env = self._environment()
        self._index()

    # ---- setup -----------------------------------------------------------------

    def _environment(self) -> jinja2.Environment:
        loaders: list[jinja2.BaseLoader] = []
        if self.options.templates_dir:
            loaders.append(jinja2.FileSystemLoader(self.options.templates_dir))
        loaders.append(jinja2.FileSystemLoader(PACKAGE_TEMPLATES))
        env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,  # everything from claims.yaml is data, escaped on output
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
        )
        env.filters["md"] = markdown.render
        env.filters["human_date"] = human_date
        env.filters["short"] = _short
        env.globals.update(
            stance_label=STANCE_LABEL, stance_icon=STANCE_ICON,
            stance_heading=STANCE_HEADING, stances=STANCES,
            site_name=self.options.site_name, publisher=self.publisher,
        )
        return env

    def _colors(self) -> dict[str, str]:
        colors = {}
        n = len(self.project.verdicts)
        for i, verdict in enumerate(self.project.verdicts):
            if verdict.color:
                colors[verdict.id] = verdict.color
            else:
                pos = 0 if n == 1 else round(i * (len(PALETTE) - 1) / (n - 1))
                colors[verdict.id] = PALETTE[pos]
        return colors

    def _index(self) -> None:
        """Every cross-page lookup, computed once."""
        self.texts = self.result.texts
        self.claims_by_source: dict[str, list[Claim]] = defaultdict(list)
        self.cites_by_source: dict[str, list[tuple[Claim, Citation]]] = defaultdict(list)
        self.claims_by_verdict: dict[str, list[Claim]] = defaultdict(list)
        self.claims_by_tag: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.project.claims:
            self.claims_by_verdict[claim.verdict].append(claim)
            for tag in claim.tags:
                self.claims_by_tag[tag].append(claim)
            seen: set[str] = set()
            for cite in claim.citations:
                self.cites_by_source[cite.source].append((claim, cite))
                if cite.source not in seen:
                    seen.add(cite.source)
                    self.claims_by_source[cite.source].append(claim)
        self.tags = sorted(self.claims_by_tag)
        self.urls = {}
        for claim in self.project.claims:
            self.urls[("claim", claim.id)] = self.url(claim_uri(claim.id))
        for source in self.project.sources:
            self.urls[("source", source.id)] = self.url(source_uri(source.id))
        for verdict in self.project.verdicts:
            self.urls[("verdict", verdict.id)] = self.url(verdict_uri(verdict.id))
        for tag in self.tags:
            self.urls[("tag", tag)] = self.url(tag_uri(tag))
        self.urls[("claims", None)] = self.url(CLAIMS_INDEX)
        self.urls[("sources", None)] = self.url(SOURCES_INDEX)
        self.urls[("xref", None)] = self.url(XREF)
        self.urls[("json", None)] = CLAIMS_JSON
        for sid, uri in self.options.source_files.items():
            self.urls[("file", sid)] = uri

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.options.use_directory_urls)

    def absolute(self, src_uri: str) -> str | None:
        return self.site_url + self.url(src_uri) if self.site_url else None

    # ---- the list of pages --------------------------------------------------------

    def pages(self) -> list[PageSpec]:
        """Every page the plugin adds to the site."""
        out = [
            PageSpec(CLAIMS_INDEX, "Claims", "claims"),
            PageSpec(SOURCES_INDEX, "Sources", "sources"),
            PageSpec(XREF, "Claims and sources: cross-reference", "xref"),
        ]
        out += [PageSpec(verdict_uri(v.id), f"Claims rated \u201c{v.label}\u201d", "verdict", v.id)
                for v in self.project.verdicts]
        out += [PageSpec(tag_uri(t), f"Claims tagged \u201c{t}\u201d", "tag", t)
                for t in self.tags]
        out += [PageSpec(claim_uri(c.id), f"Fact check: {_short(c.claim)}", "claim", c.id)
                for c in self.project.claims]
        out += [PageSpec(source_uri(s.id), f"Source: {_short(s.title)}", "source", s.id)
                for s in self.project.sources]
        return out

    def render(self, page: PageSpec) -> Rendered:
        method = getattr(self, f"_render_{page.kind}")
        return method(page)

    # ---- shared helpers -----------------------------------------------------------

    def _base(self, page: PageSpec) -> dict:
        url = self.url(page.src_uri)
        root = root_of(url)
        urls = self.urls

        def link(kind: str, key: str | None = None, anchor: str | None = None) -> str:
            target = root + urls[(kind, key)]
            return f"{target}#{anchor}" if anchor else target

        return {
            "page": page, "root": root, "link": link, "verdicts": self.project.verdicts,
            "verdict_of": self.verdicts, "sources": self.sources,
        }

    def _render_template(self, name: str, ctx: dict, toc: list[dict],
                         anchors: set[str]) -> Rendered:
        html = self.env.get_template(name).render(ctx)
        return Rendered(html, toc, anchors)

    @staticmethod
    def _toc(*items: tuple[str, str, int]) -> list[dict]:
        """MkDocs toc tokens. Themes print toc titles unescaped, so they are escaped
        here; the callers only pass fixed labels anyway, never editor text."""
        tokens: list[dict] = []
        for anchor, name, level in items:
            token = {"level": level, "id": anchor, "name": str(escape(name)),
                     "children": []}
            if level > 2 and tokens:
                tokens[-1]["children"].append(token)
            else:
                tokens.append(token)
        return tokens

    # ---- claim pages --------------------------------------------------------------

    def evidence(self, claim: Claim) -> list[Evidence]:
        out = []
        for cite in claim.citations:
            res = self.result.resolutions.get((claim.id, cite.index))
            parts = []
            text = self.texts.get(cite.source)
            if res is not None and text is not None:
                paras = self._paragraphs(cite.source)
                para = paras[res.paragraph - 1] if 0 < res.paragraph <= len(paras) else (
                    res.start, res.end)
                span = (min(para[0], res.start), max(para[1], res.end))
                parts = context(text, span, res.pieces)
            out.append(Evidence(cite, self.sources.get(cite.source), res, parts,
                                anchor_id(claim.id, cite.index)))
        return out

    def related(self, claim: Claim) -> tuple[list[Claim], int]:
        """Other claims citing any source this claim cites, and how many there are."""
        seen = {claim.id}
        out: list[Claim] = []
        for cite in claim.citations:
            for other in self.claims_by_source.get(cite.source, ()):
                if other.id not in seen:
                    seen.add(other.id)
                    out.append(other)
        return out[:RELATED_MAX], len(out)

    def claim_review(self, claim: Claim) -> dict:
        """schema.org ClaimReview, as Google's fact-check markup asks for it."""
        verdict = self.verdicts.get(claim.verdict)
        review: dict = {"@context": "https://schema.org", "@type": "ClaimReview"}
        url = self.absolute(claim_uri(claim.id))
        if url:
            review["url"] = url
        review["claimReviewed"] = claim.claim
        author: dict = {"@type": "Organization", "name": self.publisher}
        if self.options.publisher_url or self.site_url:
            author["url"] = self.options.publisher_url or self.site_url
        review["author"] = author
        if claim.published:
            review["datePublished"] = claim.published.isoformat()
        if verdict is not None:
            review["reviewRating"] = {
                "@type": "Rating", "ratingValue": verdict.rating,
                "bestRating": self.best, "worstRating": self.worst,
                "alternateName": verdict.label,
            }
        item: dict = {"@type": "Claim"}
        if claim.claimant:
            lower = claim.claimant.lower()
            # "Name, Title of the Armed Forces" is a person; "Ministry of Defence" is not.
            head = lower.split(",", 1)[0]
            kind = "Organization" if any(w in head.split() for w in ORG_WORDS) else "Person"
            item["author"] = {"@type": kind, "name": claim.claimant}
        if claim.claim_date:
            item["datePublished"] = claim.claim_date.isoformat()
        appearances = []
        for sid in claim.appearance:
            source = self.sources.get(sid)
            if source is None:
                continue
            work: dict = {"@type": "CreativeWork", "headline": source.title}
            if source.url:
                work["url"] = source.url
            if source.published:
                work["datePublished"] = source.published.isoformat()
            if source.author:
                work["author"] = {"@type": "Person", "name": source.author}
            if source.publisher:
                work["publisher"] = {"@type": "Organization", "name": source.publisher}
            appearances.append(work)
        if appearances:
            item["appearance"] = appearances
            item["firstAppearance"] = appearances[0]
        review["itemReviewed"] = item
        return review

    def _render_claim(self, page: PageSpec) -> Rendered:
        claim = self.claims[page.key]
        evidence = self.evidence(claim)
        groups = [(stance, [e for e in evidence if e.citation.stance is stance])
                  for stance in STANCES]
        groups = [(stance, items) for stance, items in groups if items]
        related, related_total = self.related(claim)
        toc = [("verdict", "Verdict", 2), ("evidence", "Evidence", 2)]
        toc += [(stance.value, STANCE_LABEL[stance], 3) for stance, _ in groups]
        if claim.updates:
            toc.append(("corrections", "Corrections", 2))
        toc.append(("related", "Related claims", 2))
        anchors = {a for a, _, _ in toc} | {f"ev-{c.index}" for c in claim.citations}
        ctx = self._base(page)
        ctx.update(claim=claim, verdict=self.verdicts.get(claim.verdict), groups=groups,
                   related=related, related_total=related_total,
                   jsonld=json_for_script(self.claim_review(claim)))
        return self._render_template("claim.html", ctx, self._toc(*toc), anchors)

    # ---- source pages -------------------------------------------------------------

    def _paragraphs(self, source_id: str) -> list[tuple[int, int]]:
        cache = self.__dict__.setdefault("_para_cache", {})
        if source_id not in cache:
            cache[source_id] = paragraphs(self.texts.get(source_id, ""))
        return cache[source_id]

    def source_citations(self, source_id: str) -> tuple[list[Claim], list[SourceCite]]:
        claims = self.claims_by_source.get(source_id, [])
        number = {c.id: i + 1 for i, c in enumerate(claims)}
        cites = []
        for claim, cite in self.cites_by_source.get(source_id, ()):
            res = self.result.resolutions.get((claim.id, cite.index))
            if res is not None:
                cites.append(SourceCite(claim, cite, res, anchor_id(claim.id, cite.index),
                                        number[claim.id]))
        cites.sort(key=lambda c: (c.resolution.start, -c.resolution.end))
        return claims, cites

    def source_text_html(self, source_id: str, cites: list[SourceCite], root: str,
                         ) -> list[tuple[int, Markup]]:
        """Numbered paragraphs of a source, every cited passage marked and linked back."""
        text = self.texts.get(source_id, "")
        by_anchor = {c.anchor: c for c in cites}
        spans = [(a, b, c.anchor) for c in cites for a, b in c.resolution.pieces]
        first_seen: set[str] = set()
        last_end = {c.anchor: c.resolution.end for c in cites}
        claim_url = self.urls
        out = []
        spans.sort()
        for number, (pa, pb) in enumerate(self._paragraphs(source_id), start=1):
            mine = [s for s in spans if s[0] < pb and s[1] > pa]
            html: list[str] = []
            for seg in segments(pa, pb, mine):
                chunk = escape(text[seg.start:seg.end])
                if not seg.keys:
                    html.append(chunk)
                else:
                    starting = [k for k in seg.keys if k not in first_seen]
                    first_seen.update(starting)
                    stances = {by_anchor[k].citation.stance.value for k in seg.keys}
                    stance = stances.pop() if len(stances) == 1 else "mixed"
                    classes = f"fc-hl fc-s-{stance}" + (" fc-deep" if len(seg.keys) > 1 else "")
                    title = "; ".join(
                        f"{STANCE_LABEL[by_anchor[k].citation.stance]}: {by_anchor[k].claim.id}"
                        for k in seg.keys)
                    inner = chunk
                    for extra in reversed(starting[1:]):
                        inner = Markup('<span class="fc-anchor" id="{}">{}</span>').format(
                            extra, inner)
                    ident = Markup(' id="{}"').format(starting[0]) if starting else ""
                    html.append(Markup('<mark class="{}" data-cites="{}" title="{}"{}>{}'
                                       '</mark>').format(classes, " ".join(seg.keys),
                                                         title, ident, inner))
                for key in seg.keys:
                    if last_end[key] == seg.end:
                        c = by_anchor[key]
                        stance = c.citation.stance
                        href = f"{root}{claim_url[('claim', c.claim.id)]}#ev-{c.citation.index}"
                        html.append(Markup(
                            '<a class="fc-backref fc-s-{}" href="{}" title="{}">'
                            '<span aria-hidden="true">{}</span>'
                            '<span class="fc-sr">{} claim </span>{}</a>').format(
                                stance.value, href, _short(c.claim.claim, 140),
                                STANCE_ICON[stance], STANCE_LABEL[stance], c.number))
            out.append((number, Markup("").join(html)))
        return out

    def _render_source(self, page: PageSpec) -> Rendered:
        source = self.sources[page.key]
        ctx = self._base(page)
        claims, cites = self.source_citations(source.id)
        paras = self.source_text_html(source.id, cites, ctx["root"])
        cites_by_claim: dict[str, list[SourceCite]] = defaultdict(list)
        for c in cites:
            cites_by_claim[c.claim.id].append(c)
        toc = [("about", "About this source", 2), ("text", "Full text", 2),
               ("citing", "Claims citing this source", 2)]
        anchors = {a for a, _, _ in toc} | {f"p-{n}" for n, _ in paras} | \
            {c.anchor for c in cites} | {f"c-{c.id}" for c in claims}
        ctx.update(source=source, claims=claims, cites=cites, paras=paras,
                   cites_by_claim=cites_by_claim, verdict_of=self.verdicts,
                   has_file=("file", source.id) in self.urls)
        return self._render_template("source.html", ctx, self._toc(*toc), anchors)

    # ---- indexes ------------------------------------------------------------------

    def chart(self) -> list[dict]:
        total = max([len(self.claims_by_verdict.get(v.id, ())) for v in
                     self.project.verdicts] or [0])
        rows = []
        for verdict in self.project.verdicts:
            count = len(self.claims_by_verdict.get(verdict.id, ()))
            rows.append({"verdict": verdict, "count": count, "label": _short(verdict.label, 40),
                         "share": count / total if total else 0})
        return rows

    def _index_page(self, page: PageSpec, claims: list[Claim], heading: str,
                    current: tuple[str, str | None]) -> Rendered:
        ctx = self._base(page)
        ctx.update(claims=claims, heading=heading, chart=self.chart(), tags=self.tags,
                   counts={v.id: len(self.claims_by_verdict.get(v.id, ()))
                           for v in self.project.verdicts},
                   tag_counts={t: len(self.claims_by_tag[t]) for t in self.tags},
                   current=current, total=len(self.project.claims))
        toc = [("summary", "Verdicts at a glance", 2), ("filter", "Filter", 2),
               ("list", "Claims", 2)]
        return self._render_template("claims_index.html", ctx, self._toc(*toc),
                                     {a for a, _, _ in toc})

    def _render_claims(self, page: PageSpec) -> Rendered:
        return self._index_page(page, self.project.claims, "All claims", ("all", None))

    def _render_verdict(self, page: PageSpec) -> Rendered:
        verdict = self.verdicts[page.key]
        return self._index_page(page, self.claims_by_verdict.get(verdict.id, []),
                                f"Claims rated \u201c{verdict.label}\u201d",
                                ("verdict", verdict.id))

    def _render_tag(self, page: PageSpec) -> Rendered:
        return self._index_page(page, self.claims_by_tag[page.key],
                                f"Claims tagged \u201c{page.key}\u201d", ("tag", page.key))

    def _render_sources(self, page: PageSpec) -> Rendered:
        ctx = self._base(page)
        rows = [(s, len(self.claims_by_source.get(s.id, ())),
                 len(self.cites_by_source.get(s.id, ()))) for s in self.project.sources]
        ctx.update(rows=rows)
        return self._render_template("sources_index.html", ctx,
                                     self._toc(("sources-list", "Sources", 2)), {"sources-list"})

    def _render_xref(self, page: PageSpec) -> Rendered:
        ctx = self._base(page)
        cells: dict[tuple[str, str], list[tuple[Citation, str]]] = defaultdict(list)
        for claim in self.project.claims:
            for cite in claim.citations:
                cells[(claim.id, cite.source)].append((cite, anchor_id(claim.id,
                                                                         cite.index)))
        ctx.update(claims=self.project.claims, source_list=self.project.sources,
                   cells=cells, matrix=len(self.project.sources) <= MATRIX_MAX_SOURCES)
        return self._render_template("xref.html", ctx,
                                     self._toc(("xref", "Cross-reference", 2)), {"xref"})

    # ---- site-wide files ------------------------------------------------------------

    def verdict_css(self) -> str:
        """One class per verdict: badge colours with a readable text colour."""
        lines = ["/* generated by the factcheck plugin from the verdict scale */"]
        for verdict in self.project.verdicts:
            bg = self.colors[verdict.id]
            lines.append(f".fc-v-{verdict.id}{{background:{bg};color:{text_color(bg)};"
                         f"border-color:{bg}}}")
            lines.append(f".fc-bar-{verdict.id}{{fill:{bg}}}")
        return "\n".join(lines) + "\n"

    def claims_data(self) -> dict:
        """The whole publication as data: what ``claims.json`` holds."""
        def iso(value):
            return value.isoformat() if value else None

        verdicts = [{"id": v.id, "label": v.label, "rating": v.rating,
                     "description": v.description, "color": self.colors[v.id]}
                    for v in self.project.verdicts]
        sources = [{"id": s.id, "title": s.title, "publisher": s.publisher,
                    "author": s.author, "published": iso(s.published), "url": s.url,
                    "sha256": s.sha256, "page": self.url(source_uri(s.id))}
                   for s in self.project.sources]
        claims = []
        for c in self.project.claims:
            citations = []
            for cite in c.citations:
                res = self.result.resolutions.get((c.id, cite.index))
                item = {"source": cite.source, "quote": cite.quote,
                        "stance": cite.stance.value, "prefix": cite.prefix,
                        "suffix": cite.suffix, "note": cite.note, "resolved": None}
                if res is not None:
                    item["resolved"] = {"start": res.start, "end": res.end,
                                        "paragraph": res.paragraph,
                                        "pieces": [list(p) for p in res.pieces],
                                        "exact": res.exact}
                item["passage"] = (self.url(source_uri(cite.source)) + "#"
                                   + anchor_id(c.id, cite.index))
                citations.append(item)
            claims.append({
                "id": c.id, "claim": c.claim, "claimant": c.claimant,
                "claim_date": iso(c.claim_date), "verdict": c.verdict,
                "summary": c.summary, "tags": list(c.tags), "published": iso(c.published),
                "updates": [{"date": iso(u.date), "note": u.note} for u in c.updates],
                "appearance": list(c.appearance), "page": self.url(claim_uri(c.id)),
                "url": self.absolute(claim_uri(c.id)), "citations": citations,
            })
        return {"publisher": self.publisher, "site_url": self.site_url,
                "verdicts": verdicts, "sources": sources, "claims": claims}

    def claims_json(self) -> str:
        return json.dumps(self.claims_data(), ensure_ascii=False, indent=1) + "\n"
