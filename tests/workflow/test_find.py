"""``factcheck find``: words as remembered in, the source's exact text out."""

from __future__ import annotations

import pytest
import yaml

from generator.checker.check import check_file
from generator.checker.model import Severity
from generator.cli import main


@pytest.mark.parametrize("typed, source, where, quote", [
    # exact words
    ("about 3,000 people had been evacuated", "kursk-evacuation",
     "content/sources/kursk-evacuation.txt:1:54  paragraph 1",
     "about 3,000 people had been evacuated"),
    # straight quotes and a hyphen typed: the curly ones and the dash come back
    ('under control" - and asked residents', "kursk-evacuation",
     "content/sources/kursk-evacuation.txt:3:70  paragraph 2",
     "under control” — and asked residents"),
    # an elided quote, found in one paragraph
    ("Gas flows were ... a spokesperson said", "sudzha-gas",
     "content/sources/sudzha-gas.txt:3:1  paragraph 2",
     "Gas flows were ... a spokesperson said"),
    # a quote that YAML would misread as plain text comes out double-quoted
    ("Smirnov said: \"The situation", "kursk-evacuation",
     "content/sources/kursk-evacuation.txt:3:24  paragraph 2",
     '"Smirnov said: “The situation"'),
])
def test_exact_matches_print_location_and_text_to_paste(newsroom, capsys, typed, source,
                                                        where, quote):
    assert main(["find", typed]) == 0
    out = capsys.readouterr().out
    assert f"{source}  {where}" in out
    assert f"    quote: {quote}\n" in out


def test_pasted_output_verifies_without_warnings(newsroom, capsys):
    """What find prints is what check accepts: the round trip an editor makes."""
    assert main(["find", 'It\'s the "final" gas transit point']) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "quote:" in ln)
    text = newsroom.read("claims.yaml").replace(
        "        quote: about 3,000 people had been evacuated from the border districts\n",
        f"    {line}\n")
    newsroom.write("claims.yaml", text)
    assert yaml.safe_load(line.strip())["quote"] == "It’s the “final” gas transit point"
    # the pasted quote verifies exactly; it only does not give the claim's figure
    assert [f.code for f in check_file("claims.yaml").findings
            if f.severity is not Severity.INFO] == ["number-mismatch"]


def test_a_repeated_passage_lists_each_with_a_prefix(newsroom, capsys):
    newsroom.write("content/sources/sudzha-gas.txt",
                   "On Monday the flows were stable.\n\nBy Friday the flows were stable.\n")
    assert main(["find", "the flows were stable", "--source", "sudzha-gas"]) == 0
    out = capsys.readouterr().out
    assert "Found 2 exact matches" in out
    assert "sudzha-gas.txt:1:11  paragraph 1" in out
    assert "    prefix: On Monday\n" in out
    assert "    prefix: By Friday\n" in out


