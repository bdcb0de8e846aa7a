"""Table tests for the lint analyses: each a pure function over texts and spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker.lints import hedges, numbers, provenance, weekdays
from tests.examples import examples

LISTS = hedges.WordLists.merged()


def _drops(sentence: str, quote: str, kinds=hedges.KINDS):
    at = sentence.index(quote)
    return {d.kind: d.words for d in hedges.dropped(sentence, [(at, at + len(quote))],
                                                    LISTS, kinds)}


@pytest.mark.parametrize("text, quote, kind, words", [
    ("If confirmed, the cross-border foray would be among Ukraine’s largest.",
     "the cross-border foray would be among Ukraine’s largest", "hedges", ("If confirmed",)),
    ("If confirmed, the foray would be among Ukraine’s largest, and unprecedented for "
     "its deployment of military units.", "unprecedented for its deployment of military units",
     "hedges", ("If confirmed",)),
    ("The army, officials said, shelled the town of Sudzha.",
     "shelled the town of Sudzha", "attributions", ("said",)),
    ("Troops shelled the town of Sudzha, officials said.",
     "Troops shelled the town of Sudzha", "attributions", ("said",)),
    ("Troops may have been sighted as far as Ivnitsa village.",
     "been sighted as far as Ivnitsa village", "hedges", ("may have",)),
    ("The army allegedly shelled the town of Sudzha overnight.",
     "shelled the town of Sudzha overnight", "hedges", ("allegedly",)),
    ("Officials did not confirm that troops crossed the border.",
     "troops crossed the border", "negations", ("not",)),
    ("Officials didn’t say that troops crossed the border.",
     "troops crossed the border", "negations", ("n’t",)),
    ("Russian officials said Ukrainian troops crossed the border.",
     "Ukrainian troops crossed the border", "attributions", ("said",)),
    ("По словам губернатора, войска якобы прорвали оборону у Суджи.",
     "войска", "hedges", ("якобы",)),
    ("Войска не прорвали оборону у Суджи, сообщил губернатор.",
     "прорвали оборону у Суджи", "negations", ("не",)),
    ("Войска прорвали оборону у Суджи, заявил губернатор.",
     "Войска прорвали оборону у Суджи", "attributions", ("заявил",)),
])
def test_dropped_governing_words_are_reported(text, quote, kind, words):
    assert _drops(text, quote)[kind] == words


@pytest.mark.parametrize("text, quote", [
    ("If confirmed, the foray would be among Ukraine’s largest.",
     "If confirmed, the foray would be among Ukraine’s largest."),
    ("The foray was big. If confirmed, it would be the largest.", "The foray was big."),
    ("The governor said nothing. Troops crossed the border at dawn.",
     "Troops crossed the border at dawn."),
    ("Troops crossed the border near the mayhem of Sudzha.", "Troops crossed the border"),
    # a later clause, or a long tail after the quote, does not govern it
    ("Putin alleged shelling, while the ministry said 31 people were hurt.",
     "the ministry said 31 people were hurt."),
    ("Sudzha lies about eight kilometres inside the region, and there were reports by "
     "Thursday that troops may have been sighted further in.",
     "Sudzha lies about eight kilometres inside the region"),
    # the quote keeps an attribution of its own
    ("Officials said troops crossed the border, reports the Express.",
     "Officials said troops crossed the border"),
])
def test_quotes_that_keep_their_sentence_fair_do_not_trigger(text, quote):
    assert _drops(text, quote) == {}


def test_an_elision_that_cuts_out_a_negation_is_a_dropped_negation():
    text = "The ministry said troops had not crossed the border at Sudzha."
    a, b = text.index("troops had"), text.index(" not")
    c = text.index("crossed")
    found = hedges.dropped(text, [(a, b), (c, len(text))], LISTS, ("negations",))
    assert [d.words for d in found] == [("not",)]
    assert ">>not<<" in found[0].sentence
    assert found[0].widened == "troops had not crossed the border at Sudzha."


def test_the_message_marks_the_dropped_words_and_widens_the_quote():
    text = "He left. If confirmed, the foray would be big. U.S. officials agreed."
    at = text.index("the foray")
    (found,) = hedges.dropped(text, [(at, text.index(" big") + 4)], LISTS, ("hedges",))
    assert found.sentence == ">>If confirmed<<, the foray would be big."
    assert found.widened == "If confirmed, the foray would be big"


def test_project_words_extend_the_lists_in_their_language():
    lists = hedges.WordLists.merged({"de": {"hedges": ["angeblich"]}})
    text = "Die Truppen sind angeblich in Kursk."
    at = text.index("in Kursk")
    assert [d.words for d in hedges.dropped(text, [(at, len(text))], lists, ("hedges",))] \
        == [("angeblich",)]
    assert hedges.dropped(text, [(at, len(text))], LISTS, ("hedges",)) == []


# Words and pieces of words of every kind, cases, apostrophes both ways, and the
# letters whose small form depends on their neighbours (Σ) or is longer (İ).
_WORDS = ["may", "MAY", "May", "have", "not", "didn’t", "can't", "n't", "said", "Said",
          "according", "to", "if", "confirmed", "allegedly", "не", "Не", "d'a", "a b c",
          "tis", "'tis", "not to", "ΟΔΟΣ", "σ", "İ", "I", "é", "_", "1", "-", ".", ",",
          " ", "  ", "\n", "'", "’", "a", "b", "t"]
_PROJECT = hedges.WordLists.merged({"xx": {
    "hedges": ["*n't've", "a b c", "c", "t", "may-be", "d'a", "*t"],
    "negations": ["*n", "not to", "'tis", "b"]}})


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=24), st.data())
def test_the_quick_reading_of_a_span_finds_what_reading_word_by_word_does(words, data):
    # spans() lowercases a sentence at once and lets a regex find the words that
    # begin a phrase; the lint's findings rest on it finding exactly the phrases
    # that reading the span word by word does, from any start to any end
    text = "".join(words)
    begin = data.draw(st.integers(0, len(text)))
    finish = data.draw(st.one_of(st.none(), st.integers(0, len(text) + 1)))
    for lists in (LISTS, _PROJECT):
        assert lists._quick is not None
        got = lists.spans(text, begin, finish)
        assert list(got.items()) == list(lists._spans_by_word(text, begin, finish).items())


@pytest.mark.parametrize("claim, quotes, missing", [
    ("pushed about 10 km into Russia", ["six miles deep"], []),
    ("pushed 20 km into Russia", ["six miles deep"], ["20 km"]),
    ("pushed 6 miles into Russia", ["up to 10 kilometres"], []),
    ("pushed 9 miles into Russia", ["up to 10 kilometres"], ["9 miles"]),
    ("some 3,000 people were evacuated", ["Around 3,000 residents"], []),
    ("some 3,000 people were evacuated", ["Around 3,400 residents"], ["3,000"]),
    ("six children were hurt", ["including 6 children"], []),
    ("a dozen tanks crossed", ["12 tanks crossed"], []),
    ("a dozen tanks crossed", ["11 tanks crossed"], ["a dozen"]),
    ("turnout was 40%", ["40 per cent voted"], []),
    ("turnout was 40%", ["40 voters"], ["40%"]),
    ("two thousand troops", ["2,000 soldiers"], []),
    ("on 7 August 2024 the emergency began", ["from August 7"], []),
    ("one of the largest attacks", ["the largest"], []),
    ("all twelve gates worked", ["Все двенадцать затворов сработали штатно"], []),
    ("all twelve gates worked", ["Все одиннадцать затворов сработали"], ["twelve"]),
    ("some 100,000 people left", ["сто тысяч человек уехали"], []),
])
def test_claim_figures_need_a_quote_that_gives_them(claim, quotes, missing):
    got, _ = numbers.unsupported(claim, quotes)
    assert [q.text for q in got] == missing


@pytest.mark.parametrize("text, year, wrong", [
    ("Tuesday, 8 August 2024", None, [("Tuesday", "Thursday")]),
    ("Tuesday, 6 August 2024", None, []),
    ("on Thursday (August 8, 2024)", None, []),
    ("on Wednesday, August 8", 2024, [("Wednesday", "Thursday")]),
    ("on Wednesday, August 8", None, []),
    ("Monday 2024-08-06", None, [("Monday", "Tuesday")]),
    ("в среду, 6 августа 2024 года", None, [("среду", "Tuesday")]),
    ("во вторник, 6 августа 2024 года", None, []),
    ("Friday, 31 June 2024", None, []),
])
def test_weekday_and_date_must_agree(text, year, wrong):
    assert [(m.written, m.actual) for m in weekdays.mismatches(text, year)] == wrong


def test_relays_group_sources_that_trace_to_one_origin():
    groups = provenance.origin_groups({"a": ["associated-press"], "b": ["associated-press"],
                                       "c": [], "d": ["a"]})
    assert provenance.single_origin(["a", "b"], groups) is not None
    assert provenance.single_origin(["d", "b"], groups) is not None
    assert provenance.single_origin(["a", "c"], groups) is None
    assert provenance.single_origin(["a", "a"], groups) is None


PASSAGE = ("the ministry said three hundred soldiers eleven tanks and twenty combat "
           "vehicles from the brigade were involved in the attack near the border")


@pytest.mark.parametrize("a, b, shared", [
    (PASSAGE, "Elsewhere, " + PASSAGE + ", officials said.", 23),
    (PASSAGE, PASSAGE.replace("eleven", "11"), 23),  # near-identical: one word differs
    (PASSAGE, "The ministry reported that a brigade attacked with tanks near the border.", None),
])
def test_long_shared_passages_are_possible_relays(a, b, shared):
    found = provenance.shared_passages({"first": a, "second": b})
    assert [p.words for p in found] == ([shared] if shared else [])
    if shared:
        assert found[0].source == "second" and found[0].other == "first"


def test_shared_passages_scale_to_a_thousand_sources():
    texts = {f"s{i}": " ".join(f"w{i}x{j}" for j in range(400)) for i in range(1000)}
    texts["s999"] += " " + PASSAGE
    texts["s500"] += " " + PASSAGE
    assert [(p.source, p.other) for p in provenance.shared_passages(texts)] \
        == [("s999", "s500")]


LINT_CODES = ["quote-drops-hedge", "single-origin", "possible-relay", "self-support",
              "number-mismatch", "weekday-mismatch"]


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "step-summary"])
def test_every_lint_reaches_every_output_format(fmt, monkeypatch, capsys):
    from pathlib import Path

    from generator.checker import report
    from generator.checker.check import check_file

    monkeypatch.chdir(Path(__file__).parent / "fixtures" / "fair-quotes")
    result = check_file("claims.yaml")
    if fmt == "step-summary":
        out = report.step_summary(result.findings, result.summary)
    else:
        out = report.FORMATS[fmt](result.findings, result.summary, result.project.text)
    for code in LINT_CODES:
        assert code in out, (fmt, code)
    if fmt == "sarif":
        import json

        rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
        assert set(LINT_CODES) <= {r["id"] for r in rules}


def test_a_repeated_id_is_linted_on_its_own_quotes_only(tmp_path):
    """Resolved quotes are kept by claim id: the second claim of a repeated id (an
    error) must not be warned about the first claim's quote and source."""
    from generator.checker.check import check_file

    (tmp_path / "hedged.txt").write_text("If confirmed, the raid was the largest yet.\n",
                                         encoding="utf-8")
    (tmp_path / "plain.txt").write_text("The raid was the largest yet.\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "sources:\n"
        "  - {id: hedged, file: hedged.txt, title: H}\n"
        "  - {id: plain, file: plain.txt, title: P}\n"
        "claims:\n"
        "  - id: raid\n    claim: The raid was the largest.\n    verdict: mixed\n"
        "    summary: s\n    citations:\n"
        "      - {source: hedged, quote: the raid was the largest yet, stance: context}\n"
        "      - {source: hedged, quote: the raid was the largest yet, stance: supports}\n"
        "  - id: raid\n    claim: The raid was the largest.\n    verdict: mixed\n"
        "    summary: s\n    citations:\n"
        "      - {source: plain, quote: The raid was the largest yet, stance: context}\n"
        "      - {source: plain, quote: The raid was the largest yet, stance: supports}\n",
        encoding="utf-8")
    result = check_file(str(tmp_path / "claims.yaml"))
    hedge = [f for f in result.findings if f.code == "quote-drops-hedge"]
    assert [f.loc.line for f in hedge] == [11]  # the first claim's supporting quote
    assert "`hedged`" in hedge[0].message


_SENTENCE_WORDS = ["may", "not", "said", "according to", "if confirmed", "although",
                   "unless", "the", "raid", "was", "big", "officials", "allegedly",
                   ", ", ". ", " ", "\n\n", "It", "didn’t"]


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_WORDS), min_size=1, max_size=30), st.data())
def test_one_look_at_a_quote_answers_every_kind_asked_for(words, data):
    # The citations' lint and the prose's lint of one quote share what it drops
    # (DroppedMemo): whatever kinds, in whatever order, each asks for, in whatever
    # order they ask, the answer is the one looking for just those kinds gives.
    text = " ".join(words)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=4,
                                     unique=True)))
    pieces = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    if not pieces:
        return
    memo = hedges.DroppedMemo()
    for _ in range(3):
        order = data.draw(st.permutations(hedges.KINDS))
        kinds = order[:data.draw(st.integers(0, len(order)))]
        assert memo.dropped("s", text, pieces, LISTS, kinds) == hedges.dropped(
            text, pieces, LISTS, kinds)
