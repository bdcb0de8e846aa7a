"""The site as data: ClaimReview for search engines, and ``claims.json``.

Pure functions of a :class:`~generator.site.siteindex.SiteIndex`: no templates, no
MkDocs. Another export of the claims as data belongs here too (the Atom feed has
its own module, :mod:`generator.site.feed`; the verdicts' CSS is
:mod:`generator.site.verdict_css`).
"""

from __future__ import annotations

import json

from markupsafe import Markup

from generator.checker.model import Citation, Claim, Source
from generator.checker.wording import plural
from generator.site.markdown import to_text
from generator.site.siteindex import SiteIndex, anchor, author_uri, claim_uri, source_uri, story_uri

CLAIMANT_TYPES = {"person": "Person", "organization": "Organization"}
CLAIM_REVIEWED_ADVICE = 75  # characters: Google's advice for claimReviewed


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _creative_work(source: Source) -> dict:
    work: dict = {"@type": "CreativeWork", "headline": source.title}
    if source.url:
        work["url"] = source.url
    if source.published:
        work["datePublished"] = source.published.isoformat()
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    return work


def _claim_item(site: SiteIndex, claim: Claim) -> dict:
    """The reviewed claim: who made it, when, and where it appeared."""
    item: dict = {"@type": "Claim"}
    if claim.claimant:
        # A type only where the editor declared it: a guess from the words of a name
        # made "Business Insider" a Person.
        author = {"name": claim.claimant}
        if claim.claimant_type:
            author = {"@type": CLAIMANT_TYPES[claim.claimant_type], **author}
        item["author"] = author
    sources = [site.sources[sid] for sid in claim.appearance if sid in site.sources]
    appeared = min((s.published for s in sources if s.published), default=None)
    if claim.claim_date or appeared:  # when it was made, else its first dated appearance
        item["datePublished"] = (claim.claim_date or appeared).isoformat()
    appearances = [_creative_work(source) for source in sources]
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    return item


def _review_authors(site: SiteIndex, claim: Claim) -> dict | list[dict]:
    """The publisher, and the people in the byline of the claim's story, if any."""
    org: dict = {"@type": "Organization", "name": site.publisher}
    if site.options.publisher_url or site.site_url:
        org["url"] = site.options.publisher_url or site.site_url
    story = site.stories.get(claim.story) if claim.story else None
    people = []
    for author_id in dict.fromkeys(story.authors if story else ()):
        author = site.authors.get(author_id)
        if author is None:
            continue
        person: dict = {"@type": "Person", "name": author.name, "jobTitle": author.role}
        url = author.url or site.absolute(author_uri(author.id))
        if url:
            person["url"] = url
        people.append(person)
    return [org, *people] if people else org


def claim_review(site: SiteIndex, claim: Claim) -> dict:
    """schema.org ClaimReview, as Google's fact-check markup asks for it."""
    verdict = site.verdicts.get(claim.verdict)
    review: dict = {"@context": "https://schema.org", "@type": "ClaimReview"}
    url = site.absolute(claim_uri(claim.id))
    if url:
        review["url"] = url
    review["claimReviewed"] = claim.claim
    review["author"] = _review_authors(site, claim)
    if claim.published:
        review["datePublished"] = claim.published.isoformat()
    if claim.updates:
        review["dateModified"] = max(u.date for u in claim.updates).isoformat()
    if verdict is not None:
        review["reviewRating"] = {
            "@type": "Rating", "ratingValue": verdict.rating,
            "bestRating": site.best, "worstRating": site.worst,
            "name": verdict.label, "alternateName": verdict.label,
        }
    review["itemReviewed"] = _claim_item(site, claim)
    quotations = [q for cite in claim.citations if (q := _quotation(site, claim, cite))]
    if quotations:
        review["citation"] = quotations
    return review


