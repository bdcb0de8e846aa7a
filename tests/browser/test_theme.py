"""The factcheck theme as readers get it, in Chromium: accessibility (axe-core) on
every page of two sites in both colour schemes, the phone path with script off,
the weight of a claim page, and search that fetches nothing until it is used."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect  # skipped by conftest when missing

from tests.browser.conftest import REPO

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# WCAG 2.1 A and AA, plus axe's best practices (heading order, landmarks, one h1).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# the rules among those whose outcome depends on colours alone
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
BUDGET = 150 * 1024  # a claim page and everything it loads, before any search


def _pages(site_dir) -> list[str]:
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith("pagefind/"):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


def _site_path(site_dir) -> str:
    """The path the site is built for (404.html links root-absolute: /kursk/...)."""
    text = (site_dir / "404.html").read_text(encoding="utf-8")
    href = re.search(r'href="([^"]*)css/theme\.css"', text).group(1)
    return href if href.startswith("/") else "/"


def dark_scheme_rules(css: str) -> dict[str, str]:
    """The declarations of the theme's dark scheme: the ``prefers-color-scheme: dark``
    block's custom properties, name -> value."""
    block = re.search(r"@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}\s*\}",
                      css)
    assert block and css.count("prefers-color-scheme") == 1, "one dark block, on :root"
    return dict(re.findall(r"\s*([^:;\s]+)\s*:\s*([^;]+);", block.group(1)))


def test_the_dark_scheme_changes_colours_and_nothing_else():
    """What lets axe check the dark scheme with its colour rules alone (below)."""
    css = (REPO / "generator/site/theme/css/theme.css").read_text(encoding="utf-8")
    rules = dark_scheme_rules(css)
    assert len(rules) > 10
    colour = re.compile(r"#[0-9a-f]{6}|rgba\(\d+, \d+, \d+, \.\d+\)")
    assert {name: value for name, value in rules.items()
            if not (name.startswith("--fc-") and colour.fullmatch(value))} == {}


def axe_in_both_schemes(page, axe_url: str, label: str) -> list[str]:
    """axe's violations on the loaded page: every rule in the light scheme, then the
    rules that read colours in the dark one.

    The dark scheme only redefines colour variables (the test above holds it), so
    structure, names and order are the light scheme's; switching the emulated scheme
    on the loaded page gives what a reader with a dark system setting sees."""
    page.add_script_tag(url=axe_url)
    found = []
    for scheme, run_only in (("light", {"type": "tag", "values": AXE_TAGS}),
                             ("dark", {"type": "rule", "values": COLOUR_RULES})):
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
        result = page.evaluate(
            "only => axe.run(document, {runOnly: only, resultTypes: ['violations']})",
            run_only)
        for v in result["violations"]:
            targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            found.append(f"{label} [{scheme}] {v['id']} ({v['impact']}): "
                         f"{len(v['nodes'])} node(s), e.g. {targets}")
    return found


def _axe(browser, base_url: str, site_dir, axe_url: str) -> list[str]:
    """axe's violations on every page of a site, each page loaded once."""
    pages = _pages(site_dir)
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    prefix = _site_path(site_dir)
    if prefix != "/":  # the local server has the site at its root
        context.route(f"**{prefix}**", lambda route: route.continue_(
            url=route.request.url.replace(prefix, "/", 1)))
    page = context.new_page()
    found = []
    try:
        for rel in pages:
            page.goto(base_url + rel, wait_until="load")
            found += axe_in_both_schemes(page, axe_url, rel or "index")
    finally:
        context.close()
    return found


def test_axe_finds_nothing_on_any_page_of_the_kursk_site_in_either_scheme(
        browser, base_url, kursk_site, axe_url):
    pages = _pages(kursk_site)
    assert len(pages) > 30 and "search.html" in pages and "404.html" in pages
    assert _axe(browser, base_url, kursk_site, axe_url) == []


def test_axe_finds_nothing_on_any_page_of_the_payload_site_in_either_scheme(
        browser, payload_site, axe_url):
    site_dir, url = payload_site
    pages = _pages(site_dir)
    assert any(p.startswith("claims/constructor") for p in pages)
    assert _axe(browser, url, site_dir, axe_url) == []


def test_phone_without_script_front_page_to_claim_to_passage(make_tab, site_data):
    tab = make_tab(viewport=PHONE, javascript=False)
    page = tab.goto("")
    # The menu is plain links: visible and usable at 390 px with script off.
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Claims", exact=True)).to_be_visible()
    # The front page's own text links to the claims, the sources and the cross-reference.
    main = page.locator("main")
    for href in ("claims/", "sources/", "cross-reference/"):
        expect(main.locator(f"a[href='{href}']").first).to_be_visible()
    main.locator("a[href='claims/']").first.click()
    page.wait_for_url("**/claims/")
    claim = next(c for c in site_data["claims"] if c["citations"])
    page.locator(f"main a[href$='{claim['id']}/']").first.click()
    page.wait_for_url(f"**/claims/{claim['id']}/")
    passage = page.locator("#ev-0 a.fc-passage")
    expect(passage).to_be_visible()
    passage.click()
    anchor = f"q-{claim['id']}-0"
    page.wait_for_url(f"**/sources/{claim['citations'][0]['source']}/#{anchor}")
    target = page.locator(":target")
    expect(target).to_have_attribute("id", anchor)
    box = target.bounding_box()
    assert box and 0 <= box["y"] < PHONE["height"], "the passage is not on screen"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the source page scrolls sideways ({width}px)"
    assert tab.errors == []


