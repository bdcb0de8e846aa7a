"""Sentences of a source text, as spans: the one splitter every command uses.

``find`` shows a passage in its sentence and proposes whole sentences, ``suggest``
ranks sentences, and the fair-quotation lint reads the sentence around a quote for
the hedge it may leave out; all three split a text here, so they agree on where a
sentence ends.

A few rules cover news prose. A paragraph break (a blank line) always ends a
sentence. Inside a paragraph, a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with
any closing quotes or brackets after it) and at a line break, unless the text after
it starts in lower case (a wrapped line, "Wait… what?") or the full stop ends a
title or an initial (``Mr.``, ``J. Smith``, ``No. 5``). A line break ends a
sentence so that a headline, a caption or a credit on a line of its own is not
read as part of the next sentence. Case is Unicode's, so Cyrillic, Greek and
accented capitals start a sentence too. A full sentence tokenizer (NLTK's Punkt,
pySBD) would bring a model or a large dependency for what these lines do well
enough to show context and scope a lint: no quote is matched against these spans.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator
from functools import lru_cache

from generator.checker.normalize import WHITESPACE, paragraphs

# Where a sentence may end: terminal punctuation (and closing quotes or brackets)
# before a space, or a line break (with the spacing before it). GAP_PLAIN says it
# plainly; :func:`gaps` finds the same gaps fast (tests/checker/test_sentences.py
# holds them to it). Its pattern opens with one character class that no ordinary
# space is in, so that the regex engine skips from one candidate to the next in C
# rather than stopping at every space between words; a line break's gap begins
# where the spacing before it does, which gaps() steps back over. Each alternative
# starts only where its run starts, so that a long run of dots or spaces is
# scanned once, not once per character (hostile input must not make this
# quadratic).
_NL = r"\n\r\v\f\x1c-\x1e\x85\u2028"
GAP_PLAIN = (r"(?<![.!?…])[.!?…]+[\"'”’»)\]]*\s+"
             rf"|(?<![^\S{_NL}])[^\S{_NL}]*[{_NL}]\s*")
_GAP = re.compile(rf"[.!?…{_NL}]"
                  r"(?:(?<=[.!?…])(?<![.!?…].)[.!?…]*[\"'”’»)\]]*\s+"
                  rf"|(?<=[{_NL}])\s*)", re.DOTALL)
_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028")
_SPACING = frozenset(WHITESPACE) - _BREAKS  # what [^\S{_NL}] matches
_OPENERS = "\"'“‘«([„‹"
_LAST_WORD = re.compile(r"(?<!\w)\w{1,8}\Z")
ABBREVIATIONS = frozenset("""
    mr mrs ms dr st gen col lt sgt maj capt gov sen rep jr sr vs approx
    jan feb mar apr jun jul aug sep sept oct nov dec
""".split())


def _next_is_lower(text: str, at: int, hi: int) -> bool:
    """True if the text from ``at`` starts in lower case (opening quotes skipped)."""
    while at < hi and text[at] in _OPENERS:
        at += 1
    return at < hi and text[at].islower()


def _after_abbreviation(text: str, lo: int, stop: int, after: int) -> bool:
    """True if the full stop at ``stop`` ends a title, an initial or ``No.`` before
    a number, not a sentence."""
    if text[stop] != ".":
        return False
    word = _LAST_WORD.search(text, max(lo, stop - 9), stop)
    if word is None:
        return False
    token = word.group()
    if token.lower() == "no":
        return after < len(text) and text[after].isdigit()
    return token.lower() in ABBREVIATIONS or (len(token) == 1 and token.isupper())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order, without the spaces
    between them.

    >>> text = "Mr. Smirnov spoke. “It is calm,” he said. Then: nothing.\\n\\nTitle line"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Mr. Smirnov spoke.', '“It is calm,” he said.', 'Then: nothing.', 'Title line']
    >>> text = "A headline\\nThe story, wrapped\\nat a line break."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['A headline', 'The story, wrapped\\nat a line break.']
    """
    return list(_spans(text))


def sentence_spans_in(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """:func:`sentence_spans`, the text's :func:`~generator.checker.normalize.paragraphs`
    at hand (a prepared source has them already: no second pass to find them)."""
    return list(_split(text, paras))


@lru_cache(maxsize=4096)  # the lint asks about many quotes of each source
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    return _split(text, paragraphs(text))


def gaps(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The spans GAP_PLAIN finds in ``text[lo:hi]``, in order, found fast.

    >>> list(gaps("One. Two  \\nthree\\nFour", 0, 21))
    [(3, 5), (8, 11), (16, 17)]
    """
    pos = lo
    while (gap := _GAP.search(text, pos, hi)) is not None:
        start, end = gap.span()
        if text[start] in _BREAKS:  # the gap begins with the spacing before the break
            first = start
            while first and text[first - 1] in _SPACING:
                first -= 1
            if first < pos:  # the spacing began before the search: no gap here
                pos = start + 1
                continue
            start = first
        yield start, end
        pos = end


def _split(text: str, paras: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for lo, hi in paras:
        start = lo
        for begin, after in gaps(text, lo, hi):
            if after >= hi:
                continue
            first = text[after]  # the tests below, asked first where they are quick
            if first.islower() or (first in _OPENERS and _next_is_lower(text, after, hi)):
                continue
            end = begin + len(text[begin:after].rstrip())
            if (end > begin and text[begin] == "."
                    and _after_abbreviation(text, lo, begin, after)):
                continue
            spans.append((start, end))
            start = after
        spans.append((start, hi))
    return tuple(spans)


_LAST = sys.maxsize  # past any end: (start, _LAST) sorts after every span beginning at start


def covering(spans: list[tuple[int, int]] | tuple[tuple[int, int], ...], start: int,
             end: int) -> tuple[int, int]:
    """The span of the sentences that ``start:end`` touches (all of them joined).

    >>> covering([(0, 5), (6, 12), (13, 20)], 7, 14)
    (6, 20)
    >>> covering([(0, 5), (6, 12)], 1, 3)
    (0, 5)
    """
    # The spans are in order, apart and never empty (as the splitter gives them), so
    # the spans being compared as tuples stand for their starts, and their ends are
    # in order too: no key function called in Python at each step of the search.
    # The first sentence touched: the first that ends after ``start``; of those
    # that begin at or before it, only the last may.
    first = bisect.bisect_right(spans, (start, _LAST))
    if first and spans[first - 1][1] > start:
        first -= 1
    first = min(first, len(spans) - 1)
    last = max(first, bisect.bisect_left(spans, (end,)) - 1)  # the last that begins before end
    return spans[first][0], spans[last][1]


def sentence_bounds(text: str, start: int, end: int,
                    spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The span of the sentence(s) holding ``text[start:end]`` (never less than it);
    ``spans``: the text's :func:`sentence_spans`, if they are at hand.

    >>> t = "He left. If confirmed, the foray would be big. U.S. officials said so."
    >>> a, b = sentence_bounds(t, t.index("the foray"), t.index(" big") + 4)
    >>> t[a:b]
    'If confirmed, the foray would be big.'
    >>> a, b = sentence_bounds(t, t.index("officials"), len(t))
    >>> t[a:b]
    'U.S. officials said so.'
    """
    if spans is None:
        spans = _spans(text)
    if not spans:
        return start, end
    lo, hi = covering(spans, start, end)
    return min(lo, start), max(hi, end)
