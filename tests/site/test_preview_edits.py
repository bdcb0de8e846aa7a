"""An edit in the live preview shows on every page that shows the edited thing.

``mkdocs serve --dirty`` rebuilds only the pages whose key changed
(:mod:`generator.site.pagekeys`). Two checks hold the keys to the pages, on the
publication of test_publication (two story files, two authors):

* rendering: for each edit in the table, every page whose key did not change
  renders exactly as before (a key that misses something a page shows fails here);
* MkDocs: a site rebuilt with ``--dirty`` after each edit, in one process as
  ``serve`` does, is the site a clean build of the same files makes, page for
  page; and the edited text is on the claim, source, index and story pages,
  read through an HTML parser.
"""

from __future__ import annotations

import importlib
import re
import time
from pathlib import Path

import pytest

from generator.checker.check import check_file
from generator.site.pagekeys import page_keys
from generator.site.render import SiteOptions, SiteRenderer

from .conftest import BUILDER, parse
from .test_publication import write_site


def says(word: str):
    return lambda doc: word in doc.text


def rated(verdict: str, count: int):
    """The claims list has ``count`` rows rated ``verdict``."""
    return lambda doc: len(list(doc.find_all("tr", data_verdict=verdict))) == count


def carded(verdict: str):
    return lambda doc: doc.find("li", "fc-card", data_verdict=verdict) is not None


def page_rated(verdict: str):
    return lambda doc: doc.find("article", "fc-claim").get("data-verdict") == verdict


def passage_starts(anchor: str, words: str):
    return lambda doc: doc.find(id=anchor).text.startswith(words)


def marked(words: str):
    return lambda doc: any(m.text.startswith(words) for m in doc.find_all("mark"))


def cites_as(anchor: str, stance: str):
    """The cross-reference's link to a cited passage says the citation's stance."""
    return lambda doc: any(f"fc-s-{stance}" in a.classes for a in doc.find_all("a", "fc-xref-cite")
                           if a.get("href", "").endswith("#" + anchor))


# name: (file, old, new, {URL: what is true of the page after the edit, not before})
EDITS = {
    "summary": ("stories/border.yaml", "summary: Nested inside the longer quote.",
                "summary: Nested inside the longer quote, as fenwick said.",
                {"claims/tanks-crossed/": says("fenwick"), "stories/border/": says("fenwick"),
                 "": says("fenwick")}),
    "verdict": ("stories/border.yaml", "verdict: accurate\n    summary: Nested",
                "verdict: mixed\n    summary: Nested",
                {"claims/tanks-crossed/": page_rated("mixed"), "claims/": rated("mixed", 2),
                 "claims/verdict/mixed/": says("Eleven tanks"),
                 "stories/border/": carded("mixed")}),
    "quote": ("stories/border.yaml",
              "quote: the ministry said that 300 soldiers and 11 tanks crossed the border near",
              "quote: 300 soldiers and 11 tanks crossed the border near",
              {"claims/tanks-crossed/": marked("300 soldiers"),
               "sources/alpha/": passage_starts("q-tanks-crossed-0", "300 soldiers")}),
    "stance": ("stories/border.yaml",
               "into the region\n        stance: context",
               "into the region\n        stance: supports",
               {"cross-reference/": cites_as("q-troops-crossed-1", "supports"),
                "claims/troops-crossed/": lambda doc: doc.find(id="context") is None}),
    "source": ("content/sources/beta.txt", "The Kremlin called it",
               "The Kremlin (quoted by marlowe) called it",
               {"sources/beta/": says("marlowe")}),
    "claim": ("claims.yaml", "claim: The situation was under control.",
              "claim: The situation was under firm control.",
              {url: says("under firm control") for url in (
                  "claims/under-control/", "claims/", "cross-reference/", "claims/verdict/mixed/",
                  "claims/troops-crossed/", "sources/alpha/")}),
    "story": ("stories/gas.yaml", "published: 2024-08-14\n  authors",
              "published: 2024-08-14\n  dek: Pipes and bravado.\n  authors",
              {url: says("Pipes and bravado") for url in ("stories/gas/", "stories/", "")}),
    "author": ("claims.yaml", "name: Ben Okafor", "name: Ben Okafor-Reyes",
               {url: says("Okafor-Reyes") for url in (
                   "authors/ben/", "stories/border/", "stories/gas/", "authors/")}),
    "publish": ("claims.yaml", "publish: full", "publish: excerpts",
                {url: says("Excerpts") for url in ("sources/alpha/", "sources/beta/")}),
    "note": ("stories/border.yaml", "note: Added the **second** source.",
             "note: Added the **second** source for hollis.",
             {url: says("hollis") for url in ("corrections-log/", "claims/troops-crossed/")}),
    "new update": ("stories/border.yaml", "claim: Eleven tanks crossed near Oleshnya.\n",
                   "claim: Eleven tanks crossed near Oleshnya.\n    updates:\n"
                   "      - {date: 2024-08-16, type: clarification, note: Named the village.}\n",
                   {"corrections-log/": says("Named the village"),
                    "corrections-log/clarification/": says("Named the village"),
                    "": says("Corrections log (3)")}),
    "story language": ("stories/gas.yaml", "  authors: [ben]\nclaims:",
                       "  authors: [ben]\n  language: uk\nclaims:",
                       {url: lambda doc: doc.find(lang="uk") is not None
                        for url in ("stories/gas/", "stories/", "claims/no-gas/")}),
}


