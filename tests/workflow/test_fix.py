"""``factcheck check --fix``: quotes get the source's characters; no other byte moves.

The fixture claims.yaml has comments everywhere, every scalar style (plain, single-
and double-quoted, literal and folded blocks, a flow mapping), an elided quote, an
already exact quote, straight quotes outside quotes that must stay, and a plain
quote that cannot take the source's text in its own style. claims.fixed.yaml is
what an editor should get back, byte for byte.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
import yaml

from generator.checker import rules
from generator.checker.check import check_file
from generator.checker.model import Loc
from generator.checker.yamlwrite import double_quoted
from generator.cli import main
from generator.editor.fix import Scalar, as_diff, fix_file, fix_text, replacement_text, scalar_at

FIXTURE = Path(__file__).parent / "fixtures" / "fix"

VARIANTS = {
    "lf": lambda text: text.encode(),
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "bom": lambda text: b"\xef\xbb\xbf" + text.encode(),
    "bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
}


@pytest.fixture
def project(newsroom, tmp_path):
    """The fix fixture as a committed newsroom repository."""
    shutil.copytree(FIXTURE / "content", newsroom.path / "content", dirs_exist_ok=True)
    return newsroom


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every `quote:` value in a claims file."""
    spans = []

    def walk(node):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "quote" and isinstance(value, yaml.ScalarNode):
                    spans.append((value.start_mark.index, value.end_mark.index))
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(yaml.compose(text.removeprefix("\ufeff"), Loader=yaml.SafeLoader))
    offset = 1 if text.startswith("\ufeff") else 0
    return [(a + offset, b + offset) for a, b in spans]


def changed_regions(before: str, after: str) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_fix_rewrites_quotes_and_leaves_every_other_byte(project, variant, capsys):
    original = (FIXTURE / "claims.yaml").read_text("utf-8")
    expected = (FIXTURE / "claims.fixed.yaml").read_text("utf-8")
    encode = VARIANTS[variant]
    path = project.write("claims.yaml", encode(original))
    project.commit("Claims typed with straight quotes")

    assert main(["check", "claims.yaml", "--fix"]) == 0
    captured = capsys.readouterr()
    assert "fixed 8 quotes in claims.yaml" in captured.err
    assert "quote-normalized" not in captured.out
    assert path.read_bytes() == encode(expected)

    # Independently of the expected file: every change lies inside a quote scalar.
    before = encode(original).decode()
    after = path.read_bytes().decode()
    spans = quote_spans(before)
    for a, b in changed_regions(before, after):
        assert any(s <= a and b <= e for s, e in spans), (variant, before[a:b])


def test_fixed_file_checks_clean_and_a_second_fix_changes_nothing(project, capsys):
    path = project.write("claims.yaml", (FIXTURE / "claims.yaml").read_bytes())
    assert main(["check", "--fix"]) == 0
    result = check_file("claims.yaml")
    assert [f.code for f in result.findings] == []
    assert result.summary.verified == 9
    capsys.readouterr()

    stat = os.stat(path)
    data = path.read_bytes()
    assert main(["check", "--fix"]) == 0
    assert "fixed" not in capsys.readouterr().err
    assert path.read_bytes() == data
    assert os.stat(path).st_ino == stat.st_ino  # not even rewritten


def test_fix_keeps_the_file_mode(project):
    path = project.write("claims.yaml", (FIXTURE / "claims.yaml").read_bytes())
    os.chmod(path, 0o640)
    assert main(["check", "--fix"]) == 0
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".claims-")]


def test_fix_reports_what_remains_and_exits_by_it(project, capsys):
    text = (FIXTURE / "claims.yaml").read_text("utf-8").replace(
        "quote: It’s the “final” gas transit point to Europe",
        "quote: It’s the “last” gas transit point to Europe")
    project.write("claims.yaml", text)
    assert main(["check", "--fix"]) == 1
    captured = capsys.readouterr()
    assert "fixed 8 quotes" in captured.err
    assert "error[quote-not-found]" in captured.out
    assert "quote-normalized" not in captured.out


def test_fix_leaves_a_broken_file_alone(project, capsys):
    broken = (FIXTURE / "claims.yaml").read_text("utf-8") + "  - id: [unclosed\n"
    path = project.write("claims.yaml", broken)
    assert main(["check", "--fix"]) == 1
    assert "yaml-syntax" in capsys.readouterr().out
    assert path.read_text("utf-8") == broken