def test_near_misses_show_the_closest_passage_and_a_word_diff(newsroom, capsys):
    assert main(["find", "about 30,000 people were evacuated from border districts"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No exact match. Closest passages, by the words they share")
    assert "kursk-evacuation  content/sources/kursk-evacuation.txt:1:" in out
    assert "[-30,000-]{+3,000+}" in out
    assert "    quote: about 3,000 people had been evacuated from the border districts" in out


def test_nothing_close_exits_1(newsroom, capsys):
    assert main(["find", "the zebra played the xylophone at dawn"]) == 1
    assert "Nothing close to that text in 2 sources." in capsys.readouterr().out


def test_source_filter_limits_the_search(newsroom, capsys):
    assert main(["find", "about 3,000 people had been evacuated", "--source",
                 "sudzha-gas"]) == 1


@pytest.mark.parametrize("argv, message", [
    (["find", "stable", "--source", "no-such-source"],
     "no registered source has the id `no-such-source`"),
    (["find", "   "], "nothing to find"),
    (["find", "stable", "--claims", "missing.yaml"], "cannot read missing.yaml"),
])
def test_find_cannot_run_exits_2(newsroom, capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_unreadable_source_is_skipped_with_a_warning(newsroom, capsys):
    (newsroom.path / "content/sources/sudzha-gas.txt").unlink()
    assert main(["find", "about 3,000 people had been evacuated"]) == 0
    out = capsys.readouterr().out
    assert "warning: skipped sudzha-gas" in out
    assert "kursk-evacuation" in out


# -- while claims.yaml is broken: find needs only the source registry -------------

@pytest.mark.parametrize("slip", [
    # a stance indented too far: invalid YAML two lines below the sources
    ("        stance: supports\n  - id: gas-still-flowing",
     "            stance: supports\n  - id: gas-still-flowing"),
    # an unclosed quote in the last claim
    ("quote: Gas flows were", "quote: 'Gas flows were"),
    # a claim without its required fields: valid YAML, unusable project
    ("claims:\n", "claims:\n  - id: half-written\n"),
])
def test_find_works_while_claims_yaml_is_broken(newsroom, capsys, slip):
    text = newsroom.read("claims.yaml")
    assert slip[0] in text
    newsroom.write("claims.yaml", text.replace(*slip, 1))
    assert main(["find", "Gas flows were \"stable\""]) == 0
    out = capsys.readouterr().out
    assert "sudzha-gas  content/sources/sudzha-gas.txt:3:1" in out
    assert "    quote: Gas flows were “stable”\n" in out


def test_a_broken_file_is_named_in_a_note_before_the_hits(newsroom, capsys):
    text = newsroom.read("claims.yaml").replace("quote: Gas flows were", "quote: 'Gas flows were")
    newsroom.write("claims.yaml", text)
    assert main(["find", "Gas flows were \"stable\""]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("note: claims.yaml has errors (the first at claims.yaml:")
    assert "read from its `sources:` list as written" in first


def test_no_sources_list_to_read_is_a_clear_error(newsroom, capsys):
    newsroom.write("claims.yaml", "sources: [\n")
    assert main(["find", "Gas flows were stable"]) == 2
    err = capsys.readouterr().err
    assert "cannot read the source registry from claims.yaml (claims.yaml:" in err


# -- each hit in its sentence; paraphrases ranked by shared words -------------------

def test_an_exact_hit_is_shown_in_its_sentence(newsroom, capsys):
    assert main(["find", "about 3,000 people had been evacuated"]) == 0
    out = capsys.readouterr().out
    assert ("    in its sentence: Officials in the Kursk region said on Wednesday that "
            "⟦about 3,000 people had been evacuated⟧ from the border districts.\n") in out


@pytest.mark.parametrize("typed, sentence", [
    ("residents were asked to remain calm by the governor",
     "Acting governor Alexei Smirnov said: “The situation is difficult but under "
     "control” — and asked residents to stay calm."),
    ("a spokesman said the gas flow was stable",
     "Gas flows were “stable”, a spokesperson said on Thursday."),
    ("Sudzha metering is the last working route for gas",
     "The Sudzha metering station is the last working route for Russian gas through "
     "Ukraine."),
])
def test_a_paraphrase_finds_the_whole_sentence(newsroom, capsys, typed, sentence):
    assert main(["find", typed]) == 0
    out = capsys.readouterr().out
    quotes = [line for line in out.splitlines() if line.startswith("    quote: ")]
    shown = [line for line in out.splitlines() if line.startswith("    in its sentence: ")]
    assert quotes, out
    # the best hit is the sentence, whole; the quote to paste lies inside it
    assert shown[0].split(": ", 1)[1].replace("⟦", "").replace("⟧", "") == sentence
    assert yaml.safe_load(quotes[0].strip())["quote"] in sentence


def test_paraphrase_hits_are_ranked_by_the_words_they_share(newsroom, capsys):
    newsroom.write("content/sources/sudzha-gas.txt",
                   "Officials said gas flows through Sudzha were normal.\n\n"
                   "A spokesperson said gas flows through Sudzha were normal on Thursday.\n")
    assert main(["find", "the spokesman said gas through Sudzha kept flowing",
                 "--source", "sudzha-gas"]) == 0
    out = capsys.readouterr().out
    sentences = [line for line in out.splitlines() if "in its sentence" in line]
    assert "A spokesperson said gas flows through Sudzha" in sentences[0]
    assert "Officials said gas flows through Sudzha were normal." in sentences[1]
    shared = [line for line in out.splitlines() if "of your" in line]
    assert "(6 of your 7 words" in shared[0] and "(5 of your 7 words" in shared[1]


def test_close_hits_are_whole_sentences_never_cut_windows(newsroom, capsys):
    assert main(["find", "the regional officials evacuated people on Wednesday"]) == 0
    out = capsys.readouterr().out
    quote = next(ln for ln in out.splitlines() if ln.startswith("    quote: "))
    assert quote == ("    quote: Officials in the Kursk region said on Wednesday that about "
                     "3,000 people had been evacuated from the border districts.")
