"""Where a character of a YAML scalar's value sits in the file.

A finding about words inside a value (a fragment a summary puts in quotation
marks) points at those words, not at the start of the value. The loader keeps each
value's span in its file (``Loc.start``/``end``); this module reads that raw text
again and pairs each character of the parsed value with the raw character it came
from, in every scalar style: plain, single-quoted (``''`` for ``'``), double-quoted
(escapes, escaped line breaks), literal ``|`` and folded ``>`` (indentation and
folded line breaks). Only whitespace differs between a value and its raw text,
besides quoting and escapes, so the non-space characters pair one for one; when
they do not (a span that is not the value's), the caller keeps the whole value's
location.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import repeat
from operator import add

from generator.checker.model import Loc

LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # as YAML counts lines

_SIMPLE = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n",
           "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/",
           "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


def _bounds(raw: str) -> tuple[int, int, bool]:
    """Where the raw scalar's value begins and ends (past its quotes or its block
    header), and whether each character there reads as itself (no escape, no
    doubled quote)."""
    style = raw[:1]
    if style in ("|", ">"):
        brk = LINE_BREAK.search(raw)
        lo, hi = (brk.end() if brk else len(raw)), len(raw)
    elif style in ("'", '"') and len(raw) >= 2:
        lo, hi = 1, len(raw) - 1
    else:
        lo, hi = 0, len(raw)
    return lo, hi, not ((style == "'" and raw.find("''", lo, hi + 1) >= 0)
                        or (style == '"' and raw.find("\\", lo, hi) >= 0))


def _units(raw: str) -> list[tuple[int, int, str]]:
    """The raw scalar as (offset, width, what it reads as) units: one per character,
    one per escape or doubled quote; an escaped line break reads as nothing."""
    style = raw[:1]
    lo, hi, plain = _bounds(raw)
    if plain:
        return list(zip(range(lo, hi), repeat(1), raw[lo:hi]))  # each character itself
    units: list[tuple[int, int, str]] = []
    i = lo
    while i < hi:
        c = raw[i]
        if style == "'" and raw.startswith("''", i):
            units.append((i, 2, "'"))
            i += 2
        elif style == '"' and c == "\\" and i + 1 < hi:
            i = _escape(raw, i, units)
        else:
            units.append((i, 1, c))
            i += 1
    return units


def _escape(raw: str, i: int, units: list[tuple[int, int, str]]) -> int:
    """Read the escape at ``raw[i]`` into ``units``; return where the next unit starts."""
    kind = raw[i + 1]
    brk = LINE_BREAK.match(raw, i + 1)
    if brk:  # an escaped line break: the lines join with nothing between them
        units.append((i, brk.end() - i, ""))
        return brk.end()
    if kind in _HEX:
        width = 2 + _HEX[kind]
        try:
            units.append((i, width, chr(int(raw[i + 2:i + width], 16))))
        except ValueError:
            units.append((i, 1, "\\"))
            return i + 1
        return i + width
    units.append((i, 2, _SIMPLE.get(kind, "\\" + kind)))
    return i + 2


def _blank(unit: tuple[int, int, str]) -> bool:
    return unit[2] == "" or unit[2].isspace()


def value_spans(raw: str, value: str) -> list[tuple[int, int]] | None:
    """For each character of ``value``, the span of ``raw`` (the scalar as written in
    the file) it came from: the character, escape or doubled quote; for a run of
    whitespace, the raw run's first character. None if the two do not pair up.

    >>> raw = ">-\\n  one “two\\n  three”\\n"
    >>> at = value_spans(raw, "one “two three”")
    >>> raw[at[4][0]:at[-1][1]]
    '“two\\n  three”'
    >>> value_spans("'it''s'", "it's")
    [(1, 2), (2, 3), (3, 5), (5, 6)]
    >>> value_spans('"a\\\\u00e9b"', "aéb")
    [(1, 2), (2, 8), (8, 9)]
    """
    units = _units(raw)
    quick = _paired_by_runs(units, value)
    if quick is _UNSURE:
        return _paired(units, value)
    return quick


_RUN = re.compile(r"\s+|\S+")
_NOT_BLANK = re.compile(r"[^ ]")
_SPACE = re.compile(r"\s")  # what str.isspace() says is a space
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^ ]+")
_VALUE_WORDS = re.compile(r"\S+")  # what str.split() parts a value into
_OTHER = "\ud800"  # stands for a unit that reads as several characters: no value has it
_UNSURE: list = []


def _read(units: list[tuple[int, int, str]]) -> tuple[tuple[int, ...], list[int], str]:
    """Each unit's raw offset and end, and the units as one string, every blank unit
    a space and every unit that reads as several characters ``_OTHER``."""
    offsets, widths, reads = zip(*units, strict=True) if units else ((), (), ())
    joined = "".join(reads)
    if len(joined) == len(units) and all(reads):  # each unit reads as one character
        blank = _SPACE.sub(" ", joined)
    else:
        blank = "".join(" " if c == "" or c.isspace() else c if len(c) == 1 else _OTHER
                        for c in reads)
    return offsets, list(map(add, offsets, widths)), blank


def _read_raw(raw: str) -> tuple[Sequence[int], Sequence[int], str]:
    """``_read(_units(raw))``; where each character reads as itself (most values),
    without a unit made for each: unit ``i`` is then raw character ``lo + i``."""
    lo, hi, plain = _bounds(raw)
    if not plain:
        return _read(_units(raw))
    return range(lo, hi), range(lo + 1, hi + 1), _SPACE.sub(" ", raw[lo:hi])


def value_spans_at(raw: str, value: str, at: Sequence[int]
                   ) -> list[tuple[int, int]] | None:
    """``[value_spans(raw, value)[i] for i in at]``; None if that has no such index
    or is None. A value whose words are the raw text's one for one (most values)
    has only these spans made, not one per character.

    >>> value_spans_at(">-\\n  one “two\\n  three”\\n", "one “two three”", (4, 14))
    [(9, 10), (21, 22)]
    """
    found = _paired_at(_read_raw(raw), value, at)
    if found is not _UNSURE:
        return found
    spans = value_spans(raw, value)
    if spans is None or not all(0 <= i < len(spans) for i in at):
        return None
    return [spans[i] for i in at]


def _paired_at(read: tuple[Sequence[int], Sequence[int], str], value: str,
               at: Sequence[int]) -> list[tuple[int, int]] | None:
    """What :func:`_paired_by_runs` pairs the characters ``at`` with, when the
    value's words are the raw text's (else ``_UNSURE``: it decides): a word's
    character pairs with its unit, a space after a word with the first blank after
    the word, a space before the first word with the first unit. ``read``: the
    raw text's units as :func:`_read` gives them."""
    if _OTHER in value:
        return _UNSURE
    offsets, ends, blank = read
    words = value.split()
    if not (words and words == blank.split()):
        return _UNSURE
    runs = [m.span() for m in _WORDS.finditer(blank)]
    lead, trail = len(value) - len(value.lstrip()), len(value) - len(value.rstrip())
    if (lead and runs[0][0] == 0) or (trail and runs[-1][1] == len(blank)):
        return None
    starts = [m.start() for m in _VALUE_WORDS.finditer(value)]
    out = []
    for i in at:
        if not 0 <= i < len(value):
            return None
        if i < lead:
            unit = 0
        else:
            w = bisect.bisect_right(starts, i) - 1
            a, b = runs[w]
            unit = a + i - starts[w] if i - starts[w] < b - a else b
        out.append((offsets[unit], ends[unit]))
    return out


