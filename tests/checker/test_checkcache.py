"""The check cache is never stale: after any edit, a check that reuses results gives
exactly what a fresh check gives (findings, their places, resolved quotes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checker.cache_memory import CheckCache
from generator.checker.check import check_file

FIXTURES = Path(__file__).parent / "fixtures"


def outcome(result):
    return ([(f.path, tuple(f.loc), f.code, f.message, f.claim, f.citation, f.suggestion)
             for f in result.findings], result.resolutions, result.summary)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    # lines added above every claim: each finding moves down with its claim
    "lines above": lambda root: replace(root / "claims.yaml", "claims:\n",
                                        "claims:\n  # a comment\n  # and another\n"),
    # one quote changed: that claim is checked again, and now fails
    "a quote": lambda root: replace(root / "claims.yaml", "quote: 'The governor wrote: \"The",
                                    "quote: 'The governor said: \"The"),
    # a source changed: every claim citing it must see the new text
    "a source": lambda root: replace(root / "sources/report.txt", "3,000 residents",
                                     "3,500 residents"),
    # the verdict scale changed: verdict-evidence depends on it
    "the scale": lambda root: replace(root / "claims.yaml", "rating: 1\n", "rating: 4\n"),
    # a claim's id renamed: its results are keyed under the new text
    "an id": lambda root: replace(root / "claims.yaml", "id: wrong-source",
                                  "id: wrong-source-2"),
}


def test_an_unchanged_claim_is_not_checked_again(tmp_path, monkeypatch):
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "newsroom", root)
    monkeypatch.chdir(root)
    cache = CheckCache()
    check_file("claims.yaml", cache)
    assert cache.hits == 0 and cache.misses > 1
    claims = cache.misses
    story = next((root / "stories").glob("*.yaml"))
    text = story.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if "summary:" in line)
    story.write_text(text.replace(summary, summary + " Edited."), encoding="utf-8")
    result = check_file("claims.yaml", cache)
    assert (cache.hits, cache.misses) == (claims - 1, 1)
    assert outcome(result) == outcome(check_file("claims.yaml"))


def test_the_cache_keeps_only_what_the_last_check_used(tmp_path, monkeypatch):
    root = tmp_path / "mistakes"
    shutil.copytree(FIXTURES / "mistakes", root)
    monkeypatch.chdir(root)
    cache = CheckCache()
    check_file("claims.yaml", cache)
    size = len(cache.claims)
    for n in range(3):
        replace(root / "claims.yaml", "summary: x", f"summary: x{n}")
        check_file("claims.yaml", cache)
        check_file("claims.yaml", cache)  # the entries of the edit before are dropped
        assert len(cache.claims) == size


LINT_EDITS = {
    # a word added to the hedge list: a quote that dropped it now drops a hedge
    "the hedge list": lambda root: replace(root / "claims.yaml", "hedges: [angeblich]",
                                           "hedges: [angeblich, Truppen]"),
    # a relay declared no more: single-origin goes, possible-relay may come
    "a relay": lambda root: replace(root / "claims.yaml", ", relays: [the-agency]}", "}"),
    # lines above every claim: every lint finding moves down with its claim
    "lines above": lambda root: replace(root / "claims.yaml", "claims:\n",
                                        "claims:\n  # a comment\n  # and another\n"),
    # a quote widened to keep its hedge: that finding goes
    "a quote": lambda root: replace(
        root / "claims.yaml", "quote: unprecedented for its use",
        "quote: If confirmed, the raid would be the largest since 2022, and unprecedented "
        "for its use"),
}


STORY = "stories/raid.yaml"

EVIDENCE_EDITS = {
    # the intro's quote corrected: the story's own finding goes
    "the intro": lambda root: replace(root / STORY, "「troops were seen near\n    Kursk」",
                                      "「troops were seen near\n    the town」"),
    # a claim of the story stops citing the wire: the dek's quote has no source left
    "a citation of the story": lambda root: replace(
        root / STORY, "      - source: wire\n        quote: A resident",
        "      - source: paper\n        quote: Residents told the paper that troops were "
        "seen near the town of Sudzha.\n        stance: supports\n      - source: paper\n"
        "        quote: A resident"),
    # another claim cites the governor: the intro's quote of him is published now
    "a window of the excerpts": lambda root: replace(
        root / STORY, "    summary: Two printings of one statement.\n    citations:\n",
        "    summary: Two printings of one statement.\n    citations:\n"
        "      - source: monitor\n        quote: The governor said\n"
        "        stance: context\n"),
    # the registry's alias dropped: two speakers, two origins
    "a speaker's alias": lambda root: replace(root / "claims.yaml",
                                              "aliases: [Defence Ministry]", "aliases: []"),
    # the scale asks for no second origin: verdict-origins goes
    "a requirement": lambda root: replace(root / "claims.yaml", "requires: {origins: 2}",
                                          "requires: {origins: 1}"),
}


@pytest.mark.parametrize("fixture, edits, edit",
                         [("mistakes", EDITS, e) for e in sorted(EDITS)]
                         + [("fair-quotes", LINT_EDITS, e) for e in sorted(LINT_EDITS)]
                         + [("evidence", EVIDENCE_EDITS, e) for e in sorted(EVIDENCE_EDITS)])
def test_a_cached_check_equals_a_fresh_one_after_an_edit(tmp_path, monkeypatch, fixture,
                                                         edits, edit):
    """Lint findings too: the fair-quotes fixture trips every lint."""
    root = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, root)
    monkeypatch.chdir(root)
    cache = CheckCache()
    before = outcome(check_file("claims.yaml", cache))
    assert before == outcome(check_file("claims.yaml"))
    edits[edit](root)
    fresh = outcome(check_file("claims.yaml"))
    assert outcome(check_file("claims.yaml", cache)) == fresh != before


def test_a_story_file_that_fails_to_load_does_not_recheck_the_others(tmp_path, monkeypatch):
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "newsroom", root)
    monkeypatch.chdir(root)
    cache = CheckCache()
    claims = check_file("claims.yaml", cache).summary.claims
    story = root / "stories" / "evacuations.yaml"  # it registers no source of its own
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("claims:", "claims: [", 1), encoding="utf-8")
    broken = check_file("claims.yaml", cache)
    assert broken.project.partial and cache.misses == 0
    assert cache.hits == broken.summary.claims < claims
    story.write_text(good, encoding="utf-8")
    assert outcome(check_file("claims.yaml", cache)) == outcome(check_file("claims.yaml"))
