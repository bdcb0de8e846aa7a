"""Editor-written fields come from pull requests: payloads in them must come out inert.

One site carries a payload in every free-text field of claims.yaml (and in a
source text). Every page of the built site is parsed: no script runs but the
JSON-LD and the site's own files, no event-handler attributes, no javascript: or
data: addresses, and template syntax shows up as text, never evaluated.
"""

from __future__ import annotations

import json
import re
import textwrap

import pytest

PAYLOAD = ('<script>alert(1)</script>"><img src=x onerror=alert(2)>'
           "{{ 7*7 }}{% if true %}TPL{% endif %}</script><!--")
MD_LINKS = ("[a](javascript:alert(3)) [b](data:text/html;base64,PHNjcmlwdD4=) "
            "![c](data:image/svg+xml;base64,PHN2Zz4=) [d](vbscript:msgbox) "
            "[e](JaVaScRiPt:alert(5)) [f](java&#x09;script:alert(6)) "
            "<a href=x onclick=alert(4)>g</a> [ok](https://example.org/ok)")
SOURCE = """\
Hostile feed

The tag <script>alert("src")</script> appeared in the feed on Monday morning.

Another paragraph with {{ 7*7 }} and {% raw %} in it, quoted by nobody at all.
"""


def _block(text: str, indent: int) -> str:
    return textwrap.indent(text, " " * indent)


def hostile_claims() -> str:
    field = _block(PAYLOAD, 6)
    md = _block(PAYLOAD + "\n\n" + MD_LINKS + "\n\n# Heading " + PAYLOAD, 6)
    return f"""\
verdicts:
  - id: accurate
    label: |-
{field}
    rating: 2
    description: |-
{field}
  - id: inaccurate
    label: Inaccurate
    rating: 1
sources:
  - id: feed
    file: content/sources/feed.txt
    title: |-
{field}
    publisher: |-
{field}
    author: |-
{field}
    url: https://example.org/"><script>alert(7)</script>
claims:
  - id: hostile-claim
    claim: |-
{field}
    claimant: |-
{field}
    claimant_type: person
    verdict: accurate
    summary: |-
{md}
    tags: [payload]
    published: 2024-08-10
    appearance: [feed]
    updates:
      - date: 2024-08-11
        note: |-
{_block(PAYLOAD + " " + MD_LINKS, 10)}
    citations:
      - source: feed
        quote: The tag <script>alert("src")</script> appeared in the feed
        stance: supports
        note: |-
{_block(PAYLOAD + " " + MD_LINKS, 10)}
"""


BAD_SCHEMES = ("javascript", "data", "vbscript")


@pytest.fixture(scope="module")
def hostile_site(site_maker):
    site = site_maker("hostile", claims=hostile_claims(), sources={"feed.txt": SOURCE})
    result = site.build(strict=False)
    assert result.returncode == 0, result.stderr
    return site


def _scheme(url: str) -> str:
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned.split("/", 1)[0] else ""


def test_no_page_runs_or_loads_anything_the_editors_wrote(hostile_site, html):
    site_dir = hostile_site.site_dir
    pages = hostile_site.html_files()
    assert len(pages) > 5
    for page in pages:
        doc = html(page.read_text(encoding="utf-8"))
        where = page.relative_to(site_dir)
        for el in doc.elements:
            for name, value in el.attrs.items():
                assert not name.startswith("on"), f"{where}: <{el.tag} {name}>"
                if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                    assert _scheme(value) not in BAD_SCHEMES, f"{where}: {name}={value}"
            if el.tag == "script":
                if el.get("type") == "application/ld+json":
                    json.loads(el.text)
                    assert "<" not in el.text, where
                elif el.get("src"):
                    assert "alert" not in el.get("src")
                else:  # the theme's own inline configuration
                    assert el.text.strip().startswith("var base_url"), f"{where}: {el.text}"
                    assert "alert" not in el.text
            assert el.tag not in ("iframe", "object", "embed", "img") or \
                _scheme(el.get("src") or "") in ("", "http", "https"), where
            assert not (el.tag == "img" and el.get("src") == "x"), where


def test_payloads_show_as_text_and_templates_are_not_evaluated(hostile_site):
    doc = hostile_site.page("claims/hostile-claim/")
    text = doc.find("article").text
    assert "<script>alert(1)</script>" in doc.find("h1").text  # shown, as text
    assert "{{ 7*7 }}" in text and "{% if true %}TPL{% endif %}" in text
    assert text.count("TPL") == text.count("{% if true %}TPL{% endif %}")
    assert "onerror=alert(2)" in doc.find(cls="fc-claimant").text
    # refused links stay readable as text; the https one is a link
    summary = doc.find(cls="fc-summary")
    assert "[a](javascript:alert(3))" in summary.text
    assert [a.get("href") for a in summary.find_all("a")] == ["https://example.org/ok"]
    assert doc.find(cls="fc-summary").find("h1") is None  # demoted headings
    title = doc.find("title").text
    assert title.startswith("Fact check: <script>alert(1)</script>")
    mark = doc.find("blockquote").find("mark")
    assert mark.text == 'The tag <script>alert("src")</script> appeared in the feed'


def test_json_ld_keeps_the_payload_as_data(hostile_site):
    doc = hostile_site.page("claims/hostile-claim/")
    data = json.loads(doc.find("script", type="application/ld+json").text)
    assert data["claimReviewed"] == PAYLOAD
    assert data["itemReviewed"]["author"]["name"] == PAYLOAD
    assert data["reviewRating"]["alternateName"] == PAYLOAD


def test_source_page_and_indexes_escape_metadata_and_text(hostile_site):
    doc = hostile_site.page("sources/feed/")
    assert doc.find("h1").text == PAYLOAD
    assert doc.find("a", cls="fc-url").get("href") == \
        'https://example.org/"><script>alert(7)</script>'
    assert '<script>alert("src")</script>' in doc.find("p", id="p-2").text
    index = hostile_site.page("claims/")
    assert f"{PAYLOAD}: 1" in [t.text for t in index.find("svg").find_all("title")]
    assert index.find("tbody").find("a").text == PAYLOAD


def test_claims_json_is_data(hostile_site):
    data = json.loads((hostile_site.site_dir / "claims.json").read_text(encoding="utf-8"))
    assert data["claims"][0]["claim"] == PAYLOAD
    assert data["sources"][0]["url"] == 'https://example.org/"><script>alert(7)</script>'
