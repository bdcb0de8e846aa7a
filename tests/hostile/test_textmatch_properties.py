"""Quote matching holds for *any* text, not just the examples in tests/checker.

Three properties, checked by hypothesis over texts made of the characters SPEC.md's
normalization touches (curly quotes, dashes, minus, ellipsis, every kind of
whitespace including NBSP and CR/LF, zero-width characters, soft hyphens, combining
marks, singleton decompositions) mixed with letters, digits and punctuation that is
*not* folded:

1. Any span of a source, quoted, verifies and maps back to that span. "That span"
   precisely: let ``a'``/``b'`` be the first/last+1 offsets of the span's *content*
   characters (neither whitespace nor zero-width/soft hyphen; those fold away at the
   edges of a quote). Then some match has ``(start, end) == (a', b')``, except that
   when the source is not already NFC the map works per canonical cluster (a starter
   and its combining marks), and a quote whose first content character is a
   combining mark attached to a space is then not found at all. Spans that split a
   starter from its combining marks are excluded: a piece of a character cannot be
   quoted. Conversely every match folds to exactly the quote's fold: no false
   positives, even where one character expands to several (``…`` to ``...``).
2. Changing one word of a quote that occurs once makes it fail, unless the changed
   quote (folded) occurs in the source too.
3. ``fold`` identifies exactly what SPEC.md's rules identify: it agrees with an
   independent reference written straight from SPEC.md, every SPEC rewrite of a text
   folds to the same result, and case or unfolded punctuation always separate.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from generator.textmatch import INVISIBLE, SourceText, fold, normalize, split_quote

from .conftest import record
from .strategies import (
    COMBINING,
    CURLY,
    DASHES,
    LETTERS,
    WHITESPACE,
    cluster_bounds,
    is_content,
    texts,
    words,
)

SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

SPEC_FOLD = {**{c: "'" for c in "\u2018\u2019\u201a\u201b"},
             **{c: '"' for c in "\u201c\u201d\u201e\u201f"},
             **{c: "-" for c in "\u2013\u2014\u2212"}, "\u2026": "..."}


def ref_fold(text: str) -> str:
    """SPEC.md's normalization, written independently of generator.textmatch."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(SPEC_FOLD.get(c, c) for c in text)
    text = "".join(c for c in text if c not in "\u200b\u200c\u200d\u2060\ufeff\u00ad")
    return re.sub(r"\s+", " ", text)


def _cluster_start(text: str, i: int) -> int:
    while i > 0 and unicodedata.combining(text[i]):
        i -= 1
    return i


# -- property 1: any span verifies and maps back ----------------------------------

@SETTINGS
@given(st.data())
def test_any_span_verifies_and_maps_back_to_that_span(data):
    text = data.draw(texts, label="text")
    bounds = cluster_bounds(text)
    a = data.draw(st.sampled_from(bounds), label="a")
    later = [x for x in bounds if x > a]
    assume(later)
    b = data.draw(st.sampled_from(later), label="b")
    quote = text[a:b]
    needle = fold(quote).strip(" ")
    assume(needle)
    assume(split_quote(quote) == ([quote.strip()], []))  # no elision marker inside
    content = [i for i in range(a, b) if is_content(text[i])]
    a2, b2 = content[0], content[-1] + 1

    source = SourceText(text)
    matches = source.find_all(quote)
    spans = {(m.start, m.end) for m in matches}
    if unicodedata.is_normalized("NFC", text) or a2 == _cluster_start(text, a2):
        record("textmatch: any span quoted",
               "verified and mapped back" if (a2, b2) in spans else "NOT FOUND")
        assert (a2, b2) in spans, (text, quote, spans)
    else:
        record("textmatch: any span quoted", "starts with a combining mark cut from its "
               "base: " + ("found" if matches else "not found (allowed)"))
        # The quote begins with a combining mark that the source attaches to a
        # space: the map works per cluster, so this piece of a cluster is unquotable.
        event("quote starts inside a cluster")
    for m in matches:
        assert m.pieces == ((m.start, m.end),)
        assert m.paragraph == source.paragraph_of(m.start)
        # No false positives: the original at every match folds to the quote's own
        # fold (a match never starts or ends inside one character's expansion).
        assert fold(text[m.start:m.end]).strip(" ") == needle, (text, quote, m)


