"""Quote matching, rule by rule: docs/reference.md's normalization, elision, prefix and suffix."""

from __future__ import annotations

import pytest

from generator.checker.textmatch import (
    SourceText,
    fold,
    normalize,
    paragraphs,
    split_quote,
    word_diff,
)

# (rule, source text, quote that must verify, the original span it must resolve to)
NORMALIZATION = [
    ("NFC: composed vs decomposed", "the cafe\u0301 opened", "the café opened",
     "the cafe\u0301 opened"),
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
    ("modifier-letter apostrophe (Ukrainian)", "вʼїзд до міста", "в'їзд до міста",
     "вʼїзд до міста"),
    ("hyphen U+2010", "a well\u2010known fact", "a well-known fact", "a well\u2010known fact"),
    ("non-breaking hyphen U+2011", "a well\u2011known fact", "a well-known fact",
     "a well\u2011known fact"),
    ("guillemets", "он сказал «нет» вчера", 'он сказал "нет" вчера',
     "он сказал «нет» вчера"),
    ("single guillemets", "il dit \u2039non\u203a hier", "il dit 'non' hier",
     "il dit \u2039non\u203a hier"),
    ("ligature fi", "the \ufb01nal report", "the final report", "the \ufb01nal report"),
    ("ligature fl", "a \ufb02ood warning", "a flood warning", "a \ufb02ood warning"),
    ("ligature ff", "the sta\ufb00 left", "the staff left", "the sta\ufb00 left"),
    ("ligature ffi", "the o\ufb03ce closed", "the office closed", "the o\ufb03ce closed"),
    ("ligature ffl", "the ba\ufb04ed officials", "the baffled officials",
     "the ba\ufb04ed officials"),
    ("ligature long s t", "the \ufb05ate budget", "the state budget", "the \ufb05ate budget"),
    ("ligature st", "the \ufb06ate budget", "the state budget", "the \ufb06ate budget"),
    ("hyphen at a line break (LF)", "the vibra-\ntion stopped", "the vibration stopped",
     "the vibra-\ntion stopped"),
    ("hyphen at a line break (CRLF)", "the vibra-\r\ntion stopped", "the vibration stopped",
     "the vibra-\r\ntion stopped"),
    ("hyphen at a line break (CR)", "the vibra-\rtion stopped", "the vibration stopped",
     "the vibra-\rtion stopped"),
    ("hyphen at a line separator", "the vibra-\u2028tion stopped", "the vibration stopped",
     "the vibra-\u2028tion stopped"),
    ("hyphen at a page break", "the vibra-\x0ction stopped", "the vibration stopped",
     "the vibra-\x0ction stopped"),
    ("U+2010 at a line break", "the vibra\u2010\ntion stopped", "the vibration stopped",
     "the vibra\u2010\ntion stopped"),
    ("soft hyphen at a line break", "the vibra\u00ad\ntion stopped", "the vibration stopped",
     "the vibra\u00ad\ntion stopped"),
    ("hyphen at a line break, Cyrillic", "заяв-\nление сделано", "заявление сделано",
     "заяв-\nление сделано"),
    ("the quote itself broken", "the vibration stopped", "the vibra-\ntion stopped",
     "the vibration stopped"),
    ("left-to-right mark", "Tel Aviv\u200e said on Monday", "Tel Aviv said on Monday",
     "Tel Aviv\u200e said on Monday"),
    ("right-to-left mark in Hebrew", "הוא אמר\u200f 20 אנשים", "הוא אמר 20 אנשים",
     "הוא אמר\u200f 20 אנשים"),
    ("Arabic letter mark", "قال\u061c 20 شخصا", "قال 20 شخصا", "قال\u061c 20 شخصا"),
    ("embedding", "he said \u202bשלום\u202c today", "he said שלום today",
     "he said \u202bשלום\u202c today"),
    ("isolate", "he said \u2067שלום\u2069 today", "he said שלום today",
     "he said \u2067שלום\u2069 today"),
    ("Greek with tonos, decomposed", "ο υπουργός δήλωσε", "ο υπουργο\u0301ς δήλωσε",
     "ο υπουργός δήλωσε"),
    ("Hebrew with points", "בְּרֵאשִׁית בָּרָא", "בְּרֵאשִׁית בָּרָא", "בְּרֵאשִׁית בָּרָא"),
    ("Arabic with harakat", "قَالَ الوَزِيرُ", "قَالَ الوَزِيرُ", "قَالَ الوَزِيرُ"),
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
    ("1-2", "1_2"),
    ("stopped.", "stopped,"),
    ("it was not informed beforehand", "it was informed beforehand"),  # no word skipped
    ("it was informed beforehand", "it was not informed beforehand"),
    ("an attack", "an \u0430ttack"),  # Cyrillic a is not Latin a
    ("an \u0430ttack", "an attack"),
    ("a \u03bfil spill", "a oil spill"),  # Greek omicron is not Latin o
    ("a well-known fact", "a wellknown fact"),  # a hyphen inside a line stays
    ("the Anglo-\nSaxon kings", "the AngloSaxon kings"),  # capital after the break
    ("pages 1-\n2 and", "pages 12 and"),  # digits are not a word broken by layout
    ("the pre- \nand post-war", "the preand post-war"),  # space before the break
    ("the vibra-\n\ntion", "the vibration"),  # a blank line is not a layout break
    ("the vibra-\n tion", "the vibration"),
    ("he said \u202eevil\u202c today", "he said evil today"),  # overrides reorder text
    ("the \ufb01nal report", "the fnal report"),
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


PARAGRAPH_BREAKS = [
    ("blank line (LF)", "\n\n"),
    ("blank line (CRLF)", "\r\n\r\n"),
    ("blank line (CR only)", "\r\r"),
    ("blank line with spaces", "\n \t\n"),
    ("paragraph separator U+2029", "\u2029"),
    ("two line separators U+2028", "\u2028\u2028"),
    ("a line of only a zero-width space", "\n\u200b\n"),
    ("a line of only a BOM and spaces", "\r\n \ufeff \r\n"),
    ("CR then LF-blank", "\r\n\n"),
]


@pytest.mark.parametrize("name, gap", PARAGRAPH_BREAKS, ids=[r[0] for r in PARAGRAPH_BREAKS])
def test_each_paragraph_break_separates_paragraphs(name, gap):
    text = "Officials said the town was calm." + gap + "Later the town was shelled."
    assert [text[a:b] for a, b in paragraphs(text)] == [
        "Officials said the town was calm.", "Later the town was shelled."]
    src = SourceText(text)
    assert src.find_all("Officials said [...] the town was shelled") == []
    assert src.find_all("Officials said ... was calm") != []


@pytest.mark.parametrize("gap", ["\n", "\r\n", "\r", "\u2028", "\n \n".replace(" \n", "x\n")])
def test_a_single_line_break_keeps_one_paragraph(gap):
    text = "Officials said the town" + gap + "was calm."
    assert len(paragraphs(text)) == 1
    assert SourceText(text).find_all("Officials said [...] calm") != []


@pytest.mark.parametrize("quote, source, diff", [
    ("about 30,000 troops", "about 3,000 troops", "about [-30,000-]{+3,000+} troops"),
    ("would closed", "would stay closed", "would {+stay+} closed"),
    ("a very large attack", "a large attack", "a [-very-] large attack"),
])
def test_word_diff_names_the_words_that_differ(quote, source, diff):
    assert word_diff(quote, source) == diff


@pytest.mark.parametrize("quote, source, named", [
    ("an \u0430ttack on", "an attack on",
     "the quote has U+0430 CYRILLIC SMALL LETTER A where the source has "
     "U+0061 LATIN SMALL LETTER A"),
    ("the \u039fblast", "the Oblast",
     "the quote has U+039F GREEK CAPITAL LETTER OMICRON where the source has "
     "U+004F LATIN CAPITAL LETTER O"),
    ("he said evil", "he said \u202eevil",
     "the source has U+202E RIGHT-TO-LEFT OVERRIDE, which the quote does not"),
])
def test_word_diff_names_a_lookalike_character(quote, source, named):
    diff = word_diff(quote, source)
    assert f"+}} ({named})" in diff
    passage = SourceText(f"Earlier text. {source} here.").closest(quote)
    assert named in passage.diff


def test_word_diff_names_no_character_for_a_plain_change():
    assert "U+" not in word_diff("about 30,000 troops", "about 3,000 troops")
    assert "U+" not in word_diff("in Kyiv today", "in Kiev today")
    assert "U+" not in word_diff("it stopped, they said", "it stopped. they said")
    assert "U+" not in word_diff("\u041c\u044b \u043d\u0435", "\u043d\u0435 \u043d\u0435")


def test_word_diff_names_a_character_without_a_name_by_its_code_point():
    assert word_diff("the x\ue000y", "the xy") == (
        "the [-x\ue000y-]{+xy+} (the quote has U+E000 (unnamed), which the source does not)")


PAGE_BREAK = ("The ministry said on Tuesday that the\n14\nANNUAL REPORT 2023\n"
              "plant was closed for repairs.\n\nA second paragraph.")


def test_a_quote_across_a_page_number_and_running_head_is_named():
    src = SourceText(PAGE_BREAK)
    quote = "said on Tuesday that the plant was closed"
    assert src.find_all(quote) == []
    cut = src.interruption(quote)
    assert cut.between == "14\nANNUAL REPORT 2023"
    assert cut.before == "said on Tuesday that the"
    assert cut.after == "plant was closed"
    assert cut.split == 5


@pytest.mark.parametrize("quote", [
    "said on Tuesday that the plant was not closed",  # a word changed as well
    "said on Tuesday that the plant closed",  # a word dropped as well
    "said on Tuesday the plant was closed",
    "said on Tuesday that the plant is closed",
    "say on Tuesday that the plant was closed",
])
def test_an_interruption_needs_every_other_word_exactly(quote):
    assert SourceText(PAGE_BREAK).interruption(quote) is None


@pytest.mark.parametrize("text", [
    "said on Tuesday that the 14 plant was closed",  # the extra word is inline
    "said on Tuesday that the\n14 plant was closed",  # not on a line of its own
    "said on Tuesday that the\n" + "long running head " * 12 + "\nplant was closed",
    "said on Tuesday that the\none\ntwo\nthree\nfour\nplant was closed",
])
def test_only_short_lines_of_their_own_count_as_page_furniture(text):
    assert SourceText(text).interruption("said on Tuesday that the plant was closed") is None


def test_closest_passage_in_a_long_source():
    filler = " ".join(f"Sentence number {i} talks about something else entirely." for i in
                      range(90))
    text = (filler + " It said that 300 soldiers, 11 tanks, and 20 combat vehicles took part. "
            + filler)
    src = SourceText(text)
    assert len(text) > 5000
    passage = src.closest("It said that 30,000 soldiers, 11 tanks, and 20 combat vehicles")
    assert passage.text == "It said that 300 soldiers, 11 tanks, and 20 combat vehicles"
    assert "[-30,000-]{+300+}" in passage.diff
    assert 0.9 < passage.similarity < 1


def test_fold_without_punctuation_keeps_quotes():
    assert fold("“a”\u00a0 b", punctuation=False) == "“a” b"


# -- the closest passage and its diff, at their edges (see tests/mutation) ----------------------

@pytest.mark.parametrize("text, lo, hi, bounds", [
    ("one two three", 5, 9, (4, 13)),  # inside words: out to their edges
    ("one two three", 1, 12, (0, 13)),  # ... to the very start and end
    ("one two three", 0, 3, (0, 3)),  # already at edges
    ("one two three", 4, 7, (4, 7)),
    ("one two three", 0, 13, (0, 13)),
    (" one two", 0, 2, (0, 4)),
])
def test_word_bounds_widen_a_span_to_whole_words(text, lo, hi, bounds):
    from generator.checker.textmatch import _word_bounds
    assert _word_bounds(text, lo, hi) == bounds


@pytest.mark.parametrize("quote, source, named", [
    ("ab", "ab", ""),  # nothing differs
    ("x\u0430y", "xy", ""),  # a letter more is a changed word, not a lookalike
    ("x\u0430y\u202e", "xay", " (the quote has U+0430 CYRILLIC SMALL LETTER A where the source "
     "has U+0061 LATIN SMALL LETTER A; the quote has U+202E RIGHT-TO-LEFT OVERRIDE, which the "
     "source does not)"),
    ("\u0430\u0435", "ae", " (the quote has U+0430 CYRILLIC SMALL LETTER A where the source has "
     "U+0061 LATIN SMALL LETTER A; the quote has U+0435 CYRILLIC SMALL LETTER IE where the "
     "source has U+0065 LATIN SMALL LETTER E)"),  # four characters: still named
    ("\u0430b\u0435c\u202e", "abec", ""),  # five: too many to be a slip of the eye
    ("x\u200e\u200fy", "xy", " (the quote has U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT "
     "MARK, which the source does not)"),
    ("xy", "x\u200e\u200fy", " (the source has U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT "
     "MARK, which the quote does not)"),
])
def test_characters_are_named_only_for_a_small_lookalike_change(quote, source, named):
    from generator.checker.quotediff import _name_characters
    assert _name_characters(quote, source) == named


LONG = ("the quick brown fox jumps over the lazy dog and keeps on running " * 5).strip()


def test_a_character_is_named_in_a_long_passage_too():
    from generator.checker.quotediff import _name_characters
    assert _name_characters(LONG + "\u202e" + LONG, LONG + LONG) == (
        " (the quote has U+202E RIGHT-TO-LEFT OVERRIDE, which the source does not)")


def test_word_diff_names_lookalikes_in_two_neighbouring_words():
    assert word_diff("the \u0430ttack \u043en them", "the attack on them") == (
        "the [-\u0430ttack \u043en-]{+attack on+} (the quote has U+0430 CYRILLIC SMALL LETTER A "
        "where the source has U+0061 LATIN SMALL LETTER A; the quote has U+043E CYRILLIC SMALL "
        "LETTER O where the source has U+006F LATIN SMALL LETTER O) them")


def test_a_long_quote_diffs_only_the_word_that_changed():
    # over 200 words, much repeated: difflib's "popular" heuristic must stay off
    quote = " ".join(["word"] * 120 + ["\u0430ttack"] + ["word"] * 120)
    source = " ".join(["word"] * 120 + ["attack"] + ["word"] * 120)
    assert word_diff(quote, source) == " ".join(["word"] * 120) + (
        " [-\u0430ttack-]{+attack+} (the quote has U+0430 CYRILLIC SMALL LETTER A where the "
        "source has U+0061 LATIN SMALL LETTER A) ") + " ".join(["word"] * 120)
    passage = SourceText("Intro line here.\n\n" + source + " and more after it.").closest(quote)
    assert passage.text == source


def test_the_closest_passage_stays_near_the_best_alignment():
    # "june" occurs only far away: the passage must not stretch to it
    src = SourceText("the mayor said the bridge would open in may. "
                     + "Filler words go here. " * 20 + "It will open in june or later.")
    passage = src.closest("the mayor said the bridge would open in june")
    assert passage.text == "the mayor said the bridge would open in may."
    assert passage.diff == "the mayor said the bridge would open in [-june-]{+may.+}"


def test_a_missing_quote_that_begins_with_x_is_diffed_whole():
    passage = SourceText("Xavier said the bridge would reopen.").closest(
        "Xavier said the bridge would open")
    assert passage.diff == "Xavier said the bridge would [-open-]{+reopen.+}"


# -- normalization maps and hyphen breaks, case by case -------------------------------------------

@pytest.mark.parametrize("text, breaks", [
    ("vibra-\ntion", [(5, 7)]),
    ("vibra-\ntion and oscil-\nlation", [(5, 7), (21, 23)]),
    ("well-known", []),  # no line break
    ("Anglo-\nSaxon", []),  # a capital after the break: a real hyphen
    ("1-\nx", []),  # a digit before the hyphen
    ("a1-\nb", []),  # ... even after a letter
    ("-\nb", []),  # nothing before the hyphen
    ("a-\n2", []),  # a digit after the break
])
def test_hyphen_breaks_join_only_a_word_split_by_the_layout(text, breaks):
    from generator.checker.normalize import hyphen_breaks
    assert hyphen_breaks(text) == breaks


@pytest.mark.parametrize("source, quote, exact", [
    ("the vibra-\ntion and oscil-\nlation", "the vibration and oscillation",
     "the vibra-\ntion and oscil-\nlation"),  # two breaks in one text
    ("xb cafe\u0301 opened", "b café opened", "b cafe\u0301 opened"),  # NFC from the 2nd char
    ("\u2026.. so", "..", ".."),  # `..` is not inside `…`, but after it
])
def test_a_quote_resolves_to_exactly_its_own_characters(source, quote, exact):
    [match] = SourceText(source).find_all(quote)
    assert source[match.start:match.end] == exact


@pytest.mark.parametrize("text, offset, index", [
    ("a  b", 0, 0),  # the first character
    ("a  bcd", 4, 3),  # inside a copied run after a folded one
    ("ab\u200b\u200bcd", 3, 2),  # inside dropped characters: the next kept one
])
def test_norm_offset_maps_an_original_offset_to_the_normalized_text(text, offset, index):
    assert normalize(text).norm_offset(offset) == index


@pytest.mark.parametrize("text, start, end, span", [
    ("ab", 1, 1, (1, 1)),  # an empty span in the text
    ("ab", 2, 2, (2, 2)),  # ... and at its end
    ("cafe\u0301", 4, 4, (5, 5)),  # at the end of a text NFC shortened
])
def test_an_empty_span_maps_to_an_empty_original_span(text, start, end, span):
    assert normalize(text).span(start, end) == span


def test_fold_without_punctuation_keeps_the_ellipsis_character():
    assert fold("wait\u2026 now", punctuation=False) == "wait\u2026 now"


def test_a_paragraph_begins_after_its_leading_spaces():
    assert paragraphs("  One.\n\nTwo.") == [(2, 6), (8, 12)]


def test_a_quote_across_a_blank_line_is_in_the_paragraph_it_starts_in():
    [match] = SourceText("One.\n\nTwo three four.").find_all("One. Two three")
    assert match.paragraph == 1


@pytest.mark.parametrize("prefix, suffix", [("said X", None), (None, "X said")])
def test_a_prefix_or_suffix_keeps_its_edge_letters(prefix, suffix):
    src = SourceText("He said X the advance was stopped X said")
    assert len(src.find_all("the advance was stopped", prefix, suffix)) == 1


def test_every_occurrence_after_one_inside_an_expansion_is_found():
    # `..` first occurs inside `…` (refused); the search goes on to each next one
    text = "\u2026.. and .. and .."
    assert [(m.start, m.end) for m in SourceText(text).find_all("..")] == [
        (1, 3), (8, 10), (15, 17)]
