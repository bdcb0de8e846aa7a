"""The one sentence splitter (find, suggest and the fair-quotation lint use it).

Until it had one home, find split with one set of rules and the lint and suggest
with another; the comments say which of the two went wrong on a case, and so why
the rule here is the one kept.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker.normalize import paragraphs
from generator.checker.sentences import (
    GAP_PLAIN,
    _after_abbreviation,
    _next_is_lower,
    _split,
    covering,
    gaps,
    sentence_bounds,
    sentence_spans,
)
from tests.examples import examples


@pytest.mark.parametrize("text, sentences", [
    ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
    ("Mr. Smirnov and Dr. Gerasimov met. Gen. Ivanov left.",
     ["Mr. Smirnov and Dr. Gerasimov met.", "Gen. Ivanov left."]),
    ("J. Smith wrote it. Then e.g. this. Fine.", ["J. Smith wrote it.", "Then e.g. this.",
                                                 "Fine."]),
    ("He said: “Stop.” Then left.", ["He said: “Stop.”", "Then left."]),
    ("A heading\n\nA body line\nthat wraps.", ["A heading", "A body line\nthat wraps."]),
    ("Wait… what? 3.5 km away.", ["Wait… what?", "3.5 km away."]),
    ("В. Путин заявил. Потом уехал.", ["В. Путин заявил.", "Потом уехал."]),
    ("The No. 5 battalion left.", ["The No. 5 battalion left."]),
    # the lint's rules took any one-character word for an initial, so a figure
    # ending a sentence ran it into the next
    ("from August 7.” Russian President Putin spoke.",
     ["from August 7.”", "Russian President Putin spoke."]),
    # ... knew capitals only in Latin and Cyrillic (not Greek, Ukrainian Ї, accents)
    ("Έφυγε νωρίς. Ο υπουργός μίλησε.", ["Έφυγε νωρίς.", "Ο υπουργός μίλησε."]),
    ("Він пішов. Їхні війська лишилися.", ["Він пішов.", "Їхні війська лишилися."]),
    ("Il est parti. À midi, rien.", ["Il est parti.", "À midi, rien."]),
    # ... knew few titles, and ended a sentence at every line break, even mid-word
    ("Sgt. Ivanov and Capt. Li left.", ["Sgt. Ivanov and Capt. Li left."]),
    ("Dr.\nGerasimov left.", ["Dr.\nGerasimov left."]),
    ("The office confirmed the vibra-\ntion of the bridge\nevery day.",
     ["The office confirmed the vibra-\ntion of the bridge\nevery day."]),
    # ... and missed a paragraph separator (U+2029)
    ("השר אמר כי הגשר ייפתח במרץ.\u2029הוא הוסיף.", ["השר אמר כי הגשר ייפתח במרץ.", "הוא הוסיף."]),
    # find's rules never ended a sentence at a line break, so a headline (here with
    # a hedge the lint would have blamed a caption's quote for) or a credit ran
    # into the next sentence
    ("Ukraine Military Allegedly Enters Russian Region\nRussia’s President met officials.",
     ["Ukraine Military Allegedly Enters Russian Region", "Russia’s President met officials."]),
    ("Russia\n(\nKremlin POOL/REX)\nThe army left.",
     ["Russia", "(", "Kremlin POOL/REX)", "The army left."]),
    # ... took "no" and "etc" for abbreviations
    ("He said no. Then he left.", ["He said no.", "Then he left."]),
    ("Tanks, guns etc. The army left.", ["Tanks, guns etc.", "The army left."]),
    # ... and ended one before an opening bracket or quote whatever followed it
    ("Troops crossed at 5 a.m. (local time) on Tuesday.",
     ["Troops crossed at 5 a.m. (local time) on Tuesday."]),
    ("Troops crossed at 5 a.m. Officials said so.",
     ["Troops crossed at 5 a.m.", "Officials said so."]),
    ("", []),
    ("  \n\n ", []),
])
def test_sentence_spans(text, sentences):
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


@pytest.mark.parametrize("quote, sentence", [
    ("the foray", "If confirmed, the foray would be big."),
    ("big. U.S. officials", "If confirmed, the foray would be big. U.S. officials said so."),
    ("He left", "He left."),
    ("said so.", "U.S. officials said so."),
])
def test_a_passage_is_shown_in_the_sentences_it_touches(quote, sentence):
    text = "He left. If confirmed, the foray would be big. U.S. officials said so."
    at = text.index(quote)
    a, b = sentence_bounds(text, at, at + len(quote))
    assert text[a:b] == sentence
    assert covering(sentence_spans(text), at, at + len(quote)) == (a, b)


@pytest.mark.parametrize("run", [" ", ".", "”", " \n", "(", "\t"])
def test_a_long_run_of_one_character_is_read_once(run):
    # hostile input: 200,000 of one character took minutes when each position
    # rescanned the rest of the run
    text = "It began" + run * 200_000 + "Then more."
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)


_GAP_ALPHABET = ".!?… \n\r\t\x0b\x0c\x1c\x1d\x85\u2028\u2029\u00a0\"'”’»)]aBé"


@settings(max_examples=examples(3000), deadline=None)
@given(st.text(alphabet=_GAP_ALPHABET, max_size=16), st.data())
def test_the_gaps_are_those_the_plain_pattern_finds(text, data):
    # the splitter finds gaps with a pattern written for speed (it opens with one
    # character class no ordinary space is in) and steps back over the spacing
    # before a line break; it must find the same gaps as the plain pattern, from
    # any position
    plain = re.compile(GAP_PLAIN)
    start = data.draw(st.integers(0, len(text)))
    assert list(gaps(text, start, len(text))) == [m.span()
                                                  for m in plain.finditer(text, start)]


def _split_plainly(text, paras):
    spans = []
    for lo, hi in paras:
        start = lo
        for gap in re.compile(GAP_PLAIN).finditer(text, lo, hi):
            after = gap.end()
            if after >= hi or _next_is_lower(text, after, hi):
                continue
            end = gap.start() + len(gap.group().rstrip())
            if end > gap.start() and _after_abbreviation(text, lo, gap.start(), after):
                continue
            spans.append((start, end))
            start = after
        spans.append((start, hi))
    return tuple(spans)


@settings(max_examples=examples(2000), deadline=None)
@given(st.text(alphabet=_GAP_ALPHABET + "Mr No5(“«b", max_size=40))
def test_sentences_are_split_at_the_gaps_the_plain_pattern_finds(text):
    paras = paragraphs(text)
    assert _split(text, paras) == _split_plainly(text, paras)


@st.composite
def _sentences_and_span(draw):
    cuts = sorted(draw(st.lists(st.integers(0, 60), min_size=2, max_size=12, unique=True)))
    # in order, apart, none empty: consecutive cuts, some gaps between them left out
    spans = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if draw(st.booleans())]
    spans = spans or [(cuts[0], cuts[1])]
    return spans, draw(st.integers(-2, 62)), draw(st.integers(-2, 62))


@settings(max_examples=examples(3000), deadline=None)
@given(_sentences_and_span())
def test_the_sentences_a_span_touches_are_found_as_a_search_by_key_finds_them(case):
    import bisect

    spans, start, end = case
    first = min(bisect.bisect_right(spans, start, key=lambda s: s[1]), len(spans) - 1)
    last = max(first, bisect.bisect_left(spans, end, key=lambda s: s[0]) - 1)
    assert covering(spans, start, end) == (spans[first][0], spans[last][1])
    assert covering(tuple(spans), start, end) == (spans[first][0], spans[last][1])
