"""The loader's messages in full, where an editor reads them: the `rules:` and
`hedges:` mappings, YAML errors, deep nesting, included files, unreadable files.

Each row gives the whole message (and the suggestion `--fix` would apply), so a
changed word, location or hint is a failure, not a pass (see tests/mutation)."""

from __future__ import annotations

import pytest

from generator.checker.load import DEFAULT_VERDICTS, ClaimsFileError, decode, load_text, read_claims

HEAD = "sources:\n  - {id: a, file: a.txt, title: A}\n"
CLAIM = ("claims:\n  - id: c\n    claim: x\n    verdict: accurate\n    summary: y\n"
         "    citations:\n      - {source: a, quote: one two three four, stance: supports}\n")

# (name, text before HEAD + CLAIM, [(line, column, code, message, suggestion)])
TOP = [
    ("rule code misspelt", "rules:\n  quote-too-shrot: off\n",
     [(2, 3, "schema", "`rules` names `quote-too-shrot`, which is not a rule code; did you "
       "mean `quote-too-short`?", "quote-too-short")]),
    ("rule code unknown", "rules:\n  zzzz: off\n",
     [(2, 3, "schema", "`rules` names `zzzz`, which is not a rule code (`factcheck check "
       "--help` lists them)", None)]),
    ("an error cannot be switched off", "rules:\n  quote-not-found: off\n",
     [(2, 3, "schema", "`quote-not-found` is an error and stays one: only warnings and "
       "information can be raised or switched off under `rules`", None)]),
    ("rules as a list", "rules: [quote-too-short]\n",
     [(1, 8, "schema", "`rules` must be a mapping, found a list", None)]),
    ("rules as text", "rules: quote-too-short\n",
     [(1, 8, "schema", "`rules` must be a mapping, found a value", None)]),
    ("a rule twice", "rules:\n  quote-too-short: off\n  quote-too-short: error\n",
     [(3, 3, "duplicate-id", "duplicate key `quote-too-short` in `rules`; YAML would keep "
       "only the last one", None)]),
    ("a severity not on the list", "rules:\n  quote-too-short: never\n",
     [(2, 20, "schema", "`quote-too-short` must be one of error, warning, off, not 'never'",
       None)]),
    ("a list as a rule code", "rules:\n  ? [a]\n  : off\n",
     [(2, 5, "schema", "expected a name, found a list", None)]),
    ("hedges of a language as text", "hedges:\n  de: angeblich\n",
     [(2, 7, "schema", "expected a language's word lists (a mapping of fields), found a "
       "value", None)]),
    ("a word list as text", "hedges:\n  de: {hedges: angeblich}\n",
     [(2, 16, "schema", "`hedges` must be a list, found a value", None)]),
    ("a word list misspelt", "hedges:\n  de: {hedgs: [angeblich]}\n",
     [(2, 8, "schema", "unknown field `hedgs` in a language's word lists; did you mean "
       "`hedges`? (expected: hedges, negations, attributions, qualifiers)", "hedges")]),
    ("unknown top-level field unlike any", "zzzzzz: 1\n",
     [(1, 1, "schema", "unknown field `zzzzzz` in the file (expected: verdicts, authors, "
       "speakers, include, sources, claims, rules, hedges, language, second_check, "
       "publish, context_words, max_quote_words)", None)]),
]


def findings_of(text: str, tree=None):
    project, findings = load_text(text, "claims.yaml", ".", tree)
    return project, [(f.loc.line, f.loc.column, f.code, f.message, f.suggestion)
                     for f in findings]


@pytest.mark.parametrize("name, before, expected", TOP, ids=[c[0] for c in TOP])
def test_top_level_mappings_say_what_is_wrong(name, before, expected):
    assert findings_of(before + HEAD + CLAIM)[1] == expected


