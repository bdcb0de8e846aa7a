"""``factcheck suggest``: uncited passages that bear on a claim, ready to paste."""

from __future__ import annotations

import json

import pytest

from generator.checker.check import check_file
from generator.cli import main

REPORT = (
    "Officials said about 3,000 residents were evacuated from the border district.\n\n"
    "The governor later said the figure of 3,000 evacuated residents could not be confirmed.\n\n"
    "Schools in the regional capital stayed open, and the weather was mild.\n"
)
OTHER = (
    "A second report put the number of residents evacuated from the district at 200.\n\n"
    "Bakeries in the capital sold more bread than usual.\n"
)
CLAIMS = """\
sources:
  - {id: report, file: report.txt, title: Report}
  - {id: other, file: other.txt, title: Other}
claims:
  - id: evacuated-3000
    claim: About 3,000 residents were evacuated from the border district.
    verdict: accurate
    summary: Officials said so.
    citations:
      - source: report
        quote: Officials said about 3,000 residents were evacuated from the border district.
        stance: supports
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "other.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def suggestions(capsys) -> list[dict]:
    assert main(["suggest", "evacuated-3000", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["suggestions"]


def test_relevant_uncited_passages_come_hedged_first_and_the_cited_one_never(project, capsys):
    found = suggestions(capsys)
    quotes = [s["quote"] for s in found]
    # the hedged passage and the contradicting figure; not the cited sentence, not bread
    assert quotes[0] == ("The governor later said the figure of 3,000 evacuated residents could "
                         "not be confirmed.")
    assert found[0]["hedged"] == ["could"] and found[0]["source"] == "report"
    assert ("A second report put the number of residents evacuated from the district at 200."
            in quotes)
    assert not any(q.startswith("Officials") or "bread" in q or "weather" in q for q in quotes)


def test_each_suggestion_pastes_as_a_citation_that_the_check_verifies(project, capsys):
    found = suggestions(capsys)
    pasted = "".join("\n".join("      " + line for line in s["yaml"].splitlines()) + "\n"
                     for s in found)
    (project / "claims.yaml").write_text(CLAIMS + pasted, encoding="utf-8")
    result = check_file("claims.yaml")
    assert not result.errors, result.errors
    assert result.summary.verified == 1 + len(found)


def test_text_format_names_the_source_and_paragraph(project, capsys):
    assert main(["suggest", "evacuated-3000"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Evidence `evacuated-3000` may have missed")
    assert "report, paragraph 2 (relevance" in out and "[hedged: could" in out


def test_an_unknown_claim_id_is_a_usage_error_with_a_hint(project, capsys):
    assert main(["suggest", "evacuated-300"]) == 2
    assert "did you mean `evacuated-3000`?" in capsys.readouterr().err


@pytest.mark.parametrize("quote", [
    'He said "stop" at the door.',
    "A back\\slash, a tab\there and an escape \x1b in one sentence.",
    "A line\u2028separator and a bell \x07 too.",
])
def test_a_suggestion_reads_back_as_its_quote_whatever_it_holds(quote):
    import yaml

    from generator.editor.suggest import Suggestion
    pasted = Suggestion("report", quote, 1, 1.0, (), (), "context").as_yaml()
    assert yaml.safe_load(pasted) == [{"source": "report", "quote": quote,
                                       "stance": "context"}]
