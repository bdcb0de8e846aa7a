"""Normalization with an offset map: what a quote and a source are compared as.

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
import re
import unicodedata
from array import array

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


# In a text with no invisible character, ligature (or, folding punctuation, ``…``),
# the runs above are only runs of two spaces or more: a pattern that opens with two
# spaces is searched for fast, where one that opens with a class holding the space
# stops at every space between words.
_ODD_LIGHT = re.compile(rf"[{INVISIBLE}{''.join(LIGATURES)}]")
_ODD_FULL = re.compile(rf"[{INVISIBLE}{''.join(LIGATURES)}\u2026]")
_SPACE_RUNS = re.compile("  +")


def _runs(text: str, punctuation: bool) -> re.Pattern:
    """The pattern that finds the runs folding changes in ``text``."""
    if punctuation:
        return _RUNS_FULL if _ODD_FULL.search(text) else _SPACE_RUNS
    return _RUNS_LIGHT if _ODD_LIGHT.search(text) else _SPACE_RUNS


_BREAK_MARK = "\u200b"  # stands in for a hyphen break's characters: they vanish


_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


# A blank line: a break (CRLF is one), spacing, another break; or U+2029 alone. The
# pattern begins with a character class so that the scan for it is fast.
_PARAGRAPH_GAP = re.compile(
    rf"[{_BREAKS}](?>(?:(?<=\r)\n)?)(?:(?<=\u2029)|{_SPACING}*[{_BREAKS}])"
    rf"(?:{_SPACING}|[{_BREAKS}])*")


HAS_LINE_BREAK = re.compile(rf"{LINE_BREAK}|\u2029")


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


# Any character _one_for_one changes; a hyphen break holds a line break, which is one.
_ANY_FULL_ONE = re.compile("[" + re.escape("".join(c for c, _ in _FULL_ONE)) + "]")
_ANY_LIGHT_ONE = re.compile("[" + re.escape("".join(c for c, _ in _LIGHT_ONE)) + "]")


_FULL_FOLDS = dict(_FULL_ONE)
_LIGHT_FOLDS = dict(_LIGHT_ONE)


def _one_for_one(text: str, punctuation: bool) -> str:
    """Apply the folds that keep every offset, and mark hyphen breaks for dropping."""
    present = set((_ANY_FULL_ONE if punctuation else _ANY_LIGHT_ONE).findall(text))
    if not present:
        return text  # one scan in C instead of one per character folded (most quotes)
    breaks = hyphen_breaks(text)
    folds = _FULL_FOLDS if punctuation else _LIGHT_FOLDS
    for char in present:  # the characters the scan found, not a test for each of
        text = text.replace(char, folds[char])  # them; str.replace beats translate
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
    runs = _runs(text, punctuation)
    if runs is _SPACE_RUNS:
        return runs.sub(" ", text)
    return runs.sub(lambda m: _replacement(m.group()), text)


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

    def splits(self, index: int) -> bool:
        """Whether normalized ``index`` begins at another original character than the
        one before it: ``index == 0 or start_of(index) != start_of(index - 1)`` (or
        ``index`` is the end of the text), with one search, not two. A segment's
        characters all start at one original offset when it replaces, each at the
        next when it copies; a segment starts past where the one before it does."""
        if index <= 0 or index >= len(self.text):
            return True
        if self._starts is not None:
            return self._starts[index] != self._starts[index - 1]
        k = self._segment(index)
        return index == self._sn[k] or self._sb[k] < 0

    def splits_everywhere(self) -> bool:
        """Whether :meth:`splits` is True at every index: no replacement longer than
        one character (``…`` made ``...``, a ligature spelt out), no map per
        character (NFC composed some: not worth working out).

        >>> normalize("a  b").splits_everywhere(), normalize("a… b").splits_everywhere()
        (True, False)
        """
        if self._starts is not None:
            return False
        starts, replaced = self._sn, self._sb
        ends = [*starts[1:], len(self.text)]
        return all(b - a < 2 for a, b, r in zip(starts, ends, replaced, strict=False)
                   if r >= 0)

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
    for match in _runs(text, True).finditer(text):
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

