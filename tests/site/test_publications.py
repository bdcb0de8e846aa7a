"""Whole publications build with the selected builder (MkDocs, or ProperDocs):
this repository's own, and one `factcheck init` has just written."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
KURSK = ("mkdocs.yml", "claims.yaml", "claims.schema.json", "content", "templates")


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
    assert _h1(site, "") == ["Fact-check: the coverage of Ukraine's incursion into Kursk"]
    with open(tmp_path / "claims.yaml", encoding="utf-8") as handle:
        registry = yaml.safe_load(handle)
    for kind in ("claims", "sources"):
        for entry in registry[kind]:
            assert _h1(site, f"{kind}/{entry['id']}/"), (kind, entry["id"])


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
