"""Quote matching, rule by rule: SPEC.md's normalization, elision, prefix and suffix."""

from __future__ import annotations

import pytest

from generator.textmatch import SourceText, fold, normalize, paragraphs, split_quote, word_diff

# (rule, source text, quote that must verify, the original span it must resolve to)
NORMALIZATION = [
    ("NFC: composed vs decomposed", "the cafe\u0301 opened", "the café opened", "the cafe\u0301 opened"),
    ("NFC: quote decomposed", "the café opened", "the cafe\u0301 opened", "the café opened"),
    ("whitespace: newline", "was declared\non Thursday", "was declared on Thursday",
     "was declared\non Thursday"),
    ("whitespace: tabs and runs", "was  \t declared", "was declared", "was  \t declared"),
    ("whitespace: NBSP", "31\u00a0people were injured", "31 people were injured",
     "31\u00a0people were injured"),
    ("whitespace: in the quote", "31 people were injured", "31  people\nwere injured",
     "31 people were injured"),
    ("curly double quotes", "a “major provocation” here", 'a "major provocation" here',
     "a “major provocation” here"),
    ("curly single quotes", "Russia’s Kursk region", "Russia's Kursk region",
     "Russia’s Kursk region"),
    ("low and reversed quotes", "„so‟ and ‚so‛", "\"so\" and 'so'", "„so‟ and ‚so‛"),
    ("en dash", "pages 1–2 read", "pages 1-2 read", "pages 1–2 read"),
    ("em dash", "closed — for now", "closed - for now", "closed — for now"),
    ("minus sign", "it was −5 degrees", "it was -5 degrees", "it was −5 degrees"),
    ("ellipsis char in source", "on Russia… the closer", "on Russia... the closer",
     "on Russia… the closer"),
    ("ellipsis char in quote", "on Russia... the closer", "on Russia… the closer",
     "on Russia... the closer"),
    ("zero-width space", "state of\u200b emergency", "state of emergency",
     "state of\u200b emergency"),
    ("zero-width joiner inside a word", "emer\u200dgency declared", "emergency declared",
     "emer\u200dgency declared"),
    ("soft hyphen", "emer\u00adgency declared", "emergency declared",
     "emer\u00adgency declared"),
    ("BOM inside", "a\ufeff state of emergency", "a state of emergency",
     "a\ufeff state of emergency"),
]


@pytest.mark.parametrize("rule, source, quote, span", NORMALIZATION,
                         ids=[row[0] for row in NORMALIZATION])
def test_each_normalization_rule_verifies_and_maps_back(rule, source, quote, span):
    matches = SourceText("Before. " + source + " After.").find_all(quote)
    assert len(matches) == 1
    original = "Before. " + source + " After."
    assert original[matches[0].start:matches[0].end] == span


@pytest.mark.parametrize("source, quote", [
    ("The State of Emergency", "the state of emergency"),  # case matters
    ("about 3,000 residents", "about 30,000 residents"),
    ("a «major» provocation", 'a "major" provocation'),  # guillemets are not folded
    ("1-2", "1_2"),
    ("stopped.", "stopped,"),
])
def test_what_normalization_does_not_fold(source, quote):
    assert SourceText(source).find_all(quote) == []


def test_normalize_keeps_a_map_for_every_character():
    original = "A\u00a0 “b”\u2026\u200bc"
    norm = normalize(original)
    assert norm.text == 'A "b"...c'
    assert len(norm.starts) == len(norm.text) == len(norm.ends)
    assert original[slice(*norm.span(2, 5))] == "“b”"
    assert original[slice(*norm.span(5, 8))] == "\u2026"
    assert original[slice(*norm.span(5, 9))] == "\u2026\u200bc"


