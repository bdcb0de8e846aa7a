"""Hypothesis strategies for hostile text: the characters SPEC.md folds, and their neighbours."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from generator.textmatch import FOLD, INVISIBLE

# Characters SPEC.md's normalization touches.
WHITESPACE = " \t\n\r\u00a0\u2002\u2003\u2009\u202f\u3000\x0b\x0c\u0085\u2028"
CURLY = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"
DASHES = "\u2013\u2014\u2212"
COMBINING = "\u0300\u0301\u0302\u0308\u0327\u0323\u0306"
# Letters that compose with the marks above, Cyrillic, digits, punctuation that is NOT folded.
LETTERS = "aeiouAEIOUnczsCZSxyk\u0430\u0435\u0438\u043e\u0443\u041a\u0451\u00e9\u00e8\u00fc\u00e7"
DIGITS = "0123456789"
PLAIN_PUNCT = ".,;:!?'\"-()[]/\u00ab\u00bb\u2010\u2011\u2015\u2032"

ALPHABET = (LETTERS * 4 + DIGITS + PLAIN_PUNCT + WHITESPACE + CURLY + DASHES + "\u2026"
            + INVISIBLE + COMBINING + "\u212b\u2126")  # singletons: Angstrom, Ohm

chars = st.sampled_from(ALPHABET)
texts = st.lists(chars, min_size=0, max_size=80).map("".join)

WORD_CHARS = LETTERS + DIGITS
words = st.text(alphabet=WORD_CHARS, min_size=1, max_size=8)


def cluster_bounds(text: str) -> list[int]:
    """Offsets that do not split a starter from the combining marks after it."""
    return [i for i in range(len(text) + 1)
            if i == len(text) or i == 0 or not unicodedata.combining(text[i])]


def is_content(ch: str) -> bool:
    """A character that survives folding as itself or as a visible replacement."""
    return not ch.isspace() and ch not in INVISIBLE


FOLDABLE = dict(FOLD)
