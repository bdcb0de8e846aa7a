"""``factcheck diff``: what a pull request changes in the claims files, as Markdown.

A reviewer of a fact-check wants the editorial change, not the YAML diff: which
claims are new or gone, whose verdict moved from what to what, which quotes were
added or dropped, and whether the evidence still checks out. This module compares
two loaded projects by claim id (pure) and renders the result as Markdown fit for
a pull-request comment or ``$GITHUB_STEP_SUMMARY``. A few git helpers at the end
read claims.yaml as it was at the base revision.

Everything editors wrote is escaped before it reaches the Markdown: no raw HTML,
no table-breaking pipes, and no ``@name`` that would notify somebody.
"""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from dataclasses import dataclass, field

from generator.checker import gitrun
from generator.checker.check import check_file
from generator.checker.desk import unlogged_verdict_changes
from generator.checker.include import GitRevision
from generator.checker.lints.hedges import WordLists
from generator.checker.load import decode, load_text
from generator.checker.model import (
    CheckResult,
    Citation,
    Claim,
    Finding,
    Project,
    Source,
    Story,
    first_by_id,
)
from generator.checker.report import findings_table, md_text, summary_line
from generator.checker.schema import OBJECTS
from generator.checker.severities import summarize
from generator.checker.textmatch import word_diff
from generator.checker.wording import plural
from generator.editor.gitbase import ReviewError, resolve_base
from generator.editor.gitbase import code as _code
from generator.editor.suggest import Suggestion, suggest


def _fields_of(kind: str, *leave_out: str) -> tuple[str, ...]:
    """The fields compared for an edit, from the same tables the loader validates."""
    return tuple(f.name for f in OBJECTS[kind] if f.name not in ("id", *leave_out))


CLAIM_FIELDS = _fields_of("claim")
SOURCE_FIELDS = _fields_of("source")
STORY_FIELDS = _fields_of("story")  # its own: title, dek, dates, authors, intro
CITATION_FIELDS = _fields_of("citation", "source", "quote")  # the pair is the identity
# -- comparing (pure) ----------------------------------------------------------------


@dataclass(frozen=True)
class CitationChange:
    claim: str
    citation: Citation
    change: str  # added | removed | edited
    fields: tuple[str, ...] = ()
    before: Citation | None = None  # for an edit: the citation as it was


@dataclass
class Review:
    """The editorial difference between two versions of claims.yaml."""

    added: list[Claim] = field(default_factory=list)
    removed: list[Claim] = field(default_factory=list)
    edited: list[tuple[Claim, tuple[str, ...]]] = field(default_factory=list)
    was: dict[str, Claim] = field(default_factory=dict)  # edited claims as they were
    verdicts: list[tuple[str, str, str]] = field(default_factory=list)  # id, old, new
    citations: list[CitationChange] = field(default_factory=list)
    sources_added: list[Source] = field(default_factory=list)
    sources_removed: list[Source] = field(default_factory=list)
    sources_edited: list[tuple[Source, tuple[str, ...]]] = field(default_factory=list)
    stories_added: list[Story] = field(default_factory=list)
    stories_removed: list[Story] = field(default_factory=list)
    stories_edited: list[tuple[Story, tuple[str, ...]]] = field(default_factory=list)
    stories_were: dict[str, Story] = field(default_factory=dict)  # edited, as they were

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.edited or self.sources_added
                    or self.sources_removed or self.sources_edited or self.stories_added
                    or self.stories_removed or self.stories_edited)


def _cite_key(cite: Citation) -> tuple[str, str]:
    return cite.source, cite.quote


def _cite_value(cite: Citation) -> tuple:
    return (cite.source, cite.quote, cite.stance.value, cite.prefix, cite.suffix, cite.note)


def _field_value(item, name: str):
    value = getattr(item, name)
    if name == "citations":
        return [_cite_value(c) for c in value]
    if name == "updates":
        return [(u.date, u.note, u.type, u.was) for u in value]
    return value


def _changed(old, new, names) -> tuple[str, ...]:
    return tuple(n for n in names if _field_value(old, n) != _field_value(new, n))


def _by_id(items) -> dict:
    return first_by_id(items)[0]  # like the checker: the first of a repeated id


def _label(project: Project | None, verdict_id: str) -> str:
    verdict = project.verdict(verdict_id) if project else None
    return verdict.label if verdict else verdict_id


