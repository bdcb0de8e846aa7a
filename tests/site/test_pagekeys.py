"""Which generated pages an edit affects (``mkdocs serve --dirty`` rebuilds those)."""

from __future__ import annotations

import pytest

from generator.check import check_file
from generator.pagekeys import page_keys
from generator.render import SiteOptions, SiteRenderer

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


def test_a_summary_edit_rebuilds_the_claim_what_shares_its_source_and_the_lists(project):
    got = pages_named(changed(project, ("claims.yaml", "summary: Alpha says so.",
                                        "summary: Alpha says so, twice.")))
    assert {"claims/one", "claims/two", "sources/a"} <= {g.rsplit("/index", 1)[0]
                                                         for g in got}
    assert not any("claims/three" in g or "claims/four" in g or "sources/b" in g
                   or "sources/c" in g for g in got)
    assert any("roads" in g for g in got)  # the claim's own tag page
    assert not any("ports" in g or "bridges" in g for g in got)  # other tags: counts same


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
