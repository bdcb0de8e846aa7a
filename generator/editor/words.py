"""Words compared loosely: the stop words and the crude stem ``find`` and
``suggest`` share.

Both commands compare words that carry meaning, never to verify a quote (the
checker does that, character by character) but to rank passages: ``find`` looks
for the sentence an editor half remembers, ``suggest`` for the sentences that
share a claim's distinctive terms. They fold and cut words the same way, here.
"""

from __future__ import annotations

import re

from generator.checker.normalize import fold

# Grammar, not content: dropped by both commands.
FUNCTION_WORDS = frozenset("""
    a an and are as at be been but by for from had has have he her his i in is it its
    of on or our she that the their there they this to was we were which who will with
""".split())
# Also too common in news prose to tell one passage from another, so ``suggest``
# does not rank by them; ``find`` keeps them, since "not" or "said" in a
# remembered passage helps to tell it from its neighbour.
STOPWORDS = FUNCTION_WORDS | frozenset("""
    about after all also any before being can could did do does how into just may
    might more most no not only over said says since so some such than them then
    these those very what when where whom would you your
""".split())
STEM = 6  # words compared by their first letters: "evacuated" ~ "evacuation"
_SUFFIXES = ("ing", "ed", "es", "s")
_WORD = re.compile(r"\w+(?:[.,']\w+)*")


def stem(word: str) -> str:
    """A crude stem, good enough to rank (never to verify): ``flowing`` ~ ``flows``.

    >>> [stem(w) for w in ("flowing", "flows", "evacuated", "evacuation", "gas")]
    ['flow', 'flow', 'evacua', 'evacua', 'gas']
    """
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[:-len(suffix)]
            break
    return word[:STEM]


def content_words(text: str, stop: frozenset[str] = FUNCTION_WORDS) -> set[str]:
    """The words of ``text`` that carry meaning: folded, in lower case, ``stop``
    words dropped, numbers as their digits, every other word stemmed.

    >>> sorted(content_words("About 3,000 people were evacuated from the districts."))
    ['3000', 'about', 'distri', 'evacua', 'people']
    >>> sorted(content_words("About 3,000 people were evacuated.", STOPWORDS))
    ['3000', 'evacua', 'people']
    """
    out = set()
    for word in _WORD.findall(fold(text).casefold()):
        if word in stop:
            continue
        out.add(re.sub(r"\D", "", word) if word[0].isdigit() else stem(word))
    return out
