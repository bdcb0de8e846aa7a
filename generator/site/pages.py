"""What claim, source and claim-list pages show: one context builder per page kind.

Each builder turns the :class:`SiteIndex` and one page's :class:`PageSpec` into the
page's template context. Which kinds of page a site has, which template draws each
and which builder fills it is the table in :mod:`generator.site.pagekinds`; the
publication's kinds (stories, authors...) have their builders in
:mod:`generator.site.publication`.

Context builders return data, never markup: every tag is in the templates, which a
newsroom can override (passage highlights and back-links included).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from generator.checker.excerpts import EXCERPTS, FULL, NONE, window_of
from generator.checker.lints.origins import Speakers
from generator.checker.model import Citation, Claim, Resolution, Source, Stance
from generator.site import pagination
from generator.site.highlight import Part, context, segments
from generator.site.i18n import N_
from generator.site.siteindex import PageSpec, SiteIndex, anchor

STANCES = (Stance.SUPPORTS, Stance.CONTRADICTS, Stance.CONTEXT)
STANCE_LABEL = {Stance.SUPPORTS: N_("Supports"), Stance.CONTRADICTS: N_("Contradicts"),
                Stance.CONTEXT: N_("Context")}
# Above this many sources the cross-reference becomes a list per claim: a
# 4,000 x 1,000 grid would be four million cells nobody can read.
MATRIX_MAX_SOURCES = 30
MATRIX_MAX_CELLS = 600  # ... and a page of 100 claims against 30 sources is too many cells
RELATED_MAX = 6  # other claims a claim page names (the rest: on its sources' pages)


def short(text: str, limit: int = 90) -> str:
    """One line of at most ``limit`` characters, cut at a word.

    >>> short("The army said three hundred soldiers crossed", 20)
    'The army said three…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "\u2026"


@dataclass
class PageContext:
    """What a template gets, and what MkDocs needs to know about the page.

    ``toc`` lists (anchor, label, level) of the headings; ``anchors`` every id the
    page defines, so MkDocs can check links into it.
    """

    values: dict
    toc: list[tuple[str, str, int]]
    anchors: set[str] = field(default_factory=set)


# ---- claim pages -------------------------------------------------------------------

@dataclass
class Evidence:
    """A citation as a claim page shows it: the quote in its sentence."""

    citation: Citation
    source: Source | None
    resolution: Resolution | None
    parts: list[Part]  # the quote in its context; empty when it did not resolve
    boilerplate: bool = False  # quoted from a caption or page furniture, not the article
    original: str | None = None  # the passage on the original page (a text fragment)
    shown: str = FULL  # what the site publishes of the source: full, excerpts, none
    speaker: str | None = None  # whose statement it reports: "X, as reported by" the source


ELISION = "[\u2026]"  # what a page shows where it leaves a source's words out


def _quote_parts(site: SiteIndex, res: Resolution, text: str) -> list[Part]:
    """The quote as a claim page shows it: in its sentence, kept inside the excerpt
    window when the source is not published in full; the bare quote when it is not
    published at all (``none``)."""
    shown = site.publish(res.source)
    if shown == NONE:
        parts = []
        for a, b in res.pieces:
            parts += [Part(f" {ELISION} ")] if parts else []
            parts.append(Part(text[a:b], True))
        return parts
    paras = site.paragraphs(res.source)
    lo, hi = (paras[res.paragraph - 1] if 0 < res.paragraph <= len(paras)
              else (res.start, res.end))
    if shown != FULL:
        window = window_of(site.citation_window(res), res.start)
        lo, hi = window if window is not None else (res.start, res.end)
    return context(text, (min(lo, res.start), max(hi, res.end)), res.pieces)


def evidence(site: SiteIndex, claim: Claim) -> list[Evidence]:
    speakers = Speakers(site.project.speakers)
    out = []
    for cite in claim.citations:
        res = site.result.resolutions.get((claim.id, cite.index))
        text = site.text(cite.source)
        parts: list[Part] = []
        if res is not None and text is not None:
            parts = _quote_parts(site, res, text)
        out.append(Evidence(cite, site.sources.get(cite.source), res, parts,
                            res is not None and _in_boilerplate(site, cite.source, res),
                            site.original_link(res), site.publish(cite.source),
                            speakers.name(cite.speaker) if cite.speaker else None))
    return out


