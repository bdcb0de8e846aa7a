"""Cited passages drawn over a source text: overlapping and nested spans made flat.

HTML elements nest; citations do not. Two claims may quote overlapping stretches
of one paragraph, or one quote may sit inside a longer one. So the text is cut at
every boundary of every span into *segments*, and each segment carries the set of
spans covering it. A segment becomes one ``<mark>``; no element ever has to
straddle another. The renderer puts a citation's anchor on its first segment and
its link back to the claim right after its last.

Also here: the few words around a quote that a claim page shows as context.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from generator.checker.sentences import sentence_bounds


@dataclass(frozen=True)
class Segment:
    """``text[start:end]``, covered by ``keys`` (in order of the spans' starts)."""

    start: int
    end: int
    keys: tuple[Hashable, ...]


def segments(start: int, end: int,
             spans: Iterable[tuple[int, int, Hashable]]) -> list[Segment]:
    """Cut ``[start, end)`` at every span boundary; say which spans cover each piece.

    Spans are clipped to ``[start, end)``; empty ones are dropped. Adjacent
    pieces covered by the same spans stay separate only where a boundary is.

    >>> [(s.start, s.end, s.keys) for s in segments(0, 10, [(2, 6, "a"), (4, 8, "b")])]
    [(0, 2, ()), (2, 4, ('a',)), (4, 6, ('a', 'b')), (6, 8, ('b',)), (8, 10, ())]
    >>> [(s.start, s.end, s.keys) for s in segments(0, 6, [(0, 6, "outer"), (2, 3, "in")])]
    [(0, 2, ('outer',)), (2, 3, ('outer', 'in')), (3, 6, ('outer',))]
    """
    clipped = sorted((max(a, start), min(b, end), key) for a, b, key in spans
                     if min(b, end) > max(a, start))
    bounds = sorted({start, end, *(a for a, _, _ in clipped), *(b for _, b, _ in clipped)})
    out: list[Segment] = []
    active: list[tuple[int, int, Hashable]] = []
    nxt = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        while nxt < len(clipped) and clipped[nxt][0] <= a:
            active.append(clipped[nxt])
            nxt += 1
        active = [span for span in active if span[1] > a]
        out.append(Segment(a, b, tuple(span[2] for span in active)))
    return out


CONTEXT_CHARS = 220
GAP_CHARS = 160


@dataclass(frozen=True)
class Part:
    """A piece of a quote's context: text, and whether it is the quote itself."""

    text: str
    marked: bool = False


def _trim_left(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    cut = text[-limit:]
    space = cut.find(" ")
    return (cut[space + 1:] if 0 <= space < limit // 2 else cut), True


def _trim_right(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut), True


def context(text: str, para: tuple[int, int], pieces: Iterable[tuple[int, int]],
            limit: int = CONTEXT_CHARS) -> list[Part]:
    """The sentence(s) around a quote, with the quoted pieces marked.

    Context runs from the start of the quote's first sentence to the end of its
    last, stays inside the paragraph and is trimmed at ``limit`` characters per
    side; a long elided stretch between pieces is shown as ``[…]``.

    >>> t = "First one. The army said 300 soldiers crossed. Then more."
    >>> [(p.text, p.marked) for p in context(t, (0, len(t)), [(25, 37)])]
    [('The army said ', False), ('300 soldiers', True), (' crossed.', False)]
    """
    pieces = list(pieces)
    lo, hi = para
    first, last = pieces[0][0], pieces[-1][1]
    begin, end = sentence_bounds(text, first, last)
    begin, end = max(lo, min(begin, first)), min(hi, max(end, last))
    before, cut_before = _trim_left(text[begin:first], limit)
    after, cut_after = _trim_right(text[last:end].rstrip(), limit)
    parts: list[Part] = []
    if before or cut_before:
        parts.append(Part(("\u2026" if cut_before else "") + before))
    for i, (a, b) in enumerate(pieces):
        if i:
            gap = text[pieces[i - 1][1]:a]
            parts.append(Part(gap if len(gap) <= GAP_CHARS else " [\u2026] "))
        parts.append(Part(text[a:b], True))
    if after or cut_after:
        parts.append(Part(after + ("\u2026" if cut_after else "")))
    return parts
