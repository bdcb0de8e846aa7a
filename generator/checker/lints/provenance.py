"""Whether two sources are really two: declared relays and shared passages.

A wire story printed by two outlets is one report, not two confirmations. A source
may declare ``relays: [ids]``: the origins it passes on, registered sources or
outlets named by a slug (``associated-press``). Sources linked by relays, directly
or through a shared origin, form one group; support from one group is one
origin's word. Undeclared relays show as long near-identical passages, found with
word shingles so that 1,000 sources cost one pass over their words.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, count
from operator import methodcaller

SHINGLE = 4  # words per shingle
MIN_PASSAGE = 12  # words of a shared passage that make a possible relay
MAX_GAP = 1  # a word that may differ inside one near-identical passage
COMMON = 20  # a shingle in more sources than this is boilerplate, not a relay

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def origin_groups(relays: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Map every source (and named origin) to its group's representative.

    >>> g = origin_groups({"a": ["ap"], "b": ["ap"], "c": [], "d": ["b"]})
    >>> g["a"] == g["b"] == g["d"] == g["ap"], g["c"] == g["a"]
    (True, False)
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for source, origins in relays.items():
        find(source)
        for origin in origins:
            a, b = find(source), find(origin)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {x: find(x) for x in list(parent)}


def single_origin(supporting: Iterable[str], groups: Mapping[str, str]) -> str | None:
    """The one group all of two or more supporting sources trace to, else None.

    >>> g = origin_groups({"a": ["ap"], "b": ["ap"], "c": []})
    >>> single_origin(["a", "b"], g), single_origin(["a", "c"], g), single_origin(["a"], g)
    ('a', None, None)
    """
    sources = set(supporting)
    if len(sources) < 2:
        return None
    roots = {groups.get(s, s) for s in sources}
    return roots.pop() if len(roots) == 1 else None


def self_supported(supporting: Iterable[str], appearance: Iterable[str]) -> bool:
    """True if there is support and all of it comes from where the claim appeared.

    >>> self_supported(["a"], ["a"]), self_supported(["a", "b"], ["a"]), self_supported([], ["a"])
    (True, False, False)
    """
    sources, appeared = set(supporting), set(appearance)
    return bool(sources) and sources <= appeared


@dataclass(frozen=True)
class SharedPassage:
    """A long near-identical passage of ``source`` that ``other`` also carries."""

    source: str
    other: str
    words: int
    passage: str  # as ``source`` writes it


def _runs(positions: Iterable[int], count: int) -> list[tuple[int, int, int]]:
    """Word ranges covered by the shingles at ``positions``, gaps of MAX_GAP merged,
    each with the number of its words that are shared.

    >>> _runs([0, 1, 2, 8], 20)
    [(0, 6, 6), (8, 12, 4)]
    """
    runs: list[list[int]] = []
    for p in sorted(positions):
        lo, hi = p, min(p + SHINGLE, count)
        if runs and lo <= runs[-1][1] + MAX_GAP:
            runs[-1][2] += hi - max(lo, runs[-1][1])
            runs[-1][1] = max(runs[-1][1], hi)
        else:
            runs.append([lo, hi, hi - lo])
    return [(a, b, n) for a, b, n in runs]


MIN_ANCHOR = 7  # letters of the word a sampled shingle starts with
_PUNCTUATION = "\"'“”‘’«»()[]{},.;:!?…—–-"
_strip = methodcaller("strip", _PUNCTUATION)


def _words(text: str) -> list[str]:
    """Lowercased words without the punctuation around them; all in C. Each word is
    interned: 4,000 sources hold millions of words but only a few thousand distinct
    ones, so the shingles share them."""
    return list(map(sys.intern, filter(None, map(_strip,
                                                 text.lower().replace("’", "'").split()))))


def _shingles(words: list[str]):
    """The shingles of a text, made one at a time (in C: a set or a test takes each)."""
    return zip(*(words[k:] for k in range(SHINGLE)), strict=False)


def _anchored(words: list[str]) -> set[tuple[str, ...]]:
    """A deterministic sample of the shingles: those that start with a long word.

    Every step runs in C (map, compress, set), which keeps the first pass over
    1,000 sources cheap; a passage of MIN_PASSAGE words almost always holds one.
    """
    starts = list(compress(count(), map(MIN_ANCHOR.__le__,
                                        map(len, words[:len(words) - SHINGLE + 1]))))
    take = words.__getitem__
    return set(zip(*(map(take, map(k.__add__, starts)) for k in range(SHINGLE)), strict=False))


@lru_cache(maxsize=2048)  # a preview server checks the same source texts again and again
def _prepared(text: str) -> tuple[list[str], set[tuple[str, ...]]]:
    words = _words(text)
    return words, _anchored(words)


def shared_passages(texts: Mapping[str, str],
                    pairs: Iterable[tuple[str, str]] | None = None) -> list[SharedPassage]:
    """The longest shared passage of each pair of sources that share a long one.

    Reported once per pair, on the source registered later, quoting its words.
    A first pass counts sampled shingles across all sources; a pair is compared
    word by word only if it shares a sampled shingle that few sources hold
    (boilerplate that many hold is no sign of a relay). ``pairs`` limits the
    comparison to those pairs of source ids (the check passes the sources that
    support one claim together: there a relay is counted twice); by default every
    pair is a candidate.

    >>> common = "the ministry said that three hundred soldiers and eleven tanks were involved in the attack"
    >>> found = shared_passages({"a": "First. " + common + ".", "b": "Other. " + common + " today.",
    ...                          "c": "Nothing alike here at all."})
    >>> [(p.source, p.other, p.words) for p in found]
    [('b', 'a', 15)]
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    order = list(texts)
    prepared = {sid: _prepared(texts[sid]) for sid in order}
    words = {sid: w for sid, (w, _) in prepared.items()}
    samples = {sid: a for sid, (_, a) in prepared.items()}
    counts = Counter(chain.from_iterable(samples.values()))
    rank = {sid: i for i, sid in enumerate(order)}
    candidates = _candidates(order, samples, counts, rank, pairs)
    # Each pair worth comparing, grouped by its earlier source: that source's set
    # of every shingle is made once, used for its pairs, and let go (4,000 such
    # sets at once would take hundreds of megabytes).
    later: dict[str, list[tuple[str, set]]] = defaultdict(list)
    for sid in order:
        for other in sorted(candidates.get(sid, ()), key=rank.__getitem__):
            both = samples[sid] & samples[other]
            if any(1 < counts[sh] <= COMMON for sh in both):  # else no long shared passage
                later[other].append((sid, both))
    found = []
    for other in order:
        if other not in later:
            continue
        theirs = set(_shingles(words[other]))
        for sid, both in later.pop(other):
            passage = _longest(words[sid], theirs, both, counts)
            if passage is not None:
                a, b = passage
                found.append((rank[sid], rank[other],
                              SharedPassage(sid, other, b - a,
                                            _passage(texts[sid], words[sid], a, b))))
    found.sort(key=lambda item: item[:2])
    return [passage for _, _, passage in found]