@pytest.mark.parametrize("before, kept", [
    # a refused key is skipped, and the keys after it are still read
    ("rules:\n  quote-not-found: off\n  quote-too-short: off\n", {"quote-too-short": "off"}),
    ("rules:\n  zzzz: off\n  quote-too-short: off\n", {"quote-too-short": "off"}),
    ("rules:\n  ? [a]\n  : off\n  quote-too-short: off\n", {"quote-too-short": "off"}),
    # of a repeated key the first is kept, as reported
    ("rules:\n  quote-too-short: off\n  quote-too-short: error\n  weekday-mismatch: error\n",
     {"quote-too-short": "off", "weekday-mismatch": "error"}),
])
def test_rules_keep_every_good_key(before, kept):
    project, _ = findings_of(before + HEAD + CLAIM)
    assert project.rules == kept


def test_hedges_are_read_per_language():
    project, findings = findings_of("hedges:\n  de: {hedges: [angeblich], negations: [nie]}\n"
                                    + HEAD + CLAIM)
    assert findings == []
    assert project.hedges == {"de": {"hedges": ["angeblich"], "negations": ["nie"]}}


# (name, whole claims.yaml, (line, column, message))
YAML_ERRORS = [
    ("duplicate anchor", HEAD + CLAIM.replace("claim: x", "claim: &t x").replace(
        "summary: y", "summary: &t y"),
     (7, 14, "invalid YAML: the anchor `&t` is defined twice (first at line 5, column 12); "
      "anchors and aliases are not allowed in claims.yaml: delete `&t` and write each value "
      "out")),
    ("a form libyaml refuses", "a: |+-\n x\n",
     (1, 6, "invalid YAML: while scanning a block scalar did not find expected comment or "
      "line break; claims.yaml is read by libyaml, which refuses some rarely used YAML "
      "forms: write keys as plain words and values as plain or quoted text, like the rest "
      "of the file")),
    ("a quote not closed names no bracket", "a: 'b\n\nc\n",
     (4, 1, "invalid YAML: while scanning a quoted scalar found unexpected end of stream; "
      "a quoted value is not closed")),
    ("text after the document ends", "a: b\n...\nc\n",
     (3, 1, "invalid YAML: did not find expected <document start>; the file's one document "
      "has ended before this line (a `...` line, or a bracket that closes the top level): "
      "delete what ends it early, or this text")),
    ("a bracket too many at the top", "{a: b}}\n",
     (1, 7, "invalid YAML: did not find expected <document start>; the file's one document "
      "has ended before this line (a `...` line, or a bracket that closes the top level): "
      "delete what ends it early, or this text")),
    ("a directive after a comment", "# notes\n\n%YAML 1.2\na: 1\n",
     (4, 1, "invalid YAML: did not find expected <document start>; a `%` line at the top "
      "is a YAML directive and must be followed by a `---` line; claims.yaml needs no "
      "directives: delete the `%` line")),
]


@pytest.mark.parametrize("name, text, expected", YAML_ERRORS, ids=[c[0] for c in YAML_ERRORS])
def test_yaml_errors_in_the_editors_terms(name, text, expected):
    line, column, message = expected
    assert findings_of(text)[1] == [(line, column, "yaml-syntax", message, None)]


DEEP = ("lists and mappings nested more than 100 levels deep; claims.yaml needs five at "
        "most")


@pytest.mark.parametrize("text, column", [
    # the top mapping is level 1; `x: [[...` opens one more level per bracket
    ("x: " + "[" * 100 + "]" * 100 + "\n", 103),  # the 100th bracket is level 101
    ("x: " + "[" * 99 + "1" + "]" * 99 + "\n", 103),  # so is a value inside 99
    # closed lists before it count no more
    ("x: [[1], [[2]], " + "[" * 99 + "]" * 99 + "]\n", 16 + 99),
])
def test_nesting_beyond_100_levels_is_reported_where_it_starts(text, column):
    assert findings_of(text)[1] == [(1, column, "yaml-syntax", DEEP, None)]
    _, [finding] = load_text(text, "c.yaml", ".")
    assert (finding.path, tuple(finding.loc)[:4]) == ("c.yaml", (1, column, 1, column + 1))


