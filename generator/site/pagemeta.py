"""What a generated page tells search engines, social sites and Pagefind.

Every page gets a description (``<meta name="description">``, Open Graph, Twitter);
a claim page also gets its share card and, for Pagefind, the claim and its verdict
so a search result can name both. Listing pages repeat what claim pages say, so
they are kept out of the readers' search. Pure: project data in, a dict out.
"""

from __future__ import annotations

from generator.checker.desk import claim_reviewed
from generator.checker.model import Claim, Source, Verdict
from generator.site.i18n import Localizer
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


def claim_meta(claim: Claim, verdict: Verdict | None, image: str | None = None,
               i18n: Localizer | None = None) -> dict:
    """
    >>> from generator.checker.model import Claim, Verdict
    >>> v = Verdict("false", "False", 1)
    >>> c = Claim("x", "The sea is dry.", "false", "It is wet.", [], claimant="Ann")
    >>> m = claim_meta(c, v, "cards/1.png")
    >>> m["description"]
    'Verdict: False. Claim by Ann: “The sea is dry.” It is wet.'
    >>> m["fc_verdict"], m["image"]
    ('False', 'cards/1.png')
    """
    i18n = i18n or Localizer()
    say = i18n.gettext
    label = verdict.label if verdict else say("not rated")
    quoted = i18n.quote(claim.claim)
    summary = " ".join(claim.summary.split())
    if claim.claimant:
        lead = say("Verdict: %(verdict)s. Claim by %(claimant)s: %(claim)s") % {
            "verdict": label, "claimant": claim.claimant, "claim": quoted}
    else:
        lead = say("Verdict: %(verdict)s. Claim: %(claim)s") % {"verdict": label,
                                                                 "claim": quoted}
    meta = {"fc_kind": "claim", "fc_claim": claim.claim, "fc_verdict": label,
            "description": clip(f"{lead} {summary}")}
    if image:
        meta["image"] = image
        meta["image_alt"] = clip(say("Verdict: %(verdict)s. %(claim)s") % {
            "verdict": label, "claim": quoted}, 400)
    return meta


def source_meta(source: Source, n_claims: int, shown: str = "full",
                i18n: Localizer | None = None) -> dict:
    """
    >>> from generator.checker.model import Source
    >>> source_meta(Source("a", "a.txt", "Raid", publisher="Wire"), 2, "excerpts")["description"]
    'Excerpts of \u201cRaid\u201d (Wire): the passages 2 fact-checks quote, in context.'
    """
    i18n = i18n or Localizer()
    by = ", ".join(x for x in (source.publisher, source.author) if x)
    title = i18n.quote(source.title) + (f" ({by})" if by else "")
    if shown == "excerpts":
        text = i18n.ngettext("Excerpts of %(title)s: the passages %(num)s fact-check quotes, "
                             "in context.", "Excerpts of %(title)s: the passages %(num)s "
                             "fact-checks quote, in context.", n_claims)
    elif shown == "none":
        text = i18n.ngettext("%(title)s: a source %(num)s fact-check quotes; its text is not "
                             "reproduced here.", "%(title)s: a source %(num)s fact-checks "
                             "quote; its text is not reproduced here.", n_claims)
    else:
        text = i18n.ngettext("The full text of %(title)s, with the passages %(num)s "
                             "fact-check quotes highlighted.", "The full text of %(title)s, "
                             "with the passages %(num)s fact-checks quote highlighted.",
                             n_claims)
    return {"fc_kind": "source",
            "description": clip(text % {"title": title, "num": i18n.number(n_claims)})}


def listing_meta(kind: str, title: str, n: int, i18n: Localizer | None = None) -> dict:
    i18n = i18n or Localizer()
    if kind == "sources":
        what = i18n.ngettext("Every source quoted by the %(num)s fact-check, with links to "
                             "the originals.", "Every source quoted by the %(num)s "
                             "fact-checks, with links to the originals.", n
                             ) % {"num": i18n.number(n)}
    elif kind == "xref":
        what = i18n.gettext("Which claim cites which source, and whether the passage "
                            "supports or contradicts it.")
    else:
        what = i18n.gettext("%(title)s: each claim with its verdict, claimant and "
                            "date.") % {"title": title}
    return {"fc_kind": kind, "description": clip(what)}


def page_meta(site: SiteIndex, spec: PageSpec, image: str | None = None) -> dict:
    """The meta of any generated page; ``image`` is a claim's share card.
    Listing pages repeat what claim pages say: readers' search leaves them out."""
    if spec.kind == "claim":
        claim = site.claims[spec.key]
        meta = claim_meta(claim, site.verdicts.get(claim.verdict), image, site.i18n)
    elif spec.kind == "source":
        meta = source_meta(site.sources[spec.key], len(site.claims_by_source.get(spec.key, ())),
                           site.publish(spec.key), site.i18n)
    else:
        meta = listing_meta(spec.kind, spec.title, len(site.project.claims), site.i18n)
    kind = PAGE_KINDS.get(spec.kind)
    if kind is not None and kind.listing:
        meta["search"] = {"exclude": True}
    return meta


def claim_card(claim: Claim, verdict: Verdict | None, color: str, site_name: str,
               i18n: Localizer | None = None, language: str = "en") -> Card:
    """A claim's share card, titled with its short form (``claim_reviewed``) if any,
    its words in the site's language (``i18n``), the claim in its own (``language``).

    >>> from datetime import date
    >>> c = Claim("x", "A very long claim as made", "v", "s", [], claim_reviewed="Short",
    ...           claimant="Ann", claim_date=date(2024, 8, 7))
    >>> card = claim_card(c, None, "#4f4f4f", "Checks", Localizer("es"))
    >>> card.title, card.byline, card.direction
    ('Short', 'Ann, 7 de agosto de 2024', 'ltr')
    """
    i18n = i18n or Localizer()
    # the claimant cut short, so the date always fits the card's last line
    claimant = short(claim.claimant, 45) if claim.claimant else ""
    byline = ", ".join(x for x in (claimant, i18n.date(claim.claim_date)) if x)
    return Card(title=claim_reviewed(claim),
                verdict=verdict.label if verdict else i18n.gettext("Not rated"),
                color=color, byline=byline, site_name=site_name,
                label=i18n.gettext("VERDICT"), direction=i18n.direction, language=language,
                quote=i18n.quote("%s").replace("%", "%%").replace("%%s", "%s"))
