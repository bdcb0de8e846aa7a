"""Page contexts, built from a fixture project without MkDocs: one test per page kind.

The fixture (fixtures/project) has nested and overlapping passages, an elided quote,
two sources, three verdicts and two tags. The build tests (tests/site) check the
HTML a reader gets; these check the data each page kind hands its template, and
that everything the templates draw can be overridden.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.checker.check import check_file
from generator.checker.model import Stance
from generator.site.pagekinds import PAGE_KINDS, PageKind, site_pages
from generator.site.pages import PageContext
from generator.site.render import SiteRenderer, for_search
from generator.site.siteindex import PageSpec, SiteIndex, SiteOptions, anchor
from generator.site.structured_data import claim_review, claims_data

PROJECT = Path(__file__).parent / "fixtures" / "project"
OPTIONS = SiteOptions(site_name="Fixture checks", site_url="https://checks.example.org/")


@pytest.fixture(scope="module")
def result():
    got = check_file(str(PROJECT / "claims.yaml"))
    assert got.findings == []
    return got


@pytest.fixture(scope="module")
def site(result):
    index = SiteIndex(result, OPTIONS)
    site_pages(index)
    return index


def page(site: SiteIndex, kind: str, key: str | None = None) -> PageSpec:
    return next(p for p in site_pages(site) if p.kind == kind and p.key == key)


def build(site: SiteIndex, kind: str, key: str | None = None) -> PageContext:
    return PAGE_KINDS[kind].context(site, page(site, kind, key))


def test_every_kind_lists_its_pages_in_site_order(site):
    pages = site_pages(site)
    assert [p.kind for p in pages] == (["claims", "sources", "xref"] + ["verdict"] * 3
                                       + ["tag"] * 2 + ["year"] + ["tags"] + ["claim"] * 4
                                       + ["source"] * 2 + ["corrections"]
                                       + ["corrections-type"] * 3)
    # no stories, no authors here; the log filtered by each type of entry
    assert {p.src_uri for p in pages if p.kind == "tag"} == {
        "claims/tag/border/index.md", "claims/tag/troops/index.md"}
    assert site.urls[("claim", "no-gas")] == "claims/no-gas/"
    assert site.urls[("source", "alpha")] == "sources/alpha/"


def test_claim_context_groups_evidence_by_stance_with_context_and_related(site):
    ctx = build(site, "claim", "under-control")
    groups = ctx.values["groups"]
    assert [stance for stance, _ in groups] == [Stance.SUPPORTS, Stance.CONTRADICTS]
    elided = groups[1][1][0]
    assert [p.text for p in elided.parts if p.marked] == [
        "Critics said the situation", "that evacuations had begun"]
    assert elided.resolution.paragraph == 3
    assert [c.id for c in ctx.values["related"]] == ["troops-crossed", "tanks-crossed",
                                                     "no-gas"]
    assert {"verdict", "evidence", "supports", "contradicts", "related",
            "ev-0", "ev-1", "ev-2"} == ctx.anchors
    assert ("corrections", "Corrections", 2) not in ctx.toc


def test_claim_page_carries_its_claim_review(site):
    ctx = build(site, "claim", "troops-crossed")
    assert ("corrections", "Corrections", 2) in ctx.toc
    review = claim_review(site, site.claims["troops-crossed"])
    assert review["url"] == "https://checks.example.org/claims/troops-crossed/"
    assert review["reviewRating"]["ratingValue"] == 3
    assert review["itemReviewed"]["author"]["@type"] == "Organization"
    assert review["itemReviewed"]["firstAppearance"]["headline"] == "Border report"
    assert json.loads(str(ctx.values["jsonld"]))["@type"] == "ClaimReview"


def test_source_context_flattens_nested_and_overlapping_passages(site):
    ctx = build(site, "source", "alpha")
    claims = ctx.values["claims"]
    assert [c.id for c in claims] == ["troops-crossed", "tanks-crossed", "under-control",
                                      "no-gas"]
    second = ctx.values["paras"][1]
    cited = [(h.text, [c.anchor for c in h.cites], [c.anchor for c in h.starts],
              [c.anchor for c in h.ends]) for h in second.pieces if h.cites]
    # the tanks quote sits inside the troops quote: one anchor each, where it starts,
    # and one link back each, where it ends
    assert cited == [
        ("the ministry said that 300 soldiers and ", ["q-troops-crossed-0"],
         ["q-troops-crossed-0"], []),
        ("11 tanks crossed the border", ["q-troops-crossed-0", "q-tanks-crossed-0"],
         ["q-tanks-crossed-0"], ["q-troops-crossed-0"]),
        (" near the village of Oleshnya", ["q-tanks-crossed-0"], [], ["q-tanks-crossed-0"]),
    ]
    assert "".join(h.text for h in second.pieces).startswith("On Tuesday the ministry")
    assert {h.stance for h in second.pieces} == {"", "supports"}
    third = ctx.values["paras"][2]
    assert "mixed" not in {h.stance for h in third.pieces}  # both passages contradict
    assert {"p-1", "p-4", "q-under-control-2", "c-no-gas", "text"} <= ctx.anchors


def test_source_context_numbers_citing_claims_and_lists_their_passages(site):
    ctx = build(site, "source", "beta")
    assert [(c.claim.id, c.number, c.resolution.paragraph) for c in ctx.values["cites"]] == [
        ("troops-crossed", 1, 2), ("no-gas", 2, 3)]
    assert ctx.values["has_file"] is False


@pytest.mark.parametrize("kind, key, heading, ids", [
    ("claims", None, "All claims", ["troops-crossed", "tanks-crossed", "under-control",
                                    "no-gas"]),
    ("verdict", "accurate", "Claims rated “Accurate”", ["troops-crossed", "tanks-crossed"]),
    ("verdict", "inaccurate", "Claims rated “Inaccurate”", ["no-gas"]),
    ("tag", "border", "Claims tagged “border”", ["troops-crossed", "under-control"]),
])
def test_claim_lists_filter_and_count(site, kind, key, heading, ids):
    ctx = build(site, kind, key)
    assert ctx.values["heading"] == heading
    assert [c.id for c in ctx.values["claims"]] == ids
    assert ctx.values["current"] == (kind if kind != "claims" else "all", key)
    assert ctx.values["counts"] == {"accurate": 2, "mixed": 1, "inaccurate": 1}
    assert ctx.values["tag_counts"] == {"border": 2, "troops": 2}
    assert [(row["verdict"].id, row["share"]) for row in ctx.values["chart"]] == [
        ("accurate", 1.0), ("mixed", 0.5), ("inaccurate", 0.5)]


def test_sources_index_counts_claims_and_passages(site):
    ctx = build(site, "sources")
    assert [(s.id, claims, passages) for s, claims, passages in ctx.values["rows"]] == [
        ("alpha", 4, 6), ("beta", 2, 2)]


def test_cross_reference_cells_hold_each_claims_citations_of_each_source(site):
    ctx = build(site, "xref")
    cells = ctx.values["xref"]["cells"]
    assert ctx.values["xref"]["matrix"] is True
    assert [cite.index for _, cite in cells[("under-control", "alpha")]] == [0, 1, 2]
    assert ("under-control", "beta") not in cells


def test_claims_json_links_each_citation_to_its_passage(site):
    data = claims_data(site)
    cite = data["claims"][1]["citations"][0]
    assert cite["passage"] == "sources/alpha/#" + anchor("passage", "tanks-crossed", 0)
    assert cite["resolved"]["paragraph"] == 2


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def test_every_link_between_generated_pages_reaches_an_id_that_page_declares(result):
    renderer = SiteRenderer(result, OPTIONS)
    pages = {renderer.site.url(p.src_uri): p for p in renderer.pages()}
    rendered = {url: renderer.render(p) for url, p in pages.items()}
    checked = 0
    for url, out in rendered.items():
        links = Links()
        links.feed(out.html)
        assert out.anchors <= links.ids | {t["id"] for t in out.toc}, url
        for href in links.hrefs:
            if "#" not in href or href.startswith("http"):
                continue
            path, fragment = href.split("#")
            depth = url.count("/")
            target = url if not path else "/".join(
                url.split("/")[:max(0, depth - path.count("../"))] + [path.replace("../", "")])
            target = target.lstrip("/")
            if target in rendered:
                assert fragment in rendered[target].anchors, (url, href)
                checked += 1
    assert checked > 20


class Cite(HTMLParser):
    """The text of each ``fc-cite`` paragraph of a page."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "p" and ("class", "fc-cite") in attrs:
            self.depth = 1
            self.texts.append("")
        elif self.depth and tag == "p":
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth and tag == "p":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def test_a_citation_with_a_speaker_says_whose_word_the_source_reports(result):
    renderer = SiteRenderer(result, OPTIONS)
    cites = Cite()
    cites.feed(renderer.render(page(renderer.site, "claim", "tanks-crossed")).html)
    [text] = [" ".join(t.split()) for t in cites.texts]
    assert "Acting Governor Example, as reported by Border report, Example Wire" in text
    cites = Cite()
    cites.feed(renderer.render(page(renderer.site, "claim", "no-gas")).html)
    assert not any("as reported by" in t for t in cites.texts)


