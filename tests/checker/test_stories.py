"""A publication spread over story files: every output names the file a mistake is in.

The fixture ``newsroom-mistakes`` has mistakes in claims.yaml and in three story
files it includes; ``newsroom`` is the same shape with nothing wrong.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.checker.check import check_file
from generator.checker.load import load_text
from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
MISTAKES = FIXTURES / "newsroom-mistakes"
STORY_FILES = {"stories/a-first.yaml", "stories/b-second.yaml", "stories/more/c-broken.yaml"}


@pytest.fixture
def in_mistakes(monkeypatch):
    monkeypatch.chdir(MISTAKES)


def run(capsys, *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_findings_name_each_story_file(in_mistakes):
    result = check_file("claims.yaml")
    assert {f.path for f in result.findings} == {"claims.yaml", *STORY_FILES}


def test_text_snippets_quote_the_line_of_the_right_file(in_mistakes, capsys):
    status, out = run(capsys, "check")
    assert status == 1
    heads = re.findall(r"^(\S+):(\d+):(\d+): \w+\[[\w-]+\] .*\n(?: +\|\n +\d+ \| (.*)\n)?",
                       out, re.M)
    assert {path for path, *_ in heads} == {"claims.yaml", *STORY_FILES}
    shown = 0
    for path, line, _column, snippet in heads:
        lines = (MISTAKES / path).read_text("utf-8").splitlines()
        if int(line) <= len(lines):
            assert snippet == lines[int(line) - 1], (path, line)
            shown += 1
    assert shown == len(heads) - 1  # the unclosed quote is reported past the last line


def test_github_annotations_point_at_story_files(in_mistakes, capsys):
    _, out = run(capsys, "check", "--format", "github")
    assert ("::error file=stories/a-first.yaml,line=13,col=16,endLine=13,endColumn=72,"
            "title=quote-not-found::") in out
    assert "::warning file=stories/a-first.yaml,line=21,col=16," in out
    assert "::error file=stories/more/c-broken.yaml,line=5,col=1," in out


def test_json_and_sarif_carry_path_line_and_column(in_mistakes, capsys):
    _, out = run(capsys, "check", "--format", "json")
    found = {(f["path"], f["line"], f["column"], f["code"])
             for f in json.loads(out)["findings"]}
    assert ("stories/b-second.yaml", 11, 9, "duplicate-id") in found
    assert ("stories/a-first.yaml", 5, 12, "unknown-author") in found
    _, out = run(capsys, "check", "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    located = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"], r["ruleId"])
               for r in results}
    assert ("stories/b-second.yaml", 11, "duplicate-id") in located
    assert ("stories/a-first.yaml", 13, "quote-not-found") in located
    assert {r["ruleId"] for r in results} <= {
        rule["id"] for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}


def test_duplicate_ids_name_both_places(in_mistakes):
    result = check_file("claims.yaml")
    [dup] = [f for f in result.findings if f.code == "duplicate-id" and f.claim]
    assert (dup.path, dup.line) == ("stories/b-second.yaml", 11)
    assert "stories/a-first.yaml:7" in dup.message


def test_fix_edits_the_story_file_and_keeps_its_comments(tmp_path, monkeypatch, capsys):
    shutil.copytree(MISTAKES, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    before = {p: (tmp_path / "p" / p).read_bytes() for p in ("claims.yaml", *STORY_FILES)}
    status, _ = run(capsys, "check", "--fix")
    assert status == 1  # the other mistakes remain
    after = {p: (tmp_path / "p" / p).read_bytes() for p in before}
    assert [p for p in before if before[p] != after[p]] == ["stories/a-first.yaml"]
    old = before["stories/a-first.yaml"].decode().splitlines()
    new = after["stories/a-first.yaml"].decode().splitlines()
    changed = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
    assert changed == [(
        """        quote: 'The governor wrote: "The situation is difficult but under control."'""",
        "        quote: 'The governor wrote: “The situation is difficult but under control.”'")]
    assert "# straight quotes where the report has curly ones" in new[19]
    assert "quote-normalized" not in {f.code for f in check_file("claims.yaml").findings}


def test_a_clean_newsroom_passes_strict(monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES / "newsroom")
    status, out = run(capsys, "check", "--strict")
    assert (status, out) == (0, "All clear: 3 claims, 5 of 5 citations verified.\n")


def test_stories_know_their_claims_and_authors(monkeypatch):
    monkeypatch.chdir(FIXTURES / "newsroom")
    project = check_file("claims.yaml").project
    assert [(s.id, s.claims, s.authors) for s in project.stories] == [
        ("advance", ["advance-stopped"], ["ben-okafor"]),
        ("evacuations", ["evacuated-3000", "injured-31"], ["ana-lima", "ben-okafor"])]
    assert {c.id: c.story for c in project.claims}["injured-31"] == "evacuations"
    assert project.source("second").origin == "stories/advance.yaml"
    assert project.author("ana-lima").role == "Fact-checker"


def test_find_searches_sources_registered_in_story_files(monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES / "newsroom")
    status, out = run(capsys, "find", "advance was stopped on Wednesday")
    assert status == 0
    assert out.splitlines()[2].startswith("second  sources/second.txt:1:")


@pytest.mark.parametrize("files, says", [
    ({"claims.yaml": "include: [stories/*.yaml]\n",
      "stories/a.yaml": "story: {id: a, title: A, published: 2024-01-01}\n"
                        "include: [x.yaml]\nclaims: []\n"},
     "unknown field `include` in the file"),
    ({"claims.yaml": "include: ['*.yaml']\nsources: []\n", "other.yaml": "claims: []\n"},
     None),  # the pattern matches claims.yaml itself, which is not read twice
    ({"claims.yaml": "include: [/etc/*.yaml]\n"}, "it is absolute"),
    ({"claims.yaml": "include: [stories/*.yaml]\n",
      "stories/a.yaml": "story: {id: a, title: A}\nclaims: []\n"},
     "story `a` is missing the required field `published`"),
])
def test_include_rules(tmp_path, files, says):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    project, findings = load_text(files["claims.yaml"], "claims.yaml", str(tmp_path))
    assert [f.message for f in findings if says and says in f.message] or (
        says is None and findings == []), [f.message for f in findings]
    if says is None:
        assert project.files == ["claims.yaml", "other.yaml"]


def test_a_story_file_that_no_longer_parses_can_leave_the_lints_out(tmp_path):
    """The preview's check (``lint_broken=False``): a story file broken mid-edit is
    reported, and the lints wait until it parses again; ``factcheck check`` lints
    whatever it could load."""
    (tmp_path / "a.txt").write_text("The mayor said the bridge was closed on Monday.\n")
    (tmp_path / "claims.yaml").write_text(
        "include: [stories/*.yaml]\nsources:\n  - {id: a, file: a.txt, title: A}\n")
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "one.yaml").write_text(
        "claims:\n  - id: one\n    claim: The bridge was closed.\n    claimant: The mayor\n"
        "    verdict: accurate\n    summary: Closed.\n    citations:\n"
        "      - {source: a, quote: the bridge was closed on Monday, stance: supports}\n")
    (tmp_path / "stories" / "two.yaml").write_text(
        "claims:\n  - id: two\n    claim: [unclosed\n")
    path = str(tmp_path / "claims.yaml")
    every = {f.code for f in check_file(path).findings}
    waiting = {f.code for f in check_file(path, lint_broken=False).findings}
    assert {"yaml-syntax", "no-appearance"} <= every
    assert "yaml-syntax" in waiting and "no-appearance" not in waiting
