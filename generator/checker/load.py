"""Read claims.yaml into a :class:`~generator.checker.model.Project`, keeping every location.

PyYAML's composer gives nodes that carry start and end marks; plain ``safe_load``
throws them away and silently keeps the last of two duplicate keys. So the loader
composes, then walks the nodes itself against the tables in :mod:`generator.checker.schema`,
collecting every problem instead of stopping at the first.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
from contextlib import contextmanager
from dataclasses import dataclass, field as dataclass_field
from datetime import date

import yaml

from generator.checker import include

from generator.checker import indentation

from generator.checker import reparse

from generator.checker import rules
from generator.checker.files import decode_utf8
from generator.checker.model import (
    NOWHERE,
    Author,
    Citation,
    Claim,
    Finding,
    Loc,
    Project,
    Source,
    Stance,
    Story,
    Update,
    Verdict,
)
from generator.checker.schema import COLOR_RE, DATE_RE, LANGUAGE_RE, OBJECTS, SHA256_RE, SLUG_RE, URL_RE, Field
from generator.checker.wording import did_you_mean

CLAIMS_FIELD = next(f for f in OBJECTS["root"] if f.name == "claims")

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAML_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
ALLOWED_TAGS = {yaml.ScalarNode: PLAIN_TAGS, yaml.SequenceNode: {YAML_TAG + "seq"},
                yaml.MappingNode: {YAML_TAG + "map"}}

DEFAULT_VERDICTS = (
    Verdict("accurate", "Accurate", 5, "The cited sources support the claim as stated.",
            "#1a7f37"),
    Verdict("mostly-accurate", "Mostly accurate", 4,
            "Supported in substance, with a detail wrong or missing.", "#4d8a1f"),
    Verdict("mixed", "Mixed", 3, "The sources disagree, or support only part of it.",
            "#9a6700"),
    Verdict("misleading", "Misleading", 2,
            "Contains fact but leaves a false impression.", "#bc4c00"),
    Verdict("inaccurate", "Inaccurate", 1, "The cited sources contradict the claim.",
            "#cf222e"),
)

CLASSES = {"verdict": Verdict, "source": Source, "claim": Claim, "update": Update,
           "citation": Citation, "story": Story, "author": Author}
FILE_KINDS = frozenset({"root", "included"})  # the top of a file: returned as a dict
LISTS = {"sources": "the registry of source texts", "claims": "the fact-checked claims"}
LOCATED = frozenset({"verdict", "source", "claim", "story", "author"})  # know their file

NODE_NAMES = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list",
              yaml.ScalarNode: "a value"}

ARTICLE = {"update": "an update", "citation": "a citation", "root": "the file",
           "included": "the file", "author": "an author",
           "wordlists": "a language's word lists"}


class ClaimsFileError(Exception):
    """claims.yaml could not be read at all (missing, a directory, unreadable)."""


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


def _too_deep(text: str, path: str) -> list[Finding]:
    """Say where lists and mappings first nest deeper than MAX_DEPTH.

    libyaml composes recursively in C: ``[[[[…`` 100,000 deep kills the interpreter
    with a segmentation fault, and deep flow mappings take quadratic time, so the
    composer stops at MAX_DEPTH (see _ClaimsLoader); this finds the place to report.
    Parser events come lazily, so the scan stops at the first level too many.
    """
    depth = 0  # lists and mappings open around the next node
    try:
        for event in yaml.parse(text, Loader=Loader):
            # The composer counts every node it enters, values as well as lists and
            # mappings: a value inside 100 nested lists is at level 101.
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                if depth + 1 > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = mark.line + 1, mark.column + 1
                    return [rules.YAML_SYNTAX.finding(
                        path, Loc(line, column, line, column + 1), f"lists and mappings nested more than {MAX_DEPTH} "
                        "levels deep; claims.yaml needs five at most")]
                depth += isinstance(event, yaml.CollectionStartEvent)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # composing reports the syntax error, at its mark
    return []


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
    """
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
    for key, hint in YAML_HINTS:
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


class _Walker:
    """Turns composed nodes into model objects, recording a finding per problem."""

    def __init__(self, path: str):
        self.path = path
        self.findings: list[Finding] = []
        self.seen: set[int] = set()
        self.claim: str | None = None
        self.citation: int | None = None
        self.excused: dict[int, set[str]] = {}  # node id -> fields written elsewhere

    def problem(self, node: yaml.Node | Loc, message: str, suggestion: str | None = None,
                rule: rules.Rule = rules.SCHEMA) -> None:
        loc = node if isinstance(node, Loc) else node_loc(node)
        self.findings.append(rule.finding(self.path, loc, message, claim=self.claim,
                                          citation=self.citation, suggestion=suggestion))

    def visit(self, node: yaml.Node) -> bool:
        """Refuse a node met twice: an alias. Aliases are how YAML bombs explode."""
        if id(node) in self.seen:
            self.problem(node, "this anchored value (&name) is reused through an "
                        "alias (*name): YAML anchors and aliases are not allowed here; write "
                        "the value out")
            return False
        self.seen.add(id(node))
        if node.tag in ALLOWED_TAGS[type(node)]:
            return True
        self.problem(node, f"unsupported YAML tag {node.tag!r}: claims.yaml "
                    "holds plain text, numbers, dates, lists and mappings only")
        return False

    # -- values -----------------------------------------------------------------

    def scalar(self, node: yaml.Node, what: str, field: str = "") -> str | None:
        """The text of a scalar node; ``what`` (formatted with ``field``) names it in
        a finding. Formatting waits for a finding: most of a file is valid."""
        if (node.tag == STR_TAG and type(node) is yaml.ScalarNode  # the common case
                and id(node) not in self.seen):
            self.seen.add(id(node))
            return node.value
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"expected {what.format(field=field)}, "
                        f"found {NODE_NAMES[type(node)]}")
            return None
        if node.tag == NULL_TAG and not node.style:
            self.problem(node, f"expected {what.format(field=field)}, found nothing")
            return None
        return node.value

    def value(self, node: yaml.Node, fld: Field, kind: str, owner: str):
        if kind in OBJECTS:
            return self.mapping(node, kind)
        if kind == "object":
            return self.mapping(node, fld.of or "")
        if kind == "list":
            return self.sequence(node, fld, owner)
        if kind == "map":
            return _free_mapping(self, node, fld, owner)
        label = f"`{fld.name}`"
        text = self.scalar(node, EXPECTED[kind], label)
        if text is None:
            return None
        if kind == "text":
            if not text.strip():
                self.problem(node, f"{label} must not be empty")
                return None
            return text
        if kind == "int":
            try:
                return int(text.replace("_", ""), 10)
            except ValueError:
                self.problem(node, f"{label} must be a whole number, not {text!r}")
                return None
        if kind == "date":
            try:
                if DATE_RE.match(text):
                    return date.fromisoformat(text)
            except ValueError:
                pass
            self.problem(node, f"{label} must be a date written YYYY-MM-DD, not {text!r}")
            return None
        if kind == "enum":
            if text in fld.choices:
                return text
            close = did_you_mean(text, fld.choices)
            hint = f"; did you mean `{close}`?" if close else ""
            self.problem(node, f"{label} must be one of "
                         f"{', '.join(fld.choices)}, not {text!r}{hint}", close)
            return None
        checker, expected = CHECKS[kind]
        if checker.match(text):
            return text
        if kind == "slug" and not text.isascii():
            expected += "; only ASCII letters a-z, digits and hyphens are allowed (an id is "\
                "part of a page's address): write it in Latin letters"
        self.problem(node, f"{label} {expected}, not {text!r}",
                     (slugify(text) or None) if kind == "slug" else None)
        return None

    def sequence(self, node: yaml.Node, fld: Field, owner: str) -> list | None:
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode) and node.tag == YAML_TAG + "null":
                return []
            self.problem(node, f"`{fld.name}` must be a list, found {NODE_NAMES[type(node)]}")
            return None
        items = []
        for index, item in enumerate(node.value):
            if self._misplaced(item, fld, node.value[index - 1] if index else None):
                continue
            if fld.of == "citation":
                self.citation = index
            got = self.value(item, fld, fld.of or "text", owner)
            if fld.of == "citation":
                self.citation = None
                if got is not None:
                    got.index = index
            if got is not None:
                items.append(got)
        return items

    # -- indentation slips that are valid YAML: one finding each ------------------

    def _misplaced(self, item: yaml.Node, fld: Field, owner: yaml.Node | None) -> bool:
        """A list item with another kind's fields (a citation indented as a claim):
        one finding for the slip, instead of one per field."""
        if not isinstance(item, yaml.MappingNode) or fld.of not in ("claim", "citation"):
            return False
        keys = [k.value for k, _ in item.value if isinstance(k, yaml.ScalarNode)]
        other = indentation.looks_like(keys, fld.of)
        if other is None:
            return False
        where = ""
        if other == "citation" and isinstance(owner, yaml.MappingNode):
            cites = next((v for k, v in owner.value
                          if getattr(k, "value", None) == "citations"
                          and isinstance(v, yaml.SequenceNode) and v.value), None)
            if cites is not None:
                where = (f"; if it belongs to claim `{_peek_id(owner)}` above, indent its "
                         f"`- ` to column {cites.start_mark.column + 1} and its fields to "
                         f"column {cites.value[0].start_mark.column + 1}, like line "
                         f"{cites.start_mark.line + 1}")
        self.problem(_head_loc(item), f"this item of `{fld.name}` has the fields of "
                     f"{ARTICLE.get(other, 'a ' + other)} ({', '.join(keys)}), not of "
                     f"a {fld.of}, so it looks indented as a {fld.of}{where}")
        return True

    def _adopt(self, claim: yaml.MappingNode) -> dict[str, str]:
        """Citation fields written at the claim's indentation, after a citation that
        lacks them: ``{key: message}``; that citation is excused the missing field."""
        cites = next((v for k, v in claim.value if getattr(k, "value", None) == "citations"
                      and isinstance(v, yaml.SequenceNode)), None)
        items = [i for i in (cites.value if cites is not None else ())
                 if isinstance(i, yaml.MappingNode)]
        if not items:
            return {}
        keys = [[k.value for k, _ in i.value if isinstance(k, yaml.ScalarNode)]
                for i in items]
        out = {}
        for key_node, _ in claim.value:
            key = getattr(key_node, "value", None)
            if not isinstance(key, str) or key in {f.name for f in OBJECTS["claim"]}:
                continue
            index = indentation.belongs_to_last(key, keys)
            if index is None or key_node.start_mark.line < items[index].start_mark.line:
                continue
            column = items[index].start_mark.column + 1
            out[key] = (f"`{key}:` is a citation's field written at the claim's "
                        f"indentation: indent it to column {column} to complete citation "
                        f"{index + 1}, which has no `{key}`")
            self.excused.setdefault(id(items[index]), set()).add(key)
        return out

    def _unknown(self, key_node: yaml.Node, key: str, fields: dict, what: str,
                 adopted: str | None) -> None:
        """A key the object does not have; or one written at its owner's indentation."""
        if adopted:
            self.problem(key_node, adopted)
            return
        close = did_you_mean(key, fields)
        hint = f"; did you mean `{close}`?" if close else ""
        self.problem(key_node, f"unknown field `{key}` in {what}{hint} "
                     f"(expected: {', '.join(fields)})", close)

    def mapping(self, node: yaml.Node, name: str):
        """Validate a mapping against OBJECTS[name] and build its class."""
        if not self.visit(node):
            return None
        what = ARTICLE.get(name, f"a {name}")
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"expected {what} (a mapping of fields), "
                        f"found {NODE_NAMES[type(node)]}")
            return None
        fields = {f.name: f for f in OBJECTS[name]}
        values: dict = {}
        locs: dict[str, Loc] = {}
        first: dict[str, yaml.Node] = {}
        if name == "claim":
            self.claim = _peek_id(node)
        adopted = self._adopt(node) if name == "claim" else {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, "a field name")
            if key is None:
                continue
            if key in first:
                self.problem(key_node, f"duplicate key `{key}` in {what} (first at line "
                             f"{first[key].start_mark.line + 1}); YAML would keep only "
                             "the last one", rule=rules.DUPLICATE_ID)
                continue
            first[key] = key_node
            fld = fields.get(key)
            if fld is None or key in adopted:
                self._unknown(key_node, key, fields, what, adopted.get(key))
                continue
            locs[key] = node_loc(value_node)
            if fld.kind == "list" and fld.of not in OBJECTS and isinstance(
                    value_node, yaml.SequenceNode):  # findings can point at one item
                for i, item in enumerate(value_node.value):
                    locs[f"{key}[{i}]"] = node_loc(item)
            got = self.value(value_node, fld, fld.kind, name)
            if got is None and name == "claim" and key == "id":
                got = _raw_text(value_node)  # reported; check the claim all the same
            if got is not None:
                values[key] = got
        excused = self.excused.get(id(node), ())  # reported where it was written
        missing = [f.name for f in fields.values()
                   if f.required and f.name not in first and f.name not in excused]
        for key in missing:
            ident = values.get("id")
            who = f"{name} `{ident}`" if ident else what
            self.problem(_head_loc(node), f"{who} is missing the required field "
                        f"`{key}` ({fields[key].description})")
        if any(f.required and f.name not in values for f in fields.values()):
            return None
        if name == "wordlists":
            return values
        if name in FILE_KINDS:
            return values, locs
        if name == "citation":
            values["stance"] = Stance(values["stance"])
        if name in LOCATED:
            values["origin"] = self.path
        return CLASSES[name](**values, locs=locs)


# -- mappings whose keys the editor names (rules:, hedges:) ---------------------

def _configurable(walker: _Walker, node: yaml.Node, code: str) -> bool:
    """A `rules:` key must be a rule whose default is a warning: a check that
    proves a quote wrong cannot be switched off."""
    rule = rules.RULES.get(code)
    if rule is None:
        hint = did_you_mean(code, list(rules.RULES))
        walker.problem(node, f"`rules` names `{code}`, which is not a rule code"
                    + (f"; did you mean `{hint}`?" if hint else
                       " (`factcheck check --help` lists them)"), hint)
        return False
    if rule.severity is not rules.WARNING:
        walker.problem(node, f"`{code}` is an error and stays one: only warnings can be "
                    "raised or switched off under `rules`")
        return False
    return True

def _free_mapping(walker: _Walker, node: yaml.Node, fld: Field, owner: str) -> dict | None:
    """A mapping whose keys the editor names (rule codes, languages)."""
    if not walker.visit(node):
        return None
    if not isinstance(node, yaml.MappingNode):
        walker.problem(node, f"`{fld.name}` must be a mapping, found "
                    f"{NODE_NAMES[type(node)]}")
        return None
    items: dict = {}
    for key_node, value_node in node.value:
        key = walker.scalar(key_node, "a name")
        if key is None:
            continue
        if key in items:
            walker.problem(key_node, f"duplicate key `{key}` in `{fld.name}`; YAML "
                        "would keep only the last one", rule=rules.DUPLICATE_ID)
            continue
        if fld.name == "rules" and not _configurable(walker, key_node, key):
            continue
        got = walker.value(value_node, Field(key, fld.of or "text", "", of=fld.of,
                                           choices=fld.choices),
                         fld.of or "text", owner)
        if got is not None:
            items[key] = got
    return items


EXPECTED = {
    "text": "text for {field}",
    "slug": "a slug for {field}",
    "int": "a whole number for {field}",
    "date": "a date (YYYY-MM-DD) for {field}",
    "url": "a URL for {field}",
    "sha256": "a sha256 hex digest for {field}",
    "color": "a colour (#rrggbb) for {field}",
    "language": "a language tag (en, ru, pt-br) for {field}",
    "enum": "one of the allowed values for {field}",
}

CHECKS = {
    "slug": (SLUG_RE, "must be a slug: lowercase letters and digits joined by single "
             "hyphens, like `kursk-evacuation`"),
    "url": (URL_RE, "must be an http:// or https:// URL"),
    "sha256": (SHA256_RE, "must be 64 lowercase hexadecimal digits (run `sha256sum FILE`)"),
    "color": (COLOR_RE, "must be a colour written #rrggbb"),
    "language": (LANGUAGE_RE, "must be a BCP 47 language tag in lowercase, like `en`, "
                 "`ru` or `pt-br`"),
}


def slugify(text: str) -> str:
    """Suggest a slug for a bad id.

    >>> slugify("Putin: Major Provocation!")
    'putin-major-provocation'
    """
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def _raw_text(node: yaml.Node) -> str | None:
    """A scalar's text as written, when it is not blank."""
    if isinstance(node, yaml.ScalarNode) and node.value.strip():
        return node.value
    return None


def _peek_id(node: yaml.MappingNode) -> str | None:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(
                value, yaml.ScalarNode):
            return value.value
    return None


def _head_loc(node: yaml.Node) -> Loc:
    """The first line of a mapping: where an editor looks for a missing field."""
    if isinstance(node, yaml.MappingNode) and node.value:
        return node_loc(node.value[0][0])
    return node_loc(node)


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector for a burst of allocation.

    Composing and walking claims.yaml allocates about a million objects (nodes,
    marks, locations, model objects), none of them garbage. Each few hundred
    allocations the collector runs, and every so often it traverses all of them:
    at 4,000 claims that was about three quarters of the loading time. Nothing is
    lost by pausing: the collector resumes afterwards and finds any cycle then.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_text(text: str, path: str, root: str, tree: include.Tree | None = None,
              memo: ParseMemo | None = None) -> tuple[Project | None, list[Finding]]:
    """Validate claims.yaml's text and every file it includes; return the project
    (None if unusable) and findings.

    Included files are read from ``tree`` (default: the folder ``root``); each is
    named in findings by its path from where ``path`` is (``stories/a.yaml`` for
    ``claims.yaml``), so an editor can open it from the same place. With a
    :class:`ParseMemo`, an included file parsed before is not parsed again, and the
    memo keeps only what this load used.

    >>> project, findings = load_text("sources: []\\nclaims: []\\n", "claims.yaml", ".")
    >>> (len(project.claims), findings)
    (0, [])
    """
    if memo is None:
        with gc_paused():
            return _load_text(text, path, root, tree or include.Folder(root))
    memo.begin()
    with gc_paused():
        got = _load_text(text, path, root, tree or include.Folder(root), memo)
    memo.prune()
    return got


@dataclass
class Parsed:
    """One file composed and walked: all that loading needs of it, without the nodes.

    ``got`` is (values, locs), or None when the file is unusable; ``written`` the
    top-level keys the file writes; ``includes`` its `include` patterns with their
    locations; ``head`` where its top-level mapping starts.
    """

    got: tuple | None
    findings: list[Finding]
    written: frozenset = frozenset()
    includes: list = dataclass_field(default_factory=list)
    head: Loc = NOWHERE


def _parse(text: str, path: str, kind: str) -> Parsed:
    """Compose and walk one file."""
    return _parse_node(text, path, kind)[0]


def _walk_claims(node: yaml.Node, path: str) -> tuple[list | None, list[Finding]]:
    """The claims of a list of them composed alone (see generator/checker/reparse.py)."""
    walker = _Walker(path)
    claims = walker.sequence(node, CLAIMS_FIELD, "root")
    return claims, walker.findings


def _parse_node(text: str, path: str, kind: str) -> tuple[Parsed, yaml.Node | None]:
    """Compose and walk one file; the parse and the top node."""
    node, findings = compose(text, path)
    if findings:
        return Parsed(None, findings), None
    walker = _Walker(path)
    if node is None:
        wanted = ("`claims`, and `sources` or `include`" if kind == "root"
                  else "`claims`, and optionally `story` and `sources`")
        walker.problem(NOWHERE, f"the file is empty: expected a mapping with {wanted}")
        return Parsed(None, walker.findings), None
    got = walker.mapping(node, kind)
    written = frozenset(k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)
                        ) if isinstance(node, yaml.MappingNode) else frozenset()
    includes = _items(node, "include") if isinstance(node, yaml.MappingNode) else []
    return Parsed(got, walker.findings, written, includes, _head_loc(node)), node


