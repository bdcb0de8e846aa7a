"""What the preview keeps from one rebuild to the next for objects it has not changed.

The preview's unchanged claims and source texts are the very same objects from one
rebuild to the next (a live parse memo; sources re-read only when their files change),
and no one changes them after loading, so whatever is made from one of them can be
kept for as long as the object is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def by_identity(values: Iterable, memo: dict | None, make: Callable) -> list:
    """``[make(value) for value in values]``, reusing what the last call made for a
    value that is the very same object.

    ``memo``: by ``id`` of the value, with the value itself, so that an id freed and
    given to a new object is never taken for the old one; updated in place to hold
    this call's values only. None: nothing is kept.

    >>> memo, made = {}, []
    >>> def make(v):
    ...     made.append(v)
    ...     return v.upper()
    >>> word = "".join(["ab", "c"])
    >>> by_identity([word], memo, make), by_identity([word], memo, make), made
    (['ABC'], ['ABC'], ['abc'])
    """
    if memo is None:
        return [make(value) for value in values]
    out, fresh = [], {}
    for value in values:
        known = memo.get(id(value))
        got = known[1] if known is not None and known[0] is value else make(value)
        fresh[id(value)] = (value, got)
        out.append(got)
    memo.clear()
    memo.update(fresh)
    return out
