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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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


def _words(text: str) -> list[re.Match]:
    return list(_WORD.finditer(text))


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


def shared_passages(texts: Mapping[str, str]) -> list[SharedPassage]:
    """The longest shared passage of each pair of sources that share a long one.

    Reported once per pair, on the source registered later, quoting its words.

    >>> common = "the ministry said that three hundred soldiers and eleven tanks were involved in the attack"
    >>> found = shared_passages({"a": "First. " + common + ".", "b": "Other. " + common + " today.",
    ...                          "c": "Nothing alike here at all."})
    >>> [(p.source, p.other, p.words) for p in found]
    [('b', 'a', 15)]
    """
    order = list(texts)
    words = {sid: _words(texts[sid]) for sid in order}
    folded = {sid: [m.group().casefold().replace("’", "'") for m in ws]
              for sid, ws in words.items()}
    index: dict[int, list[str]] = defaultdict(list)
    for sid in order:
        seen = set()
        ws = folded[sid]
        for i in range(len(ws) - SHINGLE + 1):
            h = hash(tuple(ws[i:i + SHINGLE]))
            if h not in seen:
                seen.add(h)
                index[h].append(sid)
    rank = {sid: i for i, sid in enumerate(order)}
    found = []
    for sid in order:
        ws = folded[sid]
        hits: dict[str, list[int]] = defaultdict(list)
        for i in range(len(ws) - SHINGLE + 1):
            holders = index[hash(tuple(ws[i:i + SHINGLE]))]
            if len(holders) > COMMON:
                continue
            for other in holders:
                if rank[other] < rank[sid]:
                    hits[other].append(i)
        for other, positions in hits.items():
            if len(positions) + SHINGLE - 1 < MIN_PASSAGE:
                continue
            a, b, shared = max(_runs(positions, len(ws)), key=lambda r: r[2])
            if shared >= MIN_PASSAGE:
                span = texts[sid][words[sid][a].start():words[sid][b - 1].end()]
                found.append(SharedPassage(sid, other, b - a, " ".join(span.split())))
    return found
