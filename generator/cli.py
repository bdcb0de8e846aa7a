"""The ``factcheck`` command line. Thin: parse arguments, call the core, print.

Kept light on purpose: ``factcheck check`` runs in pre-commit on every commit, so
nothing here imports MkDocs or Jinja2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import report
from .check import ClaimsFileError, check_file

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments: exit status 2 with a message, never a traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would call sys.exit(2) itself
        raise UsageError(f"{self.prog}: {message}")


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        result = check_file(args.claims)
    except ClaimsFileError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return EXIT_USAGE
    text = result.project.text if result.project else _read_quietly(args.claims)
    print(report.FORMATS[args.format](result.findings, result.summary, text), end="")
    if args.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
            handle.write(report.step_summary(result.findings, result.summary))
    failing = result.summary.errors + (result.summary.warnings if args.strict else 0)
    return EXIT_FINDINGS if failing else EXIT_OK


def _read_quietly(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck",
                     description="Verify the quotes in claims.yaml and more.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     parser_class=_Parser)
    check = commands.add_parser("check", help="verify every citation in claims.yaml")
    check.add_argument("claims", nargs="?", default="claims.yaml", metavar="CLAIMS",
                       help="the claims file (default: claims.yaml)")
    check.add_argument("--format", choices=sorted(report.FORMATS), default="text",
                       help="output format (default: text)")
    check.add_argument("--strict", action="store_true",
                       help="fail on warnings too")
    check.set_defaults(run=_cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit status: 0 clean, 1 findings, 2 could not run.

    >>> main(["check", "/no/such/claims.yaml"])
    2
    """
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
        return args.run(args)
    except UsageError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
