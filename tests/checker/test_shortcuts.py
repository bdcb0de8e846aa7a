"""Shortcuts of the cold check give what the long way gives.

Each quick path below skips work when its input cannot change the result (no
elision mark, no character to fold, ...); each test holds the quick path to the
long one, written out here as it was before the shortcut, on generated input
that mixes the characters the shortcut looks for.
"""

from __future__ import annotations

import re
import sys
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker import normalize
from generator.checker.textmatch import _EDGE_ELISION, _ELISION, _parse_quote, fold, word_count

# Letters, the marks of an elision, every kind of whitespace, and the characters
# normalization folds: what makes the quick paths and the long ones part ways.
ALPHABET = ("ab .…[]-\u2010\u00ad\n\r\u2028\u2029\u00a0\t\x1c\u200b\u2019“”ﬁ\u2026e\u0301"
            + normalize.WHITESPACE + "".join(normalize.FOLD))
TEXTS = st.text(alphabet=ALPHABET, max_size=40)


def _parse_the_long_way(quote: str):
    chunks = _ELISION.split(_EDGE_ELISION.sub("", quote.strip()))
    pieces = tuple(chunks[0::2])
    return pieces, tuple(chunks[1::2]), tuple(fold(p).strip(" ") for p in pieces)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_quote_splits_at_its_elisions_as_the_regexes_split_it(quote):
    assert _parse_quote.__wrapped__(quote) == _parse_the_long_way(quote)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_quote_has_as_many_words_as_runs_of_non_whitespace(quote):
    assert word_count(quote) == sum(len(re.findall(r"\S+", p))
                                    for p in _parse_the_long_way(quote)[0])


def test_str_split_and_the_regex_agree_on_every_whitespace_character():
    for c in map(chr, range(sys.maxunicode + 1)):
        assert len(f"a{c}b".split()) == len(re.findall(r"\S+", f"a{c}b")), hex(ord(c))


def _one_for_one_the_long_way(text: str, punctuation: bool) -> str:
    breaks = normalize.hyphen_breaks(text)
    for char, folded in normalize._FULL_ONE if punctuation else normalize._LIGHT_ONE:
        text = text.replace(char, folded)
    if breaks:
        parts, pos = [], 0
        for a, b in breaks:
            parts += [text[pos:a], normalize._BREAK_MARK * (b - a)]
            pos = b
        text = "".join(parts) + text[pos:]
    return text


@pytest.mark.parametrize("punctuation", [True, False])
@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_folding_one_for_one_skips_only_text_it_would_not_change(punctuation, text):
    assert normalize._one_for_one(text, punctuation) == _one_for_one_the_long_way(
        text, punctuation)


FIGURES = st.text(alphabet="0123456789²٣ ,.-kmiles%percentsixtwelvedozenahalf\u00a0",
                  max_size=30)


@settings(max_examples=300, deadline=None)
@given(FIGURES, st.lists(FIGURES, max_size=3))
def test_figures_no_quote_gives_are_those_found_the_long_way(claim, quotes):
    from generator.checker.lints import numbers

    given = [q for quote in quotes for q in numbers.quantities(quote)]
    long_missing = [c for c in numbers.quantities(claim)
                    if not any(numbers.supports(c, g) for g in given)]
    missing, got = numbers.unsupported(claim, quotes)
    assert missing == long_missing
    if missing:  # the figures the quotes give are read only then (the lint's message)
        assert got == given



@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_normalized_text_is_the_folded_text(text):
    assert normalize.normalize(text).text == fold(text)


CLAIMS = st.text(alphabet="ab c.“”’'\u00a0…-\n", max_size=30)


@st.composite
def _claim_and_fragment(draw):
    """A claim and a fragment: often a part of the claim, curly marks made straight."""
    claim = draw(CLAIMS)
    i = draw(st.integers(0, len(claim)))
    j = draw(st.integers(i, len(claim)))
    part = claim[i:j]
    if draw(st.booleans()):
        part = part.replace("“", '"').replace("”", '"').replace("’", "'")
    return claim, draw(st.one_of(st.just(part), st.just(part + ","), CLAIMS))


@settings(max_examples=600, deadline=None)
@given(_claim_and_fragment())
def test_a_fragment_of_the_claim_is_found_in_it_as_matching_finds_it(pair):
    claim, fragment = pair
    from generator.checker.lints import prose
    from generator.checker.lints.hedges import WordLists
    from generator.checker.textmatch import SourceText

    src = SourceText(claim)
    long_way = any(prose._whole_words(src, m)
                   for candidate in dict.fromkeys((fragment, fragment.rstrip(prose.TRAILING)))
                   if candidate.strip() for m in src.find_all(candidate))
    context = prose.Prose("c.yaml", "", {}, [], [claim], WordLists.merged())
    assert prose._own(fragment, context) == long_way


