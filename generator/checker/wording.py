"""Small English helpers shared by every message: plurals, counts, "did you mean".

One place for each, so that the checker, the loader and the review summary word
the same thing the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CLOSE_ENOUGH = 0.6  # difflib's ratio above which a misspelling is worth suggesting


def N_(text: str) -> str:
    """Mark reader-facing text written here (the built-in verdict scale) for the
    site's catalogs: the site translates it; the checker keeps it as written.

    >>> N_("Accurate")
    'Accurate'
    """
    return text


def plural(count: int, word: str) -> str:
    """``count`` and ``word``, with an ``s`` unless there is one.

    >>> plural(1, "claim"), plural(3, "citation"), plural(0, "error")
    ('1 claim', '3 citations', '0 errors')
    """
    return f"{count} {word}{'' if count == 1 else 's'}"


def times(count: int) -> str:
    """How often, in words.

    >>> times(1), times(2), times(5)
    ('once', 'twice', '5 times')
    """
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """The option closest to a misspelt ``word``, if one is close enough.

    >>> did_you_mean("reprot", ["report", "second"]), did_you_mean("zzz", ["report"])
    ('report', None)
    """
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=CLOSE_ENOUGH)
    return close[0] if close else None
