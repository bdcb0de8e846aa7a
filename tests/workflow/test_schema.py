"""claims.schema.json: generated from the loader's own tables, committed, current,
and accepted by an independent validator exactly where the loader accepts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.checker.load import load_text
from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "claims.schema.json"

GOOD = """\
# yaml-language-server: $schema=./claims.schema.json
language: en-gb
second_check: required
verdicts:
  - {id: accurate, label: Accurate, rating: 2, color: "#1a7f37"}
  - {id: inaccurate, label: Inaccurate, rating: 1, expects: contradicts}
sources:
  - id: kursk-report
    file: content/sources/kursk.txt
    title: Kursk report
    published: 2024-08-07
    url: https://example.org/kursk
    sha256: 9f2c6c0b1d4c5f1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091
claims:
  - id: state-of-emergency
    claim: A state of emergency was declared.
    claim_reviewed: The governor declared a state of emergency.
    claimant: The governor
    claimant_type: person
    claimant_url: https://example.org/governor
    claim_date: 2024-08-07
    verdict: accurate
    summary: |
      The report says so.
    tags: [emergency, kursk]
    published: 2024-08-08
    status: review
    checked_by: [ana-lima]
    updates:
      - {date: 2024-08-09, note: Added a source.}
      - {date: 2024-08-10, type: correction, was: inaccurate, note: We misread it.}
    citations:
      - source: kursk-report
        quote: a state of emergency was declared
        prefix: On Wednesday,
        stance: supports
        note: The governor's words.
"""

BROKEN = {
    "unknown field": ("    claim_date: 2024-08-07\n",
                      "    claim_date: 2024-08-07\n    rating: 5\n"),
    "bad slug": ("  - id: state-of-emergency\n", "  - id: State_of_Emergency\n"),
    "bad stance": ("        stance: supports\n", "        stance: support\n"),
    "missing quote": ("        quote: a state of emergency was declared\n", ""),
    "bad date": ("    claim_date: 2024-08-07\n", "    claim_date: 7 August 2024\n"),
    "bad url": ("    url: https://example.org/kursk\n", "    url: ftp://example.org/k\n"),
    "bad sha256": ("    sha256: 9f2c", "    sha256: XYZ"),
    "empty summary": ("    summary: |\n      The report says so.\n", "    summary: ''\n"),
    "rating not a number": ("rating: 2,", "rating: high,"),
    "unknown top-level key": ("sources:\n", "writers: []\nsources:\n"),
    "author without a role": ("sources:\n", "authors: [{id: ana, name: Ana}]\nsources:\n"),
    "story in claims.yaml": ("sources:\n", "story: {id: s, title: S, published: 2024-08-08}"
                             "\nsources:\n"),
    "citations not a list": ("    citations:\n", "    citations: none\n    x:\n"),
    "claimant without a type": ("    claimant_type: person\n", ""),
    "unknown status": ("    status: review\n", "    status: ready\n"),
    "unknown update type": ("type: correction,", "type: erratum,"),
    "second_check not a setting": ("second_check: required", "second_check: yes"),
    "language not a tag": ("language: en-gb", "language: English"),
}


STORY_SCHEMA = REPO / "story.schema.json"

STORY = """\
# yaml-language-server: $schema=../story.schema.json
story:
  id: kursk-incursion
  title: What the first reports of the Kursk incursion got right
  dek: Five articles, nine claims, checked word for word.
  published: 2024-08-09
  updated: 2024-08-12
  authors: [ana-lima]
  status: draft
  checked_by: [ben-okafor]
  intro: |
    Two numbers went round on **Wednesday**.
sources:
  - id: kursk-report
    file: content/sources/kursk.txt
    title: Kursk report
claims:
  - id: state-of-emergency
    claim: A state of emergency was declared.
    verdict: accurate
    summary: The report says so.
    citations:
      - source: kursk-report
        quote: a state of emergency was declared
        stance: supports
