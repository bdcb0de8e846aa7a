"""Whole publications build with the selected builder (MkDocs, or ProperDocs):
this repository's own, and one `factcheck init` has just written."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.checker.load import load_project
from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
KURSK = ("mkdocs.yml", "claims.yaml", "claims.schema.json", "stories", "content",
         "templates")


def _h1(site, url: str) -> list[str]:
    return [h.text.strip() for h in site.page(url).find_all("h1")]


def test_the_kursk_publication_builds_strict(tmp_path, site_builder, site_at):
    for name in KURSK:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        elif source.exists():
            shutil.copy2(source, tmp_path / name)
    site = site_at(tmp_path)
    result = site.build(strict=True)
    assert result.returncode == 0, f"{site_builder}:\n{result.stderr}"
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
    assert _h1(site, "claims/example-claim/")
    assert "Methodology" in _h1(site, "methodology/")
