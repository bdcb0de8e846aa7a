"""The ``factcheck`` command line. Thin: parse arguments, call the core, print.

Kept light on purpose: ``factcheck check`` runs in pre-commit on every commit, so
nothing here imports MkDocs or Jinja2.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence

from generator import gcpolicy
from generator.checker import cache_disk, report
from generator.checker.check import ClaimsFileError, check_file
from generator.checker.errors import CommandError
from generator.checker.ruleguide import help_listing
from generator.checker.rules import QUOTE_NORMALIZED
from generator.checker.wording import did_you_mean, plural
from generator.editor import scaffold

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
KEPT: list = []  # what a command made, kept for the end of the process (see _end)


class UsageError(CommandError):
    """Bad arguments: exit status 2 with a message, never a traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would call sys.exit(2) itself
        raise UsageError(f"{self.prog}: {message}")


def _cmd_check(args: argparse.Namespace) -> int:
    cache = None if args.no_cache else cache_disk.load(args.claims)
    result = check_file(args.claims, cache)
    KEPT.append((result, cache))  # freed by the end of the process, not here: see _end
    if cache is not None and result.project is not None:
        cache_disk.save(args.claims, cache)
    if args.fix and result.project is not None:
        result = _fix(args.claims, result)
    if args.format == "sarif":
        out = report.format_sarif(result.findings, result.summary, result.files,
                                  site_url=site_url_beside(args.claims))
    else:
        out = report.FORMATS[args.format](result.findings, result.summary, result.files)
    print(out, end="")
    if args.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
            handle.write(report.step_summary(result.findings, result.summary))
    failing = result.summary.errors + (result.summary.warnings if args.strict else 0)
    return EXIT_FINDINGS if failing else EXIT_OK


_SITE_URL = re.compile(r"""^site_url:[ \t]*["']?(https?://[^"'\s#]+)""", re.M)


def site_url_beside(claims: str) -> str | None:
    """``site_url`` from the mkdocs.yml next to claims.yaml, if there is one: SARIF
    links each rule to the editors' guide on the published site.

    Read with a pattern, not a YAML loader: mkdocs.yml may hold tags that only
    MkDocs understands, and nothing else in it matters here.
    """
    folder = os.path.dirname(os.path.abspath(claims))
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                found = _SITE_URL.search(handle.read())
        except (OSError, UnicodeDecodeError):
            continue
        return found.group(1) if found else None
    return None


def _fix(path: str, result):
    """Rewrite normalized quotes in each claims file that has them, say so on stderr,
    and check the fixed project again."""
    from generator.editor.fix import as_diff, fix_file

    changed = False
    for name in result.project.files:
        findings = [f for f in result.findings if f.path == name]
        if not any(f.code == QUOTE_NORMALIZED.code for f in findings):
            continue
        try:
            fixed = fix_file(name, findings, result.files.get(name))
        except OSError as exc:
            raise ClaimsFileError(f"cannot fix {name}: {exc.strerror or exc}") from exc
        for problem in fixed.skipped:
            print(f"factcheck: {name}: not fixed: {problem}", file=sys.stderr)
        if fixed.changed:
            changed = True
            before = result.files.get(name)
            if before is not None:
                print(as_diff(name, before, fixed.text), end="", file=sys.stderr)
            print(f"factcheck: fixed {plural(len(fixed.edits), 'quote')} in {name}",
                  file=sys.stderr)
    return check_file(path) if changed else result


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from generator.checker.schema import json_schema

    kind = "included" if args.included else "root"
    _write_output(json.dumps(json_schema(kind), indent=2) + "\n", args.output)
    return EXIT_OK


