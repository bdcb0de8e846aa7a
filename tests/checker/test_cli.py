"""The command line as an editor and CI meet it: exit codes, arguments, start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

CLEAN = Path(__file__).parent / "fixtures" / "clean"


@pytest.mark.parametrize("argv, status, words", [
    (["check", "no-such-claims.yaml"], 2, "cannot read no-such-claims.yaml"),
    (["check", "--format", "xml"], 2, "invalid choice: 'xml'"),
    (["check", "--bogus"], 2, "unrecognized arguments: --bogus"),
    (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    ([], 2, "usage:"),
])
def test_usage_errors_exit_2_with_a_message(argv, status, words, capsys, tmp_path,
                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == status
    assert words in capsys.readouterr().err


def test_a_directory_given_as_claims_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_strict_fails_on_warnings_only(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Officials said 3,000 were evacuated.\n", "utf-8")
    (tmp_path / "claims.yaml").write_text(
        "sources:\n  - {id: a, file: a.txt, title: A}\n"
        "claims:\n  - id: c\n    claim: x\n    verdict: mixed\n    summary: y\n"
        "    citations:\n      - source: a\n        quote: 3,000 were\n"
        "        stance: context\n", "utf-8")
    path = str(tmp_path / "claims.yaml")
    assert main(["check", path]) == 0
    assert main(["check", path, "--strict"]) == 1
    assert "warning[quote-too-short]" in capsys.readouterr().out


def test_check_does_not_import_mkdocs_or_jinja2():
    code = ("import sys\nfrom generator.cli import main\n"
            f"main(['check', {str(CLEAN / 'claims.yaml')!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('mkdocs', 'jinja2', 'markdown_it', 'rapidfuzz')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("factcheck")
    if not exe.exists():
        pytest.skip("the factcheck console script is not installed next to this Python")
    proc = subprocess.run([str(exe), "check", "claims.yaml", "--strict"], cwd=CLEAN,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("All clear")


def test_version_prints_the_installed_release(capsys):
    from importlib import metadata
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"factcheck {metadata.version('factcheck-site')}\n"


@pytest.mark.parametrize("argv", [
    ["check", "missing.yaml"],
    ["find", "three words here", "--claims", "missing.yaml"],
    ["diff", "--claims", "missing.yaml"],
    ["suggest", "some-claim", "--claims", "missing.yaml"],
    ["add-source", "no-such-file.txt", "--claims", "missing.yaml"],
    ["init", "taken"],
])
def test_every_command_that_cannot_run_says_so_in_one_line_and_exits_2(
        argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "claims.yaml").write_text("claims: []\n", encoding="utf-8")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("factcheck: ") and err.count("\n") == 1, err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["find", "diff", "suggest", "add-source"])
def test_claims_option_is_the_same_on_every_command(command, capsys):
    assert main([command, "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--claims FILE the claims file (default: claims.yaml)" in help_text
