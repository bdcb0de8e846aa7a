"""git runs the same way for every command: in the repository asked for, within
a time limit, and a git that cannot run is an error that says so (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.checker import gitrun
from generator.cli import main


def _repo(path: Path) -> Path:
    path.mkdir()
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def test_a_hook_s_git_variables_do_not_send_it_to_another_repository(tmp_path, monkeypatch):
    mine, other = _repo(tmp_path / "mine"), _repo(tmp_path / "other")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    got = gitrun.output(str(mine), "rev-parse", "--absolute-git-dir")
    assert Path(got.decode().strip()).resolve() == (mine / ".git").resolve()


def test_a_failed_git_command_is_none_not_an_error(tmp_path):
    repo = _repo(tmp_path / "repo")
    assert gitrun.output(str(repo), "show", "HEAD:claims.yaml") is None
    assert gitrun.run(str(repo), "show", "HEAD:claims.yaml").returncode != 0


def _fake_git(folder: Path, script: str) -> None:
    folder.mkdir()
    fake = folder / "git"
    fake.write_text(f"#!{sys.executable}\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)


@pytest.mark.skipif(os.name == "nt", reason="a fake git is a script with a shebang")
def test_a_git_that_hangs_is_stopped(tmp_path, monkeypatch):
    _fake_git(tmp_path / "bin", "import time; time.sleep(30)")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(gitrun.GitTimeout, match="took longer than 0.5 seconds"):
        gitrun.run(str(tmp_path), "status", timeout=0.5)


def test_without_git_diff_says_so_and_exits_2(tmp_path, monkeypatch, capsys):
    (tmp_path / "bin").mkdir()
    (tmp_path / "claims.yaml").write_text("claims: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert main(["diff"]) == 2
    assert "git is not installed" in capsys.readouterr().err