def _left_the_long_way(text, lo, start, words):
    if words <= 0:
        return start
    found = [lo + m.start() for m in re.finditer(r"\S+", text[lo:start])]
    return found[-words] if len(found) > words else lo


def _right_the_long_way(text, end, hi, words):
    if words <= 0:
        return end
    found = [end + m.end() for m in re.finditer(r"\S+", text[end:hi])]
    return found[words - 1] if len(found) > words else hi


@st.composite
def _paragraph_and_span(draw):
    runs = draw(st.lists(st.text(alphabet="ab.,", min_size=1, max_size=40), max_size=14))
    gaps = draw(st.lists(st.text(alphabet=" \n\u00a0\u2009", min_size=1, max_size=3),
                         min_size=len(runs) + 1, max_size=len(runs) + 1))
    text = gaps[0] + "".join(r + g for r, g in zip(runs, gaps[1:], strict=True))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=3, max_size=3)))
    return text, *cuts, draw(st.integers(0, 6))


@settings(max_examples=1500, deadline=None)
@given(_paragraph_and_span())
def test_a_window_takes_the_words_around_a_quote_that_the_whole_paragraph_gives(case):
    from generator.checker import excerpts

    text, lo, mid, hi, words = case
    assert excerpts._extend_left(text, lo, mid, words) == _left_the_long_way(
        text, lo, mid, words)
    assert excerpts._extend_right(text, mid, hi, words) == _right_the_long_way(
        text, mid, hi, words)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_normalized_character_splits_from_the_one_before_as_their_starts_say(text):
    norm = normalize.normalize(text)
    n = len(norm.text)
    assert [norm.splits(i) for i in range(n + 1)] == [
        i == 0 or i >= n or norm.start_of(i) != norm.start_of(i - 1) for i in range(n + 1)]


def _dropped_the_long_way(text, pieces, lists, kinds):
    """hedges.dropped as it was: each kind's marked sentence and widened quote made
    as it is found."""
    from generator.checker.lints import hedges

    begin, finish, end = hedges._scope(text, pieces)
    where = lists.spans(text, begin, finish)
    out = []
    for kind in kinds:
        found, stop = where.get(kind, []), finish
        if kind == "qualifiers":
            stop = max(finish, end)
            found = (lists.spans(text, pieces[0][0], stop).get(kind, [])
                     if lists.may_have(kind, text, pieces[0][0], stop) else [])
        spans = [span for span in found if hedges._outside(span, pieces)]
        if kind == "attributions" and len(spans) < len(found):
            continue
        if not spans:
            continue
        marked, at = [], begin
        for a, b in spans:
            marked += [text[at:a], ">>", text[a:b], "<<"]
            at = b
        marked.append(text[at:stop])
        lo = begin if spans[0][0] < pieces[0][0] else pieces[0][0]
        hi = stop if spans[-1][1] > pieces[-1][1] else pieces[-1][1]
        out.append((kind, tuple(text[a:b] for a, b in spans),
                    " ".join("".join(marked).split()), " ".join(text[lo:hi].split()),
                    tuple(spans), (begin, stop), (lo, hi)))
    return out


@st.composite
def _sentence_and_quote(draw):
    words = draw(st.lists(st.sampled_from(
        ["If", "confirmed,", "the", "raid", "may", "have", "been", "big", "not", "didn’t",
         "officials", "said", "although", "few", "saw", "it.", "Then", "\n", "—",
         "unless", "reportedly", "according", "to", "Mr.", "Smith"]), min_size=1,
        max_size=24))
    text = " ".join(words)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=4,
                                unique=True)))
    pieces = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    return text, pieces


@settings(max_examples=500, deadline=None)
@given(_sentence_and_quote())
def test_what_a_quote_drops_reads_as_it_did_when_made_on_the_spot(case):
    from generator.checker.lints.hedges import KINDS, WordLists, dropped

    text, pieces = case
    lists = WordLists.merged()
    assert [(d.kind, d.words, d.sentence, d.widened, d.spans, d.context, d.kept)
            for d in dropped(text, pieces, lists, KINDS)] == _dropped_the_long_way(
        text, pieces, lists, KINDS)


def _full_runs():
    """The long way: folding and normalizing always with the full patterns, which
    ``normalize._runs`` trades for a quicker one where the text allows."""
    return mock.patch.object(normalize, "_runs", lambda text, punctuation: (
        normalize._RUNS_FULL if punctuation else normalize._RUNS_LIGHT))