@SETTINGS
@given(texts)
def test_normalize_map_loses_nothing(text):
    """Each normalized character maps to a span; spans are ordered and cover every
    content character of the original, so no visible character is lost by the map."""
    norm = normalize(text)
    record("textmatch: normalize map", "complete and ordered")
    assert norm.text == fold(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for i in range(len(norm.text)):
        assert 0 <= norm.starts[i] < norm.ends[i] <= len(text)
        if i:
            assert norm.starts[i - 1] <= norm.starts[i]
            assert norm.ends[i - 1] <= norm.ends[i]
    covered = set()
    for s, e in zip(norm.starts, norm.ends):
        covered.update(range(s, e))
    assert all(i in covered for i, c in enumerate(text) if is_content(c))
    assert norm.span(0, len(norm.text)) == ((norm.starts[0], norm.ends[-1]) if norm.text
                                            else (len(text), len(text)))


SEPARATORS = st.sampled_from([" ", "  ", "\n", "\u00a0", " \u2014 ", ", ", "\u2019s ",
                              " \u201c", "\u201d ", "\t", "\r\n", ". ", "\u200b ", " \u2026 "])


@st.composite
def worded(draw):
    ws = draw(st.lists(words, min_size=4, max_size=30))
    seps = draw(st.lists(SEPARATORS, min_size=len(ws) - 1, max_size=len(ws) - 1))
    parts = [ws[0]]
    offsets = [(0, len(ws[0]))]
    for sep, w in zip(seps, ws[1:]):
        parts.append(sep)
        start = sum(map(len, parts))
        parts.append(w)
        offsets.append((start, start + len(w)))
    return "".join(parts), ws, offsets


@SETTINGS
@given(worded(), st.data())
def test_changing_one_word_fails_unless_the_new_text_is_there_too(doc, data):
    text, ws, offsets = doc
    i = data.draw(st.integers(0, len(ws) - 1), label="first word")
    j = data.draw(st.integers(i, min(len(ws) - 1, i + 8)), label="last word")
    quote = text[offsets[i][0]:offsets[j][1]]
    assume(split_quote(quote) == ([quote.strip()], []))
    source = SourceText(text)
    assume(len(source.find_all(quote)) == 1)
    k = data.draw(st.integers(i, j), label="changed word")
    new_word = data.draw(words.filter(lambda w: w != ws[k]), label="new word")
    a, b = offsets[k]
    changed = quote[:a - offsets[i][0]] + new_word + quote[b - offsets[i][0]:]
    found = source.find_all(changed)
    occurs = ref_fold(changed).strip(" ") in ref_fold(text)
    record("textmatch: one word changed",
           "failed" if not found else "verified: changed text is in the source")
    assert bool(found) == occurs, (text, quote, changed)
    if found:
        event("changed quote occurs elsewhere")


# -- property 3: folding identifies exactly SPEC's equivalences -------------------

@SETTINGS
@given(texts, texts)
def test_fold_agrees_with_a_reference_written_from_spec(x, y):
    assert fold(x) == ref_fold(x), x
    record("textmatch: random text pairs", "no collision beyond SPEC"
           if (fold(x) == fold(y)) == (ref_fold(x) == ref_fold(y)) else "COLLISION")
    assert (fold(x) == fold(y)) == (ref_fold(x) == ref_fold(y))


INVISIBLES = sorted(INVISIBLE)


@st.composite
def spec_variant(draw, base: str) -> str:
    """Rewrite ``base`` by SPEC's rules, each applied at random places."""
    out = []
    for ch in base:
        roll = draw(st.integers(0, 5))
        if ch == "'" and roll:
            ch = draw(st.sampled_from("\u2018\u2019\u201a\u201b"))
        elif ch == '"' and roll:
            ch = draw(st.sampled_from("\u201c\u201d\u201e\u201f"))
        elif ch == "-" and roll:
            ch = draw(st.sampled_from(DASHES))
        elif ch.isspace() and roll:
            ch = "".join(draw(st.lists(st.sampled_from(WHITESPACE + "".join(INVISIBLES)),
                                       min_size=0, max_size=3))) + draw(
                st.sampled_from(WHITESPACE))
        elif roll == 1 and unicodedata.decomposition(ch) and not ch.isspace():
            ch = unicodedata.normalize("NFD", ch)
        out.append(ch)
        if roll == 2 and draw(st.booleans()):
            out.append(draw(st.sampled_from(INVISIBLES)))
    text = "".join(out)
    if draw(st.booleans()):
        text = text.replace("...", "\u2026")
    return text


BASE_ALPHABET = LETTERS + "0123456789 .,'\"-" + "\u00e9\u00fc\u0451"


@SETTINGS
@given(st.text(alphabet=BASE_ALPHABET, max_size=60), st.data())
def test_every_spec_rewrite_folds_to_the_same_text(base, data):
    variant = data.draw(spec_variant(base), label="variant")
    # An invisible character between a letter and a combining mark would block NFC
    # composition (see test_invisible_inside_a_cluster below): keep them apart here.
    assume(not re.search(f"[{INVISIBLE}][{COMBINING}]", variant))
    record("textmatch: SPEC rewrites of a text", "fold equal" if fold(variant) == fold(base)
           else "FOLD DIFFERS")
    assert fold(variant) == fold(base), (base, variant)
    assert SourceText("x " + variant + " y").find_all("x " + base + " y") if base.strip(
        " ") and fold(base).strip() else True


@SETTINGS
@given(st.text(alphabet=LETTERS + " ,.-", min_size=1, max_size=40), st.data())
def test_case_and_unfolded_punctuation_always_separate(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    ch = text[i]
    other = data.draw(st.sampled_from([ch.swapcase(), "\u00ab", "\u2010", "_", ";", "\u2032"])
                      .filter(lambda c: c != ch))
    changed = text[:i] + other + text[i + 1:]
    record("textmatch: case/punctuation changes", "kept apart"
           if fold(changed) != fold(text) else "COLLISION")
    assert fold(changed) != fold(text)


@pytest.mark.xfail(strict=True, reason=(
    "SPEC applies NFC before dropping zero-width characters, so an invisible character "
    "between a letter and its combining mark blocks composition: 'e\\u200b\\u0301' folds "
    "to 'e\\u0301', which does not match a quoted precomposed 'é'. Harmless in practice; "
    "dropping invisibles before NFC would fix it."))
def test_invisible_inside_a_cluster():
    assert fold("caf" + "e\u200b\u0301") == fold("caf\u00e9")
