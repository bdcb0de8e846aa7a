"""Sources imported with ``factcheck add-source``, as readers see them on the site.

A newsroom imports an English web page and a Russian one, declares a caption as
boilerplate, quotes the Russian article with its translations, and builds the site:
source pages link to the address and the archived original and say when it was
retrieved; captions are set apart; the claim page shows the verified original
beside the translation; ClaimReview and claims.json carry both.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import Site, mkdocs_yml

CAPTURE = Path(__file__).parents[1] / "capture" / "fixtures"

PHOTO_TEXT = """\
Flood report

The river rose by two metres overnight, the Environment Agency said on Friday.
Agency photo, used with permission

Residents of Lower Street were evacuated
(
Photo: Gazette/Jo Doe)

The agency said the level would fall by Sunday.
"""

CLAIMS_TAIL = """\
  - id: gates-worked
    claim: All twelve sluice gates of the Millbrook dam worked during the storm.
    claimant: Millbrook Water Ltd
    claimant_type: organization
    verdict: accurate
    summary: The operator says so; residents disagree.
    citations:
      - source: vestnik-dam
        quote: «Все двенадцать затворов сработали штатно, а сброс воды не превысил лицензию»
        translation: '"All twelve gates worked *as designed*, and the release stayed within the licence"'
        stance: supports
      - source: vestnik-dam
        quote: «Вода перелилась через берег в девять часов, через час после сирен»
        translation: '<img src=x onerror=alert(1)>"The water came over the bank at nine"'
        stance: contradicts
      - source: gazette
        quote: The Environment Agency said it would publish its own measurements
        stance: context
      - source: flood-photo
        quote: Residents of Lower Street were evacuated
        stance: context
"""  # noqa: E501  (a text quoted as it is)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("captured")
    shutil.copytree(CAPTURE / "project", root, dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    (root / "content/index.md").write_text("# Checks\n", encoding="utf-8")
    (root / "content/sources/flood-photo.txt").write_text(PHOTO_TEXT, encoding="utf-8")
    claims = root / "claims.yaml"
    for target, source_id in (("gazette-dam.html", "gazette"),
                              ("vestnik-dam-ru.html", "vestnik-dam")):
        assert main(["add-source", str(CAPTURE / target), "--id", source_id,
                     "--retrieved", "2024-03-16", "--claims", str(claims)]) == 0
    text = claims.read_text(encoding="utf-8").replace("claims:\n", """\
  - id: flood-photo
    file: content/sources/flood-photo.txt
    title: Flood report
    boilerplate:
      - "( Photo: Gazette/Jo Doe)"
      - Residents of Lower Street were evacuated
      - Agency photo, used with permission

claims:
""", 1)
    # published in full, archived originals and all (tests/site/test_rights.py has
    # the excerpts that a newsroom publishes by default)
    claims.write_text("publish: full\n" + text + CLAIMS_TAIL, encoding="utf-8")
    built = Site(root)
    result = built.build()
    assert result.returncode == 0, result.stderr
    return built


def test_source_page_links_the_address_and_the_archived_original(site):
    page = site.page("sources/gazette/")
    url = page.find("a", cls="fc-url")
    assert url.get("href") == "https://gazette.example.com/news/2024/03/14/dam-sluice"
    terms = {dt.text: dt for dt in page.find_all("dt")}
    retrieved = terms["Retrieved"].parent.children[
        terms["Retrieved"].parent.children.index(terms["Retrieved"]) + 1]
    assert retrieved.text == "March 16, 2024"  # locale en: the date as CLDR writes it
    archived = page.find("a", cls="fc-archived")
    assert "web page" in archived.text and "as retrieved" in archived.text
    served = (site.site_dir / "sources/gazette" / archived.get("href")).resolve()
    assert served.name == "gazette.html.txt"  # served as text: its scripts never run here
    assert served.read_bytes() == (CAPTURE / "gazette-dam.html").read_bytes()


def test_a_source_in_another_language_is_marked_as_such(site):
    page = site.page("sources/vestnik-dam/")
    assert page.find("div", cls="fc-text").get("lang") == "ru"
    assert page.find("div", cls="fc-text").find("p", cls="fc-para") is not None
    # a source that names no language is in the publication's (`language`, default en),
    # the page's own: its text inherits the page's `lang`
    same = site.page("sources/flood-photo/")
    assert same.find("div", cls="fc-text").get("lang") is None
    assert same.find("html").get("lang") == "en"


def test_captions_are_set_apart_not_shown_as_paragraphs(site):
    page = site.page("sources/flood-photo/")
    paras = list(page.find_all("p", cls="fc-para"))
    assert ["fc-boilerplate" in p.classes for p in paras] == [False, False, True, False]
    assert "Photo: Gazette/Jo Doe" in paras[2].text
    assert "Caption or page furniture" in paras[2].text  # said to screen readers too
    inline = paras[1].find("span", cls="fc-boilerplate")  # a caption inside a paragraph
    assert inline.text == "Agency photo, used with permission"
    assert "said on Friday." in paras[1].text and "fc-boilerplate" not in paras[1].classes


def test_a_quote_from_a_caption_says_so_on_the_claim_page(site):
    page = site.page("claims/gates-worked/")
    items = list(page.find_all("li", cls="fc-evidence"))
    notes = [bool(item.find("p", cls="fc-aside-note")) for item in items]
    by_source = [item.find("a", cls="fc-source-link").text for item in items]
    assert notes[by_source.index("Flood report")] is True
    assert sum(notes) == 1


def test_translation_is_shown_beside_the_verified_original(site):
    page = site.page("claims/gates-worked/")
    pair = page.find("div", cls="fc-translated")
    quote = pair.find("blockquote", cls="fc-quote")
    assert "«Все двенадцать затворов сработали штатно" in quote.text
    assert quote.get("lang") == "ru"  # read in Russian by screen readers
    translation = pair.find("div", cls="fc-translation")
    assert "All twelve gates worked as designed" in translation.text
    assert translation.find("em").text == "as designed"  # Markdown
    assert "Translation by Fixture checks" in translation.text
    assert page.find("img") is None  # editor text never becomes markup


def test_claim_review_carries_the_quotes_and_their_translations(site):
    page = site.page("claims/gates-worked/")
    data = json.loads(page.find("script", type="application/ld+json").text)
    quotes = data["citation"]
    assert [q["@type"] for q in quotes] == ["Quotation"] * 4
    first = quotes[0]
    assert first["text"].startswith("«Все двенадцать затворов")
    assert first["isPartOf"]["headline"] == "Оператор плотины отрицает отказ шлюзов"
    assert first["inLanguage"] == "ru"
    assert first["workTranslation"]["text"] == (
        '"All twelve gates worked as designed, and the release stayed within the licence"')
    assert "workTranslation" not in quotes[2]


def test_claims_json_has_translations_and_retrieval(site):
    data = json.loads((site.site_dir / "claims.json").read_text(encoding="utf-8"))
    claim = next(c for c in data["claims"] if c["id"] == "gates-worked")
    assert claim["citations"][0]["translation"].startswith('"All twelve gates')
    source = next(s for s in data["sources"] if s["id"] == "gazette")
    assert source["retrieved"] == "2024-03-16"
    assert source["original"] == "content/sources/archive/gazette.html.txt"
