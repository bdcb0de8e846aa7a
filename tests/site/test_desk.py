"""Work in progress never leaks: a production build publishes no trace of a draft or a
claim in review, on any surface; a preview build and `mkdocs serve` show them, marked.

The fixture publication has a published story with two published claims, a draft and
a claim in review, and a draft story; every word of the unpublished work contains
"zebra" (ids, texts, tags, a source only drafts cite), so that a leak anywhere is a
"zebra" in the built site. The author of the draft story is in the registry, which is
published as it is: people are not work in progress.
"""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import Site, parse
from .schemaorg import problems
from .test_serve import Served

SECRET = "zebra"

CLAIMS = """\
verdicts:
  - {id: accurate, label: Accurate, rating: 3}
  - {id: mixed, label: Mixed, rating: 2, expects: any}
  - {id: inaccurate, label: Inaccurate, rating: 1}
authors:
  - {id: ana, name: Ana Lima, role: Fact-checker}
  - {id: ben, name: Ben Okafor, role: Editor}
  - {id: cara, name: Cara Diaz, role: Intern}   # her only story is a draft
include: [stories/*.yaml]
publish: full      # the texts are published whole: only drafts may withhold one
sources:
  - id: alpha
    file: content/sources/alpha.txt
    title: Border report
    published: 2024-08-07
  - id: zebra-memo
    file: content/sources/zebra-memo.txt
    title: The zebra memo
"""

LIVE = """\
story:
  id: border
  title: Who crossed the border
  published: 2024-08-09
  authors: [ana]
  checked_by: [ben]
claims:
  - id: troops-crossed
    claim: Soldiers crossed the border.
    claimant: Ministry of Defence
    claimant_type: organization
    verdict: accurate
    summary: The report says so.
    tags: [border]
    published: 2024-08-09
    updates:
      - {date: 2024-08-10, type: correction, was: mixed, note: We misread the report.}
    citations:
      - source: alpha
        quote: the ministry said that soldiers crossed the border
        stance: supports
  - id: emergency-declared
    claim: A state of emergency was declared.
    verdict: accurate
    summary: The governor declared it.
    tags: [border]
    published: 2024-08-09
    citations:
      - source: alpha
        quote: The governor declared a state of emergency
        stance: supports
  - id: zebra-draft
    claim: Zebras crossed the border too.
    status: draft
    verdict: mixed
    summary: A zebra summary.
    tags: [zebra-tag]
    published: 2024-08-20
    updates:
      - {date: 2024-08-21, type: correction, note: The zebra correction.}
    citations:
      - source: zebra-memo
        quote: The zebra memo says zebras crossed the border.
        stance: context
      - source: alpha
        quote: The governor declared a state of emergency
        stance: context
  - id: zebra-review
    claim: The zebra review claim.
    status: review
    verdict: inaccurate
    summary: Zebra reasons.
    updates:
      - {date: 2024-08-22, type: clarification, note: A zebra clarification.}
    citations:
      - source: alpha
        quote: the ministry said that soldiers crossed the border
        stance: contradicts
"""

HIDDEN = """\
story:
  id: zebra-story
  title: The zebra story
  published: 2024-08-23
  authors: [cara]
  status: draft
claims:
  - id: zebra-hidden
    claim: The zebra story's claim.
    verdict: accurate
    summary: Zebra.
    citations:
      - source: alpha
        quote: the ministry said that soldiers crossed the border
        stance: supports
"""

ALPHA = """\
Border report

On Tuesday the ministry said that soldiers crossed the border near the village.

The governor declared a state of emergency for the whole region.
"""

MEMO = "The zebra memo\n\nThe zebra memo says zebras crossed the border.\n"

CONFIG = """\
site_name: Desk checks
site_url: https://checks.example.org/
docs_dir: content
theme:
  name: factcheck
plugins:
  - factcheck{options}
"""

PUBLISHED_CLAIMS = {"troops-crossed", "emergency-declared"}
UNPUBLISHED = ("zebra-draft", "zebra-review", "zebra-hidden")