def test_a_claim_page_with_everything_it_loads_is_under_budget(make_tab, site_data):
    tab = make_tab(viewport=PHONE)
    loaded: dict[str, int] = {}
    tab.page.on("requestfinished", lambda r: loaded.__setitem__(
        r.url, len(r.response().body()) if r.response() else 0))
    claim = max(site_data["claims"], key=lambda c: len(c["citations"]))
    tab.goto(f"claims/{claim['id']}/")
    tab.page.wait_for_load_state("networkidle")
    total = sum(loaded.values())
    listing = "\n".join(f"{n:8d} {urlsplit(u).path}" for u, n in sorted(loaded.items()))
    assert total < BUDGET, f"{total} bytes:\n{listing}"
    assert not [u for u in loaded if "/pagefind/" in u], "search loaded before any search"
    assert not [u for u in loaded if u.endswith((".woff", ".woff2", ".ttf", ".otf"))]
    assert tab.errors == []


def test_search_fetches_nothing_until_asked_then_names_claim_and_verdict(make_tab, site_data):
    tab = make_tab(viewport=PHONE)
    requests: list[str] = []
    tab.page.on("request", lambda r: requests.append(r.url))
    page = tab.goto("search.html")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/pagefind/" in u]
    expect(page.locator("[data-fc-search-fallback]")).to_be_hidden()
    claim = next(c for c in site_data["claims"] if len(c["claim"].split()) > 4)
    verdict = next(v["label"] for v in site_data["verdicts"] if v["id"] == claim["verdict"])
    words = [w.strip(".,;:\u2019'\"") for w in claim["claim"].split()]
    query = " ".join(w for w in words if len(w) > 3)[:60]
    page.get_by_label("Search claims, sources and pages").fill(query)
    page.get_by_role("button", name="Search").click()
    first = page.locator("[data-fc-search-results] li").first
    expect(first).to_be_visible(timeout=10_000)
    assert [u for u in requests if "/pagefind/" in u], "results without the index?"
    hit = page.locator("[data-fc-search-results] li", has=page.locator(
        f"a[href$='/claims/{claim['id']}/']"))
    expect(hit).to_have_count(1)
    expect(hit.locator(".fc-result-title")).to_have_text(claim["claim"])
    expect(hit.locator(".fc-result-kind")).to_contain_text(f"Verdict: {verdict}")
    # The editors' guide is not in the readers' search.
    page.get_by_label("Search claims, sources and pages").fill("factcheck schema strict")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("[data-fc-search-status]")).to_contain_text("for \u201c")
    hrefs = page.locator("[data-fc-search-results] a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if "editors-guide" in h]
    assert tab.errors == []


def test_search_page_without_script_offers_the_indexes(make_tab):
    tab = make_tab(viewport=PHONE, javascript=False)
    page = tab.goto("search.html")
    expect(page.locator("form[data-fc-search]")).to_be_hidden()
    fallback = page.locator("[data-fc-search-fallback]")
    expect(fallback).to_be_visible()
    link = fallback.get_by_role("link", name="All claims")
    link.click()
    page.wait_for_url("**/claims/")
    expect(page.locator("h1")).to_have_text("All claims")


def test_dark_scheme_is_dark_and_print_hides_navigation(make_tab):
    tab = make_tab()
    page = tab.goto("")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light == "rgb(255, 255, 255)" and dark != light
    page.emulate_media(media="print", color_scheme="light")
    for selector in (".fc-masthead", ".fc-site-footer"):
        expect(page.locator(selector)).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()


def test_cross_reference_on_a_phone_keeps_the_claim_in_view(make_tab, site_data):
    tab = make_tab(viewport=PHONE)
    page = tab.goto("cross-reference/")
    grid = page.locator(".fc-xref-wrap")
    claim = page.locator("table.fc-xref tbody th[scope=row]").first
    columns = page.locator("table.fc-xref thead th[scope=col]")
    assert columns.count() == len(site_data["sources"]) + 1
    before = claim.bounding_box()
    scrolled = grid.evaluate("""el => {
        const box = [el, ...el.querySelectorAll('table')].find(
            e => e.scrollWidth > e.clientWidth);
        if (box) { box.scrollLeft = box.scrollWidth; }
        return Boolean(box); }""")
    assert scrolled, "nothing scrolls: are all the sources on screen at once?"
    after = claim.bounding_box()
    assert abs(after["x"] - before["x"]) < 1, "the claim column scrolled away"
    last = columns.last.bounding_box()
    assert last["x"] + last["width"] <= PHONE["width"] + 1, "the last source is out of reach"
    assert before["width"] >= 140, "the claim column is too narrow to read"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_printed_claim_has_verdict_evidence_and_addresses_but_no_navigation(make_tab,
                                                                              site_data):
    claim = next(c for c in site_data["claims"] if c["citations"])
    tab = make_tab()
    page = tab.goto(f"claims/{claim['id']}/")
    page.emulate_media(media="print")
    for selector in (".fc-masthead", ".fc-site-footer", ".fc-related", "nav"):
        assert all(not page.locator(selector).nth(i).is_visible()
                   for i in range(page.locator(selector).count())), selector
    for selector in ("h1", ".fc-verdict .fc-badge", "#ev-0 blockquote"):
        expect(page.locator(selector).first).to_be_visible()
    # each passage link prints its full address after the link text
    after = page.locator("#ev-0 a.fc-passage").evaluate(
        "el => getComputedStyle(el, '::after').content")
    source = claim["citations"][0]["source"]
    assert f"{site_data['site_url']}sources/{source}/#q-{claim['id']}-0" in after
