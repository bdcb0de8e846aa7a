"""Quotes in the desk's own prose, held to what its citations are held to.

Every fragment a claim's summary or update notes put in quotation marks must occur,
matched as a citation's quote is, in a source the claim cites (or in the claim's own
text); every fragment of a story's dek and intro, in a source its claims cite. A
fragment found must not leave out a hedge, negation or qualifier of its sentence in
the source, unless the prose around it says it. Findings point at the fragment's own
line and column inside the YAML value (generator/checker/scalarpos.py).

``windows`` restricts a source to the spans the site publishes of it (its excerpt
windows, or the cited passages of a source not published; built by
generator/checker/lints/published.py): a fragment must lie inside one of them, so
that the prose never quotes what the site withholds. A source it does not name is
published whole.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import NamedTuple, TypeVar

from generator.checker import rules, scalarpos
from generator.checker.lints.hedges import (
    KIND_NAMES,
    DroppedMemo,
    WordLists,
    dropped,
    sentence_bounds,
    together,
)
from generator.checker.model import Claim, Finding, Loc, Story
from generator.checker.prose import Fragment, fragments
from generator.checker.textmatch import Match, SourceText, fold, needles

Windows = Mapping[str, Sequence[tuple[int, int]]]
TRAILING = ",.;:!?"  # punctuation a sentence may put inside the closing mark
PROSE_KINDS = ("hedges", "negations", "qualifiers")
T = TypeVar("T")


@dataclass(frozen=True)
class ProseValue:
    """A Markdown value of the desk's prose and where it is written."""

    field: str  # summary, updates[0].note, dek, intro
    value: str
    loc: Loc | None


def claim_values(claim: Claim) -> list[ProseValue]:
    """The claim's summary and each update's note."""
    out = [ProseValue("summary", claim.summary, claim.locs.get("summary"))]
    out += [ProseValue(f"updates[{i}].note", u.note, u.locs.get("note"))
            for i, u in enumerate(claim.updates)]
    return out


def story_values(story: Story) -> list[ProseValue]:
    """The story's dek and intro, where written."""
    return [ProseValue(name, getattr(story, name), story.locs.get(name))
            for name in ("dek", "intro") if getattr(story, name)]


@dataclass(frozen=True)
class Prose:
    """What one claim's (or story's) prose may quote, and where findings go."""

    path: str  # the claims file the values are written in
    text: str  # that file's text, to locate a fragment inside a value
    sources: Mapping[str, SourceText]  # every readable source, by id
    allowed: Sequence[str]  # the sources it may quote, in citation order
    own: Sequence[str]  # texts it may quote besides: the claim's own words
    lists: WordLists
    windows: Windows | None = None
    claim: str | None = None
    whose: str = "the claim cites"
    own_name: str = "the claim"
    # what the citations' lints found their quotes drop: a summary quotes the same
    # passages (generator/checker/lints/findings.py Context)
    hedged: DroppedMemo | None = field(default=None, compare=False)


def _whole_words(src: SourceText, match: Match) -> bool:
    """A fragment starts and ends where words do: "rare" is not in "rarely"."""
    text = src.original
    a, b = match.start, match.end
    return not ((a > 0 and text[a - 1].isalnum() and text[a].isalnum())
                or (b < len(text) and text[b].isalnum() and text[b - 1].isalnum()))


def _inside(match: Match, windows: Sequence[tuple[int, int]] | None) -> bool:
    if windows is None:
        return True
    start, end = match.start, match.end  # properties: read once, not once per window
    return any(lo <= start and end <= hi for lo, hi in windows)


def locate_all(fragment: str, prose: Prose) -> list[tuple[str, Match]]:
    """Every place in the cited sources that has the fragment, in a published
    window, cited sources first to last; a comma or full stop inside the closing
    mark may be dropped (then only where the fragment as written is nowhere).

    >>> src = {"a": SourceText("He said it was difficult. Then he left, difficult.")}
    >>> p = Prose("c.yaml", "", src, ["a"], [], WordLists.merged())
    >>> len(locate_all("difficult.", p)), locate_all("difficul", p), locate_all("Difficult", p)
    (2, [], [])
    """
    for candidate in dict.fromkeys((fragment, fragment.rstrip(TRAILING))):
        if not candidate.strip():
            continue
        found = []
        for sid in prose.allowed:
            src = prose.sources.get(sid)
            if src is None:
                continue
            found += [(sid, match) for match in src.find_all(candidate)
                      if _whole_words(src, match)
                      and _inside(match, (prose.windows or {}).get(sid))]
        if found:
            return found
    return []


def locate(fragment: str, prose: Prose) -> tuple[str, Match] | None:
    """The first place :func:`locate_all` finds, if any."""
    found = locate_all(fragment, prose)
    return found[0] if found else None


@functools.lru_cache(maxsize=256)
def _own_text(text: str) -> SourceText:
    """A claim's own text prepared once for all the fragments of its prose (and a
    story's claims for its dek and intro), not once per fragment."""
    return SourceText(text)


