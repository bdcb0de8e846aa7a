"""The walker: composed YAML nodes into model objects, against the schema's tables.

It collects every problem as a finding at the node's location instead of stopping at
the first, so an editor sees all of a file's mistakes in one run.
"""

from __future__ import annotations

from datetime import date

import yaml

from generator.checker import indentation, rules
from generator.checker.model import (
    Author,
    Citation,
    Claim,
    Finding,
    Loc,
    Source,
    Speaker,
    Stance,
    Story,
    Update,
    Verdict,
)
from generator.checker.schema import (
    COLOR_RE,
    DATE_RE,
    DEPENDENT,
    LANGUAGE_RE,
    OBJECTS,
    SHA256_RE,
    SLUG_RE,
    URL_RE,
    Field,
)
from generator.checker.wording import did_you_mean
from generator.checker.yamlsyntax import NULL_TAG, STR_TAG, YAML_TAG, node_loc

PLAIN_TAGS = {YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


ALLOWED_TAGS = {yaml.ScalarNode: PLAIN_TAGS, yaml.SequenceNode: {YAML_TAG + "seq"},
                yaml.MappingNode: {YAML_TAG + "map"}}


CLASSES = {"verdict": Verdict, "source": Source, "claim": Claim, "update": Update,
           "citation": Citation, "story": Story, "author": Author, "speaker": Speaker}


FILE_KINDS = frozenset({"root", "included"})  # the top of a file: returned as a dict


LOCATED = frozenset({"verdict", "source", "claim", "story", "author", "speaker"})  # know their file


# Each object's fields by name, and its required ones: looked up for every mapping.
FIELDS = {name: {f.name: f for f in fields} for name, fields in OBJECTS.items()}
REQUIRED = {name: tuple(f.name for f in fields if f.required)
            for name, fields in OBJECTS.items()}


NODE_NAMES = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list",
              yaml.ScalarNode: "a value"}


ARTICLE = {"update": "an update", "citation": "a citation", "root": "the file",
           "included": "the file", "author": "an author",
           "wordlists": "a language's word lists", "speaker": "a speaker",
           "requirements": "a verdict's requirements"}


class Walker:
    """Turns composed nodes into model objects, recording a finding per problem."""

    def __init__(self, path: str, anchors: bool = True):
        # anchors=False: a text with no "&" has no anchor, so no alias to refuse
        self.path = path
        self.findings: list[Finding] = []
        self.seen: set[int] | None = set() if anchors else None
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
        if self.seen is not None:
            if id(node) in self.seen:
                self.problem(node, "this anchored value (&name) is reused through an "
                             "alias (*name): YAML anchors and aliases are not allowed "
                             "here; write the value out")
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
        if node.tag == STR_TAG and type(node) is yaml.ScalarNode:  # the common case
            seen = self.seen
            if seen is None:
                return node.value
            if id(node) not in seen:
                seen.add(id(node))
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
        text = self.scalar(node, EXPECTED[kind], fld.name)
        if text is None:
            return None
        if kind == "text":
            if not text.strip():
                self.problem(node, f"`{fld.name}` must not be empty")
                return None
            return text
        label = f"`{fld.name}`"
        if kind == "int":
            number, problem = _whole_number(text, label, fld.minimum)
            if problem:
                self.problem(node, problem)
            return number
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
        self.problem(head_loc(item), f"this item of `{fld.name}` has the fields of "
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
            if not isinstance(key, str) or key in FIELDS["claim"]:
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
        fields = FIELDS[name]
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
        missing = [key for key in REQUIRED[name] if key not in first and key not in excused]
        for key in missing:
            ident = values.get("id")
            who = f"{name} `{ident}`" if ident else what
            self.problem(head_loc(node), f"{who} is missing the required field "
                        f"`{key}` ({fields[key].description})")
        _dependent(self, node, name, locs)
        if any(key not in values for key in REQUIRED[name]):
            return None
        if name in ("wordlists", "requirements"):
            return values
        if name in FILE_KINDS:
            return values, locs
        if name == "citation":
            values["stance"] = Stance(values["stance"])
        if name in LOCATED:
            values["origin"] = self.path
        return CLASSES[name](**values, locs=locs)


def _dependent(walker: Walker, node: yaml.MappingNode, name: str,
               written: dict[str, Loc]) -> None:
    """A field written without the one it needs (a claimant without its type)."""
    for key, needs in DEPENDENT.get(name, {}).items():
        if key not in written:
            continue
        for other in needs:
            if other not in written:
                ident = _peek_id(node)
                who = f"{name} `{ident}`" if ident else ARTICLE.get(name, f"a {name}")
                fld = next(f for f in OBJECTS[name] if f.name == other)
                what = (" or ".join(f"`{other}: {c}`" for c in fld.choices)
                        if fld.choices else f"`{other}`")
                walker.problem(written[key], f"{who} has `{key}` but no `{other}`, "
                               f"which it needs: add {what}")


def _whole_number(text: str, label: str, minimum: int | None) -> tuple[int | None, str]:
    """A whole number written as ``text``, or the problem with it.

    >>> _whole_number("2", "`origins`", 1), _whole_number("0", "`origins`", 1)[1]
    ((2, ''), '`origins` must be at least 1, not 0')
    """
    try:
        number = int(text.replace("_", ""), 10)
    except ValueError:
        return None, f"{label} must be a whole number, not {text!r}"
    if minimum is not None and number < minimum:
        return None, f"{label} must be at least {minimum}, not {number}"
    return number, ""


def _configurable(walker: Walker, node: yaml.Node, code: str) -> bool:
    """A `rules:` key must be a rule whose default is a warning or information: a
    check that proves a quote wrong cannot be switched off."""
    rule = rules.RULES.get(code)
    if rule is None:
        hint = did_you_mean(code, list(rules.RULES))
        walker.problem(node, f"`rules` names `{code}`, which is not a rule code"
                    + (f"; did you mean `{hint}`?" if hint else
                       " (`factcheck check --help` lists them)"), hint)
        return False
    if rule.severity is rules.ERROR:
        walker.problem(node, f"`{code}` is an error and stays one: only warnings and "
                    "information can be raised or switched off under `rules`")
        return False
    return True


def _free_mapping(walker: Walker, node: yaml.Node, fld: Field, owner: str) -> dict | None:
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
    "text": "text for `{field}`",
    "slug": "a slug for `{field}`",
    "int": "a whole number for `{field}`",
    "date": "a date (YYYY-MM-DD) for `{field}`",
    "url": "a URL for `{field}`",
    "sha256": "a sha256 hex digest for `{field}`",
    "color": "a colour (#rrggbb) for `{field}`",
    "language": "a language tag (en, ru, pt-br) for `{field}`",
    "enum": "one of the allowed values for `{field}`",
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


def head_loc(node: yaml.Node) -> Loc:
    """The first line of a mapping: where an editor looks for a missing field."""
    if isinstance(node, yaml.MappingNode) and node.value:
        return node_loc(node.value[0][0])
    return node_loc(node)