def _write_output(text: str, path: str | None, append: bool = False) -> None:
    """Print ``text``, or write it to ``path`` (``-`` or None: standard output)."""
    if path in (None, "-"):
        print(text, end="")
        return
    try:
        with open(path, "a" if append else "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _cmd_diff(args: argparse.Namespace) -> int:
    from generator.editor.diff import review

    text, unlogged = review(args.claims, args.base)
    _write_output(text, args.output, args.append)
    return EXIT_FINDINGS if unlogged else EXIT_OK


def _cmd_find(args: argparse.Namespace) -> int:
    from generator.editor.find import find, format_hits

    hits = find(args.claims, args.text, args.source)
    print(format_hits(hits, args.text), end="")
    return EXIT_OK if hits.exact or hits.close else EXIT_FINDINGS


def _cmd_add_source(args: argparse.Namespace) -> int:
    from generator.capture.add_source import Options, add_source

    options = Options(target=args.target, claims=args.claims, id=args.id,
                      title=args.title, language=args.language, directory=args.dir,
                      retrieved=args.retrieved,
                      recall=args.recall, timeout=args.timeout,
                      max_bytes=int(args.max_mb * 1024 * 1024), archive=args.archive,
                      archive_timeout=args.archive_timeout)
    outcome = add_source(options)
    print("\n".join(outcome.lines), file=sys.stderr if outcome.diff else sys.stdout)
    if outcome.diff:
        print(outcome.diff, end="")
    return EXIT_FINDINGS if outcome.status == "changed" else EXIT_OK


def _cmd_archive(args: argparse.Namespace) -> int:
    from generator.capture.archive import archive_sources

    archive_sources(args.claims, args.source or [], args.timeout)
    return EXIT_OK


def _add_archive(commands) -> None:
    # as generator/capture/archive.py names them (not imported: `check` stays light)
    access_env, secret_env, timeout = ("FACTCHECK_IA_ACCESS_KEY", "FACTCHECK_IA_SECRET_KEY",
                                       180.0)
    archive = commands.add_parser(
        "archive", help="have the Internet Archive keep a copy of each source's page",
        description="For every registered source with a `url` and no `archive` (or only "
        "those named with --source), ask the Internet Archive's Save Page Now for a copy "
        "of the page and record its address and day as the source's `archive` and "
        f"`archived`, keeping every comment. The keys come from {access_env} and "
        f"{secret_env}. A failure (no network, a refusal, no copy in time) stops the "
        "run with exit status 2, leaving that source's entry as it was.")
    archive.add_argument("--source", action="append", metavar="ID",
                         help="archive only this source (may be repeated)")
    _claims_option(archive)
    archive.add_argument("--timeout", type=_positive, default=timeout, metavar="SECONDS",
                         help=f"give up on a copy after this long (default: {timeout:g})")
    archive.set_defaults(run=_cmd_archive)


def _date_arg(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-08-07") from None


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number")
    return number


def _cmd_suggest(args: argparse.Namespace) -> int:
    from generator.checker.lints.hedges import WordLists
    from generator.editor.suggest import format_json, format_text, suggest

    result = check_file(args.claims)
    if result.project is None:
        raise CommandError(f"{args.claims} cannot be loaded; run `factcheck check` to "
                           "see why")
    claim = next((c for c in result.project.claims if c.id == args.claim), None)
    if claim is None:
        close = did_you_mean(args.claim, (c.id for c in result.project.claims))
        raise UsageError(f"no claim has the id `{args.claim}`"
                         + (f"; did you mean `{close}`?" if close else ""))
    found = suggest(result, claim, WordLists.merged(result.project.hedges), args.limit)
    print((format_json if args.format == "json" else format_text)(claim, found), end="")
    return EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from generator.checker.status import pending, status_json, status_text

    result = check_file(args.claims)
    if result.project is None:
        raise CommandError(f"{args.claims} cannot be loaded; run `factcheck check` to "
                           "see why")
    rows = pending(result)
    print((status_json if args.format == "json" else status_text)(rows), end="")
    return EXIT_OK


def _add_status(commands) -> None:
    status = commands.add_parser(
        "status", help="what is not yet published: drafts and claims in review",
        description="List every claim whose status (its own, else its story's) is "
        "draft or review: where it is, its story, who wrote it, who checks it "
        "(checked_by) and its open findings. The site publishes none of them.")
    status.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    _claims_option(status)
    status.set_defaults(run=_cmd_status)


def _claims_option(parser: argparse.ArgumentParser) -> None:
    """``--claims FILE``, the same on every command that reads a publication."""
    parser.add_argument("--claims", default="claims.yaml", metavar="FILE",
                        help="the claims file (default: claims.yaml)")


def package_version() -> str:
    """The installed distribution's version, or the source tree's when not installed."""
    from importlib import metadata

    try:
        return metadata.version("factcheck-site")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


class _Version(argparse.Action):
    """``--version``: the version looked up when asked for, not on every run: reading
    the installed metadata imports the e-mail package, which a check never needs."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {package_version()}")
        parser.exit()


def _add_suggest(commands) -> None:
    suggest = commands.add_parser(
        "suggest", help="passages of the sources a claim may have missed",
        description="Rank the sentences of every registered source by the claim's "
        "names, figures and terms, leave out those it already cites, and print the "
        "most relevant, hedged or contradicting ones first, each as a citation ready "
        "to paste (its stance a guess to confirm).")
    suggest.add_argument("claim", metavar="CLAIM_ID", help="the id of the claim")
    suggest.add_argument("--format", choices=("text", "json"), default="text",
                         help="output format (default: text)")
    suggest.add_argument("--limit", type=int, default=5, metavar="N",
                         help="how many passages at most (default: 5)")
    _claims_option(suggest)
    suggest.set_defaults(run=_cmd_suggest)


def _add_check(commands) -> None:
    check = commands.add_parser(
        "check", help="verify every citation in claims.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=help_listing() + "\n\nEach rule, with an example and the fix, is in the "
        "editors' guide (content/editors-guide.md).")
    check.add_argument("claims", nargs="?", default="claims.yaml", metavar="CLAIMS",
                       help="the claims file (default: claims.yaml)")
    check.add_argument("--format", choices=sorted(report.FORMATS), default="text",
                       help="output format (default: text)")
    check.add_argument("--strict", action="store_true",
                       help="fail on warnings too")
    check.add_argument("--fix", action="store_true",
                       help="rewrite quotes that matched only after normalization to "
                       "the source's exact text, changing nothing else in the file")
    check.add_argument("--no-cache", action="store_true",
                       help="check every claim again, ignoring (and not writing) the "
                       "results kept in ~/.cache/factcheck from the last check")
    check.set_defaults(run=_cmd_check)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck",
                     description="Verify the quotes in claims.yaml and more.")
    parser.add_argument("--version", action=_Version, nargs=0, default=argparse.SUPPRESS,
                        help="show the program's version number and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     parser_class=_Parser)
    _add_check(commands)

    schema = commands.add_parser("schema", help="print the JSON Schema of claims.yaml")
    schema.add_argument("-o", "--output", metavar="FILE",
                        help="write the schema to FILE instead of standard output")
    schema.add_argument("--included", action="store_true",
                        help="the schema of a story file that claims.yaml includes "
                        "(committed as story.schema.json)")
    schema.set_defaults(run=_cmd_schema)

    diff = commands.add_parser(
        "diff", help="summarize, in Markdown, what changed in claims.yaml since BASE",
        description="Compare claims.yaml with its version at BASE (read from git) and "
        "print a Markdown review: claims added, removed and edited, verdict changes, "
        "citations added and removed, and the check's findings. BASE defaults to the "
        "merge-base of HEAD with the default branch (origin/HEAD, origin/main, "
        "origin/master, main or master, the first that exists), else HEAD.")
    diff.add_argument("base", nargs="?", metavar="BASE",
                      help="git revision to compare with (e.g. the pull request's base sha)")
    _claims_option(diff)
    diff.add_argument("-o", "--output", metavar="FILE",
                      help="write the Markdown to FILE instead of standard output")
    diff.add_argument("--append", action="store_true",
                      help="with -o, append (as to $GITHUB_STEP_SUMMARY)")
    diff.set_defaults(run=_cmd_diff)

    find = commands.add_parser(
        "find", help="find a passage in the sources and print its exact text",
        description="Search the registered sources for TEXT (exactly, after the same "
        "normalization as quotes, else fuzzily) and print where it is with the "
        "source's exact text, ready to paste as a quote. Exit status 0 when found or "
        "something close was found, 1 when nothing close.")
    find.add_argument("text", metavar="TEXT", help="the words to look for")
    find.add_argument("--source", metavar="ID", help="search only this source")
    _claims_option(find)
    find.set_defaults(run=_cmd_find)
    for add in (_add_source_parser, _add_archive, scaffold.add_command,
                _add_suggest, _add_status):  # and init
        add(commands)
    return parser


def _add_source_parser(commands) -> None:
    add = commands.add_parser(
        "add-source", help="import a web page, PDF or text file as a source",
        description="Keep the original (a saved HTML page, a PDF, a text file, or an "
        "http(s) URL to fetch) in the project, extract the article's text once into "
        "the file quotes are verified against, and register the source in claims.yaml "
        "with the metadata the document states, its address, the retrieval date and "
        "the sha256 of both files. Comments in claims.yaml are kept. A source already "
        "registered (same id or URL) is never overwritten: the difference is printed "
        "instead (exit status 1 when the text changed).")
    add.add_argument("target", metavar="PATH_OR_URL",
                     help="a saved .html, .pdf or .txt file, or an http(s) address")
    add.add_argument("--id", help="the source's id (default: a slug of its title)")
    add.add_argument("--title", help="the title, when the document states none (or to "
                     "replace the one it states)")
    add.add_argument("--language", metavar="TAG", help="the text's language as a BCP 47 "
                     "tag (en, ru, pt-br), when the document does not declare it")
    add.add_argument("--dir", metavar="DIR", help="folder for the text, relative to "
                     "claims.yaml (default: where the registered sources are); the "
                     "original goes in DIR/archive/")
    add.add_argument("--retrieved", type=_date_arg, metavar="YYYY-MM-DD",
                     help="when a saved file was retrieved (a URL: today)")
    add.add_argument("--recall", action="store_true", help="keep more of a web page "
                     "when the article came out with paragraphs missing")
    _claims_option(add)
    add.add_argument("--timeout", type=_positive, default=30.0, metavar="SECONDS",
                     help="give up fetching after this long in all (default: 30)")
    add.add_argument("--max-mb", type=_positive, default=50.0, metavar="MB",
                     help="refuse originals larger than this (default: 50)")
    add.add_argument("--archive", action="store_true", help="also have the Internet "
                     "Archive keep a copy of the page (see `factcheck archive`); nothing "
                     "is written if it makes none")
    add.add_argument("--archive-timeout", type=_positive, default=180.0,
                     metavar="SECONDS", help="with --archive: give up on the copy after "
                     "this long (default: 180)")
    add.set_defaults(run=_cmd_add_source)


def _tolerant_streams() -> None:
    """A terminal that cannot show a character gets an escape, never a traceback.

    Findings quote claims.yaml and sources (Cyrillic, curly quotes); on an ASCII or
    cp1252 console, printing them would raise UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit status: 0 clean, 1 findings, 2 could not run.

    >>> main(["check", "/no/such/claims.yaml"])
    2
    """
    _tolerant_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(f"{exc}\n(see `factcheck --help`)", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print, then exit 0
        return int(exc.code or 0)
    if getattr(args, "run", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        with gcpolicy.for_command():
            status = args.run(args)
    except CommandError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        status = EXIT_USAGE
    if argv is None:  # the command line itself, not a caller in this process
        _end(status)
    KEPT.clear()
    return status


def _end(status: int) -> None:
    """End the process now, with ``status``, once what it printed is out.

    A check of a large archive leaves millions of objects (the project, every
    finding, the cache); freeing them one by one when the command returns, and
    again as the interpreter shuts down, took a tenth of a warm check's time, for
    memory the operating system takes back at once. Nothing is left to do then:
    the cache is written (by a rename) and any worker processes have ended. If
    the output cannot be flushed (a closed pipe), the interpreter ends as usual
    and reports it.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
