"""YAML with a location for every node, and syntax errors an editor can act on.

Composing is PyYAML's C composer with two changes (a nesting limit, and plain scalars
resolved only to null or text); a syntax error becomes a finding at its mark, with
libyaml's complaint translated into what it means for claims.yaml and what to do.
"""

from __future__ import annotations

import re

import yaml

from generator.checker import indentation, rules
from generator.checker.files import decode_utf8
from generator.checker.model import (
    NOWHERE,
    Finding,
    Loc,
)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


YAML_TAG = "tag:yaml.org,2002:"


def node_loc(node: yaml.Node) -> Loc:
    start, end = node.start_mark, node.end_mark
    return Loc(start.line + 1, start.column + 1, end.line + 1, end.column + 1,
               start.index, end.index)


def decode(data: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Decode claims.yaml as UTF-8, naming the line and column of a bad byte.

    >>> decode(b"a: 1\\nb: \\xff\\n", "c.yaml")[1][0].loc.line
    2
    """
    text, bad = decode_utf8(data)
    if bad is not None:
        loc = Loc(bad.line, bad.column, bad.line, bad.column + 1)
        message = (f"not valid UTF-8: byte 0x{bad.value:02x} at offset {bad.offset}; "
                   "save the file as UTF-8")
        return None, [rules.YAML_SYNTAX.finding(path, loc, message)]
    return text.removeprefix("\ufeff"), []


MAX_DEPTH = 100  # claims.yaml needs five levels; libyaml's composer crashes near 100,000


def _too_deep(text: str, path: str, loader=Loader) -> list[Finding]:
    """Say where lists and mappings first nest deeper than MAX_DEPTH.

    libyaml composes recursively in C: ``[[[[…`` 100,000 deep kills the interpreter
    with a segmentation fault, and deep flow mappings take quadratic time, so the
    composer stops at MAX_DEPTH (see _ClaimsLoader); this finds the place to report.
    Parser events come lazily, so the scan stops at the first level too many.
    """
    depth = 0  # lists and mappings open around the next node
    try:
        for event in yaml.parse(text, Loader=loader):
            # The composer counts every node it enters, values as well as lists and
            # mappings: a value inside 100 nested lists is at level 101.
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                if depth + 1 > MAX_DEPTH:
                    return [_depth_finding(path, event.start_mark)]
                depth += isinstance(event, yaml.CollectionStartEvent)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # composing reports the syntax error, at its mark
    return []


LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _depth_finding(path: str, mark) -> Finding:
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return rules.YAML_SYNTAX.finding(
        path, Loc(line, column, line, column + 1),
        f"lists and mappings nested more than {MAX_DEPTH} levels deep; claims.yaml "
        "needs five at most")


class _TooDeep(Exception):
    pass


NULL_TAG = YAML_TAG + "null"


STR_TAG = YAML_TAG + "str"


NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _ClaimsLoader(Loader):
    """PyYAML's C composer with two changes the walker relies on.

    The composer tells the resolver each time it enters and leaves a node, so
    counting there refuses deep nesting before libyaml's recursive composer can
    run out of C stack, at no extra pass over the file. And plain scalars resolve
    only to null or text: the walker reads numbers and dates from the text itself,
    so the regular-expression tests of the default resolver are wasted work.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def descend_resolver(self, current_node, current_index):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep()

    def ascend_resolver(self):
        self.depth -= 1

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return NULL_TAG if implicit[0] and value in NULLS else STR_TAG
        return super().resolve(kind, value, implicit)


def compose(text: str, path: str) -> tuple[yaml.Node | None, list[Finding]]:
    """Compose YAML into nodes; a syntax error becomes a finding at its mark."""
    try:
        return yaml.compose(text, Loader=_ClaimsLoader), []
    except _TooDeep:
        return None, _too_deep(text, path)
    except yaml.MarkedYAMLError as exc:
        if LIBYAML_TOO_DEEP in (exc.problem or ""):
            # Newer libyaml (PyYAML 6.0.4's wheels) stops at its own limit, deeper than
            # ours, and its scanner reads ahead: the pure-Python parser, which has no
            # limit, finds where nesting first passed MAX_DEPTH
            return None, (_too_deep(text, path, yaml.SafeLoader)
                          or [_depth_finding(path, exc.problem_mark)])
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        slip = indentation.explain(text, line) if mark else None
        if slip:  # the generic hint (quote the value) would make a slip worse
            column, message = slip[0], f"invalid YAML: indentation: {slip[1]}"
        else:
            message = yaml_message(exc, text)
        return None, [rules.YAML_SYNTAX.finding(path, Loc(line, column, line, column + 1),
                                                message)]
    except yaml.reader.ReaderError as exc:  # a control character: no mark, a position
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return None, [rules.YAML_SYNTAX.finding(
            path, Loc(line, column, line, column + 1),
            f"invalid YAML: the control character U+{ord(char):04X} is not allowed in "
            "claims.yaml: delete it (a source text may hold any character, claims.yaml "
            "may not)")]
    except yaml.YAMLError as exc:  # anything else without a mark
        return None, [rules.YAML_SYNTAX.finding(path, NOWHERE, f"invalid YAML: {exc}")]


def yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    """libyaml's complaint, then what it means for an editor and what to do.

    >>> text = "a: &x 1\\nb: &x 2\\n"
    >>> try:
    ...     yaml.compose(text, Loader=Loader)
    ... except yaml.MarkedYAMLError as exc:
    ...     print(yaml_message(exc, text))
    invalid YAML: the anchor `&x` is defined twice (first at line 1, column 4); anchors and aliases are not allowed in claims.yaml: delete `&x` and write each value out
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    problem = " ".join(filter(None, [exc.context, exc.problem]))
    if "expected <document start>" in problem and not _DIRECTIVE.match(text):
        return (f"invalid YAML: {problem}; the file's one document has ended before this "
                "line (a `...` line, or a bracket that closes the top level): delete "
                "what ends it early, or this text")
    if "duplicate anchor" in problem:
        found = _ANCHOR.match(text, exc.problem_mark.index) if exc.problem_mark else None
        name = f"`&{found.group(1)}`" if found else "anchor"
        first = exc.context_mark
        where = f" (first at line {first.line + 1}, column {first.column + 1})" if first else ""
        return (f"invalid YAML: the anchor {name} is defined twice{where}; anchors and "
                f"aliases are not allowed in claims.yaml: delete {name} and write each "
                "value out")
    for key, hint in YAML_HINTS:  # noqa: B007  (the hint found is used below)
        if key in problem:
            break
    else:
        hint = ("claims.yaml is read by libyaml, which refuses some rarely used YAML "
                "forms: write keys as plain words and values as plain or quoted text, "
                "like the rest of the file")
    if "flow" in problem and exc.context_mark:
        hint += f" (the bracket opened at line {exc.context_mark.line + 1})"
    return f"invalid YAML: {problem}; {hint}"


_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")


_DIRECTIVE = re.compile(r"(?:[ \t]*(?:#.*)?\r?\n)*%")  # a `%` line before any content


YAML_HINTS = (
    ("mapping values are not allowed", "a text value that contains `: ` must be quoted: "
     "wrap it in single quotes (doubling any ' inside) or use a block scalar `|`"),
    ("cannot start any token", "YAML is indented with spaces, never tabs; a value that "
     "starts with @ or ` must be quoted"),
    ("found unexpected end of stream", "a quoted value is not closed"),
    ("could not find expected ':'", "a key is missing its `: `, or a quoted value spans lines"),
    ("found undefined alias", "anchors and aliases are not allowed in claims.yaml"),
    ("an anchor did not find", "`&` starts a YAML anchor, which claims.yaml does not "
     "allow: quote a value that begins with &"),
    ("an alias did not find", "`*` starts a YAML alias, which claims.yaml does not allow: "
     "quote a value that begins with *"),
    ("single document", "claims.yaml is one YAML document, and a second one starts here "
     "(a `---` or `...` line): delete that line, or move what follows into the first "
     "document"),
    ("expected <document start>", "a `%` line at the top is a YAML directive and must be "
     "followed by a `---` line; claims.yaml needs no directives: delete the `%` line"),
    ("incompatible YAML document", "the `%YAML` line asks for a YAML version this reader "
     "does not know: delete the `%YAML` line, claims.yaml needs none"),
    ("duplicate %", "a YAML directive appears twice: delete the `%` lines, claims.yaml "
     "needs none"),
    ("unknown directive", "a line that starts with `%` at the top is a YAML directive, and "
     "this one is unknown: delete it (comments start with `#`)"),
    ("undefined tag handle", "`!` starts a YAML tag, and claims.yaml holds plain text, "
     "numbers, dates, lists and mappings only: quote the value if `!` is part of the text"),
    ("unknown escape character", "in a double-quoted value a backslash starts an escape "
     "(\\n, \\\", \\\\): write `\\\\` for a backslash, or use single quotes"),
    ("expected hexdecimal number", "in a double-quoted value `\\x`, `\\u` and `\\U` start "
     "a character code: write `\\\\` for a backslash, or use single quotes"),
    ("indentation indicator equal to 0", "a block scalar's indentation number (`|2`) must "
     "be 1 to 9: write `|` alone"),
    ("block sequence entries are not allowed", "a `- ` list item cannot follow `key:` on "
     "the same line: start the list on the next line, indented"),
    ("did not find expected '-' indicator", "a line is not lined up with the `- ` items "
     "above it: indent it like its neighbours"),
    ("did not find expected ',' or", "a `[` list or `{` mapping is not closed, or two of "
     "its items lack a `,` between them"),
    ("did not find expected key", "this line is indented differently from the keys "
     "beside it, or text follows a closing quote or bracket: check its indentation and "
     "quotes"),
    ("did not find expected node content", "a value is missing after `- `, `: ` or `,`"),
    ("expected a comment or a line break", "text follows a closing quote or a block "
     "indicator (`|`, `>`) on the same line"),
)

