"""Running git: the one place that does, for ``factcheck diff`` and story files
read at a git revision.

A git command here reads history and writes nothing. It runs with a time limit
(a hung git, say on a network file system, must not hang the command), without
ever prompting, and without the variables that would point it at another
repository or index (``GIT_DIR``, ``GIT_INDEX_FILE``...: a git hook sets them for
the repository being committed to), so it reads the repository ``cwd`` is in.
When git cannot run at all, the error is a :class:`CommandError` that says why.
"""

from __future__ import annotations

import os
import subprocess

from generator.checker.errors import CommandError

TIMEOUT = 60  # seconds: reading one revision's files takes a fraction of that
# Variables that choose which repository, work tree or index git reads.
REDIRECTING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
               "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
               "GIT_PREFIX")


class GitError(CommandError):
    """git could not be run (it is not installed, or it took too long)."""


class GitMissing(GitError):
    """No ``git`` on the PATH."""


class GitTimeout(GitError):
    """A git command ran longer than :data:`TIMEOUT`."""


def environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment git runs in: ``base`` (default: this process's) without the
    variables that redirect it, never prompting, taking no optional locks.

    >>> env = environment({"GIT_DIR": "/elsewhere/.git", "HOME": "/home/desk"})
    >>> sorted(env)
    ['GIT_OPTIONAL_LOCKS', 'GIT_TERMINAL_PROMPT', 'HOME']
    """
    env = {k: v for k, v in (os.environ if base is None else base).items()
           if k not in REDIRECTING}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0")
    return env


def run(cwd: str, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """``git ARGS`` in ``cwd``; its output as bytes, its exit status as git gave it.

    >>> run(".", "--version").stdout.startswith(b"git version")
    True
    """
    try:
        return subprocess.run(["git", *args], cwd=cwd, env=environment(),
                              capture_output=True, check=False, timeout=timeout)
    except FileNotFoundError as exc:
        if not os.path.isdir(cwd):
            raise GitError(f"no such folder: {cwd}") from exc
        raise GitMissing("git is not installed (or not on the PATH); this command "
                         "reads the history of a git repository") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitTimeout(f"`git {' '.join(args)}` in {cwd} took longer than {timeout:g} "
                         "seconds and was stopped") from exc


def output(cwd: str, *args: str, timeout: float = TIMEOUT) -> bytes | None:
    """What ``git ARGS`` printed, or None if it failed (an unknown revision or path).

    >>> output(".", "rev-parse", "--verify", "--quiet", "no-such-revision-here") is None
    True
    """
    done = run(cwd, *args, timeout=timeout)
    return done.stdout if done.returncode == 0 else None