@pytest.mark.parametrize("punctuation", [True, False])
@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_folding_finds_the_runs_the_full_pattern_finds(punctuation, text):
    with _full_runs():
        expected = fold(text, punctuation=punctuation)
    assert fold(text, punctuation=punctuation) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab .\n\u00a0\u200b\u00adﬁ…’", max_size=40))
def test_normalizing_finds_the_runs_the_full_pattern_finds(text):
    with _full_runs():
        expected = normalize._normalize_nfc(text)
    got = normalize._normalize_nfc(text)
    assert (got.text, got._sn, got._so, got._sb) == (expected.text, expected._sn,
                                                      expected._so, expected._sb)


def _finds_what_it_finds_without(pattern: re.Pattern, lookahead: str, text: str) -> None:
    """``pattern`` finds in ``text`` what it finds with its first-letter ``lookahead``
    taken out (the long way: every position tries the whole alternation)."""
    assert lookahead in pattern.pattern
    plain = re.compile(pattern.pattern.replace(lookahead, "", 1), re.IGNORECASE)
    assert [m.group() for m in pattern.finditer(text)] == [m.group()
                                                          for m in plain.finditer(text)]


def test_a_figure_begins_with_a_character_the_first_letters_admit():
    # ignoring case, the class of first letters takes every character one of the
    # letters as a literal takes (the long s, the Kelvin sign: case has oddities)
    from generator.checker.lints import numbers

    letters = sorted({w[0] for w in numbers.WORDS})
    one = re.compile(numbers._FIRST, re.IGNORECASE)
    each = re.compile(r"\d|" + "|".join(map(re.escape, letters)), re.IGNORECASE)
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(one.match(c)) == bool(each.match(c)), hex(ord(c))


WORDED = st.lists(st.sampled_from(
    ["six", "Six", "SIX", "ſix", "twenty", "one", "a dozen", "Half a dozen", "3,000",
     "7", "٣", "miles", "km", "-", "percent", "the", "in", "August", "2024", "шесть",
     "ТРИ", "км", ",", ".", "x", "hundred", "thousand", "K"]), max_size=12)


@settings(max_examples=500, deadline=None)
@given(WORDED, st.sampled_from([" ", "", "-", "  "]))
def test_figures_are_found_where_the_pattern_without_the_first_letters_finds_them(words, sep):
    from generator.checker.lints import numbers

    _finds_what_it_finds_without(numbers._QUANTITY, f"(?={numbers._FIRST})", sep.join(words))


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab “”'\"\\\n\t\u00a0\u2028é…\ud7ff", max_size=40),
       st.sampled_from([None, "'", '"', "|", ">"]), st.sampled_from([8, 30, 80]),
       st.booleans(), st.lists(st.integers(-2, 45), min_size=1, max_size=3))
def test_a_characters_place_in_the_file_is_where_pairing_every_character_puts_it(
        value, style, width, respaced, at):
    import yaml

    from generator.checker.scalarpos import value_spans, value_spans_at
    from generator.checker.yamlsyntax import Loader

    text = yaml.safe_dump({"summary": value}, default_style=style, allow_unicode=True,
                          width=width)
    node = yaml.compose(text, Loader=Loader).value[0][1]
    raw = text[node.start_mark.index:node.end_mark.index]
    read = " ".join(node.value.split(" ")) + " " if respaced else node.value
    spans = value_spans(raw, read)
    expected = (None if spans is None or not all(0 <= i < len(spans) for i in at)
                else [spans[i] for i in at])
    assert value_spans_at(raw, read, at) == expected


def test_a_weekday_begins_with_a_character_the_first_letters_admit():
    from generator.checker.lints import weekdays

    letters = sorted({d[0] for d in weekdays.WEEKDAYS})
    one = re.compile(weekdays._FIRST, re.IGNORECASE)
    each = re.compile("|".join(map(re.escape, letters)), re.IGNORECASE)
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(one.match(c)) == bool(each.match(c)), hex(ord(c))


DATED = st.lists(st.sampled_from(
    ["Tuesday", "TUESDAY", "tuesday", "ſunday", "Wednesday,", "8", "August", "2024",
     "Aug", "the", "of", "2024-08-06", "во", "вторник,", "6", "августа", "xday", "Friday"]),
    max_size=10)


@settings(max_examples=500, deadline=None)
@given(DATED, st.sampled_from([" ", ", ", "("]))
def test_weekdays_are_found_where_the_pattern_without_the_first_letters_finds_them(words,
                                                                                  sep):
    from generator.checker.lints import weekdays

    _finds_what_it_finds_without(weekdays._PATTERN, f"(?={weekdays._FIRST})", sep.join(words))
