"""Find a quote in a source text the way the claims format says, and say where it is.

Matching happens on normalized text (NFC; whitespace runs folded to one space;
curly, low, angle quotation marks and the modifier-letter apostrophe straightened;
dashes, hyphens and minus to ``-``; ``…`` to ``...``; the typographic ligatures
``ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ`` to their letters; a word hyphenated across a line
break joined again; invisible and directional-format characters dropped), but readers
must see the source's own characters. So :func:`normalize` also keeps, for every
normalized character, the span of original characters it came from; a match maps
back to an exact span of the original.

Every fold either drops a character no reader sees, or identifies characters that
print as the same letter or mark. Nothing else is folded: case, digits, letters of
another script that look alike (Cyrillic ``а``, Latin ``a``) all stay apart.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cached_property

# Punctuation folds: a quote matched only through one of these gets a
# `quote-normalized` warning with the source's exact text.
FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u2039": "'", "\u203a": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...",
}
# Layout folds: how a typesetter or a PDF writes the same letters. No warning.
LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}
# Dropped: zero-width characters, soft hyphen, BOM, and the directional marks,
# embeddings and isolates of right-to-left text. The overrides U+202D/U+202E are
# not: they reorder what a reader sees, so a quote must match them as characters.
INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad"
             "\u200e\u200f\u061c\u202a\u202b\u202c\u2066\u2067\u2068\u2069")

# Whitespace as ``\s`` matches it (str.isspace), and the one-for-one folds: replacing
# them keeps every offset.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
              "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# Line breaks as str.splitlines counts them, less U+2029 (a paragraph break by itself).
LINE_BREAK = r"(?:\r\n|\r(?!\n)|[\n\x0b\x0c\x1c\x1d\x1e\x85\u2028])"
_SPACING = rf"(?:[^\S\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|[{INVISIBLE}])"
# A word broken by the layout: letter, hyphen, one line break, lowercase letter
# (the letters are checked in hyphen_breaks: str.isalpha and str.islower).
_HYPHEN_BREAK = re.compile(rf"[-\u2010\u00ad]{LINE_BREAK}(?=\w)")

_LIGHT_ONE = tuple((c, " ") for c in WHITESPACE if c != " ")
_FULL_ONE = _LIGHT_ONE + tuple((c, f) for c, f in FOLD.items() if len(f) == 1)
_EXPAND = {"\u2026": "...", **LIGATURES}
_RUNS_LIGHT = re.compile(rf"[ {INVISIBLE}]{{2,}}|[{INVISIBLE}{''.join(LIGATURES)}]")
_RUNS_FULL = re.compile(rf"[ {INVISIBLE}]{{2,}}|[{INVISIBLE}{''.join(LIGATURES)}\u2026]")
_BREAK_MARK = "\u200b"  # stands in for a hyphen break's characters: they vanish
_ELISION = re.compile(r"(\s*\[(?:\.\.\.|\u2026)\]\s*|\s+(?:\.\.\.|\u2026)\s+)")
_EDGE_ELISION = re.compile(r"^(?:\[(?:\.\.\.|\u2026)\]|\.\.\.|\u2026)\s+|"
                           r"\s+(?:\[(?:\.\.\.|\u2026)\]|\.\.\.|\u2026)$")
_WORD = re.compile(r"\S+")
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# A blank line: a break (CRLF is one), spacing, another break; or U+2029 alone. The
# pattern begins with a character class so that the scan for it is fast.
_PARAGRAPH_GAP = re.compile(
    rf"[{_BREAKS}](?>(?:(?<=\r)\n)?)(?:(?<=\u2029)|{_SPACING}*[{_BREAKS}])"
    rf"(?:{_SPACING}|[{_BREAKS}])*")
_HAS_LINE_BREAK = re.compile(rf"{LINE_BREAK}|\u2029")


def _replacement(found: str) -> str:
    """What a run found by _RUNS_* becomes: a space, nothing, or an expansion."""
    return _EXPAND.get(found) or (" " if " " in found else "")


def _nfc(text: str) -> tuple[str, tuple[list[int], list[int]] | None]:
    """NFC per cluster (a starter and the marks after it), with a map to text.

    The map gives, per NFC character, the start and the end of the original cluster
    it came from: a cluster that stays two characters (``c\u0300``) maps both to the
    whole cluster, never to an empty span.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    first: list[int] = []
    last: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            cluster = unicodedata.normalize("NFC", text[start:i])
            out.append(cluster)
            first.extend([start] * len(cluster))
            last.extend([i] * len(cluster))
            start = i
    return "".join(out), (first, last)