@pytest.mark.parametrize("quote, source, fixed", [
    # the original style kept
    ("quote: it's done - now", "it’s done — now", "quote: it’s done — now"),
    ("quote: 'it''s done - now'", "it’s done — now", "quote: 'it’s done — now'"),
    ('quote: "it\'s \\"done\\" - now"', "it’s “done” — now", 'quote: "it’s “done” — now"'),
    # where the style cannot hold the source's text: double-quoted
    ("quote: “done” and dusted now", '"done" and dusted now',
     'quote: "\\"done\\" and dusted now"'),
    ("quote: ‘done’ and dusted now", "'done' and dusted now",
     'quote: "\'done\' and dusted now"'),
    ("quote: – done and dusted now", "- done and dusted now",
     'quote: "- done and dusted now"'),
    # a word the source hyphenates across a line break stays whole: the source's
    # `vibra-` and `tion` as two words would no longer match it
    ("quote: 'the \"vibration\" stopped'", "the “vibra-\ntion” stopped",
     "quote: 'the “vibration” stopped'"),
    # a straight apostrophe from the source, escaped as its style wants
    ("quote: 'Russia’s war goes on'", "Russia's war goes on", "quote: 'Russia''s war goes on'"),
    ('quote: "he said “stop” now"', 'he said "stop" now', 'quote: "he said \\"stop\\" now"'),
    # the words that need no change keep their escapes
    ('quote: "caf\\u00e9 said ‘stop’ now"', "café said 'stop' now",
     'quote: "caf\\u00e9 said \'stop\' now"'),
    ('quote: "caf\\u00e9 said “stop” now"', 'café said "stop" now',
     'quote: "caf\\u00e9 said \\"stop\\" now"'),
    ("quote: he said “stop” now", 'he said "stop" now', 'quote: he said "stop" now'),
    # elisions at either edge stay where the editor put them
    ("quote: ... it's done - now ...", "it’s done — now", "quote: ... it’s done — now ..."),
    ("quote: '[...] it''s done - now'", "it’s done — now", "quote: '[...] it’s done — now'"),
    # each word compared with its own counterpart (the last is already right)
    ("quote: we don't say don’t", "we don’t say don’t", "quote: we don’t say don’t"),
])
def test_each_style_takes_the_source_text(project, quote, source, fixed, capsys):
    project.write("content/sources/kursk-evacuation.txt", f"Para one.\n\n{source}.\n")
    head = ("sources:\n  - {id: s, file: content/sources/kursk-evacuation.txt, title: T}\n"
            "claims:\n  - id: c\n    claim: x\n    verdict: mixed\n    summary: y\n"
            "    citations:\n      - source: s\n        ")
    path = project.write("claims.yaml", head + quote + "\n        stance: context\n")
    assert main(["check", "--fix"]) == 0, capsys.readouterr()
    assert path.read_text("utf-8") == head + fixed + "\n        stance: context\n"