def test_nesting_of_100_levels_is_read():
    _, found = findings_of("x: " + "[" * 98 + "1" + "]" * 98 + "\n" + HEAD + CLAIM)
    assert [f[3] for f in found] == ["unknown field `x` in the file (expected: verdicts, "
                                     "authors, speakers, include, sources, claims, rules, "
                                     "hedges, language, second_check, publish, "
                                     "context_words, max_quote_words)"]


def test_an_empty_mapping_lacks_its_lists_at_line_one():
    _, found = findings_of("{}\n")
    assert [(f[0], f[1], f[3].split(" (")[0]) for f in found] == [
        (1, 1, "the file is missing the required field `sources`"),
        (1, 1, "the file is missing the required field `claims`")]


def test_a_claim_id_that_is_a_list_is_reported_once():
    _, found = findings_of(HEAD + CLAIM.replace("id: c", "id: [c]"))
    assert [f[3] for f in found] == ["expected a slug for `id`, found a list"]


def test_default_verdicts_are_copies_with_every_field():
    project, _ = findings_of(HEAD + CLAIM)
    assert project.verdicts == list(DEFAULT_VERDICTS)
    assert all(a is not b for a, b in zip(project.verdicts, DEFAULT_VERDICTS, strict=False))


# -- files the claims file includes ------------------------------------------------------

class Tree:
    """Files in memory; a path mapped to an exception cannot be read."""

    def __init__(self, files: dict):
        self.files = files

    def paths(self, under: str = "") -> list[str]:
        return sorted(self.files)

    def read(self, path: str) -> bytes:
        data = self.files[path]
        if isinstance(data, Exception):
            raise data
        return data


STORY = (b"story: {id: s, title: S, published: 2024-01-01}\n"
         b"claims:\n  - id: d\n    claim: x\n    verdict: accurate\n    summary: y\n"
         b"    citations:\n      - {source: a, quote: one two three four, stance: supports}\n")


def test_a_file_two_patterns_match_is_read_once():
    project, found = findings_of(HEAD + "include: ['stories/*.yaml', stories/a.yaml]\n",
                                 Tree({"stories/a.yaml": STORY}))
    assert found == []
    assert [c.id for c in project.claims] == ["d"]
    assert not project.partial


def test_an_included_file_that_cannot_be_read_is_named_at_its_pattern():
    tree = Tree({"stories/a.yaml": PermissionError(13, "Permission denied")})
    project, found = findings_of(HEAD + "include: ['stories/*.yaml']\n", tree)
    assert found == [(3, 11, "schema", "`stories/*.yaml` matches stories/a.yaml, which "
                      "cannot be read: Permission denied", None)]
    _, [finding] = load_text(HEAD + "include: ['stories/*.yaml']\n", "claims.yaml", ".", tree)
    assert finding.path == "claims.yaml"


def test_an_included_file_not_in_utf8_is_named():
    tree = Tree({"stories/a.yaml": b"claims: []\nx: \xff\n"})
    _, findings = load_text(HEAD + "include: ['stories/*.yaml']\n", "claims.yaml", ".", tree)
    [finding] = findings
    assert (finding.path, finding.loc.line, finding.loc.column) == ("stories/a.yaml", 2, 4)


@pytest.mark.parametrize("story, partial", [
    (STORY, False),
    (STORY + b"sources: 5\n", True),  # what it registers is unknown
    (b"claims: 5\n", True),
    (b"- a list\n", True),
])
def test_a_broken_included_file_leaves_the_project_partial(story, partial):
    project, _ = findings_of(HEAD + "include: ['stories/*.yaml']\n",
                             Tree({"stories/a.yaml": story}))
    assert project.partial is partial


# -- reading the file ----------------------------------------------------------------

def test_a_bad_byte_is_a_one_character_span():
    _, [finding] = decode(b"a: 1\nb: x\xff\n", "c.yaml")
    assert finding.path == "c.yaml"
    assert tuple(finding.loc)[:4] == (2, 5, 2, 6)
    assert finding.message == ("not valid UTF-8: byte 0xff at offset 9; save the file as "
                               "UTF-8")


