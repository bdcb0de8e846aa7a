"""Which generated pages an edit affects: a content key per page.

``mkdocs serve --dirty`` rebuilds only the pages whose key changed since the last
build. A key is a sha256 of everything the page can show, by what the page is:

* a claim page: the claim's own YAML text, the sources it cites, and the card of
  every claim that shares a source with it, in the order the page lists them;
* a source page: the source's text and every claim citing it;
* a story page: the story (site-wide, below) and its claims (its cross-reference
  shows their cards);
* the claims index, the cross-reference, the sources index, and the pages of the
  claims with one verdict, tag or year or citing one source: the card of each
  claim they list, and the verdict and tags of every claim (their charts and
  filter links count them); the topics index: the tags of every claim;
* the stories and authors indexes and the authors' pages: the stories (site-wide)
  and how many claims each has; the front page: the card of each of the newest
  claims (with its summary), the counts, how long the corrections log is; the
  corrections log: the card and the log of each claim with one;
* every other page: all claims and sources.

Every page of a list has the key of the list (an edit that moves a claim from one
page to the next changes both).

A claim's *card* is what the packaged listing templates show of a claim that is
not the page's own: its id, text, claimant, date, verdict, tags and which sources
it cites with what stance (``tests/site/test_pagekeys.py`` renders the pages to
hold them to that). With override templates, which may show anything, a card is
the claim's whole text.

Every key also holds the site-wide inputs (the verdict scale, the registered
sources, the stories and the authors, every claim's and story's status, the options,
the templates and mkdocs.yml),
so a change there rebuilds every page. Keys are made from the text of the claims
and the sources, not from the parsed data, so any change an override template
could show changes the key: over-building is the only error they allow.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict

from generator.checker.cache_memory import claim_span
from generator.checker.model import CheckResult, first_by_id
from generator.checker.status import resolve
from generator.site.publication import FRONT_VERDICTS, claim_date
from generator.site.reuse import by_identity
from generator.site.siteindex import PageSpec, claim_year


def _sha(*parts: str) -> str:
    """The sha256 of the parts, each ended by a NUL (one encode: this runs per page).

    >>> _sha("a", "b") == hashlib.sha256(b"a\\0b\\0").hexdigest()
    True
    """
    return hashlib.sha256("\0".join((*parts, "")).encode("utf-8", "surrogatepass")).hexdigest()


def files_digest(*folders: str | None) -> str:
    """A digest of the files under ``folders`` (names, sizes, modification times).

    >>> files_digest(None) == files_digest()
    True
    """
    parts = []
    for folder in folders:
        for dirpath, _, names in os.walk(folder or "", followlinks=False):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                stat = os.stat(path)
                parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return _sha(*sorted(parts))


def claim_digests(result: CheckResult, known=None) -> dict[str, str]:
    """Each claim's digest: the sha256 of its YAML text (its data if no text).

    ``known(claim)``: the check cache's key of the claim, if it has one (a digest of
    the same text, which the check worked out already), else None.
    """
    project = result.project
    out = {}
    for claim in project.claims:
        got = known(claim) if known is not None else None
        if got is not None:
            out[claim.id] = got[0]
            continue
        span = claim_span(claim)
        text = project.texts.get(claim.origin or project.path)
        body = text[span[0]:span[1]] if span and text is not None else repr(claim)
        out[claim.id] = _sha(claim.origin or "", body)
    return out


def card_digests(result: CheckResult, memo: dict | None = None) -> dict[str, str]:
    """Each claim's card digest: what listing pages show of it (see the module).

    ``memo``: see :func:`_by_identity`; the preview's claims are the same objects
    while their story file is unchanged (a live
    :class:`~generator.checker.parsememo.ParseMemo`), and no one changes a claim
    after loading, so the same object has the same card.
    """
    return _by_identity(
        ((c.id, c) for c in result.project.claims), memo,
        lambda c: _sha(repr((c.id, c.claim, c.claimant, str(c.claim_date), c.verdict,
                             c.tags, [(x.index, x.source, x.stance.value)
                                      for x in c.citations]))))


def _source_digests(result: CheckResult, memo: dict | None) -> dict[str, str]:
    """Each readable source's digest of its text (``memo``: see :func:`page_keys`)."""
    return _by_identity(((sid, src.original) for sid, src in result.sources.items()),
                        memo, _sha)


