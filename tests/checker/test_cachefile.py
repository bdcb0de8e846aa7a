"""`factcheck check` keeps its results in the user's cache folder between runs.

What an editor relies on: a second check says exactly what a fresh one says, after
any edit of a claim or a source; the cache is only ever the user's own file; a
broken or foreign cache is ignored, never an error; ``--no-cache`` leaves no trace.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.checker import cache_disk as cachefile
from generator.checker.check import check_file
from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mistakes", root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    return root


def report(capsys, *args: str) -> tuple[int, str]:
    status = main(["check", "claims.yaml", "--format", "json", *args])
    return status, capsys.readouterr().out


def cache_files(root: Path) -> list[str]:
    folder = root.parent / "cache"
    return sorted(os.listdir(folder)) if folder.exists() else []


def test_a_second_check_reuses_every_claim_and_says_the_same(project, capsys):
    first = report(capsys)
    assert first[0] == 1 and len(cache_files(project)) == 1
    assert cachefile.load("claims.yaml").stored() > 0
    cache = cachefile.load("claims.yaml")
    result = check_file("claims.yaml", cache)
    ids = [claim.id for claim in result.project.claims]
    twice = sum(ids.count(i) > 1 for i in ids)  # a repeated id is never cached
    assert twice and (cache.hits, cache.misses) == (len(ids) - twice, twice)
    assert report(capsys) == first == report(capsys, "--no-cache")


@pytest.mark.parametrize("old, new, where", [
    ("3,000 residents", "3,500 residents", "sources/report.txt"),  # a source
    ("summary: x", "summary: an edited summary", "claims.yaml"),  # a claim
    ("claims:\n", "claims:\n  # a comment moves every claim down\n", "claims.yaml"),
])
def test_after_an_edit_the_cached_check_equals_a_fresh_one(project, capsys, old, new,
                                                           where):
    report(capsys)
    path = project / where
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    fresh = report(capsys, "--no-cache")
    assert report(capsys) == fresh
    assert report(capsys) == fresh  # and from the cache that check wrote


def test_no_cache_leaves_no_trace(project, capsys):
    report(capsys, "--no-cache")
    assert cache_files(project) == []


@pytest.mark.parametrize("spoil", ["garbage", "others may write", "other code"])
def test_a_spoiled_cache_is_ignored(project, capsys, monkeypatch, spoil):
    fresh = report(capsys)
    path = cachefile.path_for("claims.yaml", str(project.parent / "cache"))
    if spoil == "garbage":
        Path(path).write_bytes(b"\x80\x05not a pickle")
    elif spoil == "others may write":
        os.chmod(path, 0o666)
    else:
        monkeypatch.setattr(cachefile, "code_version", lambda: "another version")
    assert cachefile.load("claims.yaml").stored() == 0
    assert report(capsys) == fresh


def test_an_unwritable_cache_folder_is_no_error(project, capsys, monkeypatch):
    blocker = project.parent / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert report(capsys)[0] == 1


def test_story_files_are_kept_one_file_each_and_an_edit_replaces_one(tmp_path, monkeypatch,
                                                                     capsys):
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "newsroom", root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    report(capsys)
    parsed = {n for n in os.listdir(tmp_path / "cache") if n.startswith("parsed-")}
    assert len(parsed) == 3  # claims.yaml (it only includes) and the two story files
    story = root / "stories" / "evacuations.yaml"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")
    fresh = report(capsys, "--no-cache")
    assert report(capsys) == fresh
    now = {n for n in os.listdir(tmp_path / "cache") if n.startswith("parsed-")}
    assert len(now) == 3 and len(now - parsed) == 1  # the edited story's, and no other
    for name in now:  # a parse lost from the cache is parsed again, no error
        os.unlink(tmp_path / "cache" / name)
    assert report(capsys) == fresh


def test_a_quote_edited_in_one_story_file_is_checked_again_and_the_others_are_not(
        tmp_path, monkeypatch, capsys):
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "newsroom", root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    before = report(capsys)
    story = root / "stories" / "evacuations.yaml"
    text = story.read_text(encoding="utf-8")
    old = "quote: more than 200 people were moved by bus"
    assert old in text
    story.write_text(text.replace(old, old.replace("200", "900"), 1), encoding="utf-8")
    fresh = report(capsys, "--no-cache")
    assert "quote-not-found" in fresh[1] and fresh != before
    assert report(capsys) == fresh
    cache = cachefile.load("claims.yaml")  # as the next check finds it
    result = check_file("claims.yaml", cache)
    assert cache.misses == 0 and cache.hits == len(result.project.claims)
    story.write_text(text, encoding="utf-8")  # back: the claim is keyed by its text again
    assert report(capsys) == before
