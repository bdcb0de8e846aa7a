"""The site as data: ClaimReview for search engines, and ``claims.json``.

Pure functions of a :class:`~generator.site.siteindex.SiteIndex`: no templates, no
MkDocs. Another export of the claims as data belongs here too (the Atom feed has
its own module, :mod:`generator.site.feed`; the verdicts' CSS is
:mod:`generator.site.verdict_css`).
"""

from __future__ import annotations

import json
from operator import is_

from markupsafe import Markup

from generator.checker.desk import claim_reviewed, scale_problem
from generator.checker.model import Citation, Claim, Source
from generator.checker.wording import plural
from generator.site.markdown import to_text
from generator.site.siteindex import (
    CLAIMS_JSON,
    SiteIndex,
    anchor,
    author_uri,
    claim_uri,
    source_uri,
    story_uri,
)

CLAIMANT_TYPES = {"person": "Person", "organization": "Organization"}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _creative_work(source: Source) -> dict:
    work: dict = {"@type": "CreativeWork", "headline": source.title}
    if source.url:
        work["url"] = source.url
    archive = getattr(source, "archive", None)  # a copy kept by a web archive, if any
    if archive:
        work["archivedAt"] = archive
    if source.published:
        work["datePublished"] = source.published.isoformat()
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    return work


def _appearances(site: SiteIndex, claim: Claim) -> list[Source]:
    """The claim's appearances, earliest first (undated ones after, as listed)."""
    sources = [site.sources[sid] for sid in dict.fromkeys(claim.appearance)
               if sid in site.sources]
    return sorted(sources, key=lambda s: (s.published is None, s.published or 0))


def _claimant(claim: Claim) -> dict:
    """Who made the claim, typed as the editor says (a guess from the words of a name
    once made "Business Insider" a Person), identified by ``claimant_url``."""
    who: dict = {"name": claim.claimant}
    if claim.claimant_type:
        who = {"@type": CLAIMANT_TYPES[claim.claimant_type], **who}
    if claim.claimant_url:
        who["sameAs"] = claim.claimant_url
    return who


def _claim_item(site: SiteIndex, claim: Claim) -> dict:
    """The reviewed claim: who made it, when, and where it appeared, first to last."""
    item: dict = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = _claimant(claim)
    sources = _appearances(site, claim)
    appeared = sources[0].published if sources else None
    if claim.claim_date or appeared:  # when it was made, else its first dated appearance
        item["datePublished"] = (claim.claim_date or appeared).isoformat()
    appearances = [_creative_work(source) for source in sources]
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    return item


def _publisher(site: SiteIndex) -> dict:
    """The newsroom, with its policies' pages where the site has them."""
    org: dict = {"@type": "NewsMediaOrganization", "name": site.publisher}
    if site.options.publisher_url or site.site_url:
        org["url"] = site.options.publisher_url or site.site_url
    org.update(sorted(site.options.policies.items()))
    return org


def _review_authors(site: SiteIndex, claim: Claim) -> list[dict]:
    """The publisher first, then the people in the byline of the claim's story."""
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
    return [_publisher(site), *people]


def review_date(site: SiteIndex, claim: Claim):
    """When the review was published: the claim's date, else its story's, else its
    first logged update (None only for an undated claim outside any story)."""
    story = site.stories.get(claim.story) if claim.story else None
    return (claim.published or (story.published if story else None)
            or min((u.date for u in claim.updates), default=None))


def _rating(site: SiteIndex, claim: Claim) -> dict | None:
    """The verdict as a Rating; only its label when the scale breaks worst >= 1 < best."""
    verdict = site.verdicts.get(claim.verdict)
    if verdict is None:
        return None
    rating: dict = {"@type": "Rating", "alternateName": verdict.label}
    if scale_problem(site.project.verdicts) is None:
        rating.update({"ratingValue": verdict.rating, "bestRating": site.best,
                       "worstRating": site.worst, "name": verdict.label})
    explanation = to_text(claim.summary)
    if explanation:
        rating["ratingExplanation"] = explanation
    return rating


def _corrections(claim: Claim) -> list[dict]:
    """Each logged correction (not clarifications or updates) as a CorrectionComment."""
    return [{"@type": "CorrectionComment", "text": to_text(u.note),
             "datePublished": u.date.isoformat()}
            for u in claim.updates if u.type == "correction"]


