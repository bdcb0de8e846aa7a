"""The desk's rules: who checked a claim, how its corrections are logged, and
what its ClaimReview needs (a short claimReviewed, a publishable rating scale).

Run once per check over the whole project, never replayed from the cache: they
read the story a claim belongs to and the publication's settings, which a claim's
own text does not hold, and each costs a few comparisons per claim.
"""

from __future__ import annotations

from generator.checker import rules
from generator.checker.collector import Collector
from generator.checker.model import Claim, Project, Verdict, first_by_id
from generator.checker.status import PUBLISHED, checkers, resolve
from generator.checker.wording import did_you_mean

CLAIM_REVIEWED_MAX = 75  # characters: Google's advice for claimReviewed


def claim_reviewed(claim: Claim) -> str:
    """What ClaimReview gives as ``claimReviewed``: the short form, else the claim.

    >>> claim_reviewed(Claim("c", "A long claim", "v", "s", [], claim_reviewed="Short"))
    'Short'
    """
    return claim.claim_reviewed or claim.claim


def scale_problem(verdicts: list[Verdict]) -> str | None:
    """Why the ratings cannot be a ClaimReview rating (worst at least 1, best above it).

    >>> scale_problem([Verdict("a", "A", 2), Verdict("b", "B", 1)]) is None
    True
    >>> scale_problem([Verdict("a", "A", 1), Verdict("b", "B", 0)])
    'the worst rating is 0; worstRating must be at least 1'
    """
    ratings = [v.rating for v in verdicts]
    if not ratings:
        return None
    worst, best = min(ratings), max(ratings)
    if worst < 1:
        return f"the worst rating is {worst}; worstRating must be at least 1"
    if best <= worst:
        return (f"every verdict is rated {best}; bestRating must be above worstRating, "
                "so the scale needs at least two ratings")
    return None


def check(found: Collector, project: Project) -> None:
    """Every desk rule over the project."""
    problem = scale_problem(project.verdicts)
    if problem and project.locs.get("verdicts"):
        found.add(rules.RATING_SCALE, project.locs.get("verdicts"),
                  f"the verdict scale cannot be published as a ClaimReview rating: "
                  f"{problem}; reviews will carry only the verdict's label. Number the "
                  "verdicts from 1 upwards")
    known = [a.id for a in project.authors]
    for story in first_by_id(project.stories)[0].values():
        _checkers_known(found, story, known, None)
    stories = first_by_id(project.stories)[0]
    statuses = resolve(project)
    for claim in first_by_id(project.claims)[0].values():
        story = stories.get(claim.story) if claim.story else None
        _checkers_known(found, claim, known, claim.id)
        _length(found, claim)
        _updates(found, project, claim)
        if project.second_check == "required" and statuses.of_claim(claim.id) == PUBLISHED:
            _second_check(found, claim, story)


def _checkers_known(found: Collector, item, known: list[str], claim: str | None) -> None:
    for person in item.checked_by:
        if person not in known:
            hint = did_you_mean(person, known)
            found.add(rules.UNKNOWN_AUTHOR, item.locs.get("checked_by"),
                      f"`checked_by` names `{person}`, who is not in the `authors` "
                      "registry of claims.yaml"
                      + (f"; did you mean `{hint}`?" if hint else "; add them there first"),
                      claim=claim, suggestion=hint, path=item.origin)


def _length(found: Collector, claim: Claim) -> None:
    kw = {"claim": claim.id, "path": claim.origin}
    if claim.claim_reviewed and len(claim.claim_reviewed) > CLAIM_REVIEWED_MAX:
        found.add(rules.CLAIM_REVIEWED_TOO_LONG, claim.locs.get("claim_reviewed"),
                  f"`claim_reviewed` has {len(claim.claim_reviewed)} characters; keep it "
                  f"to {CLAIM_REVIEWED_MAX}", **kw)
    elif not claim.claim_reviewed and len(claim.claim) > CLAIM_REVIEWED_MAX:
        found.add(rules.CLAIM_REVIEWED_TOO_LONG, claim.locs.get("claim"),
                  f"the claim has {len(claim.claim)} characters, more than the "
                  f"{CLAIM_REVIEWED_MAX} search engines show: add `claim_reviewed:` with "
                  f"the claim in {CLAIM_REVIEWED_MAX} characters or fewer", **kw)


