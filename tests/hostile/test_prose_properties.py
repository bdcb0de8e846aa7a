"""Quotes in the desk's prose hold for *any* text, like citations' quotes.

Checked by hypothesis:

1. An apostrophe never opens a quote: prose made of words with apostrophes
   (``Russia's``, ``don't``, ``soldiers'``, ``Ukraine’s``) has no quoted fragment, and
   in any text a fragment opened by a mark that is also an apostrophe starts a word
   (no letter or digit before the mark) and, between single marks, holds two words.
2. A prose quote of words from a source, changed by one word, one number, an added
   "not" or one letter's case, is reported (``prose-quote-not-found``) unless the
   changed words occur in the source too: none of the new rules (the whole-word
   match, the prose's comma inside the closing mark, published windows, the
   claim's own words) can hide a change.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.checker.lints import prose
from generator.checker.lints.hedges import WordLists
from generator.checker.prose import AMBIGUOUS, SINGLE, fragments
from generator.checker.textmatch import SourceText
from tests.examples import examples

from .conftest import record
from .strategies import LETTERS, words
from .test_textmatch_properties import ref_fold

SETTINGS = settings(max_examples=examples(300), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

ASCII_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                      min_size=1, max_size=8)
APOSTROPHES = "'\u2019\u02bc"


@st.composite
def apostrophe_prose(draw) -> str:
    """Words, some with an apostrophe inside or at the end, and the punctuation
    around them: no quotation mark anywhere."""
    parts = []
    for _ in range(draw(st.integers(1, 20))):
        word = draw(ASCII_WORDS)
        form = draw(st.sampled_from(["plain", "possessive", "contraction", "plural"]))
        mark = draw(st.sampled_from(APOSTROPHES))
        if form == "possessive":
            word += mark + "s"
        elif form == "contraction":
            word = word + mark + draw(st.sampled_from(["t", "ll", "re", "ve", "d"]))
        elif form == "plural":
            word += "s" + mark
        parts.append(word)
        parts.append(draw(st.sampled_from([" ", "  ", ", ", ". ", "\n", " (", ") ",
                                           " - ", "; ", ": "])))
    return "".join(parts)


@SETTINGS
@given(apostrophe_prose())
def test_an_apostrophe_never_opens_a_quote(text):
    found = fragments(text)
    record("prose: apostrophes only", "no fragment" if not found else "FRAGMENT")
    assert found == [], (text, found)


MARKS = "\"'\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u2039\u203a"
mixed = st.lists(st.sampled_from(list(LETTERS[:20]) + list(MARKS) + [" ", " ", "\n", ".",
                                                                     ",", "s", "t"]),
                 max_size=60).map("".join)


@SETTINGS
@given(mixed)
def test_every_fragment_opens_where_a_word_starts(text):
    found = fragments(text)
    last = 0
    for frag in found:
        opener = frag.start - 1
        while opener >= 0 and text[opener].isspace():
            opener -= 1
        mark = text[opener]
        assert mark in MARKS, (text, frag)
        if mark in AMBIGUOUS:
            assert opener == 0 or not text[opener - 1].isalnum(), (text, frag)
        if mark in SINGLE:
            assert len(frag.text.split()) >= 2, (text, frag)
        assert frag.start >= last and frag.text == text[frag.start:frag.end].strip()
        last = frag.end
    record("prose: any marks", f"{min(len(found), 3)}+ fragments" if len(found) >= 3
           else f"{len(found)} fragments")


# -- a changed word never passes -------------------------------------------------------

based = words.filter(lambda w: not unicodedata.combining(w[0]))
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", ". ", " \u2014 ", "\u00a0", "\n\n"])


@st.composite
def source_and_quote(draw):
    ws = draw(st.lists(based, min_size=3, max_size=24))
    seps = draw(st.lists(SEPARATORS, min_size=len(ws) - 1, max_size=len(ws) - 1))
    text, offsets = ws[0], [(0, len(ws[0]))]
    for sep, w in zip(seps, ws[1:], strict=False):
        text += sep
        offsets.append((len(text), len(text) + len(w)))
        text += w
    i = draw(st.integers(0, len(ws) - 1))
    j = draw(st.integers(i, min(len(ws) - 1, i + 6)))
    return text, ws[i:j + 1], offsets[i:j + 1], text[offsets[i][0]:offsets[j][1]]


def _change(draw, quote_words: list[str]) -> tuple[str, list[str]]:
    """One change of the kinds a misquote makes: a word, a number, a "not", a case."""
    kind = draw(st.sampled_from(["word", "number", "not", "case"]))
    out = list(quote_words)
    k = draw(st.integers(0, len(out) - 1))
    if kind == "word":
        out[k] = draw(based.filter(lambda w: w != quote_words[k]))
    elif kind == "number":
        digits = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), out[k])
        out[k] = digits if digits != out[k] else out[k] + "1"
    elif kind == "not":
        out.insert(k + 1, "not")
    else:
        letters = [n for n, c in enumerate(out[k]) if c.swapcase() != c]
        assume(letters)
        n = draw(st.sampled_from(letters))
        out[k] = out[k][:n] + out[k][n].swapcase() + out[k][n + 1:]
        assume(unicodedata.normalize("NFC", out[k]) != unicodedata.normalize("NFC",
                                                                            quote_words[k]))
    return kind, out


@SETTINGS
@given(source_and_quote(), st.data(), st.sampled_from(["\u201c\u201d", "\u00ab\u00bb",
                                                        '""', "\u201e\u201c"]),
       st.booleans())
def test_a_changed_prose_quote_is_reported(doc, data, marks, windowed):
    text, quote_words, _, quote = doc
    assume("\n\n" not in quote)
    kind, changed = _change(data.draw, quote_words)
    changed_text = " ".join(changed)
    summary = f"The source wrote {marks[0]}{changed_text}{marks[1]}, we read."
    assume([f.text for f in fragments(summary)] == [changed_text])
    sources = {"a": SourceText(text)}
    windows = {"a": [(0, len(text))]} if windowed else None
    context = prose.Prose("c.yaml", "", sources, ["a"], ["An unrelated claim."],
                          WordLists.merged(), windows, "c")
    found = [f for f in prose.check([prose.ProseValue("summary", summary, None)], context)
             if f.code == "prose-quote-not-found"]
    there = ref_fold(changed_text).strip(" ") in ref_fold(text)
    record(f"prose: one {kind} changed",
           "reported" if found else "passed: the changed words are in the source")
    if not there:
        assert found, (text, changed_text)


@SETTINGS
@given(source_and_quote(), st.sampled_from(["\u201c\u201d", "\u00ab\u00bb", '""']))
def test_an_unchanged_prose_quote_passes(doc, marks):
    text, _, _, quote = doc
    assume("\n\n" not in quote)
    summary = f"It wrote {marks[0]}{quote}{marks[1]}."
    assume([f.text for f in fragments(summary)] == [quote])
    context = prose.Prose("c.yaml", "", {"a": SourceText(text)}, ["a"], [],
                          WordLists.merged())
    found = list(prose.check([prose.ProseValue("summary", summary, None)], context))
    record("prose: a quote copied from the source", "passed" if not found else "REPORTED")
    assert [f.code for f in found if f.code == "prose-quote-not-found"] == []
