"""``factcheck find``: words as remembered in, the source's exact text out."""

from __future__ import annotations

import pytest
import yaml

from generator.check import check_file
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
    line = next(l for l in capsys.readouterr().out.splitlines() if "quote:" in l)
    text = newsroom.read("claims.yaml").replace(
        "        quote: about 3,000 people had been evacuated from the border districts\n",
        f"    {line}\n")
    newsroom.write("claims.yaml", text)
    assert yaml.safe_load(line.strip())["quote"] == "It’s the “final” gas transit point"
    assert [f.code for f in check_file("claims.yaml").findings] == []


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
    assert out.startswith("No exact match. Closest passages:")
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
