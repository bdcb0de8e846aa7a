"""The loader: every malformed claims.yaml becomes findings at the right place."""

from __future__ import annotations

import glob
import os

import pytest
import yaml

from generator.checker.load import decode, load_text
from generator.checker.parsememo import parse_file
from generator.checker.walker import Walker
from generator.checker.yamlsyntax import compose

HEAD = "sources:\n  - {id: a, file: a.txt, title: A}\n"
CLAIM = ("claims:\n  - id: c\n    claim: x\n    verdict: accurate\n    summary: y\n"
         "    citations:\n      - {source: a, quote: one two three four, stance: supports}\n")

# (name, claims.yaml text, [(line, column, code, words in the message)])
CASES = [
    ("valid", HEAD + CLAIM, []),
    ("empty file", "", [(1, 1, "schema", "the file is empty")]),
    ("a list at the top", "- a\n- b\n", [(1, 1, "schema", "expected the file (a mapping")]),
    ("unknown top-level key", HEAD + CLAIM + "extra: 1\n",
     [(10, 1, "schema", "unknown field `extra` in the file")]),
    ("missing claims", HEAD, [(1, 1, "schema", "missing the required field `claims`")]),
    ("unclosed quote", 'sources: []\nclaims:\n  - id: "c\n',
     [(4, 1, "yaml-syntax", "invalid YAML")]),
    ("bad indentation", "sources: []\n claims: []\n", [(2, 2, "yaml-syntax", "invalid YAML")]),
    ("tab indentation", "sources: []\nclaims:\n\t- id: c\n", [(3, 1, "yaml-syntax", "")]),
    ("two documents", "sources: []\nclaims: []\n---\nsources: []\n",
     [(3, 1, "yaml-syntax", "single document")]),
    ("duplicate top-level key", HEAD + "sources: []\n" + CLAIM,
     [(3, 1, "duplicate-id", "duplicate key `sources` in the file (first at line 1)")]),
    ("typo in a field", HEAD + CLAIM.replace("summary", "sumary"),
     [(7, 5, "schema", "did you mean `summary`?"),
      (4, 5, "schema", "missing the required field `summary`")]),
    ("citaton", HEAD + CLAIM.replace("    citations:", "    citaton: []\n    citations:"),
     [(8, 5, "schema", "unknown field `citaton` in a claim; did you mean `citations`?")]),
    ("wrong type: list for text", HEAD + CLAIM.replace("claim: x", "claim: [x]"),
     [(5, 12, "schema", "expected text for `claim`, found a list")]),
    ("wrong type: number for rating", "verdicts:\n  - {id: a, label: A, rating: high}\n"
     + HEAD + CLAIM, [(2, 31, "schema", "`rating` must be a whole number")]),
    ("null value", HEAD + CLAIM.replace("claim: x", "claim:"),
     [(5, 11, "schema", "expected text for `claim`, found nothing")]),
    ("blank text", HEAD + CLAIM.replace("claim: x", "claim: '  '"),
     [(5, 12, "schema", "`claim` must not be empty")]),
    ("bad slug", HEAD + CLAIM.replace("id: c", "id: Claim_One"),
     [(4, 9, "schema", "must be a slug")]),
    ("bad date", HEAD + CLAIM.replace("claim: x", "claim: x\n    claim_date: 7 August"),
     [(6, 17, "schema", "YYYY-MM-DD")]),
    ("impossible date", HEAD + CLAIM.replace("claim: x", "claim: x\n    published: 2024-02-30"),
     [(6, 16, "schema", "YYYY-MM-DD")]),
    ("javascript url", HEAD.replace("title: A", "title: A, url: 'javascript:alert(1)'") + CLAIM,
     [(2, 41, "schema", "http:// or https://")]),
    ("bad sha256", HEAD.replace("title: A", "title: A, sha256: abc") + CLAIM,
     [(2, 44, "schema", "64 lowercase hexadecimal")]),
    ("bad colour", "verdicts:\n  - {id: a, label: A, rating: 1, color: red}\n" + HEAD + CLAIM,
     [(2, 41, "schema", "#rrggbb")]),
    ("bad stance", HEAD + CLAIM.replace("stance: supports", "stance: agrees"),
     [(9, 56, "schema", "must be one of supports, contradicts, context")]),
    ("alias", "x: &a 1\n" + HEAD + CLAIM, [(1, 1, "schema", "unknown field `x`")]),
    ("alias reused", HEAD + CLAIM.replace("claim: x", "claim: &t x").replace(
        "summary: y", "summary: *t"), [(5, 12, "schema", "aliases are not allowed")]),
    ("python tag", HEAD + CLAIM.replace("claim: x", "claim: !!python/object/apply:os.system [ls]"),
     [(5, 12, "schema", "unsupported YAML tag")]),
    ("custom tag", HEAD + CLAIM.replace("claim: x", "claim: !shell x"),
     [(5, 12, "schema", "unsupported YAML tag '!shell'")]),
    # What libyaml says, then what it means in an editor's terms.
    ("duplicate anchor", HEAD + CLAIM.replace("claim: x", "claim: &t x").replace(
        "summary: y", "summary: &t y"),
     [(7, 14, "yaml-syntax", "the anchor `&t` is defined twice (first at line 5, column 12); "
       "anchors and aliases are not allowed in claims.yaml: delete `&t`")]),
    ("%YAML directive without ---", "%YAML 1.2\n" + HEAD + CLAIM,
     [(2, 1, "yaml-syntax", "must be followed by a `---` line; claims.yaml needs no "
       "directives: delete the `%` line")]),
    ("%YAML version unknown", "%YAML 2.0\n---\n" + HEAD + CLAIM,
     [(1, 1, "yaml-syntax", "asks for a YAML version this reader does not know")]),
    ("unknown directive", "%FOO bar\n---\n" + HEAD + CLAIM,
     [(1, 5, "yaml-syntax", "this one is unknown: delete it (comments start with `#`)")]),
    ("a second document after ...", HEAD + CLAIM + "...\n---\nsources: []\n",
     [(11, 1, "yaml-syntax", "a second one starts here (a `---` or `...` line): delete")]),
    ("unclosed flow list", HEAD + CLAIM.replace("stance: supports}", "stance: [supports}"),
     [(9, 65, "yaml-syntax", "is not closed, or two of its items lack a `,` between them "
       "(the bracket opened at line 9)")]),
    ("backslash U in double quotes", HEAD + CLAIM.replace("claim: x", 'claim: "C:\\Users"'),
     [(5, 17, "yaml-syntax", "write `\\\\` for a backslash, or use single quotes")]),
    ("unknown escape", HEAD + CLAIM.replace("claim: x", 'claim: "a\\qb"'),
     [(5, 14, "yaml-syntax", "a backslash starts an escape")]),
    ("list after a key", HEAD + CLAIM.replace("claim: x", "claim: - x"),
     [(5, 12, "yaml-syntax", "cannot follow `key:` on the same line")]),
    ("text after a closing quote", HEAD + CLAIM.replace("claim: x", "claim: 'x' y"),
     [(5, 16, "yaml-syntax", "text follows a closing quote or bracket")]),
    ("control character", HEAD + CLAIM.replace("claim: x", "claim: x\x07y"),
     [(5, 13, "yaml-syntax", "the control character U+0007 is not allowed")]),
    ("tag handle", HEAD + CLAIM.replace("claim: x", "claim: !e!x y"),
     [(5, 12, "yaml-syntax", "`!` starts a YAML tag")]),
    ("stray anchor mark", HEAD + CLAIM.replace("claim: x", "claim: & x"),
     [(5, 13, "yaml-syntax", "quote a value that begins with &")]),
    ("Cyrillic id", HEAD + CLAIM.replace("id: c", "id: курск"),
     [(4, 9, "schema", "only ASCII letters a-z, digits and hyphens are allowed")]),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_loader_findings(name, text, expected):
    _, findings = load_text(text, "claims.yaml", ".")
    got = [(f.loc.line, f.loc.column, f.code) for f in findings]
    assert sorted(got) == sorted((line, col, code) for line, col, code, _ in expected)
    for line, col, code, words in expected:
        [finding] = [f for f in findings if (f.loc.line, f.loc.column, f.code) == (line, col, code)]
        assert words in finding.message


def test_billion_laughs_is_refused_quickly_without_expanding():
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    text = "\n".join(lines) + "\n" + HEAD + CLAIM
    project, findings = load_text(text, "claims.yaml", ".")
    assert {f.code for f in findings} == {"schema"}
    assert len(findings) == 12  # one unknown top-level key each, never expanded


def test_crlf_and_bom_load_like_lf():
    crlf = (HEAD + CLAIM).replace("\n", "\r\n")
    text, findings = decode(b"\xef\xbb\xbf" + crlf.encode(), "claims.yaml")
    assert findings == []
    project, findings = load_text(text, "claims.yaml", ".")
    assert findings == []
    assert project.claims[0].citations[0].locs["quote"].line == 9


def test_invalid_utf8_names_line_and_column():
    text, [finding] = decode("sources: []\nclaims:\n  - id: ca".encode() + b"\xe9\n", "c.yaml")
    assert text is None
    assert (finding.loc.line, finding.loc.column, finding.code) == (3, 11, "yaml-syntax")
    assert "not valid UTF-8" in finding.message


def test_values_keep_their_locations():
    project, _ = load_text(HEAD + CLAIM, "claims.yaml", ".")
    cite = project.claims[0].citations[0]
    assert (cite.locs["quote"].line, cite.locs["quote"].column) == (9, 28)
    assert project.claims[0].locs["verdict"].column == 14


@pytest.mark.parametrize("bad, suggestion", [
    ("курск", None), ("Kursk Оblast", "kursk-blast"), ("Claim_One", "claim-one")])
def test_a_bad_id_suggests_a_slug_or_null_never_empty(bad, suggestion):
    _, findings = load_text(HEAD + CLAIM.replace("id: c", f"id: {bad}"), "claims.yaml", ".")
    [finding] = findings
    assert finding.suggestion == suggestion
    assert ("only ASCII" in finding.message) is (not bad.isascii())


def _mapping_files() -> list[str]:
    """Every fixture YAML file that composes to a mapping (the broken ones do not)."""
    found = []
    for path in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "fixtures", "*",
                                              "**", "*.yaml"), recursive=True)):
        with open(path, encoding="utf-8") as handle:
            node, _ = compose(handle.read(), path)
        if isinstance(node, yaml.MappingNode):
            found.append(path)
    return found


