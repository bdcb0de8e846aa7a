"""``factcheck init``: start a new publication in a folder of its own.

A newsroom adopting the tool needs the same handful of files this repository has
(mkdocs.yml, claims.yaml, the hand-written pages, CI and the pre-commit hook), but
its CI and hook must install the tool as a package at a pinned version, never from
the tool's source tree, which is not in their repository, and its dependencies at the
versions that release was tested with: ``starter/requirements.txt``, written by
``make lock`` from the repository's lock, lists them under the tool's pin. The files
are packaged under ``generator/editor/starter/`` and copied with a few placeholders filled in.

Nothing is ever overwritten: every target is checked first, and if any exists the
command names them all and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from generator.checker.errors import CommandError

DISTRIBUTION = "factcheck-site"
"""The name on PyPI (``factcheck`` there is an unrelated QuickCheck port)."""

STARTER = Path(__file__).with_name("starter")

# packaged file -> where it goes (dot-files are packaged without their dot: setuptools'
# package-data globs skip hidden files)
FILES = (
    ("README.md", "README.md"),
    ("mkdocs.yml", "mkdocs.yml"),
    ("claims.yaml", "claims.yaml"),
    ("stories/example.yaml", "stories/example.yaml"),
    ("content/index.md", "content/index.md"),
    ("content/methodology.md", "content/methodology.md"),
    ("content/corrections.md", "content/corrections.md"),
    ("content/sources/example-source.txt", "content/sources/example-source.txt"),
    ("workflow.yml", ".github/workflows/factcheck.yml"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("gitignore", ".gitignore"),
    ("requirements.txt", "requirements.txt"),
)
SCHEMA_FILE = "claims.schema.json"
PAGES = ("content/index.md", "content/methodology.md", "content/corrections.md")
LOCALES = ("en", "es", "fr", "de", "pt", "ar", "uk")  # the site's shipped catalogs
STORY_SCHEMA_FILE = "story.schema.json"

# A requirement pip accepts that is safe inside YAML and a shell word: a pinned name,
# or a wheel's path or URL. No spaces, quotes or '#'.
REQUIREMENT = re.compile(r"[A-Za-z0-9./][A-Za-z0-9._\-\[\],=<>!~@:/+%]*")
PLACEHOLDER = re.compile(r"@@[A-Z_]+@@")


class InitError(CommandError):
    """Init could not run; nothing was written."""


@dataclass(frozen=True)
class Settings:
    """What goes into the placeholders of the starter files."""

    title: str = "Fact checks"
    site_url: str = "https://factcheck.example.org/"
    requirement: str = ""
    locale: str = "en"  # the site's language: its starter pages are written in it


def default_requirement() -> str:
    """The installed release, pinned: what CI and the hook should install.

    >>> default_requirement().startswith("factcheck-site==")
    True
    """
    from importlib import metadata  # only `init` needs it (and it is slow to import)

    try:
        return f"{DISTRIBUTION}=={metadata.version(DISTRIBUTION)}"
    except metadata.PackageNotFoundError as exc:
        raise InitError(f"{DISTRIBUTION} is not installed as a package here, so there "
                        "is no version to pin; pass --requirement (e.g. "
                        f"{DISTRIBUTION}==0.1.0, or a wheel's URL)") from exc


def validate(settings: Settings) -> None:
    """Refuse values that would make a broken or unsafe file.

    >>> validate(Settings(requirement="factcheck-site==0.1.0"))
    >>> validate(Settings(requirement="x; rm -rf ~"))
    Traceback (most recent call last):
    ...
    generator.editor.scaffold.InitError: --requirement 'x; rm -rf ~' is not a plain requirement: \