def _paired_by_runs(units: list[tuple[int, int, str]], value: str
                    ) -> list[tuple[int, int]] | None:
    """What :func:`_paired` finds, a run of words or spaces at a time; ``_UNSURE``
    where it cannot tell (a word whose units a blank one parts, as an escaped line
    break does): then :func:`_paired` decides."""
    if _OTHER in value:
        return _UNSURE
    offsets, ends, blank = _read(units)
    words = value.split()
    if words and words == blank.split():
        # The value's words are the raw text's, one for one (most values): each
        # word pairs with its run, each space after one with the first blank after
        # it, spaces before the first with the first unit, if it is blank.
        runs = [m.span() for m in _WORDS.finditer(blank)]
        body = value.strip()
        lead, trail = len(value) - len(value.lstrip()), len(value) - len(value.rstrip())
        if (lead and runs[0][0] == 0) or (trail and runs[-1][1] == len(blank)):
            return None
        out = [(offsets[0], ends[0])] * lead
        for (a, b), gap in zip(runs, [*map(len, _SPACES.findall(body)), trail], strict=True):
            out += zip(offsets[a:b], ends[a:b], strict=True)
            if gap:
                out += [(offsets[b], ends[b])] * gap
        return out
    out: list[tuple[int, int]] = []
    k = 0
    for run in _RUN.finditer(value):
        word = run.group()
        next_word = _NOT_BLANK.search(blank, k)  # the next unit not blank
        after = next_word.start() if next_word else len(blank)
        if word[0].isspace():
            if after == k:
                return None
            at, width = units[k][0], units[k][1]
            out += [(at, at + width)] * len(word)
        else:
            if not blank.startswith(word, after):
                return _UNSURE
            out += zip(offsets[after:after + len(word)], ends[after:after + len(word)],
                       strict=True)
        k = after + (0 if word[0].isspace() else len(word))
    return out