class ParseMemo(dict):
    """Files parsed before: included files by a sha256 of their path and text, and
    claims.yaml claim by claim.

    A newsroom keeps its claims in hundreds of story files and an edit changes one:
    the others are not composed and walked again but unpickled (about a seventh of
    the time). Each hit is a fresh copy: loading mutates what it gets (a story's
    claims learn their story). claims.yaml itself, which a smaller newsroom edits
    for every claim, is parsed again only where the edit fell
    (generator/checker/reparse.py); ``layouts`` holds its :class:`reparse.Layout`.

    >>> memo = ParseMemo()
    >>> a = memo.parsed("claims: []\\n", "s.yaml", "included")
    >>> b = memo.parsed("claims: []\\n", "s.yaml", "included")
    >>> (a.got == b.got, a is b, len(memo), memo.used == set(memo))
    (True, False, 1, True)
    """

    def __init__(self, *args, layouts: dict | None = None) -> None:
        super().__init__(*args)
        self.used: set[str] = set()
        self.layouts: dict[str, reparse.Layout] = dict(layouts or {})
        self.reparsed = 0  # how many root parses the layouts answered, in all (for tests)

    def parsed_root(self, text: str, path: str) -> Parsed:
        """claims.yaml parsed, again only where it changed since the last time."""
        layout = self.layouts.get(path)
        got = None
        if layout is not None:
            if layout.text == text:
                got = reparse.restore(layout), layout
            else:
                got = reparse.reparse(layout, text, path, compose, _walk_claims)
        if got is not None:
            self.reparsed += 1
            self.layouts[path] = got[1]
            return got[0]
        if layout is None and "\nclaims:" not in text:
            return self.parsed(text, path, "root")  # a registry that includes story files
        parsed, node = _parse_node(text, path, "root")
        made = reparse.make_layout(text, parsed, node)
        if made is not None:
            self.layouts[path] = made
        elif not parsed.findings:  # valid, but not in chunks: the old layout is no use
            self.layouts.pop(path, None)
        # a broken edit keeps the last good layout: the fix after it is parsed in part
        return parsed

    def begin(self) -> None:
        """Start a load: forget which entries the last one used."""
        self.used = set()

    def prune(self) -> None:
        """Drop the entries the load just finished did not use (edited-away texts)."""
        for key in set(self) - self.used:
            del self[key]

    def parsed(self, text: str, path: str, kind: str) -> Parsed:
        key = hashlib.sha256(f"{kind}\0{path}\0{text}".encode("utf-8", "surrogatepass")
                             ).hexdigest()
        self.used.add(key)
        blob = self.get(key)
        if blob is not None:
            return pickle.loads(blob)
        got = _parse(text, path, kind)
        self[key] = pickle.dumps(got, protocol=pickle.HIGHEST_PROTOCOL)
        return got


