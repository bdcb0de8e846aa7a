"""What readers get from the built fixture site, read back through an HTML parser."""

from __future__ import annotations

import json

from generator.checker.textmatch import paragraphs


def test_every_internal_link_and_anchor_resolves(built_site, broken_links):
    assert broken_links(built_site) == []


def test_ids_are_unique_on_every_generated_page(built_site, html):
    for page in (built_site.site_dir / "claims").rglob("*.html"):
        doc = html(page.read_text(encoding="utf-8"))
        assert len(doc.ids) == len(set(doc.ids)), page
    for page in (built_site.site_dir / "sources").rglob("*.html"):
        doc = html(page.read_text(encoding="utf-8"))
        assert len(doc.ids) == len(set(doc.ids)), page


def test_claim_page_shows_claim_claimant_verdict_and_grouped_evidence(built_site):
    doc = built_site.page("claims/troops-crossed/")
    assert "300 soldiers crossed the border on Tuesday." in doc.find("h1").text
    assert "Ministry of Defence" in doc.find(cls="fc-byline").text
    assert doc.find("time", datetime="2024-08-06") is not None
    badge = doc.find(cls="fc-badge")
    assert badge.text.strip() == "Accurate"  # the label, not just a colour
    assert "fc-v-accurate" in badge.classes
    assert doc.find(cls="fc-summary").find("strong").text == "reported"
    groups = [g.get("id") for g in doc.find_all("h3")]
    assert groups == ["supports", "context"]
    first = doc.find("li", id="ev-0")
    assert first.find("mark").text == ("the ministry said that 300 soldiers and 11 tanks "
                                       "crossed the border")
    # the context is the surrounding sentence
    assert first.find("blockquote").text.strip().startswith("On Tuesday the ministry")
    link = first.find("a", cls="fc-passage")
    assert link.get("href") == "../../sources/alpha/#q-troops-crossed-0"
    assert "paragraph 2" in link.text
    assert [li.text for li in doc.find(cls="fc-updates").find_all("li")][0].count("Added")
    related = [a.get("href") for a in doc.find(cls="fc-related-list").find_all("a")]
    # another claim's page, by the shortest way from this one (claims/troops-crossed/)
    assert "../tanks-crossed/" in related and "../no-gas/" in related
    assert "./" not in related and "../troops-crossed/" not in related


def test_claim_pages_are_not_in_the_nav_but_indexes_are(built_site):
    doc = built_site.page("")
    nav = doc.find(cls="navbar-nav")
    hrefs = [a.get("href") for a in nav.find_all("a")]
    assert "claims/" in hrefs and "sources/" in hrefs and "cross-reference/" in hrefs
    assert not any(h and h.startswith("claims/") and h != "claims/" for h in hrefs)


def test_claim_review_json_ld_carries_what_google_asks_for(built_site, html):
    for page in (built_site.site_dir / "claims").glob("*/index.html"):
        if page.parent.name in ("verdict", "tag"):
            continue
        doc = html(page.read_text(encoding="utf-8"))
        blocks = list(doc.find_all("script", type="application/ld+json"))
        assert len(blocks) == 1, page
        data = json.loads(blocks[0].text)
        assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
        assert data["url"] == f"https://checks.example.org/claims/{page.parent.name}/"
        assert data["claimReviewed"]
        assert data["author"][0]["name"] == "Fixture checks"
        assert data["author"][0]["@type"] == "NewsMediaOrganization"
        assert data["inLanguage"] == "en"
        rating = data["reviewRating"]
        assert {"ratingValue", "bestRating", "worstRating", "alternateName", "name",
                "ratingExplanation"} <= set(rating)
        assert rating["name"] == rating["alternateName"]
        assert (rating["bestRating"], rating["worstRating"]) == (3, 1)
        assert data["itemReviewed"]["@type"] == "Claim"
    data = json.loads(built_site.page("claims/troops-crossed/")
                      .find("script", type="application/ld+json").text)
    assert data["datePublished"] == "2024-08-10"
    # a claim with no date of its own, no story and no logged change has none to give,
    # and the build says so
    assert "datePublished" not in json.loads(built_site.page("claims/no-gas/").find(
        "script", type="application/ld+json").text)
    assert data["reviewRating"]["alternateName"] == "Accurate"
    item = data["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Ministry of Defence"}
    assert item["datePublished"] == "2024-08-06"
    assert item["appearance"][0]["url"] == "https://example.org/alpha"
    assert data["reviewRating"]["name"] == "Accurate"


