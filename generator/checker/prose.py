"""The fragments the desk's own prose puts in quotation marks.

A summary that writes ``Business Insider says Ukraine pushed in "on Tuesday"``
quotes a source as surely as a citation does, and readers take it so. This module
finds those fragments in a Markdown value (a summary, an update note, a dek, an
intro); the check then matches each against the sources (generator/checker/lints/
prose.py).

Double marks of every kind the matcher folds or a newsroom writes open a fragment:
``"…"``, ``“…”``, ``„…“`` (or ``„…”``), ``«…»``, ``「…」``, ``『…』``. Single marks
(``‘…’``, ``'…'``, ``‚…‘``, ``‹…›``) are also apostrophes, so they count only as a
pair around two or more words, opened where a word begins (after a space, a
bracket, a dash or another mark) and closed where a word ends: the apostrophe of
``Russia's``, ``don't`` or ``soldiers' homes`` never opens one. Straight marks open
and close under the same conditions. Nothing crosses a blank line, and text in
backticks (Markdown code: a field name, a rule code) is left alone.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# opening mark -> the marks that close it
DOUBLE = {"\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb",
          "\u300c": "\u300d", "\u300e": "\u300f", '"': '"'}
SINGLE = {"\u2018": "\u2019", "\u201a": "\u2018\u2019", "\u2039": "\u203a", "'": "'"}
AMBIGUOUS = "\"'\u2018\u2019\u201a"  # marks that are also apostrophes, or open and close
BEFORE_OPENING = "([{/\u2014\u2013-" + "".join(DOUBLE) + "".join(SINGLE)
MIN_SINGLE_WORDS = 2

_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_WORD = re.compile(r"\w", re.UNICODE)
# Where a mark may be: the scan jumps from one to the next (a summary is mostly words).
_MARKS = {chars: re.compile("[" + re.escape(chars) + "]")
          for chars in ["".join(DOUBLE) + "".join(SINGLE), *DOUBLE.values(), *SINGLE.values()]}
_OPENING = _MARKS["".join(DOUBLE) + "".join(SINGLE)]


class Fragment(NamedTuple):
    """Quoted words of a prose value: ``value[start:end]``, the marks left out."""

    start: int
    end: int
    text: str


def _blank_code(text: str) -> str:
    """``text`` with Markdown code spans turned to spaces (offsets kept)."""
    return _CODE.sub(lambda m: " " * len(m.group()), text)


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can open a quote: a word starts right after it, and,
    for a mark that is also an apostrophe or a closing mark, none ends right before."""
    after = text[i + 1:i + 2]
    if not after or after.isspace():
        return False
    if text[i] not in AMBIGUOUS:
        return True
    before = text[i - 1:i]
    return not before or before.isspace() or before in BEFORE_OPENING


def _closes(text: str, i: int, single: bool) -> bool:
    """Whether the mark at ``i`` can close a quote: a word ends right before it, and,
    for an ambiguous mark, no letter or digit follows (``Ukraine’s`` goes on)."""
    before = text[i - 1:i]
    if not before or before.isspace():
        return False
    if text[i] not in AMBIGUOUS and not single:
        return True
    after = text[i + 1:i + 2]
    return not after or not (after.isalnum() or after in "'\u2019")


def fragments(value: str) -> list[Fragment]:
    """The quoted fragments of a Markdown value, in order, outermost only.

    >>> [f.text for f in fragments('It said “rare”, not \\'the first\\' of Russia\\'s raids.')]
    ['rare', 'the first']
    >>> [f.text for f in fragments("The soldiers' homes, Ukraine’s ‘big’ day, don't.")]
    []
    >>> [f.text for f in fragments('The field `quote: "x y"` and «Все двенадцать»')]
    ['Все двенадцать']
    """
    text = _blank_code(value)
    out: list[Fragment] = []
    i = 0
    while (mark := _OPENING.search(text, i)) is not None:
        i = mark.start()
        c = text[i]
        closers = DOUBLE.get(c) or SINGLE.get(c)
        if not _opens(text, i):
            i += 1
            continue
        found = _closing(text, i, closers, c in SINGLE)
        if found is None:
            i += 1
            continue
        inner = value[i + 1:found]
        lead = len(inner) - len(inner.lstrip())
        start, end = i + 1 + lead, i + 1 + len(inner.rstrip())
        words = value[start:end].split()
        if _WORD.search(value[start:end]) and (
                c not in SINGLE or len(words) >= MIN_SINGLE_WORDS):
            out.append(Fragment(start, end, value[start:end]))
            i = found + 1
        else:
            i += 1
    return out


def _closing(text: str, i: int, closers: str, single: bool) -> int | None:
    """Where the quote opened at ``i`` closes, within its paragraph; None if nowhere."""
    blank = _BLANK_LINE.search(text, i)
    limit = blank.start() if blank else len(text)
    for mark in _MARKS[closers].finditer(text, i + 1, limit):
        if _closes(text, mark.start(), single):
            return mark.start()
    return None