give a pinned name (factcheck-site==0.1.0) or a wheel's path or URL, without spaces
    """
    if not REQUIREMENT.fullmatch(settings.requirement):
        raise InitError(f"--requirement {settings.requirement!r} is not a plain requirement: "
                        f"give a pinned name ({DISTRIBUTION}==0.1.0) or a wheel's path or "
                        "URL, without spaces")
    if not re.fullmatch(r"https?://[^\s\"'<>]+/", settings.site_url):
        raise InitError(f"--site-url {settings.site_url!r} must be an http(s) address "
                        "ending in '/' (the address the site will be published at)")
    if not settings.title.strip() or "\n" in settings.title:
        raise InitError("--title must be one line of text")
    if settings.locale not in LOCALES:
        raise InitError(f"--locale {settings.locale!r}: the starter pages are written in "
                        f"{', '.join(LOCALES)}; start in one of these and translate them")


def requirements(settings: Settings) -> list[str]:
    """What CI and the hook install: the tool's pin, then its locked dependencies.

    >>> pins = requirements(Settings(requirement="factcheck-site==0.1.0"))
    >>> pins[0], any(pin.startswith("pyyaml==") for pin in pins)
    ('factcheck-site==0.1.0', True)
    """
    text = (STARTER / "requirements.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return [settings.requirement if line == "@@REQUIREMENT@@" else line
            for line in lines if line and not line.startswith("#")]


def fill(text: str, settings: Settings) -> str:
    """Replace the ``@@NAME@@`` placeholders of one starter file.

    YAML and shell get quoted values; Markdown gets the title as typed. A value of
    several lines (the hook's list of requirements) keeps the placeholder's indent.

    >>> fill('site_name: @@TITLE_YAML@@', Settings(title='Checks: "2024"'))
    'site_name: "Checks: \\\\"2024\\\\""'
    """
    def value(match: re.Match) -> str:
        indent = match.start() - text.rfind("\n", 0, match.start()) - 1
        return values[match.group(0)].replace("\n", "\n" + " " * indent)

    values = {
        "@@HOOK_REQUIREMENTS_YAML@@": "\n".join(f"- {json.dumps(r)}"
                                                for r in requirements(settings)),
        "@@REQUIREMENT@@": settings.requirement,
        "@@TITLE@@": settings.title,
        "@@TITLE_YAML@@": json.dumps(settings.title, ensure_ascii=False),
        "@@SITE_URL@@": settings.site_url,
        "@@REQUIREMENT_SHELL@@": shlex.quote(settings.requirement),
        "@@DISTRIBUTION@@": DISTRIBUTION,
        "@@LOCALE@@": settings.locale,
        "@@LANGUAGE@@": settings.locale,
    }
    return PLACEHOLDER.sub(value, text)


def localized(packaged: str, locale: str) -> str:
    """The starter file in the site's language: the pages readers see are written
    in each shipped locale (``content/es/index.md``); the rest are for editors.

    >>> localized("content/index.md", "es"), localized("mkdocs.yml", "es")
    ('content/es/index.md', 'mkdocs.yml')
    """
    if locale != "en" and packaged in PAGES:
        return packaged.replace("content/", f"content/{locale}/", 1)
    return packaged


def planned_files(settings: Settings) -> dict[str, str]:
    """Every file init writes, relative path -> text."""
    from generator.checker.schema import json_schema

    files = {target: fill((STARTER / localized(packaged, settings.locale))
                          .read_text(encoding="utf-8"), settings)
             for packaged, target in FILES}
    files[SCHEMA_FILE] = json.dumps(json_schema(), indent=2) + "\n"
    files[STORY_SCHEMA_FILE] = json.dumps(json_schema("included"), indent=2) + "\n"
    return files


def init(folder: Path, settings: Settings) -> list[str]:
    """Write a new publication into ``folder``; return the files written.

    Raises :class:`InitError`, having written nothing, if any target exists.
    """
    validate(settings)
    files = planned_files(settings)
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} exists and is not a folder")
    taken = sorted(rel for rel in files if (folder / rel).exists() or
                   (folder / rel).is_symlink())
    if taken:
        raise InitError(f"{folder} already has {', '.join(taken)}; init never overwrites "
                        "a file: move them away, or choose another folder")
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return list(files)


def run(args: argparse.Namespace) -> int:
    """The ``init`` subcommand: 0 written; refused: :class:`InitError` (exit 2)."""
    folder = Path(args.folder)
    settings = Settings(args.title, args.site_url, args.requirement or default_requirement(),
                        args.locale)
    try:
        written = init(folder, settings)
    except OSError as exc:
        raise InitError(f"init: cannot write in {folder}: {exc.strerror or exc}") from exc
    print(f"Created a publication in {folder} ({len(written)} files; CI and the "
          f"pre-commit hook install {settings.requirement} and the versions of its "
          "dependencies it was tested with, from requirements.txt).")
    print("Next, there: factcheck check --strict, then mkdocs build --strict "
          "(README.md says what to fill in).")
    return 0


def add_command(commands) -> None:
    """Register ``init`` on the CLI's subcommands (``commands`` from add_subparsers)."""
    parser = commands.add_parser(
        "init", help="start a new publication in a folder",
        description="Write a new publication into FOLDER: mkdocs.yml, claims.yaml with a "
        "verdict scale and one example source, an example story (a draft) with one "
        "claim, the front page, methodology and "
        "corrections pages to fill in, a GitHub workflow and a pre-commit hook that "
        "install this tool at a pinned version, and a README. Never overwrites a file.")
    parser.add_argument("folder", nargs="?", default=".", metavar="FOLDER",
                        help="where to create it (default: the current folder)")
    parser.add_argument("--title", default=Settings.title,
                        help=f"the site's name (default: {Settings.title!r})")
    parser.add_argument("--site-url", default=Settings.site_url,
                        help="the address it will be published at, ending in '/' "
                        f"(default: a placeholder, {Settings.site_url})")
    parser.add_argument("--locale", default="en", metavar="LOCALE",
                        help="the site's language, for the pages readers see and the "
                        f"theme's words: one of {', '.join(LOCALES)} (default: en)")
    parser.add_argument("--requirement", metavar="SPEC",
                        help="what CI and the hook install (default: this version, "
                        f"pinned: {DISTRIBUTION}==VERSION; a wheel's URL works too)")
    parser.set_defaults(run=run)
