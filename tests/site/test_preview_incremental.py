"""The preview's check between rebuilds: what it keeps in memory never hides an edit.

``mkdocs serve`` keeps the story files' parses, the claims' keys and the source
files it read (by their status on disk) from one rebuild to the next
(generator/checker/cache_memory.py). Each test here makes the edit that those
could miss and rebuilds in one process, as ``serve`` does: the rebuild shows the
finding the edit brought, and the fix takes it away.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from generator.checker import files, include
from generator.checker.cache_memory import CheckCache
from generator.checker.check import check_file
from generator.site import structured_data
from generator.site.feed import feed_inputs
from generator.site.pagekeys import page_keys
from generator.site.render import SiteOptions, SiteRenderer

from .test_preview_edits import EDITS, Preview, _builder, edit
from .test_publication import write_site

DAY_AGO = time.time() - 86400


def _age(root: Path) -> None:
    """Every file as if saved a day ago: the preview trusts the status of files not
    written just now, so only then does it answer a source from memory."""
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (DAY_AGO, DAY_AGO))


def _failure(preview: Preview) -> str | None:
    """The error text the preview's banner would show after the last rebuild."""
    return preview.config().plugins["factcheck"].preview.failure


def _rebuild(preview: Preview) -> bool:
    """Rebuild; False when the build stopped on the check's errors (as it must)."""
    plugin = preview.config().plugins["factcheck"]
    plugin.preview.failure = None  # as the server's guarded build does
    try:
        preview.rebuild()
    except Exception:  # noqa: BLE001  PluginError or MkDocs' Abort: the build stopped
        return False
    return True


@pytest.fixture
def preview(tmp_path, monkeypatch):
    # the files were written a moment ago (their change time is now, whatever
    # _age does): trust their status at once, or nothing would come from memory
    monkeypatch.setattr(files, "RACY_NS", 0)
    root = write_site(tmp_path / "project").root
    _age(root)
    served = Preview(root, tmp_path / "dirty", dirty=True)
    try:
        assert _rebuild(served)
        yield served
    finally:
        _builder()[2].plugin_cache.clear()