def hyphen_breaks(text: str) -> list[tuple[int, int]]:
    """Spans of hyphen-and-line-break that split a word (``vibra-\\ntion``).

    >>> hyphen_breaks("vibra-\\ntion, well-known, Anglo-\\nSaxon, 1-\\n2")
    [(5, 7)]
    """
    return [(a, b) for a, b in (m.span() for m in _HYPHEN_BREAK.finditer(text))
            if a and text[a - 1].isalpha() and text[b].isalpha() and text[b].islower()]


def _one_for_one(text: str, punctuation: bool) -> str:
    """Apply the folds that keep every offset, and mark hyphen breaks for dropping."""
    breaks = hyphen_breaks(text)
    for char, folded in _FULL_ONE if punctuation else _LIGHT_ONE:
        if char in text:  # str.replace per character beats str.translate
            text = text.replace(char, folded)
    if breaks:
        parts, pos = [], 0
        for a, b in breaks:
            parts += [text[pos:a], _BREAK_MARK * (b - a)]
            pos = b
        text = "".join(parts) + text[pos:]
    return text


def fold(text: str, *, punctuation: bool = True) -> str:
    """Normalize ``text`` for comparison, without keeping a map.

    Without ``punctuation`` only the layout is folded (whitespace, invisible
    characters, ligatures, hyphen breaks): what an editor could not have typed.

    >>> fold("“Stopped” \u2014 as\u00a0of\\nWednesday… eﬃcient")
    '"Stopped" - as of Wednesday... efficient'
    >>> fold("“Stopped” ofﬁce", punctuation=False)
    '“Stopped” office'
    """
    text = _one_for_one(_nfc(text)[0], punctuation)
    return (_RUNS_FULL if punctuation else _RUNS_LIGHT).sub(
        lambda m: _replacement(m.group()), text)


