"""The publication's pages: stories, authors, the front page and the corrections log.

A newsroom publishes fact-check stories (a headline, a byline, an introduction and
the claims it checks), week after week; readers arrive at a front page of the
latest stories and verdicts, follow a byline to an author's other work, and check
what was corrected. Each is a page kind with one context builder here, listed in
the same table as claim and source pages (:mod:`generator.site.pagekinds`); what
the pages show is data here and markup in the templates.

"Newest first" uses the date a reader would: a story's ``updated`` date, else its
``published``; a claim's latest ``updates`` entry, else its ``published`` date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.checker.model import UPDATE_TYPES, Author, Claim, Story, Update
from generator.site.i18n import N_
from generator.site.pages import PageContext
from generator.site.siteindex import PageSpec, SiteIndex

FRONT = "index.md"
STORIES_INDEX = "stories/index.md"
AUTHORS_INDEX = "authors/index.md"
CORRECTIONS_LOG = "corrections-log.md"
TYPE_TITLES = {"correction": N_("Corrections"), "clarification": N_("Clarifications"),
               "update": N_("Updates")}
FRONT_STORIES = 6
FRONT_VERDICTS = 12
EARLIEST = date.min


def story_date(story: Story) -> date:
    """When a story last changed, for ordering.

    >>> story_date(Story("s", "S", date(2024, 8, 9), updated=date(2024, 8, 12)))
    datetime.date(2024, 8, 12)
    """
    return story.updated or story.published


def claim_date(claim: Claim) -> date:
    """When a claim last changed: its newest update, else its publication (else never).

    >>> c = Claim("c", "C", "v", "s", [], published=date(2024, 8, 9))
    >>> claim_date(c), claim_date(Claim("d", "D", "v", "s", []))
    (datetime.date(2024, 8, 9), datetime.date(1, 1, 1))
    """
    dates = [u.date for u in claim.updates]
    if claim.published:
        dates.append(claim.published)
    return max(dates, default=EARLIEST)


def newest_stories(site: SiteIndex, stories=None) -> list[Story]:
    """Stories newest first; ties keep the order the files were included in."""
    listed = list(site.stories.values() if stories is None else stories)
    return sorted(listed, key=story_date, reverse=True)


def newest_claims(site: SiteIndex, claims=None) -> list[Claim]:
    listed = list(site.claims.values() if claims is None else claims)
    return sorted(listed, key=claim_date, reverse=True)


def byline(site: SiteIndex, story: Story) -> list[Author]:
    """The story's authors as registered (an unknown id is the checker's finding)."""
    return [site.authors[a] for a in dict.fromkeys(story.authors) if a in site.authors]


def story_claims(site: SiteIndex, story: Story) -> list[Claim]:
    return [site.claims[c] for c in story.claims if c in site.claims]


@dataclass(frozen=True)
class Correction:
    """One entry of a claim's update log, as the site-wide log lists it."""

    claim: Claim
    update: Update
    number: int  # 1-based position in the claim's own log


def corrections(site: SiteIndex) -> list[Correction]:
    """Every ``updates`` entry of every claim, newest first (then in claim order)."""
    found = [Correction(claim, update, i + 1) for claim in site.claims.values()
             for i, update in enumerate(claim.updates)]
    return sorted(found, key=lambda c: c.update.date, reverse=True)


# ---- context builders --------------------------------------------------------------

def story_context(site: SiteIndex, page: PageSpec) -> PageContext:
    """A story: its byline and introduction, and its claims (page by page) as cards
    with their cross-reference: the sources they cite, and how."""
    from generator.site.pages import xref_values

    story = site.stories[page.key]
    claims = page.part(story_claims(site, story))
    say = site.i18n.gettext
    toc = [("claims", say("The claims"), 2), ("xref", say("Sources these claims cite"), 2)]
    values = dict(story=story, authors=byline(site, story), claims=claims,
                  xref=xref_values(site, claims))
    return PageContext(values, toc, {"claims", "byline", "xref"})


def author_context(site: SiteIndex, page: PageSpec) -> PageContext:
    author = site.authors[page.key]
    every = newest_stories(site, site.stories_by_author.get(author.id, ()))
    values = dict(author=author, stories=page.part(every),
                  story_total=len(every),
                  claim_total=sum(len(story_claims(site, s)) for s in every))
    return PageContext(values, [("stories", site.i18n.gettext("Stories"), 2)], {"stories"})


def stories_index_context(site: SiteIndex, page: PageSpec) -> PageContext:
    stories = page.part(newest_stories(site))
    values = dict(stories=stories, bylines={s.id: byline(site, s) for s in stories},
                  counts={s.id: len(story_claims(site, s)) for s in stories})
    return PageContext(values, [("stories", site.i18n.gettext("Stories"), 2)], {"stories"})


def authors_index_context(site: SiteIndex, page: PageSpec) -> PageContext:
    rows = [(a, len(site.stories_by_author.get(a.id, ())))
            for a in page.part(list(site.authors.values()))]
    return PageContext(dict(rows=rows), [("authors", site.i18n.gettext("Authors"), 2)],
                       {"authors"})


def front_context(site: SiteIndex, page: PageSpec) -> PageContext:
    stories = newest_stories(site)[:FRONT_STORIES]
    claims = newest_claims(site)[:FRONT_VERDICTS]
    counts = [(v, len(site.claims_by_verdict.get(v.id, ()))) for v in site.project.verdicts]
    values = dict(stories=stories, bylines={s.id: byline(site, s) for s in stories},
                  claims=claims, story_total=len(site.stories), claim_total=len(site.claims),
                  verdict_counts=counts, authors=list(site.authors.values()),
                  corrections_total=len(corrections(site)),
                  source_total=len(site.sources))
    say = site.i18n.gettext
    toc = [("latest-stories", say("Latest stories"), 2),
           ("latest-verdicts", say("Latest verdicts"), 2),
           ("everything", say("Everything else"), 2)]
    return PageContext(values, toc, {a for a, _, _ in toc})


def corrections_log_context(site: SiteIndex, page: PageSpec) -> PageContext:
    """The log, whole or (a ``corrections-type`` page) of one type of entry: the
    filter is a page of its own, so it works without JavaScript."""
    every = corrections(site)
    shown = [c for c in every if page.key is None or c.update.type == page.key]
    counts = {t: sum(c.update.type == t for c in every) for t in UPDATE_TYPES}
    return PageContext(dict(corrections=page.part(shown),
                            current=page.key, counts=counts,
                            total=len(every), types=UPDATE_TYPES),
                       [("log", site.i18n.gettext("Corrections"), 2)], {"log"})


def corrections_type_uri(kind: str) -> str:
    """The log of one type of entry (correction, clarification, update)."""
    return f"corrections-log/{kind}/index.md"

