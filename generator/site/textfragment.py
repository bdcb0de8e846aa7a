"""Links into the original page: URL text fragments (``#:~:text=``).

The WICG "URL Fragment Text Directives" draft lets a link name the words it points
at: ``https://example.org/a#:~:text=[prefix-,]start[,end][,-suffix]``. A browser
that supports it (Chromium, Safari, Firefox) scrolls to the first match and
highlights it; one that does not opens the page at its top. So every citation of a
source with a ``url`` links to the quoted passage on the publisher's own page, which
is what a newsroom that shows only excerpts owes its readers.

How the directive is chosen, from the source text we keep (the page's article):

* a short quote is its own ``start``; a long one (more than :data:`LONG_WORDS`
  words), or one with elisions, is a range: its first words as ``start``, its last
  as ``end``, as few as find the passage;
* matching is case-insensitive and whole-word, so when the passage is not the
  first place its words occur (a quote said twice), a ``prefix-`` of the words just
  before it is added, or a ``-suffix`` of those after it, the fewest that pick it;
* each term is percent-encoded as the draft's grammar requires: only ASCII letters,
  digits and ``!$'()*+./:;=?@_~`` stay as they are; every other character,
  ``-``, ``,`` and ``&`` among them (they are the directive's own syntax), becomes
  its UTF-8 bytes as ``%XX``.

Pure: text and offsets in, a string out.
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

LONG_WORDS = 10  # a quote longer than this is linked as a range
EDGE_WORDS = 4  # a range's start and end: at least this many words each
MAX_CONTEXT = 6  # words of prefix or suffix, at most
EXPLICIT = frozenset(string.ascii_letters + string.digits + "!$'()*+./:;=?@_~")


def encode(term: str) -> str:
    """One term of a text directive, percent-encoded as the draft's grammar says.

    >>> encode("an example"), encode("well-known, & more")
    ('an%20example', 'well%2Dknown%2C%20%26%20more')
    >>> encode("Russia’s")
    'Russia%E2%80%99s'
    """
    return "".join(ch if ch in EXPLICIT else "".join(f"%{b:02X}" for b in ch.encode())
                   for ch in term)


@dataclass(frozen=True)
class TextDirective:
    """``text=[prefix-,]start[,end][,-suffix]``: terms as plain text, unencoded."""

    start: str
    end: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def __str__(self) -> str:
        """
        >>> str(TextDirective("an example", prefix="this is", suffix="text fragment"))
        'text=this%20is-,an%20example,-text%20fragment'
        """
        parts = [f"{encode(self.prefix)}-"] if self.prefix else []
        parts.append(encode(self.start))
        if self.end:
            parts.append(encode(self.end))
        if self.suffix:
            parts.append(f"-{encode(self.suffix)}")
        return "text=" + ",".join(parts)


def parse(value: str) -> TextDirective | None:
    """A directive's value (what follows ``text=``) read back, as the draft's parser
    reads it; None when a browser would ignore it.

    >>> parse("this%20is-,an%20example,-text%20fragment")
    TextDirective(start='an example', end=None, prefix='this is', suffix='text fragment')
    >>> parse("a-b") is None
    True
    """
    tokens = value.split(",")
    prefix = suffix = None
    if not 1 <= len(tokens) <= 4:
        return None
    if tokens[0].endswith("-"):
        prefix = tokens.pop(0)[:-1]
        if not prefix or "-" in prefix or not tokens:
            return None
    if tokens[-1].startswith("-"):
        suffix = tokens.pop()[1:]
        if not suffix or "-" in suffix or not tokens:
            return None
    if len(tokens) > 2 or any(not t or "-" in t for t in tokens):
        return None

    def decode(term: str | None) -> str | None:
        return None if term is None else unquote_to_bytes(term).decode("utf-8", "replace")

    return TextDirective(decode(tokens[0]), decode(tokens[1] if len(tokens) > 1 else None),
                         decode(prefix), decode(suffix))


def link(url: str, directive: TextDirective) -> str:
    """The address of ``url`` with the directive as its fragment (any fragment the
    address had is dropped: the directive must be the whole fragment to work
    where the page has no such anchor).

    >>> link("https://example.org/a#top", TextDirective("an example"))
    'https://example.org/a#:~:text=an%20example'
    """
    return f"{url.split('#', 1)[0]}#:~:{directive}"


# ---- choosing the terms ------------------------------------------------------------

_WORD = re.compile(r"\S+")


def _words(text: str, start: int, end: int) -> list[str]:
    return _WORD.findall(text, start, end)


def _pattern(*terms: list[str]) -> re.Pattern:
    """The terms, one after another, as a case-insensitive whole-word search; each
    term is a group, so where each matched is known."""
    words = [w for term in terms for w in term]
    space = r"\s+"
    body = space.join("(" + space.join(map(re.escape, term)) + ")" for term in terms if term)
    left = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    right = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(left + body + right, re.IGNORECASE)


def _first(text: str, pos: int, prefix: list[str], term: list[str],
           suffix: list[str]) -> tuple[int, int] | None:
    """Where ``term`` matches first from ``pos`` with the context given, as a
    browser would find it."""
    found = _pattern(prefix, term, suffix).search(text, pos)
    if found is None:
        return None
    group = 2 if prefix else 1
    return found.start(group), found.end(group)


def _context(text: str, paras: list[tuple[int, int]], at: int, before: bool) -> list[str]:
    """Words next to offset ``at`` from one paragraph (a context term must lie in one
    block): the rest of ``at``'s own paragraph, else the neighbouring paragraph's."""
    starts = [lo for lo, _ in paras]
    if before:
        i = bisect.bisect_right(starts, at) - 1
        own = _words(text, paras[i][0], min(at, paras[i][1])) if i >= 0 else []
        return own or (_words(text, *paras[i - 1]) if i >= 1 else [])
    i = bisect.bisect_right(starts, at - 1) - 1
    own = _words(text, at, paras[i][1]) if 0 <= i and at < paras[i][1] else []
    return own or (_words(text, *paras[i + 1]) if i + 1 < len(paras) else [])


def _choose(text: str, pos: int, terms: list[list[str]], before: list[str],
            after: list[str], want: tuple[int | None, int | None]):
    """The first term (of ``terms``, shortest first) and the fewest context words
    (a prefix before a suffix) whose first match from ``pos`` starts and ends where
    ``want`` says (None: anywhere); None when no choice finds the passage first."""
    combos = sorted(((p, s) for p in range(min(MAX_CONTEXT, len(before)) + 1)
                     for s in range(min(MAX_CONTEXT, len(after)) + 1)),
                    key=lambda c: (c[0] + c[1], -c[0]))
    for term in terms:
        for p, s in combos:
            prefix, suffix = before[len(before) - p:] if p else [], after[:s]
            hit = _first(text, pos, prefix, term, suffix)
            if hit is not None and want[0] in (None, hit[0]) and want[1] in (None, hit[1]):
                return term, prefix, suffix, hit
    return None


def _joined(words: list[str]) -> str | None:
    return " ".join(words) or None


def directive(text: str, pieces: list[tuple[int, int]] | tuple,
              paras: list[tuple[int, int]]) -> TextDirective:
    """The text directive for a quote resolved at ``pieces`` (offsets into ``text``).

    >>> t = "He said stop. Then she said stop again."
    >>> str(directive(t, [(3, 12)], [(0, len(t))]))
    'text=said%20stop'
    >>> str(directive(t, [(23, 32)], [(0, len(t))]))
    'text=she-,said%20stop'
    """
    pieces = list(pieces)
    start, end = pieces[0][0], pieces[-1][1]
    first, last = _words(text, *pieces[0]), _words(text, *pieces[-1])
    before = _context(text, paras, start, True)
    after = _context(text, paras, end, False)
    if len(pieces) > 1 or len(first) > LONG_WORDS:
        top = (len(first), len(last)) if len(pieces) > 1 else (len(first) // 2,) * 2
        head = _choose(text, 0, [first[:n] for n in range(min(EDGE_WORDS, top[0]),
                                                          top[0] + 1)],
                       before, [], (start, None))
        tail = head and _choose(text, head[3][1], [last[len(last) - n:] for n in range(
            min(EDGE_WORDS, top[1]), top[1] + 1)], [], after, (None, end))
        if head and tail:
            return TextDirective(" ".join(head[0]), " ".join(tail[0]), _joined(head[1]),
                                 _joined(tail[2]))
    whole = _words(text, start, end)
    exact = _choose(text, 0, [whole], before, after, (start, end))
    if exact is not None:
        return TextDirective(" ".join(whole), prefix=_joined(exact[1]),
                             suffix=_joined(exact[2]))
    return TextDirective(" ".join(whole), prefix=_joined(before[-MAX_CONTEXT:]),
                         suffix=_joined(after[:MAX_CONTEXT]))
