"""Parse again only the claims an edit touched: claims.yaml read as one chunk per claim.

A newsroom that keeps all its claims in one claims.yaml re-parses thousands of them
after an edit of one (the parse alone is the cost of ``yaml.compose``). This module
remembers, for a file that parsed without a finding, where each item of its
top-level ``claims:`` list begins, and each claim as it was loaded. After an edit
it finds the claims the changed characters fall in (by the longest common head and
tail of the old and new text), composes and walks only their new text, and takes
every other claim from the memo, moving its locations by what the edit added or
removed before it.

It answers only when it can be sure the result equals a full parse; otherwise it
returns None and the caller parses the whole file. It requires: ``claims:`` is the
last key of the file, a block list whose items start on lines of their own
(``  - id: ...``) at one column; lines end with LF only; the edited text
composes, alone, into such items at that column, with no finding, and ends at a
line break. An edit anywhere else (the sources, the scale, a comment above the
list) parses the whole file. tests/checker/test_reparse.py holds it to the full
parse on random edits of real files.
"""

from __future__ import annotations

import bisect
import pickle
from dataclasses import dataclass, fields

import yaml

from generator.checker.model import Loc

# Line breaks other than LF that YAML counts (CR, so CRLF too): with them, counting
# "\n" miscounts, and a file holding one is always parsed in full.
OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


@dataclass
class Layout:
    """A root file as last parsed: its text, the parse without its claims, and each
    claim by itself, pickled with the place its item started at then."""

    text: str
    skeleton: bytes  # pickled Parsed whose values hold no `claims`
    claims_close: tuple[int, int, int]  # where the `claims` list ends: line, column, offset
    column: int  # the column of the items' dashes (0-based)
    starts: list[int]  # offset of each item's first line
    lines: list[int]  # 0-based number of that line
    items: list[tuple[bytes, int, int]]  # each claim pickled, and its start and line then


_new = tuple.__new__  # a Loc without NamedTuple's argument handling: many are made
_NESTED: dict[type, tuple[str, ...]] = {}  # per class: fields that can hold objects


def _nested(obj) -> tuple[str, ...]:
    names = _NESTED.get(type(obj))
    if names is None:
        names = _NESTED[type(obj)] = tuple(
            f.name for f in fields(obj)
            if f.name != "locs" and not str(f.type).startswith(("str", "int", "date")))
    return names


def _objects(obj):
    """``obj`` and every model object in its fields, depth first."""
    yield obj
    state = obj.__dict__
    for name in _nested(obj):
        value = state.get(name)
        if type(value) is list:
            for item in value:
                if hasattr(item, "__dataclass_fields__"):
                    yield from _objects(item)
        elif hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
            yield from _objects(value)


def _shift(obj, dline: int, doff: int) -> None:
    """Move every location held by ``obj`` (and the objects in its fields)."""
    for one in _objects(obj):
        locs = one.__dict__.get("locs")
        if locs:
            one.locs = {k: _new(Loc, (v[0] + dline, v[1], v[2] + dline, v[3], v[4] + doff,
                                      v[5] + doff)) for k, v in locs.items()}


def _end_at_dash(obj, end: int, column: int) -> None:
    """A list that closes where the chunk ends closes, in the whole file, at the next
    item's dash: move such ends from the line's start to that column."""
    for one in _objects(obj):
        locs = one.__dict__.get("locs")
        if locs and any(v.end == end for v in locs.values()):
            one.locs = {k: v._replace(end_column=column + 1, end=end + column)
                        if v.end == end else v for k, v in locs.items()}


def _dash_ok(text: str, item: yaml.Node, column: int) -> int | None:
    """The offset of the line an item starts on, if that line begins with its dash
    at ``column`` (``  - id: x``); None for any other shape."""
    at = item.start_mark.index
    line_start = text.rfind("\n", 0, at) + 1
    if text[line_start:at].rstrip(" ") != " " * column + "-":
        return None
    return line_start


def _item_starts(text: str, seq: yaml.Node, column: int) -> list[int] | None:
    starts = []
    for item in seq.value:
        got = _dash_ok(text, item, column)
        if got is None or (starts and got <= starts[-1]):
            return None
        starts.append(got)
    return starts


