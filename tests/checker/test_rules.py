"""The rule catalogue is the one place a rule is declared, and everything agrees with it.

Every rule is documented in the editors' guide (the section generated from the
catalogue, kept in sync), reported by at least one fixture project, and its code is
written as a string in generator/checker/rules.py only, so no call site can invent a code or
choose a severity of its own.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from generator.checker import rules
from generator.checker.model import Loc, Severity
from generator.checker.ruleguide import guide_section, update_guide
from generator.checker.rules import RULES
from generator.checker.severities import apply_severities

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "content" / "editors-guide.md"
FIXTURES = Path(__file__).parent / "fixtures"


def test_the_editors_guide_carries_the_catalogue_section_as_generated():
    text = GUIDE.read_text(encoding="utf-8")
    assert guide_section() in text, (
        "the guide's rule section is out of date: run "
        "`.venv/bin/python -m generator.checker.ruleguide content/editors-guide.md`")
    assert update_guide(text) == text


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_is_documented_with_a_heading_summary_and_fix(code):
    rule = RULES[code]
    text = GUIDE.read_text(encoding="utf-8")
    assert f"### `{code}` ({rule.severity.value})" in text
    assert rule.summary and rule.description and rule.fix
    section = text.split(f"### `{code}`")[1].split("### ")[0]
    assert "**Fix:**" in section


def test_every_rule_is_reported_by_some_fixture_project():
    reported = set()
    for expected in FIXTURES.glob("*/expected.json"):
        reported |= {e["code"] for e in json.loads(expected.read_text("utf-8"))}
    assert set(RULES) - reported == set()
    assert reported - set(RULES) == set(), "a fixture expects a code the catalogue lacks"


def _string_constants(tree: ast.AST):
    """String constants, leaving out sub-command names (``factcheck schema``)."""
    skip = {id(node.args[0]) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_parser"
            and node.args}
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip]


def test_each_rule_code_is_a_literal_in_the_catalogue_module_only():
    modules: dict[str, set[str]] = {code: set() for code in RULES}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for value in _string_constants(ast.parse(path.read_text(encoding="utf-8"))):
            if value in modules:
                modules[value].add(path.relative_to(ROOT).as_posix())
    assert modules == {code: {"generator/checker/rules.py"} for code in RULES}


def test_a_finding_takes_the_rules_default_severity_and_a_map_can_change_it():
    error = rules.QUOTE_NOT_FOUND.finding("c.yaml", Loc(2, 1, 2, 5), "missing", claim="a")
    warning = rules.UNUSED_SOURCE.finding("c.yaml", None, "unused")
    assert (error.severity, error.code, error.claim) == (Severity.ERROR, "quote-not-found", "a")
    assert warning.severity is Severity.WARNING
    changed = apply_severities([error, warning], {"unused-source": "error",
                                                  "quote-not-found": "off"})
    assert [(f.code, f.severity) for f in changed] == [("unused-source", Severity.ERROR)]
    assert apply_severities([error, warning], {}) == [error, warning]


def test_check_help_lists_every_rule(capsys):
    from generator.cli import main

    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    for rule in RULES.values():
        assert f"{rule.code}" in out and rule.summary in out
