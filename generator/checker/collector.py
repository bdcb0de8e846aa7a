"""Gathering a check's findings: every problem kept, none stops the run."""

from __future__ import annotations

from generator.checker.model import Finding, Loc
from generator.checker.rules import Rule


class Collector:
    """Gathers the findings of one file; every problem is kept, none stops the run.

    >>> from generator.checker.rules import UNUSED_SOURCE
    >>> found = Collector("c.yaml")
    >>> found.add(UNUSED_SOURCE, None, "source `x` is not cited")
    >>> [(f.code, f.severity.value) for f in found.findings]
    [('unused-source', 'warning')]
    """

    def __init__(self, path: str):
        self.path = path
        self.findings: list[Finding] = []

    def add(self, rule: Rule, loc: Loc | None, message: str, *, path: str | None = None,
            **details) -> None:
        """``path``: the claims file ``loc`` is in, when not this collector's own."""
        self.findings.append(rule.finding(path or self.path, loc, message, **details))