def test_claim_review_types_a_claimant_as_the_editor_declared(built_site):
    """No guess from the words of a name: the claimant has the `claimant_type` the
    editor gave; the claim's date comes from its first dated appearance when not
    given, and that appearance comes first, as firstAppearance."""
    data = json.loads(built_site.page("claims/tanks-crossed/")
                      .find("script", type="application/ld+json").text)
    item = data["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Acting Governor Example"}
    assert item["datePublished"] == "2024-08-07"  # alpha's date; beta has none
    assert [a["headline"] for a in item["appearance"]] == ["Border report", "Second report"]
    assert item["firstAppearance"] == item["appearance"][0]


def test_source_page_numbers_paragraphs_like_the_checker(built_site, fixture_text):
    doc = built_site.page("sources/alpha/")
    paras = list(doc.find_all("p", cls="fc-para"))
    spans = paragraphs(fixture_text["alpha"])
    assert [p.get("id") for p in paras] == [f"p-{n}" for n in range(1, len(spans) + 1)]
    for p, (a, b) in zip(paras, spans, strict=False):
        # every character of the source is shown once: nothing lost to the highlights
        assert _without_backrefs(p.find(cls="fc-ptext")) == fixture_text["alpha"][a:b]


def _without_backrefs(el) -> str:
    """Text of an element without the back-reference links inserted after passages."""
    out = []

    def walk(node):
        if "fc-backref" in node.classes:
            return
        own = node.text
        # node.text includes children's text; rebuild from children where present
        if not node.children:
            out.append(own)
            return
        pos = 0
        for child in node.children:
            idx = own.find(child.text, pos)
            out.append(own[pos:idx])
            walk(child)
            pos = idx + len(child.text)
        out.append(own[pos:])
    walk(el)
    return "".join(out)


def test_overlapping_and_nested_passages_each_get_an_anchor_and_a_way_back(built_site):
    doc = built_site.page("sources/alpha/")
    p2 = doc.find("p", id="p-2")
    marks = list(p2.find_all("mark"))
    # "11 tanks ... Oleshnya" overlaps the end of the troops quote: three segments
    covered = [set(m.get("data-cites").split()) for m in marks]
    assert {"q-troops-crossed-0", "q-tanks-crossed-0"} in covered
    assert {"q-troops-crossed-0"} in covered and {"q-tanks-crossed-0"} in covered
    deep = [m for m in marks if len(m.get("data-cites").split()) > 1]
    assert all("fc-deep" in m.classes for m in deep)
    # every citation's anchor exists exactly once on the page
    for anchor in ("q-troops-crossed-0", "q-tanks-crossed-0", "q-under-control-0",
                   "q-under-control-1", "q-under-control-2", "q-no-gas-0"):
        assert doc.ids.count(anchor) == 1, anchor
    # back links carry the stance as text and go to the evidence on the claim page
    backs = {a.get("href"): a for a in doc.find_all("a", cls="fc-backref")}
    assert "Supports" in backs["../../claims/troops-crossed/#ev-0"].text
    assert "Contradicts" in backs["../../claims/under-control/#ev-2"].text
    # the elided quote: two pieces, one anchor
    p3 = doc.find("p", id="p-3")
    pieces = [m for m in p3.find_all("mark") if "q-under-control-1" in m.get("data-cites")]
    assert "".join(m.text for m in pieces) == ("Critics said the situation"
                                               "that evacuations had begun")
    assert pieces[0].get("id") == "q-under-control-1"


