"""Output formats for findings: each a small pure function from findings to text.

``text`` is for people at a terminal, ``github`` for pull-request annotations,
``json`` is the public shape in docs/reference.md, ``sarif`` is SARIF 2.1.0 for
code-scanning tools, and ``step_summary`` is the Markdown report GitHub shows on a workflow run.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping

from generator.checker.model import Finding, Loc, Severity, Summary
from generator.checker.rules import RULES
from generator.checker.wording import plural


def summary_line(summary: Summary) -> str:
    """One sentence that closes the text report.

    >>> summary_line(Summary(claims=2, citations=5, verified=4, errors=1, warnings=0))
    'Found 1 error and 0 warnings in 2 claims (4 of 5 citations verified).'
    >>> summary_line(Summary(claims=1, citations=1, verified=1))
    'All clear: 1 claim, 1 of 1 citation verified.'
    >>> summary_line(Summary(claims=1, citations=1, verified=1, info=2))
    'All clear: 1 claim, 1 of 1 citation verified; 2 notes for information.'
    >>> summary_line(Summary(errors=1))  # the file did not load: no claim was checked
    'Found 1 error and 0 warnings; no claim was checked: fix it first.'
    """
    if summary.errors and not (summary.claims or summary.citations):
        return (f"Found {plural(summary.errors, 'error')} and "
                f"{plural(summary.warnings, 'warning')}; no claim was checked: "
                f"fix {'it' if summary.errors == 1 else 'them'} first.")
    notes = f"; {plural(summary.info, 'note')} for information" if summary.info else ""
    if summary.errors or summary.warnings:
        return (f"Found {plural(summary.errors, 'error')} and "
                f"{plural(summary.warnings, 'warning')} in {plural(summary.claims, 'claim')} "
                f"({summary.verified} of {summary.citations} citations verified){notes}.")
    return (f"All clear: {plural(summary.claims, 'claim')}, "
            f"{summary.verified} of {plural(summary.citations, 'citation')} verified{notes}.")


def _snippet(finding: Finding, lines: list[str]) -> list[str]:
    """The offending YAML line with carets under the value, like ruff."""
    loc = finding.loc
    if not 1 <= loc.line <= len(lines):
        return []
    line = lines[loc.line - 1].rstrip("\r\n")
    if loc.end_line == loc.line:
        width = max(1, loc.end_column - loc.column)
    else:
        width = max(1, len(line) - loc.column + 1)
    gutter = " " * len(str(loc.line))
    return [f" {gutter} |",
            f" {loc.line} | {line}",
            f" {gutter} | {' ' * (loc.column - 1)}{'^' * width}"]


def _lines_by_path(text: str | Mapping[str, str]) -> Callable[[str], list[str]]:
    """The lines of each claims file by its name; a lone text serves every finding."""
    if isinstance(text, str):
        lines = text.splitlines()
        return lambda path: lines
    cache: dict[str, list[str]] = {}

    def lines_of(path: str) -> list[str]:
        if path not in cache:
            cache[path] = text.get(path, "").splitlines()
        return cache[path]
    return lines_of


def finding_blocks(findings: list[Finding],
                   text: str | Mapping[str, str] = "") -> list[str]:
    """Each finding as the text report shows it, without the blank line after it.

    Each file is split into lines once for all the findings in it (a preview
    logs thousands of warnings of one big file on every rebuild).

    >>> from generator.checker.model import Severity
    >>> f = Finding("c.yaml", Loc(1, 4, 1, 6), Severity.WARNING, "x", "head\\ntip")
    >>> print(finding_blocks([f], "a: bc\\n")[0])
    c.yaml:1:4: warning[x] head
      |
    1 | a: bc
      |    ^^
      = tip
    """
    lines_of = _lines_by_path(text)
    out: list[str] = []
    for f in findings:
        head, *rest = f.message.split("\n")
        block = [f"{f.path}:{f.loc.line}:{f.loc.column}: {f.severity.value}[{f.code}] {head}"]
        block.extend(_snippet(f, lines_of(f.path)))
        block.extend(f"  = {line}" for line in rest)
        out.append("\n".join(block))
    return out


def format_text(findings: list[Finding], summary: Summary,
                text: str | Mapping[str, str] = "") -> str:
    """``path:line:col: severity[code] message``, the YAML line with a caret, a summary.

    ``text`` maps each claims file's name to its text (``Project.texts``), so a
    finding in a story file shows that file's line; a plain string is one file's.
    """
    blocks = finding_blocks(findings, text)
    return "".join(block + "\n\n" for block in blocks) + summary_line(summary) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


# GitHub's workflow commands: error, warning, notice; SARIF's levels: error, warning, note.
GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_github(findings: list[Finding], summary: Summary, text: str = "") -> str:
    """GitHub workflow commands, escaped as the Actions toolkit does.

    A quote can hold ``::`` or newlines; escaping keeps it from starting a command.

    >>> from generator.checker.model import Loc
    >>> from generator.checker.model import Severity
    >>> f = Finding("c.yaml", Loc(2, 3, 2, 9), Severity.ERROR, "schema", "bad\\n::stop::")
    >>> print(format_github([f], Summary()).splitlines()[0])
    ::error file=c.yaml,line=2,col=3,endLine=2,endColumn=9,title=schema::bad%0A::stop::
    """
    out = []
    for f in findings:
        props = {"file": f.path, "line": f.loc.line, "col": f.loc.column,
                 "endLine": f.loc.end_line, "endColumn": f.loc.end_column,
                 "title": f.code}
        joined = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
        out.append(f"::{GITHUB_LEVEL[f.severity]} {joined}::{_escape_data(f.message)}")
    out.append(summary_line(summary))
    return "\n".join(out) + "\n"


def to_json(findings: list[Finding], summary: Summary) -> dict:
    """The JSON object of docs/reference.md: findings and a summary."""
    return {
        "findings": [{
            "path": f.path, "line": f.loc.line, "column": f.loc.column,
            "end_line": f.loc.end_line, "end_column": f.loc.end_column,
            "severity": f.severity.value, "code": f.code, "message": f.message,
            "claim": f.claim, "citation": f.citation, "suggestion": f.suggestion,
        } for f in findings],
        "summary": {"claims": summary.claims, "citations": summary.citations,
                    "verified": summary.verified, "errors": summary.errors,
                    "warnings": summary.warnings, "info": summary.info},
    }


def format_json(findings: list[Finding], summary: Summary, text: str = "") -> str:
    return json.dumps(to_json(findings, summary), indent=2, ensure_ascii=False) + "\n"


def fingerprint(f: Finding) -> str:
    """Stable across unrelated edits: what the finding is about, not where it sits."""
    message = re.sub(r"\bline \d+|(?<=\.yaml):\d+|(?<=\.yml):\d+", "line",
                     f.message.split("\n")[0])
    subject = f"{f.code}\0{f.claim}\0{f.citation}\0{message}"
    return hashlib.sha256(subject.encode()).hexdigest()[:32]


def to_sarif(findings: list[Finding], version: str = "0",
             texts: Mapping[str, str] | str = "", site_url: str | None = None) -> dict:
    """SARIF 2.1.0: the rule catalogue as the tool's rules, each finding a result.

    ``texts`` (each claims file's text by name) gives every result the snippet of
    its region and of a few lines around it; ``site_url`` (the published site) gives
    the tool and each rule a link into the editors' guide there.
    """
    guide = f"{site_url.rstrip('/')}/editors-guide/" if site_url else None
    rules = []
    for rule in RULES.values():
        entry = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": " ".join(rule.description.split())},
            "help": {"text": rule.fix, "markdown": rule.fix},
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        }
        if guide:
            entry["helpUri"] = f"{guide}#{rule.anchor}"
        rules.append(entry)
    lines_of = _lines_by_path(texts)
    results = []
    for f in findings:
        location = {"artifactLocation": {"uri": f.path.replace("\\", "/")}}
        if f.loc.line:
            location["region"] = _region(f.loc, lines_of(f.path))
            context = _context_region(f.loc, lines_of(f.path))
            if context:
                location["contextRegion"] = context
        result = {
            "ruleId": f.code,
            "ruleIndex": RULES.index(f.code),
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"factcheckFinding/v1": fingerprint(f)},
        }
        if f.claim is not None:
            result["properties"] = {"claim": f.claim, "citation": f.citation}
        results.append(result)
    driver = {"name": "factcheck", "version": version, "rules": rules}
    if guide:
        driver["informationUri"] = guide
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            # Columns count characters (code points), as every other format does.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


CONTEXT_LINES = 2  # lines of the claims file shown around a finding


def _region(loc: Loc, lines: list[str]) -> dict:
    """The finding's region, with the text it covers when the file is at hand."""
    region = {"startLine": loc.line, "startColumn": loc.column,
              "endLine": loc.end_line, "endColumn": loc.end_column}
    if 0 < loc.line <= loc.end_line <= len(lines):
        if loc.line == loc.end_line:
            text = lines[loc.line - 1][loc.column - 1:loc.end_column - 1]
        else:
            text = "\n".join([lines[loc.line - 1][loc.column - 1:],
                              *lines[loc.line:loc.end_line - 1],
                              lines[loc.end_line - 1][:loc.end_column - 1]])
        if text:
            region["snippet"] = {"text": text}
    return region


def _context_region(loc: Loc, lines: list[str]) -> dict | None:
    """Whole lines around the finding, for a viewer that shows where it sits."""
    if not 0 < loc.line <= len(lines):
        return None
    first = max(1, loc.line - CONTEXT_LINES)
    last = min(len(lines), max(loc.line, loc.end_line) + CONTEXT_LINES)
    return {"startLine": first, "endLine": last,
            "snippet": {"text": "\n".join(lines[first - 1:last]) + "\n"}}


def format_sarif(findings: list[Finding], summary: Summary,
                 text: str | Mapping[str, str] = "", site_url: str | None = None) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("factcheck-site")
    except PackageNotFoundError:
        ours = "0"
    return json.dumps(to_sarif(findings, ours, text, site_url), indent=2,
                      ensure_ascii=False) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>|#!~&])")


def md_text(text: str | None) -> str:
    """Editor text made inert for Markdown: one line, markup escaped, no mentions.

    For step summaries and pull-request comments. A zero-width joiner after ``@``
    keeps ``@name`` from notifying anybody, and one after ``#`` before a digit keeps
    ``#12`` from linking an issue.

    >>> md_text("<b>x</b> | @editor #12")
    '\\\\<b\\\\>x\\\\</b\\\\> \\\\| @\\u200deditor \\\\#\\u200d12'
    """
    if text is None:
        return ""
    out = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return re.sub(r"#(?=\d)", "#\u200d", out.replace("@", "@\u200d"))


def findings_table(findings: list[Finding]) -> list[str]:
    """The findings as the lines of a Markdown table, every message made inert."""
    rows = ["| Location | Severity | Rule | Message |", "|---|---|---|---|"]
    rows += [f"| {md_text(f.path)}:{f.loc.line}:{f.loc.column} | {f.severity.value} | "
             f"`{f.code}` | {md_text('; '.join(f.message.splitlines()))} |"
             for f in findings]
    return rows


def step_summary(findings: list[Finding], summary: Summary) -> str:
    """A Markdown report for ``$GITHUB_STEP_SUMMARY``: every finding, not just ten."""
    out = ["## Citation check", "", summary_line(summary), ""]
    if findings:
        out += findings_table(findings)
    return "\n".join(out) + "\n"


FORMATS = {"text": format_text, "github": format_github, "json": format_json,
           "sarif": format_sarif}