def _by_identity(items, memo: dict | None, digest) -> dict[str, str]:
    """``{name: digest(value)}`` for ``(name, value)`` items, reusing the digest of
    the last call for a value that is the very same object (``memo``: see
    :func:`~generator.site.reuse.by_identity`)."""
    pairs = list(items)
    made = by_identity([value for _, value in pairs], memo, digest)
    return dict(zip([name for name, _ in pairs], made, strict=True))


def _shared(project, site_wide: str, statuses=None) -> str:
    """What every page shows or depends on, hashed once: every field of the verdicts,
    sources, stories and authors (their reprs leave out where they are written).
    ``statuses``: the project's resolved statuses, if worked out already."""
    statuses = statuses or resolve(project)
    return _sha(site_wide,
                repr([(v.id, v.label, v.rating, v.description, v.color, v.expects)
                      for v in project.verdicts]),
                repr(project.sources),
                # what the pages may show of the sources (excerpt windows)
                repr((project.publish, project.context_words)),
                # stories and bylines: story, author and front pages, claim kickers
                repr(project.stories), repr(project.authors),
                # every claim's and story's status: banners and list marks (rarely change)
                repr(sorted(statuses.claims.items())), repr(sorted(statuses.stories.items())),
                project.language)


class _Lists:
    """The claims each kind of page lists, grouped once, in project order."""

    def __init__(self, project, by_source: dict[str, list[str]] | None = None) -> None:
        """``by_source``: the same grouping made by an earlier call for claims whose
        ids, order and cited sources are the same (see :func:`page_keys`)."""
        self.by_source: dict[str, list[str]] = defaultdict(list)
        self.by_group: dict[tuple[str, str], list[str]] = defaultdict(list)
        for claim in project.claims:
            self.by_group[("verdict", claim.verdict)].append(claim.id)
            year = claim_year(claim)
            if year is not None:
                self.by_group[("year", year)].append(claim.id)
            for tag in dict.fromkeys(claim.tags):
                self.by_group[("tag", tag)].append(claim.id)
            if by_source is None:
                for source in dict.fromkeys(c.source for c in claim.citations):
                    self.by_source[source].append(claim.id)
        if by_source is not None:
            self.by_source = by_source
        self.by_story = {s.id: s.claims for s in project.stories}
        self.by_author: dict[str, list[str]] = defaultdict(list)
        for story in project.stories:
            for author in dict.fromkeys(story.authors):
                self.by_author[author] += story.claims


def page_keys(result: CheckResult, pages: list[PageSpec], site_wide: str,
              overridden: bool = False, known=None, cards: dict | None = None,
              texts: dict | None = None, last: dict | None = None, statuses=None
              ) -> dict[str, str]:
    """``{src_uri: key}`` for every generated page (see the module's docstring).

    ``overridden``: the site has override templates, so a card is the whole claim;
    ``known``: see :func:`claim_digests`; ``cards``: see :func:`card_digests`;
    ``texts``: the source texts' digests of the last call, by ``id(text)`` with the text
    (the preview's unchanged sources are the same strings); updated. ``last``: what the
    last call worked out (see :func:`_reusable`); ``statuses``: resolved, if known."""
    project = result.project
    claims = claim_digests(result, known)
    cards = claims if overridden else card_digests(result, cards)
    sources = _source_digests(result, texts)
    shared = _shared(project, site_wide, statuses)
    order = [c.id for c in project.claims]
    before = _reusable(last, shared, order, cards, sources)
    lists = _Lists(project, before.get("by_source"))
    # listing pages: every card, and the verdict, tags and year of every claim (counts)
    counts = _sha(shared, repr([(c.id, c.verdict, c.tags, claim_year(c))
                                for c in project.claims]))
    all_cards = _sha(counts, *cards.values())
    by_id = first_by_id(project.claims)[0]
    lists_of = {"everything": _sha(shared, *claims.values(), *sources.values()),
                "front": _front(by_id, claims, counts),
                "corrections": _corrections(by_id, cards, counts)}
    # a source's text and the cards of the claims citing it
    citing: dict[str, str] = dict(before.get("citing", {}))
    changed, stale, kept = _changed(before, claims, lists.by_source)
    out = {}
    for page in pages:
        if page.src_uri in kept and (
                (page.kind == "claim" and page.key in claims and page.key not in changed)
                or (page.kind == "source" and page.key in sources and page.key not in stale)):
            out[page.src_uri] = kept[page.src_uri]
        elif page.kind == "claim" and page.key in claims:
            cited = list(dict.fromkeys(c.source for c in by_id[page.key].citations))
            for s in cited:  # the related claims: those citing its sources (pages.related)
                if s not in citing:
                    citing[s] = _sha(sources.get(s, ""),
                                     *(cards.get(c, "") for c in lists.by_source[s]))
            out[page.src_uri] = _sha(shared, claims[page.key], *(citing[s] for s in cited))
        elif page.kind == "source" and page.key in sources:
            out[page.src_uri] = _sha(shared, sources[page.key],
                                     *(claims.get(c, "") for c in lists.by_source[page.key]))
        elif page.kind == "story":
            out[page.src_uri] = _sha(shared, page.kind, page.key or "",
                                     *(claims.get(c, "") for c in lists.by_story.get(page.key,
                                                                                      ())))
        else:  # a list: every page of it has the list's key, worked out once
            group = (page.kind, page.key)
            if group not in lists_of:
                lists_of[group] = _list_key(page, lists, cards, counts, all_cards,
                                            lists_of)
            out[page.src_uri] = lists_of[group]
    if last is not None:
        last.update(shared=shared, order=order, cards=cards, sources=sources,
                    claims=claims, by_source=lists.by_source, citing=citing, out=out)
    return out