def _compare_citations(claim: str, old: list[Citation], new: list[Citation]
                       ) -> list[CitationChange]:
    """Citations matched by (source, quote); the same pair counted as often as it occurs."""
    out: list[CitationChange] = []
    old_left = Counter(_cite_key(c) for c in old)
    new_left = Counter(_cite_key(c) for c in new)
    kept = old_left & new_left
    olds: dict[tuple, list[Citation]] = {}
    for cite in old:
        olds.setdefault(_cite_key(cite), []).append(cite)
    used: Counter = Counter()
    for cite in new:
        key = _cite_key(cite)
        if used[key] < kept[key]:
            before = olds[key][used[key]]
            used[key] += 1
            fields = _changed(before, cite, CITATION_FIELDS)
            if fields:
                out.append(CitationChange(claim, cite, "edited", fields, before))
        else:
            out.append(CitationChange(claim, cite, "added"))
    dropped: Counter = Counter()
    for cite in old:
        key = _cite_key(cite)
        dropped[key] += 1
        if dropped[key] > kept[key]:
            out.append(CitationChange(claim, cite, "removed"))
    return _pair_edited_quotes(out)


def _pair_edited_quotes(changes: list[CitationChange]) -> list[CitationChange]:
    """A quote edited in place shows as one citation removed and one added: pair each
    added citation with the most alike removed one of the same source (their quotes
    at least half alike), and call it an edit of the quote."""
    from rapidfuzz import fuzz

    removed = [c for c in changes if c.change == "removed"]
    out = []
    for ch in changes:
        if ch.change == "edited":
            out.append(ch)
        if ch.change != "added":
            continue
        same = [r for r in removed if r.citation.source == ch.citation.source]
        best = max(same, default=None,
                   key=lambda r: fuzz.ratio(r.citation.quote, ch.citation.quote))
        if best is None or fuzz.ratio(best.citation.quote, ch.citation.quote) < 50:
            out.append(ch)
            continue
        removed.remove(best)
        fields = ("quote",) + _changed(best.citation, ch.citation, CITATION_FIELDS)
        out.append(CitationChange(ch.claim, ch.citation, "edited", fields, best.citation))
    return out + removed


def compare(old: Project | None, new: Project | None) -> Review:
    """Compare two versions of a project by claim and source id.

    >>> from generator.checker.load import load_text
    >>> base = "sources: []\\nclaims:\\n- {id: a, claim: A, verdict: accurate, summary: s, citations: []}\\n"
    >>> head = base.replace("verdict: accurate", "verdict: misleading")
    >>> old, _ = load_text(base, "c.yaml", "."); new, _ = load_text(head, "c.yaml", ".")
    >>> review = compare(old, new)
    >>> review.verdicts, review.edited[0][1]
    ([('a', 'Accurate', 'Misleading')], ('verdict',))
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    review = Review()
    old_claims = _by_id(old.claims) if old else {}
    new_claims = _by_id(new.claims) if new else {}
    for cid, claim in new_claims.items():
        before = old_claims.get(cid)
        if before is None:
            review.added.append(claim)
            review.citations += _compare_citations(cid, [], claim.citations)
            continue
        fields = _changed(before, claim, CLAIM_FIELDS)
        if fields:
            review.edited.append((claim, fields))
            review.was[cid] = before
        if before.verdict != claim.verdict:
            review.verdicts.append((cid, _label(old, before.verdict),
                                    _label(new, claim.verdict)))
        review.citations += _compare_citations(cid, before.citations, claim.citations)
    for cid, claim in old_claims.items():
        if cid not in new_claims:
            review.removed.append(claim)
            review.citations += _compare_citations(cid, claim.citations, [])
    old_sources = _by_id(old.sources) if old else {}
    new_sources = _by_id(new.sources) if new else {}
    for sid, source in new_sources.items():
        before = old_sources.get(sid)
        if before is None:
            review.sources_added.append(source)
        elif fields := _changed(before, source, SOURCE_FIELDS):
            review.sources_edited.append((source, fields))
    review.sources_removed = [s for sid, s in old_sources.items() if sid not in new_sources]
    _compare_stories(review, old, new)
    return review


def _compare_stories(review: Review, old: Project | None, new: Project | None) -> None:
    """Stories by id: added, removed, or edited in their own fields (their claims
    are compared as claims)."""
    old_stories = _by_id(old.stories) if old else {}
    new_stories = _by_id(new.stories) if new else {}
    for sid, story in new_stories.items():
        before = old_stories.get(sid)
        if before is None:
            review.stories_added.append(story)
        elif fields := _changed(before, story, STORY_FIELDS):
            review.stories_edited.append((story, fields))
            review.stories_were[sid] = before
    review.stories_removed = [s for sid, s in old_stories.items() if sid not in new_stories]


# -- rendering (pure) ----------------------------------------------------------------

def _fields(names) -> str:
    return ", ".join(_code(n) for n in names)


def _headline(review: Review) -> str:
    parts = []
    for items, what in ((review.added, "added"), (review.removed, "removed"),
                        (review.edited, "edited")):
        if items:
            parts.append(f"{plural(len(items), 'claim')} {what}")
    if review.verdicts:
        parts.append(f"{plural(len(review.verdicts), 'verdict')} changed")
    for change in ("added", "removed", "edited"):
        count = sum(c.change == change for c in review.citations)
        if count:
            parts.append(f"{plural(count, 'citation')} {change}")
    sources = len(review.sources_added) + len(review.sources_removed) + len(
        review.sources_edited)
    if sources:
        parts.append(f"{plural(sources, 'source')} changed")
    for items, what in ((review.stories_added, "added"), (review.stories_removed, "removed"),
                        (review.stories_edited, "edited")):
        if items:
            parts.append(f"{len(items)} {'story' if len(items) == 1 else 'stories'} {what}")
    return "; ".join(parts) + "." if parts else "No editorial changes."


TEXT_FIELDS = tuple(f.name for f in OBJECTS["claim"] if f.kind == "text")
STORY_TEXT_FIELDS = tuple(f.name for f in OBJECTS["story"] if f.kind == "text")


def _text_diffs(before: Claim | None, after: Claim, names) -> list[str]:
    """A word diff (``[-old-]{+new+}``) under an edited claim for each changed text."""
    if before is None:
        return []
    out = []
    for name in names:
        if name in TEXT_FIELDS:
            old, new = getattr(before, name) or "", getattr(after, name) or ""
            out.append(f"  - {_code(name)}: {md_text(word_diff(old, new))}")
    return out


def _shown(value) -> str:
    """A story's date or list of author ids, as the review prints it."""
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return "not set" if value is None else str(value)