ELISION = [
    ("spaced three dots", "Officials said ... by bus", ["Officials said", "by bus"]),
    ("spaced ellipsis char", "Officials said … by bus", ["Officials said", "by bus"]),
    ("bracketed dots", "Officials said [...] by bus", ["Officials said", "by bus"]),
    ("bracketed ellipsis", "Officials said […] by bus", ["Officials said", "by bus"]),
    ("leading elision", "... more than 200 people", ["more than 200 people"]),
    ("trailing elision", "more than 200 people ...", ["more than 200 people"]),
    ("unspaced dots are text", "on Russia... the closer", ["on Russia... the closer"]),
]


@pytest.mark.parametrize("name, quote, pieces", ELISION, ids=[r[0] for r in ELISION])
def test_split_quote(name, quote, pieces):
    assert split_quote(quote)[0] == pieces


SOURCE = ("Officials said more than 200 people were moved by bus, while several "
          "thousand left.\n\nOfficials said the town was shelled by artillery.\n")


@pytest.mark.parametrize("quote, found", [
    ("Officials said ... moved by bus", True),
    ("Officials said [...] several thousand left", True),
    ("moved by bus ... Officials said", False),  # pieces out of order
    ("several thousand left ... the town was shelled", False),  # across paragraphs
    ("Officials said ... shelled by artillery", True),  # second paragraph on its own
])
def test_elided_pieces_in_order_within_one_paragraph(quote, found):
    assert bool(SourceText(SOURCE).find_all(quote)) is found


def test_elided_match_reports_each_piece():
    [match] = SourceText(SOURCE).find_all("Officials said ... moved by bus")
    assert [SOURCE[a:b] for a, b in match.pieces] == ["Officials said", "moved by bus"]
    assert match.paragraph == 1


@pytest.mark.parametrize("prefix, suffix, paragraphs_found", [
    (None, None, [1, 2]),
    ("shelled.\n\n", None, []),
    (None, "more than", [1]),
    (None, "the town", [2]),
    ("", " the  town ", [2]),
    (None, "the city", []),
])
def test_prefix_and_suffix_pick_an_occurrence(prefix, suffix, paragraphs_found):
    matches = SourceText(SOURCE).find_all("Officials said", prefix, suffix)
    assert [m.paragraph for m in matches] == paragraphs_found


def test_prefix_must_immediately_precede():
    text = "He said the advance was stopped. The advance was stopped."
    assert len(SourceText(text).find_all("advance was stopped", prefix="the")) == 1
    assert len(SourceText(text).find_all("advance was stopped", prefix="He said the")) == 1
    assert SourceText(text).find_all("advance was stopped", prefix="He said") == []


def test_paragraph_numbers_skip_blank_runs():
    text = "\n\n First.\n\n\n\nSecond line\nstill second.\n  \t\nThird."
    spans = paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["First.", "Second line\nstill second.", "Third."]


@pytest.mark.parametrize("quote, source, diff", [
    ("about 30,000 troops", "about 3,000 troops", "about [-30,000-]{+3,000+} troops"),
    ("would closed", "would stay closed", "would {+stay+} closed"),
    ("a very large attack", "a large attack", "a [-very-] large attack"),
])
def test_word_diff_names_the_words_that_differ(quote, source, diff):
    assert word_diff(quote, source) == diff


def test_closest_passage_in_a_long_source():
    filler = " ".join(f"Sentence number {i} talks about something else entirely." for i in
                      range(90))
    text = filler + " It said that 300 soldiers, 11 tanks, and 20 combat vehicles took part. " + filler
    src = SourceText(text)
    assert len(text) > 5000
    passage = src.closest("It said that 30,000 soldiers, 11 tanks, and 20 combat vehicles")
    assert passage.text == "It said that 300 soldiers, 11 tanks, and 20 combat vehicles"
    assert "[-30,000-]{+300+}" in passage.diff
    assert 0.9 < passage.similarity < 1


def test_fold_without_punctuation_keeps_quotes():
    assert fold("“a”\u00a0 b", punctuation=False) == "“a” b"