def make_layout(text: str, parsed, node: yaml.Node | None) -> Layout | None:
    """The layout of a file just parsed in full, or None when it cannot be chunked."""
    if (parsed.got is None or parsed.findings or not isinstance(node, yaml.MappingNode)
            or not node.value or any(b in text for b in OTHER_BREAKS)):
        return None
    key, seq = node.value[-1]
    values, locs = parsed.got
    if (key.value != "claims" or not isinstance(seq, yaml.SequenceNode) or seq.flow_style
            or not seq.value or text[seq.end_mark.index:].strip()
            or len(values.get("claims") or []) != len(seq.value)):
        return None
    column = seq.start_mark.column
    starts = _item_starts(text, seq, column)
    if starts is None:
        return None
    lines = [item.start_mark.line for item in seq.value]
    items = [(pickle.dumps(claim, protocol=pickle.HIGHEST_PROTOCOL), start, line)
             for claim, start, line in zip(values["claims"], starts, lines, strict=False)]
    skeleton_values = {k: v for k, v in values.items() if k != "claims"}
    skeleton = type(parsed)((skeleton_values, locs), [], parsed.written, parsed.includes,
                            parsed.head)
    close = locs["claims"]
    return Layout(text, pickle.dumps(skeleton, protocol=pickle.HIGHEST_PROTOCOL),
                  (close.end_line, close.end_column, close.end), column, starts, lines, items)


def _common_head(a: str, b: str) -> int:
    """The length of the longest common prefix (binary search on C comparisons)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_tail(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:len(a) - lo] == b[len(b) - mid:len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def reparse(layout: Layout, text: str, path: str, compose, walk):
    """``(parsed, new layout)`` for ``text``, an edit of ``layout.text``; None when
    only a full parse can say. ``compose(text, path)`` and ``walk(node, path)``
    (the claims of a list node, and the walker's findings) are the loader's own."""
    old = layout.text
    if any(b in text for b in OTHER_BREAKS):
        return None
    head = _common_head(old, text)
    tail = _common_tail(old, text, min(len(old), len(text)) - head)
    starts = layout.starts
    first = bisect.bisect_right(starts, head) - 1
    if first < 0:
        return None  # the edit begins before the first claim
    last = max(first, bisect.bisect_right(starts, len(old) - tail - 1) - 1)
    end_old = starts[last + 1] if last + 1 < len(starts) else len(old)
    delta = len(text) - len(old)
    end_new = end_old + delta
    if end_new < len(text) and text[end_new - 1] != "\n":
        return None
    begin = starts[first]
    chunk = text[begin:end_new]
    node, findings = compose(chunk, path)
    if (findings or not isinstance(node, yaml.SequenceNode) or node.flow_style
            or node.start_mark.column != layout.column or not node.value):
        return None
    rel = _item_starts(chunk, node, layout.column)
    if rel is None:
        return None
    claims, problems = walk(node, path)
    if problems or claims is None or len(claims) != len(node.value):
        return None
    parsed = pickle.loads(layout.skeleton)
    values, locs = parsed.got
    base_line = layout.lines[first]
    dline = chunk.count("\n") - old.count("\n", begin, end_old)
    new_items = []
    for claim, offset, item in zip(claims, rel, node.value, strict=False):
        if end_new < len(text):
            _end_at_dash(claim, len(chunk), layout.column)
        _shift(claim, base_line, begin)  # from the chunk's first line to the file's
        new_items.append((pickle.dumps(claim, protocol=pickle.HIGHEST_PROTOCOL),
                          begin + offset, base_line + item.start_mark.line))
    out = Layout(
        text, layout.skeleton, layout.claims_close, layout.column,
        starts[:first] + [i[1] for i in new_items] + [s + delta for s in starts[last + 1:]],
        layout.lines[:first] + [i[2] for i in new_items]
        + [n + dline for n in layout.lines[last + 1:]],
        layout.items[:first] + new_items + layout.items[last + 1:])
    mark = node.end_mark
    line, column, end = layout.claims_close
    out.claims_close = ((base_line + mark.line + 1, mark.column + 1, begin + mark.index)
                        if last == len(starts) - 1 else (line + dline, column, end + delta))
    values["claims"] = restore_claims(out)
    _end_claims(locs, out)
    return parsed, out


def _end_claims(locs: dict, layout: Layout) -> None:
    """The `claims` list's own location ends where the layout says."""
    line, column, end = layout.claims_close
    locs["claims"] = locs["claims"]._replace(end_line=line, end_column=column, end=end)


def restore_claims(layout: Layout) -> list:
    """Every claim of the layout, at its place in the layout's text."""
    out = []
    for (blob, start_then, line_then), start, line in zip(layout.items, layout.starts,
                                                         layout.lines, strict=False):
        claim = pickle.loads(blob)
        if start != start_then or line != line_then:  # an edit above moved it
            _shift(claim, line - line_then, start - start_then)
        out.append(claim)
    return out


def restore(layout: Layout):
    """The parse of ``layout.text`` itself (nothing changed since)."""
    parsed = pickle.loads(layout.skeleton)
    parsed.got[0]["claims"] = restore_claims(layout)
    _end_claims(parsed.got[1], layout)
    return parsed