def test_passage_markup_comes_from_an_overridable_template(result, tmp_path):
    (tmp_path / "partials").mkdir()
    shutil.copy(Path(__file__).parents[2] / "generator" / "site" / "templates" / "partials" /
                "passages.html", tmp_path / "partials" / "passages.html")
    override = tmp_path / "partials" / "passages.html"
    text = override.read_text(encoding="utf-8")
    override.write_text(text.replace("<mark class=", "<mark data-newsroom class="),
                        encoding="utf-8")
    options = SiteOptions(site_url=OPTIONS.site_url, templates_dir=str(tmp_path))
    renderer = SiteRenderer(result, options)
    html = renderer.render(page(renderer.site, "source", "alpha")).html
    assert html.count("<mark data-newsroom class=") == 10
    plain = SiteRenderer(result, OPTIONS)
    assert "data-newsroom" not in plain.render(page(plain.site, "source", "alpha")).html


def test_a_new_page_kind_is_one_row_in_the_table(result, tmp_path, monkeypatch):
    (tmp_path / "digest.html").write_text(
        "<h1>{{ heading }}</h1>{% for c in claims %}<a href=\"{{ link('claim', c.id) }}\">"
        "{{ c.claim }}</a>{% endfor %}", encoding="utf-8")
    kind = PageKind(
        "digest", "digest.html",
        lambda site: [PageSpec("digest/index.md", "Digest", "digest")],
        lambda site, spec: PageContext({"heading": "Digest",
                                        "claims": site.project.claims[:1]},
                                       [("digest", "Digest", 2)]),
        listing=True)
    monkeypatch.setitem(PAGE_KINDS, "digest", kind)
    renderer = SiteRenderer(result, SiteOptions(templates_dir=str(tmp_path)))
    spec = renderer.pages()[-1]
    assert (spec.kind, renderer.site.urls[("digest", None)]) == ("digest", "digest/")
    html = renderer.render(spec).html
    assert html == ('<h1>Digest</h1><a href="../claims/troops-crossed/">'
                    "300 soldiers crossed the border on Tuesday.</a>")
    assert for_search(html, "digest") == ""