def _load_text(text: str, path: str, root: str, tree: include.Tree,
               memo: ParseMemo | None = None) -> tuple[Project | None, list[Finding]]:
    parsed = memo.parsed_root(text, path) if memo is not None else _parse(text, path, "root")
    got, findings, written = parsed.got, parsed.findings, parsed.written
    if got is None:
        return None, findings
    values, locs = got
    lists = ("sources", "claims")
    if "include" not in written:  # format v1: one file holds everything
        for key in lists:
            if key not in written:
                findings.append(rules.SCHEMA.finding(
                    path, parsed.head,
                    f"the file is missing the required field `{key}` ({LISTS[key]}); "
                    "only a claims.yaml that lists story files under `include` may "
                    "leave it out"))
        if any(key not in values for key in lists):
            return None, findings  # nothing to check against
    elif any(key in written and key not in values for key in lists):
        return None, findings  # a list too broken to check anything against
    project = Project(
        path=path,
        root=root,
        verdicts=values.get("verdicts") or [_copy(v) for v in DEFAULT_VERDICTS],
        sources=values.get("sources") or [],
        claims=values.get("claims") or [],
        text=text,
        authors=values.get("authors") or [],
        texts={path: text},
        rules=values.get("rules") or {},
        hedges=values.get("hedges") or {},
        locs=locs,
    )
    patterns = parsed.includes
    if patterns and values.get("include") is not None:
        findings += _load_included(project, patterns, tree, memo)
    return project, findings


