"""Source files: fixity, and paths that must never leave the project."""

from __future__ import annotations

import hashlib
import os

import pytest

from generator.checker.check import check_file
from generator.checker.sources import PreparedSources
from generator.checker.textmatch import SourceText

TEXT = "Officials said 3,000 residents were evacuated on Wednesday.\n"


def project(tmp_path, file_field: str, extra: str = "") -> str:
    (tmp_path / "claims.yaml").write_text(
        "sources:\n"
        f"  - id: src\n    file: {file_field}\n    title: T\n{extra}"
        "claims:\n  - id: c\n    claim: x\n    verdict: mixed\n    summary: y\n"
        "    citations:\n      - source: src\n"
        "        quote: 3,000 residents were evacuated\n        stance: context\n",
        encoding="utf-8")
    return str(tmp_path / "claims.yaml")


def codes(path: str) -> list[tuple[str, int, str]]:
    return [(f.code, f.loc.line, f.message) for f in check_file(path).findings]


def test_registered_sha256_that_matches_is_silent(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    assert codes(project(tmp_path, "a.txt", f"    sha256: {digest}\n")) == []


def test_changed_source_is_reported_at_its_sha256(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT + "Edited.\n", encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    [(code, line, message)] = codes(project(tmp_path, "a.txt", f"    sha256: {digest}\n"))
    assert (code, line) == ("source-changed", 5)
    assert hashlib.sha256((TEXT + "Edited.\n").encode()).hexdigest() in message


@pytest.mark.parametrize("setup, field, words", [
    ("none", "../outside.txt", "leaves the project folder"),
    ("none", "/etc/hostname", "absolute"),
    ("none", "missing.txt", "no such file"),
    ("dir", "folder", "is a folder"),
    ("symlink-out", "link.txt", "leaves the project folder"),
    ("dangling", "dangling.txt", "a symlink to nothing"),
    ("latin1", "latin1.txt", "is not UTF-8: byte 0xe9 at line 2, column 4"),
    ("binary", "binary.txt", "binary"),
])
def test_unreadable_sources(tmp_path, setup, field, words):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(TEXT, encoding="utf-8")
    if setup == "dir":
        (tmp_path / "folder").mkdir()
    elif setup == "symlink-out":
        os.symlink(outside, tmp_path / "link.txt")
    elif setup == "dangling":
        os.symlink(tmp_path / "nowhere" / "x.txt", tmp_path / "dangling.txt")
    elif setup == "latin1":
        (tmp_path / "latin1.txt").write_bytes(b"First line\nCaf\xe9 3,000 residents\n")
    elif setup == "binary":
        (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    found = codes(project(tmp_path, field))
    assert [(c, line) for c, line, _ in found] == [("source-unreadable", 3)]
    assert words in found[0][2]


def test_symlink_inside_the_project_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text(TEXT, encoding="utf-8")
    os.symlink(tmp_path / "real.txt", tmp_path / "alias.txt")
    assert codes(project(tmp_path, "alias.txt")) == []


def test_many_missing_quotes_are_looked_for_in_every_other_source_as_one_is():
    # the wrong-source hint: many missing quotes are looked for together, through
    # their words; every answer must be the one a scan of every source gives
    words = ["rail", "budget", "went", "unspent", "the", "floods", "rose", "by", "ten"]
    texts = PreparedSources(
        (f"s{k}", SourceText(" ".join(words[(k * j) % len(words)] for j in range(1, 40))))
        for k in range(60))
    requests = [([" ".join(words[(k + j) % len(words)] for j in range(n))], f"s{k}")
                for k in range(30) for n in (3, 5)]
    requests += [([f"rail {w} zebra budget"], "s0") for w in words]  # in none
    requests += [(["ten by rose floods"], "s1"), (["went", "rail budget"], "s2")]
    scanned = [texts.all_with_all(needles, skip) for needles, skip in requests]
    assert any(scanned) and not all(scanned)
    assert len(requests) >= texts.SCANS_BEFORE_WORDS
    assert texts.all_with_all_many(requests) == scanned

