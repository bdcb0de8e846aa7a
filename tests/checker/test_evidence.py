"""Evidence that cannot be faked: quotes in the prose, who said it, appearances, origins.

The fixture ``evidence`` (run by test_fixtures.py with its exact messages) trips each
rule once; these tests hold what a table of findings cannot show: where a fragment
sits inside every style of YAML scalar, which quotation marks open a fragment, the
information severity in every output format, and SARIF.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker.check import check_project
from generator.checker.lints import prose
from generator.checker.lints.hedges import WordLists
from generator.checker.load import load_text
from generator.checker.prose import fragments
from generator.checker.scalarpos import _paired, _units, span_loc, value_spans
from generator.checker.textmatch import SourceText
from generator.checker.yamlsyntax import Loader, node_loc
from generator.cli import main
from tests.examples import examples

EVIDENCE = Path(__file__).parent / "fixtures" / "evidence"


# -- which marks make a quote ------------------------------------------------------

@pytest.mark.parametrize("text, quoted", [
    ('He said "on Tuesday" twice.', ["on Tuesday"]),
    ("He said “on Tuesday” twice.", ["on Tuesday"]),
    ("Er sagte „am Dienstag“ und „am Mittwoch”.", ["am Dienstag", "am Mittwoch"]),
    ("Он сказал «во вторник».", ["во вторник"]),
    ("彼は「火曜日に」と言った、『水曜日』も。", ["火曜日に", "水曜日"]),
    ("He wrote ‘the final point’ and 'a second one'.", ["the final point", "a second one"]),
    ("A ‘single’ word in 'single' marks is a scare quote.", []),
    ("Russia's troops don't say the soldiers' homes were hit.", []),
    ("Ukraine’s army, the soldiers’ homes, and ’90s music.", []),
    ("Russia's 'large-scale provocation' and Kyiv's silence.", ["large-scale provocation"]),
    ("The `quote: \"a b\"` field and ``x \"c d\" y`` are code.", []),
    ('An "unclosed quote\n\nnever crosses a paragraph."', []),
    ('Two: "one" and "two words".', ["one", "two words"]),
    ("The “‘nested’ marks” count once.", ["‘nested’ marks"]),
])
def test_quotation_marks_of_every_kind_open_a_fragment_and_apostrophes_never(text, quoted):
    assert [f.text for f in fragments(text)] == quoted


# -- a fragment's place in the file, in every scalar style -------------------------

@pytest.mark.parametrize("yaml_text, fragment, line, column, raw", [
    ('summary: It was "on Tuesday".\n', "on Tuesday", 1, 18, "on Tuesday"),
    ("summary: 'Kyiv''s \"on Tuesday\" claim'\n", "on Tuesday", 1, 20, "on Tuesday"),
    ("summary: 'Kyiv''s ‘it was Tuesday’'\n", "it was Tuesday", 1, 20, "it was Tuesday"),
    ('summary: "a \\"on Tuesday\\" b"\n', "on Tuesday", 1, 15, "on Tuesday"),
    ('summary: "\\u201con \\u0054uesday\\u201d"\n', "on Tuesday", 1, 17,
     "on \\u0054uesday"),
    ('summary: "first line \\\n  “on Tuesday”"\n', "on Tuesday", 2, 4, "on Tuesday"),
    ("summary: >-\n  One line,\n  and “on\n  Tuesday” here.\n", "on Tuesday", 3, 8,
     "on\n  Tuesday"),
    ("summary: |\n  One line,\n\n  and “on Tuesday”.\n", "on Tuesday", 4, 8, "on Tuesday"),
    ("summary: |2-\n    indented\n  and “on Tuesday”.\n", "on Tuesday", 3, 8,
     "on Tuesday"),
    ("summary: plain text\n  over “two lines”\n", "two lines", 2, 9, "two lines"),
    ("summary: >\r\n  a\r\n  “on Tuesday”\r\n", "on Tuesday", 3, 4, "on Tuesday"),
])
def test_a_fragment_is_located_inside_its_scalar(yaml_text, fragment, line, column, raw):
    node = yaml.compose(yaml_text, Loader=Loader).value[0][1]
    value = node.value
    start = value.index(fragment)
    loc = span_loc(yaml_text, node_loc(node), value, start, start + len(fragment))
    assert (loc.line, loc.column) == (line, column)
    assert yaml_text[loc.start:loc.end] == raw


def test_a_span_that_is_not_the_values_keeps_the_whole_values_location():
    text = "summary: abc\n"
    node = yaml.compose(text, Loader=Loader).value[0][1]
    assert span_loc(text, node_loc(node), "xyz", 0, 2) == node_loc(node)


@settings(max_examples=examples(1500), deadline=None)
@given(st.text(alphabet="ab “”'\"\\\n\t\u00a0\u2028é…", max_size=40),
       st.sampled_from([None, "'", '"', "|", ">"]), st.sampled_from([8, 30, 80]))
def test_every_character_of_a_value_pairs_with_what_it_was_written_as(value, style, width):
    # value_spans reads a value a run of words at a time (and most values a line
    # at a time): it must pair every character as reading one at a time does
    text = yaml.safe_dump({"summary": value}, default_style=style, allow_unicode=True,
                          width=width)
    node = yaml.compose(text, Loader=Loader).value[0][1]
    raw = text[node.start_mark.index:node.end_mark.index]
    assert value_spans(raw, node.value) == _paired(_units(raw), node.value)


# -- matching: whole words, cited sources, published windows -------------------------

def _prose(sources: dict[str, str], windows=None, own=()) -> prose.Prose:
    return prose.Prose("c.yaml", "", {k: SourceText(v) for k, v in sources.items()},
                       list(sources), list(own), WordLists.merged(), windows, "c")


@pytest.mark.parametrize("fragment, found", [
    ("rare incursion", True),
    ("rare incursion,", True),       # the prose's comma inside the closing mark
    ("rarely", False),               # a word the source does not have
    ("are incursion", False),        # not where a word starts
    ("Rare incursion", False),       # case
    ("rare incursions", False),
    ("a rare ... by Ukrainian forces", True),
])
def test_a_prose_quote_matches_whole_words_in_a_cited_source(fragment, found):
    context = _prose({"a": "It was a rare incursion by Ukrainian forces."})
    assert (prose.locate(fragment, context) is not None) is found


def test_a_published_window_is_all_of_a_source_the_prose_may_quote():
    text = "First the published part. Then the withheld part."
    window = [(0, text.index(" Then"))]
    values = [prose.ProseValue("summary", 'It said "the withheld part".', None)]
    found = list(prose.check(values, _prose({"a": text}, windows={"a": window})))
    assert [f.code for f in found] == ["prose-quote-not-found"]
    assert "they occur in `a`, but outside the excerpts the site publishes" in found[0].message
    allowed = [prose.ProseValue("summary", 'It said "the published part".', None)]
    assert list(prose.check(allowed, _prose({"a": text}, windows={"a": window}))) == []


def test_quoting_the_claims_own_words_is_allowed():
    values = [prose.ProseValue("summary", 'The claim says "ten miles deep".', None)]
    context = _prose({"a": "Nothing like it."}, own=["It was ten miles deep."])
    assert list(prose.check(values, context)) == []


def test_a_hedge_the_prose_itself_states_is_kept():
    source = {"a": "If confirmed, the raid would be the largest since 2022."}
    said = [prose.ProseValue("summary", 'If confirmed, it was "the largest since 2022".',
                             None)]
    assert list(prose.check(said, _prose(source))) == []
    dropped = [prose.ProseValue("summary", 'It was "the largest since 2022".', None)]
    assert [f.code for f in prose.check(dropped, _prose(source))] == ["quote-drops-hedge"]


# -- information: a severity of its own, in every format -----------------------------

def _run(capsys, monkeypatch, *args) -> tuple[int, str]:
    monkeypatch.chdir(EVIDENCE)
    status = main(["check", "--no-cache", *args])
    return status, capsys.readouterr().out


def test_information_reads_as_such_in_every_format(capsys, monkeypatch):
    _, text = _run(capsys, monkeypatch)
    assert "stories/raid.yaml:60:15: info[no-appearance] the claim names a claimant" in text
    assert text.endswith("; 1 note for information.\n")
    _, github = _run(capsys, monkeypatch, "--format", "github")
    assert "::notice file=stories/raid.yaml,line=60,col=15," in github
    _, out = _run(capsys, monkeypatch, "--format", "json")
    data = json.loads(out)
    assert data["summary"]["info"] == 1
    assert [f["severity"] for f in data["findings"] if f["code"] == "no-appearance"] == ["info"]


def test_information_alone_never_fails_a_strict_check(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text("Officials said 3,000 were evacuated.\n", "utf-8")
    (tmp_path / "claims.yaml").write_text(
        "sources: [{id: a, file: a.txt, title: A}]\n"
        "claims:\n  - id: c\n    claim: Officials said 3,000 were evacuated.\n"
        "    claimant: Officials\n    claimant_type: organization\n"
        "    verdict: mixed\n    summary: As said.\n"
        "    citations:\n      - source: a\n        quote: Officials said 3,000 were "
        "evacuated.\n        stance: context\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--strict", "--no-cache"]) == 0
    assert "info[no-appearance]" in capsys.readouterr().out


# -- SARIF -------------------------------------------------------------------------

NEW_RULES = {"prose-quote-not-found", "appearance-as-support", "no-appearance",
             "verdict-origins", "self-support", "single-origin", "quote-drops-hedge"}


def test_sarif_carries_the_evidence_rules_with_their_regions(capsys, monkeypatch):
    _, out = _run(capsys, monkeypatch, "--format", "sarif")
    [run] = json.loads(out)["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["no-appearance"]["defaultConfiguration"]["level"] == "note"
    assert rules["prose-quote-not-found"]["defaultConfiguration"]["level"] == "error"
    got = {}
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        got.setdefault(result["ruleId"], []).append(
            (result["level"], region["startLine"], region["startColumn"],
             region["endLine"], region["endColumn"], region["snippet"]["text"]))
    assert set(got) == NEW_RULES
    assert got["prose-quote-not-found"] == [
        ("error", 4, 28, 4, 50, "the largest since 2020"),
        ("error", 8, 9, 8, 31, "Ситуация под контролем"),  # outside the excerpts
        ("error", 8, 47, 9, 10, "troops were seen near\n    Kursk"),
        ("error", 18, 67, 19, 15, "more than 300\n      soldiers"),
        ("error", 42, 39, 42, 68, "the raid would be the biggest"),
        ("error", 52, 112, 52, 131, "troops were spotted"),
        ("error", 66, 8, 67, 11, "troops were seen near the\n      city"),
    ]
    assert got["no-appearance"] == [("note", 60, 15, 60, 23, "Analysts")]
    assert got["appearance-as-support"] == [("warning", 24, 17, 24, 25, "supports"),
                                            ("warning", 57, 17, 57, 25, "supports")]
    assert got["verdict-origins"] == [("warning", 15, 14, 15, 22, "accurate")]
    assert got["quote-drops-hedge"] == [("warning", 38, 40, 38, 62, "the largest since 2022")]


# -- configuration -----------------------------------------------------------------

def _check(text: str, sources: dict[str, str], tmp_path):
    for name, body in sources.items():
        (tmp_path / name).write_text(body, "utf-8")
    project, findings = load_text(text, "claims.yaml", str(tmp_path))
    return findings + (check_project(project).findings if project else [])


CLAIM = ("sources: [{id: a, file: a.txt, title: A}]\n"
         "claims:\n  - id: c\n    claim: Troops crossed.\n    claimant: Officials\n"
         "    claimant_type: organization\n"
         "    verdict: accurate\n    summary: It says so.\n"
         "    citations:\n      - source: a\n        quote: Officials said troops crossed "
         "the border\n        stance: supports\n")
SOURCE = {"a.txt": "Officials said troops crossed the border on Tuesday.\n"}


def test_information_can_be_switched_off_or_raised(tmp_path):
    assert [f.code for f in _check(CLAIM, SOURCE, tmp_path)] == ["no-appearance"]
    assert _check("rules: {no-appearance: off}\n" + CLAIM, SOURCE, tmp_path) == []
    raised = _check("rules: {no-appearance: error}\n" + CLAIM, SOURCE, tmp_path)
    assert [(f.code, f.severity.value) for f in raised] == [("no-appearance", "error")]


def test_a_verdict_requires_at_least_one_origin(tmp_path):
    scale = ("verdicts:\n  - {id: accurate, label: A, rating: 2, requires: {origins: 0}}\n"
             "  - {id: no, label: N, rating: 1}\n")
    found = _check(scale + CLAIM, SOURCE, tmp_path)
    assert [(f.loc.line, f.code, f.message) for f in found][0] == (
        2, "schema", "`origins` must be at least 1, not 0")


def test_a_speaker_id_is_unique(tmp_path):
    speakers = ("speakers:\n  - {id: mod, name: Ministry}\n  - {id: mod, name: Other}\n")
    found = _check(speakers + CLAIM.replace("    claimant: Officials\n", "").replace(
        "    claimant_type: organization\n", ""), SOURCE, tmp_path)
    assert [(f.loc.line, f.code) for f in found] == [(3, "duplicate-id")]