def test_a_file_not_in_utf8_is_still_read_for_the_report(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"\xef\xbb\xbfsources: []\nclaims: [\xe9]\n")
    text, [finding] = read_claims(str(path))
    assert text == "sources: []\nclaims: [\ufffd]\n"
    assert finding.path == str(path)


def test_a_missing_file_says_why_it_cannot_be_read(tmp_path):
    path = tmp_path / "claims.yaml"
    with pytest.raises(ClaimsFileError) as caught:
        read_claims(str(path))
    assert str(caught.value) == f"cannot read {path}: No such file or directory"


@pytest.mark.parametrize("text, span, says", [
    # after a blank first line: lines and columns still count from the file's start
    ("\nclaims: x\x07y\n", (2, 10, 2, 11), "invalid YAML: the control character U+0007 is not "
     "allowed in claims.yaml: delete it (a source text may hold any character, claims.yaml "
     "may not)"),
    ("\n\na: \x07\n", (3, 4, 3, 5), "invalid YAML: the control character U+0007"),
    ("a: 'b\n\nc\n", (4, 1, 4, 2), "invalid YAML: while scanning a quoted scalar"),
])
def test_a_yaml_error_marks_one_character(text, span, says):
    _, [finding] = load_text(text, "c.yaml", ".")
    assert (finding.path, tuple(finding.loc)[:4]) == ("c.yaml", span)
    assert finding.message.startswith(says)


# (name, whole file, [(line, column, code, message, suggestion, claim, citation)])
IN_CLAIMS = [
    ("a stance misspelt", HEAD + CLAIM.replace("stance: supports", "stance: suports"),
     [(9, 56, "schema", "`stance` must be one of supports, contradicts, context, not 'suports'; "
       "did you mean `supports`?", "supports", "c", 0)]),
    ("a URL of another scheme", HEAD.replace("title: A", "title: A, url: 'ftp://x'") + CLAIM,
     [(2, 41, "schema", "`url` must be an http:// or https:// URL, not 'ftp://x'", None, None,
       None)]),
    ("an id in Cyrillic", HEAD + CLAIM.replace("id: c", "id: курск"),
     [(4, 9, "schema", "`id` must be a slug: lowercase letters and digits joined by single "
       "hyphens, like `kursk-evacuation`; only ASCII letters a-z, digits and hyphens are allowed "
       "(an id is part of a page's address): write it in Latin letters, not 'курск'", None,
       "курск", None)]),
    ("a list as a field name", HEAD + CLAIM.replace("    claim: x\n", "    ? [k]\n    : v\n"
                                                    "    claim: x\n"),
     [(5, 7, "schema", "expected a field name, found a list", None, "c", None)]),
    ("a claim without id", HEAD + CLAIM.replace("  - id: c\n    claim: x", "  - claim: x"),
     [(4, 5, "schema", "a claim is missing the required field `id` (Slug, used in the claim "
       "page's address.)", None, None, None)]),
    ("a claim's field after its citations", HEAD + CLAIM + "    claim_date: 7 August\n",
     [(10, 17, "schema", "`claim_date` must be a date written YYYY-MM-DD, not '7 August'", None,
       "c", None)]),
    ("an explicit tag the format allows", HEAD + CLAIM.replace("claim: x", "claim: !!int 5"), []),
    ("citations left empty", HEAD + CLAIM.split("    citations:")[0] + "    citations:\n", []),
    # a citation's field at the claim's indentation: adopted only after the citations
    ("a citation's fields before and after it", HEAD + (
        "claims:\n  - id: c\n    prefix: early\n    claim: x\n    verdict: accurate\n"
        "    summary: y\n    appearance: [a]\n    citations:\n      - source: a\n"
        "        quote: one two three four\n    stance: supports\n"),
     [(5, 5, "schema", "unknown field `prefix` in a claim (expected: id, claim, "
       "claim_reviewed, claimant, claimant_type, claimant_url, claim_date, verdict, summary, "
       "tags, published, updates, appearance, status, checked_by, citations)", None, "c",
       None),
      (13, 5, "schema", "`stance:` is a citation's field written at the claim's indentation: "
       "indent it to column 9 to complete citation 1, which has no `stance`", None, "c", None)]),
]