def _in_boilerplate(site: SiteIndex, source_id: str, res: Resolution) -> bool:
    spans = site.result.boilerplate.get(source_id, ())
    return any(a < e and b > s for s, e in res.pieces for a, b in spans)


def related(site: SiteIndex, claim: Claim) -> tuple[list[Claim], int]:
    """Other claims citing any source this claim cites, and how many there are."""
    seen = {claim.id}
    out: list[Claim] = []
    for cite in claim.citations:
        for other in site.claims_by_source.get(cite.source, ()):
            if other.id not in seen:
                seen.add(other.id)
                out.append(other)
    return out[:RELATED_MAX], len(out)


def claim_context(site: SiteIndex, page: PageSpec) -> PageContext:
    from generator.site.structured_data import claim_review, json_for_script

    claim = site.claims[page.key]
    items = evidence(site, claim)
    groups = [(stance, [e for e in items if e.citation.stance is stance])
              for stance in STANCES]
    groups = [(stance, found) for stance, found in groups if found]
    nearby, nearby_total = related(site, claim)
    say = site.i18n.gettext
    toc = [("verdict", say("Verdict"), 2), ("evidence", say("Evidence"), 2)]
    toc += [(stance.value, say(STANCE_LABEL[stance]), 3) for stance, _ in groups]
    if claim.updates:
        toc.append(("corrections", say("Corrections"), 2))
    toc.append(("related", say("Related claims"), 2))
    anchors = {a for a, _, _ in toc} | {anchor("evidence", c.index) for c in claim.citations}
    values = dict(claim=claim, verdict=site.verdicts.get(claim.verdict), groups=groups,
                  story=site.stories.get(claim.story) if claim.story else None,
                  related=nearby, related_total=nearby_total,
                  corrections=[u for u in claim.updates if u.type == "correction"],
                  # a draft or a claim in review (the preview only) is no review yet
                  jsonld=(json_for_script(claim_review(site, claim))
                          if site.stage("claim", claim.id) == "published" else None))
    return PageContext(values, toc, anchors)


# ---- source pages ------------------------------------------------------------------

@dataclass
class SourceCite:
    """A citation as a source page lists it."""

    claim: Claim
    citation: Citation
    resolution: Resolution
    number: int  # the citing claim's number in the source page's list
    original: str | None = None  # the passage on the original page (a text fragment)

    @property
    def anchor(self) -> str:
        return anchor("passage", self.claim.id, self.citation.index)


@dataclass
class Highlight:
    """A stretch of a source paragraph and the cited passages covering it.

    ``cites`` cover the stretch (none: plain text); ``starts`` are those whose
    passage begins here (their anchors go here); ``ends`` those whose passage ends
    here (their links back to the claim follow). ``stance`` is the covering
    citations' common stance, or ``mixed``.
    """

    text: str
    cites: tuple[SourceCite, ...] = ()
    starts: tuple[SourceCite, ...] = ()
    ends: tuple[SourceCite, ...] = ()
    stance: str = ""
    boilerplate: bool = False  # inside a passage the source declares as not the article
    elided: bool = False  # not the source's words: where an excerpt leaves some out


@dataclass
class Paragraph:
    """A numbered paragraph; ``boilerplate`` when all of it is a caption or furniture."""

    number: int
    pieces: list[Highlight]
    boilerplate: bool = False
    gap_before: bool = False  # an excerpt: paragraphs before this one are left out
    anchors: tuple[str, ...] = ()  # of passages here that are not highlighted


BOILERPLATE = "\0boilerplate"  # the segment key of a declared boilerplate passage


