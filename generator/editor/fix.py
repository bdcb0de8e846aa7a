"""``factcheck check --fix``: put the source's own characters back into quotes.

A quote that matched only after folding punctuation (``quote-normalized``) is
verified, but it misquotes the source's typography: straight quotes where the
article has curly ones, a hyphen for its dash. The fix rewrites those quotes to the
source's exact text and touches nothing else: comments, key order, quoting style,
line endings, a byte-order mark and every other byte stay as they were.

It works on the text, never by dumping YAML again: each finding's location carries
the character offsets of its quote scalar (the loader's), and only the words that
differ are replaced inside that span, in the scalar's own style. The edits are
checked by composing the edited text once and reading every quote back; when a
style cannot hold the new text, that scalar is rewritten double-quoted, the one
style that can hold any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import yaml

from generator.checker import rules
from generator.checker.files import write_atomically
from generator.checker.model import Finding, Loc, first_by_id
from generator.checker.normalize import INVISIBLE, hyphen_breaks
from generator.checker.textmatch import fold
from generator.checker.yamlsyntax import Loader
from generator.checker.yamlwrite import double_quoted

YAML_SPACE = re.compile(r"[ \t\r\n]+")
YAML_WORD = re.compile(r"[^ \t\r\n]+")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_EDGE_ELISIONS = {"...", "[...]"}


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new``; the quote then reads ``value``."""

    claim: str
    citation: int
    start: int
    end: int
    new: str
    value: str


@dataclass
class FixResult:
    """What ``--fix`` did: the new text, the edits made, and quotes it left alone."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def _escape(word: str, style: str | None) -> str:
    if style == "'":
        return word.replace("'", "''")
    if style == '"':
        return double_quoted(word)[1:-1]
    return word


def _unescape(raw: str, style: str | None) -> str | None:
    if style == "'":
        return raw.replace("''", "'")
    if style == '"':
        try:
            got = yaml.load(f'"{raw}"', Loader=Loader)
        except yaml.YAMLError:
            return None
        return got if isinstance(got, str) else None
    return raw


# -- finding the quote scalars -----------------------------------------------------


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def quote_nodes(root: yaml.Node | None) -> dict[tuple[str, int], yaml.ScalarNode]:
    """Every citation's quote scalar by (claim id, citation index), as the loader
    numbers them; like the checker, the first claim with an id wins."""
    claims = _get(root, "claims")
    if not isinstance(claims, yaml.SequenceNode):
        return {}
    with_ids = [c for c in claims.value if isinstance(_get(c, "id"), yaml.ScalarNode)]
    out = {}
    for claim_id, claim in first_by_id(with_ids, key=lambda c: _get(c, "id").value)[0].items():
        cites = _get(claim, "citations")
        for index, cite in enumerate(cites.value if isinstance(cites, yaml.SequenceNode)
                                     else ()):
            node = _get(cite, "quote")
            if isinstance(node, yaml.ScalarNode):
                out[(claim_id, index)] = node
    return out


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None


class Scalar(NamedTuple):
    """A scalar of claims.yaml: its span in the text, its style and its value."""

    start: int
    end: int
    style: str | None  # None (plain), ', ", | or >
    value: str


def scalar_at(text: str, loc: Loc) -> Scalar | None:
    """The scalar at a finding's location, read from its own characters only.

    >>> scalar_at("quote: 'it''s on'\\n", Loc(start=7, end=17))
    Scalar(start=7, end=17, style="'", value="it's on")
    >>> scalar_at("quote: ... so it began\\n", Loc(start=7, end=22)).value
    '... so it began'
    """
    if not 0 <= loc.start < loc.end <= len(text):
        return None
    raw = text[loc.start:loc.end]
    # Read as a mapping's value: alone, a plain `... so it began` or `--- x` would
    # be read as the end or the start of a YAML document.
    top = _compose("quote: " + raw)
    if not isinstance(top, yaml.MappingNode) or len(top.value) != 1:
        return None  # the span holds more than one value
    node = top.value[0][1]
    if not isinstance(node, yaml.ScalarNode):
        return None
    style = raw[0] if raw[0] in "'\"|>" else None
    return Scalar(loc.start, loc.end, style, node.value)


# -- planning one edit -------------------------------------------------------------


def _body(raw: str, style: str | None) -> tuple[int, int]:
    """Offsets, within the scalar's raw text, of the part that holds its words."""
    if style in ("'", '"'):
        return 1, len(raw) - 1
    if style in ("|", ">"):
        return raw.find("\n") + 1, len(raw)  # after the header line (`|-  # note`)
    return 0, len(raw)