@functools.lru_cache(maxsize=256)
def _own_folded(text: str) -> str:
    """A claim's own text as matching reads it (its normalized text, without the map
    back to its characters, which only a fragment found there needs)."""
    return fold(text)


def _may_quote(candidate: str, text: str) -> bool:
    """False only if :meth:`SourceText.find_all` finds ``candidate`` nowhere in
    ``text``: a match is each of its pieces, folded, in the folded text. Most
    fragments quote a source, not the claim, and folding a claim's text is a small
    part of preparing it to be matched."""
    folded = _own_folded(text)
    return all(piece in folded for piece in needles(candidate))


def _own(fragment: str, prose: Prose) -> bool:
    """Whether the fragment quotes the claim's own text (always allowed)."""
    for text in prose.own:
        for candidate in dict.fromkeys((fragment, fragment.rstrip(TRAILING))):
            if not candidate.strip() or not _may_quote(candidate, text):
                continue
            src = _own_text(text)
            if any(_whole_words(src, m) for m in src.find_all(candidate)):
                return True
    return False


def check(values: Sequence[ProseValue], prose: Prose) -> Iterator[Finding]:
    """The findings of every quoted fragment of ``values``."""
    return finish(draft(values, prose), values, prose)


class Quoted(NamedTuple):
    """A fragment matched before the published windows are known: every place it
    occurs, each with its hedge findings, for each way of reading it
    (:func:`locate_all`'s) up to the first that occurs somewhere; or its finding
    when it occurs nowhere at all."""

    value: int  # which of the values
    fragment: Fragment
    places: tuple  # per reading, ((source id, Match, hedge findings), ...)
    missing: Finding | None = None
    later: tuple[str, ...] = ()  # the readings not looked for yet


def draft(values: Sequence[ProseValue], prose: Prose) -> list[Quoted]:
    """The part of :func:`check` that does not depend on ``prose.windows``, which
    every claim's citations decide: a cold check drafts each claim's prose in the
    worker that checks the claim, and :func:`finish` keeps the places inside the
    windows once all claims are checked. Picklable."""
    whole = prose if prose.windows is None else replace(prose, windows=None)
    out: list[Quoted] = []
    for number, value in enumerate(values):
        for frag in fragments(value.value):
            if _own(frag.text, prose):
                continue
            readings = _readings(frag.text)
            places: list[tuple] = []
            while readings and not any(places):
                places.append(_places(readings.pop(0), frag, value, whole))
            # Found nowhere: the finding is the same whatever the windows
            # (_outside_windows finds it in no window either).
            missing = (None if any(places) else
                       _not_found(frag.text, value, _lazy_loc(prose, value, frag)(), whole))
            out.append(Quoted(number, frag, tuple(places), missing, tuple(readings)))
    return out


def finish(drafted: Sequence[Quoted], values: Sequence[ProseValue], prose: Prose
           ) -> Iterator[Finding]:
    """The findings of a :func:`draft`, its places kept to ``prose.windows``: the
    first reading with a place inside them, as :func:`locate_all` reads it."""
    for quoted in drafted:
        if quoted.missing is not None:
            yield quoted.missing
            continue
        value = values[quoted.value]
        hits = []
        later = (_places(reading, quoted.fragment, value, replace(prose, windows=None))
                 for reading in quoted.later)  # looked for only if the others are hidden
        for places in chain(quoted.places, later):
            hits = [hedged for sid, match, hedged in places
                    if _inside(match, (prose.windows or {}).get(sid))]
            if hits:
                break
        if not hits:
            yield _not_found(quoted.fragment.text, value,
                             _lazy_loc(prose, value, quoted.fragment)(), prose)
            continue
        # Fair if fair somewhere: a short fragment may occur in several sentences.
        if all(hits):
            yield from hits[0]


def _places(reading: str, frag: Fragment, value: ProseValue, prose: Prose) -> tuple:
    """Every place in the cited sources that has this reading of the fragment, in
    any window, each with the hedge findings of the fragment quoted from there."""
    loc = _lazy_loc(prose, value, frag)
    told = _once(lambda: _told(frag, value, prose))
    found = []
    for sid in prose.allowed:
        src = prose.sources.get(sid)
        if src is None:
            continue
        found += [(sid, match, tuple(_hedged(frag, (sid, match), value, loc, prose, told)))
                  for match in src.find_all(reading) if _whole_words(src, match)]
    return tuple(found)


def _once(make: Callable[[], T]) -> Callable[[], T]:
    """``make()`` when first called, the same value after: ``functools.cache`` of a
    function of no arguments, without the wrapper's copied name and docstring (made
    for every fragment, and called for few).

    >>> count = iter(range(5))
    >>> first = _once(lambda: next(count))
    >>> first(), first()
    (0, 0)
    """
    kept: list[T] = []

    def get() -> T:
        if not kept:
            kept.append(make())
        return kept[0]
    return get


