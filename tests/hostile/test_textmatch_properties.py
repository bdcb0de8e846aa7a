"""Quote matching holds for *any* text, not just the examples in tests/checker.

Checked by hypothesis over texts made of the characters the normalization touches
(curly, low and angle quotation marks, the modifier-letter apostrophe, dashes,
hyphens, minus, ellipsis, ligatures, every kind of whitespace and line break,
zero-width and directional-format characters, soft hyphens, combining marks,
singleton decompositions) mixed with Latin, Cyrillic, Greek, Hebrew and Arabic
letters, digits and punctuation that is *not* folded:

1. Any span of a source, quoted, verifies and maps back to that span. "That span"
   precisely: let ``a'``/``b'`` be the first/last+1 offsets of the span's *content*
   characters (neither whitespace nor zero-width/directional/soft hyphen; those fold
   away at the edges of a quote). Then some match has ``(start, end) == (a', b')``,
   except that when the source is not already NFC the map works per canonical
   cluster (a starter and its combining marks), and a quote whose first content
   character is a combining mark attached to a space is then not found at all.
   Spans that split a starter from its combining marks, or that begin or end inside
   a word broken at a line end (``vibra-\\ntion``), are excluded: a piece of a
   character, or half of a line-break hyphen, cannot be quoted. Conversely every
   match folds to exactly the quote's fold: no false positives, even where one
   character expands to several (``…`` to ``...``, ``ﬃ`` to ``ffi``).
2. Changing, dropping or adding one word (``not``, a number) makes a quote that
   occurs once fail, unless the changed quote (folded) occurs in the source too; a
   letter swapped for its lookalike in another script always fails, and the diff
   names the character.
3. ``fold`` identifies exactly what the documented rules identify: it agrees with an
   independent reference written from them, every rewrite by those rules folds to
   the same result, and case, lookalike letters or unfolded punctuation always
   separate.
4. An elided quote's pieces never resolve in two paragraphs, whatever separates them
   (blank lines of LF, CR or CRLF, U+2029, two U+2028, a line of invisible characters).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from generator.checker.normalize import INVISIBLE, paragraphs
from generator.checker.textmatch import SourceText, fold, normalize, split_quote
from tests.examples import examples

from .conftest import record
from .strategies import (
    DASHES,
    LETTERS,
    WHITESPACE,
    cluster_bounds,
    hyphen_breaks,
    is_content,
    texts,
    words,
)

SETTINGS = settings(max_examples=examples(400), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

SPEC_FOLD = {**{c: "'" for c in "\u2018\u2019\u201a\u201b\u2039\u203a\u02bc"},
             **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"},
             **{c: "-" for c in "\u2013\u2014\u2212\u2010\u2011"}, "\u2026": "...",
             "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
             "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
SPEC_DROP = ("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a\u202b\u202c"
             "\u2066\u2067\u2068\u2069")


def ref_fold(text: str) -> str:
    """The documented normalization, written independently of generator.checker.textmatch."""
    text = unicodedata.normalize("NFC", text)
    dropped = {i for a, b in hyphen_breaks(text) for i in range(a, b)}
    text = "".join(c for i, c in enumerate(text) if i not in dropped)
    text = "".join(SPEC_FOLD.get(c, c) for c in text)
    text = "".join(c for c in text if c not in SPEC_DROP)
    return re.sub(r"\s+", " ", text)


def occurs_whole(needle: str, hay: str) -> bool | None:
    """Whether ``needle`` occurs in ``hay``; None (either answer is right) when it
    occurs only where it would end inside a combining-mark cluster (``ü`` of ``üَ``).

    The matcher refuses such a match when the source needed NFC and allows it when
    it did not (a documented gap: the reference cannot tell the two apart), so
    here the property holds the matcher to nothing. Elsewhere it holds exactly.
    """
    at = hay.find(needle)
    inside = False
    while at >= 0:
        end = at + len(needle)
        if end < len(hay) and unicodedata.combining(hay[end]):
            inside = True
        else:
            return True
        at = hay.find(needle, at + 1)
    return None if inside else False


def in_hyphen_break(text: str, i: int) -> bool:
    return any(a <= i < b for a, b in hyphen_breaks(text))


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
    # Neither end inside a word broken at a line end (as folded: NFC may compose the
    # letter before a hyphen, so texts where that changes the breaks are left out).
    assume(len(hyphen_breaks(text)) == len(hyphen_breaks(unicodedata.normalize("NFC", text))))
    assume(not in_hyphen_break(text, a) and not in_hyphen_break(text, b - 1))
    quote = text[a:b]
    needle = fold(quote).strip(" ")
    assume(needle)
    assume(split_quote(quote) == ([quote.strip()], []))  # no elision marker inside
    content = [i for i in range(a, b) if is_content(text[i])
               and not in_hyphen_break(text, i)]
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
    for s, e in zip(norm.starts, norm.ends, strict=False):
        covered.update(range(s, e))
    assert all(i in covered for i, c in enumerate(text)
               if is_content(c) and not in_hyphen_break(text, i))
    assert norm.span(0, len(norm.text)) == ((norm.starts[0], norm.ends[-1]) if norm.text
                                            else (len(text), len(text)))


SEPARATORS = st.sampled_from([" ", "  ", "\n", "\u00a0", " \u2014 ", ", ", "\u2019s ",
                              " \u201c", "\u201d ", "\t", "\r\n", ". ", "\u200b ", " \u2026 ",
                              " \u00ab", "\u00bb ", "\u02bc", "\u2010", "-\n", "\u00ad\r\n",
                              "\u2029", "\u200e ", " \u2067", "\u2069 ", "\r", "-", "\u2028"])

# A word that begins with a combining mark has no letter to carry it: where the text
# around it is not already NFC the checker keeps the mark with the space before it.
based_words = words.filter(lambda w: not unicodedata.combining(w[0]))


@st.composite
def worded(draw):
    ws = draw(st.lists(based_words, min_size=4, max_size=30))
    seps = draw(st.lists(SEPARATORS, min_size=len(ws) - 1, max_size=len(ws) - 1))
    parts = [ws[0]]
    offsets = [(0, len(ws[0]))]
    for sep, w in zip(seps, ws[1:], strict=False):
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
    new_word = data.draw(based_words.filter(lambda w: w != ws[k]), label="new word")
    a, b = offsets[k]
    changed = quote[:a - offsets[i][0]] + new_word + quote[b - offsets[i][0]:]
    found = source.find_all(changed)
    occurs = occurs_whole(ref_fold(changed).strip(" "), ref_fold(text))
    record("textmatch: one word changed",
           "failed" if not found else "verified: changed text is in the source")
    if occurs is None:
        event("changed text ends inside a combining-mark cluster: either answer")
        return
    assert bool(found) == occurs, (text, quote, changed)
    if found:
        event("changed quote occurs elsewhere")


@SETTINGS
@given(worded(), st.data())
def test_dropping_or_adding_a_word_fails_unless_the_new_text_is_there_too(doc, data):
    text, ws, offsets = doc
    i = data.draw(st.integers(0, len(ws) - 2), label="first word")
    j = data.draw(st.integers(i + 1, min(len(ws) - 1, i + 8)), label="last word")
    quote = text[offsets[i][0]:offsets[j][1]]
    assume(split_quote(quote) == ([quote.strip()], []))
    source = SourceText(text)
    assume(len(source.find_all(quote)) == 1)
    k = data.draw(st.integers(i, j), label="word")
    a, b = offsets[k][0] - offsets[i][0], offsets[k][1] - offsets[i][0]
    if data.draw(st.booleans(), label="drop"):
        changed = (quote[:a] + quote[b:]).strip()
        what = "dropped"
    else:
        extra = data.draw(st.sampled_from(["not", "no", "never", "0", "10", "NOT", "un"])
                          | based_words, label="added word")
        changed = quote[:a] + extra + " " + quote[a:]
        what = "added"
    assume(fold(changed).strip(" "))
    found = source.find_all(changed)
    occurs = occurs_whole(ref_fold(changed).strip(" "), ref_fold(text))
    record(f"textmatch: one word {what}",
           "failed" if not found else "verified: changed text is in the source")
    if occurs is not None:  # None: ends inside a combining-mark cluster (occurs_whole)
        assert bool(found) == occurs, (text, quote, changed)


# Latin letters and a lookalike in Cyrillic or Greek.
LOOKALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "x": "\u0445",
              "y": "\u0443", "A": "\u0391", "E": "\u0395", "O": "\u039f", "K": "\u039a",
              "i": "\u0456", "p": "\u0440"}


@SETTINGS
@given(st.lists(st.text(alphabet="aeocxyAEOKip", min_size=2, max_size=8), min_size=4,
                max_size=12, unique=True), st.data())
def test_a_lookalike_letter_never_matches_and_is_named(ws, data):
    text = " ".join(ws)
    k = data.draw(st.integers(0, len(ws) - 1), label="word")
    pos = data.draw(st.integers(0, len(ws[k]) - 1), label="letter")
    latin = ws[k][pos]
    changed_word = ws[k][:pos] + LOOKALIKES[latin] + ws[k][pos + 1:]
    quote = " ".join(ws[:k] + [changed_word] + ws[k + 1:])
    source = SourceText(text)
    record("textmatch: lookalike letter swapped in", "failed, character named"
           if not source.find_all(quote) else "LOOKALIKE MATCHED")
    assert source.find_all(quote) == []
    assert f"U+{ord(LOOKALIKES[latin]):04X}" in source.closest(quote).diff


# -- property 3: folding identifies exactly the reference's equivalences -------------------

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
    """Rewrite ``base`` by the reference's rules, each applied at random places."""
    out = []
    for ch in base:
        roll = draw(st.integers(0, 5))
        if ch == "'" and roll:
            ch = draw(st.sampled_from("\u2018\u2019\u201a\u201b\u2039\u203a\u02bc"))
        elif ch == '"' and roll:
            ch = draw(st.sampled_from("\u201c\u201d\u201e\u201f\u00ab\u00bb"))
        elif ch == "-" and roll:
            ch = draw(st.sampled_from(DASHES))
        elif ch.isspace() and roll:
            ch = "".join(draw(st.lists(st.sampled_from(WHITESPACE + "".join(INVISIBLES)),
                                       min_size=0, max_size=3))) + draw(
                st.sampled_from(WHITESPACE))
            if out and out[-1] in "-\u2010":  # not a line break right after a hyphen:
                ch = " " + ch                  # that would be a word broken by layout
        elif (roll == 3 and out and out[-1].isalpha() and ch.isalpha() and ch.islower()
              and draw(st.booleans())):  # break the word at a line end
            out.append(draw(st.sampled_from(["-", "\u2010", "\u00ad"]))
                       + draw(st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x0c"])))
        elif roll == 1 and unicodedata.decomposition(ch) and not ch.isspace():
            ch = unicodedata.normalize("NFD", ch)
        out.append(ch)
        if roll == 2 and draw(st.booleans()):
            out.append(draw(st.sampled_from(INVISIBLES)))
    text = "".join(out)
    if draw(st.booleans()):
        text = text.replace("...", "\u2026")
    for plain, ligature in LIGATURE_OF:
        if draw(st.booleans()):
            text = text.replace(plain, ligature)
    return text


LIGATURE_OF = [("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"),
               ("fl", "\ufb02"), ("st", "\ufb06")]
BASE_ALPHABET = LETTERS + "0123456789 .,'\"-" + "\u00e9\u00fc\u0451filst"


@SETTINGS
@given(st.text(alphabet=BASE_ALPHABET, max_size=60), st.data())
def test_every_spec_rewrite_folds_to_the_same_text(base, data):
    variant = data.draw(spec_variant(base), label="variant")
    # An invisible character between a letter and a combining mark would block NFC
    # composition (see test_invisible_inside_a_cluster below): keep them apart here.
    assume(not any(variant[i] in INVISIBLE and unicodedata.combining(variant[i + 1])
                   for i in range(len(variant) - 1)))
    record("textmatch: SPEC rewrites of a text", "fold equal" if fold(variant) == fold(base)
           else "FOLD DIFFERS")
    assert fold(variant) == fold(base), (base, variant)
    source, quote = "x " + variant + " y", "x " + base + " y"
    # A rewrite that breaks the text into paragraphs (U+2029, blank lines) splits an
    # elided quote's pieces apart, which property 4 holds must not match.
    if base.strip(" ") and fold(base).strip() and (
            len(paragraphs(source)) == len(paragraphs(quote)) or "..." not in base):
        assert SourceText(source).find_all(quote), (base, variant)


@SETTINGS
@given(st.text(alphabet=LETTERS + " ,.-", min_size=1, max_size=40), st.data())
def test_case_and_unfolded_punctuation_always_separate(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    ch = text[i]
    other = data.draw(st.sampled_from([ch.swapcase(), LOOKALIKES.get(ch, "\u0441"), "_", ";",
                                       "\u2032", "\u2015", "\u05f3", "\u202e", "\u0640"])
                      .filter(lambda c: c != ch))
    changed = text[:i] + other + text[i + 1:]
    record("textmatch: case/punctuation changes", "kept apart"
           if fold(changed) != fold(text) else "COLLISION")
    assert fold(changed) != fold(text)


@pytest.mark.xfail(strict=True, reason=(
    "The matcher applies NFC before dropping zero-width characters, so an invisible character "
    "between a letter and its combining mark blocks composition: 'e\\u200b\\u0301' folds "
    "to 'e\\u0301', which does not match a quoted precomposed 'é'. Harmless in practice; "
    "dropping invisibles before NFC would fix it."))
def test_invisible_inside_a_cluster():
    assert fold("caf" + "e\u200b\u0301") == fold("caf\u00e9")


# -- property 4: an elision never crosses a paragraph break ---------------------

PARAGRAPH_GAPS = ["\n\n", "\r\n\r\n", "\r\r", "\u2029", "\u2028\u2028", "\n\u200b\n",
                  "\n \t\n", "\r\n\n", "\n\u2029", "\u2028 \u2028", "\r\u200e\r"]
LINE_GAPS = [" ", "\n", "\r\n", "\r", "\u2028", " \u200b "]


@st.composite
def paragraphs_of_words(draw):
    """Words, each followed by a separator: a line break, a space or a paragraph break.
    Returns the text, the words' spans and each word's paragraph number."""
    # A word may not begin with a combining mark: it would attach to the separator.
    ws = draw(st.lists(based_words,
                       min_size=4, max_size=24))
    parts, spans, paras, para, pos = [], [], [], 1, 0
    for w in ws:
        spans.append((pos, pos + len(w)))
        paras.append(para)
        sep = draw(st.sampled_from(LINE_GAPS + PARAGRAPH_GAPS))
        para += sep in PARAGRAPH_GAPS
        parts += [w, sep]
        pos += len(w) + len(sep)
    return "".join(parts), spans, paras


@SETTINGS
@given(paragraphs_of_words(), st.data())
def test_an_elided_quote_never_joins_two_paragraphs(doc, data):
    text, spans, paras = doc
    i = data.draw(st.integers(0, len(spans) - 2), label="first piece")
    j = data.draw(st.integers(i + 1, len(spans) - 1), label="second piece")
    quote = text[slice(*spans[i])] + " [...] " + text[slice(*spans[j])]
    matches = SourceText(text).find_all(quote)
    for m in matches:  # wherever it resolved, both pieces are in one paragraph
        assert paras_of_offsets(spans, paras, m) == 1, (text, quote, m)
    same = paras[i] == paras[j]
    record("textmatch: elided quote across a paragraph break" if not same else
           "textmatch: elided quote inside a paragraph",
           "verified within one paragraph" if matches else "not found")
    if same:
        assert matches, (text, quote)


def paras_of_offsets(spans, paras, match) -> int:
    """How many paragraphs the pieces of a match fall in (by the words they touch)."""
    found = set()
    for a, b in match.pieces:
        found |= {p for (s, e), p in zip(spans, paras, strict=False) if s < b and a < e}
    return len(found)