def test_source_page_metadata_and_citing_claims(built_site):
    doc = built_site.page("sources/alpha/")
    assert doc.find("h1").text == "Border report"
    meta = doc.find("dl", cls="fc-meta").text
    assert "Example Wire" in meta and "A. Writer" in meta and "August 7, 2024" in meta
    citing = [li.get("id") for li in doc.find("ol", cls="fc-citing").children]
    assert citing == ["c-troops-crossed", "c-tanks-crossed", "c-under-control", "c-no-gas"]
    assert doc.find("a", href="../alpha.txt") is not None  # the archived text


def test_claims_index_lists_every_claim_and_filters_without_javascript(built_site):
    doc = built_site.page("claims/")
    rows = list(doc.find("table", cls="fc-claims").find("tbody").find_all("tr"))
    assert [r.get("data-verdict") for r in rows] == ["accurate", "accurate", "mixed",
                                                     "inaccurate"]
    svg = doc.find("svg")
    assert [t.text for t in svg.find_all("text", cls="fc-chart-count")] == ["2", "1", "1"]
    assert [t.text for t in svg.find_all("text", cls="fc-chart-label")] == [
        "Accurate", "Mixed", "Inaccurate"]
    filtered = built_site.page("claims/verdict/accurate/")
    rows = list(filtered.find("table", cls="fc-claims").find("tbody").find_all("tr"))
    assert {r.get("data-verdict") for r in rows} == {"accurate"} and len(rows) == 2
    tagged = built_site.page("claims/tag/border/")
    names = [r.find("a").text for r in tagged.find("tbody").find_all("tr")]
    assert names == ["300 soldiers crossed the border on Tuesday.",
                     "The situation was under control."]
    assert doc.find("form", cls="fc-filter") is None  # each filter is a list of its own
    links = {a.text: a.get("href") for a in doc.find_all("a")}
    assert links["Accurate (2)"] == "verdict/accurate/"  # from claims/, the shortest way
    assert links["2024 (1)"] == "year/2024/"  # the one claim with a date


def test_sources_index_and_cross_reference(built_site):
    doc = built_site.page("sources/")
    titles = [a.text for a in doc.find("table", cls="fc-sources").find_all("a")]
    assert titles == ["Border report", "Second report"]
    xref = built_site.page("cross-reference/")
    row = next(r for r in xref.find("tbody").find_all("tr")
               if r.find("a", href="../claims/under-control/"))
    cells = list(row.find_all("td"))
    assert cells[0].text.count("Contradicts") == 2 and "Supports" in cells[0].text
    assert cells[1].text.strip() == ""


def test_claims_json_export(built_site):
    data = json.loads((built_site.site_dir / "claims.json").read_text(encoding="utf-8"))
    assert [v["id"] for v in data["verdicts"]] == ["accurate", "mixed", "inaccurate"]
    assert [s["id"] for s in data["sources"]] == ["alpha", "beta"]
    claim = data["claims"][0]
    assert claim["id"] == "troops-crossed" and claim["verdict"] == "accurate"
    cite = claim["citations"][0]
    text = (built_site.root / "content/sources/alpha.txt").read_text(encoding="utf-8")
    span = cite["resolved"]
    assert text[span["start"]:span["end"]] == cite["quote"]
    assert span["paragraph"] == 2
    assert cite["passage"] == "sources/alpha/#q-troops-crossed-0"


def test_generated_pages_are_in_the_search_index(built_site):
    index = json.loads((built_site.site_dir / "search/search_index.json").read_text())
    locations = {d["location"] for d in index["docs"]}
    assert "claims/troops-crossed/" in locations and "sources/alpha/" in locations
    doc = next(d for d in index["docs"] if d["location"] == "claims/troops-crossed/")
    assert doc["title"] == "Fact check: 300 soldiers crossed the border on Tuesday."
    assert "the ministry said that 300 soldiers" in doc["text"]


def test_verdict_colours_come_with_readable_text(built_site):
    css = (built_site.site_dir / "assets/factcheck/verdicts.css").read_text()
    assert ".fc-v-accurate{background:#1a7f37;color:#ffffff" in css
    head = built_site.page("claims/").find("head")
    sheets = [link.get("href") for link in head.find_all("link", rel="stylesheet")]
    assert "../assets/factcheck/verdicts.css" in sheets
