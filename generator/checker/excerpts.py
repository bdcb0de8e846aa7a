"""What a site may show of a source it does not publish in full: excerpt windows.

A newsroom quotes and links; it does not republish. Each source is published
``full``, as ``excerpts`` or not at all (``none``): its own ``publish``, else the
publication's (``publish: excerpts`` when claims.yaml sets none). An excerpts source
shows only *windows*: for each cited passage, the sentence(s) holding it (the spans
of :mod:`generator.checker.sentences`) plus at most ``context_words`` words on either
side, never across a paragraph break (:func:`~generator.checker.normalize.paragraphs`).
Windows that overlap or touch merge; the site shows what lies between them as an
elision. Pure: text and spans in, spans out. The check itself always reads the
full stored text, whatever ``publish`` says.

Why 20 words of context (``context_words``): an English news sentence averages
about twenty words, so a reader sees roughly the sentence before and after a
quote, enough to judge whether it was quoted fairly (the hedge, the attribution,
the "but" that follows), and never a paragraph more.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import islice

from generator.checker.model import Project, Source
from generator.checker.normalize import paragraphs
from generator.checker.sentences import covering, sentence_spans

FULL, EXCERPTS, NONE = "full", "excerpts", "none"
_WORD = re.compile(r"\S+")


def publish_of(project: Project, source: Source) -> str:
    """What the site shows of ``source``: its own ``publish``, else the publication's.

    >>> from generator.checker.model import Project, Source
    >>> project = Project("c.yaml", ".", [], [], [])
    >>> publish_of(project, Source("a", "a.txt", "A")), project.publish
    ('excerpts', 'excerpts')
    >>> publish_of(project, Source("a", "a.txt", "A", publish="full"))
    'full'
    """
    return source.publish or project.publish


NEAR = 12  # characters per word a window first looks within (most words are shorter)


def _extend_left(text: str, lo: int, start: int, words: int) -> int:
    """Where a window starts: ``words`` whole words before ``start``, not before ``lo``.

    The words are looked for first only in the stretch just before ``start``: of the
    runs found there, only the first may be cut short (it may begin inside a word),
    so when there are more than ``words`` of them the last ``words`` are the
    paragraph's; else the whole paragraph is read (it may be thousands of words).
    """
    if words <= 0:
        return start
    near = start - NEAR * (words + 1)
    if near > lo:
        found = [m.start() for m in _WORD.finditer(text, near, start)]
        if len(found) > words:
            return found[-words]
    found = [m.start() for m in _WORD.finditer(text, lo, start)]
    return found[-words] if len(found) > words else lo


def _extend_right(text: str, end: int, hi: int, words: int) -> int:
    """Where a window ends: ``words`` whole words after ``end``, not after ``hi`` (the
    words after those are not read: one more tells whether there are enough)."""
    if words <= 0:
        return end
    found = [m.end() for m in islice(_WORD.finditer(text, end, hi), words + 1)]
    return found[words - 1] if len(found) > words else hi


def windows(text: str, spans: Iterable[tuple[int, int]], context_words: int,
            paras: list[tuple[int, int]] | None = None,
            sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The stretches of ``text`` an excerpts page may show around the cited ``spans``,
    in source order, merged where they overlap or only whitespace parts them.

    ``paras`` and ``sentences`` may be given when the caller has them already.

    >>> t = "One two three. Four five six. Seven eight.\\n\\nNine ten. Eleven."
    >>> [t[a:b] for a, b in windows(t, [(15, 19)], 1)]
    ['three. Four five six. Seven']
    >>> [t[a:b] for a, b in windows(t, [(15, 19), (54, 60)], 0)]
    ['Four five six.', 'Eleven.']
    >>> [t[a:b] for a, b in windows(t, [(0, 3), (30, 35)], 0)]
    ['One two three.', 'Seven eight.']
    >>> [t[a:b] for a, b in windows(t, [(0, 3), (30, 35)], 2)]
    ['One two three. Four five six. Seven eight.']
    """
    paras = paragraphs(text) if paras is None else paras
    sentences = sentence_spans(text) if sentences is None else sentences
    starts = [a for a, _ in paras]
    found: list[tuple[int, int]] = []
    for start, end in spans:
        first = max(0, bisect.bisect_right(starts, start) - 1)
        for lo, hi in paras[first:]:
            if lo >= end:
                break
            part = (max(start, lo), min(end, hi))
            if part[0] >= part[1]:
                continue
            sa, sb = covering(sentences, *part) if sentences else part
            sa, sb = max(lo, min(sa, part[0])), min(hi, max(sb, part[1]))
            found.append((_extend_left(text, lo, sa, context_words),
                          _extend_right(text, sb, hi, context_words)))
    return _merged(text, sorted(found), starts)


def _merged(text: str, found: list[tuple[int, int]], starts: list[int]
            ) -> list[tuple[int, int]]:
    """Overlapping windows, and those of one paragraph only whitespace apart, as one."""
    out: list[tuple[int, int]] = []
    for start, end in found:
        if out:
            last_start, last_end = out[-1]
            same = bisect.bisect_right(starts, start) == bisect.bisect_right(starts, last_end)
            if start <= last_end or (same and not text[last_end:start].strip()):
                out[-1] = (last_start, max(last_end, end))
                continue
        out.append((start, end))
    return out


def window_of(found: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    """The window holding offset ``start``, if any.

    >>> window_of([(0, 5), (10, 20)], 12), window_of([(0, 5)], 7)
    ((10, 20), None)
    """
    at = bisect.bisect_right([a for a, _ in found], start) - 1
    if at >= 0 and found[at][0] <= start < found[at][1]:
        return found[at]
    return None
