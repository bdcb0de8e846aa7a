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