def _align(words: list[str], wanted: list[str]) -> tuple[int, int] | None:
    """Pair the quote's words with the source's, skipping elisions at either edge.

    Returns the slice of ``words`` that corresponds word for word to ``wanted``.
    """
    keys = [fold(w) for w in words]
    goal = [fold(w) for w in wanted]
    lo, hi = 0, len(words)
    while lo < hi and keys[lo] in _EDGE_ELISIONS and keys[lo:hi] != goal:
        lo += 1
    while hi > lo and keys[hi - 1] in _EDGE_ELISIONS and keys[lo:hi] != goal:
        hi -= 1
    return (lo, hi) if keys[lo:hi] == goal else None


def replacement_text(suggestion: str) -> str:
    """The source's exact words as a quote: invisible characters out, spaces single,
    a word hyphenated across a line break joined again.

    Whitespace and invisible characters never count when quotes are matched, and an
    editor cannot see them; what --fix restores is the characters one can see. A
    hyphen break is layout too: ``vibra- tion`` would no longer match ``vibra-\\ntion``.

    >>> replacement_text("a\\u00ad  “b”\\n c")
    'a “b” c'
    >>> replacement_text("the “vibra-\\ntion” stopped")
    'the “vibration” stopped'
    """
    for a, b in reversed(hyphen_breaks(suggestion)):
        suggestion = suggestion[:a] + suggestion[b:]
    return " ".join(_INVISIBLE.sub("", suggestion).split())


def plan_edit(text: str, node: Scalar, suggestion: str, claim: str,
              citation: int) -> list[Edit]:
    """Candidate edits for one quote, best first: in its own style, then double-quoted."""
    start, end = node.start, node.end
    raw = text[start:end]
    style = node.style
    wanted = replacement_text(suggestion).split(" ")
    candidates: list[Edit] = []

    lo, hi = _body(raw, style)
    spans = [m.span() for m in YAML_WORD.finditer(raw, lo, hi)]
    words = [_unescape(raw[a:b], style) for a, b in spans]
    value_words = [w for w in YAML_SPACE.split(node.value) if w]
    if None not in words and words == value_words:
        aligned = _align(words, wanted)
        if aligned is not None:
            first, _ = aligned
            new_raw, value = raw, node.value
            for i in reversed(range(len(wanted))):
                old, new = words[first + i], wanted[i]
                if old != new:
                    a, b = spans[first + i]
                    new_raw = new_raw[:a] + _escape(new, style) + new_raw[b:]
            value_parts = list(words)
            value_parts[first:first + len(wanted)] = wanted
            value = _rebuild_value(node.value, words, value_parts)
            if new_raw == raw:
                return []  # the words already are the source's: nothing to fix
            if value is not None:
                candidates.append(Edit(claim, citation, start, end, new_raw, value))

    value = " ".join(wanted)
    if style in ("|", ">"):
        end = start + len(raw.rstrip(" \t\r\n"))  # keep the line break that ends it
    candidates.append(Edit(claim, citation, start, end, double_quoted(value), value))
    return candidates


def _rebuild_value(value: str, old_words: list[str], new_words: list[str]) -> str | None:
    """The scalar's value with its words swapped one for one, its spacing kept."""
    parts = re.split(r"([ \t\r\n]+)", value)
    out, k = [], 0
    for part in parts:
        if part and not YAML_SPACE.fullmatch(part):
            if k >= len(old_words) or part != old_words[k]:
                return None
            out.append(new_words[k])
            k += 1
        else:
            out.append(part)
    return "".join(out) if k == len(old_words) else None


def as_diff(name: str, old: str, new: str) -> str:
    """What ``--fix`` changed, as a unified diff without context lines.

    >>> print(as_diff("c.yaml", "a: 1\\nquote: x\\n", "a: 1\\nquote: y\\n"), end="")
    --- c.yaml
    +++ c.yaml (fixed)
    @@ -2 +2 @@
    -quote: x
    +quote: y
    """
    import difflib

    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=name, tofile=f"{name} (fixed)", n=0)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _splice(text: str, edit: Edit) -> str:
    return text[:edit.start] + edit.new + text[edit.end:]


