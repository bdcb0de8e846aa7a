"""Excerpt windows: what a site shows of a source it may not republish.

The table gives a text, the cited passages (marked by the words they quote) and
``context_words``; the expected windows are written out as text, so a reader can
see at a glance what a page would show.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker.excerpts import publish_of, window_of, windows
from generator.checker.load import load_text
from generator.checker.normalize import paragraphs
from generator.checker.sentences import sentence_spans

TEXT = ("Headline of the report\n\n"
        "The army said on Tuesday that 300 soldiers crossed. Officials denied it. "
        "The governor declared an emergency. Schools were closed.\n\n"
        "A second paragraph begins here. It says the gas station at Sudzha still works.\n\n"
        "Last words.")


def spans_of(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    return [(text.index(q), text.index(q) + len(q)) for q in quotes]


# (case, cited quotes, context_words, the windows' text in order)
CASES = [
    ("the sentence alone", ["300 soldiers"], 0,
     ["The army said on Tuesday that 300 soldiers crossed."]),
    ("words either side, within the paragraph", ["Officials denied"], 2,
     ["soldiers crossed. Officials denied it. The governor"]),
    ("context stops at the paragraph's start", ["300 soldiers"], 5,
     ["The army said on Tuesday that 300 soldiers crossed. Officials denied it. "
      "The governor"]),
    ("context stops at the paragraph's end, never the next one", ["Schools were"], 30,
     ["The army said on Tuesday that 300 soldiers crossed. Officials denied it. "
      "The governor declared an emergency. Schools were closed."]),
    ("a quote across sentences takes both", ["crossed. Officials"], 0,
     ["The army said on Tuesday that 300 soldiers crossed. Officials denied it."]),
    ("overlapping windows merge", ["300 soldiers", "Officials denied"], 3,
     ["The army said on Tuesday that 300 soldiers crossed. Officials denied it. "
      "The governor declared"]),
    ("windows apart stay apart, in source order", ["Schools were", "300 soldiers"], 0,
     ["The army said on Tuesday that 300 soldiers crossed.", "Schools were closed."]),
    ("adjacent sentences merge", ["300 soldiers", "Officials denied"], 0,
     ["The army said on Tuesday that 300 soldiers crossed. Officials denied it."]),
    ("windows in two paragraphs never merge", ["Schools were", "A second"], 10,
     ["soldiers crossed. Officials denied it. The governor declared an emergency. "
      "Schools were closed.",
      "A second paragraph begins here. It says the gas station at Sudzha still works."]),
    ("a headline is its own paragraph", ["Headline of"], 50, ["Headline of the report"]),
    ("the same passage twice is one window", ["Sudzha", "Sudzha"], 0,
     ["It says the gas station at Sudzha still works."]),
]


@pytest.mark.parametrize("case, quotes, words, expected", CASES, ids=[c[0] for c in CASES])
def test_windows(case, quotes, words, expected):
    got = windows(TEXT, spans_of(TEXT, quotes), words)
    assert [TEXT[a:b] for a, b in got] == expected


def test_a_quote_across_a_paragraph_break_gets_a_window_in_each():
    text = "One sentence here.\n\nAnother sentence there."
    start, end = text.index("here"), text.index("Another") + len("Another")
    assert [text[a:b] for a, b in windows(text, [(start, end)], 0)] == [
        "One sentence here.", "Another sentence there."]


def test_window_of_finds_the_window_holding_a_quote():
    found = windows(TEXT, spans_of(TEXT, ["300 soldiers", "Sudzha"]), 0)
    start = TEXT.index("Sudzha")
    assert TEXT[slice(*window_of(found, start))].startswith("It says")
    assert window_of(found, TEXT.index("Last")) is None


@pytest.mark.parametrize("top, own, expected", [
    ("", "", "excerpts"),                      # nothing said: excerpts
    ("publish: full\n", "", "full"),           # the publication's default
    ("publish: full\n", "    publish: none\n", "none"),  # the source's own wins
    ("", "    publish: full\n", "full"),
])
def test_publish_of_the_source_else_the_publication(top, own, expected):
    text = (f"{top}sources:\n  - id: a\n    file: a.txt\n    title: A\n{own}"
            "claims: []\n")
    project, findings = load_text(text, "claims.yaml", ".")
    assert findings == []
    assert publish_of(project, project.sources[0]) == expected


def test_a_wrong_publish_value_is_a_schema_finding_with_a_suggestion():
    text = "publish: excerpt\nsources: []\nclaims: []\n"
    _, findings = load_text(text, "claims.yaml", ".")
    assert [(f.code, f.line, f.column, f.suggestion) for f in findings] == [
        ("schema", 1, 10, "excerpts")]
    assert "full, excerpts, none" in findings[0].message


WORDS = st.sampled_from(["alpha", "beta", "gamma.", "delta,", "Epsilon", "zeta!", "eta?"])
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", "  \n \n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=60),
       st.lists(st.tuples(st.integers(0, 59), st.integers(1, 8)), min_size=1, max_size=5),
       st.integers(0, 6))
def test_windows_cover_every_quote_stay_in_their_paragraph_and_are_bounded(
        pieces, cites, context_words):
    text = "".join(w + s for w, s in pieces).strip()
    words = [(m_start, m_start + len(w)) for m_start, w in _word_starts(text)]
    spans = []
    for first, count in cites:
        if first < len(words):
            last = min(len(words), first + count) - 1
            spans.append((words[first][0], words[last][1]))
    paras = paragraphs(text)
    sentences = sentence_spans(text)
    found = windows(text, spans, context_words)
    assert found == sorted(found)
    for (_, b), (c, _) in zip(found, found[1:], strict=False):  # in two paragraphs, or
        assert b < c  # with something left out between them
        assert text[b:c].strip() or any(b <= hi < c for _, hi in paras)
    for a, b in found:  # never across a paragraph break
        assert any(lo <= a and b <= hi for lo, hi in paras), (a, b)
    for start, end in spans:  # every quoted character is shown
        for lo, hi in paras:
            if lo < end and start < hi:
                part = (max(start, lo), min(end, hi))
                assert any(a <= part[0] and part[1] <= b for a, b in found)
    for a, b in found:  # and no more than the sentences plus the context words
        inside = [s for s in sentences if a <= s[0] and s[1] <= b]
        outside = text[a:b]
        for s in inside:
            outside = outside.replace(text[s[0]:s[1]], "", 1)
        assert len(outside.split()) <= 2 * context_words * max(1, len(spans))


def _word_starts(text: str):
    pos = 0
    for word in text.split():
        at = text.index(word, pos)
        yield at, word
        pos = at + len(word)
