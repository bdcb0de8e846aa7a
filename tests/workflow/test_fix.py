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

from generator.check import check_file
from generator.cli import main

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
    # elisions at either edge stay where the editor put them
    ("quote: ... it's done - now ...", "it’s done — now", "quote: ... it’s done — now ..."),
    ("quote: '[...] it''s done - now'", "it’s done — now", "quote: '[...] it’s done — now'"),
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
    changed = [(a, b) for a, b in zip(original.splitlines(), expected.splitlines()) if a != b]
    assert changed
    for old, new in changed:
        assert f"\n-{old}\n" in err and f"\n+{new}\n" in err
