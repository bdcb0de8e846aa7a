"""Severities as a project sets them, and the counts a summary gives.

A rule's default severity is in the catalogue (generator/checker/rules.py); a project
may raise a warning or information to an error, or switch it off, under ``rules:``
in claims.yaml. :func:`apply_severities` is that post-pass over a check's findings;
:func:`summarize` counts what is left.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from generator.checker.model import Finding, Severity, Summary
from generator.checker.rules import ERROR, INFO, WARNING

OFF = "off"


def apply_severities(findings: list[Finding], severities: Mapping[str, str]
                     ) -> list[Finding]:
    """Findings with each rule's severity as a project configured it.

    ``severities`` maps a rule code to ``error``, ``warning`` or ``off`` (dropped);
    rules it does not name keep their default.

    >>> from generator.checker.rules import QUOTE_TOO_SHORT
    >>> f = QUOTE_TOO_SHORT.finding("c.yaml", None, "short")
    >>> [x.severity.value for x in apply_severities([f], {"quote-too-short": "error"})]
    ['error']
    >>> apply_severities([f], {"quote-too-short": "off"})
    []
    """
    out = []
    for finding in findings:
        level = severities.get(finding.code)
        if level == OFF:
            continue
        if level is not None and level != finding.severity.value:
            finding = replace(finding, severity=Severity(level))
        out.append(finding)
    return out


def summarize(findings: list[Finding], summary: Summary) -> Summary:
    """``summary`` with its error, warning and information counts taken from
    ``findings``."""
    return replace(summary, errors=sum(f.severity is ERROR for f in findings),
                   warnings=sum(f.severity is WARNING for f in findings),
                   info=sum(f.severity is INFO for f in findings))
