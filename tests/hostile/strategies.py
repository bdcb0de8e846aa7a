"""Hypothesis strategies for hostile text: the characters the matcher folds
(docs/reference.md), and their neighbours."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from generator.checker.normalize import INVISIBLE

# Characters the normalization touches.
WHITESPACE = (" \t\n\r\u00a0\u2002\u2003\u2009\u202f\u3000\x0b\x0c\u0085\u2028\u2029"
              "\x1c\x1d\x1e")
CURLY = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u02bc"
DASHES = "\u2013\u2014\u2212\u2010\u2011"
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
COMBINING = "\u0300\u0301\u0302\u0308\u0327\u0323\u0306"
# Letters that compose with the marks above; Cyrillic, Greek, Hebrew (with points),
# Arabic (with harakat); lookalikes of Latin letters among them.
LETTERS = ("aeiouAEIOUnczsCZSxyk\u0430\u0435\u0438\u043e\u0443\u041a\u0451\u00e9\u00e8"
           "\u00fc\u00e7\u03bf\u03b1\u0391\u03ac\u05d0\u05e9\u05bc\u05b8\u0642\u0627"
           "\u064e\u0650ft")
DIGITS = "0123456789"
# Punctuation that is NOT folded, some of it close to what is.
PLAIN_PUNCT = ".,;:!?'\"-()[]/\u2015\u2032\u05f3\u05f4\u02b9\u202d\u202e"

ALPHABET = (LETTERS * 4 + DIGITS + PLAIN_PUNCT + "-" * 4 + WHITESPACE + CURLY + DASHES
            + "\u2026" + LIGATURES + INVISIBLE + COMBINING + "\u212b\u2126")  # singletons

chars = st.sampled_from(ALPHABET)
texts = st.lists(chars, min_size=0, max_size=80).map("".join)

WORD_CHARS = LETTERS + DIGITS
words = st.text(alphabet=WORD_CHARS, min_size=1, max_size=8)


def cluster_bounds(text: str) -> list[int]:
    """Offsets that do not split a starter from the combining marks after it."""
    return [i for i in range(len(text) + 1)
            if i == len(text) or i == 0 or not unicodedata.combining(text[i])]


def is_content(ch: str) -> bool:
    """A character that survives folding as itself or as a visible replacement
    (unless it is the hyphen of a word broken at a line end: see hyphen_breaks)."""
    return not ch.isspace() and ch not in INVISIBLE


LINE_BREAKS = ["\r\n", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85",
               "\u2028"]


def hyphen_breaks(text: str) -> list[tuple[int, int]]:
    """Spans of letter-hyphen-line break-lowercase letter, the hyphen and the break:
    the folding rule for a word broken at a line end, written without regexes."""
    out = []
    for i, ch in enumerate(text):
        if ch not in "-\u2010\u00ad" or not i or not text[i - 1].isalpha():
            continue
        for brk in LINE_BREAKS:
            end = i + 1 + len(brk)
            if (text.startswith(brk, i + 1) and end < len(text) and text[end].isalpha()
                    and text[end].islower()):
                out.append((i, end))
                break
    return out
