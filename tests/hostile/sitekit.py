"""A small MkDocs project on disk, built the way an editor builds it, and snapshots."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

MKDOCS_YML = """\
site_name: Hostile fixture
site_url: https://factcheck.example.org/
docs_dir: content
use_directory_urls: true
theme:
  name: factcheck
plugins:
  - factcheck:
      claims: claims.yaml
"""


def make_project(root: Path, claims: str, sources: dict[str, str | bytes],
                 config: str = MKDOCS_YML) -> Path:
    (root / "content" / "sources").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "claims.yaml").write_text(claims, encoding="utf-8")
    (root / "content" / "index.md").write_text(
        "# Fixture\n\nSee [the claims](claims/index.md).\n", encoding="utf-8")
    for name, text in sources.items():
        path = root / "content" / "sources" / name
        if isinstance(text, str):
            path.write_text(text, encoding="utf-8")
        else:
            path.write_bytes(text)
    return root


def build(root: Path, *extra: str, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
    if site_dir is not None:
        cmd += ["-d", str(site_dir)]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run(cmd + list(extra), cwd=root, capture_output=True, text=True,
                          env=env, timeout=300)


def snapshot(folder: Path, *, skip: tuple[str, ...] = ()) -> dict[str, tuple]:
    """Every entry under ``folder``: kind, bytes' sha256, mtime and mode. Nothing
    written, touched, added or removed can hide from a comparison of two of these."""
    out: dict[str, tuple] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel.split("/")[0] in skip:
            continue
        st = path.lstat()
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path), st.st_mtime_ns)
        elif path.is_dir():
            out[rel] = ("dir", st.st_mtime_ns, st.st_mode)
        else:
            out[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(),
                        st.st_mtime_ns, st.st_mode)
    return out


def changed(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
