"""Whole publications build with the selected builder (MkDocs, or ProperDocs):
this repository's own, and one `factcheck init` has just written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.checker.load import load_project
from generator.cli import main

from .conftest import parse
from .schemaorg import problems

REPO = Path(__file__).resolve().parents[2]
KURSK = ("mkdocs.yml", "claims.yaml", "claims.schema.json", "stories", "content",
         "templates")


def _h1(site, url: str) -> list[str]:
    return [h.text.strip() for h in site.page(url).find_all("h1")]


@pytest.fixture(scope="module")
def kursk(tmp_path_factory, site_builder, site_at):
    """This repository's publication, built once with --strict."""
    tmp_path = tmp_path_factory.mktemp("kursk")
    for name in KURSK:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        elif source.exists():
            shutil.copy2(source, tmp_path / name)
    site = site_at(tmp_path)
    result = site.build(strict=True)
    assert result.returncode == 0, f"{site_builder}:\n{result.stderr}"
    return site


def test_the_kursk_publication_builds_strict(kursk):
    site, tmp_path = kursk, kursk.root
    with open(tmp_path / "mkdocs.yml", encoding="utf-8") as handle:
        site_name = yaml.safe_load(handle)["site_name"]
    assert _h1(site, "") == [site_name]  # the generated front page
    assert _h1(site, "about/") == ["About this publication"]
    project, _ = load_project(str(tmp_path / "claims.yaml"))
    for kind, items in (("claims", project.claims), ("sources", project.sources),
                        ("stories", project.stories), ("authors", project.authors)):
        assert items, kind
        for item in items:
            assert _h1(site, f"{kind}/{item.id}/"), (kind, item.id)


def test_a_freshly_initialised_publication_builds_strict(tmp_path, site_builder, site_at):
    folder = tmp_path / "new"
    assert main(["init", str(folder), "--title", "Desk checks",
                 "--requirement", "factcheck-site==0.1.0"]) == 0
    site = site_at(folder)
    result = site.build(strict=True)
    assert result.returncode == 0, f"{site_builder}:\n{result.stderr}"
    assert _h1(site, "") == ["Desk checks"]
    # the example story is a draft: nothing of it is published
    assert not (site.site_dir / "claims" / "example-claim").exists()
    assert not (site.site_dir / "stories" / "example-story").exists()
    assert "Methodology" in _h1(site, "methodology/")


def test_every_kursk_claim_page_carries_a_complete_claim_review(kursk):
    """One ClaimReview per claim page and none elsewhere, every term defined by
    schema.org for its type, and every field consumers read."""
    project, _ = load_project(str(kursk.root / "claims.yaml"))
    sources = {s.id: s for s in project.sources}
    site_url = "https://factcheck.example.org/kursk/"
    reviews = {}
    for page in kursk.html_files():
        for script in parse(page.read_text("utf-8")).find_all(
                "script", type="application/ld+json"):
            rel = page.relative_to(kursk.site_dir).as_posix()
            assert rel not in reviews, rel
            reviews[rel] = json.loads(script.text)
    assert set(reviews) == {f"claims/{c.id}/index.html" for c in project.claims}
    for claim in project.claims:
        data = reviews[f"claims/{claim.id}/index.html"]
        assert list(problems(data)) == [], claim.id
        assert data["@type"] == "ClaimReview" and data["inLanguage"] == "en"
        assert data["url"] == f"{site_url}claims/{claim.id}/"
        assert len(data["claimReviewed"]) <= 75
        assert data["claimReviewed"] == (claim.claim_reviewed or claim.claim)
        assert data["datePublished"] == claim.published.isoformat()
        assert data["image"].startswith(site_url + "assets/factcheck/cards/")
        assert (kursk.site_dir / data["image"].removeprefix(site_url)).is_file()
        rating = data["reviewRating"]
        assert 1 <= rating["worstRating"] < rating["bestRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["ratingExplanation"] and rating["alternateName"]
        publisher = data["author"][0]
        assert publisher["@type"] == "NewsMediaOrganization"
        assert publisher["correctionsPolicy"] == site_url + "corrections/"
        assert publisher["verificationFactCheckingPolicy"] == site_url + "methodology/"
        item = data["itemReviewed"]
        assert item["author"]["@type"] in ("Person", "Organization")
        assert item["author"].get("sameAs") == claim.claimant_url
        if claim.appearance:
            assert item["firstAppearance"] == item["appearance"][0]
            dated = [a["datePublished"] for a in item["appearance"] if "datePublished" in a]
            assert dated == sorted(dated)
            by_title = {sources[sid].title: sources[sid] for sid in claim.appearance}
            for work in item["appearance"]:  # a web archive's copy, where a source has one
                assert work.get("archivedAt") == getattr(by_title[work["headline"]],
                                                         "archive", None)
        corrections = [u for u in claim.updates if u.type == "correction"]
        assert len(data.get("correction", [])) == len(corrections), claim.id
