"""Find a quote in a source text the way the claims format says, and say where it is.

Both sides are compared after :func:`~generator.checker.normalize.normalize`; a match
maps back to an exact span of the original through its offset map. A quote may elide
text (`` … ``, ``[…]``): its pieces must occur in order within one paragraph. A quote
not found gets the closest passage, its similarity and a word diff
(:mod:`generator.checker.quotediff`).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from dataclasses import dataclass
from functools import cached_property

from generator.checker.normalize import HAS_LINE_BREAK, Normalized, fold, normalize, paragraphs
from generator.checker.quotediff import word_diff
from generator.checker.sentences import sentence_spans_in

_ELISION = re.compile(r"(\s*\[(?:\.\.\.|\u2026)\]\s*|\s+(?:\.\.\.|\u2026)\s+)")
_EDGE_ELISION = re.compile(r"^(?:\[(?:\.\.\.|\u2026)\]|\.\.\.|\u2026)\s+|"
                           r"\s+(?:\[(?:\.\.\.|\u2026)\]|\.\.\.|\u2026)$")
_WORD = re.compile(r"\S+")


def split_quote(quote: str) -> tuple[list[str], list[str]]:
    """Split a quote at its elisions into pieces and the markers between them.

    >>> split_quote("the more pressure ... the closer [...] to peace")
    (['the more pressure', 'the closer', 'to peace'], [' ... ', ' [...] '])
    """
    pieces, markers, _ = _parse_quote(quote)
    return list(pieces), list(markers)


@functools.lru_cache(maxsize=1 << 16)
def _parse_quote(quote: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Pieces, elision markers and folded pieces (the needles) of a quote.

    Cached: a check asks for them three or four times per citation.
    """
    quote = quote.strip()
    # Every elision has "..." or "…": a quote with neither is one piece as written
    # (the regexes, which try every position, would find nothing).
    chunks = (_ELISION.split(_EDGE_ELISION.sub("", quote))
              if "..." in quote or "\u2026" in quote else [quote])
    pieces = tuple(chunks[0::2])
    return pieces, tuple(chunks[1::2]), tuple(fold(p).strip(" ") for p in pieces)


def needles(quote: str) -> tuple[str, ...]:
    """The quote's pieces folded: what :meth:`SourceText.find_all` looks for, each in
    the source's normalized text (which is ``fold`` of it).

    >>> needles("the “more” pressure … the closer")
    ('the "more" pressure', 'the closer')
    """
    return _parse_quote(quote)[2]


def word_count(quote: str) -> int:
    """The words of a quote's pieces: runs of characters other than whitespace (the
    same runs ``\\S+`` finds: str.split and the regex agree on what whitespace is).

    >>> word_count("the more pressure ... the\u00a0closer")
    5
    """
    return sum(len(p.split()) for p in _parse_quote(quote)[0])


@dataclass(frozen=True)
class Match:
    """A quote found in a source: original spans of each piece, and its paragraph."""

    pieces: tuple[tuple[int, int], ...]
    paragraph: int

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


