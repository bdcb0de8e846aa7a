"""A publication of several story files, built: story, author, front page, feed and
corrections pages, read through an HTML parser and an XML parser.

The project has two stories in files of their own (two authors, one of them on
both), a claim that belongs to no story, corrections on two claims, and a story
title that tries to inject markup.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest

from .conftest import ALPHA, BETA, Site, find_broken_links, mkdocs_yml, parse

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://checks.example.org/"
NASTY = "<script>alert(1)</script> & “Co”"

CLAIMS = """\
# whole texts shown (tests/site/test_preview_edits.py switches to excerpts)
publish: full
verdicts:
  - {id: accurate, label: Accurate, rating: 3, color: "#1a7f37"}
  - {id: mixed, label: Mixed, rating: 2, expects: any}
  - {id: inaccurate, label: Inaccurate, rating: 1, color: "#cf222e"}
authors:
  - id: ana
    name: Ana Lima
    role: Fact-checker
    bio: Checks **border** claims.
  - id: ben
    name: Ben Okafor
    role: Editor
    url: https://example.org/ben
include:
  - stories/*.yaml
sources:
  - {id: alpha, file: content/sources/alpha.txt, title: Border report}
  - {id: beta, file: content/sources/beta.txt, title: Second report}
claims:
  - id: under-control
    claim: The situation was under control.
    verdict: mixed
    summary: Officials said so; critics disagreed.
    published: 2024-08-09
    citations:
      - source: alpha
        quote: Officials said the situation was under control.
        stance: supports
"""

BORDER = """\
story:
  id: border
  title: Who crossed the border, and with what?
  dek: The ministry's figures, checked against the wire.
  published: 2024-08-10
  updated: 2024-08-12
  authors: [ana, ben]
  intro: |
    Two figures went round on **Tuesday**.
claims:
  - id: troops-crossed
    claim: 300 soldiers crossed the border on Tuesday.
    claimant: Ministry of Defence
    claimant_type: organization
    verdict: accurate
    summary: |
      The ministry's figure is **reported** by the wire,
      and [nobody](https://example.org) disputes it.
    published: 2024-08-10
    updates:
      - {date: 2024-08-11, note: Added the **second** source.}
    citations:
      - source: alpha
        quote: the ministry said that 300 soldiers and 11 tanks crossed the border
        stance: supports
      - source: beta
        quote: Ukrainian forces advanced up to 10 kilometres into the region
        stance: context
  - id: tanks-crossed
    claim: Eleven tanks crossed near Oleshnya.
    verdict: accurate
    summary: Nested inside the longer quote.
    published: 2024-08-10
    citations:
      - source: alpha
        quote: the ministry said that 300 soldiers and 11 tanks crossed the border near the village of Oleshnya
        stance: supports
"""  # noqa: E501  (a text quoted as it is)

GAS = f"""\
story:
  id: gas
  title: '{NASTY.replace("'", "''")}'
  published: 2024-08-14
  authors: [ben]
claims:
  - id: no-gas
    claim: Sudzha plays no part in gas transit.
    claimant: A blogger
    claimant_type: person
    verdict: inaccurate
    summary: The source says the opposite.
    published: 2024-08-14
    updates:
      - date: 2024-08-15
        type: correction
        was: mixed
        note: Verdict changed from Mixed to Inaccurate.
    citations:
      - source: alpha
        quote: the gas transit station at Sudzha, the last working transit point to Europe
        stance: contradicts
"""

NAV = textwrap.dedent("""\
    nav:
      - Home: index.md
      - Stories: stories/index.md
      - Claims: claims/index.md
      - Sources: sources/index.md
    """)


def write_site(root: Path, with_front_page: bool = False) -> Site:
    site = Site(root)
    config = mkdocs_yml(site_url=SITE_URL).split("nav:")[0] + NAV + f"site_url: {SITE_URL}\n"
    site.write("mkdocs.yml", config)
    site.write("claims.yaml", CLAIMS)
    site.write("stories/border.yaml", BORDER)
    site.write("stories/gas.yaml", GAS)
    site.write("content/sources/alpha.txt", ALPHA)
    site.write("content/sources/beta.txt", BETA)
    if with_front_page:
        site.write("content/index.md", "# Our own front page\n")
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    built = write_site(tmp_path_factory.mktemp("publication"))
    result = built.build()
    assert result.returncode == 0, result.stderr
    return built


def local(site: Site, url: str) -> tuple[Path, str]:
    """The built file a site URL (absolute or root-relative) lands on, and its fragment."""
    parts = urlsplit(url)
    path = parts.path
    if url.startswith(SITE_URL):
        path = urlsplit(url[len(SITE_URL):]).path
    target = site.site_dir / path.lstrip("/")
    if not path or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def hrefs(el) -> list[str]:
    return [a.get("href") for a in el.find_all("a")]


def resolves(site: Site, page: str, href: str) -> Path:
    """The file a relative link on ``page`` reaches (asserting it exists)."""
    base = site.site_dir / page
    target = (base.parent / href.split("#")[0]).resolve()
    if target.is_dir():
        target = target / "index.html"
    assert target.exists(), (page, href)
    return target


def test_every_link_on_every_page_resolves(site):
    assert find_broken_links(site) == []


def test_story_page_has_headline_dek_byline_dates_intro_and_claim_cards(site):
    doc = site.page("stories/border/")
    article = doc.find("article", cls="fc-story")
    assert article.find("h1").text == "Who crossed the border, and with what?"
    assert (article.find("p", cls="fc-dek").text
            == "The ministry's figures, checked against the wire.")
    byline = article.find("p", cls="fc-byline")
    assert [a.text for a in byline.find_all("a")] == ["Ana Lima", "Ben Okafor"]
    assert [resolves(site, "stories/border/index.html", h).parent.name
            for h in hrefs(byline)] == ["ana", "ben"]
    assert [t.get("datetime") for t in byline.find_all("time")] == ["2024-08-10", "2024-08-12"]
    assert article.find("div", cls="fc-intro").find("strong").text == "Tuesday"
    cards = list(article.find_all("li", cls="fc-card"))
    assert len(cards) == 2
    first = cards[0]
    assert first.find("a").text == "“300 soldiers crossed the border on Tuesday.”"
    assert resolves(site, "stories/border/index.html", first.find("a").get("href")).parent.name \
        == "troops-crossed"
    assert first.find("span", cls="fc-badge").text == "Accurate"
    assert "fc-v-accurate" in first.find("span", cls="fc-badge").classes
    assert first.find("span", cls="fc-claimant").text == "Ministry of Defence"
    summary = first.find("p", cls="fc-card-summary")
    assert summary.text == ("The ministry's figure is reported by the wire, and nobody "
                            "disputes it.")
    assert summary.find("strong") is None and summary.find("a") is None  # one plain line


def test_author_page_lists_their_stories_newest_first_and_counts_their_claims(site):
    doc = site.page("authors/ben/")
    assert doc.find("h1").text == "Ben Okafor"
    assert "Editor" in doc.find("p", cls="fc-role").text
    assert doc.find("p", cls="fc-role").find("a").get("href") == "https://example.org/ben"
    stories = doc.find("ol", cls="fc-story-list")
    assert [resolves(site, "authors/ben/index.html", h).parent.name
            for h in hrefs(stories)] == ["gas", "border"]
    # the claims are on the stories' pages (an author's list of every claim of every
    # story would grow with the archive): the author page counts them
    assert doc.find("li", cls="fc-card") is None
    assert doc.find("p", cls="fc-author-claims").text == "3 claims checked · 2 stories"
    ana = site.page("authors/ana/")
    assert ana.find("div", cls="fc-bio").find("strong").text == "border"
    assert ana.find("p", cls="fc-author-claims").text.startswith("2 claims checked")


def test_front_page_shows_latest_stories_and_verdicts_newest_first(site):
    doc = site.page("")
    latest = doc.find("section", **{"aria-labelledby": "latest-stories"})
    assert [resolves(site, "index.html", h).parent.name
            for h in hrefs(latest.find("ol"))] == ["gas", "ben", "border", "ana", "ben"]
    assert [h.text for h in latest.find_all("h3")] == [
        NASTY, "Who crossed the border, and with what?"]
    verdicts = doc.find("section", **{"aria-labelledby": "latest-verdicts"})
    cards = list(verdicts.find_all("li", cls="fc-card"))
    assert [resolves(site, "index.html", c.find("a").get("href")).parent.name
            for c in cards] == ["no-gas", "troops-crossed", "tanks-crossed", "under-control"]
    everything = doc.find("section", **{"aria-labelledby": "everything"})
    reached = {resolves(site, "index.html", h).relative_to(site.site_dir).as_posix()
               for h in hrefs(everything)}
    assert {"stories/index.html", "claims/index.html", "sources/index.html",
            "cross-reference/index.html", "authors/index.html", "authors/ana/index.html",
            "corrections-log/index.html", "feed.xml", "claims.json",
            "claims/verdict/accurate/index.html"} <= reached


def test_a_hand_written_front_page_is_kept(tmp_path):
    site = write_site(tmp_path, with_front_page=True)
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert site.page("").find("h1").text == "Our own front page"
    assert site.page("stories/gas/").find("h1").text == NASTY


def test_corrections_log_lists_every_update_newest_first_linked_to_the_claim(site):
    doc = site.page("corrections-log/")
    items = list(doc.find_all("li", cls="fc-correction"))
    assert [i.find("time").get("datetime") for i in items] == ["2024-08-15", "2024-08-11"]
    for item, claim in zip(items, ("no-gas", "troops-crossed"), strict=False):
        href = item.find("a").get("href")
        assert href.endswith("#corrections")
        page = resolves(site, "corrections-log/index.html", href)
        assert page.parent.name == claim
        assert "corrections" in parse(page.read_text("utf-8")).ids
    assert items[1].find("div", cls="fc-correction-note").find("strong").text == "second"


def feed(site: Site) -> ET.Element:
    return ET.fromstring((site.site_dir / "feed.xml").read_bytes())


def test_feed_is_atom_with_stories_and_corrections_newest_first(site):
    root = feed(site)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert root.find(f"{ATOM}updated").text == "2024-08-15T00:00:00Z"
    entries = root.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == ["Correction: “Sudzha plays no part in gas transit.”", NASTY,
                      "Who crossed the border, and with what?",
                      "Update: “300 soldiers crossed the border on Tuesday.”"]
    assert [e.find(f"{ATOM}category").get("term") for e in (entries[0], entries[3])] == [
        "correction", "update"]
    assert entries[0].find(f"{ATOM}summary").text.startswith("The verdict was Mixed. ")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert entry.find(f"{ATOM}updated").text.endswith("T00:00:00Z")
    story = entries[2]
    assert [a.find(f"{ATOM}name").text for a in story.findall(f"{ATOM}author")] == [
        "Ana Lima", "Ben Okafor"]
    assert story.find(f"{ATOM}summary").text == "The ministry's figures, checked against the wire."
    assert entries[3].find(f"{ATOM}summary").text == "Added the second source."


def test_every_feed_link_resolves_to_a_built_page_and_anchor(site):
    root = feed(site)
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert len(links) == 2 + 4  # self, alternate, and one per entry
    for href in links:
        assert href.startswith(SITE_URL), href
        target, fragment = local(site, href)
        assert target.exists(), href
        if fragment:
            assert fragment in parse(target.read_text("utf-8")).ids, href


def test_every_page_names_the_feed_in_its_head(site):
    pages = [p for p in site.html_files() if p.name != "404.html"]
    assert len(pages) > 15
    for page in pages:
        doc = parse(page.read_text("utf-8"))
        head = doc.find("head")
        [link] = [el for el in head.find_all("link", rel="alternate")
                  if el.get("type") == "application/atom+xml"]
        target = (page.parent / link.get("href")).resolve()
        assert target == (site.site_dir / "feed.xml").resolve(), page


def test_claim_review_names_the_people_and_the_date_modified(site):
    def review(claim: str) -> dict:
        doc = site.page(f"claims/{claim}/")
        [script] = [s for s in doc.find_all("script", type="application/ld+json")]
        return json.loads(script.text)

    troops = review("troops-crossed")
    assert troops["author"][0]["@type"] == "NewsMediaOrganization"
    assert [(a["@type"], a["name"]) for a in troops["author"][1:]] == [
        ("Person", "Ana Lima"), ("Person", "Ben Okafor")]
    assert troops["author"][1]["url"] == SITE_URL + "authors/ana/"
    assert troops["author"][2]["url"] == "https://example.org/ben"
    assert troops["dateModified"] == "2024-08-11"
    assert "correction" not in troops  # an update, not a correction
    alone = review("under-control")
    assert [a["@type"] for a in alone["author"]] == ["NewsMediaOrganization"]
    assert "dateModified" not in alone
    corrected = review("no-gas")
    assert corrected["correction"] == [{"@type": "CorrectionComment", "datePublished":
                                        "2024-08-15", "text": "Verdict changed from Mixed "
                                        "to Inaccurate."}]


def test_story_text_cannot_inject_markup(site):
    for page in ("stories/gas/", "", "authors/ben/", "stories/"):
        doc = site.page(page)
        assert not [s for s in doc.find_all("script") if "alert(1)" in s.text], page
        assert NASTY in doc.text
    assert feed(site).findall(f"{ATOM}entry")[1].find(f"{ATOM}title").text == NASTY


def test_claims_json_has_stories_and_authors(site):
    data = json.loads((site.site_dir / "claims.json").read_text("utf-8"))
    assert [s["id"] for s in data["stories"]] == ["border", "gas"]
    assert data["stories"][0]["claims"] == ["troops-crossed", "tanks-crossed"]
    assert {c["id"]: c["story"] for c in data["claims"]}["under-control"] is None
    assert [a["page"] for a in data["authors"]] == ["authors/ana/", "authors/ben/"]


TWO_INSTANCES = textwrap.dedent("""\
    site_name: Two investigations
    site_url: https://checks.example.org/
    docs_dir: content
    theme:
      name: mkdocs
      highlightjs: false
    plugins:
      - search
      - factcheck:
          claims: border/claims.yaml
          {border}
      - factcheck:
          claims: gas/claims.yaml
          {gas}
    nav:
      - Home: index.md
    """)


def two_investigations(root: Path, border: str, gas: str) -> Site:
    site = Site(root)
    site.write("mkdocs.yml", TWO_INSTANCES.format(border=border, gas=gas))
    site.write("content/index.md", "# Two investigations\n")
    for name, story in (("border", BORDER), ("gas", GAS.replace(NASTY.replace("'", "''"),
                                                               "Gas transit"))):
        site.write(f"{name}/content/sources/alpha.txt", ALPHA)
        site.write(f"{name}/content/sources/beta.txt", BETA)
        claims = CLAIMS if name == "border" else "\n".join(  # gas cites no beta
            line for line in CLAIMS.splitlines() if "id: beta" not in line) + "\n"
        site.write(f"{name}/claims.yaml", claims)
        site.write(f"{name}/stories/{name}.yaml", story)
    return site


def test_two_instances_without_a_prefix_are_told_to_set_one(tmp_path):
    site = two_investigations(tmp_path, "", "")
    result = site.build()
    assert result.returncode != 0
    assert "generated twice" in result.stderr and "`prefix`" in result.stderr
    assert "hand-written" not in result.stderr


def test_two_instances_with_prefixes_share_one_site(tmp_path):
    site = two_investigations(tmp_path, "prefix: border", "prefix: gas")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "specified multiple times" not in result.stderr
    assert site.page("border/stories/border/").find("h1").text == (
        "Who crossed the border, and with what?")
    assert site.page("gas/stories/gas/").find("h1").text == "Gas transit"
    assert site.page("border/claims/troops-crossed/").find("h1") is not None
    assert site.page("").find("h1").text == "Two investigations"  # hand-written, kept
    assert site.page("gas/").find("section", **{"aria-labelledby": "latest-stories"})
    for name in ("border", "gas"):
        root = ET.fromstring((site.site_dir / name / "feed.xml").read_bytes())
        for link in root.iter(f"{ATOM}link"):
            target, _ = local(site, link.get("href"))
            assert target.exists(), link.get("href")
            assert target.relative_to(site.site_dir).parts[0] == name
    assert find_broken_links(site) == []
    shared_cards = site.site_dir / "assets" / "factcheck" / "cards"
    assert not shared_cards.exists()  # each instance's cards are under its folder


def test_each_instance_publishes_its_share_cards_under_its_prefix(tmp_path):
    site = two_investigations(tmp_path, "prefix: border", "prefix: gas")
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    indent = config.split("prefix: border")[0].rsplit("\n", 1)[1]
    site.write("mkdocs.yml", config.replace("name: mkdocs", "name: factcheck")  # og:image
               .replace("prefix: border", f"prefix: border\n{indent}pagefind: false")
               .replace("prefix: gas", f"prefix: gas\n{indent}pagefind: false"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    for page in ("border/claims/under-control/", "gas/claims/under-control/", "border/",
                 "gas/stories/gas/"):
        image = site.page(page).find("meta", property="og:image").get("content")
        target, _ = local(site, image)
        assert target.is_file(), image
        if "/claims/" in page:  # a claim's own card, drawn by its instance
            assert target.relative_to(site.site_dir).parts[0] == page.split("/")[0]


def test_a_claim_page_links_back_to_its_story(site):
    kicker = site.page("claims/troops-crossed/").find("p", cls="fc-kicker")
    href = hrefs(kicker)[0]  # the story first, then the claims index
    assert resolves(site, "claims/troops-crossed/index.html", href).parent.name == "border"
    alone = site.page("claims/under-control/").find("p", cls="fc-kicker")
    assert resolves(site, "claims/under-control/index.html", hrefs(alone)[0]).parent.name \
        == "claims"
