"""Search on a site whose fact checks are in another language than its interface:
English claims on an Arabic site are indexed with English stemming (their own
Pagefind bundle) and the Arabic search page finds them, by a word form that is not
on the page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, Tab, _serve
from tests.site.test_i18n import search_site


@pytest.fixture(scope="module")
def arabic_site_english_claims(tmp_path_factory):
    site = search_site(tmp_path_factory.mktemp("search-ar-en"), "ar", "en")
    server, url = _serve(site.site_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("query", "claim"), [
    ("crossing", "troops-crossed"),  # the page says "crossed": English stems, not Arabic
    ("provocations", "no-gas"),      # a quote on the page: "provocation"
])
def test_the_arabic_search_page_finds_english_claims(browser, arabic_site_english_claims,
                                                      query, claim):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=DESKTOP)
    try:
        tab = Tab(context.new_page(), arabic_site_english_claims)
        page = tab.goto(f"search.html?q={query}")
        hit = page.locator("[data-fc-search-results] li", has=page.locator(
            f"a[href$='claims/{claim}/']"))
        expect(hit).to_have_count(1, timeout=10_000)
        expect(hit.locator(".fc-result-title")).to_have_attribute("dir", "auto")
        assert page.locator("html").get_attribute("lang") == "ar"
        assert tab.errors == []
    finally:
        context.close()