def claim_review(site: SiteIndex, claim: Claim) -> dict:
    """schema.org ClaimReview, as Google's fact-check markup and schema.org define it."""
    review: dict = {"@context": "https://schema.org", "@type": "ClaimReview"}
    url = site.absolute(claim_uri(claim.id))
    if url:
        review["url"] = url
    review["claimReviewed"] = claim_reviewed(claim)
    review["author"] = _review_authors(site, claim)
    review["inLanguage"] = site.project.language
    published = review_date(site, claim)
    if published:
        review["datePublished"] = published.isoformat()
    if claim.updates:
        review["dateModified"] = max(u.date for u in claim.updates).isoformat()
    card = site.options.share_cards.get(claim.id)
    if card and site.site_url:
        review["image"] = site.site_url + card
    rating = _rating(site, claim)
    if rating:
        review["reviewRating"] = rating
    review["itemReviewed"] = _claim_item(site, claim)
    quotations = [q for cite in claim.citations if (q := _quotation(site, claim, cite))]
    if quotations:
        review["citation"] = quotations
    corrections = _corrections(claim)
    if corrections:
        review["correction"] = corrections
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


def structured_data_notes(claims: list[Claim], site_url: str | None,
                          stories: dict | None = None) -> list[tuple[str, str]]:
    """What the build should tell the newsroom about its ClaimReview blocks, each
    note with its level: ``warning`` for blocks search engines cannot use, else
    ``info``. (A long claim and an untyped claimant are the checker's findings.)

    >>> from types import SimpleNamespace as NS
    >>> claims = [NS(id="a", published=None, story=None, updates=[])]
    >>> for level, note in structured_data_notes(claims, None): print(level, note)
    ... # doctest: +ELLIPSIS
    warning `site_url` is not set in mkdocs.yml, so every ClaimReview block (1 claim) lacks a `url`...
    info 1 claim with no publication date (its own `published`, or its story's): ...: a
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    notes = []
    if not site_url:
        notes.append(("warning", "`site_url` is not set in mkdocs.yml, so every "
                      f"ClaimReview block ({plural(len(claims), 'claim')}) lacks a `url`, "
                      "and search engines read fact checks only with one: set `site_url` "
                      "to the address the site is published at"))
    stories = stories or {}
    undated = [c.id for c in claims if not (c.published or c.updates or (
        c.story in stories and stories[c.story].published))]
    if undated:
        more = f" and {len(undated) - 10} more" if len(undated) > 10 else ""
        notes.append(("info", f"{plural(len(undated), 'claim')} with no publication date "
                      "(its own `published`, or its story's): their ClaimReview has no "
                      f"datePublished: {', '.join(undated[:10])}{more}"))
    return notes


def json_for_script(data) -> Markup:
    """JSON that is safe inside ``<script>``: ``</script>`` cannot end the element.
    Compact (no space after ``,`` and ``:``): one block on each of thousands of pages.

    >>> str(json_for_script({"a": "</script><b>&"}))
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
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
        "id": c.id, "claim": c.claim, "claim_reviewed": claim_reviewed(c),
        "claimant": c.claimant, "claimant_type": c.claimant_type,
        "claimant_url": c.claimant_url, "claim_date": _iso(c.claim_date),
        "verdict": c.verdict, "summary": c.summary, "tags": list(c.tags),
        "published": _iso(c.published), "checked_by": list(c.checked_by),
        "updates": [{"date": _iso(u.date), "type": u.type, "was": u.was, "note": u.note}
                    for u in c.updates],
        "appearance": list(c.appearance), "story": c.story,
        "page": site.url(claim_uri(c.id)),
        "url": site.absolute(claim_uri(c.id)), "citations": _citations(site, c),
    }


def claims_data(site: SiteIndex, claims=None) -> dict:
    """The whole publication as data: what ``claims.json`` holds (and its parts).

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
                "authors": list(s.authors), "checked_by": list(s.checked_by),
                "claims": list(s.claims),
                "page": site.url(story_uri(s.id))} for s in site.stories.values()]
    authors = [{"id": a.id, "name": a.name, "role": a.role, "url": a.url,
                "page": site.url(author_uri(a.id))} for a in site.authors.values()]
    return {"publisher": site.publisher, "site_url": site.site_url,
            "language": project.language, "verdicts": verdicts, "sources": sources,
            "stories": stories, "authors": authors, "claims": claims}


class _Encoded(str):
    """A claim's entry, already JSON: written into ``claims.json`` as it is."""


def _dump(value) -> str:
    return value if isinstance(value, _Encoded) else json.dumps(value, ensure_ascii=False)