def _updates(found: Collector, project: Project, claim: Claim) -> None:
    """`was` belongs to a correction and names a verdict on the scale."""
    scale = [v.id for v in project.verdicts]
    for update in claim.updates:
        loc = update.locs.get("was")
        if update.was is None:
            continue
        if update.type != "correction":
            found.add(rules.SCHEMA, loc, f"`was` names the verdict a correction replaced, "
                      f"but this update is `type: {update.type}`; write `type: correction` "
                      "or leave `was` out", claim=claim.id, path=claim.origin)
        elif update.was not in scale:
            hint = did_you_mean(update.was, scale)
            found.add(rules.UNKNOWN_VERDICT, loc, f"`was: {update.was}` is not on the "
                      f"verdict scale ({', '.join(scale)})"
                      + (f"; did you mean `{hint}`?" if hint else ""),
                      claim=claim.id, suggestion=hint, path=claim.origin)


def second_checkers(claim: Claim, story) -> list[str]:
    """The checkers of a claim who are not among its story's authors.

    >>> from datetime import date
    >>> from generator.checker.model import Story
    >>> story = Story("s", "S", date(2024, 8, 9), authors=["ana"], checked_by=["ana", "ben"])
    >>> second_checkers(Claim("c", "C", "v", "s", []), story)
    ['ben']
    """
    authors = set(story.authors) if story else set()
    return [p for p in checkers(claim, story) if p not in authors]


def _second_check(found: Collector, claim: Claim, story) -> None:
    if second_checkers(claim, story):
        return
    named = checkers(claim, story)
    why = (f"its checkers ({', '.join(named)}) are all among its story's authors"
           if named else "nobody is named in `checked_by`")
    loc = (claim.locs.get("checked_by") or claim.locs.get("status")
           or claim.locs.get("id"))
    found.add(rules.SECOND_CHECK_MISSING, loc,
              f"claim `{claim.id}` is published, but {why}, and claims.yaml has "
              "`second_check: required`: add a checker who did not write the story to "
              "`checked_by`, or set `status: review` until someone has",
              claim=claim.id, path=claim.origin)


# ---- across two versions: what `factcheck diff` sees -------------------------------


def unlogged_verdict_changes(old: Project | None, new: Project | None) -> list:
    """Findings for published claims whose verdict changed between ``old`` (the
    base of a pull request) and ``new`` without a new correction naming the old one.

    A claim that was not yet published at the base may change its verdict freely:
    no reader saw the earlier one.
    """
    if old is None or new is None:
        return []
    was_published = resolve(old)
    before = first_by_id(old.claims)[0]
    found = Collector(new.path)
    for claim in first_by_id(new.claims)[0].values():
        earlier = before.get(claim.id)
        if (earlier is None or earlier.verdict == claim.verdict
                or was_published.of_claim(claim.id) != PUBLISHED):
            continue
        logged = {(u.date, u.note, u.type, u.was) for u in earlier.updates}
        if any(u.type == "correction" and u.was == earlier.verdict
               and (u.date, u.note, u.type, u.was) not in logged for u in claim.updates):
            continue
        found.add(rules.VERDICT_CHANGE_UNLOGGED, claim.locs.get("verdict"),
                  f"the verdict of published claim `{claim.id}` changed from "
                  f"`{earlier.verdict}` to `{claim.verdict}`, but no new `updates` entry "
                  f"says so: add one with `type: correction`, `was: {earlier.verdict}` "
                  "and a note saying what was wrong and what the verdict is now",
                  claim=claim.id, path=claim.origin)
    return found.findings