def _quotation(site: SiteIndex, claim: Claim, cite: Citation) -> dict | None:
    """A verified quote as schema.org Quotation: the source's exact words, the work
    they are from, and the newsroom's translation (``workTranslation``) if given."""
    res = site.result.resolutions.get((claim.id, cite.index))
    source = site.sources.get(cite.source)
    if res is None or source is None:
        return None
    quote: dict = {"@type": "Quotation", "text": res.exact,
                   "isPartOf": _creative_work(source)}
    if source.language:
        quote["inLanguage"] = source.language
    if cite.translation:
        quote["workTranslation"] = {"@type": "Quotation", "text": to_text(cite.translation),
                                    "creator": {"@type": "Organization",
                                                "name": site.publisher}}
    return quote


def structured_data_notes(claims: list[Claim], site_url: str | None
                          ) -> list[tuple[str, str]]:
    """What the build should tell the newsroom about its ClaimReview blocks, each
    note with its level: ``warning`` for blocks search engines cannot use, else ``info``.

    >>> from types import SimpleNamespace as NS
    >>> claims = [NS(id="a", claim="x" * 80, claimant="Ann", claimant_type=None)]
    >>> for level, note in structured_data_notes(claims, None): print(level, note)
    ... # doctest: +ELLIPSIS
    warning `site_url` is not set in mkdocs.yml, so every ClaimReview block (1 claim) lacks a `url`...
    info 1 claim with a `claim` longer than 75 characters, ...: a (80)
    info 1 claim with a claimant but no `claimant_type` ...: a
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    notes = []
    if not site_url:
        notes.append(("warning", "`site_url` is not set in mkdocs.yml, so every "
                      f"ClaimReview block ({plural(len(claims), 'claim')}) lacks a `url`, "
                      "and search engines read fact checks only with one: set `site_url` "
                      "to the address the site is published at"))
    long = [c for c in claims if len(c.claim) > CLAIM_REVIEWED_ADVICE]
    if long:
        notes.append(("info", f"{plural(len(long), 'claim')} with a `claim` longer than "
                      f"{CLAIM_REVIEWED_ADVICE} characters, which Google advises against "
                      "for claimReviewed (shorten it, keep the detail in the summary): "
                      + _ids(long, lambda c: f"{c.id} ({len(c.claim)})")))
    untyped = [c for c in claims if c.claimant and not c.claimant_type]
    if untyped:
        notes.append(("info", f"{plural(len(untyped), 'claim')} with a claimant but no "
                      "`claimant_type` (person or organization): ClaimReview gives those "
                      "claimants no type: " + _ids(untyped, lambda c: c.id)))
    return notes


def _ids(claims: list[Claim], show, most: int = 10) -> str:
    more = f" and {len(claims) - most} more" if len(claims) > most else ""
    return ", ".join(map(show, claims[:most])) + more


def json_for_script(data) -> Markup:
    """JSON that is safe inside ``<script>``: ``</script>`` cannot end the element.

    >>> str(json_for_script({"a": "</script><b>&"}))
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return Markup(text)


def _citations(site: SiteIndex, claim: Claim) -> list[dict]:
    out = []
    for cite in claim.citations:
        res = site.result.resolutions.get((claim.id, cite.index))
        item = {"source": cite.source, "quote": cite.quote, "stance": cite.stance.value,
                "prefix": cite.prefix, "suffix": cite.suffix, "note": cite.note,
                "translation": cite.translation, "resolved": None}
        if res is not None:
            item["resolved"] = {"start": res.start, "end": res.end,
                                "paragraph": res.paragraph,
                                "pieces": [list(p) for p in res.pieces], "exact": res.exact}
        item["passage"] = (site.url(source_uri(cite.source)) + "#"
                           + anchor("passage", claim.id, cite.index))
        item["original_url"] = site.original_link(res)  # the passage on the original page
        out.append(item)
    return out


