"""Publishing only what a newsroom may publish: excerpts, `none`, and the full text.

A fixture publication with one source of each kind is built with the factcheck
theme (Pagefind index, share cards, feed, sitemap, 404 page), then every surface of
the built site is searched for the uncited text of the excerpts and `none` sources
(see tests/site/leaks.py); the same publication built with everything `full` shows
that the search finds such text when it is there. This repository's own site is
searched the same way, over every file under site/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.checker.check import check_file
from generator.site.textfragment import parse

from . import leaks
from .conftest import Site

REPO = Path(__file__).resolve().parents[2]

WIRE = """\
Wire report on the border

The ministry said on Tuesday that three hundred soldiers crossed the border near Oleshnya before dawn. Marmalade factories in the valley stayed open all night, their owners said. The governor declared an emergency for the whole region.

Quartermasters counted eleven tanks and forty lorries at the crossing, a figure nobody has confirmed. Nobody expected the harvest festival to be cancelled.

Officials said the situation was under control. Critics said the situation was far from under control.

The gas transit station at Sudzha still works, the operator said. Zeppelin enthusiasts gathered on the hill to watch the smoke from the far side of the valley.
"""  # noqa: E501  (a text kept as published)

AGENCY = """\
Agency bulletin

Customs officers at Sudzha reported a queue of two hundred lorries on Wednesday. Lighthouse keepers along the coast were told to stay at their posts.

The agency's correspondent saw smoke rising over the station.
"""  # noqa: E501  (a text kept as published)

RECORD = """\
Regional decree

The state of emergency applies to the whole region from 7 August. Every school will stay closed until further notice.
"""  # noqa: E501  (a text kept as published)

ORIGINAL = "<html><body><h1>Wire report</h1><p>" + WIRE + "</p></body></html>\n"

CLAIMS = """\
publish: excerpts
context_words: 4
rules:
  quote-drops-hedge: off
verdicts:
  - {id: accurate, label: Accurate, rating: 3}
  - {id: mixed, label: Mixed, rating: 2, expects: any}
  - {id: inaccurate, label: Inaccurate, rating: 1}
sources:
  - id: wire
    file: content/sources/wire.txt
    title: Wire report on the border
    publisher: Example Wire
    url: https://wire.example.org/border
    license: © Example Wire; quoted, not republished
    archive: https://web.archive.org/web/20240807120000/https://wire.example.org/border
    archived: 2024-08-07
    original: content/sources/archive/wire.html.txt
  - id: agency
    file: content/sources/agency.txt
    title: Agency bulletin
    url: https://agency.example.org/bulletin
    publish: none
    original: content/sources/archive/agency.pdf
  - id: record
    file: content/sources/record.txt
    title: Regional decree
    publish: full
    license: Public record