def source_citations(site: SiteIndex, source_id: str) -> tuple[list[Claim], list[SourceCite]]:
    """The claims citing a source (numbered in order), and their resolved citations
    in the order their passages appear."""
    claims = site.claims_by_source.get(source_id, [])
    number = {c.id: i + 1 for i, c in enumerate(claims)}
    cites = []
    for claim, cite in site.cites_by_source.get(source_id, ()):
        res = site.result.resolutions.get((claim.id, cite.index))
        if res is not None:
            cites.append(SourceCite(claim, cite, res, number[claim.id],
                                    site.original_link(res)))
    cites.sort(key=lambda c: (c.resolution.start, -c.resolution.end))
    return claims, cites


def source_paragraphs(site: SiteIndex, source_id: str, cites: list[SourceCite],
                      shown: list[tuple[int, int]] | None = None,
                      unmarked: list[SourceCite] = ()) -> list[Paragraph]:
    """A source's paragraphs cut into highlights: nested and overlapping passages
    flattened (see :mod:`generator.site.highlight`), each passage's start and end known,
    declared boilerplate (captions, page furniture) marked as such.

    ``shown``: the excerpt windows, when the source is not published in full: only
    the paragraphs holding one, only their windows, an elision where words are left
    out (:data:`ELISION`)."""
    text = site.text(source_id) or ""
    by_anchor = {c.anchor: c for c in cites}
    spans = sorted((a, b, c.anchor) for c in cites for a, b in c.resolution.pieces)
    spans += [(a, b, BOILERPLATE) for a, b in site.result.boilerplate.get(source_id, ())]
    spans.sort(key=lambda s: (s[0], s[1]))
    started: set[str] = set()
    out: list[Paragraph] = []
    gap = False
    for number, (pa, pb) in enumerate(site.paragraphs(source_id), start=1):
        stretches = [(pa, pb)] if shown is None else [
            (max(a, pa), min(b, pb)) for a, b in shown if a < pb and b > pa]
        if not stretches:
            gap = True
            continue
        pieces: list[Highlight] = []
        for k, (lo, hi) in enumerate(stretches):
            if k or lo > pa:  # words left out before this stretch
                pieces.append(Highlight(f" {ELISION} " if k else f"{ELISION} ", elided=True))
            pieces += _highlights(text, lo, hi, spans, by_anchor, started)
        if stretches[-1][1] < pb:
            pieces.append(Highlight(f" {ELISION}", elided=True))
        whole = all(p.boilerplate or p.elided or not p.text.strip() for p in pieces)
        if whole:  # the paragraph is set apart as a whole, its pieces need no mark
            pieces = [replace(p, boilerplate=False) for p in pieces]
        out.append(Paragraph(number, pieces, whole, gap,
                             tuple(c.anchor for c in unmarked
                                   if pa <= c.resolution.start < pb)))
        gap = False
    return out


def _highlights(text: str, lo: int, hi: int, spans: list, by_anchor: dict,
                started: set[str]) -> list[Highlight]:
    """``text[lo:hi]`` cut at every passage's and boilerplate's edge."""
    mine = [s for s in spans if s[0] < hi and s[1] > lo]
    if not mine:
        return [Highlight(text[lo:hi])]
    pieces = []
    for seg in segments(lo, hi, mine):
        covering = tuple(by_anchor[k] for k in seg.keys if k != BOILERPLATE)
        starts = tuple(c for c in covering if c.anchor not in started)
        started.update(c.anchor for c in covering)
        ends = tuple(c for c in covering if c.resolution.end == seg.end)
        stances = {c.citation.stance.value for c in covering}
        stance = "" if not covering else stances.pop() if len(stances) == 1 else "mixed"
        pieces.append(Highlight(text[seg.start:seg.end], covering, starts, ends, stance,
                                BOILERPLATE in seg.keys))
    return pieces


def original_kind(path: str | None) -> str:
    """What an archived original is, in words, from its name (English: the catalog's
    message, translated where it is shown).

    >>> original_kind("a/x.html.txt"), original_kind("x.PDF"), original_kind(None)
    ('the web page as retrieved (its HTML, shown as text)', 'the PDF as retrieved', '')
    """
    if not path:
        return ""
    name = path.lower()
    if name.endswith((".html.txt", ".htm.txt", ".html", ".htm")):
        return N_("the web page as retrieved (its HTML, shown as text)")
    if name.endswith(".pdf"):
        return N_("the PDF as retrieved")
    return N_("the text file as retrieved")


