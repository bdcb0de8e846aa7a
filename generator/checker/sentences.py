"""Sentences of a source text, as spans, so that ``find`` shows a passage in the
sentence it belongs to and proposes whole sentences, never a cut window.

A few rules cover news prose: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with
any closing quotes or brackets after it) when the next word does not start in
lower case; never inside a paragraph's line after a title or initial (``Mr.``,
``J. Smith``); and a paragraph break always ends one. A full sentence tokenizer
(NLTK's Punkt, pySBD) would bring a model or a large dependency for what these
lines do well enough to show context: nothing is checked against these spans.
"""

from __future__ import annotations

import re

from generator.checker.textmatch import paragraphs

_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_ABBREVIATIONS = frozenset("""
    mr mrs ms dr st gen col lt sgt maj capt gov sen rep jr sr no vs etc approx
    jan feb mar apr jun jul aug sep sept oct nov dec
""".split())


def _ends_here(text: str, match: re.Match) -> bool:
    word = re.search(r"(\w+)[.!?…]*$", text[:match.start() + 1])
    if text[match.start()] == "." and word:
        token = word.group(1)
        if token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isupper()):
            return False
    rest = text[match.end():].lstrip()
    return not rest or not rest[0].islower()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order, without the spaces
    between them.

    >>> text = "Mr. Smirnov spoke. “It is calm,” he said. Then: nothing.\\n\\nTitle line"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Mr. Smirnov spoke.', '“It is calm,” he said.', 'Then: nothing.', 'Title line']
    """
    spans: list[tuple[int, int]] = []
    for lo, hi in paragraphs(text):
        start = lo
        for match in _END.finditer(text, lo, hi):
            if _ends_here(text[:hi], match):
                spans.append((start, match.end()))
                start = match.end()
                while start < hi and text[start].isspace():
                    start += 1
        if start < hi:
            spans.append((start, hi))
    return spans


def covering(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span of the sentences that ``start:end`` touches (all of them joined).

    >>> covering([(0, 5), (6, 12), (13, 20)], 7, 14)
    (6, 20)
    >>> covering([(0, 5), (6, 12)], 1, 3)
    (0, 5)
    """
    first = next((i for i, (_, b) in enumerate(spans) if b > start), len(spans) - 1)
    last = next((i for i in range(len(spans) - 1, -1, -1) if spans[i][0] < end), first)
    last = max(first, last)
    return spans[first][0], spans[last][1]
