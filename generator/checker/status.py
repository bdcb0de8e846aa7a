"""Where each claim and story stands (draft, review, published), and the published view.

A desk drafts a claim, has it checked, then publishes it; the repository holds all
three stages, and the checker checks them all alike. Only the site must tell them
apart: :func:`published_view` is the one place that decides what a production build
may show, a pure function from the check's result to the result the site renders,
so no template, list or feed has to remember to leave drafts out.

A claim without a ``status`` takes its story's; a story without one is published,
so a repository written before statuses existed builds as it did. A claim is never
further along than its story (a published claim in a draft story is a draft), and a
story with no published claim is not published.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from generator.checker.model import (
    STATUSES,
    CheckResult,
    Claim,
    Finding,
    Project,
    Story,
    first_by_id,
)

DRAFT, REVIEW, PUBLISHED = STATUSES
RANK = {status: rank for rank, status in enumerate(STATUSES)}
LABELS = {DRAFT: "Draft", REVIEW: "In review", PUBLISHED: "Published"}


def earliest(*statuses: str) -> str:
    """The stage furthest from publication among ``statuses``.

    >>> earliest("published", "review"), earliest("draft", "review")
    ('review', 'draft')
    """
    return min(statuses, key=RANK.__getitem__)


def claim_status(claim: Claim, story: Story | None) -> str:
    """A claim's own status, else its story's, else published; capped by its story's.

    >>> from datetime import date
    >>> story = Story("s", "S", date(2024, 8, 9), status="review")
    >>> [claim_status(Claim("c", "C", "v", "s", [], status=own), story)
    ...  for own in (None, "draft", "published")]
    ['review', 'draft', 'review']
    >>> claim_status(Claim("c", "C", "v", "s", []), None)
    'published'
    """
    story_own = (story.status if story else None) or PUBLISHED
    return earliest(claim.status or story_own, story_own)


@dataclass
class Statuses:
    """Every claim's and story's resolved status, by id (the first of a repeated id)."""

    claims: dict[str, str] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)

    def of_claim(self, claim_id: str) -> str:
        return self.claims.get(claim_id, PUBLISHED)

    def of_story(self, story_id: str | None) -> str:
        return self.stories.get(story_id or "", PUBLISHED)


def resolve(project: Project) -> Statuses:
    """Resolve every status of a project.

    A story is as far along as its most advanced claim, and no further than its own
    status: a story whose claims are all drafts is a draft, and one with no claims
    is not published at all.
    """
    stories = first_by_id(project.stories)[0]
    out = Statuses()
    for claim in project.claims:
        story = stories.get(claim.story) if claim.story else None
        out.claims.setdefault(claim.id, claim_status(claim, story))
    for sid, story in stories.items():
        reached = [out.claims[c] for c in story.claims if c in out.claims]
        most = max(reached, key=RANK.__getitem__, default=DRAFT)
        out.stories[sid] = earliest(story.status or PUBLISHED, most)
    return out


def published_view(result: CheckResult, shown: Iterable[str] = (PUBLISHED,)) -> CheckResult:
    """The check's result as a site may show it: only claims whose status is in
    ``shown``, only stories with such a claim, and only the sources something shown
    cites (or nothing at all cites), with their resolved quotes and texts.

    A production build renders ``published_view(result)``; the preview renders
    every status. The result's findings and summary are the check's, about the
    whole repository, except the findings about claims left out.
    """
    project = result.project
    wanted = set(shown)
    if project is None or wanted >= set(STATUSES):  # the preview: nothing left out
        return result
    statuses = resolve(project)
    claims = [c for c in project.claims if statuses.of_claim(c.id) in wanted]
    kept = {c.id for c in claims}
    stories = [replace(s, claims=[c for c in s.claims if c in kept])
               for s in project.stories if statuses.of_story(s.id) in wanted]
    sources = _sources_shown(project, claims)
    ids = {s.id for s in sources}
    view = replace(project, claims=claims, stories=stories, sources=sources)
    return replace(
        result, project=view,
        findings=[f for f in result.findings if f.claim is None or f.claim in kept],
        resolutions={k: r for k, r in result.resolutions.items() if k[0] in kept},
        sources={sid: s for sid, s in result.sources.items() if sid in ids},
        boilerplate={sid: b for sid, b in result.boilerplate.items() if sid in ids})


def _sources_shown(project: Project, claims: list[Claim]):
    """Sources that a shown claim cites or appears in, and those nothing refers to
    (an unused source is the checker's warning, and was published before statuses)."""
    def refers(claim: Claim) -> set[str]:
        return {c.source for c in claim.citations} | set(claim.appearance)

    anyone = set().union(*map(refers, project.claims)) if project.claims else set()
    shown = set().union(*map(refers, claims)) if claims else set()
    return [s for s in project.sources if s.id in shown or s.id not in anyone]


def withheld_sources(result: CheckResult, view: CheckResult) -> list:
    """The sources of ``result`` that ``view`` leaves out: their files must not be
    published either (a text only a draft quotes says what the desk is working on)."""
    if result.project is None or view.project is None:
        return []
    shown = {s.id for s in view.project.sources}
    return [s for s in result.project.sources if s.id not in shown]


# ---- `factcheck status`: what is not yet published ---------------------------------


@dataclass(frozen=True)
class Pending:
    """A claim that is not yet published, as ``factcheck status`` lists it."""

    claim: str
    story: str | None
    status: str
    authors: tuple[str, ...]  # who wrote it: its story's byline
    checkers: tuple[str, ...]  # who checks it: its own checked_by, else its story's
    findings: tuple[Finding, ...]  # the check's open findings about it
    path: str
    line: int


def checkers(claim: Claim, story: Story | None) -> list[str]:
    """Who checked a claim: its own ``checked_by``, else its story's.

    >>> from datetime import date
    >>> story = Story("s", "S", date(2024, 8, 9), checked_by=["ana"])
    >>> checkers(Claim("c", "C", "v", "s", []), story), checkers(
    ...     Claim("c", "C", "v", "s", [], checked_by=["ben"]), story)
    (['ana'], ['ben'])
    """
    return list(claim.checked_by or (story.checked_by if story else []))


def pending(result: CheckResult) -> list[Pending]:
    """Every claim not yet published, in file order, with its open findings."""
    project = result.project
    if project is None:
        return []
    statuses = resolve(project)
    stories = first_by_id(project.stories)[0]
    by_claim: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if finding.claim is not None:
            by_claim.setdefault(finding.claim, []).append(finding)
    out = []
    for claim in first_by_id(project.claims)[0].values():
        status = statuses.of_claim(claim.id)
        if status == PUBLISHED:
            continue
        story = stories.get(claim.story) if claim.story else None
        out.append(Pending(claim.id, claim.story, status,
                           tuple(story.authors) if story else (),
                           tuple(checkers(claim, story)),
                           tuple(by_claim.get(claim.id, ())),
                           claim.origin or project.path,
                           claim.locs["id"].line if "id" in claim.locs else 1))
    return out


def _finding_data(finding: Finding) -> dict:
    return {"path": finding.path, "line": finding.line, "column": finding.column,
            "severity": finding.severity.value, "code": finding.code,
            "message": finding.message}


def status_json(rows: list[Pending]) -> str:
    """``factcheck status --format json``: ``{"pending": [...], "counts": {...}}``."""
    import json

    data = {"pending": [{"claim": r.claim, "story": r.story, "status": r.status,
                         "authors": list(r.authors), "checked_by": list(r.checkers),
                         "path": r.path, "line": r.line,
                         "findings": [_finding_data(f) for f in r.findings]}
                        for r in rows],
            "counts": {s: sum(r.status == s for r in rows) for s in (DRAFT, REVIEW)}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def status_text(rows: list[Pending]) -> str:
    """``factcheck status``: each claim not yet published, where it is, who wrote and
    who checks it, and the first line of each open finding.

    >>> print(status_text([]), end="")
    Every claim is published.
    """
    if not rows:
        return "Every claim is published.\n"
    drafts = sum(r.status == DRAFT for r in rows)
    head = (f"Not yet published: {len(rows)} claim{'s' if len(rows) != 1 else ''} "
            f"({drafts} draft, {len(rows) - drafts} in review).")
    out = [head, ""]
    for r in rows:
        story = f" (story {r.story})" if r.story else ""
        out.append(f"{r.path}:{r.line}: {LABELS[r.status].lower()}: {r.claim}{story}")
        out.append(f"    written by: {', '.join(r.authors) or 'no byline'}; checked by: "
                   f"{', '.join(r.checkers) or 'nobody yet'}")
        for f in r.findings:
            first = f.message.splitlines()[0] if f.message else ""
            out.append(f"    {f.path}:{f.line}:{f.column}: {f.severity.value}[{f.code}] "
                       f"{first}")
        if not r.findings:
            out.append("    no open findings")
    return "\n".join(out) + "\n"
