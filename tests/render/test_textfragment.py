"""URL text fragments (``#:~:text=``): the encoding the WICG draft's grammar requires,
its own examples, and the terms chosen for a quote (prefix, suffix, ranges)."""

from __future__ import annotations

import pytest

from generator.checker.normalize import paragraphs
from generator.site.textfragment import (
    LONG_WORDS,
    TextDirective,
    directive,
    encode,
    link,
    parse,
)

# The draft's examples (section "Syntax", "Context Terms", "BiDi Considerations"),
# as (directive, the fragment the draft writes). The Arabic words are written
# without their vowel marks, as the draft's percent-encoding of them is.
DRAFT = [
    (TextDirective("an example text fragment"), "text=an%20example%20text%20fragment"),
    (TextDirective("an example", "text fragment"), "text=an%20example,text%20fragment"),
    (TextDirective("an example", prefix="this is", suffix="text fragment"),
     "text=this%20is-,an%20example,-text%20fragment"),
    (TextDirective("\u0645\u0635\u0631", prefix="\u0627\u0644\u0628\u062d\u0631\u064a\u0646"),
     "text=%D8%A7%D9%84%D8%A8%D8%AD%D8%B1%D9%8A%D9%86-,%D9%85%D8%B5%D8%B1"),
]


@pytest.mark.parametrize("made, written", DRAFT, ids=[w for _, w in DRAFT])
def test_the_drafts_examples(made, written):
    assert str(made) == written
    assert parse(written.removeprefix("text=")) == made


# (term, encoded): the characters the directive's syntax uses are always encoded
ENCODING = [
    ("-", "%2D"), (",", "%2C"), ("&", "%26"),
    ("well-known", "well%2Dknown"), ("3,000 people", "3%2C000%20people"),
    ("salt & pepper", "salt%20%26%20pepper"),
    ("%", "%25"), ("#", "%23"), ("a b", "a%20b"),
    ("“quoted”", "%E2%80%9Cquoted%E2%80%9D"), ("it’s", "it%E2%80%99s"),
    ("—", "%E2%80%94"), ("Курск", "%D0%9A%D1%83%D1%80%D1%81%D0%BA"),
    ("!$'()*+./:;=?@_~", "!$'()*+./:;=?@_~"),  # the draft's explicit characters stay
    ("AZaz09", "AZaz09"),
]


@pytest.mark.parametrize("term, encoded", ENCODING, ids=[e for _, e in ENCODING])
def test_encoding(term, encoded):
    assert encode(term) == encoded
    assert parse(encode(term)) == TextDirective(term)


def test_every_term_with_syntax_characters_reads_back_as_written():
    made = TextDirective("3,000 - or more", "end & so on", "pre-fix", "suf,fix")
    assert parse(str(made).removeprefix("text=")) == made


def test_link_replaces_any_fragment():
    assert link("https://example.org/a?b=1#x", TextDirective("a b")) == \
        "https://example.org/a?b=1#:~:text=a%20b"


TEXT = ("Border report\n\n"
        "Officials said the situation was under control. Critics said the situation "
        "was far from under control.\n\n"
        "The situation was under control, the army said again on Tuesday.\n\n"
        "A long sentence of many words follows here, about the gas transit station "
        "at Sudzha, the last working transit point for gas going to Europe.")


def _direct(quote: str, occurrence: int = 0, *more: str) -> TextDirective:
    at = -1
    for _ in range(occurrence + 1):
        at = TEXT.index(quote, at + 1)
    pieces = [(at, at + len(quote))]
    for piece in more:
        start = TEXT.index(piece, pieces[-1][1])
        pieces.append((start, start + len(piece)))
    return directive(TEXT, pieces, paragraphs(TEXT))


# (case, quote, occurrence, elided pieces, expected directive)
CHOICES = [
    ("a unique quote is its own start", "Critics said", 0, (),
     TextDirective("Critics said")),
    ("the first of two is found without context", "the situation was under control", 0,
     (), TextDirective("the situation was under control")),
    ("a unique quote inside a sentence", "situation was far", 0, (),
     TextDirective("situation was far")),
    ("a repeated quote at a paragraph's start: the previous paragraph's words",
     "The situation was under control", 0, (),
     TextDirective("The situation was under control", prefix="control.")),
    ("a long quote is a range of its first and last words",
     "A long sentence of many words follows here, about the gas transit station", 0, (),
     TextDirective("A long sentence of", "the gas transit station")),
    ("an elided quote is a range from its first piece to its last",
     "Officials said the situation", 0, ("far from under control",),
     TextDirective("Officials said the situation", "far from under control")),
]


@pytest.mark.parametrize("case, quote, occurrence, pieces, expected", CHOICES,
                         ids=[c[0] for c in CHOICES])
def test_terms_chosen(case, quote, occurrence, pieces, expected):
    assert _direct(quote, occurrence, *pieces) == expected


def test_a_quote_said_twice_gets_the_words_that_pick_the_second():
    got = _direct("the situation", 1)  # "Critics said the situation"
    assert got.start == "the situation" and got.prefix and got.prefix.endswith("said")
    assert TEXT.lower().count((got.prefix + " " + got.start).lower()) == 1


def test_the_last_occurrence_at_the_end_of_the_text_uses_a_prefix_even_there():
    text = "Stop now. Stop now."
    got = directive(text, [(10, 19)], paragraphs(text))
    assert got == TextDirective("Stop now.", prefix="now.")


def test_case_does_not_tell_occurrences_apart():
    text = "Under control. The army said under control."
    start = text.index("under control.")
    got = directive(text, [(start, start + 14)], paragraphs(text))
    assert got.prefix == "said"  # browsers match without case, so a prefix is needed


def test_the_long_threshold_is_words():
    quote = " ".join(f"w{i}" for i in range(LONG_WORDS))
    text = quote + " tail."
    assert directive(text, [(0, len(quote))], paragraphs(text)).end is None
    longer = quote + " w99"
    text = longer + " tail."
    assert directive(text, [(0, len(longer))], paragraphs(text)).end is not None


def test_a_suffix_when_the_words_before_do_not_tell_the_two_apart():
    text = "w " * 8 + "stop. Alpha.\n\n" + "w " * 8 + "stop. Beta."
    start = text.rindex("stop.")
    assert directive(text, [(start, start + 5)], paragraphs(text)) == \
        TextDirective("stop.", suffix="Beta.")
