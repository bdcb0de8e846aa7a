"""Which generated pages an edit affects (``mkdocs serve --dirty`` rebuilds those)."""

from __future__ import annotations

import pytest

from generator.checker.check import check_file
from generator.site.pagekeys import page_keys
from generator.site.render import SiteOptions, SiteRenderer

SOURCES = {"a.txt": "Alpha said the bridge was closed on Monday.\n",
           "b.txt": "Beta said the road was open on Tuesday.\n",
           "c.txt": "Gamma said the port was busy on Friday.\n"}

CLAIMS = """\
sources:
  - {id: a, file: a.txt, title: A}
  - {id: b, file: b.txt, title: B}
  - {id: c, file: c.txt, title: C}
claims:
  - id: one
    claim: The bridge was closed.
    verdict: accurate
    summary: Alpha says so.
    tags: [roads]
    citations:
      - {source: a, quote: the bridge was closed on Monday, stance: supports}
  - id: two
    claim: The bridge was shut.
    verdict: accurate
    summary: Alpha again.
    tags: [bridges]
    citations:
      - {source: a, quote: Alpha said the bridge was closed, stance: supports}
  - id: three
    claim: The road was open.
    verdict: accurate
    summary: Beta says so.
    tags: [roads]
    citations:
      - {source: b, quote: the road was open on Tuesday, stance: supports}
  - id: four
    claim: The port was busy.
    verdict: inaccurate
    summary: Gamma says otherwise.
    tags: [ports]
    citations:
      - {source: c, quote: the port was busy on Friday, stance: contradicts}
"""


def keys(root):
    result = check_file(str(root / "claims.yaml"))
    assert not result.errors, result.errors
    renderer = SiteRenderer(result, SiteOptions(site_name="t"))
    return page_keys(result, renderer.pages(), "site-wide")


def changed(root, edit) -> set[str]:
    before = keys(root)
    path, old, new = edit
    text = (root / path).read_text(encoding="utf-8")
    assert old in text
    (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    after = keys(root)
    assert before.keys() == after.keys()
    return {uri for uri in before if before[uri] != after[uri]}


@pytest.fixture
def project(tmp_path):
    for name, text in SOURCES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path


def pages_named(uris: set[str]) -> set[str]:
    return {uri.rsplit(".", 1)[0] for uri in uris}


def test_a_summary_edit_rebuilds_the_claim_and_its_sources_not_the_lists(project):
    """The lists and the claims sharing a source show a claim's text and verdict,
    not its summary: those pages keep their key."""
    got = pages_named(changed(project, ("claims.yaml", "summary: Alpha says so.",
                                        "summary: Alpha says so, twice.")))
    assert {"claims/one/index", "sources/a/index"} <= got
    assert not any("claims/two" in g or "claims/three" in g or "sources/b" in g
                   or "tag" in g or "verdict" in g or g in ("claims/index", "cross-reference")
                   for g in got)


def test_a_claim_text_edit_rebuilds_what_lists_the_claim(project):
    got = pages_named(changed(project, ("claims.yaml", "claim: The bridge was closed.",
                                        "claim: The bridge was closed for good.")))
    assert {"claims/one/index", "claims/two/index", "sources/a/index", "claims/index",
            "cross-reference", "claims/tag/roads/index",
            "claims/verdict/accurate/index"} <= got
    assert not any("claims/three" in g or "claims/four" in g or "ports" in g
                   or "bridges" in g for g in got)


def test_a_source_edit_rebuilds_its_page_and_the_claims_citing_it(project):
    got = changed(project, ("b.txt", "Beta said", "Beta wrote"))
    named = " ".join(sorted(got))
    assert "sources/b" in named and "claims/three" in named
    assert "claims/one" not in named and "claims/four" not in named


def test_a_verdict_change_rebuilds_every_verdict_and_tag_page(project):
    got = " ".join(sorted(changed(project, ("claims.yaml", "verdict: inaccurate",
                                            "verdict: misleading"))))
    assert "claims/four" in got and "ports" in got and "roads" in got
    assert "claims/one" not in got


def test_site_wide_inputs_rebuild_everything(project):
    result = check_file(str(project / "claims.yaml"))
    pages = SiteRenderer(result, SiteOptions(site_name="t")).pages()
    a, b = page_keys(result, pages, "one"), page_keys(result, pages, "two")
    assert all(a[uri] != b[uri] for uri in a)


def test_with_override_templates_a_summary_edit_rebuilds_the_lists(project):
    """An override template may show any field: a card is then the whole claim."""
    result = check_file(str(project / "claims.yaml"))
    pages = SiteRenderer(result, SiteOptions(site_name="t")).pages()
    before = page_keys(result, pages, "w", overridden=True)
    text = (project / "claims.yaml").read_text(encoding="utf-8")
    (project / "claims.yaml").write_text(text.replace("summary: Alpha says so.",
                                                      "summary: Alpha, twice."), "utf-8")
    result = check_file(str(project / "claims.yaml"))
    after = page_keys(result, pages, "w", overridden=True)
    got = {uri for uri in before if before[uri] != after[uri]}
    assert {"claims/index.md", "cross-reference.md", "claims/two/index.md",
            "claims/tag/roads/index.md"} <= got


def test_a_status_change_rebuilds_every_page(project):
    """A claim's stage shows on its page (the banner) and in every list (its mark):
    a change of status, rare, rebuilds everything, whether written on the claim or
    on the story that gives it."""
    got = changed(project, ("claims.yaml", "    verdict: inaccurate\n",
                            "    verdict: inaccurate\n    status: review\n"))
    assert got == set(keys(project))
