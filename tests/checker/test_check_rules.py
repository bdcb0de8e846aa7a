"""Behaviours of the matcher and the check that a mutation once survived: each test
here failed against the mutant it is named after (see tests/mutation/RESULTS.md)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker.check import check_project
from generator.checker.load import load_text
from generator.checker.textmatch import SourceText
from tests.examples import examples


def check(tmp_path, sources: dict[str, str], claims: str, verdicts: str = ""):
    registry = "".join(f"  - {{id: {sid}, file: {sid}.txt, title: T}}\n" for sid in sources)
    for sid, text in sources.items():
        (tmp_path / f"{sid}.txt").write_text(text, encoding="utf-8")
    project, findings = load_text(f"{verdicts}sources:\n{registry}claims:\n{claims}",
                                  "claims.yaml", str(tmp_path))
    assert findings == []
    return check_project(project)


def claim(cid: str, *citations: str, extra: str = "") -> str:
    cites = "".join(f"      - {{source: {src}, quote: '{quote}', stance: context{more}}}\n"
                    for src, quote, more in citations)
    return (f"  - id: {cid}\n    claim: x\n    verdict: mixed\n    summary: y\n{extra}"
            f"    citations:\n{cites}")


# -- elided quotes -------------------------------------------------------------------

def test_third_piece_must_follow_the_second():
    src = SourceText("Officials said the gamma road and then the beta road closed.")
    assert src.find_all("Officials said ... beta road ... gamma road") == []
    assert src.find_all("Officials said ... gamma road ... beta road") != []


def test_a_later_piece_may_not_overlap_the_piece_before_it():
    src = SourceText("Officials said the alphabet was closed.")
    assert src.find_all("Officials said ... alphabet ... bet was closed") == []


def test_every_occurrence_of_the_first_piece_is_limited_to_its_own_paragraph():
    text = "The governor said one.\n\nThe governor said two.\n\nResidents left the town."
    src = SourceText(text)
    assert src.find_all("The governor said ... left the town") == []
    text = "The governor said one.\n\nThe governor said that residents left the town."
    [match] = SourceText(text).find_all("The governor said ... left the town")
    assert match.paragraph == 2


def test_a_piece_looked_for_again_stays_inside_the_paragraph():
    # "inal words" first occurs inside the ligature of "ﬁnal" (refused: it starts
    # inside one character); looking again must not leave the first paragraph.
    text = "He wrote the \ufb01nal words.\n\nHe wrote inal words."
    [match] = SourceText(text).find_all("He wrote ... inal words")
    assert match.paragraph == 2
    assert [text[a:b] for a, b in match.pieces] == ["He wrote", "inal words"]


def test_an_empty_elision_piece_never_matches_and_says_why(tmp_path):
    assert SourceText("foo and bar").find_all("foo [...] [...] bar") == []
    result = check(tmp_path, {"s": "The town of foo and the town of bar were shelled."},
                   claim("c", ("s", "the town of foo [...] [...] the town of bar", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert "two elisions follow each other" in finding.message


# -- prefix and suffix at the edges of a source ----------------------------------------

def test_a_suffix_never_matches_past_the_end_of_the_source():
    src = SourceText("He said the advance was stopped")
    assert src.find_all("the advance was stopped", suffix="again") == []
    assert src.find_all("the advance was stopped", suffix=" ") != []


def test_a_prefix_never_matches_before_the_start_of_the_source():
    # The text ends with the prefix and a space: offset 0 has nothing before it.
    src = SourceText("stop it now, he said ")
    assert src.find_all("stop it now", prefix="he said") == []
    assert src.find_all("stop it now", prefix="") != []


# -- the check ---------------------------------------------------------------------------

TWICE = "The advance was stopped at the border.\n\nLater the advance was stopped again."


def test_the_suffix_picks_the_occurrence(tmp_path):
    result = check(tmp_path, {"s": TWICE},
                   claim("c", ("s", "the advance was stopped", ", suffix: again")))
    assert [f.code for f in result.findings] == []
    assert result.resolutions[("c", 0)].paragraph == 2


def test_a_suffix_that_never_follows_the_quote_is_reported(tmp_path):
    result = check(tmp_path, {"s": TWICE},
                   claim("c", ("s", "the advance was stopped", ", suffix: forever")))
    [finding] = result.findings
    assert finding.code == "quote-not-found"
    assert "never with this suffix" in finding.message


@pytest.mark.parametrize("kind, block", [
    ("verdict", "verdicts:\n  - {id: mixed, label: M, rating: 1}\n"
                "  - {id: mixed, label: N, rating: 2}\n"),
])
def test_duplicate_verdict_ids_are_reported(tmp_path, kind, block):
    result = check(tmp_path, {"s": TWICE},
                   claim("c", ("s", "advance was stopped at the", "")), verdicts=block)
    [dup] = [f for f in result.findings if f.code == "duplicate-id"]
    assert f"duplicate {kind} id `mixed` (first defined at claims.yaml:2)" in dup.message
    assert dup.loc.line == 3


def test_duplicate_source_ids_are_reported(tmp_path):
    (tmp_path / "s.txt").write_text(TWICE, encoding="utf-8")
    text = ("sources:\n  - {id: s, file: s.txt, title: T}\n  - {id: s, file: s.txt, title: U}\n"
            "claims:\n" + claim("c", ("s", "advance was stopped at the", "")))
    project, findings = load_text(text, "claims.yaml", str(tmp_path))
    result = check_project(project)
    [dup] = [f for f in result.findings if f.code == "duplicate-id"]
    assert "duplicate source id `s` (first defined at claims.yaml:2)" in dup.message
    assert dup.loc.line == 3


def test_an_appearance_must_name_a_registered_source(tmp_path):
    result = check(tmp_path, {"s": TWICE},
                   claim("c", ("s", "advance was stopped at the", ""),
                         extra="    appearance: [s, feed]\n"))
    [finding] = result.findings
    assert (finding.code, finding.claim) == ("unknown-source", "c")
    assert "`appearance` names `feed`, which is not a registered source" in finding.message
    assert finding.loc.line == 8


# -- the wrong-source hint -----------------------------------------------------------------

@pytest.mark.parametrize("quote, hint", [
    ("the reservoir level fell by a third", "`c`, `d`"),  # not in b, which comes first
    ("the dam held ... the reservoir level fell", "`c`, `d`"),  # b has one piece only
    ("nothing like this appears in any of them", None),
])
def test_the_wrong_source_hint_names_the_sources_holding_every_piece(tmp_path, quote,
                                                                         hint):
    sources = {"a": "The town council met on Monday to discuss the budget for roads.",
               "b": "Engineers said the dam held through the storm on Sunday night.",
               "c": "Engineers said the dam held, and the reservoir level fell by a third.",
               "d": "Engineers said the dam held, and the reservoir level fell by a third."}
    cites = [("a", quote, "")] + [(s, "Engineers said the dam held", "") for s in "bcd"]
    result = check(tmp_path, sources, claim("x", *cites))
    [finding] = [f for f in result.findings if f.citation == 0]
    first = finding.message.split("\n")[0]
    if hint:
        assert first == (f"quote not found in `a` (a.txt); it does occur in {hint}: "
                         "did you cite the wrong source?")
    else:
        assert first == "quote not found in `a` (a.txt)"


# -- page furniture --------------------------------------------------------------------------

REPORT = ("In its annual review the ministry said on Tuesday that the old\n"
          "14\nANNUAL REPORT 2023\n"
          "water treatment plant was closed for repairs in March.\n")


def _page_break_finding(tmp_path, text: str, more: str = ""):
    quote = "the ministry said on Tuesday that the old water treatment plant was closed"
    result = check(tmp_path, {"s": text}, claim("c", ("s", quote, more)))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    return finding


def test_a_quote_across_page_furniture_is_named_with_the_elision_that_verifies(tmp_path):
    finding = _page_break_finding(tmp_path, REPORT)
    elided = ("the ministry said on Tuesday that the old [...] water treatment plant was "
              "closed")
    assert finding.message == (
        "the quote runs across a page break or running head in `s`: between "
        "\u201c\u2026Tuesday that the old\u201d and \u201cwater treatment plant was\u2026\u201d "
        "the source has, on lines of their own: \u201c14 / ANNUAL REPORT 2023\u201d; the check "
        f"never skips text inside a quote: mark the gap with an elision: {elided}")
    assert finding.suggestion == elided


def test_furniture_between_paragraphs_cannot_be_elided(tmp_path):
    text = REPORT.replace("old\n14\nANNUAL REPORT 2023\n", "old\n\n14\nANNUAL REPORT 2023\n\n")
    finding = _page_break_finding(tmp_path, text)
    assert finding.message.endswith(
        "\u201c14 / ANNUAL REPORT 2023\u201d; the check never skips text inside a quote: "
        "quote the words before it or after it (an elision `[...]` may not cross a "
        "paragraph break)")
    assert finding.suggestion is None


def test_the_elision_offered_keeps_the_prefix(tmp_path):
    finding = _page_break_finding(tmp_path, REPORT, ", prefix: 'In its annual budget'")
    assert finding.suggestion is None
    assert "quote the words before it or after it" in finding.message
    (tmp_path / "2").mkdir()
    finding = _page_break_finding(tmp_path / "2", REPORT, ", prefix: 'In its annual review'")
    assert finding.suggestion.endswith("[...] water treatment plant was closed")


def test_an_interruption_after_one_word_and_of_three_lines(tmp_path):
    src = SourceText("the\n14\nANNUAL REPORT\nCHAPTER 2\nplant was closed for repairs.")
    cut = src.interruption("the plant was closed")  # the quote starts at offset 0
    assert (cut.before, cut.between, cut.after) == (
        "the", "14\nANNUAL REPORT\nCHAPTER 2", "plant was closed")
    four = SourceText("the\n14\nANNUAL REPORT\nCHAPTER 2\nPART 1\nplant was closed.")
    assert four.interruption("the plant was closed") is None


@pytest.mark.parametrize("size, found", [(160, True), (161, False)])
def test_page_furniture_is_at_most_160_characters(size, found):
    head = "H" * (size - 3)
    src = SourceText(f"Xi Jinping said that the\n14\n{head}\nplant was closed for repairs.")
    cut = src.interruption("Xi Jinping said that the plant was closed")
    assert (cut is not None) is found
    if found:
        assert len(cut.between) == size and cut.before.startswith("Xi ")


def test_an_empty_elision_piece_is_reported_at_the_quote(tmp_path):
    result = check(tmp_path, {"s": "The town of foo and the town of bar were shelled."},
                   claim("c", ("s", "X the town of foo [...] [...] the town of bar X", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert finding.message == ("two elisions follow each other with no words between them "
                               "(or one stands alone): write a single `[...]` for each gap")
    assert (finding.claim, finding.citation, finding.loc.line) == ("c", 0, 9)


def test_a_missing_quote_in_an_empty_source_is_reported_without_a_passage(tmp_path):
    result = check(tmp_path, {"s": "\n"}, claim("c", ("s", "the town of foo was shelled", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert finding.message == "quote not found in `s` (s.txt)"
    assert finding.suggestion is None


def test_no_suggestion_for_an_elided_quote_or_a_wrong_source(tmp_path):
    sources = {"a": "The mayor said the bridge on the river would reopen in May.",
               "b": "Officials said the dam held and the reservoir level fell by a third."}
    result = check(tmp_path, sources, claim(
        "c", ("a", "The mayor said ... the bridge would reopen in June", ""),
        ("a", "the reservoir level fell by a third", ""),
        ("b", "Officials said the dam held and", "")))
    by_citation = {f.citation: f for f in result.findings if f.code == "quote-not-found"}
    assert "closest passage" in by_citation[0].message
    assert by_citation[0].suggestion is None  # two pieces: no one passage replaces them
    assert "it does occur in `b`" in by_citation[1].message
    assert by_citation[1].suggestion is None


@pytest.mark.parametrize("more, where, which", [
    (", prefix: 'The governor'", "prefix", "prefix"),
    (", suffix: 'in June'", "suffix", "suffix"),
    (", prefix: 'The governor', suffix: 'in June'", "prefix", "prefix and suffix"),
])
def test_prefix_and_suffix_that_never_frame_the_quote_are_named(tmp_path, more, where, which):
    result = check(tmp_path, {"a": "The mayor said the bridge would reopen in May."},
                   claim("c", ("a", "said the bridge would reopen", more)))
    [finding] = result.findings
    assert finding.message.startswith(
        f"the quote occurs once in `a`, but never with this {which}; copy the text just "
        "around the passage you mean\n")
    line = ("      - {source: a, quote: 'said the bridge would reopen', stance: context"
            + more + "}")
    assert finding.loc.column == line.index(f" {where}: ") + len(where) + 4


# -- the corpus behind the wrong-source hint ------------------------------------------------

@pytest.fixture
def corpus():
    from generator.checker.check import PreparedSources
    return PreparedSources(a=SourceText("alpha beta"), b=SourceText("gamma delta"),
                           c=SourceText("delta gamma epsilon"), d=SourceText("omega delta"))


@pytest.mark.parametrize("needles, skip, found", [
    ([], "a", "b"),  # nothing to look for: the first other source
    ([""], "b", "a"),
    (["alpha"], "z", "a"),  # at offset 0 of the corpus
    (["beta"], "z", "a"),  # at the end of the first source
    (["gamma"], "z", "b"),  # at the start of the second
    (["epsilon"], "z", "c"),
    (["omega"], "z", "d"),  # in the last source
    (["delta", "eps"], "z", "c"),  # the anchor is in b first, but b lacks "eps"
    (["delta", "mega"], "b", "d"),  # ... and c too: on to the last source
    (["delta", "zeta"], "z", None),  # the anchor's last place lacks the other needle
    (["beta gamma"], "z", None),  # never across the boundary of two sources
    (["x\x00y"], "z", None),
])
def test_first_source_with_every_needle(corpus, needles, skip, found):
    assert corpus.first_with_all(needles, skip) == found


def test_every_source_with_every_needle_in_registry_order(corpus):
    assert corpus.all_with_all(["delta"], "z") == ["b", "c", "d"]
    assert corpus.all_with_all(["delta"], "c") == ["b", "d"]
    assert corpus.all_with_all(["delta", "gamma"], "z") == ["b", "c"]
    assert corpus.all_with_all([""], "z") == []


_WORDS = ["delta", "gamma", "eps", "omega-x", "al", "b", "beta.", "\"quoted\""]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=12), min_size=1, max_size=6),
       st.data())
def test_many_missing_quotes_searched_by_their_words_find_what_a_scan_finds(docs, data):
    # hundreds of missing quotes are looked for through an index of the words
    # inside them; it must never leave out a source that holds the quote
    from generator.checker.check import PreparedSources
    texts = PreparedSources({f"s{k}": SourceText(" ".join(words)) for k, words in
                             enumerate(docs)})
    texts.SCANS_BEFORE_WORDS = 0
    pool = [t.norm.text for t in texts.values()] + [" ".join(_WORDS)]
    requests = []
    for _ in range(data.draw(st.integers(1, 4))):
        needles = []
        for _ in range(data.draw(st.integers(1, 2))):
            text = data.draw(st.sampled_from(pool))
            a = data.draw(st.integers(0, len(text)))
            needles.append(text[a:data.draw(st.integers(a, len(text)))].strip(" "))
        requests.append((needles, data.draw(st.sampled_from([*texts, "none"]))))
    scanned = [texts.all_with_all(needles, skip) for needles, skip in requests]
    assert texts.all_with_all_many(requests) == scanned
    assert scanned == [[sid for sid, src in texts.items() if sid != skip and any(needles)
                        and all(n in src.norm.text for n in needles if n)]
                       for needles, skip in requests]


# -- claim-level findings in a story file -----------------------------------------------------

def test_claim_findings_in_a_story_file_name_that_file(tmp_path):
    (tmp_path / "s.txt").write_text(TWICE, encoding="utf-8")
    (tmp_path / "stories").mkdir()
    (tmp_path / "claims.yaml").write_text(
        "verdicts:\n  - {id: true, label: T, rating: 3}\n  - {id: mixed, label: M, rating: 2}\n"
        "  - {id: false, label: F, rating: 1}\n"
        "sources:\n  - {id: s, file: s.txt, title: T}\ninclude: [stories/*.yaml]\n",
        encoding="utf-8")
    (tmp_path / "stories" / "one.yaml").write_text(
        "claims:\n"
        "  - id: a\n    claim: x\n    verdict: flase\n    summary: y\n"
        "    appearance: [feed]\n    citations:\n"
        "      - {source: s, quote: 'advance was stopped at the', stance: supports}\n"
        "  - id: b\n    claim: x\n    verdict: false\n    summary: y\n    citations:\n"
        "      - {source: s, quote: 'advance was stopped at the', stance: supports}\n"
        "  - id: c\n    claim: x\n    verdict: nowhere\n    summary: y\n    citations:\n"
        "      - {source: s, quote: 'advance was stopped at the', stance: context}\n",
        encoding="utf-8")
    from generator.checker.check import check_file
    findings = {(f.claim, f.code): f for f in check_file(str(tmp_path / "claims.yaml")).findings}
    story = str(tmp_path / "stories" / "one.yaml")
    typo = findings[("a", "unknown-verdict")]
    assert typo.message == "`flase` is not on the verdict scale (true, mixed, false); " \
        "did you mean `false`?"
    assert (typo.suggestion, typo.path) == ("false", story)
    unknown = findings[("c", "unknown-verdict")]
    assert unknown.message == "`nowhere` is not on the verdict scale (true, mixed, false)"
    assert unknown.suggestion is None
    assert findings[("a", "unknown-source")].path == story
    evidence = findings[("b", "verdict-evidence")]
    assert "says the claim is contradicted by the evidence, but no citation has " \
        "`stance: contradicts`" in evidence.message
    assert evidence.path == story


# -- the corpus at its edges ------------------------------------------------------------------

def test_first_source_with_every_needle_counts_each_source_from_its_own_start():
    from generator.checker.check import PreparedSources
    texts = PreparedSources(a=SourceText("one"), b=SourceText("two y"), c=SourceText("three"))
    assert texts.first_with_all(["y"], "z") == "b"  # the last character of b
    assert texts.all_with_all(["e"], "z") == ["a", "c"]  # ... and of the last source
    assert PreparedSources(a=SourceText("one")).first_with_all([], "a") is None


# -- messages of the check, in full --------------------------------------------------------------

@pytest.mark.parametrize("cited, message, suggestion", [
    ("sourse", "no registered source has the id `sourse`; did you mean `source`?", "source"),
    ("zzzz", "no registered source has the id `zzzz`; add it under `sources` first", None),
])
def test_an_unknown_source_is_named_with_the_fix(tmp_path, cited, message, suggestion):
    result = check(tmp_path, {"source": TWICE},
                   claim("c", (cited, "the advance was stopped at", "")))
    [finding] = [f for f in result.findings if f.code == "unknown-source"]
    assert (finding.message, finding.suggestion) == (message, suggestion)


def test_an_ambiguous_quote_names_six_paragraphs_and_six_ways_to_pick_one(tmp_path):
    text = "\n\n".join(f"Report {n}: the advance was stopped." for n in range(1, 8))
    result = check(tmp_path, {"s": text}, claim("c", ("s", "the advance was stopped", "")))
    [finding] = result.findings
    first, *picks = finding.message.split("\n")
    assert first == ("the quote occurs 7 times in `s` (paragraphs 1, 2, 3, 4, 5, 6); add a "
                     "`prefix` or `suffix` with the words just before or after the one you mean")
    assert picks == [f'paragraph {n}: prefix: "{n}:"' for n in range(1, 7)]


@pytest.mark.parametrize("count, named", [
    (8, "`b1`, `b2`, `b3`, `b4`, `b5`, `b6`, `b7`, `b8`: did you cite the wrong source?"),
    (9, "`b1`, `b2`, `b3`, `b4`, `b5`, `b6`, `b7`, `b8` and 1 more: did you cite the wrong "
        "source?"),
])
def test_the_wrong_source_hint_names_eight_sources_at_most(tmp_path, count, named):
    sources = {"a": "Nothing of the kind is said here at all, by anyone."}
    sources.update({f"b{n}": "Officials said the reservoir level fell by a third."
                    for n in range(1, count + 1)})
    result = check(tmp_path, sources, claim("c", ("a", "the reservoir level fell by a third", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert finding.message == f"quote not found in `a` (a.txt); it does occur in {named}"


TWO_DATES = ("The mayor said the bridge would reopen in May.\n\n"
             "Later the bridge would reopen in June, he said.")


@pytest.mark.parametrize("more, lines, suggestion", [
    (", suffix: 'in July'", ["the nearest real suffix: in June,"], "in June,"),
    (", prefix: 'Later on', suffix: 'in July'",
     ["the nearest real prefix: Later", "the nearest real suffix: in June,"], None),
    (", prefix: 'mayor told'", ["the nearest real prefix: mayor said"], "mayor said"),
])
def test_the_real_prefix_and_suffix_nearest_to_those_written_are_offered(tmp_path, more, lines,
                                                                         suggestion):
    result = check(tmp_path, {"a": TWO_DATES},
                   claim("c", ("a", "the bridge would reopen", more)))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert finding.message.split("\n")[1:] == lines
    assert finding.suggestion == suggestion


FURNITURE = "The ministry said the\n12\nANNUAL REPORT\nplant was closed in May."


@pytest.mark.parametrize("more, fits", [("", True), (", suffix: in May", True),
                                        (", suffix: in June", False)])
def test_the_elision_offered_across_page_furniture_keeps_the_suffix(tmp_path, more, fits):
    result = check(tmp_path, {"a": FURNITURE},
                   claim("c", ("a", "The ministry said the plant was closed", more)))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    elided = "The ministry said the [...] plant was closed"
    assert finding.message == (
        "the quote runs across a page break or running head in `a`: between “…The ministry "
        "said the” and “plant was closed…” the source has, on lines of their own: “12 / "
        "ANNUAL REPORT”; the check never skips text inside a quote: "
        + (f"mark the gap with an elision: {elided}" if fits else
           "quote the words before it or after it (an elision `[...]` may not cross a "
           "paragraph break)"))
    assert finding.suggestion == (elided if fits else None)


def test_a_story_updated_the_day_it_is_published_is_fine(tmp_path):
    (tmp_path / "s.txt").write_text(TWICE, encoding="utf-8")
    (tmp_path / "st.yaml").write_text(
        "story: {id: st, title: S, published: 2024-03-01, updated: 2024-03-01}\n"
        "claims:\n" + claim("c", ("s", "advance was stopped at the", "")), encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "sources:\n  - {id: s, file: s.txt, title: T}\ninclude: [st.yaml]\n", encoding="utf-8")
    from generator.checker.check import check_file
    assert check_file(str(tmp_path / "claims.yaml")).findings == []


def test_an_original_without_a_recorded_sha256_is_not_compared(tmp_path):
    (tmp_path / "s.txt").write_text(TWICE, encoding="utf-8")
    (tmp_path / "s.html").write_text("<p>" + TWICE, encoding="utf-8")
    text = ("sources:\n  - {id: s, file: s.txt, title: T, original: s.html}\n"
            "claims:\n" + claim("c", ("s", "advance was stopped at the", "")))
    project, _ = load_text(text, "claims.yaml", str(tmp_path))
    assert check_project(project).findings == []


# -- check_file when the claims file itself cannot be loaded ------------------------------------

def test_a_claims_file_not_in_utf8_gives_one_finding_and_its_text(tmp_path):
    from generator.checker.check import check_file
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"sources: []\nclaims: [\xe9]\n")
    result = check_file(str(path))
    assert result.project is None
    assert [(f.loc.line, f.code) for f in result.findings] == [(2, "yaml-syntax")]
    assert result.files == {str(path): "sources: []\nclaims: [\ufffd]\n"}


def test_findings_of_a_file_that_cannot_be_checked_come_in_line_order(tmp_path):
    from generator.checker.check import check_file
    path = tmp_path / "claims.yaml"
    path.write_text("x: 1\ny: 2\n", encoding="utf-8")
    result = check_file(str(path))
    assert result.project is None
    assert [(f.loc.line, f.message[:30]) for f in result.findings] == [
        (1, "the file is missing the requir"), (1, "the file is missing the requir"),
        (1, "unknown field `x` in the file "), (2, "unknown field `y` in the file ")]
    assert result.files == {str(path): "x: 1\ny: 2\n"}


# -- quotes that begin with an X: nothing is trimmed from a piece but spaces --------------------

def test_a_piece_of_xs_is_a_piece_not_an_empty_elision(tmp_path):
    result = check(tmp_path, {"s": "The town of foo and the town of bar were shelled."},
                   claim("c", ("s", "the town of foo [...] XX [...] the town of bar", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert "two elisions" not in finding.message


def test_the_wrong_source_hint_looks_for_the_whole_first_word(tmp_path):
    sources = {"a": "Nothing of the kind is said here at all, by anyone.",
               "b": "Javier said the bridge would reopen in May."}
    result = check(tmp_path, sources,
                   claim("c", ("a", "Xavier said the bridge would reopen in May", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert finding.message.startswith("quote not found in `a` (a.txt)\nclosest passage")


def test_the_elision_offered_across_page_furniture_keeps_a_leading_x(tmp_path):
    result = check(tmp_path, {"a": FURNITURE.replace("The ministry", "Xavier")},
                   claim("c", ("a", "Xavier said the plant was closed", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert finding.suggestion == "Xavier said the [...] plant was closed"


# -- 90% similar is a near miss ----------------------------------------------------------------

EXACTLY_90 = "Intro text here.\n\nrain todai\n\nMore text follows."  # "rain today": 90%


def test_a_passage_exactly_90_percent_like_a_quote_is_a_misquote_of_this_source(tmp_path):
    result = check(tmp_path, {"a": EXACTLY_90, "b": "It was rain today, they said."},
                   claim("c", ("a", "rain today", "")))
    [finding] = [f for f in result.findings if f.code == "quote-not-found"]
    assert finding.message.split("\n")[:2] == [
        "quote not found in `a` (a.txt)",
        "closest passage (paragraph 2, 90% similar): rain todai"]


def test_boilerplate_exactly_90_percent_like_a_passage_gets_it_as_the_fix(tmp_path):
    (tmp_path / "a.txt").write_text(EXACTLY_90, encoding="utf-8")
    text = ("sources:\n  - {id: a, file: a.txt, title: T, boilerplate: [rain today]}\n"
            "claims:\n" + claim("c", ("a", "Intro text here.", "")))
    project, _ = load_text(text, "claims.yaml", str(tmp_path))
    [finding] = [f for f in check_project(project).findings
                 if f.code == "boilerplate-not-found"]
    assert finding.suggestion == "rain todai"