class SourceText:
    """A source prepared for matching many quotes: normalized once, paragraphs known.

    Prepared on first use, not when made: a check whose claims all come from its
    cache reads every source (for its sha256) but matches no quote in most of them.

    >>> src = SourceText("One.\\n\\nTwo “three”.")
    >>> "norm" in vars(src), src.paragraph_of(7), "norm" in vars(src)
    (False, 2, False)
    >>> src.norm.text, "norm" in vars(src)
    ('One. Two "three".', True)
    """

    def __init__(self, original: str):
        self.original = original

    @cached_property
    def norm(self) -> Normalized:
        return normalize(self.original)

    @cached_property
    def paras(self) -> list[tuple[int, int]]:
        return paragraphs(self.original)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The sentence spans (generator/checker/sentences.py), for the hedge lint."""
        return sentence_spans_in(self.original, self.paras)

    def prepared(self) -> tuple:
        """What preparing it found (normalized text, paragraphs, sentences): what a
        worker process sends back for :meth:`adopt` (generator/checker/parallel.py)."""
        return self.norm, self.paras, self.sentences

    def adopt(self, prepared: tuple) -> None:
        """Take what :meth:`prepared` gave elsewhere, sharing this one's text.

        >>> src = SourceText("One.\\n\\nTwo.")
        >>> src.adopt(SourceText("One.\\n\\nTwo.").prepared())
        >>> src.norm.original is src.original, src.sentences
        (True, [(0, 4), (6, 10)])
        """
        norm, paras, sentences = prepared
        if norm.original == self.original:  # one copy of the text, not two
            norm.original = self.original
        vars(self).update(norm=norm, paras=paras, sentences=sentences)

    @cached_property
    def _para_starts(self) -> list[int]:
        return [a for a, _ in self.paras]

    @cached_property
    def _para_norm_ends(self) -> list[int]:
        return [self.norm.norm_offset(b) for _, b in self.paras]

    def paragraph_of(self, original_offset: int) -> int:
        """1-based number of the paragraph holding an original offset."""
        return max(1, bisect.bisect_right(self._para_starts, original_offset))

    def find_all(self, quote: str, prefix: str | None = None,
                 suffix: str | None = None) -> list[Match]:
        """Every place the quote (with its elisions) occurs, filtered by prefix/suffix.

        >>> src = SourceText("He said “stop”.\\n\\nThen he said stop again.")
        >>> [m.paragraph for m in src.find_all('said "stop')]
        [1]
        >>> len(src.find_all("said stop"))
        1
        """
        needles = _parse_quote(quote)[2]
        if not needles or not all(needles):
            return []
        text = self.norm.text
        first = needles[0]
        found: list[Match] = []
        at = self._find(first, 0)
        while at >= 0:
            spans = [(at, at + len(first))]
            if len(needles) > 1:
                orig_at = self.norm.start_of(at)
                para = self.paragraph_of(orig_at)
                limit = self._para_norm_ends[para - 1] if self.paras else len(text)
                pos = spans[0][1]
                for needle in needles[1:]:
                    nxt = self._find(needle, pos, limit)
                    if nxt < 0:
                        spans = []
                        break
                    spans.append((nxt, nxt + len(needle)))
                    pos = nxt + len(needle)
            if spans and self._fits(spans, prefix, suffix):
                orig = tuple(self.norm.span(a, b) for a, b in spans)
                found.append(Match(orig, self.paragraph_of(orig[0][0])))
            at = self._find(first, at + 1)
        return found

    @cached_property
    def _every_split(self) -> bool:
        """:meth:`Normalized.splits_everywhere`: then :meth:`_find` is ``str.find``
        (most sources spell out no ``…`` and no ligature)."""
        return self.norm.splits_everywhere()

    def _find(self, needle: str, pos: int, limit: int | None = None) -> int:
        """Like str.find in the normalized text, skipping occurrences that begin or end
        inside one original character's expansion: ``..`` is not in ``…``, and a quote
        cannot start between a letter and its combining mark."""
        text, norm = self.norm.text, self.norm
        limit = len(text) if limit is None else limit
        if self._every_split:  # no expansion to begin or end inside
            return text.find(needle, pos, limit)
        at = text.find(needle, pos, limit)
        while at >= 0:
            if norm.splits(at) and norm.splits(at + len(needle)):
                return at
            at = text.find(needle, at + 1, limit)
        return -1

    def _fits(self, spans, prefix: str | None, suffix: str | None) -> bool:
        text = self.norm.text
        if prefix:
            want = fold(prefix).strip(" ")
            start = spans[0][0]
            if start and text[start - 1] == " ":
                start -= 1
            if want and not text.endswith(want, 0, start):
                return False
        if suffix:
            want = fold(suffix).strip(" ")
            end = spans[-1][1]
            if end < len(text) and text[end] == " ":
                end += 1
            if want and not text.startswith(want, end):
                return False
        return True

    def exact(self, match: Match, markers: list[str]) -> str:
        """The source's own text for a match, pieces joined by the quote's markers."""
        texts = [self.original[a:b] for a, b in match.pieces]
        out = texts[0]
        for marker, piece in zip(markers, texts[1:], strict=False):
            out += marker + piece
        return out

    def closest(self, needle: str) -> Passage | None:
        """The passage most like ``needle`` (a quote piece), for a not-found message."""
        from rapidfuzz import fuzz  # imported on demand: only failing quotes need it

        query = fold(needle).strip(" ")
        found = self._closest_window(query)
        if found is None:
            return None
        lo, hi = found[0][0][0], found[0][-1][1]
        passage = self.norm.text[lo:hi]
        start, end = self.norm.span(lo, hi)
        return Passage(
            start=start,
            end=end,
            paragraph=self.paragraph_of(start),
            text=self.original[start:end],
            similarity=fuzz.ratio(query, passage) / 100,
            diff=word_diff(query, passage),
        )

    def _closest_window(self, query: str, extra: int = 0
                        ) -> tuple[list[tuple[int, int]], list[str]] | None:
        """Normalized spans of the words most like ``query``, and the query's words.

        ``extra`` widens the search around the best alignment by that many characters.
        """
        text = self.norm.text
        if not query or not text.strip():
            return None
        lo, hi = (0, len(text)) if len(query) >= len(text) else _aligned(self, query)
        margin = max(20, len(query) // 3) + extra
        lo, hi = _word_bounds(text, max(0, lo - margin), min(len(text), hi + margin))
        window = [(m.start(), m.end()) for m in _WORD.finditer(text, lo, hi)]
        words = [text[a:b] for a, b in window]
        qwords = query.split(" ")
        blocks = [b for b in difflib.SequenceMatcher(None, qwords, words, autojunk=False)
                  .get_matching_blocks() if b.size]
        if blocks:
            first, last = blocks[0].b, blocks[-1].b + blocks[-1].size - 1
            # Words the quote has before/after its first/last matching word are kept
            # from the source too, so a changed first or last word still shows.
            first = max(0, first - blocks[0].a)
            last = min(len(words) - 1, last + (len(qwords) - blocks[-1].a - blocks[-1].size))
            window = window[first:last + 1]
        return window, qwords

    def interruption(self, needle: str) -> Interruption | None:
        """Lines of their own inside the passage a quote piece was taken from.

        A page number or a running head that a PDF leaves in mid-sentence: the quote
        holds every word around it, in order, and the source has a few extra words
        that begin and end at line breaks. The check says so rather than skip them.

        >>> src = SourceText("The ministry said the\\n12\\nANNUAL REPORT\\nplant was closed.")
        >>> src.interruption("the ministry said the plant was closed") is None
        True
        >>> src.interruption("The ministry said the plant was closed").between
        '12\\nANNUAL REPORT'
        """
        found = self._closest_window(fold(needle).strip(" "), MAX_INTERRUPTION)
        if found is None:
            return None
        window, qwords = found
        text, norm = self.norm.text, self.norm
        ops = difflib.SequenceMatcher(None, qwords, [text[a:b] for a, b in window],
                                      autojunk=False).get_opcodes()
        inserts = [op for op in ops if op[0] == "insert"]
        if len(inserts) != 1 or any(op[0] == "delete" for op in ops):
            return None
        _, k, _, j1, j2 = inserts[0]
        if not 0 < j1 < j2 < len(window):
            return None
        left, right = " ".join(qwords[:k]), " ".join(qwords[k:])
        # The words on either side, compared exactly: a quote may end inside a word.
        if not (text.endswith(left, 0, window[j1 - 1][1])
                and text.startswith(right, window[j2][0])):
            return None
        ends = (window[j1 - 1][1] - len(left), window[j1 - 1][1], window[j1][0],
                window[j2 - 1][1], window[j2][0], window[j2][0] + len(right))
        first, left_end, mid_a = norm.start_of(ends[0]), norm.end_of(ends[1] - 1), \
            norm.start_of(ends[2])
        mid_b, right_start, last = norm.end_of(ends[3] - 1), norm.start_of(ends[4]), \
            norm.end_of(ends[5] - 1)
        original = self.original
        between = original[mid_a:mid_b]
        if (len(between) > MAX_INTERRUPTION
                or len(HAS_LINE_BREAK.findall(between)) > 2
                or not HAS_LINE_BREAK.search(original[left_end:mid_a])
                or not HAS_LINE_BREAK.search(original[mid_b:right_start])):
            return None
        return Interruption(before=original[first:left_end], between=between,
                            after=original[right_start:last], split=k)


def _aligned(src: SourceText, query: str) -> tuple[int, int]:
    """Where ``fuzz.partial_ratio_alignment`` puts ``query`` in the source's normalized
    text; the last answer is kept on the source: a missing quote is aligned for
    :meth:`SourceText.interruption`, then again for :meth:`SourceText.closest`."""
    from rapidfuzz import fuzz

    kept = vars(src).get("_last_aligned")
    if kept is not None and kept[0] == query:
        return kept[1]
    aligned = fuzz.partial_ratio_alignment(query, src.norm.text)
    span = aligned.dest_start, aligned.dest_end
    src._last_aligned = (query, span)
    return span


MAX_INTERRUPTION = 160  # characters: a page number and a running head, not a paragraph


@dataclass(frozen=True)
class Interruption:
    """Page furniture inside a quoted passage: what comes before, between and after.

    ``split`` is the number of the quote's words before the interruption.
    """

    before: str
    between: str
    after: str
    split: int


def _word_bounds(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi


@dataclass(frozen=True)
class Passage:
    """The closest passage to a quote that was not found."""

    start: int
    end: int
    paragraph: int
    text: str
    similarity: float
    diff: str


