"""The words find and suggest compare: one list of stop words, one stem."""

from __future__ import annotations

import pytest

from generator.editor.words import FUNCTION_WORDS, STOPWORDS, content_words, stem


@pytest.mark.parametrize("word, stemmed", [
    ("flowing", "flow"), ("flows", "flow"), ("flowed", "flow"),
    ("evacuated", "evacua"), ("evacuation", "evacua"),
    ("troops", "troop"), ("troop", "troop"),
    ("gas", "gas"), ("uses", "uses"),  # too short to lose a suffix
    ("войска", "войска"), ("Ukrainian", "Ukrain"),
])
def test_stem(word, stemmed):
    assert stem(word) == stemmed


@pytest.mark.parametrize("text, stop, words", [
    ("About 3,000 people were evacuated from the districts.", FUNCTION_WORDS,
     {"3000", "about", "distri", "evacua", "people"}),
    ("About 3,000 people were evacuated from the districts.", STOPWORDS,
     {"3000", "distri", "evacua", "people"}),
    # find keeps "not" and "said": they tell a remembered passage from its neighbour
    ("Officials said troops did not attack.", FUNCTION_WORDS,
     {"offici", "said", "troop", "did", "not", "attack"}),
    ("Officials said troops did not attack.", STOPWORDS, {"offici", "troop", "attack"}),
    # folded first: curly apostrophes, ligatures and case do not matter
    ("Ukraine’s OFFICE", FUNCTION_WORDS, {"ukrain", "office"}),
    ("Ukraine's office", FUNCTION_WORDS, {"ukrain", "office"}),
    ("ﬁgures of 1.5 km", FUNCTION_WORDS, {"figur", "15", "km"}),
    ("the and of", STOPWORDS, set()),
])
def test_content_words(text, stop, words):
    assert content_words(text, stop) == words


def test_what_find_keeps_suggest_drops_and_never_the_other_way():
    assert FUNCTION_WORDS < STOPWORDS
    assert {"not", "said", "would"} <= STOPWORDS - FUNCTION_WORDS