def _items(node: yaml.Node, key: str) -> list[tuple[str, Loc]]:
    """The text items of a top-level list, each with its location."""
    for key_node, value_node in node.value:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return [(item.value, node_loc(item)) for item in value_node.value
                    if isinstance(item, yaml.ScalarNode) and item.value.strip()]
    return []


def _load_included(project: Project, patterns: list[tuple[str, Loc]],
                   tree: include.Tree, memo: ParseMemo | None) -> list[Finding]:
    """Read every file the patterns match, once each, in pattern then name order."""
    findings: list[Finding] = []
    folder = os.path.dirname(project.path)
    seen = {os.path.basename(project.path)}
    for pattern, loc in patterns:
        problem = include.bad_pattern(pattern)
        matched = [] if problem else include.glob(tree, pattern)
        if problem or not matched:
            why = problem or "it matches no file"
            findings.append(rules.SCHEMA.finding(project.path, loc,
                                                 f"cannot include `{pattern}`: {why}"))
            continue
        for rel in matched:
            if rel in seen:
                continue
            seen.add(rel)
            name = os.path.normpath(os.path.join(folder, rel)) if folder else rel
            findings += _load_one(project, name, rel, tree, loc, pattern, memo)
    return findings


def _load_one(project: Project, name: str, rel: str, tree: include.Tree, loc: Loc,
              pattern: str, memo: ParseMemo | None) -> list[Finding]:
    try:
        data = tree.read(rel)
    except OSError as exc:
        return [rules.SCHEMA.finding(project.path, loc,
                                     f"`{pattern}` matches {name}, which cannot be read: "
                                     f"{exc.strerror or exc}")]
    text, findings = decode(data, name)
    if text is None:
        return findings
    project.texts[name] = text
    parsed = (memo.parsed if memo is not None else _parse)(text, name, "included")
    got, findings, written = parsed.got, parsed.findings, parsed.written
    if got is None or any(key in written and key not in got[0]
                          for key in ("sources", "claims")):
        project.partial = True  # what it registers or cites is unknown
        return findings
    values, _locs = got
    story: Story | None = values.get("story")
    claims: list[Claim] = values.get("claims") or []
    if story is not None:
        story.claims = [c.id for c in claims]
        for claim in claims:
            claim.story = story.id
        project.stories.append(story)
    project.sources += values.get("sources") or []
    project.claims += claims
    return findings


def _copy(verdict: Verdict) -> Verdict:
    return Verdict(verdict.id, verdict.label, verdict.rating, verdict.description,
                   verdict.color, verdict.expects)


def read_claims(path: str) -> tuple[str | None, list[Finding]]:
    """Read claims.yaml as text (without a byte-order mark).

    A file that is not UTF-8 gives a finding, and its text decoded leniently so a
    report can still show the line at fault. Raises :class:`ClaimsFileError` when
    the file cannot be read at all.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ClaimsFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    text, findings = decode(data, path)
    if text is None:
        return data.decode("utf-8", "replace").removeprefix("\ufeff"), findings
    return text, findings


def load_project(path: str) -> tuple[Project | None, list[Finding]]:
    """Read and validate the claims file at ``path`` and the files it includes.

    Raises :class:`ClaimsFileError` when the file cannot be read at all; every
    problem inside it, or in a file it includes, comes back as a finding instead.
    """
    text, findings = read_claims(path)
    if findings:
        return None, findings
    root = os.path.dirname(os.path.abspath(path))
    return load_text(text, path, root)
