"""Prefixes and suffixes to hand an editor: the words around each occurrence.

A quote that occurs several times needs a ``prefix`` (or ``suffix``) to pick one;
a prefix that matches nowhere was probably mistyped. Both messages are more useful
with the real words in them, ready to paste: the shortest run of words before each
occurrence that tells it from the others, or the real words before the occurrence
whose words look most like the prefix written.
"""

from __future__ import annotations

import re

MAX_WORDS = 6  # a prefix longer than this is no longer "the words just before"

_WORD = re.compile(r"\S+")


def words_before(text: str, start: int, lo: int, count: int) -> str:
    """Up to ``count`` words of ``text`` before ``start``, not before ``lo``.

    >>> words_before("one two three four", 14, 0, 2)
    'two three'
    """
    return " ".join(_WORD.findall(text, lo, start)[-count:]) if count else ""


def words_after(text: str, end: int, hi: int, count: int) -> str:
    """Up to ``count`` words of ``text`` after ``end``, not after ``hi``.

    >>> words_after("one two three four", 3, 18, 2)
    'two three'
    """
    return " ".join(_WORD.findall(text, end, hi)[:count]) if count else ""


def distinguishing(text: str, spans: list[tuple[int, int]],
                   paragraphs: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """For each occurrence ``(start, end)`` (with its paragraph's span), the
    shortest prefix that no other occurrence shares, as ``("prefix", words)``; a
    suffix when there are no words before it; ``("", "")`` when neither helps.

    >>> text = "On Monday flows were stable. By Friday flows were stable."
    >>> distinguishing(text, [(10, 27), (39, 56)], [(0, 57), (0, 57)])
    [('prefix', 'Monday'), ('prefix', 'Friday')]
    """
    out = []
    for i, ((start, end), (lo, hi)) in enumerate(zip(spans, paragraphs, strict=False)):
        others = [(s, e, p) for j, ((s, e), p)
                  in enumerate(zip(spans, paragraphs, strict=False)) if j != i]
        out.append(_unique(text, start, end, lo, hi, others))
    return out


def _unique(text, start, end, lo, hi, others) -> tuple[str, str]:
    for count in range(1, MAX_WORDS + 1):
        mine = words_before(text, start, lo, count)
        if mine and len(mine.split()) == count and all(
                words_before(text, s, p[0], count) != mine for s, _, p in others):
            return "prefix", mine
        mine = words_after(text, end, hi, count)
        if mine and len(mine.split()) == count and all(
                words_after(text, e, p[1], count) != mine for _, e, p in others):
            if not words_before(text, start, lo, 1):
                return "suffix", mine
    return "", ""


def nearest(written: str, candidates: list[str]) -> str | None:
    """The candidate most like what was written (None if none is close).

    >>> nearest("On Munday", ["By Friday", "On Monday"])
    'On Monday'
    """
    from rapidfuzz import fuzz, process  # imported on demand: only misses need it

    best = process.extractOne(written, candidates, scorer=fuzz.ratio, score_cutoff=50)
    return best[0] if best else None
