"""What a generated page tells search engines, social sites and Pagefind.

Every page gets a description (``<meta name="description">``, Open Graph, Twitter);
a claim page also gets its share card and, for Pagefind, the claim and its verdict
so a search result can name both. Listing pages repeat what claim pages say, so
they are kept out of the readers' search. Pure: project data in, a dict out.
"""

from __future__ import annotations

from generator.checker.desk import claim_reviewed
from generator.checker.model import Claim, Source, Verdict
from generator.site.pagekinds import PAGE_KINDS
from generator.site.pages import short
from generator.site.share_image import Card
from generator.site.siteindex import PageSpec, SiteIndex

DESCRIPTION_MAX = 200


def clip(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """One line of at most ``limit`` characters, cut at a word.

    >>> clip("a  b\\n c"), clip("one two three", 9)
    ('a b c', 'one two\u2026')
    """
    return short(text, limit)


CARD_DIR = "assets/factcheck/cards"


def card_uri(key: str) -> str:
    """Where a share card is published, relative to the site root, by its key."""
    return f"{CARD_DIR}/{key}.png"


def claim_meta(claim: Claim, verdict: Verdict | None, image: str | None = None) -> dict:
    """
    >>> from generator.checker.model import Claim, Verdict
    >>> v = Verdict("false", "False", 1)
    >>> c = Claim("x", "The sea is dry.", "false", "It is wet.", [], claimant="Ann")
    >>> m = claim_meta(c, v, "cards/1.png")
    >>> m["description"]
    'Verdict: False. Claim by Ann: \u201cThe sea is dry.\u201d It is wet.'
    >>> m["fc_verdict"], m["image"]
    ('False', 'cards/1.png')
    """
    label = verdict.label if verdict else "not rated"
    who = f" by {claim.claimant}" if claim.claimant else ""
    summary = " ".join(claim.summary.split())
    meta = {
        "fc_kind": "claim", "fc_claim": claim.claim, "fc_verdict": label,
        "description": clip(f"Verdict: {label}. Claim{who}: \u201c{claim.claim}\u201d "
                            f"{summary}"),
    }
    if image:
        meta["image"] = image
        meta["image_alt"] = clip(f"Verdict: {label}. \u201c{claim.claim}\u201d", 400)
    return meta


def source_meta(source: Source, n_claims: int, shown: str = "full") -> dict:
    """
    >>> from generator.checker.model import Source
    >>> source_meta(Source("a", "a.txt", "Raid", publisher="Wire"), 2, "excerpts")["description"]
    'Excerpts of \u201cRaid\u201d (Wire): the passages 2 fact-checks quote, in context.'
    """
    by = ", ".join(x for x in (source.publisher, source.author) if x)
    title = f"\u201c{source.title}\u201d{' (' + by + ')' if by else ''}"
    checks = f"{n_claims} fact-check{'s' if n_claims != 1 else ''}"
    what = {"full": f"The full text of {title}, with the passages {checks} quote "
                    "highlighted.",
            "excerpts": f"Excerpts of {title}: the passages {checks} quote, in context.",
            "none": f"{title}: a source {checks} quote; its text is not reproduced here."}
    return {"fc_kind": "source", "description": clip(what[shown])}


def listing_meta(kind: str, title: str, n: int) -> dict:
    what = {"sources": f"Every source quoted by the {n} fact-checks, with links to the "
                       "originals.",
            "xref": "Which claim cites which source, and whether the passage supports "
                    "or contradicts it."}.get(kind, f"{title}: each claim with its verdict, "
                                                    "claimant and date.")
    return {"fc_kind": kind, "description": clip(what)}


def page_meta(site: SiteIndex, spec: PageSpec, image: str | None = None) -> dict:
    """The meta of any generated page; ``image`` is a claim's share card.
    Listing pages repeat what claim pages say: readers' search leaves them out."""
    if spec.kind == "claim":
        claim = site.claims[spec.key]
        meta = claim_meta(claim, site.verdicts.get(claim.verdict), image)
    elif spec.kind == "source":
        meta = source_meta(site.sources[spec.key], len(site.claims_by_source.get(spec.key, ())),
                           site.publish(spec.key))
    else:
        meta = listing_meta(spec.kind, spec.title, len(site.project.claims))
    kind = PAGE_KINDS.get(spec.kind)
    if kind is not None and kind.listing:
        meta["search"] = {"exclude": True}
    return meta


def claim_card(claim: Claim, verdict: Verdict | None, color: str, site_name: str,
               byline_date: str = "") -> Card:
    """A claim's share card, titled with its short form (``claim_reviewed``) if any.

    >>> c = Claim("x", "A very long claim as made", "v", "s", [], claim_reviewed="Short")
    >>> claim_card(c, None, "#000000", "Site").title
    'Short'
    """
    byline = ", ".join(x for x in (claim.claimant, byline_date) if x)
    return Card(title=claim_reviewed(claim), verdict=verdict.label if verdict else "Not rated",
                color=color, byline=byline, site_name=site_name)