SHOWN_HEADING = {FULL: N_("Full text"), EXCERPTS: N_("Excerpts"),
                 NONE: N_("Text not reproduced")}


def source_context(site: SiteIndex, page: PageSpec) -> PageContext:
    """A source page. It lists (and highlights the passages of) the first
    ``SOURCE_PAGE`` claims citing it; the passages of the others get an anchor at
    their paragraph, so every claim's link still lands near its passage, and their
    claims are listed page by page elsewhere (``source-claims``): a source quoted by
    hundreds of claims keeps a page of bounded size."""
    source = site.sources[page.key]
    claims, cites = source_citations(site, source.id)
    listed = {c.id for c in claims[:pagination.SOURCE_PAGE]}
    full = [c for c in cites if c.claim.id in listed]
    rest = [c for c in cites if c.claim.id not in listed]
    shown = site.publish(source.id)
    paras = ([] if shown == NONE else source_paragraphs(
        site, source.id, full, None if shown == FULL else site.windows(source.id), rest))
    total = len(site.paragraphs(source.id))
    cites_by_claim: dict[str, list[SourceCite]] = defaultdict(list)
    for c in full:
        cites_by_claim[c.claim.id].append(c)
    say = site.i18n.gettext
    toc = [("about", say("About this source"), 2), ("text", say(SHOWN_HEADING[shown]), 2),
           ("citing", say("Claims citing this source"), 2)]
    anchors = ({a for a, _, _ in toc} | {anchor("paragraph", p.number) for p in paras}
               | {c.anchor for c in cites} | {anchor("citing", c) for c in listed})
    values = dict(source=source, claims=claims[:pagination.SOURCE_PAGE],
                  claims_total=len(claims), cites=cites, paras=paras,
                  cites_by_claim=cites_by_claim, has_file=("file", source.id) in site.urls,
                  has_original=("original", source.id) in site.urls,
                  original_kind=site.i18n.gettext(original_kind(source.original))
                  if source.original else "", shown=shown,
                  shown_heading=site.i18n.gettext(SHOWN_HEADING[shown]),
                  context_words=site.project.context_words,
                  gap_after=bool(paras) and paras[-1].number < total,
                  more_anchors=[c.anchor for c in rest] if shown == NONE else [])
    return PageContext(values, toc, anchors)


# ---- claim lists: all claims, by verdict, tag, year, source; page by page ----------

TOP_TAGS = 12  # topics a list's filter names; the topics index lists them all


def chart(site: SiteIndex) -> list[dict]:
    """One bar per verdict: how many claims have it, as a share of the largest."""
    counts = {v.id: len(site.claims_by_verdict.get(v.id, ())) for v in site.project.verdicts}
    total = max(counts.values(), default=0)
    return [{"verdict": v, "count": counts[v.id], "label": short(v.label, 40),
             "share": counts[v.id] / total if total else 0} for v in site.project.verdicts]


def top_tags(site: SiteIndex) -> list[str]:
    """The topics with the most claims (ties in order of name)."""
    return sorted(site.tags, key=lambda t: (-len(site.claims_by_tag[t]), t))[:TOP_TAGS]


def _claim_list(site: SiteIndex, page: PageSpec, claims: list[Claim], heading: str,
                current: tuple[str, str | None]) -> PageContext:
    """One page of a list of claims, with the filters (each a list of its own, so
    they work without JavaScript) and, on its first page, the verdicts at a glance."""
    shown_tags = top_tags(site)
    if current[0] == "tag" and current[1] not in shown_tags:
        shown_tags.append(current[1])
    values = dict(claims=page.part(claims), heading=heading,
                  chart=chart(site) if page.number == 1 else None,
                  counts={v.id: len(site.claims_by_verdict.get(v.id, ()))
                          for v in site.project.verdicts},
                  tags=shown_tags, all_tags=len(site.tags),
                  tag_counts={t: len(site.claims_by_tag[t]) for t in shown_tags},
                  years=site.years,
                  year_counts={y: len(site.claims_by_year[y]) for y in site.years},
                  has_stories=bool(site.stories), current=current,
                  total=len(site.project.claims), listed=len(claims))
    say = site.i18n.gettext
    toc = [("filter", say("Filter"), 2), ("list", say("Claims"), 2)]
    if page.number == 1:
        toc.insert(0, ("summary", say("Verdicts at a glance"), 2))
    return PageContext(values, toc, {a for a, _, _ in toc})


