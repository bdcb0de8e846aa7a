"""A small newsroom repository in a temporary folder: real git, real files.

The editors' tools (diff, find, --fix, the hooks, the workflow's commands) are
tested the way an editor meets them: inside a git repository with claims.yaml,
source texts under content/sources/ and a history of commits.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

SOURCES = {
    "kursk-evacuation": (
        "Officials in the Kursk region said on Wednesday that about 3,000 people "
        "had been evacuated from the border districts.\n"
        "\n"
        "Acting governor Alexei Smirnov said: “The situation is difficult but under "
        "control” — and asked residents to stay calm.\n"
        "\n"
        "It’s the “final” gas transit point to Europe, the operator said.\n"
    ),
    "sudzha-gas": (
        "The Sudzha metering station is the last working route for Russian gas "
        "through Ukraine.\n"
        "\n"
        "Gas flows were “stable”, a spokesperson said on Thursday.\n"
    ),
}

CLAIMS = """\
# yaml-language-server: $schema=./claims.schema.json
sources:
  - id: kursk-evacuation   # the regional report
    file: content/sources/kursk-evacuation.txt
    title: Kursk evacuation report
    sha256: {sha_kursk}
  - id: sudzha-gas
    file: content/sources/sudzha-gas.txt
    title: Sudzha gas transit
claims:
  - id: three-thousand-evacuated
    claim: Officials said about 3,000 people were evacuated from the Kursk border districts.
    claim_reviewed: About 3,000 people were evacuated from the Kursk border districts.
    claimant: Regional officials
    claimant_type: organization
    verdict: accurate
    summary: The regional report gives the figure.
    citations:
      - source: kursk-evacuation
        quote: about 3,000 people had been evacuated from the border districts
        stance: supports
  - id: gas-still-flowing
    claim: Gas kept flowing through Sudzha.
    verdict: mostly-accurate
    summary: A spokesperson called the flows stable.
    citations:
      - source: sudzha-gas
        quote: Gas flows were “stable”, a spokesperson said
        stance: supports
"""


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity; return its output."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test Editor", "-c", "user.email=editor@example.org",
         "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def claims_text() -> str:
    digest = hashlib.sha256(SOURCES["kursk-evacuation"].encode()).hexdigest()
    return CLAIMS.format(sha_kursk=digest)


class Newsroom:
    """A newsroom repository on disk, with the few verbs the tests need."""

    def __init__(self, path: Path):
        self.path = path

    def git(self, *args: str) -> str:
        return git(self.path, *args)

    def write(self, rel: str, text: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode() if isinstance(text, str) else text)
        return target

    def read(self, rel: str) -> str:
        return (self.path / rel).read_bytes().decode()

    def commit(self, message: str) -> str:
        """Commit everything; return the new commit's sha."""
        self.git("add", ".")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch) -> Newsroom:
    """A git repository with two sources and two claims committed on `main`; cwd is it."""
    room = Newsroom(tmp_path / "newsroom")
    for sid, text in SOURCES.items():
        room.write(f"content/sources/{sid}.txt", text)
    room.write("claims.yaml", claims_text())
    room.git("init", "-q")
    room.commit("First fact-check")
    monkeypatch.chdir(room.path)
    return room


def find_tool(name: str) -> str | None:
    """A command from the test environment: next to this Python first, then PATH."""
    here = Path(sys.executable).with_name(name)
    if here.exists() and os.access(here, os.X_OK):
        return str(here)
    return shutil.which(name)


@pytest.fixture
def tool():
    """``tool(name)``: the path of a command-line tool, or None when not installed."""
    return find_tool