def test_the_table_lists_every_kind_once_each_with_its_template():
    # the publication's kinds are rows of the same table, in the order pages are listed
    assert list(PAGE_KINDS) == ["claims", "sources", "xref", "verdict", "tag", "year", "tags",
                                "claim", "source", "source-claims", "front", "stories",
                                "authors", "corrections", "corrections-type", "story",
                                "author"]
    assert all(name == kind.name for name, kind in PAGE_KINDS.items())
    templates = Path(__file__).resolve().parents[2] / "generator" / "site" / "templates"
    assert all((templates / kind.template).is_file() for kind in PAGE_KINDS.values())


def test_claims_json_is_cut_into_parts_that_together_hold_every_claim(site, monkeypatch):
    from generator.site import structured_data

    whole = structured_data.claims_files(site)
    assert [name for name, _ in whole] == ["claims.json"]  # a small publication: one file
    monkeypatch.setattr(structured_data, "CLAIMS_PART_MAX", 3)
    files = dict(structured_data.claims_files(site))
    first = json.loads(files["claims.json"])
    assert first["claims_parts"] == ["claims-2.json"] and first["claims_total"] == 4
    # how docs/reference.md says to read the whole: claims.json's claims, then each part's
    claims = first["claims"] + [c for name in first["claims_parts"]
                                for c in json.loads(files[name])["claims"]]
    assert claims == json.loads(whole[0][1])["claims"]
    assert json.loads(files["claims-2.json"])["part"] == 2
    monkeypatch.setattr(structured_data, "CLAIMS_PART_CHARS", 10)  # one claim a part at least
    assert len(structured_data.claims_files(site)) == 4
