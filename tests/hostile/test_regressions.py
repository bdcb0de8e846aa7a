"""Bugs the hostile suite found in the core, pinned by example."""

from __future__ import annotations

import pytest

from generator.checker.textmatch import SourceText, normalize


def test_a_cluster_that_stays_two_characters_maps_to_the_whole_cluster():
    # 'c' + COMBINING GRAVE has no precomposed form: NFC keeps two characters. Both
    # used to map to an empty span (end == start), so a quote ending at the 'c' of
    # such a cluster resolved to a span that lost the letter.
    norm = normalize("c\u0300a\u0300")
    assert norm.text == "c\u0300\u00e0"
    assert list(norm.starts) == [0, 0, 2]
    assert list(norm.ends) == [2, 2, 4]
    text = "x c\u0300 y \u00e0 e\u0301"
    [match] = SourceText(text).find_all("x c\u0300 y")
    assert text[match.start:match.end] == "x c\u0300 y"
    # and a quote cannot stop between the letter and its mark
    assert SourceText(text).find_all("x c") == []


def test_nesting_100000_deep_is_a_finding_not_a_segfault(tmp_path):
    # libyaml composes recursively in C: this used to kill the interpreter (SIGSEGV,
    # exit -11) and deep flow mappings took minutes. Now a lazy event scan refuses it.
    import subprocess
    import sys
    (tmp_path / "claims.yaml").write_text("sources: " + "[" * 100_000 + "]" * 100_000
                                          + "\nclaims: []\n", encoding="utf-8")
    code = ("import sys\nfrom generator.checker.load import load_project\n"
            f"_, f = load_project({str(tmp_path / 'claims.yaml')!r})\n"
            "print(f[0].code, f[0].loc.line, f[0].loc.column)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["yaml-syntax", "1", "109"]


def test_a_source_path_with_a_nul_character_is_a_finding(tmp_path):
    # `file: "a.txt\0"` is valid YAML; os.path.realpath raised ValueError (traceback).
    from generator.checker.check import check_file
    (tmp_path / "a.txt").write_text("one two three four\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        'sources:\n  - {id: a, file: "a.txt\\0", title: A}\nclaims: []\n', encoding="utf-8")
    [finding] = [f for f in check_file(str(tmp_path / "claims.yaml")).findings
                 if f.severity == "error"]
    assert (finding.code, finding.loc.line) == ("source-unreadable", 2)
    assert "NUL" in finding.message


def test_findings_print_on_an_ascii_console_without_a_traceback(tmp_path):
    # Cyrillic and curly quotes in a finding raised UnicodeEncodeError on a console
    # whose encoding cannot show them (PYTHONIOENCODING=ascii, cp1252 on Windows).
    import os
    import subprocess
    import sys
    (tmp_path / "a.txt").write_text("Жители эвакуированы “сегодня” утром.\n", "utf-8")
    (tmp_path / "claims.yaml").write_text(
        "sources:\n  - {id: a, file: a.txt, title: A}\nclaims:\n  - id: c\n"
        "    claim: x\n    verdict: mixed\n    summary: y\n    citations:\n"
        "      - {source: a, quote: Жители эвакуированы «вчера» утром, stance: context}\n",
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "check",
                           str(tmp_path / "claims.yaml")], capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()[-2000:]
    assert proc.returncode == 1
    assert b"quote-not-found" in proc.stdout and b"\\u0416" in proc.stdout


def test_a_quote_never_matches_part_of_an_ellipsis():
    # '…' folds to '...'; a match could start or end inside that expansion, so
    # "Wait.. what" verified against "Wait… what", and '…' occurred 4 times in '……'.
    assert SourceText("Wait\u2026 what").find_all("Wait.. what") == []
    assert len(SourceText("Wait\u2026 what").find_all("Wait... what")) == 1
    assert [(m.start, m.end) for m in SourceText("\u2026\u2026").find_all("\u2026")] == [
        (0, 1), (1, 2)]


@pytest.mark.parametrize("depth", [101, 150, 1_500, 20_000])
def test_nesting_past_the_limit_is_reported_where_it_passes_it(depth):
    # Below libyaml's own nesting limit our composer refuses it; above it (libyaml
    # 0.2.5's scanner, in PyYAML 6.0.4's wheels) libyaml refuses first. Either way the
    # editor gets the depth finding at the bracket that opens level 101.
    from generator.checker.yamlsyntax import compose
    node, [finding] = compose("sources: " + "[" * depth + "]" * depth + "\nclaims: []\n",
                              "claims.yaml")
    assert node is None
    assert (finding.code, finding.loc.line, finding.loc.column) == ("yaml-syntax", 1, 109)
    assert finding.message.startswith("lists and mappings nested more than 100 levels")
