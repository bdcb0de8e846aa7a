"""Indentation slips in claims.yaml, explained in the editor's terms.

When a line is indented deeper or shallower than the fields it belongs with, PyYAML
says "mapping values are not allowed here" or "did not find expected '-'
indicator", and the generic hint for the first (quote a value that holds `: `)
would make things worse: quoting would swallow the key into the value above. This
module reads the lines above the error, works out which claim, citation or source
the slipped line belongs to from the field's name (:data:`generator.checker.schema.OBJECTS`),
and says at which column it should start.

Text-based on purpose: the file did not parse, so there are no nodes to walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.checker.schema import OBJECTS

_LINE = re.compile(r"^( *)((?:-[ ]+)*)(.*)$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$")
_BLOCK = re.compile(r"^[|>][-+0-9]*[ \t]*(#.*)?$")

# list key -> the kind of object its items are ("citations" -> "citation")
LIST_OF = {f.name: f.of for fields in OBJECTS.values() for f in fields
           if f.kind == "list" and f.of in OBJECTS}
OBJECT_OF = {f.name: f.of for fields in OBJECTS.values() for f in fields
             if f.kind == "object"}
FIELDS = {kind: {f.name for f in fields} for kind, fields in OBJECTS.items()}


@dataclass
class Entry:
    """A line that starts a key or a list item (0-based columns)."""

    number: int  # 1-based line number
    col: int  # column of the key (of the item's content for `- key:`)
    dash: int | None  # column of the innermost `- `, if the line starts an item
    key: str | None
    value: str


def entries(text: str) -> list[Entry]:
    """Key and item lines of ``text``; block scalars' text and comments skipped.

    >>> [(e.number, e.col, e.dash, e.key) for e in entries("a:\\n  - b: |\\n      x: y\\n    c: 1\\n")]
    [(1, 0, None, 'a'), (2, 4, 2, 'b'), (4, 4, None, 'c')]
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    out: list[Entry] = []
    block_above: int | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        indent, dashes, rest = _LINE.match(raw).groups()
        col = len(indent) + len(dashes)
        if not rest.strip() and not dashes:
            continue
        if block_above is not None and col > block_above:
            continue  # text of a block scalar
        block_above = None
        if rest.startswith("#"):
            continue
        key = _KEY.match(rest)
        dash = col - len(dashes.split("-")[-1]) - 1 if dashes else None
        if key is None and dash is None:
            continue  # more text of a value that started above
        value = (key.group(2) or "") if key else rest
        out.append(Entry(number, col, dash, key.group(1) if key else None, value))
        if key and _BLOCK.match(value):
            block_above = col
    return out


@dataclass
class Level:
    """A mapping open at the slipped line: its column, kind and first line."""

    col: int
    kind: str | None
    entry: Entry  # the line that opened it (an item's first key, or a key's first child)
    sibling: Entry  # the nearest line above at this column


def _levels(above: list[Entry]) -> list[Level]:
    """The mappings that enclose the line after ``above``, innermost first."""
    levels: list[Level] = []
    limit = None
    for i in range(len(above) - 1, -1, -1):
        e = above[i]
        if limit is not None and e.col >= limit:
            continue
        opener = e
        j = i
        while opener.dash is None and j > 0:  # find the line that opened this mapping
            prev = above[j - 1]
            if prev.col < e.col:
                break
            if prev.col == e.col:
                opener = prev
            j -= 1
        levels.append(Level(e.col, None, opener, e))
        limit = opener.dash if opener.dash is not None else e.col
    for inner, outer in zip(levels, levels[1:] + [None], strict=False):
        inner.kind = _kind(inner, outer, above)
    return levels


def _kind(level: Level, outer: Level | None, above: list[Entry]) -> str | None:
    if level.col == 0:
        return "root"
    parent = next((e for e in reversed(above) if e.number < level.entry.number
                   and e.col < (level.entry.dash if level.entry.dash is not None
                                else level.col) and e.key), None)
    if parent is None:
        return None
    if level.entry.dash is not None:
        return LIST_OF.get(parent.key)
    return OBJECT_OF.get(parent.key)


