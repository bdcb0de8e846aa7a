"""Setting up is quiet: an editable install of the package with pip, as a contributor
makes one, prints no build-backend warnings (it used to print ~150 lines of
setuptools notices)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# What setuptools' notices look like when pip relays them from the build backend.
BACKEND_NOISE = re.compile(r"BuildBackendWarning|SetuptoolsWarning|Deprecat|^\s*!!\s*$|\*{20}",
                           re.MULTILINE)


def test_an_editable_install_prints_no_backend_warnings(tmp_path):
    # a fresh copy: setuptools warns while it writes the package metadata, which an
    # earlier install in the repository may already have left there
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, project / name)
    shutil.copytree(REPO / "generator", project / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    venv = tmp_path / "venv"
    # a current pip, as `make` installs it: older ones hid the backend's output
    subprocess.run([sys.executable, "-m", "venv", "--upgrade-deps", str(venv)], check=True,
                   capture_output=True, timeout=600)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(project)],
        capture_output=True, text=True, env=env, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert not BACKEND_NOISE.search(output), output
    # and the installed package carries its templates and assets
    check = subprocess.run(
        [str(python), "-c", "import generator, os; d = os.path.dirname(generator.__file__);"
         "print(os.path.isfile(os.path.join(d, 'site', 'templates', 'claim.html')))"],
        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert check.stdout.strip() == "True", check.stderr