def test_fix_prints_each_change_as_a_diff(project, capsys):
    original = (FIXTURE / "claims.yaml").read_text("utf-8")
    expected = (FIXTURE / "claims.fixed.yaml").read_text("utf-8")
    project.write("claims.yaml", original)
    project.commit("Claims typed with straight quotes")
    assert main(["check", "claims.yaml", "--fix"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("--- claims.yaml\n+++ claims.yaml (fixed)\n@@ ")
    changed = [(a, b) for a, b in zip(original.splitlines(), expected.splitlines(), strict=False)
               if a != b]
    assert changed
    for old, new in changed:
        assert f"\n-{old}\n" in err and f"\n+{new}\n" in err


# -- the pieces of --fix, each on its own ---------------------------------------------

@pytest.mark.parametrize("value, written", [
    ("a\x01b", '"a\\u0001b"'),  # C0 controls
    ("a\x7fb", '"a\\u007fb"'), ("a\x85b", '"a\\u0085b"'), ("a\x9fb", '"a\\u009fb"'),  # C1
    ("a\xa0b", '"a\xa0b"'),  # no-break space: printable
    ("a\u2028b\u2029c\ufeffd", '"a\\u2028b\\u2029c\\ufeffd"'),  # line breaks, BOM
    ('say "no"\\', '"say \\"no\\"\\\\"'),
    ("\x1b\t\n", '"\\e\\t\\n"'),
    ("aXb", '"aXb"'),
])
def test_double_quoted_escapes_what_yaml_would_not_keep(value, written):
    assert double_quoted(value) == written
    assert yaml.safe_load(written) == value


@pytest.mark.parametrize("text, start, end, expected", [
    ("'x y'", 0, 5, Scalar(0, 5, "'", "x y")),  # from the very start
    ("quote: x", 7, 8, Scalar(7, 8, None, "x")),  # to the very end
    ("quote: Xavier said", 7, 18, Scalar(7, 18, None, "Xavier said")),
    ("quote: |-\n  a b\n", 7, 16, Scalar(7, 16, "|", "a b")),
    ("quote: x", 7, 7, None),  # empty
    ("quote: x", 7, 9, None),  # past the end
    ("quote: [x]", 7, 10, None),  # not a scalar
    ("a: x\nb: y\n", 3, 8, None),  # more than one value
])
def test_scalar_at_reads_only_the_span(text, start, end, expected):
    assert scalar_at(text, Loc(start=start, end=end)) == expected


CLAIMS = ("claims:\n  - id: a\n    citations:\n      - quote: ... it's done - now\n"
          "  - id: b\n    citations:\n      - quote: it's over\n")


def normalized(claim: str, citation, quote: str, suggestion: str | None = "it’s done — now",
               code=rules.QUOTE_NORMALIZED):
    at = CLAIMS.index(quote)
    return code.finding("c.yaml", Loc(start=at, end=at + len(quote)), "", claim=claim,
                        citation=citation, suggestion=suggestion)


@pytest.mark.parametrize("finding", [
    normalized("a", None, "... it's done - now"),
    normalized(None, 0, "... it's done - now"),
    normalized("a", 0, "... it's done - now", suggestion=None),
    normalized("a", 0, "... it's done - now", code=rules.QUOTE_NOT_FOUND),
])
def test_fix_takes_only_complete_quote_normalized_findings(finding):
    result = fix_text(CLAIMS, [finding])
    assert (result.text, result.skipped) == (CLAIMS, [])


def test_fix_says_which_quote_it_could_not_find_and_goes_on():
    lost = rules.QUOTE_NORMALIZED.finding("c.yaml", Loc(start=900, end=910), "", claim="a",
                                          citation=1, suggestion="x")
    result = fix_text(CLAIMS, [lost, normalized("b", 0, "it's over", "it’s over")])
    assert result.skipped == ["claim `a`, citation 2: quote not found in the file"]
    assert "quote: it’s over" in result.text


def test_fix_skips_a_quote_no_edit_reads_back_and_names_it():
    # the claim id does not match the file: no rewrite of that quote can be verified
    result = fix_text(CLAIMS, [normalized("zzz", 0, "... it's done - now"),
                               normalized("b", 0, "it's over", "it’s over")])
    assert result.skipped == ["claim `zzz`, citation 1: could not rewrite the quote safely; "
                              "copy it from the source by hand: ... it’s done — now"]
    assert result.text == CLAIMS.replace("it's over", "it’s over")


def test_fix_file_changes_nothing_when_the_file_changed_since_the_check(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(CLAIMS, encoding="utf-8")
    finding = normalized("b", 0, "it's over", "it’s over")
    result = fix_file(str(path), [finding], checked=CLAIMS + "# later\n")
    assert (result.text, result.edits, result.skipped) == (CLAIMS, [], [
        "the file changed while it was being checked; nothing was fixed: run the fix again"])
    assert path.read_text("utf-8") == CLAIMS
    assert fix_file(str(path), [finding]).changed
    assert path.read_text("utf-8") == CLAIMS.replace("it's over", "it’s over")


def test_the_diff_has_no_context_lines_and_ends_every_line():
    assert as_diff("c.yaml", "a: 1\nb: 2\nquote: x", "a: 1\nb: 2\nquote: y") == (
        "--- c.yaml\n+++ c.yaml (fixed)\n@@ -3 +3 @@\n-quote: x\n+quote: y\n")


def test_fix_reads_a_file_with_a_claim_without_citations():
    text = "claims:\n  - id: z\n    claim: x\n" + CLAIMS.removeprefix("claims:\n")
    at = text.index("it's over")
    finding = rules.QUOTE_NORMALIZED.finding("c.yaml", Loc(start=at, end=at + 9), "",
                                             claim="b", citation=0, suggestion="it’s over")
    assert fix_text(text, [finding]).text == text.replace("it's over", "it’s over")


@pytest.mark.parametrize("suggestion, text", [
    ("a\u00ad  \u201cb\u201d\n c", "a \u201cb\u201d c"),
    ("state of\u200b emer\u200dgency", "state of emergency"),
    ("the \u201cvibra-\ntion\u201d stopped", "the \u201cvibration\u201d stopped"),
])
def test_the_replacement_is_what_a_reader_sees(suggestion, text):
    assert replacement_text(suggestion) == text
