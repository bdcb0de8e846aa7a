"""The repository holds its own files: no tracked symlink points out of it.

A link to a folder outside the checkout (a virtualenv, a developer's home) works on
one machine and is broken or, worse, something else on every other; a wheel, a
copy, or pre-commit's clone of the repository would carry the link, not the file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=True).stdout


def links_out_of(repo: Path) -> list[str]:
    """``link -> target`` for each tracked symlink (mode 120000) whose target, as
    committed or as it resolves in the working tree, lies outside ``repo``."""
    root = Path(os.path.realpath(repo))
    out = []
    for entry in git(repo, "ls-files", "-s", "-z").split("\0"):
        if not entry.startswith("120000 "):
            continue
        meta, path = entry.split("\t", 1)
        target = git(repo, "cat-file", "blob", meta.split()[1])
        committed = Path(os.path.normpath(root / Path(path).parent / target))
        resolved = Path(os.path.realpath(root / path))
        if not (committed.is_relative_to(root) and resolved.is_relative_to(root)):
            out.append(f"{path} -> {target}")
    return out


def test_no_tracked_symlink_points_out_of_the_repository():
    assert links_out_of(REPO) == []


def test_a_link_out_is_found_and_a_link_within_is_not(tmp_path):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (repo / "guide.md").symlink_to("docs/guide.md")  # within: fine
    (repo / "docs" / "up.md").symlink_to("../guide.md")  # within, through a link
    (repo / ".venv-main").symlink_to(tmp_path / "elsewhere" / "venv")  # absolute, out
    (repo / "docs" / "home").symlink_to("../../..")  # relative, out
    git(repo, "init", "-q")
    git(repo, "add", ".")
    assert sorted(links_out_of(repo)) == [
        f".venv-main -> {tmp_path / 'elsewhere' / 'venv'}", "docs/home -> ../../.."]
