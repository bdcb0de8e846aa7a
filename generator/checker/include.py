"""Which files ``include:`` names: glob patterns, matched against a tree of files.

claims.yaml lists patterns such as ``stories/*.yaml``, relative to itself. The
same patterns are matched against the working tree (for ``check`` and the site) and
against a git revision's tree (for ``factcheck diff``), so matching is one pure
function over a list of paths, :func:`matching`, and each tree only lists its files.

Patterns follow the shell's rules: ``*`` and ``?`` never cross a ``/``, ``**/``
stands for any number of folders, ``[abc]`` is a set of characters; names that
start with a dot are matched only by a pattern that spells the dot.
"""

from __future__ import annotations

import os
import posixpath
import re
from functools import lru_cache
from typing import Protocol

SKIPPED_FOLDERS = frozenset({".git", ".venv", "node_modules", "site", "__pycache__"})


class Tree(Protocol):
    """A tree of files, paths relative to claims.yaml's folder with ``/`` separators."""

    def paths(self, under: str = "") -> list[str]: ...

    def read(self, path: str) -> bytes: ...


def bad_pattern(pattern: str) -> str | None:
    """Why a pattern cannot be used, or None.

    >>> bad_pattern("stories/*.yaml") is None
    True
    >>> bad_pattern("../elsewhere/*.yaml")
    'it leaves the project folder: patterns are relative to claims.yaml and stay inside it'
    """
    if not pattern.strip():
        return "it is empty"
    if "\x00" in pattern:
        return "it contains a NUL character"
    if pattern.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", pattern):
        return "it is absolute: write it relative to claims.yaml, like `stories/*.yaml`"
    if ".." in pattern.replace("\\", "/").split("/"):
        return ("it leaves the project folder: patterns are relative to claims.yaml and "
                "stay inside it")
    return None


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append(r"(?:[^/.][^/]*/)*")
            i += 3
            continue
        ch = pattern[i]
        at_segment_start = i == 0 or pattern[i - 1] == "/"
        if ch == "*":
            out.append(("(?![.])" if at_segment_start else "") + "[^/]*")
        elif ch == "?":
            out.append(("(?![.])" if at_segment_start else "") + "[^/]")
        elif ch == "[" and (close := pattern.find("]", i + 2)) > 0:
            body = pattern[i + 1:close]
            negate = body[:1] in ("!", "^")
            body = re.escape(body[1:] if negate else body).replace(r"\-", "-")
            out.append(f"[{'^' if negate else ''}{body}]")
            i = close
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z")


def literal_folder(pattern: str) -> str:
    """The folder a pattern's matches all lie in: its leading segments without wildcards.

    >>> literal_folder("stories/2024/*.yaml"), literal_folder("*.yaml"), literal_folder("a/**/b")
    ('stories/2024', '', 'a')
    """
    segments = posixpath.normpath(pattern.replace("\\", "/")).split("/")[:-1]
    fixed = []
    for segment in segments:
        if any(ch in segment for ch in "*?["):
            break
        fixed.append(segment)
    return "/".join(fixed)


def glob(tree: Tree, pattern: str) -> list[str]:
    """The files of ``tree`` that ``pattern`` matches, sorted."""
    return matching(pattern, tree.paths(literal_folder(pattern)))


def matching(pattern: str, paths: list[str]) -> list[str]:
    """The paths a glob pattern matches, sorted.

    >>> paths = ["claims.yaml", "stories/a.yaml", "stories/b.yml", "stories/x/c.yaml",
    ...          "stories/.hidden.yaml"]
    >>> matching("stories/*.yaml", paths)
    ['stories/a.yaml']
    >>> matching("stories/**/*.y*ml", paths)
    ['stories/a.yaml', 'stories/b.yml', 'stories/x/c.yaml']
    >>> matching("stories/[ab].y?ml", paths)
    ['stories/a.yaml']
    """
    regex = _regex(posixpath.normpath(pattern.replace("\\", "/")))
    return sorted(p for p in paths if regex.match(p))


class Folder:
    """The working tree under claims.yaml's folder."""

    def __init__(self, root: str):
        self.root = root

    def paths(self, under: str = "") -> list[str]:
        """Every file below ``under``, skipping folders no claims file lives in."""
        found = []
        for folder, dirs, files in os.walk(os.path.join(self.root, under)):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS)
            rel = os.path.relpath(folder, self.root).replace(os.sep, "/")
            prefix = "" if rel == "." else rel + "/"
            found += [prefix + name for name in files]
        return found

    def read(self, path: str) -> bytes:
        with open(os.path.join(self.root, path), "rb") as handle:
            return handle.read()


class GitRevision:
    """A folder of a git repository as it was at a commit (for ``factcheck diff``)."""

    def __init__(self, toplevel: str, sha: str, folder: str):
        self.toplevel = toplevel
        self.sha = sha
        self.folder = folder.strip("/")  # claims.yaml's folder, relative to toplevel

    def _git(self, *args: str) -> bytes | None:
        from generator.checker import gitrun  # only for git trees: `check` never needs it

        return gitrun.output(self.toplevel, *args)

    def paths(self, under: str = "") -> list[str]:
        where = "/".join(p for p in (self.folder, under) if p)
        listed = self._git("ls-tree", "-r", "-z", "--name-only", "--full-tree", self.sha,
                           "--", *([where] if where else []))
        if not listed:
            return []
        names = [n.decode("utf-8", "replace") for n in listed.split(b"\0") if n]
        cut = len(self.folder) + 1 if self.folder else 0
        return [n[cut:] for n in names]

    def read(self, path: str) -> bytes:
        inside = f"{self.folder}/{path}" if self.folder else path
        data = self._git("show", f"{self.sha}:{inside}")
        if data is None:
            raise FileNotFoundError(f"{inside} is not in {self.sha[:12]}")
        return data