class Normalized:
    """Normalized text plus, per character, the original span it came from.

    The map is kept compactly as segments: a run of characters copied one for one,
    or one replacement (a folded whitespace run, ``…`` become ``...``) whose every
    character came from the same original span. ``starts`` and ``ends``, the map
    spelt out per character, are built only when asked for.
    """

    __slots__ = ("original", "text", "_starts", "_ends", "_sn", "_so", "_sb")

    def __init__(self, original: str, text: str, starts: array | None = None,
                 ends: array | None = None, segments: tuple | None = None):
        self.original = original
        self.text = text
        self._starts, self._ends = starts, ends
        # Segment k covers normalized [_sn[k], _sn[k + 1]); it copies original
        # characters from _so[k] on when _sb[k] < 0, else replaces [_so[k], _sb[k]).
        self._sn, self._so, self._sb = segments or (None, None, None)

    def __repr__(self) -> str:
        return f"Normalized({self.original!r}, {self.text!r})"

    def _segment(self, index: int) -> int:
        return bisect.bisect_right(self._sn, index) - 1

    def start_of(self, index: int) -> int:
        """Original offset where normalized character ``index`` starts."""
        if self._starts is not None:
            return self._starts[index]
        k = self._segment(index)
        return self._so[k] + index - self._sn[k] if self._sb[k] < 0 else self._so[k]

    def end_of(self, index: int) -> int:
        """Original offset where normalized character ``index`` ends."""
        if self._ends is not None:
            return self._ends[index]
        k = self._segment(index)
        return self._so[k] + index - self._sn[k] + 1 if self._sb[k] < 0 else self._sb[k]

    @property
    def starts(self) -> array:
        if self._starts is None:
            self._starts = array("q", (self.start_of(i) for i in range(len(self.text))))
        return self._starts

    @property
    def ends(self) -> array:
        if self._ends is None:
            self._ends = array("q", (self.end_of(i) for i in range(len(self.text))))
        return self._ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end)."""
        if end <= start:
            at = self.start_of(start) if start < len(self.text) else len(self.original)
            return at, at
        return self.start_of(start), self.end_of(end - 1)

    def norm_offset(self, original_offset: int) -> int:
        """First normalized index whose character starts at or after an original offset."""
        if self._starts is not None:
            return bisect.bisect_left(self._starts, original_offset)
        sn, so = self._sn, self._so
        k = bisect.bisect_left(so, original_offset)  # the first segment starting there
        if k and self._sb[k - 1] < 0:  # inside the copied run before it?
            index = sn[k - 1] + original_offset - so[k - 1]
            if index < (sn[k] if k < len(sn) else len(self.text)):
                return index
        return sn[k] if k < len(sn) else len(self.text)


def normalize(original: str) -> Normalized:
    """Normalize a source text, keeping the way back to its characters.

    >>> n = normalize("a\u00a0 “b”")
    >>> n.text
    'a "b"'
    >>> n.span(2, 5)
    (3, 6)
    >>> import re, sys
    >>> WHITESPACE == "".join(c for c in map(chr, range(sys.maxunicode + 1))
    ...                       if re.match("\\\\s", c))
    True
    """
    text, origin = _nfc(original)
    norm = _normalize_nfc(text)
    if origin is None:
        return Normalized(original, norm.text, segments=(norm._sn, norm._so, norm._sb))
    # NFC changed the text: compose the map with NFC's, per character.
    first, last = origin
    starts = array("q", (first[i] for i in norm.starts))
    ends = array("q", (last[i - 1] for i in norm.ends))  # end of the last char's cluster
    return Normalized(original, norm.text, starts, ends)


def _normalize_nfc(original: str) -> Normalized:
    """Normalize text already in NFC: fold one for one, then only runs of spaces and
    invisibles, lone invisibles, ``…`` and ligatures change the length."""
    text = _one_for_one(original, True)
    parts: list[str] = []
    sn: list[int] = []
    so: list[int] = []
    sb: list[int] = []
    pos = n = 0
    for match in _RUNS_FULL.finditer(text):
        a, b = match.span()
        if a > pos:
            parts.append(text[pos:a])
            sn.append(n)
            so.append(pos)
            sb.append(-1)
            n += a - pos
        new = _replacement(match.group())
        if new:
            parts.append(new)
            sn.append(n)
            so.append(a)
            sb.append(b)
            n += len(new)
        pos = b
    if pos < len(text):
        parts.append(text[pos:])
        sn.append(n)
        so.append(pos)
        sb.append(-1)
    return Normalized(original, "".join(parts), segments=(sn, so, sb))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``: runs of text between blank lines.

    A blank line is two line breaks (CR, LF, CRLF, U+2028 and the rest that
    str.splitlines counts) with nothing visible between them; U+2029 (PARAGRAPH
    SEPARATOR) ends a paragraph by itself.

    >>> paragraphs("One.\\n\\n  \\nTwo\\nlines.\\rThree\\r\\rFour\\u2029Five")
    [(0, 4), (9, 25), (27, 31), (32, 36)]
    """
    spans = []
    pos = 0
    for gap in [*_PARAGRAPH_GAP.finditer(text), None]:
        end = gap.start() if gap else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            left = pos + (len(chunk) - len(chunk.lstrip()))
            spans.append((left, left + len(stripped)))
        pos = gap.end() if gap else end
    return spans


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
    chunks = _ELISION.split(_EDGE_ELISION.sub("", quote.strip()))
    pieces = tuple(chunks[0::2])
    return pieces, tuple(chunks[1::2]), tuple(fold(p).strip(" ") for p in pieces)


def word_count(quote: str) -> int:
    return sum(len(_WORD.findall(p)) for p in _parse_quote(quote)[0])


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

    def _find(self, needle: str, pos: int, limit: int | None = None) -> int:
        """Like str.find in the normalized text, skipping occurrences that begin or end
        inside one original character's expansion: ``..`` is not in ``…``, and a quote
        cannot start between a letter and its combining mark."""
        text, norm = self.norm.text, self.norm
        limit = len(text) if limit is None else limit
        at = text.find(needle, pos, limit)
        while at >= 0:
            end = at + len(needle)
            if ((at == 0 or norm.start_of(at) != norm.start_of(at - 1))
                    and (end >= len(text) or norm.start_of(end) != norm.start_of(end - 1))):
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
        for marker, piece in zip(markers, texts[1:]):
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
        from rapidfuzz import fuzz

        text = self.norm.text
        if not query or not text.strip():
            return None
        if len(query) >= len(text):
            lo, hi = 0, len(text)
        else:
            aligned = fuzz.partial_ratio_alignment(query, text)
            lo, hi = aligned.dest_start, aligned.dest_end
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
                or len(_HAS_LINE_BREAK.findall(between)) > 2
                or not _HAS_LINE_BREAK.search(original[left_end:mid_a])
                or not _HAS_LINE_BREAK.search(original[mid_b:right_start])):
            return None
        return Interruption(before=original[first:left_end], between=between,
                            after=original[right_start:last], split=k)


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