def rated(site: SiteIndex, label: str) -> str:
    """The title of a verdict's list, in the site's language."""
    return site.i18n.gettext("Claims rated %(verdict)s") % {"verdict": site.i18n.quote(label)}


def tagged(site: SiteIndex, tag: str) -> str:
    return site.i18n.gettext("Claims tagged %(topic)s") % {"topic": site.i18n.quote(tag)}


def of_year(site: SiteIndex, year: str) -> str:
    """The title of a year's list, in the site's language."""
    return site.i18n.gettext("Claims of %(year)s") % {"year": year}


def citing(site: SiteIndex, title: str) -> str:
    """The title of the list of the claims citing a source, in the site's language."""
    return (site.i18n.gettext("Claims citing %(source)s")
            % {"source": site.i18n.quote(short(title, 80))})


def claims_index_context(site: SiteIndex, page: PageSpec) -> PageContext:
    return _claim_list(site, page, site.project.claims, site.i18n.gettext("All claims"),
                       ("all", None))


def verdict_context(site: SiteIndex, page: PageSpec) -> PageContext:
    verdict = site.verdicts[page.key]
    return _claim_list(site, page, site.claims_by_verdict.get(verdict.id, []),
                       rated(site, verdict.label), ("verdict", verdict.id))


def tag_context(site: SiteIndex, page: PageSpec) -> PageContext:
    return _claim_list(site, page, site.claims_by_tag[page.key], tagged(site, page.key),
                       ("tag", page.key))


def year_context(site: SiteIndex, page: PageSpec) -> PageContext:
    return _claim_list(site, page, site.claims_by_year[page.key], of_year(site, page.key),
                       ("year", page.key))


def source_claims_context(site: SiteIndex, page: PageSpec) -> PageContext:
    source = site.sources[page.key]
    return _claim_list(site, page, site.claims_by_source.get(source.id, []),
                       citing(site, source.title), ("source", source.id))


def tags_index_context(site: SiteIndex, page: PageSpec) -> PageContext:
    rows = [(t, len(site.claims_by_tag[t])) for t in page.part(site.tags)]
    return PageContext(dict(rows=rows, total=len(site.tags)),
                       [("topics", site.i18n.gettext("Topics"), 2)], {"topics"})


# ---- sources index and cross-reference ---------------------------------------------

def sources_index_context(site: SiteIndex, page: PageSpec) -> PageContext:
    rows = [(s, len(site.claims_by_source.get(s.id, ())),
             len(site.cites_by_source.get(s.id, ())))
            for s in page.part(site.project.sources)]
    return PageContext(dict(rows=rows, total=len(site.project.sources)),
                       [("sources-list", site.i18n.gettext("Sources"), 2)], {"sources-list"})


def xref_values(site: SiteIndex, claims: list[Claim]) -> dict:
    """A cross-reference of these claims and the sources they cite: a grid when they
    cite few sources, else a list per claim."""
    cells: dict[tuple[str, str], list[tuple[Claim, Citation]]] = defaultdict(list)
    cited: dict[str, Source] = {}
    for claim in claims:
        for cite in claim.citations:
            cells[(claim.id, cite.source)].append((claim, cite))
            if cite.source in site.sources:
                cited.setdefault(cite.source, site.sources[cite.source])
    return dict(claims=claims, source_list=list(cited.values()), cells=cells,
                matrix=(len(cited) <= MATRIX_MAX_SOURCES
                        and len(cited) * len(claims) <= MATRIX_MAX_CELLS))


def xref_context(site: SiteIndex, page: PageSpec) -> PageContext:
    values = dict(xref=xref_values(site, page.part(site.project.claims)),
                  stories=bool(site.stories))
    return PageContext(values, [("xref", site.i18n.gettext("Cross-reference"), 2)], {"xref"})