claims:
  - id: troops-crossed
    claim: Three hundred soldiers crossed near Oleshnya.
    claimant: The ministry
    claimant_type: organization
    verdict: accurate
    summary: The wire reports the ministry's figure.
    published: 2024-08-09
    citations:
      - source: wire
        quote: three hundred soldiers crossed the border near Oleshnya
        stance: supports
      - source: agency
        quote: Customs officers at Sudzha reported a queue of two hundred lorries
        stance: context
      - source: record
        quote: The state of emergency applies to the whole region
        stance: context
  - id: under-control
    claim: The situation was under control.
    verdict: mixed
    summary: Officials said so; critics did not.
    citations:
      - source: wire
        quote: Officials said the situation was under control.
        stance: supports
      - source: wire
        quote: said the situation was
        prefix: Critics
        stance: contradicts
  - id: gas-still-flows
    claim: The Sudzha station still works.
    verdict: accurate
    summary: The operator says so.
    published: 2024-08-09
    updates:
      - {date: 2024-08-10, note: Added the operator's words.}
    citations:
      - source: wire
        quote: The gas transit station at Sudzha still works
        stance: supports
"""

MKDOCS = """\
site_name: Rights fixture
site_description: Claims about the border, checked against the reports.
site_url: https://checks.example.org/
docs_dir: content
theme:
  name: factcheck
plugins:
  - factcheck
nav:
  - Home: index.md
  - Claims: claims/index.md
  - Sources: sources/index.md
"""

UNCITED = {  # whole sentences no page may show, by source
    "wire": ["Quartermasters counted eleven tanks and forty lorries at the crossing",
             "Nobody expected the harvest festival to be cancelled."],
    "agency": ["Lighthouse keepers along the coast were told to stay at their posts.",
               "The agency's correspondent saw smoke rising over the station."],
}


def _write(root: Path, claims: str) -> Site:
    site = Site(root)
    site.write("mkdocs.yml", MKDOCS)
    site.write("claims.yaml", claims)
    site.write("content/index.md", "# Rights fixture\n\nSee [the claims](claims/index.md).\n")
    for name, text in (("wire.txt", WIRE), ("agency.txt", AGENCY), ("record.txt", RECORD),
                       ("archive/wire.html.txt", ORIGINAL)):
        site.write(f"content/sources/{name}", text)
    (root / "content/sources/archive/agency.pdf").write_bytes(b"%PDF-1.4\n" + AGENCY.encode())
    built = site.build()
    assert built.returncode == 0, built.stderr
    return site


@pytest.fixture(scope="module")
def rights(tmp_path_factory) -> Site:
    return _write(tmp_path_factory.mktemp("rights"), CLAIMS)


@pytest.fixture(scope="module")
def everything(tmp_path_factory) -> Site:
    """The same publication with every source published in full."""
    claims = CLAIMS.replace("publish: excerpts", "publish: full").replace(
        "    publish: none\n", "")
    return _write(tmp_path_factory.mktemp("everything"), claims)


def _probes(site: Site) -> list[leaks.Probe]:
    result = check_file(str(site.root / "claims.yaml"))
    return leaks.probes(result)[0]


SURFACES = {  # surface: the files of the built site that make it up
    "source pages": lambda d: list(d.glob("sources/*/index.html")),
    "claim pages (quotes in context)": lambda d: [
        p for p in d.glob("claims/*/index.html") if p.parent.name not in ("verdict", "tag")],
    "cross-reference": lambda d: [*d.glob("cross-reference/**/index.html"),
                                  *d.glob("stories/*/cross-reference/**/index.html")],
    "claims.json": lambda d: [d / "claims.json", *d.glob("claims-*.json")],
    "Pagefind index": lambda d: [p for p in (d / "pagefind").rglob("*") if p.is_file()],
    "feed": lambda d: [d / "feed.xml"],
    "share cards": lambda d: list(d.glob("assets/factcheck/cards/*.png")),
    "sitemap": lambda d: [d / "sitemap.xml", d / "sitemap.xml.gz"],
    "404 page": lambda d: [d / "404.html"],
    "every file": leaks.every_file,
}


@pytest.mark.parametrize("surface", SURFACES)
def test_no_surface_shows_uncited_text(rights, surface):
    files = SURFACES[surface](rights.site_dir)
    assert files and all(f.is_file() for f in files), f"no {surface} in the build"
    found = _probes(rights)
    assert len(found) > 20
    assert leaks.find(found, files, rights.site_dir) == []


@pytest.mark.parametrize("surface", ["source pages", "Pagefind index", "every file"])
def test_the_search_finds_the_text_when_the_sources_are_published_in_full(
        rights, everything, surface):
    """The control: the probes of the excerpts build, looked for in the full build."""
    files = SURFACES[surface](everything.site_dir)
    found = leaks.find(_probes(rights), files, everything.site_dir)
    for sentences in UNCITED.values():
        for sentence in sentences:
            assert any(sentence in leak for leak in found), (surface, sentence)


def test_no_copy_of_a_text_or_original_not_published_in_full(rights, everything):
    for site, kept in ((rights, {"record.txt"}),
                       (everything, {"record.txt", "wire.txt", "agency.txt",
                                     "wire.html.txt", "agency.pdf"})):
        published = {p.name for p in leaks.every_file(site.site_dir)}
        assert {"record.txt", "wire.txt", "agency.txt", "wire.html.txt",
                "agency.pdf"} & published == kept
    withheld = [WIRE.encode(), AGENCY.encode(), ORIGINAL.encode(),
                b"%PDF-1.4\n" + AGENCY.encode()]
    for path in leaks.every_file(rights.site_dir):
        assert path.read_bytes() not in withheld, path


def _dd(page, term: str):
    dts = {dt.text: dt for dt in page.find_all("dt")}
    siblings = dts[term].parent.children
    return siblings[siblings.index(dts[term]) + 1]


def test_an_excerpts_page_says_what_it_shows_and_why(rights):
    page = rights.page("sources/wire/")
    assert page.find("h2", id="text").text == "Excerpts"
    said = page.find("p", cls="fc-shown").text
    assert "at most 4 words either side" in said and "belongs to its publisher" in said
    assert "checked against the whole text" in said
    links = {a.text: a.get("href") for a in page.find("p", cls="fc-shown").find_all("a")}
    assert links == {"the original": "https://wire.example.org/border",
                     "the web archive's copy": "https://web.archive.org/web/"
                                               "20240807120000/https://wire.example.org/border"}
    assert _dd(page, "Rights").text == "© Example Wire; quoted, not republished"
    assert "August 7, 2024" in _dd(page, "Web archive").text
    assert page.find("dt", text="Text file") is None  # the stored text is not published
    shown = [p for p in page.find_all("p", cls="fc-para")]
    assert [p.get("id") for p in shown] == ["p-2", "p-4", "p-5"]  # paragraph numbers kept
    backref = shown[0].find("a", cls="fc-backref").text  # the link back to the claim
    first = shown[0].find("span", cls="fc-ptext").text.replace(backref, "")
    assert first == ("The ministry said on Tuesday that three hundred soldiers crossed the "
                     "border near Oleshnya before dawn. Marmalade factories in the [\u2026]")
    gaps = list(page.find_all("p", cls="fc-gap"))
    assert len(gaps) == 2  # paragraph 1 (the headline) and paragraph 3 left out


def test_a_none_page_shows_metadata_and_links_only(rights):
    page = rights.page("sources/agency/")
    assert page.find("h2", id="text").text == "Text not reproduced"
    assert page.find("div", cls="fc-text") is None
    assert "Customs officers" not in page.text  # not even the quote: it is on the claim page
    item = page.find("li", id="q-troops-crossed-1")  # passage links still land here
    back = item.find("a", href="../../claims/troops-crossed/#ev-1")
    assert back is not None
    original = item.find("a", cls="fc-original").get("href")
    assert original.startswith("https://agency.example.org/bulletin#:~:text=")


def test_a_full_text_is_shown_whole_with_its_licence(rights):
    page = rights.page("sources/record/")
    assert page.find("h2", id="text").text == "Full text"
    assert "Every school will stay closed until further notice." in page.text
    assert _dd(page, "Rights").text == "Public record"
    assert (rights.site_dir / "sources/record.txt").is_file()


def test_claim_pages_show_quotes_within_their_window_or_alone(rights):
    page = rights.page("claims/troops-crossed/")
    quotes = [q.text.strip() for q in page.find_all("blockquote", cls="fc-quote")]
    assert quotes[0] == ("The ministry said on Tuesday that three hundred soldiers crossed "
                         "the border near Oleshnya before dawn.")
    assert quotes[1] == "Customs officers at Sudzha reported a queue of two hundred lorries"
    assert quotes[2].startswith("The state of emergency applies to the whole region")


def _fragment(href: str):
    parts = urlsplit(href)
    assert parts.fragment.startswith(":~:text=")
    return parts._replace(fragment="").geturl(), parse(parts.fragment[len(":~:text="):])


def test_every_citation_of_a_source_with_a_url_links_into_the_original(rights):
    data = json.loads((rights.site_dir / "claims.json").read_text(encoding="utf-8"))
    cites = {(c["id"], i): cite for c in data["claims"]
             for i, cite in enumerate(c["citations"])}
    base, found = _fragment(cites[("troops-crossed", 0)]["original_url"])
    assert base == "https://wire.example.org/border"
    assert found.start == "three hundred soldiers crossed the border near Oleshnya"
    _, repeated = _fragment(cites[("under-control", 1)]["original_url"])
    assert (repeated.prefix, repeated.start) == ("Critics", "said the situation was")
    assert cites[("troops-crossed", 2)]["original_url"] is None  # the record has no url
    page = rights.page("claims/under-control/")
    links = [a.get("href") for a in page.find_all("a", cls="fc-original")]
    assert [_fragment(h)[1] for h in links] == [
        _fragment(cites[("under-control", i)]["original_url"])[1] for i in (0, 1)]
    sources = {s["id"]: s for s in data["sources"]}
    assert {k: s["publish"] for k, s in sources.items()} == {
        "wire": "excerpts", "agency": "none", "record": "full"}
    assert sources["wire"]["archive"].startswith("https://web.archive.org/web/2024")
    assert sources["wire"]["archived"] == "2024-08-07"


def test_every_link_of_the_excerpts_site_lands(rights, broken_links):
    assert broken_links(rights) == []


# ---- this repository's own site -------------------------------------------------------

@pytest.fixture(scope="module")
def kursk(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kursk-rights") / "site"
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(REPO / "mkdocs.yml"), "-d", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    return out


def test_the_kursk_site_shows_no_sentence_of_its_sources_outside_the_windows(kursk):
    result = check_file(str(REPO / "claims.yaml"))
    assert {s.id: s.publish for s in result.project.sources} == {
        s.id: "excerpts" for s in result.project.sources}
    found, aside = leaks.probes(result)
    assert len(found) > 300  # the uncited text of five articles, as sentences and runs
    # the one stretch of text also published in the newsroom's own words: a headline
    # that is the source's registered title
    assert [p.text for p in aside] == ["Ukraine Military Allegedly Enters Russian Region"]
    files = leaks.every_file(kursk)
    assert any(p.suffix == ".pf_fragment" for p in files)  # Pagefind's, decompressed
    assert leaks.find(found, files, kursk) == []


def test_the_kursk_site_holds_no_copy_of_a_source(kursk):
    result = check_file(str(REPO / "claims.yaml"))
    texts = {(REPO / s.file).read_bytes() for s in result.project.sources}
    for path in leaks.every_file(kursk):
        assert path.suffix != ".txt", path
        assert path.read_bytes() not in texts, path