def _lazy_loc(prose: Prose, value: ProseValue, frag: Fragment) -> Callable[[], Loc | None]:
    """Where the fragment sits in the file, worked out only for a finding: pairing a
    value with its raw text costs more than matching the quote."""
    return _once(lambda: scalarpos.span_loc(
        prose.text, value.loc, value.value, frag.start, frag.end)
        if value.loc is not None else None)


def _readings(fragment: str) -> list[str]:
    """The ways :func:`locate_all` reads a fragment: as written, then without the
    punctuation inside the closing mark."""
    return [c for c in dict.fromkeys((fragment, fragment.rstrip(TRAILING))) if c.strip()]


def _not_found(fragment: str, value: ProseValue, loc: Loc | None, prose: Prose) -> Finding:
    """Where the words are not: the closest passage of the sources allowed."""
    named = ", ".join(f"`{sid}`" for sid in prose.allowed) or "none"
    lines = [f"the words quoted in `{value.field}` are in no source {prose.whose} "
             f"({named}){' nor in ' + prose.own_name if prose.own else ''}: "
             f"“{' '.join(fragment.split())}”"]
    best = None
    for sid in prose.allowed:
        src = prose.sources.get(sid)
        passage = src.closest(fragment) if src is not None else None
        if passage is not None and (best is None or passage.similarity > best[1].similarity):
            best = (sid, passage)
    outside = _outside_windows(fragment, prose)
    if outside:
        lines.append(f"they occur in `{outside}`, but outside the excerpts the site "
                     "publishes of it: quote only what readers can check")
    elif best is not None:
        sid, passage = best
        lines.append(f"closest passage, in `{sid}` (paragraph {passage.paragraph}, "
                     f"{passage.similarity:.0%} similar): {passage.text}")
        lines.append(f"diff, [-quote-]{{+source+}}: {passage.diff}")
    lines.append("copy the source's words exactly, cite the source that says them, or "
                 "take away the quotation marks if the words are the desk's own")
    return rules.PROSE_QUOTE_NOT_FOUND.finding(
        prose.path, loc, "\n".join(lines), claim=prose.claim,
        suggestion=best[1].text if best is not None and not outside else None)


def _outside_windows(fragment: str, prose: Prose) -> str | None:
    """The cited source that has the fragment only outside its published windows."""
    if not prose.windows:
        return None
    whole = Prose(prose.path, prose.text, prose.sources, prose.allowed, (), prose.lists)
    hit = locate(fragment, whole)
    return hit[0] if hit is not None else None


def _told(frag, value: ProseValue, prose: Prose) -> tuple[set[str], list[str]]:
    """What the prose around a fragment says itself (the governing words of its own
    sentence), and the kinds of words the fragment must not drop: the same wherever
    in the sources the fragment occurs."""
    lo, hi = sentence_bounds(value.value, frag.start, frag.end)
    said = prose.lists.spans(value.value, lo, hi)
    written = {value.value[a:b].casefold().replace("’", "'")
               for spans in said.values() for a, b in spans}
    # A fragment that is itself hedged ("supposed") shows the hedge: no other counts.
    kinds = [k for k in PROSE_KINDS if k != "hedges"
             or "hedges" not in prose.lists.spans(frag.text)]
    return written, kinds


def _hedged(frag, hit: tuple[str, Match], value: ProseValue, loc: Callable[[], Loc | None],
            prose: Prose, told: Callable[[], tuple[set[str], list[str]]] | None = None
            ) -> Iterator[Finding]:
    """A fragment that leaves out a hedge, negation or qualifier its prose does not
    say either; ``told``: gives its :func:`_told`, when the caller keeps it.

    Every kind the prose is held to is looked for first, and what the prose says
    around the fragment only when the fragment drops something (few do): each kind
    is found on its own, so leaving some out afterwards is the same as never looking.
    """
    sid, match = hit
    src = prose.sources[sid]
    if prose.hedged is not None:
        found = prose.hedged.dropped(sid, src.original, match.pieces, prose.lists,
                                     PROSE_KINDS, src.sentences)
    else:
        found = dropped(src.original, match.pieces, prose.lists, PROSE_KINDS, src.sentences)
    if not found:
        return
    written, kinds = told() if told is not None else _told(frag, value, prose)
    found = [d for d in found if d.kind in kinds
             and not all(w.casefold().replace("’", "'") in written for w in d.words)]
    if not found:
        return
    what = "; ".join(f"{KIND_NAMES[d.kind]} ("
                     + ", ".join(f"“{w}”" for w in dict.fromkeys(d.words)) + ")"
                     for d in found)
    sentence, widened = together(src.original, found)
    yield rules.QUOTE_DROPS_HEDGE.finding(
        prose.path, loc(),
        f"the words quoted in `{value.field}` leave out words of their sentence that "
        f"govern what they say: {what}\n"
        f"the sentence in `{sid}`, dropped words marked >>so<<: {sentence}\n"
        f"quote it fairly: keep those words (“{widened}”), or say them in the same "
        "sentence of the prose", claim=prose.claim, suggestion=widened)
