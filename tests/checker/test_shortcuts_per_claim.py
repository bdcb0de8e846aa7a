"""Shortcuts of the per-claim work (quote matching, the claim lints, the prose's
draft) give what the long way gives: the same code with the shortcut turned off,
on generated input that mixes the characters the shortcut looks for."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker import normalize
from generator.checker.textmatch import SourceText


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab “”'\"\\\n\t\u00a0\u2028é…", max_size=40),
       st.sampled_from([None, "'", '"', "|", ">"]), st.sampled_from([8, 30, 80]),
       st.booleans(), st.lists(st.integers(-2, 45), min_size=1, max_size=3))
def test_a_value_read_as_itself_pairs_as_its_units_pair(value, style, width, respaced, at):
    import yaml

    from generator.checker import scalarpos
    from generator.checker.yamlsyntax import Loader

    text = yaml.safe_dump({"summary": value}, default_style=style, allow_unicode=True,
                          width=width)
    node = yaml.compose(text, Loader=Loader).value[0][1]
    raw = text[node.start_mark.index:node.end_mark.index]
    read = " ".join(node.value.split(" ")) + " " if respaced else node.value
    with mock.patch.object(scalarpos, "_read_raw",  # the long way: a unit per character
                           lambda raw: scalarpos._read(scalarpos._units(raw))):
        expected = scalarpos.value_spans_at(raw, read, at)
    assert scalarpos.value_spans_at(raw, read, at) == expected


# Letters, the expansions that make a normalized character part of a longer run
# (``…``, ligatures), marks NFC composes, whitespace runs, elisions and folds.
SOURCE = st.text(alphabet="ab .…ﬁ\u0301e\n \u00a0\u2019“”[]-", max_size=40)


@st.composite
def _source_and_quote(draw):
    """A source, a quote often taken from it (with an elision now and then), and
    perhaps a prefix or suffix taken from around it."""
    text = draw(SOURCE)
    i = draw(st.integers(0, len(text)))
    j = draw(st.integers(i, len(text)))
    quote = draw(st.one_of(st.just(text[i:j]), st.just(text[i:j] + " ... b"),
                           st.text(alphabet="ab .…fi", max_size=6)))
    prefix = draw(st.one_of(st.none(), st.just(text[max(0, i - 3):i]), st.just("a")))
    suffix = draw(st.one_of(st.none(), st.just(text[j:j + 3]), st.just("b")))
    return text, quote, prefix, suffix


def _long_way(text: str) -> SourceText:
    """A source whose quotes are found the long way: every occurrence tested for
    beginning and ending where original characters do."""
    src = SourceText(text)
    vars(src)["_every_split"] = False
    return src


@settings(max_examples=1500, deadline=None)
@given(_source_and_quote())
def test_a_quote_is_found_where_testing_every_occurrence_finds_it(case):
    text, quote, prefix, suffix = case
    assert (SourceText(text).find_all(quote, prefix, suffix)
            == _long_way(text).find_all(quote, prefix, suffix))


@settings(max_examples=800, deadline=None)
@given(SOURCE)
def test_every_character_splits_where_the_source_says_so(text):
    norm = normalize.normalize(text)
    every = all(norm.splits(i) for i in range(len(norm.text) + 1))
    assert not SourceText(text)._every_split or every
    if norm._starts is None:
        assert SourceText(text)._every_split == every



@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab c\n.12", min_size=1, max_size=60),
       st.lists(st.text(alphabet="ab c.2", min_size=1, max_size=12), min_size=1, max_size=3))
def test_a_missing_piece_is_aligned_as_a_fresh_source_aligns_it(text, queries):
    from generator.checker import textmatch

    src = SourceText(text)
    for query in [*queries, *queries]:  # each asked twice, others in between
        fresh = SourceText(text)
        assert textmatch._aligned(src, query) == textmatch._aligned(fresh, query)
        assert src.interruption(query) == fresh.interruption(query)
        assert src.closest(query) == SourceText(text).closest(query)


LAYOUT = st.text(alphabet="ab-\u2010\u00ad\u200b\u0301ﬁ“\u2000\n\r\u2028 \u00a0\t", max_size=20)
WORDS = st.lists(st.sampled_from(["ab", "b-", "a\u2010", "-", "b\u0301", "\u0301a", "ﬁ",
                                  "\u200b", "“a”", "a\u00ad", "é", "B"]), max_size=6)
SPACES = st.text(alphabet=" \n\r\u00a0\u2028\u2000\t\u200b", min_size=1, max_size=3)


@st.composite
def _piece_and_its_source(draw):
    """A quote's piece, and the source's text: often the same words with other
    whitespace between them (a line break for a space), else anything."""
    words = draw(WORDS)
    quoted = "".join(w + draw(SPACES) for w in words) if draw(st.booleans()) else draw(LAYOUT)
    respaced = "".join(w + draw(SPACES) for w in quoted.split())
    return quoted, draw(st.one_of(st.just(respaced), st.just(respaced.strip()), LAYOUT))


@settings(max_examples=2000, deadline=None)
@given(_piece_and_its_source())
def test_a_piece_folds_apart_from_its_source_as_folding_both_says(case):
    from generator.checker import check

    quoted, source = case
    with mock.patch.object(check, "_same_words", lambda quoted, source: False):
        expected = check._folds_apart(quoted, source)  # the long way: both folded
    assert check._folds_apart(quoted, source) == expected
