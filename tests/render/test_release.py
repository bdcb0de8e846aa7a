"""A build lets go of what only the check needed (generator/site/release.py) before it
renders the pages: every page, claims.json and the feed must come out the same, and
the outline MkDocs takes of a page first must be the one its page is written with."""

from __future__ import annotations

from pathlib import Path

from generator.checker.check import check_file
from generator.checker.status import published_view
from generator.site import release
from generator.site.render import SiteRenderer
from generator.site.siteindex import SiteOptions

PROJECT = Path(__file__).parent / "fixtures" / "project"
OPTIONS = SiteOptions(site_name="Fixture checks", site_url="https://checks.example.org/")


def everything(renderer: SiteRenderer) -> dict[str, str]:
    out = {page.src_uri: renderer.render(page).html for page in renderer.pages()}
    out.update(renderer.claims_files())
    out["feed.xml"] = renderer.feed()
    return out


def test_pages_are_the_same_after_the_check_lets_go():
    result = check_file(str(PROJECT / "claims.yaml"))
    view = published_view(result)
    before = everything(SiteRenderer(view, OPTIONS))
    release.for_pages(result, view)
    assert all("norm" not in vars(src) for src in result.sources.values())
    assert all(not claim.locs for claim in result.project.claims)
    assert everything(SiteRenderer(view, OPTIONS)) == before


def test_a_pages_outline_is_that_of_the_page_as_written():
    renderer = SiteRenderer(check_file(str(PROJECT / "claims.yaml")), OPTIONS)
    for page in renderer.pages():
        rendered = renderer.prepare(page)
        assert renderer.outline(page) == (rendered.toc, rendered.anchors), page.src_uri
