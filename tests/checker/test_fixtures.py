"""Fixture projects: claims.yaml plus sources in, the expected findings out.

Each folder under fixtures/ holds a small project and ``expected.json``: every
finding the check must report, at its line and column, with its whole message and the
suggestion ``--fix`` would apply. Adding a case is adding a folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.checker.check import check_file
from generator.checker.desk import unlogged_verdict_changes
from generator.checker.load import load_project
from generator.checker.model import Finding
from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").exists())


def run_check(case: str, monkeypatch):
    """The check's findings; with a ``base.yaml`` (claims.yaml at a pull request's
    base), also those ``factcheck diff`` adds by comparing the two."""
    monkeypatch.chdir(FIXTURES / case)
    result = check_file("claims.yaml")
    if (FIXTURES / case / "base.yaml").exists():
        base, _ = load_project("base.yaml")
        result.findings = sorted(result.findings + unlogged_verdict_changes(
            base, result.project), key=Finding.sort_key)
    return result


@pytest.mark.parametrize("case", CASES)
def test_findings_match_expected(case, monkeypatch):
    expected = json.loads((FIXTURES / case / "expected.json").read_text(encoding="utf-8"))
    result = run_check(case, monkeypatch)
    got = [(f.path, f.loc.line, f.loc.column, f.severity.value, f.code)
           for f in result.findings]
    assert got == [(e.get("path", "claims.yaml"), e["line"], e["column"], e["severity"],
                    e["code"]) for e in expected]
    for finding, want in zip(result.findings, expected, strict=False):
        assert finding.message == want["says"], finding
        for key in ("claim", "citation", "suggestion"):
            if key in want:
                assert getattr(finding, key) == want[key], (key, finding)


def test_every_rule_code_is_covered_by_a_fixture():
    from generator.checker.report import RULES

    covered = {e["code"] for case in CASES
               for e in json.loads((FIXTURES / case / "expected.json").read_text("utf-8"))}
    assert set(RULES) - covered == set()


@pytest.mark.parametrize("case, status", [("clean", 0), ("mistakes", 1)])
def test_exit_status(case, status, monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES / case)
    assert main(["check", "--strict"]) == status
    assert main(["check"]) == status


def test_text_report_matches_golden_file(monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES / "mistakes")
    main(["check"])
    out = capsys.readouterr().out
    assert out == (FIXTURES / "mistakes" / "expected.txt").read_text(encoding="utf-8")


def test_clean_project_reports_all_clear(monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES / "clean")
    assert main(["check", "--strict"]) == 0
    assert capsys.readouterr().out == "All clear: 2 claims, 5 of 5 citations verified.\n"


def test_resolutions_point_at_the_exact_original_text(monkeypatch):
    result = run_check("clean", monkeypatch)
    text = result.texts["report"]
    res = result.resolutions[("advance-stopped", 2)]
    assert text[res.start:res.end].startswith("The governor wrote: “The situation is diff")
    assert text[res.start:res.end].endswith("under control.”")
    assert [text[a:b] for a, b in res.pieces] == [
        "The governor wrote: “The situation is difficult", "under control.”"]
    assert res.paragraph == 2
    assert res.exact == "The governor wrote: “The situation is difficult [...] under control.”"
    prefixed = result.resolutions[("evacuated-3000", 1)]
    assert text[prefixed.start:prefixed.end] == "more than 200 people were moved by bus"
    assert prefixed.paragraph == 3


# The languages fixture: each verified quote resolves to the source's own characters.
RESOLVED = {
    ("border-stays-open", 0): "Мы не планируем закрывать границу",
    ("entry-closed", 0): "в\u02bcїзд до міста закрито",
    ("bridge-opens-in-march", 0): "η γέφυρα θα ανοίξει τον Μάρτιο",
    ("bridge-opens-in-march", 2): "قال الوزير إن الجسر سيفتح في مارس",
    ("bridge-opens-in-march", 4): "השר אמר\u2069 כי הגשר ייפתח במרץ",
    ("bridge-inspected", 0): "The o\ufb03ce con\ufb01rmed that the vibra-\ntion of the bridge "
                             "was measured\nevery day",
}


def test_quotes_in_other_scripts_resolve_to_the_sources_own_characters(monkeypatch):
    result = run_check("languages", monkeypatch)
    for key, exact in RESOLVED.items():
        res = result.resolutions[key]
        text = result.texts[res.source]
        assert text[res.start:res.end] == exact, key
        assert res.exact == exact
    elided = result.resolutions[("border-stays-open", 1)]
    assert elided.exact.startswith("«Мы")


def test_story_files_count_each_verified_quote_and_keep_the_boilerplate_found(monkeypatch):
    result = run_check("story-sources", monkeypatch)
    # a repeated claim id is reported, and its quotes are verified all the same
    assert (result.summary.claims, result.summary.citations, result.summary.verified) == (3, 5, 4)
    text = result.texts["story-report"]
    assert [text[a:b] for a, b in result.boilerplate["story-report"]] == [
        "Read more from our border desk."]
