"""How a quote differs from the closest passage: a word diff an editor can read.

Where words differ only in characters outside ASCII that look alike (a Cyrillic
letter among Latin ones, an unfolded control character), the characters are named,
because a word diff alone would show two identical-looking words.
"""

from __future__ import annotations

import difflib
import unicodedata


def word_diff(quote: str, source: str) -> str:
    """Show word by word how a quote differs from the source, as ``git --word-diff``.

    ``[-…-]`` is what the quote has and the source does not; ``{+…+}`` the reverse.
    Where the words differ only in a few characters outside ASCII (a Cyrillic letter
    that looks Latin, an unfolded control character), those characters are named.

    >>> word_diff("300 soldiers and 30,000 tanks", "300 soldiers, 3,000 tanks")
    '300 [-soldiers and 30,000-]{+soldiers, 3,000+} tanks'
    >>> word_diff("an \u0430ttack", "an attack")
    'an [-\u0430ttack-]{+attack+} (the quote has U+0430 CYRILLIC SMALL LETTER A where the source has U+0061 LATIN SMALL LETTER A)'
    """  # noqa: E501  (a doctest's or rule text's line as printed)
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
               for i, (a, b) in enumerate(zip(quote, source, strict=False)) if a != b]
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

