"""The factcheck theme, read from the built HTML: what search engines, social sites
and Pagefind get from every page, and what the theme leaves out."""

from __future__ import annotations

import io
import json
from urllib.parse import urlsplit

import pytest
from PIL import Image

from generator.site import share_image

THEME_YML = """\
site_name: Fixture checks
site_description: Claims about the border, checked against the reports.
docs_dir: content
theme:
  name: factcheck
  contact_email: desk@checks.example.org
  editors_page: guide.md
plugins:
  - factcheck
nav:
  - Home: index.md
  - Claims: claims/index.md
  - Sources: sources/index.md
  - Cross-reference: cross-reference.md
  - Corrections: corrections.md
"""
GUIDE = "---\nsearch:\n  exclude: true\n---\n\n# Guide for editors\n\nRun factcheck check.\n"


@pytest.fixture(scope="module")
def themed(site_maker):
    site = site_maker("themed", config=THEME_YML + "site_url: https://checks.example.org/\n",
                      pages={"content/guide.md": GUIDE,
                             "content/corrections.md": "# Corrections\n\nWe fix errors.\n"})
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def _pages(site):
    for path in site.html_files():
        rel = path.relative_to(site.site_dir).as_posix()
        if not rel.startswith("pagefind/"):
            yield rel, path


def _meta(doc, attr: str, name: str) -> str | None:
    el = doc.find("meta", **{attr: name})
    return el.get("content") if el else None


def test_every_page_has_description_canonical_open_graph_and_twitter(themed, html):
    seen = 0
    for rel, path in _pages(themed):
        doc = html(path.read_text(encoding="utf-8"))
        assert _meta(doc, "name", "description"), rel
        for prop in ("og:title", "og:description", "og:image", "og:site_name", "og:type"):
            assert _meta(doc, "property", prop), (rel, prop)
        assert _meta(doc, "name", "twitter:card") == "summary_large_image", rel
        # X falls back to og:title, og:description and og:image: said once, not twice.
        assert _meta(doc, "name", "twitter:image") is None, rel
        assert _meta(doc, "name", "twitter:title") is None, rel
        if rel not in ("404.html", "search.html"):  # not pages of their own
            canonical = doc.find("link", rel="canonical").get("href")
            assert canonical.startswith("https://checks.example.org/"), rel
            assert _meta(doc, "property", "og:url") == canonical
        seen += 1
    assert seen > 10


def test_claim_pages_share_a_card_with_their_verdict(themed, html):
    doc = themed.page("claims/troops-crossed/")
    assert _meta(doc, "property", "og:type") == "article"
    assert _meta(doc, "name", "description").startswith(
        "Verdict: Accurate. Claim by Ministry of Defence: \u201c300 soldiers crossed")
    image = _meta(doc, "property", "og:image")
    assert image.startswith("https://checks.example.org/assets/factcheck/cards/")
    png = themed.site_dir / urlsplit(image).path.lstrip("/")
    with Image.open(png) as card:
        assert card.format == "PNG" and card.size == (1200, 630)
    assert "Accurate" in _meta(doc, "property", "og:image:alt")
    other = _meta(themed.page("claims/no-gas/"), "property", "og:image")
    assert other != image  # one card per claim
    home = _meta(themed.page(""), "property", "og:image")
    assert home not in (image, other)


def test_search_index_has_claims_and_sources_not_listings_or_the_editors_guide(themed, html):
    entry = json.loads((themed.site_dir / "pagefind" / "pagefind-entry.json").read_text())
    pages = sum(lang["page_count"] for lang in entry["languages"].values())
    indexed = []
    for rel, path in _pages(themed):
        doc = html(path.read_text(encoding="utf-8"))
        main = doc.find("main")
        if main is not None and "data-pagefind-body" in main.attrs:
            indexed.append(rel)
    assert "claims/troops-crossed/index.html" in indexed
    assert "sources/alpha/index.html" in indexed and "index.html" in indexed
    assert "guide/index.html" not in indexed
    assert not [r for r in indexed if r.startswith(("claims/verdict/", "claims/tag/"))]
    assert "claims/index.html" not in indexed and "cross-reference/index.html" not in indexed
    assert pages == len(indexed)
    doc = themed.page("claims/troops-crossed/")
    verdict = doc.find("meta", **{"data-pagefind-meta": "verdict[content]"})
    assert verdict.get("content") == "Accurate"


def test_masthead_menu_and_footer(themed, html):
    doc = themed.page("claims/troops-crossed/")
    menu = doc.find("nav", **{"aria-label": "Main"})
    labels = [a.text for a in menu.find_all("a")]
    assert labels == ["Claims", "Sources", "Cross-reference", "Corrections", "Search"]
    footer = doc.find("footer", cls="fc-site-footer")
    links = {a.text: a.get("href") for a in footer.find_all("a")}
    assert links["Corrections policy"] == "../../corrections/"
    assert links["desk@checks.example.org"] == "mailto:desk@checks.example.org"
    assert links["For editors"] == "../../guide/"  # the guide: in the footer, not the menu
    assert "Fixture checks" in footer.find(cls="fc-publisher").text


def test_the_theme_loads_nothing_from_elsewhere_and_no_fonts(themed, html):
    for rel, path in _pages(themed):
        doc = html(path.read_text(encoding="utf-8"))
        for el in doc.find_all("link"):
            if el.get("rel") in ("stylesheet", "preload", "icon"):
                assert not urlsplit(el.get("href")).scheme, (rel, el.get("href"))
        for el in doc.find_all("script"):
            assert not urlsplit(el.get("src") or "").scheme, rel
    css = (themed.site_dir / "css" / "theme.css").read_text()
    assert "@font-face" not in css and "@import" not in css
    assert not list(themed.site_dir.rglob("*.woff*"))


def test_a_long_claim_still_makes_a_card_of_the_right_size():
    card = share_image.Card("word " * 300 + "Supercalifragilistic" * 10, "A verdict " * 20,
                            "#cf222e", "A claimant, 7 August 2024", "A site " * 30)
    with Image.open(io.BytesIO(share_image.render(card))) as img:
        assert img.size == (1200, 630)
    changed = share_image.Card(card.title, "Another verdict", card.color, card.byline,
                               card.site_name)
    assert share_image.card_key(card) != share_image.card_key(changed)