@pytest.mark.parametrize("name, text, expected", IN_CLAIMS, ids=[c[0] for c in IN_CLAIMS])
def test_claims_findings_name_their_claim_and_citation(name, text, expected):
    _, findings = load_text(text, "claims.yaml", ".")
    assert [(f.loc.line, f.loc.column, f.code, f.message, f.suggestion, f.claim, f.citation)
            for f in findings] == expected


def test_a_field_name_that_is_a_list_leaves_the_other_fields_read():
    project, _ = load_text(HEAD + CLAIM.replace("    claim: x\n", "    ? [k]\n    : v\n"
                                                "    claim: x\n"), "claims.yaml", ".")
    assert [c.claim for c in project.claims] == ["x"]


def test_whole_numbers_may_group_digits_with_underscores():
    project, findings = load_text("verdicts:\n  - {id: accurate, label: A, rating: 1_0}\n"
                                  + HEAD + CLAIM, "claims.yaml", ".")
    assert findings == []
    assert project.verdicts[0].rating == 10


EMPTY = "the file is empty: expected a mapping with "


def test_an_empty_file_says_what_it_should_hold():
    assert findings_of("")[1] == [(1, 1, "schema", EMPTY + "`claims`, and `sources` or "
                                   "`include`", None)]
    _, found = findings_of(HEAD + "include: ['stories/*.yaml']\n" + CLAIM,
                           Tree({"stories/a.yaml": b""}))
    assert [f[3] for f in found] == [EMPTY + "`claims`, and optionally `story` and `sources`"]


def test_a_missing_list_is_named_with_what_it_holds():
    assert findings_of("{}\n")[1] == [
        (1, 1, "schema", "the file is missing the required field `sources` (the registry of "
         "source texts); only a claims.yaml that lists story files under `include` may leave it "
         "out", None),
        (1, 1, "schema", "the file is missing the required field `claims` (the fact-checked "
         "claims); only a claims.yaml that lists story files under `include` may leave it out",
         None)]


def test_the_project_keeps_its_text_and_the_places_of_its_lists():
    text = HEAD + CLAIM
    project, _ = findings_of(text)
    assert project.text == text
    assert (project.locs["sources"].line, project.locs["claims"].line) == (2, 4)


def test_an_include_list_refused_reads_no_file():
    project, found = findings_of(HEAD + "include: !custom ['stories/*.yaml']\n" + CLAIM,
                                 Tree({}))
    assert [f[3] for f in found] == ["unsupported YAML tag '!custom': claims.yaml holds plain "
                                     "text, numbers, dates, lists and mappings only"]


def test_findings_of_the_root_file_stay_beside_those_of_included_files():
    _, found = findings_of("zzz: 1\ninclude: ['stories/*.yaml']\n" + HEAD,
                           Tree({"stories/a.yaml": STORY}))
    assert [f[3][:25] for f in found] == ["unknown field `zzz` in th"]


CLAIM_C = "  - id: c\n    claim: x\n    verdict: accurate\n    summary: y\n"
CITATION = "{source: a, quote: one two three four, stance: supports}"