def _compact(value) -> str:
    """A claim's line: no space after a separator, as no reader of JSON needs one and
    each claim has dozens of them."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


CLAIMS_PART_MAX = 1000  # claims in one file of claims.json's
CLAIMS_PART_CHARS = 2_500_000  # ... or as many as fit in this many characters (at least
# one): under 10 MB even if every character took four bytes of UTF-8


def claims_part_name(number: int) -> str:
    """The file of the ``number``-th part of the claims (the first is claims.json).

    >>> claims_part_name(2)
    'claims-2.json'
    """
    return f"claims-{number}.json"


def claims_json(site: SiteIndex, kept: dict[str, tuple[str, str]] | None = None,
                keys: dict[str, str] | None = None) -> str:
    """``claims.json`` itself: the first of :func:`claims_files`.

    >>> from generator.checker.model import CheckResult, Project
    >>> from generator.site.siteindex import SiteOptions
    >>> site = SiteIndex(CheckResult(Project("c.yaml", ".", [], [], []), []), SiteOptions())
    >>> print(claims_json(site), end="")
    {
     "publisher": "Fact checks",
     "site_url": null,
     "language": "en",
     "verdicts": [],
     "sources": [],
     "stories": [],
     "authors": [],
     "claims_total": 0,
     "claims_parts": [],
     "claims": []
    }
    """
    return claims_files(site, kept, keys)[0][1]


def claims_files(site: SiteIndex, kept: dict[str, tuple[str, str]] | None = None,
                 keys: dict[str, str] | None = None, written: dict | None = None
                 ) -> list[tuple[str, str]]:
    """``claims.json`` and the files of the rest of the claims: ``(name, text)`` each.

    One line per verdict, source, story, author and claim: a diff of two
    publications stays readable, and the C encoder does the work (an indented dump
    takes Python's slow encoder, paid on every preview rebuild; bench/RESULTS.md).
    A large publication's claims are cut into parts (at most ``CLAIMS_PART_MAX``
    claims or ``CLAIMS_PART_CHARS`` characters each): claims.json holds everything else,
    the first part, ``claims_total`` and the names of the other parts
    (``claims_parts``, each ``{"part": n, "claims": [...]}``), so that no file a
    reader or a robot fetches grows with the archive. The preview passes ``kept``,
    each claim's (key, line) from its last build, and ``keys``, each claim's key now
    (its page's, which covers all the entry shows): a claim whose key is the same
    keeps its line; ``kept`` is updated. ``written``: the preview's parts of the
    last call, each with the very lines it was made of (kept lines are the same
    objects): a part whose lines are all the same objects keeps its text; updated.
    """
    lines = []
    for c in site.project.claims:
        key, line = (kept or {}).get(c.id, ("", ""))
        if kept is None or keys is None or not key or key != keys.get(c.id):
            key, line = (keys or {}).get(c.id, ""), _Encoded(_compact(claim_data(site, c)))
            if kept is not None:
                kept[c.id] = (key, line)
        lines.append(line if isinstance(line, _Encoded) else _Encoded(line))
    parts = _parts(lines)
    names = [claims_part_name(n) for n in range(2, len(parts) + 1)]
    data = claims_data(site, parts[0])
    data = {**{k: v for k, v in data.items() if k != "claims"}, "claims_total": len(lines),
            "claims_parts": names, "claims": data["claims"]}
    out = [(CLAIMS_JSON, _document(data))]
    made = {}
    for number, (name, part) in enumerate(zip(names, parts[1:], strict=True), start=2):
        old = (written or {}).get(name)
        if old is not None and len(old[0]) == len(part) and all(map(is_, old[0], part)):
            text = old[1]
        else:
            text = _document({"part": number, "claims": part})
        made[name] = (part, text)
        out.append((name, text))
    if written is not None:
        written.clear()
        written.update(made)
    return out


def _parts(lines: list[str]) -> list[list[str]]:
    """The claims' lines cut into parts (always one, maybe empty)."""
    parts: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if parts[-1] and (len(parts[-1]) >= CLAIMS_PART_MAX
                          or size + len(line) > CLAIMS_PART_CHARS):
            parts.append([])
            size = 0
        parts[-1].append(line)
        size += len(line) + 4
    return parts


def _document(data: dict) -> str:
    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(map(_dump, value))
            fields.append(f" {_dump(key)}: [\n  {items}\n ]")
        else:
            fields.append(f" {_dump(key)}: {_dump(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"