def claim_data(site: SiteIndex, c: Claim) -> dict:
    """One claim as ``claims.json`` gives it."""
    return {
        "id": c.id, "claim": c.claim, "claimant": c.claimant,
        "claim_date": _iso(c.claim_date), "verdict": c.verdict,
        "summary": c.summary, "tags": list(c.tags), "published": _iso(c.published),
        "updates": [{"date": _iso(u.date), "note": u.note} for u in c.updates],
        "appearance": list(c.appearance), "story": c.story,
        "page": site.url(claim_uri(c.id)),
        "url": site.absolute(claim_uri(c.id)), "citations": _citations(site, c),
    }


def claims_data(site: SiteIndex, claims=None) -> dict:
    """The whole publication as data: what ``claims.json`` holds.

    ``claims``: the claims' entries if the caller has them (default: made here).
    """
    project = site.project
    verdicts = [{"id": v.id, "label": v.label, "rating": v.rating,
                 "description": v.description, "color": site.colors[v.id]}
                for v in project.verdicts]
    sources = [{"id": s.id, "title": s.title, "publisher": s.publisher,
                "author": s.author, "published": _iso(s.published), "url": s.url,
                "sha256": s.sha256, "language": s.language, "retrieved": _iso(s.retrieved),
                "original": s.original,
                "original_sha256": s.original_sha256,
                # captions are the publisher's words too: listed only of a full text
                "boilerplate": list(s.boilerplate) if site.publish(s.id) == "full" else [],
                "publish": site.publish(s.id), "license": s.license, "archive": s.archive,
                "archived": _iso(s.archived), "page": site.url(source_uri(s.id))}
               for s in project.sources]
    if claims is None:
        claims = [claim_data(site, c) for c in project.claims]
    stories = [{"id": s.id, "title": s.title, "dek": s.dek,
                "published": _iso(s.published), "updated": _iso(s.updated),
                "authors": list(s.authors), "claims": list(s.claims),
                "page": site.url(story_uri(s.id))} for s in site.stories.values()]
    authors = [{"id": a.id, "name": a.name, "role": a.role, "url": a.url,
                "page": site.url(author_uri(a.id))} for a in site.authors.values()]
    return {"publisher": site.publisher, "site_url": site.site_url,
            "verdicts": verdicts, "sources": sources, "stories": stories,
            "authors": authors, "claims": claims}


class _Encoded(str):
    """A claim's entry, already JSON: written into ``claims.json`` as it is."""


def _dump(value) -> str:
    return value if isinstance(value, _Encoded) else json.dumps(value, ensure_ascii=False)


def claims_json(site: SiteIndex, kept: dict[str, tuple[str, str]] | None = None,
                keys: dict[str, str] | None = None) -> str:
    """``claims.json``: one line per verdict, source, story, author and claim.

    A line per item keeps a diff of two publications readable, and lets the C
    encoder do the work (an indented dump takes Python's slow encoder, paid on
    every preview rebuild; bench/RESULTS.md). The preview passes ``kept``,
    each claim's (key, line) from its last build, and ``keys``, each claim's key
    now (its page's, which covers all the entry shows): a claim whose key is the
    same keeps its line; ``kept`` is updated.

    >>> from generator.checker.model import CheckResult, Project
    >>> from generator.site.siteindex import SiteOptions
    >>> site = SiteIndex(CheckResult(Project("c.yaml", ".", [], [], []), []), SiteOptions())
    >>> print(claims_json(site), end="")
    {
     "publisher": "Fact checks",
     "site_url": null,
     "verdicts": [],
     "sources": [],
     "stories": [],
     "authors": [],
     "claims": []
    }
    """
    claims = None
    if kept is not None and keys is not None:
        claims = []
        for c in site.project.claims:
            key, line = kept.get(c.id, ("", ""))
            if not key or key != keys.get(c.id):
                key, line = keys.get(c.id, ""), _dump(claim_data(site, c))
                kept[c.id] = (key, line)
            claims.append(_Encoded(line))
    fields = []
    for key, value in claims_data(site, claims).items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(map(_dump, value))
            fields.append(f" {_dump(key)}: [\n  {items}\n ]")
        else:
            fields.append(f" {_dump(key)}: {_dump(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"