def _reusable(last: dict | None, shared: str, order: list[str], cards: dict[str, str],
              sources: dict[str, str]) -> dict:
    """``last`` if its keys can be reused, else ``{}``.

    When the site-wide inputs, the claims' ids and order, every card and every source
    text are equal to the last call's (an edit of a claim's summary, quotes or
    updates), a claim page whose claim is unchanged has its last key, and so has a
    source page none of whose citing claims changed: each is the digest of inputs
    equal to the ones it was made of. Every other key is worked out afresh.
    """
    before = last or {}
    if before and before["shared"] == shared and before["order"] == order and \
            before["cards"] == cards and before["sources"] == sources:
        return before
    return {}


def _changed(before: dict, claims: dict[str, str], by_source: dict[str, list[str]]
             ) -> tuple[set[str], set[str], dict[str, str]]:
    """The claims whose digest changed since ``before`` (see :func:`_reusable`), the
    sources one of them cites, and the keys of ``before`` (none if it is empty)."""
    if not before:
        return set(), set(), {}
    changed = {c for c, digest in claims.items() if before["claims"].get(c) != digest}
    stale = {s for s, ids in by_source.items() if not changed.isdisjoint(ids)
             } if changed else set()
    return changed, stale, before["out"]


def _list_key(page: PageSpec, lists: _Lists, cards: dict[str, str], counts: str,
              all_cards: str, lists_of: dict) -> str:
    """The key of the list ``page`` is a page of (see the module)."""
    kind, key = page.kind, page.key or ""
    if kind in ("verdict", "tag", "year"):
        listed = lists.by_group.get((kind, page.key), [])
        return _sha(counts, kind, key, *(cards.get(c, "") for c in listed))
    if kind == "source-claims":
        return _sha(counts, kind, key, *(cards.get(c, "") for c in lists.by_source[page.key]))
    if kind in ("claims", "xref", "sources"):
        return _sha(all_cards, kind)
    if kind in ("tags", "stories", "authors", "author"):  # counts of claims and stories
        return _sha(counts, kind, key)
    if kind in ("front", "corrections", "corrections-type"):
        return _sha(lists_of[kind.split("-")[0]], kind, key)
    return _sha(lists_of["everything"], kind, key)


def _front(by_id: dict, claims: dict[str, str], counts: str) -> str:
    """The front page: the newest claims as cards (summaries shown), how many
    entries the corrections log has, and the counts."""
    newest = sorted(by_id.values(), key=claim_date, reverse=True)[:FRONT_VERDICTS]
    return _sha(counts, *(claims[c.id] for c in newest),
                str(sum(len(c.updates) for c in by_id.values())))


def _corrections(by_id: dict, cards: dict[str, str], counts: str) -> str:
    """The corrections log: each corrected claim's card and its log."""
    return _sha(counts, *(cards[c.id] + repr(c.updates) for c in by_id.values() if c.updates))
