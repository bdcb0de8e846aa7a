"""docs/reference.md, the format reference a newsroom reads, against the code.

Every rule in the catalogue, every field of the schema and every subcommand must
be in it; the README links to it and nothing in the repository links outside it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.checker.rules import RULES
from generator.checker.schema import OBJECTS
from generator.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "docs" / "reference.md"
TEXT = REFERENCE.read_text(encoding="utf-8")

# schema object kind -> the heading of its field table
TABLES = {"root": "## 2. The claims file", "verdict": "### 2.1 Verdicts",
          "source": "### 2.2 Sources", "claim": "### 2.3 Claims",
          "update": "### 2.4 Updates", "citation": "### 2.5 Citations",
          "author": "### 2.6 Authors", "included": "### 2.7 Story files",
          "story": "### 2.8 Story", "wordlists": "### 2.10 Word lists",
          "speaker": "### 2.13 Speakers", "requirements": "### 2.15 Requirements"}


def section(heading: str) -> str:
    """The text under ``heading``, up to the next heading of any level."""
    start = TEXT.index(heading + "\n") + len(heading) + 1
    following = re.compile(r"^#{2,3} ", re.M).search(TEXT, start)
    return TEXT[start:following.start() if following else len(TEXT)]


def table_column(text: str) -> dict[str, str]:
    """First cell (a `code` span) -> second cell, for every table row in ``text``."""
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \|", text, re.M)
    return {name: rest.strip() for name, rest in rows}


def test_the_rule_table_is_the_catalogue():
    table = table_column(section("## 4. Rule codes"))
    assert set(table) == set(RULES), "docs/reference.md section 4 must list every rule"
    for code, rule in RULES.items():
        assert table[code] == rule.severity.value, code


@pytest.mark.parametrize("kind", sorted(OBJECTS))
def test_every_schema_field_is_documented(kind):
    table = table_column(section(TABLES[kind]))
    fields = {f.name: f for f in OBJECTS[kind]}
    assert set(table) == set(fields), f"fields of {kind} in docs/reference.md"
    for name, fld in fields.items():
        assert table[name] == ("yes" if fld.required else "no"), (kind, name)


def test_every_subcommand_is_documented():
    parser = build_parser()
    (commands,) = [a for a in parser._actions if a.dest == "command"]
    cli = section("## 5. The command line")
    for name in commands.choices:
        assert f"factcheck {name}" in cli and f"**{name}**" in cli, name


def test_the_contents_list_links_to_headings_that_exist():
    anchors = re.findall(r"^\d+\. \[[^\]]+\]\(#([^)]+)\)", TEXT, re.M)
    headings = re.findall(r"^## (.+)$", TEXT, re.M)
    slugs = [re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings]
    assert anchors == slugs


def test_the_readme_links_to_the_reference():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "](docs/reference.md)" in readme


def test_nothing_in_the_repository_links_outside_it():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True,
                             text=True, check=False)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    outside = ("../" + "shared", "/work/" + "shared")  # split: this file is tracked too
    offenders = []
    for rel in tracked.stdout.split():
        path = REPO / rel
        if path.suffix not in {".md", ".yml", ".yaml", ".html", ".py", ".toml"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(needle in text for needle in outside):
            offenders.append(rel)
    assert offenders == []