def _apply(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = _splice(text, edit)
    return text


def _reads_back(text: str, edit: Edit) -> bool:
    node = quote_nodes(_compose(text)).get((edit.claim, edit.citation))
    return node is not None and node.value == edit.value


def _failing(text: str, edits: list[Edit]) -> set[int]:
    """The positions in ``edits`` whose quote does not read back after all are made.

    One compose of the edited file checks them all; only if the edited file is no
    longer YAML is each edit tried alone, to find the one at fault.
    """
    root = _compose(_apply(text, edits))
    if root is None:
        return {i for i, e in enumerate(edits) if not _reads_back(_splice(text, e), e)}
    nodes = quote_nodes(root)
    return {i for i, e in enumerate(edits)
            if (n := nodes.get((e.claim, e.citation))) is None or n.value != e.value}


def _choose(text: str, plans: list[list[Edit]], skipped: list[str]) -> list[Edit]:
    """For each quote, its first candidate edit that reads back; others are skipped."""
    choice = [0] * len(plans)
    while True:
        live = [i for i, plan in enumerate(plans) if choice[i] < len(plan)]
        edits = [plans[i][choice[i]] for i in live]
        failing = _failing(text, edits)
        if not failing:
            return sorted(edits, key=lambda e: e.start)
        for k in failing:
            i = live[k]
            choice[i] += 1
            if choice[i] == len(plans[i]):
                edit = plans[i][0]
                skipped.append(f"claim `{edit.claim}`, citation {edit.citation + 1}: could "
                               "not rewrite the quote safely; copy it from the source by "
                               f"hand: {edit.value}")


# -- the fix -----------------------------------------------------------------------


def fix_text(text: str, findings: list[Finding]) -> FixResult:
    """Rewrite the quotes of ``quote-normalized`` findings to the source's exact text.

    ``text`` is claims.yaml as the checker read it (no byte-order mark), and the
    findings' locations are offsets into it. Only the spans of those quote scalars
    change; every edit is verified by reading it back.

    >>> from generator.checker.model import Loc
    >>> text = "claims:\\n  - id: a  # first\\n    citations:\\n      - quote: 'it''s \\"on\\"'\\n"
    >>> at = text.index("'it")
    >>> f = rules.QUOTE_NORMALIZED.finding("c.yaml", Loc(start=at, end=len(text) - 1), "",
    ...                                    claim="a", citation=0, suggestion="it’s “on”")
    >>> print(fix_text(text, [f]).text, end="")
    claims:
      - id: a  # first
        citations:
          - quote: 'it’s “on”'
    """
    plans: list[list[Edit]] = []
    skipped: list[str] = []
    for finding in findings:
        if (finding.code != rules.QUOTE_NORMALIZED.code or finding.suggestion is None
                or finding.claim is None or finding.citation is None):
            continue
        node = scalar_at(text, finding.loc)
        if node is None:
            skipped.append(f"claim `{finding.claim}`, citation {finding.citation + 1}: "
                           "quote not found in the file")
            continue
        plan = plan_edit(text, node, finding.suggestion, finding.claim, finding.citation)
        if plan:
            plans.append(plan)
    chosen = _choose(text, plans, skipped)
    return FixResult(_apply(text, chosen), chosen, skipped)


def fix_file(path: str, findings: list[Finding], checked: str | None = None) -> FixResult:
    """Apply :func:`fix_text` to the file at ``path``, keeping its BOM and line endings.

    ``checked`` is the text the findings came from: if the file no longer holds it,
    their offsets are stale and nothing is changed. Writes only when a quote changed,
    atomically (a temporary file, then a rename), so an interrupted fix never leaves
    half a claims.yaml.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    # newline="" semantics: decode bytes directly, so CRLF stays CRLF
    text = data.decode("utf-8").removeprefix(bom)
    if checked is not None and text != checked:
        return FixResult(text, skipped=["the file changed while it was being checked; "
                                        "nothing was fixed: run the fix again"])
    result = fix_text(text, findings)
    if result.changed:
        write_atomically(path, (bom + result.text).encode("utf-8"))
    return result