def _candidates(order: list[str], samples: dict, counts: Counter, rank: dict[str, int],
                pairs: Iterable[tuple[str, str]] | None) -> dict[str, set[str]]:
    """For each source, the earlier sources it may share a passage with: those of
    ``pairs``, or (without) those that hold one of its rare sampled shingles."""
    candidates: dict[str, set[str]] = defaultdict(set)
    if pairs is not None:
        for one, two in pairs:
            if one in rank and two in rank and one != two:
                later, earlier = sorted((one, two), key=rank.__getitem__, reverse=True)
                candidates[later].add(earlier)
        return candidates
    holders: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for sid in order:
        for sh in samples[sid]:
            if 1 < counts[sh] <= COMMON:
                holders[sh].append(sid)
    for sids in holders.values():
        for k, later in enumerate(sids):
            candidates[later].update(sids[:k])
    return candidates


def _longest(words: list[str], theirs: set, anchors: set, counts: Counter
             ) -> tuple[int, int] | None:
    """The longest run of ``words``' shingles that ``theirs`` shares, if long enough
    and held by few other sources (it holds a shared sampled shingle that is not
    common)."""
    rare = {sh for sh in anchors if counts[sh] <= COMMON}
    at = list(compress(count(), map(theirs.__contains__, _shingles(words))))
    if len(at) < MIN_PASSAGE - SHINGLE + 1 - MAX_GAP * SHINGLE:
        return None
    starts = set(compress(count(), map(rare.__contains__, _shingles(words))))
    best = None
    for a, b, shared in _runs(at, max(len(words) - SHINGLE + 1, 0) + SHINGLE - 1):
        if shared >= MIN_PASSAGE and any(a <= i < b for i in starts) and (
                best is None or b - a > best[1] - best[0]):
            best = (a, b)
    return best


def _passage(text: str, words: list[str], a: int, b: int) -> str:
    """The source's own text of words ``a`` to ``b``, for the message."""
    spans = [m.span() for m in re.finditer(r"\S+", text)
             if m.group().lower().replace("’", "'").strip(_PUNCTUATION)]
    return " ".join(text[spans[a][0]:spans[b - 1][1]].split())