def _rewrite(path: Path, old: str, new: str, keep_time: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if keep_time:  # as `cp -p`, `rsync -t` or an archive tool leave it
        os.utime(path, (DAY_AGO, DAY_AGO))


def test_a_source_edited_in_the_preview_is_checked_again(preview):
    source = preview.root / "content/sources/alpha.txt"
    _rewrite(source, "11 tanks", "12 tanks")
    assert not _rebuild(preview)
    failure = _failure(preview)
    assert "quote-not-found" in failure and "stories/border.yaml:36:" in failure
    assert "12 tanks" in failure  # the source as it reads now
    _rewrite(source, "12 tanks", "11 tanks")
    assert _rebuild(preview)
    assert _failure(preview) is None
    assert "11 tanks" in preview.page("claims/tanks-crossed/").text


def test_a_source_rewritten_with_its_old_size_and_time_is_checked_again(preview):
    """The same size and modification time: the change time still tells."""
    source = preview.root / "content/sources/alpha.txt"
    _rewrite(source, "11 tanks", "12 tanks", keep_time=True)
    assert not _rebuild(preview)
    assert "quote-not-found" in _failure(preview) and "12 tanks" in _failure(preview)
    _rewrite(source, "12 tanks", "11 tanks", keep_time=True)
    assert _rebuild(preview)
    assert _failure(preview) is None


def test_a_story_file_rewritten_with_its_old_size_and_time_is_checked_again(preview):
    """The story files the preview keeps by their status on disk: the change time
    tells this edit (the same number of letters, the old modification time)."""
    story = preview.root / "stories/border.yaml"
    _rewrite(story, "Eleven tanks crossed", "Twelve tanks crossed", keep_time=True)
    assert _rebuild(preview)
    assert "Twelve tanks" in preview.page("claims/tanks-crossed/").text
    _rewrite(story, "Twelve tanks crossed", "Eleven tanks crossed", keep_time=True)
    assert _rebuild(preview)
    assert "Eleven tanks" in preview.page("claims/tanks-crossed/").text


def test_a_rebuild_reads_again_only_the_story_file_that_was_saved(preview, monkeypatch):
    """Hundreds of story files, one saved: the others are answered from memory."""
    read = []
    real = include.Folder.read
    monkeypatch.setattr(include.Folder, "read",
                        lambda self, path: read.append(path) or real(self, path))
    assert _rebuild(preview)
    assert read == []
    _rewrite(preview.root / "stories/gas.yaml", "    verdict: inaccurate",
             "    verdict: inaccurate  # saved")
    assert _rebuild(preview)
    assert read == ["stories/gas.yaml"]


NEW_STORY = """\
story:
  id: drones
  title: The drones over the river
  published: 2024-08-16
  authors: [ana]
claims:
  - id: drones-seen
    claim: Drones were seen over the river.
    verdict: mixed
    summary: Nobody counted them.
    published: 2024-08-16
    citations:
      - source: alpha
        quote: Officials said the situation was under control.
        stance: context
"""


def test_a_story_file_added_broken_fixed_and_removed_in_the_preview(preview):
    story = preview.root / "stories/drones.yaml"
    story.write_text(NEW_STORY, encoding="utf-8")
    assert _rebuild(preview)
    assert "Drones were seen" in preview.page("claims/drones-seen/").text
    assert "Drones were seen" in preview.page("claims/").text

    _rewrite(story, "    verdict: mixed", "      verdict: mixed")  # a YAML slip
    assert not _rebuild(preview)
    assert "stories/drones.yaml:" in _failure(preview)
    _rewrite(story, "      verdict: mixed", "    verdict: mixed")
    assert _rebuild(preview)
    assert _failure(preview) is None

    story.unlink()
    assert _rebuild(preview)
    assert "Drones were seen" not in preview.page("claims/").text
    assert "Drones were seen" not in preview.page("stories/").text


def test_an_edit_undone_in_the_preview_shows_the_first_text_again(preview):
    """The parse kept for a story file's text is never handed out for another."""
    story = preview.root / "stories/border.yaml"
    _rewrite(story, "Eleven tanks crossed", "Twelve tanks crossed")
    assert _rebuild(preview)
    assert "Twelve tanks" in preview.page("claims/tanks-crossed/").text
    _rewrite(story, "Twelve tanks crossed", "Eleven tanks crossed")
    assert _rebuild(preview)
    page = preview.page("claims/tanks-crossed/").text
    assert "Eleven tanks" in page and "Twelve tanks" not in page


def test_the_fix_of_a_broken_edit_logs_no_warning_logged_before_it(preview, caplog):
    """The check of a broken edit leaves the lints out; the fix after it finds their
    warnings again, which the editor has read already."""
    caplog.set_level("INFO")
    edit(preview.root, "quote")  # drops the attribution: a quote-drops-hedge warning
    assert _rebuild(preview)
    gas = preview.root / "stories/gas.yaml"
    _rewrite(gas, "    verdict: inaccurate", "      verdict: inaccurate")  # a YAML slip
    assert not _rebuild(preview)
    caplog.clear()
    _rewrite(gas, "      verdict: inaccurate", "    verdict: inaccurate")
    assert _rebuild(preview)
    assert not [r for r in caplog.records if r.levelname == "WARNING"
                and "factcheck" in r.name]
    assert "1 more warning as before this edit" in caplog.text


def test_claims_json_in_parts_after_edits_in_the_preview_is_the_clean_builds(
        preview, tmp_path, monkeypatch):
    """A part of claims.json whose claims did not change keeps its text; the part of
    the edited claim is written again: the files are those of a clean build."""
    monkeypatch.setattr(structured_data, "CLAIMS_PART_MAX", 1)  # a part per claim
    assert _rebuild(preview)
    for name in ("summary", "verdict", "claim"):
        edit(preview.root, name)
        assert _rebuild(preview)
    clean = Preview(preview.root, tmp_path / "clean", dirty=False)
    clean.rebuild()
    parts = sorted(p.name for p in clean.site_dir.glob("claims*.json"))
    assert len(parts) == 4
    for name in parts:
        dirty = json.loads((preview.site_dir / name).read_text(encoding="utf-8"))
        assert dirty == json.loads((clean.site_dir / name).read_text(encoding="utf-8"))
    assert any("as fenwick said" in (preview.site_dir / name).read_text(encoding="utf-8")
               for name in parts)


def _feed(root: Path) -> tuple[str, str]:
    """The feed's inputs and the feed, as the preview makes them."""
    result = check_file(str(root / "claims.yaml"))
    renderer = SiteRenderer(result, SiteOptions(site_name="t", site_url="https://e.org/"))
    return feed_inputs(renderer.site), renderer.feed()


@pytest.mark.parametrize("name", EDITS)
def test_the_preview_makes_the_feed_again_whenever_an_edit_changes_it(tmp_path, name):
    root = write_site(tmp_path).root
    inputs, feed = _feed(root)
    edit(root, name)
    new_inputs, new_feed = _feed(root)
    assert new_feed == feed or new_inputs != inputs


def test_an_update_logged_in_the_preview_is_in_the_feed(preview):
    edit(preview.root, "new update")
    assert _rebuild(preview)
    assert "Named the village" in (preview.site_dir / "feed.xml").read_text(encoding="utf-8")


def _keys(root: Path, cache: CheckCache, memos: dict | None) -> dict[str, str]:
    """The page keys after a check with the preview's cache: worked out from what the
    last call left (``memos``), or from nothing (None)."""
    result = check_file(str(root / "claims.yaml"), cache, jobs=1)
    pages = SiteRenderer(result, SiteOptions(site_name="t", front_page=True)).pages()
    known = lambda claim: cache.key(result.project, claim)  # noqa: E731
    if memos is None:
        return page_keys(result, pages, "site-wide", known=known)
    return page_keys(result, pages, "site-wide", known=known, **memos)


@pytest.mark.parametrize("name", EDITS)
def test_page_keys_from_the_last_rebuilds_are_those_worked_out_afresh(tmp_path, name):
    root = write_site(tmp_path).root
    cache = CheckCache(live=True)
    memos = {"cards": {}, "texts": {}, "last": {}}
    _keys(root, cache, memos)
    edit(root, name)
    assert _keys(root, cache, memos) == _keys(root, cache, None)
