"""Readers' journeys through the built Kursk site in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect  # skipped by conftest when missing

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _first_cited_claim(site_data) -> tuple[str, int, str]:
    claim = next(c for c in site_data["claims"] if c["citations"])
    cite = claim["citations"][0]
    return claim["id"], 0, cite["source"]


def _in_viewport(page, selector: str, timeout: float = 5000) -> bool:
    """Whether the element is (or, once the theme's smooth scroll ends, comes) in view:
    a target far down the page takes a moment to scroll to."""
    try:
        page.wait_for_function("""selector => {
            const el = document.querySelector(selector);
            if (!el) return false;
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
        }""", arg=selector, timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def test_claim_to_passage_and_back(tab, site_data):
    claim_id, index, source_id = _first_cited_claim(site_data)
    page = tab.goto(f"claims/{claim_id}/")
    link = page.locator(f"#ev-{index} a.fc-passage")
    expect(link).to_be_visible()
    link.click()
    anchor = f"q-{claim_id}-{index}"
    page.wait_for_url(f"**/sources/{source_id}/#{anchor}")
    target = page.locator(":target")
    expect(target).to_have_attribute("id", anchor)
    expect(target).to_be_visible()
    assert _in_viewport(page, ":target"), "the cited passage is not scrolled into view"
    # the script marks every piece of the passage, not only the first
    assert page.locator(f"mark.fc-current[data-cites~='{anchor}']").count() >= 1
    # each highlight links back to the claim's evidence
    back = page.locator(f"a.fc-backref[href$='claims/{claim_id}/#ev-{index}']")
    expect(back).to_have_count(1)
    back.click()
    page.wait_for_url(f"**/claims/{claim_id}/#ev-{index}")
    expect(page.locator(":target")).to_have_attribute("id", f"ev-{index}")
    assert _in_viewport(page, ":target")
    # and the browser's own back button returns to the passage
    page.go_back()
    page.wait_for_url(f"**/sources/{source_id}/#{anchor}")
    assert tab.errors == []


def test_filter_works_without_javascript(make_tab, site_data):
    # each filter is a list of its own (claims are listed page by page, so a script
    # could only filter the page it is on): the same with and without JavaScript
    for javascript in (True, False):
        tab = make_tab(javascript=javascript)
        page = tab.goto("claims/")
        expect(page.locator("form")).to_have_count(0)
        verdict = site_data["claims"][0]["verdict"]
        page.locator(f"nav.fc-filter-links a[href$='verdict/{verdict}/']").click()
        page.wait_for_url(f"**/claims/verdict/{verdict}/")
        rows = page.locator("table.fc-claims tbody tr")
        assert rows.count() == sum(c["verdict"] == verdict for c in site_data["claims"])
        for i in range(rows.count()):
            assert rows.nth(i).get_attribute("data-verdict") == verdict
        assert tab.errors == []


def _pages(site_data) -> dict[str, str]:
    claim = site_data["claims"][0]
    tag = next((t for c in site_data["claims"] for t in c["tags"]), None)
    pages = {
        "home": "",
        "claims-index": "claims/",
        "verdict-list": f"claims/verdict/{claim['verdict']}/",
        "claim": f"claims/{claim['id']}/",
        "source": f"sources/{site_data['sources'][0]['id']}/",
        "sources-index": "sources/",
        "cross-reference": "cross-reference/",
        "content-page": "methodology/",
        "search": "search.html",
    }
    if tag:
        pages["tag-list"] = f"claims/tag/{tag}/"
    return pages


def test_no_console_errors_on_any_page_type(make_tab, site_data):
    tab = make_tab()
    for name, path in _pages(site_data).items():
        tab.goto(path)
        tab.page.wait_for_load_state("networkidle")
        assert tab.errors == [], f"{name} ({path}): {tab.errors}"


@pytest.mark.parametrize("label,viewport,scheme", [
    ("desktop", DESKTOP, "light"), ("phone", PHONE, "light"), ("phone-dark", PHONE, "dark")])
def test_screenshots(make_tab, site_data, artifacts, label, viewport, scheme):
    tab = make_tab(viewport=viewport, color_scheme=scheme)
    claim_id, index, source_id = _first_cited_claim(site_data)
    shots = dict(_pages(site_data))
    shots["passage"] = f"sources/{source_id}/#q-{claim_id}-{index}"
    for name, path in shots.items():
        page = tab.goto(path)
        page.wait_for_load_state("networkidle")
        # no horizontal scrolling of the page itself at this width
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at {label} width"
        full = name != "passage"
        page.screenshot(path=str(artifacts / f"{name}-{label}.png"), full_page=full)
    assert tab.errors == []