def edit(root: Path, name: str) -> None:
    path, old, new, _ = EDITS[name]
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, (name, old)
    (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")


def rendered(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Every generated page's key and body, as the plugin would make them."""
    result = check_file(str(root / "claims.yaml"))
    assert not result.errors, result.errors
    renderer = SiteRenderer(result, SiteOptions(site_name="t", front_page=True))
    pages = renderer.pages()
    keys = page_keys(result, pages, "site-wide")
    return keys, {p.src_uri: renderer.render(p).html for p in pages}


@pytest.mark.parametrize("name", EDITS)
def test_a_page_whose_key_is_the_same_renders_the_same(tmp_path, name):
    root = write_site(tmp_path).root
    keys, before = rendered(root)
    edit(root, name)
    new_keys, after = rendered(root)
    assert keys.keys() == new_keys.keys()
    stale = [uri for uri in keys if keys[uri] == new_keys[uri] and before[uri] != after[uri]]
    assert stale == []
    assert any(keys[uri] != new_keys[uri] for uri in keys)


def _builder():
    """The builder's ``load_config``, ``build`` and plugin option (its cache of the
    plugin instances ``serve`` keeps across rebuilds)."""
    if BUILDER == "properdocs":
        importlib.import_module("properdocs.replacement")
    config = importlib.import_module(f"{BUILDER}.config")
    build = importlib.import_module(f"{BUILDER}.commands.build").build
    defaults = importlib.import_module(f"{BUILDER}.config.defaults")
    return config.load_config, build, defaults.MkDocsConfig.plugins


BUILD_DATE = re.compile(r"Build Date UTC : .*")  # the mkdocs theme's, on the home page


class Preview:
    """``serve`` in one process: one plugin instance, builds into ``site_dir``."""

    URL = "http://127.0.0.1:8000/"

    def __init__(self, root: Path, site_dir: Path, dirty: bool):
        self.load, self.build, option = _builder()
        option.plugin_cache.clear()  # a new serve session: new plugin instances
        self.root, self.site_dir, self.dirty = root, site_dir, dirty
        self.config().plugins.on_startup(command="serve", dirty=dirty)

    def config(self):
        config = self.load(config_file=str(self.root / "mkdocs.yml"),
                           site_dir=str(self.site_dir))
        config.site_url = self.URL
        return config

    def rebuild(self) -> None:
        self.build(self.config(), serve_url=self.URL, dirty=self.dirty)

    def page(self, url: str):
        return parse((self.site_dir / url / "index.html").read_text(encoding="utf-8"))

    def outputs(self) -> dict[str, str]:
        """Every page and data file of the site (not MkDocs' search index or sitemap,
        which a dirty build does not keep whole, by design)."""
        return {str(p.relative_to(self.site_dir)): BUILD_DATE.sub("", p.read_text("utf-8"))
                for p in sorted(self.site_dir.rglob("*"))
                if p.suffix in (".html", ".json", ".xml") and p.name != "sitemap.xml"
                and "search" not in p.parts}


def test_dirty_rebuilds_after_each_edit_make_the_clean_site(tmp_path):
    root = write_site(tmp_path / "project").root
    preview = Preview(root, tmp_path / "dirty", dirty=True)
    try:
        preview.rebuild()
        for name, (_, _, _, checks) in EDITS.items():
            before = {url: preview.page(url) for url in checks}
            edit(root, name)
            preview.rebuild()
            for url, holds in checks.items():
                assert not holds(before[url]), (name, url, "before the edit")
                assert holds(preview.page(url)), (name, url)
        dirty = preview.outputs()
        clean = Preview(root, tmp_path / "clean", dirty=False)
        clean.rebuild()
        expected = clean.outputs()
    finally:
        _builder()[2].plugin_cache.clear()
    assert sorted(dirty) == sorted(expected)
    assert [name for name in expected if dirty[name] != expected[name]] == []


def test_a_hand_written_page_edited_in_the_preview_links_to_generated_pages(tmp_path,
                                                                             caplog):
    """A rebuild hands MkDocs only the generated pages an edit changed; a page of
    docs_dir that it renders again still finds every generated page it links to."""
    site = write_site(tmp_path / "project")
    about = ("# About\n\nRead [one check](claims/tanks-crossed/index.md) and "
             "[the stories](stories/index.md).\n")
    site.write("content/about.md", about)
    preview = Preview(site.root, tmp_path / "dirty", dirty=True)
    try:
        preview.rebuild()
        edit(site.root, "summary")
        preview.rebuild()
        site.write("content/about.md", about.replace("# About", "# About us"))
        caplog.clear()
        preview.rebuild()
        page = preview.page("about/")
    finally:
        _builder()[2].plugin_cache.clear()
    assert "About us" in page.text
    links = {a.text: a.get("href") for a in page.find_all("a")}
    assert links["one check"] == "../claims/tanks-crossed/"
    assert links["the stories"] == "../stories/"
    assert not [r for r in caplog.records if "not found" in r.getMessage()
                or "does not contain" in r.getMessage()]


def test_a_rebuild_logs_only_the_warnings_an_edit_brought(tmp_path, caplog):
    caplog.set_level("INFO")
    root = write_site(tmp_path / "project").root
    preview = Preview(root, tmp_path / "dirty", dirty=True)
    try:
        preview.rebuild()
        edit(root, "quote")  # drops the attribution: a quote-drops-hedge warning
        caplog.clear()
        preview.rebuild()
        warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"
                  and "factcheck" in r.name]
        assert len(warned) == 1 and "quote-drops-hedge" in warned[0]
        edit(root, "summary")
        caplog.clear()
        preview.rebuild()
        assert not [r for r in caplog.records if r.levelname == "WARNING"
                    and "factcheck" in r.name]
        assert "1 more warning as before this edit" in caplog.text
    finally:
        _builder()[2].plugin_cache.clear()


def test_the_collector_paused_for_a_rebuild_always_comes_back():
    import gc

    from generator.gcpolicy import Deferred

    collector = Deferred()
    collector.COLLECT_AFTER, collector.FULL_AFTER = 0.01, 0.05
    try:
        for _ in range(Deferred.SKIP_MOST + 2):  # edits faster than the collection
            collector.pause()
            assert not gc.isenabled()
            collector.resume()
        assert collector._skipped <= Deferred.SKIP_MOST
        deadline = time.monotonic() + 5  # the young generations: the collector runs again
        while not gc.isenabled() and time.monotonic() < deadline:  # (polled: the timer's
            time.sleep(0.01)  # thread may be made and not started yet)
        assert gc.isenabled()
        deadline = time.monotonic() + 5
        while collector.pending and time.monotonic() < deadline:  # then the whole heap
            time.sleep(0.01)
        assert not collector.pending and gc.isenabled()
    finally:
        collector.close()
    assert gc.isenabled()


def test_what_the_first_build_left_is_frozen_until_the_editor_pauses():
    import gc
    import weakref

    from generator.gcpolicy import Deferred

    class Node:  # a cycle: only the collector frees it
        pass

    collector = Deferred()
    collector.COLLECT_AFTER, collector.FULL_AFTER = 0.01, 0.05
    node = Node()
    node.self = node
    gone = weakref.ref(node)
    try:
        collector.settle()  # the first build is over: what it left is frozen
        assert gc.get_freeze_count() > 0
        del node  # garbage now, but frozen: young collections leave it
        collector.pause()
        collector.resume()
        deadline = time.monotonic() + 5
        while collector.pending and time.monotonic() < deadline:  # then the whole heap
            time.sleep(0.01)
        assert not collector.pending and gone() is None  # thawed first, then freed
        assert gc.isenabled()
    finally:
        collector.close()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