def _paired(units: list[tuple[int, int, str]], value: str) -> list[tuple[int, int]] | None:
    """:func:`value_spans`, a character at a time."""
    out: list[tuple[int, int]] = []
    k = j = 0
    while j < len(value):
        if value[j].isspace():
            run = k
            while k < len(units) and _blank(units[k]):
                k += 1
            if run == k:
                return None
            at = units[run][0]
            while j < len(value) and value[j].isspace():
                out.append((at, at + units[run][1]))
                j += 1
            continue
        while k < len(units) and _blank(units[k]):
            k += 1  # indentation, a folded break, what an escaped break leaves
        if k >= len(units) or units[k][2] != value[j]:
            return None
        out.append((units[k][0], units[k][0] + units[k][1]))
        k += 1
        j += 1
    return out


START = Loc(1, 1, 1, 1, 0, 0)  # the first character of a file


def position(text: str, offset: int, base: Loc = START) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset`` in ``text``, counted
    from ``base`` (a known place at or before it: the start of a value).

    >>> position("a: 1\\r\\nb: 2", 7)
    (2, 2)
    >>> position("a: 1\\nb: xy", 10, Loc(2, 4, 2, 6, 8, 10))
    (2, 6)
    """
    line, start = base.line, None
    for brk in LINE_BREAK.finditer(text, base.start, offset):
        line, start = line + 1, brk.end()
    if start is None:
        return line, base.column + offset - base.start
    return line, offset - start + 1


def span_loc(text: str, value_loc: Loc, value: str, start: int, end: int) -> Loc:
    """The location in the file ``text`` of ``value[start:end]``, a part of the scalar
    at ``value_loc``; the whole value's location when its raw text cannot be paired.

    >>> text = 'summary: >-\\n  He said\\n  "so it is".\\n'
    >>> value = 'He said "so it is".'
    >>> at = value.index("so")
    >>> span_loc(text, Loc(1, 10, 4, 1, 9, len(text)), value, at, at + 8)[:4]
    (3, 4, 3, 12)
    """
    if not (0 <= value_loc.start < value_loc.end <= len(text)) or not 0 <= start < end:
        return value_loc
    spans = value_spans_at(text[value_loc.start:value_loc.end], value, (start, end - 1))
    if spans is None:
        return value_loc
    a, b = value_loc.start + spans[0][0], value_loc.start + spans[1][1]
    return Loc(*position(text, a, value_loc), *position(text, b, value_loc), a, b)