def make(root: Path, preview: bool = False) -> Site:
    site = Site(root)
    site.write("mkdocs.yml", CONFIG.format(options=":\n      preview: true" if preview else ""))
    site.write("claims.yaml", CLAIMS)
    site.write("stories/live.yaml", LIVE)
    site.write("stories/hidden.yaml", HIDDEN)
    site.write("content/corrections.md", "# Corrections policy\n\nWe fix errors.\n")
    site.write("content/sources/alpha.txt", ALPHA)
    site.write("content/sources/zebra-memo.txt", MEMO)
    site.write("content/robots.txt", "User-agent: *\nAllow: /\n")
    return site


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> Site:
    site = make(tmp_path_factory.mktemp("production"))
    result = site.build(strict=True)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Site:
    site = make(tmp_path_factory.mktemp("preview"), preview=True)
    result = site.build(strict=True)
    assert result.returncode == 0, result.stderr
    return site


def text_of(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


def leaks(text: str) -> list[str]:
    return sorted({m.group(0) for m in re.finditer(r"\S*zebra\S*", text, re.I)})


# ---- a production build: one test per surface ------------------------------------------


def test_no_page_of_an_unpublished_claim_or_story(production):
    built = {p.relative_to(production.site_dir).as_posix()
             for p in production.site_dir.rglob("*")}
    for ident in UNPUBLISHED:
        assert f"claims/{ident}/index.html" not in built
    assert "stories/zebra-story/index.html" not in built
    assert "claims/tag/zebra-tag/index.html" not in built
    assert {f"claims/{c}/index.html" for c in PUBLISHED_CLAIMS} <= built


@pytest.mark.parametrize("url", ["claims/", "claims/verdict/mixed/",
                                 "claims/verdict/inaccurate/", "claims/tag/border/",
                                 "stories/", "authors/", "authors/ana/", "sources/"])
def test_no_trace_in_lists(production, url):
    doc = production.page(url)
    assert leaks(str(doc.text)) == [], url
    links = [a.get("href") or "" for a in doc.find_all("a")]
    assert not [h for h in links if SECRET in h], url


def test_counts_count_only_published_claims(production):
    claims = production.page("claims/")
    assert "All (2)" in claims.text
    assert "Mixed (0)" in claims.text and "Inaccurate (0)" in claims.text
    assert len(list(claims.find("table", cls="fc-claims").find_all("tr"))) == 1 + 2
    stories = production.page("stories/")
    assert "2 claims." in stories.text
    assert len(list(stories.find_all("li", cls="fc-story-item"))) == 1


def test_front_page(production):
    front = production.page("")  # generated: the site has no index.md of its own
    assert leaks(front.text) == []
    assert len(list(front.find_all("li", cls="fc-card"))) == len(PUBLISHED_CLAIMS)
    cards = [a.get("href") for a in front.find_all("a") if "claims/" in (a.get("href") or "")]
    assert cards and not [h for h in cards if SECRET in h]


def test_cross_reference(production):
    xref = production.page("cross-reference/")
    assert leaks(xref.text) == []
    assert "The zebra memo" not in xref.text


def test_feed(production):
    feed = (production.site_dir / "feed.xml").read_text("utf-8")
    assert leaks(feed) == []
    root = ET.fromstring(feed)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 2  # the story, and the published claim's correction
    updated = root.find("{http://www.w3.org/2005/Atom}updated").text
    assert updated == "2024-08-10T00:00:00Z"  # not a draft's later date


def test_sitemap(production):
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        path = production.site_dir / name
        if path.exists():
            assert leaks(text_of(path)) == [], name
    assert "troops-crossed" in text_of(production.site_dir / "sitemap.xml")


def test_claims_json(production):
    data = json.loads((production.site_dir / "claims.json").read_text("utf-8"))
    assert {c["id"] for c in data["claims"]} == PUBLISHED_CLAIMS
    assert [s["id"] for s in data["stories"]] == ["border"]
    assert data["stories"][0]["claims"] == ["troops-crossed", "emergency-declared"]
    assert [s["id"] for s in data["sources"]] == ["alpha"]
    assert [c["id"] for c in data["claims"]] == ["troops-crossed", "emergency-declared"]
    claims_only = json.dumps(data["claims"] + data["stories"] + data["sources"])
    assert leaks(claims_only) == []


def test_search_index(production):
    folder = production.site_dir / "pagefind"
    fragments = list((folder / "fragment").glob("*.pf_fragment"))
    assert fragments, "the search index was not written"
    for path in fragments:
        assert leaks(text_of(path)) == [], path.name
    urls = [json.loads(text_of(p).removeprefix("pagefind_dcd"))["url"] for p in fragments]
    assert "/claims/troops-crossed/" in urls


def test_share_cards(production):
    cards = sorted((production.site_dir / "assets/factcheck/cards").glob("*.png"))
    assert len(cards) == len(PUBLISHED_CLAIMS) + 1  # and the site's own card
    used = {Path(m.get("content")).name for p in production.html_files()
            for m in parse(p.read_text("utf-8")).find_all("meta", property="og:image")}
    assert used == {c.name for c in cards}


def test_corrections_log(production):
    for url in ("corrections-log/", "corrections-log/correction/",
                "corrections-log/clarification/", "corrections-log/update/"):
        doc = production.page(url)
        assert leaks(doc.text) == [], url
    log = production.page("corrections-log/")
    assert len(list(log.find_all("li", cls="fc-correction"))) == 1
    assert "Clarifications (0)" in log.text and "Corrections (1)" in log.text


def test_source_texts_only_drafts_quote_are_not_published(production):
    assert not (production.site_dir / "sources/zebra-memo").exists()
    assert not (production.site_dir / "sources/zebra-memo.txt").exists()
    assert (production.site_dir / "sources/alpha.txt").exists()
    # a source the drafts share with published claims lists only the published ones
    assert leaks(production.page("sources/alpha/").text) == []


def test_an_author_of_drafts_only_has_a_page_without_them(production):
    doc = production.page("authors/cara/")  # people are not work in progress
    assert leaks(doc.text) == [] and "Cara Diaz" in doc.text


def test_no_file_of_the_site_mentions_unpublished_work(production):
    """Every surface at once, whatever surface comes next: no "zebra" in any text file
    of the site, and no page is noindex."""
    found = {}
    for path in production.site_dir.rglob("*"):
        if not path.is_file() or path.suffix == ".png":
            continue
        if path.suffix in (".wasm", ".pf_index", ".pf_meta", ".pf_filter"):
            continue
        text = text_of(path)
        if leaks(text):
            found[path.relative_to(production.site_dir).as_posix()] = leaks(text)[:3]
    assert found == {}
    assert not [p for p in production.html_files()
                if parse(p.read_text("utf-8")).find("meta", name="robots")]
    assert (production.site_dir / "robots.txt").read_text("utf-8") == (
        "User-agent: *\nAllow: /\n")  # the site's own


# ---- a preview build: everything, marked ------------------------------------------------


@pytest.mark.parametrize("url, label", [("claims/zebra-draft/", "Draft"),
                                        ("claims/zebra-review/", "In review"),
                                        ("claims/zebra-hidden/", "Draft"),
                                        ("stories/zebra-story/", "Draft")])
def test_preview_marks_each_unpublished_page(preview, url, label):
    doc = preview.page(url)
    stage = doc.find("div", cls="fc-stage")
    assert stage is not None and stage.find("strong").text == label
    assert doc.find("meta", name="robots").get("content") == "noindex, nofollow"
    assert doc.find("script", type="application/ld+json") is None


def test_preview_leaves_published_pages_as_they_are(preview):
    doc = preview.page("claims/troops-crossed/")
    assert doc.find("div", cls="fc-stage") is None
    assert doc.find("meta", name="robots") is None
    assert doc.find("script", type="application/ld+json") is not None
    story = preview.page("stories/border/")
    assert story.find("div", cls="fc-stage") is None
    marks = [m.text for m in story.find_all("span", cls="fc-stage-mark")]
    assert marks == ["Draft", "In review"]  # the story's unpublished claims, marked


def test_preview_turns_every_crawler_away(preview):
    robots = (preview.site_dir / "robots.txt").read_text("utf-8")
    assert "User-agent: *\nDisallow: /\n" in robots
    assert (preview.site_dir / "sources/zebra-memo.txt").exists()


# ---- structured data ---------------------------------------------------------------------


def test_every_json_ld_object_uses_only_schema_org_terms(production, preview):
    count = 0
    for site in (production, preview):
        for page in site.html_files():
            for script in parse(page.read_text("utf-8")).find_all(
                    "script", type="application/ld+json"):
                count += 1
                assert list(problems(json.loads(script.text))) == [], page
    assert count == 2 * len(PUBLISHED_CLAIMS)  # one per published claim page, no more


def test_claim_review_carries_the_correction_and_the_policies(production):
    data = json.loads(production.page("claims/troops-crossed/").find(
        "script", type="application/ld+json").text)
    assert data["correction"] == [{"@type": "CorrectionComment",
                                   "text": "We misread the report.",
                                   "datePublished": "2024-08-10"}]
    publisher = data["author"][0]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["correctionsPolicy"] == "https://checks.example.org/corrections/"
    assert "ethicsPolicy" not in publisher  # the site has no such page
    assert data["image"].startswith("https://checks.example.org/assets/factcheck/cards/")
    assert (production.site_dir / data["image"].removeprefix(
        "https://checks.example.org/")).exists()
    other = json.loads(production.page("claims/emergency-declared/").find(
        "script", type="application/ld+json").text)
    assert other["datePublished"] == "2024-08-09" and "correction" not in other


def test_claim_page_shows_the_correction_first_and_who_checked(production):
    doc = production.page("claims/troops-crossed/")
    notice = doc.find("aside", cls="fc-correction-notice")
    assert notice is not None
    assert "the verdict was Mixed, and is now Accurate" in " ".join(notice.text.split())
    assert [a.text for a in doc.find_all("a", cls="fc-checker")] == ["Ben Okafor"]
    assert [a.text for a in production.page("stories/border/").find_all(
        "a", cls="fc-checker")] == ["Ben Okafor"]
    types = [s.text for s in doc.find_all("span", cls="fc-update-type")]
    assert types == ["Correction"]


# ---- mkdocs serve: the preview an editor works in ---------------------------------------


def test_serve_shows_drafts_under_their_banner(tmp_path):
    site = make(tmp_path)
    site.write("mkdocs.yml", CONFIG.replace("https://checks.example.org/",
                                            "http://127.0.0.1/").format(options=""))
    served = Served(tmp_path)
    try:
        served.wait_up()
        status, body = served.until("/claims/zebra-draft/", lambda s, b: s == 200,
                                    "the draft's page")
        doc = parse(body)
        assert doc.find("div", cls="fc-stage").find("strong").text == "Draft"
        assert doc.find("meta", name="robots").get("content") == "noindex, nofollow"
        assert doc.find("script", type="application/ld+json") is None
        status, body = served.get("/claims/troops-crossed/")
        assert status == 200 and parse(body).find("div", cls="fc-stage") is None
        assert parse(body).find("script", type="application/ld+json") is not None
    finally:
        served.stop()


def test_a_scale_claim_review_cannot_rate_gives_only_the_label(tmp_path):
    """A 0-based scale is `rating-scale` at load, and its reviews carry the verdict's
    label (alternateName) without numbers a consumer would misread."""
    from generator.checker.check import check_project
    from generator.checker.load import load_text
    from generator.site.siteindex import SiteIndex, SiteOptions
    from generator.site.structured_data import claim_review

    (tmp_path / "a.txt").write_text("The ministry said that soldiers crossed.\n", "utf-8")
    text = ("verdicts:\n  - {id: true, label: True, rating: 1}\n"
            "  - {id: false, label: False, rating: 0}\n"
            "sources: [{id: a, file: a.txt, title: A}]\n"
            "claims:\n  - {id: c, claim: Soldiers crossed., verdict: true, summary: Yes.,"
            " citations: [{source: a, quote: The ministry said that soldiers crossed,"
            " stance: supports}]}\n")
    project, _ = load_text(text, "claims.yaml", str(tmp_path))
    result = check_project(project)
    assert [f.code for f in result.findings] == ["rating-scale"]
    review = claim_review(SiteIndex(result, SiteOptions()), project.claims[0])
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "True",
                                      "ratingExplanation": "Yes."}