def _describe(level: Level, levels: list[Level], above: list[Entry]) -> str:
    """``citation 2 of claim `x``` for the mapping a level is."""
    if level.kind in (None, "root"):
        return "the top level of the file"
    name = level.kind
    if level.entry.dash is not None:
        siblings = [e for e in above if e.dash == level.entry.dash
                    and e.number <= level.entry.number]
        # count only the items since the list's key
        parent_line = max((e.number for e in above if e.number < level.entry.number
                           and e.col < level.entry.dash and e.key), default=0)
        index = sum(1 for e in siblings if e.number > parent_line)
        ident = _id_of(level, above)
        here = f"{name} `{ident}`" if ident and name != "citation" else f"{name} {index}"
    else:
        here = name
    outer = [lv for lv in levels if lv.col < level.col and lv.kind not in (None, "root")]
    if outer and level.kind == "citation":
        return f"{here} of {_describe(outer[0], levels, above)}"
    return here


def _id_of(level: Level, above: list[Entry]) -> str | None:
    for e in above:
        if e.number >= level.entry.number and e.col == level.col and e.key == "id":
            return e.value.split("#")[0].strip().strip("'\"") or None
        if e.number > level.entry.number and e.col < level.col:
            break
    return None


def explain(text: str, line: int) -> tuple[int, str] | None:
    """Explain a YAML error at ``line`` (1-based) if it is an indentation slip:
    the 1-based column where the slipped line starts, and what to do.

    >>> text = ("claims:\\n  - id: a\\n    citations:\\n      - source: s\\n"
    ...         "        quote: q\\n          stance: supports\\n")
    >>> print(*explain(text, 6))
    11 `stance:` on line 6 starts at column 11, but the other fields of citation 1 of claim `a` start at column 9 (like `quote:` on line 5): indent it by 8 spaces, not 10
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    lines = entries(text)
    slipped = next((e for e in lines if e.number == line), None)
    if slipped is None or slipped.key is None:
        return None
    above = [e for e in lines if e.number < line]
    levels = _levels(above)
    if slipped.dash is not None:
        return _explain_item(slipped, levels, above)
    home = next((lv for lv in levels if lv.kind and slipped.key in FIELDS[lv.kind]), None)
    if home is None or home.col == slipped.col:
        return None
    what = _describe(home, levels, above)
    return slipped.col + 1, (
            f"`{slipped.key}:` on line {slipped.number} starts at column {slipped.col + 1}, "
            f"but the other fields of {what} start at column {home.col + 1} (like "
            f"`{home.sibling.key}:` on line {home.sibling.number}): indent it by "
            f"{home.col} spaces, not {slipped.col}")


def _explain_item(slipped: Entry, levels: list[Level],
                  above: list[Entry]) -> tuple[int, str] | None:
    """A list item (``- source: …``) whose dash is off the column of its siblings."""
    kinds = [kind for kind, names in FIELDS.items() if slipped.key in names
             and kind not in ("root", "included")]
    sibling = next((lv for lv in levels if lv.entry.dash is not None and lv.kind in kinds),
                   None)
    if sibling is None or sibling.entry.dash == slipped.dash:
        return None
    parent = _describe(sibling, levels, above)
    return slipped.dash + 1, (
            f"the `- ` of this {sibling.kind} (line {slipped.number}) is at column "
            f"{slipped.dash + 1}, but the one before it, {parent}, has its `- ` at "
            f"column {sibling.entry.dash + 1} (line {sibling.entry.number}): indent the "
            f"`- ` by {sibling.entry.dash} spaces and its fields by {sibling.col}")


# -- slips that are still valid YAML: the walker asks, holding the nodes --------------

def looks_like(keys: list[str], kind: str) -> str | None:
    """The kind of object a list item's keys fit, when they fit ``kind`` not at all:
    a citation indented as a claim has only citation fields.

    >>> looks_like(["source", "quote", "stance"], "claim")
    'citation'
    >>> looks_like(["id", "claim", "stance"], "claim") is None
    True
    """
    if not keys or kind not in FIELDS or set(keys) & FIELDS[kind]:
        return None
    fits = [other for other in ("citation", "claim", "source", "update", "verdict")
            if other != kind and set(keys) <= FIELDS[other]]
    return fits[0] if len(fits) == 1 else None


def belongs_to_last(key: str, items: list[list[str]], kind: str = "citation") -> int | None:
    """Index of the last of ``items`` (each a list of keys) that lacks ``key``, when
    ``key`` is a field of ``kind``: a field written at its owner's indentation.

    >>> belongs_to_last("stance", [["source", "quote", "stance"], ["source", "quote"]])
    1
    >>> belongs_to_last("stance", [["source", "quote", "stance"]]) is None
    True
    """
    if key not in FIELDS.get(kind, ()) or not items or key in items[-1]:
        return None
    return len(items) - 1