# (name, whole file, [(line, column, message)])
SLIPS = [
    ("a value, then a citation among the claims", HEAD + f"claims:\n  - xy\n  - {CITATION}\n",
     [(4, 5, "expected a claim (a mapping of fields), found a value"),
      (5, 6, "this item of `claims` has the fields of a citation (source, quote, stance), "
       "not of a claim, so it looks indented as a claim")]),
    ("a citation after a claim without citations", HEAD + "claims:\n" + CLAIM_C
     + f"  - {CITATION}\n",
     [(4, 5, "claim `c` is missing the required field `citations` (The evidence: quotes of "
       "registered sources.)"),
      (8, 6, "this item of `claims` has the fields of a citation (source, quote, stance), "
       "not of a claim, so it looks indented as a claim")]),
    ("a claim among the citations", HEAD + "claims:\n" + CLAIM_C + "    citations:\n"
     "      - {id: d, claim: x, verdict: accurate, summary: y}\n",
     [(9, 10, "this item of `citations` has the fields of a claim (id, claim, verdict, "
       "summary), not of a citation, so it looks indented as a citation")]),
    ("a citation after a claim with another list first", HEAD + "claims:\n" + CLAIM_C
     + f"    appearance: [a]\n    citations:\n      - {CITATION}\n  - {CITATION}\n",
     [(11, 6, "this item of `claims` has the fields of a citation (source, quote, stance), "
       "not of a claim, so it looks indented as a claim; if it belongs to claim `c` above, "
       "indent its `- ` to column 7 and its fields to column 9, like line 10")]),
    ("a citation first, then a claim", HEAD + f"claims:\n  - {CITATION}\n" + CLAIM_C
     + f"    citations:\n      - {CITATION}\n",
     [(4, 6, "this item of `claims` has the fields of a citation (source, quote, stance), "
       "not of a claim, so it looks indented as a claim")]),
    ("a list among the include patterns", HEAD + "include: [[x]]\nclaims: []\n",
     [(3, 11, "expected text for `include`, found a list")]),
    ("a claim reused through an alias", HEAD + "claims:\n  - &a {id: c, claim: x, verdict: "
     "accurate, summary: y}\n  - *a\n",
     [(4, 9, "claim `c` is missing the required field `citations` (The evidence: quotes of "
       "registered sources.)"),
      (4, 5, "this anchored value (&name) is reused through an alias (*name): YAML anchors "
       "and aliases are not allowed here; write the value out")]),
]


@pytest.mark.parametrize("name, text, expected", SLIPS, ids=[c[0] for c in SLIPS])
def test_list_items_of_the_wrong_kind_are_named_without_a_traceback(name, text, expected):
    project, findings = load_text(text, "claims.yaml", ".")
    assert [(f.loc.line, f.loc.column, f.message) for f in findings] == expected
    if "then a claim" in name:  # the claims after a slip are read all the same
        assert [c.id for c in project.claims] == ["c"]


def test_a_parse_memo_hit_is_an_equal_fresh_copy():
    from generator.checker.load import ParseMemo
    memo = ParseMemo()
    first = memo.parsed(STORY.decode(), "stories/a.yaml", "included")
    again = memo.parsed(STORY.decode(), "stories/a.yaml", "included")
    assert first.got is not None and again.got is not None
    assert again.got[0]["claims"][0] is not first.got[0]["claims"][0]  # loading mutates it
    assert [c.id for c in again.got[0]["claims"]] == ["d"]
    assert len(memo) == 1 and memo.used == set(memo)


def test_a_missing_list_is_reported_at_the_first_key_of_the_file():
    _, found = findings_of("# notes\n\nzzz: 1\n")
    assert [(f[0], f[1], f[3][:39]) for f in found] == [
        (3, 1, "unknown field `zzz` in the file (expect"),
        (3, 1, "the file is missing the required field "),
        (3, 1, "the file is missing the required field ")]


def test_claims_yaml_is_parsed_again_only_where_it_changed():
    from generator.checker.load import ParseMemo
    memo = ParseMemo()
    text = HEAD + CLAIM
    steps = [(text, "x"), (text, "x"), (text.replace("claim: x", "claim: z"), "z")]
    seen = []
    for step, claim in steps:
        project, findings = load_text(step, "claims.yaml", ".", memo=memo)
        assert findings == [] and [c.claim for c in project.claims] == [claim]
        seen.append((memo.reparsed, len(memo.layouts)))
    assert seen == [(0, 1), (1, 1), (2, 1)]  # the same text restored, an edit reparsed
    project, _ = load_text(HEAD + "include: []\n", "claims.yaml", ".", memo=memo)
    assert (memo.reparsed, len(memo.layouts)) == (2, 0)  # no claims here: no layout kept