FILES = _mapping_files()


@pytest.mark.parametrize("path", FILES, ids=lambda p: os.path.relpath(p, os.path.dirname(
    __file__)))
def test_a_file_with_no_ampersand_walks_alike_with_no_memory_of_its_nodes(path):
    """A text with no ``&`` has no anchor, hence no alias: the walker then keeps no
    set of the nodes it met (parsememo.parse_node). Walked both ways, every file
    gives the same objects and findings; the one alias test above has an ``&``."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    node, _ = compose(text, path)
    kind = "root" if os.path.basename(path) == "claims.yaml" else "included"
    remembering, forgetting = Walker(path), Walker(path, anchors=False)
    assert repr(remembering.mapping(node, kind)) == repr(forgetting.mapping(node, kind))
    assert remembering.findings == forgetting.findings
    assert ("&" in text) or parse_file(text, path, kind).findings == remembering.findings


def test_an_ampersand_in_a_value_is_text_and_an_alias_is_still_refused():
    project, findings = load_text(HEAD + CLAIM.replace("claim: x", "claim: AT&T said so"),
                                  "claims.yaml", ".")
    assert findings == [] and project.claims[0].claim == "AT&T said so"
    text = HEAD + "claims:\n  - &a {id: c, claim: x, verdict: accurate, summary: y,\n" \
        "       citations: [{source: a, quote: one two three four, stance: supports}]}\n" \
        "  - *a\n"
    _, findings = load_text(text, "claims.yaml", ".")
    assert any("reused through an alias" in f.message for f in findings)