def _story_changes(before: Story, after: Story, names) -> list[str]:
    """Under an edited story: a word diff of each changed text, ``old → new`` of the rest.

    >>> from datetime import date
    >>> old = Story("s", "Gas flows", date(2024, 8, 8), authors=["ana"])
    >>> new = Story("s", "Gas still flows", date(2024, 8, 9), authors=["ana", "ben"])
    >>> print("\\n".join(_story_changes(old, new, ("title", "published", "authors"))))
      - `title`: Gas \\{+still+\\} flows
      - `published`: 2024-08-08 → 2024-08-09
      - `authors`: ana → ana, ben
    """
    out = []
    for name in names:
        old, new = getattr(before, name), getattr(after, name)
        if name in STORY_TEXT_FIELDS:
            shown = word_diff(old or "", new or "")
        else:
            shown = f"{_shown(old)} → {_shown(new)}"
        out.append(f"  - {_code(name)}: {md_text(shown)}")
    return out


def _stories(review: Review) -> list[str]:
    out = ["### Stories", ""]
    out += [f"- added {_code(s.id)}: {md_text(s.title)}" for s in review.stories_added]
    out += [f"- removed {_code(s.id)}: {md_text(s.title)}" for s in review.stories_removed]
    for story, names in review.stories_edited:
        out.append(f"- edited {_code(story.id)}: changed {_fields(names)}")
        out += _story_changes(review.stories_were[story.id], story, names)
    return [*out, ""]


def _citation_row(ch: CitationChange) -> str:
    """One row: an edited stance reads ``old → new``, an edited quote as a word diff."""
    change = ch.change + (f" ({_fields(ch.fields)})" if ch.fields else "")
    stance = ch.citation.stance.value
    quote = ch.citation.quote
    if ch.before is not None and ch.before.stance is not ch.citation.stance:
        stance = f"{ch.before.stance.value} → {stance}"
    if ch.before is not None and ch.before.quote != quote:
        quote = word_diff(ch.before.quote, quote)
    return (f"| {_code(ch.claim)} | {change} | {_code(ch.citation.source)} | {stance} | "
            f"{md_text(quote)} |")


MISSED = 3  # suggestions shown per added or edited claim


def missed_evidence(review: Review, result: CheckResult) -> dict[str, list[Suggestion]]:
    """For each added or edited claim, the uncited passages most relevant to it."""
    if result.project is None:
        return {}
    lists = WordLists.merged(result.project.hedges)
    claims = [*review.added, *(c for c, _ in review.edited)]
    found = {c.id: suggest(result, c, lists, MISSED) for c in claims}
    return {cid: items for cid, items in found.items() if items}


def _missed(missed: dict[str, list[Suggestion]]) -> list[str]:
    out = ["### Evidence you may have missed", "",
           "Passages of the sources relevant to a claim this change adds or edits, that "
           "the claim does not cite (hedged or contradicting first; "
           "`factcheck suggest CLAIM_ID` prints them ready to paste):", ""]
    for cid, items in missed.items():
        for s in items:
            why = ", ".join((*s.hedged, *s.contrary))
            out.append(f"- {_code(cid)}: {_code(s.source)}, paragraph {s.paragraph}"
                       + (f" ({md_text(why)})" if why else "") + f": {md_text(s.quote)}")
    return [*out, ""]


