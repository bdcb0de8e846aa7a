"""The Kursk site in Arabic, in Chromium: axe finds nothing on the front page, a claim,
a source and the cross-reference in either colour scheme, and the layout is the
English one mirrored (screenshots of both are kept in tests/artifacts/)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from tests.browser.conftest import REPO, _serve
from tests.browser.test_theme import DESKTOP, axe_in_both_schemes

PAGES = ("", "claims/about-1000-ukrainian-troops/", "sources/epoch-times-incursion/",
         "cross-reference/")


def _build(folder, locale: str):
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["locale"] = locale
    config["site_url"] = "https://factcheck.example.org/"  # served at the root here
    config["docs_dir"] = str(REPO / "content")
    config["plugins"] = [{"factcheck": {"claims": str(REPO / "claims.yaml"),
                                        "templates": str(REPO / "templates"),
                                        "share_images": False, "pagefind": False}}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                       encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f",
                           str(folder / "mkdocs.yml"), "-d", str(folder / "site")],
                          cwd=REPO, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PYTHONWARNINGS="ignore"))
    if done.returncode != 0:
        pytest.fail(f"the {locale} build failed:\n{done.stderr[-3000:]}")
    return folder / "site"


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """locale -> the URL of the Kursk site built in that locale."""
    servers, urls = [], {}

    def get(locale: str) -> str:
        if locale not in urls:
            server, url = _serve(_build(tmp_path_factory.mktemp(f"rtl-{locale}"), locale))
            servers.append(server)
            urls[locale] = url
        return urls[locale]
    yield get
    for server in servers:
        server.shutdown()
        server.server_close()


def test_axe_finds_nothing_on_the_arabic_site_in_either_scheme(browser, served, axe_url):
    url = served("ar")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    found = []
    try:
        for rel in PAGES:
            page.goto(url + rel, wait_until="load")
            assert page.evaluate("[document.documentElement.lang, document.dir]") == \
                ["ar", "rtl"]
            found += axe_in_both_schemes(page, axe_url, rel or "index")
    finally:
        context.close()
    assert found == []


BOXES = {  # what a reader's eye follows, on the claim page
    "brand": ".fc-brand a",
    "first menu item": ".fc-menu li:first-child a",
    "kicker": ".fc-kicker",
    "verdict heading": "#verdict",
    "badge": ".fc-verdict-line .fc-badge",
    "evidence heading": "#evidence",
    "stance heading": ".fc-group h3 .fc-stance",
}


def _boxes(page) -> dict[str, dict]:
    return {name: page.locator(sel).first.bounding_box() for name, sel in BOXES.items()}


def test_the_arabic_layout_is_the_english_one_mirrored(browser, served, artifacts):
    claim = "claims/about-1000-ukrainian-troops/"
    seen = {}
    for locale in ("en", "ar"):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(served(locale) + claim, wait_until="load")
        page.screenshot(path=str(artifacts / f"claim-{locale}.png"), full_page=False)
        seen[locale] = _boxes(page)
        seen[locale]["evidence border"] = page.evaluate("""() => {
            const s = getComputedStyle(document.querySelector('.fc-evidence'));
            return {left: parseFloat(s.borderLeftWidth), right: parseFloat(s.borderRightWidth)};
        }""")
        seen[locale]["xref sticky"] = None
        page.goto(served(locale) + "cross-reference/", wait_until="load")
        row = page.locator("table.fc-xref tbody th[scope=row]").first.bounding_box()
        table = page.locator("table.fc-xref").bounding_box()
        seen[locale]["xref sticky"] = (row["x"] - table["x"],
                                       table["x"] + table["width"] - row["x"] - row["width"])
        context.close()
    width = DESKTOP["width"]
    en, ar = seen["en"], seen["ar"]
    for name in BOXES:
        # the start edge of each box: its left in English, its right in Arabic
        start_en = en[name]["x"]
        start_ar = width - (ar[name]["x"] + ar[name]["width"])
        assert abs(start_en - start_ar) <= 2, (name, start_en, start_ar)
    assert en["evidence border"]["left"] > 0 and en["evidence border"]["right"] == 0
    assert ar["evidence border"]["right"] > 0 and ar["evidence border"]["left"] == 0
    assert en["xref sticky"][0] < 2 and ar["xref sticky"][1] < 2  # the claims column leads
