"""The git side of ``factcheck diff``: which commit a review compares with.

Glue around git (through :mod:`generator.checker.gitrun`), kept apart from the
comparison, which is pure, in :mod:`generator.editor.diff`.
"""

from __future__ import annotations

from generator.checker import gitrun
from generator.checker.errors import CommandError

DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")


class ReviewError(CommandError):
    """The review could not be made: not a git repository, or an unknown revision."""


def code(name: str) -> str:
    """An id or field name as inline code; ids are slugs, but never trust that.

    >>> code("a`b")
    "`a'b`"
    """
    return "`" + name.replace("`", "'").replace("\n", " ") + "`"


def _rev(cwd: str, rev: str) -> str | None:
    got = gitrun.output(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options",
                        f"{rev}^{{commit}}")
    return got.decode().strip() if got is not None else None


def resolve_base(cwd: str, base: str | None) -> tuple[str | None, str]:
    """The commit to compare with and its name in Markdown; None: there is no commit.

    An explicit BASE is taken as is (in a pull-request workflow, the base sha).
    Without one: the merge-base of HEAD with the default branch, so that a branch
    is compared with where it forked, as GitHub compares a pull request.
    """
    if base is not None:
        sha = _rev(cwd, base)
        if sha is None:
            raise ReviewError(f"unknown git revision {base!r}: give a commit, branch "
                              "or tag (in a shallow clone, fetch it first)")
        return sha, code(base)
    head = _rev(cwd, "HEAD")
    if head is None:
        return None, "an empty repository"
    for branch in DEFAULT_BRANCHES:
        if _rev(cwd, branch) is None:
            continue
        got = gitrun.output(cwd, "merge-base", "HEAD", branch)
        if got is not None:
            return got.decode().strip(), f"the merge-base with {code(branch)}"
    return head, code("HEAD")