"""

STORY_BROKEN = {
    "unknown story field": ("  dek:", "  deck:"),
    "story without a date": ("  published: 2024-08-09\n", ""),
    "bad story date": ("published: 2024-08-09", "published: 9 August"),
    "verdicts in a story file": ("sources:\n", "verdicts: []\nsources:\n"),
    "include in a story file": ("sources:\n", "include: [x.yaml]\nsources:\n"),
    "author not a slug": ("authors: [ana-lima]", "authors: [Ana Lima]"),
    "unknown story status": ("  status: draft", "  status: drafted"),
}


def check_jsonschema(tool, instance: Path, schema: Path = SCHEMA
                     ) -> subprocess.CompletedProcess:
    exe = tool("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install check-jsonschema)")
    return subprocess.run([exe, "--schemafile", str(schema), str(instance)],
                          capture_output=True, text=True, check=False)


def load_story(tmp_path: Path, text: str):
    """Load a story file the way claims.yaml's `include:` would, returning findings."""
    (tmp_path / "stories").mkdir(exist_ok=True)
    (tmp_path / "stories" / "s.yaml").write_text(text, "utf-8")
    _, findings = load_text("include: [stories/*.yaml]\n", "claims.yaml", str(tmp_path))
    return [f for f in findings if f.path == "stories/s.yaml"]


def test_committed_story_schema_is_current(capsys):
    assert main(["schema", "--included"]) == 0
    assert STORY_SCHEMA.read_text("utf-8") == capsys.readouterr().out, (
        "story.schema.json is stale: run `factcheck schema --included -o story.schema.json`")


def test_a_complete_story_file_passes_both_validators(tool, tmp_path):
    assert load_story(tmp_path, STORY) == []
    done = check_jsonschema(tool, tmp_path / "stories" / "s.yaml", STORY_SCHEMA)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", sorted(STORY_BROKEN))
def test_broken_story_files_fail_both_validators(tool, tmp_path, name):
    old, new = STORY_BROKEN[name]
    assert old in STORY, name
    findings = load_story(tmp_path, STORY.replace(old, new, 1))
    assert "schema" in {f.code for f in findings}, name
    done = check_jsonschema(tool, tmp_path / "stories" / "s.yaml", STORY_SCHEMA)
    assert done.returncode == 1, (name, done.stdout + done.stderr)


def test_committed_schema_is_current(tmp_path, capsys):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert SCHEMA.read_text("utf-8") == printed, (
        "claims.schema.json is stale: run `factcheck schema -o claims.schema.json`")
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text("utf-8") == printed
    assert json.loads(printed)["$schema"].endswith("2020-12/schema")


def test_repository_claims_name_the_schema_and_pass_it(tool):
    claims = REPO / "claims.yaml"
    if not claims.exists():
        pytest.skip("the repository has no claims.yaml yet")
    first = claims.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./claims.schema.json"
    done = check_jsonschema(tool, claims)
    assert done.returncode == 0, done.stdout + done.stderr
    stories = sorted((REPO / "stories").glob("*.yaml"))
    assert stories, "the Kursk publication lives in stories/"
    for story in stories:
        first = story.read_text("utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../story.schema.json", story
        done = check_jsonschema(tool, story, STORY_SCHEMA)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_complete_file_passes_both_validators(tool, tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, "utf-8")
    _, findings = load_text(GOOD, "claims.yaml", str(tmp_path))
    assert findings == []
    done = check_jsonschema(tool, path)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_fail_both_validators(tool, tmp_path, name):
    old, new = BROKEN[name]
    assert old in GOOD, name
    text = GOOD.replace(old, new, 1)
    path = tmp_path / "claims.yaml"
    path.write_text(text, "utf-8")
    _, findings = load_text(text, "claims.yaml", str(tmp_path))
    assert "schema" in {f.code for f in findings}, name
    done = check_jsonschema(tool, path)
    assert done.returncode == 1, (name, done.stdout + done.stderr)
    assert "validation errors" in done.stdout + done.stderr


def test_schema_cannot_be_written_to_a_missing_folder(tmp_path, capsys):
    assert main(["schema", "-o", str(tmp_path / "no" / "such.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
