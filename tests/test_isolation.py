"""The suite writes only into temporary folders, never into the developer's home.

tests/conftest.py gives each pytest process a temporary home (HOME, the XDG folders,
FACTCHECK_CACHE_DIR) that the commands a test runs inherit. Without it, a check run
here keeps its results in the developer's ``~/.cache/factcheck``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.checker import cache_disk

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "checker" / "fixtures" / "clean"


def test_a_check_run_by_the_suite_leaves_the_users_cache_folder_alone(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    claims = str(project / "claims.yaml")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("FACTCHECK_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-m", "generator.cli", "check", "claims.yaml"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr

    user = os.environ["FACTCHECK_TEST_USER_CACHE"]  # as the suite found it
    ours = cache_disk.folder(env)
    assert Path(cache_disk.path_for(claims, ours)).is_file()  # the check did cache
    assert not Path(cache_disk.path_for(claims, user)).exists()
    home = Path(os.environ["HOME"])
    assert Path(ours).is_relative_to(home) and not Path(user).is_relative_to(home)
