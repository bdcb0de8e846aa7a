"""Behaviours of the matcher and the check that a mutation once survived: each test
here failed against the mutant it is named after (see tests/mutation/RESULTS.md)."""

from __future__ import annotations

import pytest

from generator.check import check_project
from generator.load import load_text
from generator.textmatch import SourceText


def check(tmp_path, sources: dict[str, str], claims: str, verdicts: str = ""):
    registry = "".join(f"  - {{id: {sid}, file: {sid}.txt, title: T}}\n" for sid in sources)
    for sid, text in sources.items():
        (tmp_path / f"{sid}.txt").write_text(text, encoding="utf-8")
    project, findings = load_text(f"{verdicts}sources:\n{registry}claims:\n{claims}",
                                  "claims.yaml", str(tmp_path))
    assert findings == []
    return check_project(project)


def claim(cid: str, *citations: str, extra: str = "") -> str:
    cites = "".join(f"      - {{source: {src}, quote: '{quote}', stance: context{more}}}\n"
                    for src, quote, more in citations)
    return (f"  - id: {cid}\n    claim: x\n    verdict: mixed\n    summary: y\n{extra}"
            f"    citations:\n{cites}")


# -- elided quotes -------------------------------------------------------------------

def test_third_piece_must_follow_the_second():
    src = SourceText("Officials said the gamma road and then the beta road closed.")
    assert src.find_all("Officials said ... beta road ... gamma road") == []
    assert src.find_all("Officials said ... gamma road ... beta road") != []


def test_a_later_piece_may_not_overlap_the_piece_before_it():
    src = SourceText("Officials said the alphabet was closed.")
    assert src.find_all("Officials said ... alphabet ... bet was closed") == []


def test_every_occurrence_of_the_first_piece_is_limited_to_its_own_paragraph():
    text = "The governor said one.\n\nThe governor said two.\n\nResidents left the town."
    src = SourceText(text)
    assert src.find_all("The governor said ... left the town") == []
    text = "The governor said one.\n\nThe governor said that residents left the town."
    [match] = SourceText(text).find_all("The governor said ... left the town")
    assert match.paragraph == 2


def test_an_empty_elision_piece_never_matches_and_says_why(tmp_path):
    assert SourceText("foo and bar").find_all("foo [...] [...] bar") == []
    result = check(tmp_path, {"s": "The town of foo and the town of bar were shelled."},
                   claim("c", ("s", "the town of foo [...] [...] the town of bar", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert "two elisions follow each other" in finding.message


# -- prefix and suffix at the edges of a source ----------------------------------------

def test_a_suffix_never_matches_past_the_end_of_the_source():
    src = SourceText("He said the advance was stopped")
    assert src.find_all("the advance was stopped", suffix="again") == []
    assert src.find_all("the advance was stopped", suffix=" ") != []


def test_a_prefix_never_matches_before_the_start_of_the_source():
    # The text ends with the prefix and a space: offset 0 has nothing before it.
    src = SourceText("stop it now, he said ")
    assert src.find_all("stop it now", prefix="he said") == []
    assert src.find_all("stop it now", prefix="") != []


# -- the check ---------------------------------------------------------------------------

TWICE = "The advance was stopped at the border.\n\nLater the advance was stopped again."


def test_the_suffix_picks_the_occurrence(tmp_path):
    result = check(tmp_path, {"s": TWICE},
                   claim("c", ("s", "the advance was stopped", ", suffix: again")))
    assert [f.code for f in result.findings] == []
    assert result.resolutions[("c", 0)].paragraph == 2


def test_a_suffix_that_never_follows_the_quote_is_reported(tmp_path):
    result = check(tmp_path, {"s": TWICE},
                   claim("c", ("s", "the advance was stopped", ", suffix: forever")))
    [finding] = result.findings
    assert finding.code == "quote-not-found"
    assert "never with this suffix" in finding.message


@pytest.mark.parametrize("kind, block", [
    ("verdict", "verdicts:\n  - {id: mixed, label: M, rating: 1}\n"
                "  - {id: mixed, label: N, rating: 2}\n"),
])
def test_duplicate_verdict_ids_are_reported(tmp_path, kind, block):
    result = check(tmp_path, {"s": TWICE},
                   claim("c", ("s", "advance was stopped at the", "")), verdicts=block)
    [dup] = [f for f in result.findings if f.code == "duplicate-id"]
    assert f"duplicate {kind} id `mixed` (first defined at claims.yaml:2)" in dup.message
    assert dup.loc.line == 3


def test_duplicate_source_ids_are_reported(tmp_path):
    (tmp_path / "s.txt").write_text(TWICE, encoding="utf-8")
    text = ("sources:\n  - {id: s, file: s.txt, title: T}\n  - {id: s, file: s.txt, title: U}\n"
            "claims:\n" + claim("c", ("s", "advance was stopped at the", "")))
    project, findings = load_text(text, "claims.yaml", str(tmp_path))
    result = check_project(project)
    [dup] = [f for f in result.findings if f.code == "duplicate-id"]
    assert "duplicate source id `s` (first defined at claims.yaml:2)" in dup.message
    assert dup.loc.line == 3


def test_an_appearance_must_name_a_registered_source(tmp_path):
    result = check(tmp_path, {"s": TWICE},
                   claim("c", ("s", "advance was stopped at the", ""),
                         extra="    appearance: [s, feed]\n"))
    [finding] = result.findings
    assert (finding.code, finding.claim) == ("unknown-source", "c")
    assert "`appearance` names `feed`, which is not a registered source" in finding.message
    assert finding.loc.line == 8