def word_diff(quote: str, source: str) -> str:
    """Show word by word how a quote differs from the source, as ``git --word-diff``.

    ``[-…-]`` is what the quote has and the source does not; ``{+…+}`` the reverse.
    Where the words differ only in a few characters outside ASCII (a Cyrillic letter
    that looks Latin, an unfolded control character), those characters are named.

    >>> word_diff("300 soldiers and 30,000 tanks", "300 soldiers, 3,000 tanks")
    '300 [-soldiers and 30,000-]{+soldiers, 3,000+} tanks'
    >>> word_diff("an \u0430ttack", "an attack")
    'an [-\u0430ttack-]{+attack+} (the quote has U+0430 CYRILLIC SMALL LETTER A where the source has U+0061 LATIN SMALL LETTER A)'
    """
    a, b = quote.split(), source.split()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(" ".join(a[i1:i2]))
            continue
        change = ""
        if i2 > i1:
            change += "[-" + " ".join(a[i1:i2]) + "-]"
        if j2 > j1:
            change += "{+" + " ".join(b[j1:j2]) + "+}"
        if tag == "replace":
            change += _name_characters(" ".join(a[i1:i2]), " ".join(b[j1:j2]))
        out.append(change)
    return " ".join(out)


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '(unnamed)')}"


def _lookalike(ours: str, theirs: str) -> bool:
    """Could a reader miss this difference? Letters of two scripts (Cyrillic ``\u0430``
    for Latin ``a``), or a character outside ASCII that is no letter or digit (an
    unfolded control, a modifier) where the other side has anything or nothing."""
    def script(char: str) -> str:
        return unicodedata.name(char, "?").split(" ")[0]

    def odd(char: str) -> bool:
        return not char.isascii() and not char.isalnum()

    if any(map(odd, ours + theirs)):
        return True
    letters = ours + theirs
    return (bool(ours and theirs) and letters.isalpha()
            and {script(c) for c in ours} != {script(c) for c in theirs})


def _name_characters(quote: str, source: str) -> str:
    """Name the characters two nearly equal strings differ in, if any is not ASCII.

    >>> _name_characters("x\u202ey", "xy")
    ' (the quote has U+202E RIGHT-TO-LEFT OVERRIDE, which the source does not)'
    >>> _name_characters("Kyiv", "Kiev"), _name_characters("\u041c\u044b", "\u043d\u0435")
    ('', '')
    """
    if len(quote) == len(source):  # compare in place: "\u0391A" against "AA" is one swap
        ops = [("replace", i, i + 1, i, i + 1)
               for i, (a, b) in enumerate(zip(quote, source)) if a != b]
    else:
        ops = [op for op in difflib.SequenceMatcher(None, quote, source, autojunk=False)
               .get_opcodes() if op[0] != "equal"]
    changed = "".join(quote[i1:i2] + source[j1:j2] for _, i1, i2, j1, j2 in ops)
    if not ops or len(changed) > 4 or not all(
            _lookalike(quote[i1:i2], source[j1:j2]) for _, i1, i2, j1, j2 in ops):
        return ""
    notes = []
    for _, i1, i2, j1, j2 in ops:
        ours = ", ".join(map(_char_name, quote[i1:i2]))
        theirs = ", ".join(map(_char_name, source[j1:j2]))
        if ours and theirs:
            notes.append(f"the quote has {ours} where the source has {theirs}")
        elif ours:
            notes.append(f"the quote has {ours}, which the source does not")
        else:
            notes.append(f"the source has {theirs}, which the quote does not")
    return " (" + "; ".join(notes) + ")"