def render(review: Review, result: CheckResult | None, base: str,
           notes: list[str] | None = None,
           missed: dict[str, list[Suggestion]] | None = None) -> str:
    """The review as Markdown: headline, verdict changes, claims, citations, missed
    evidence, check."""
    out = ["## Fact-check review", "", f"Compared with {base}: {_headline(review)}", ""]
    for note in notes or []:
        out += [f"> {note}", ""]
    if review.verdicts:
        out += ["### Verdict changes", "", "| Claim | Old verdict | New verdict |",
                "|---|---|---|"]
        out += [f"| {_code(cid)} | {md_text(old)} | **{md_text(new)}** |"
                for cid, old, new in review.verdicts]
        out.append("")
    if review.added:
        out += ["### Claims added", ""]
        out += [f"- {_code(c.id)}: {md_text(c.claim)} (verdict: {md_text(c.verdict)}, "
                f"{plural(len(c.citations), 'citation')})" for c in review.added]
        out.append("")
    if review.removed:
        out += ["### Claims removed", ""]
        out += [f"- {_code(c.id)}: {md_text(c.claim)}" for c in review.removed]
        out.append("")
    if review.edited:
        out += ["### Claims edited", ""]
        for c, names in review.edited:
            out.append(f"- {_code(c.id)}: changed {_fields(names)}")
            out += _text_diffs(review.was.get(c.id), c, names)
        out.append("")
    if review.citations:
        out += ["### Citations", "", "| Claim | Change | Source | Stance | Quote |",
                "|---|---|---|---|---|"]
        out += [_citation_row(ch) for ch in review.citations]
        out.append("")
    if review.sources_added or review.sources_removed or review.sources_edited:
        out += ["### Sources", ""]
        out += [f"- added {_code(s.id)}: {md_text(s.title)}" for s in review.sources_added]
        out += [f"- removed {_code(s.id)}: {md_text(s.title)}" for s in review.sources_removed]
        out += [f"- edited {_code(s.id)}: changed {_fields(names)}"
                for s, names in review.sources_edited]
        out.append("")
    if review.stories_added or review.stories_removed or review.stories_edited:
        out += _stories(review)
    if missed:
        out += _missed(missed)
    out += ["### Citation check", ""]
    if result is None:
        out += ["The check did not run.", ""]
    else:
        out += [summary_line(result.summary), ""]
        if result.findings:
            out += [*findings_table(result.findings), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def review(claims: str, base: str | None = None) -> tuple[str, list[Finding]]:
    """Compare ``claims`` in the working tree with its version at ``base``: the
    Markdown, and the published verdicts changed without a correction saying so."""
    folder = os.path.dirname(os.path.abspath(claims))
    if not os.path.isdir(folder):
        raise ReviewError(f"no such folder: {folder}")
    top = gitrun.output(folder, "rev-parse", "--show-toplevel")
    if top is None:
        raise ReviewError(f"{folder} is not in a git repository: `factcheck diff` "
                          "compares with a git revision")
    toplevel = top.decode().strip()
    sha, label = resolve_base(folder, base)
    inside = os.path.relpath(os.path.realpath(claims), os.path.realpath(toplevel))
    inside = inside.replace(os.sep, "/")
    notes: list[str] = []
    old = None
    if sha is not None:
        shown = gitrun.output(toplevel, "show", f"{sha}:{inside}")
        if shown is None:
            notes.append(f"{md_text(inside)} does not exist at the base: every claim is new.")
        else:
            text, problems = decode(shown, claims)
            if text is not None:  # its story files too, as they were at the base
                tree = GitRevision(toplevel, sha, posixpath.dirname(inside))
                old, problems = load_text(text, claims, folder, tree)
            if old is None:
                notes.append(f"{md_text(inside)} could not be read at the base "
                             f"({md_text(problems[0].message) if problems else 'invalid'}); "
                             "every claim is shown as new.")
    result = check_file(claims)
    if result.project is None:
        notes.append(f"{md_text(inside)} has errors that stop it from loading; the changes "
                     "cannot be listed until they are fixed (see the check below).")
        changes = Review()
    else:
        changes = compare(old, result.project)
    unlogged = unlogged_verdict_changes(old, result.project)
    result.findings = sorted(result.findings + unlogged, key=Finding.sort_key)
    result.summary = summarize(result.findings, result.summary)
    where = f"`{sha[:12]}` ({label})" if sha else label
    return render(changes, result, where, notes, missed_evidence(changes, result)), unlogged
