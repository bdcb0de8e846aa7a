"""The parts of hand-written pages that the project already defines, generated.

A methodology page that copies the verdict scale or the list of automated checks
drifts from them at the next edit of claims.yaml or of the rule catalogue. So a
hand-written page writes a placeholder instead, on a line of its own, and the
plugin fills it when it builds the page:

``<!-- factcheck: verdicts -->``
    the verdict scale as a table: label, rating, meaning (each verdict's
    ``description``), and the evidence it requires (``expects``, ``requires``);
``<!-- factcheck: rules -->``
    the rule catalogue as a table: what each check reports, and whether it stops
    publication (error), stops a strict build (warning) or is information.

Pure: text and project in, Markdown out. Editors' text is escaped, never rendered:
a verdict's description is plain text in claims.yaml.
"""

from __future__ import annotations

import html
import re

from generator.checker.check import expected_stance
from generator.checker.model import Project
from generator.checker.rules import RULES
from generator.checker.wording import plural

PLACEHOLDER = re.compile(r"^<!--\s*factcheck:\s*(\w+)\s*-->[ \t]*$", re.M)
_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!~])")

SEVERITY_WORDS = {"error": "stops publication", "warning": "stops publication until an "
                  "editor resolves it", "info": "for information"}


def cell(text: str) -> str:
    """Editor text as one inert Markdown table cell.

    >>> cell("a | <b>*x*</b>\\nnext")
    'a \\\\| &lt;b&gt;\\\\*x\\\\*&lt;/b&gt; next'
    """
    return _SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def requirement(project: Project, verdict_id: str) -> str:
    """The evidence a verdict asks for, in words.

    >>> from generator.checker.model import Verdict
    >>> p = Project("c.yaml", ".", [Verdict("a", "A", 2, requires={"origins": 2}),
    ...                             Verdict("b", "B", 1)], [], [])
    >>> requirement(p, "a"), requirement(p, "b")
    ('support from at least 2 independent origins', 'at least one contradicting citation')
    """
    verdict = project.verdict(verdict_id)
    origins = verdict.requires.get("origins", 0) if verdict is not None else 0
    stance = expected_stance(project, verdict_id)
    if origins:
        return f"support from at least {plural(origins, 'independent origin')}"
    if stance == "supports":
        return "at least one supporting citation"
    if stance == "contradicts":
        return "at least one contradicting citation"
    return "evidence of any stance"


def verdict_table(project: Project) -> str:
    """The scale, best first, as a Markdown table."""
    rows = ["| Verdict | Rating | Meaning | Evidence it requires |",
            "|---|---|---|---|"]
    for v in project.verdicts:
        rows.append(f"| **{cell(v.label)}** | {v.rating} | {cell(v.description or '')} | "
                    f"{requirement(project, v.id)} |")
    return "\n".join(rows)


def rule_table() -> str:
    """The rule catalogue as a Markdown table: code, what it reports, its effect."""
    rows = ["| Check | What it reports | Effect |", "|---|---|---|"]
    for rule in RULES.values():
        rows.append(f"| `{rule.code}` | {cell(rule.summary)} | "
                    f"{SEVERITY_WORDS[rule.severity.value]} |")
    return "\n".join(rows)


def fill(markdown: str, project: Project | None) -> str:
    """``markdown`` with each known placeholder replaced by what it stands for.

    >>> fill("Intro\\n<!-- factcheck: nothing -->\\n", None)
    'Intro\\n<!-- factcheck: nothing -->\\n'
    """
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name == "verdicts" and project is not None:
            return verdict_table(project)
        if name == "rules":
            return rule_table()
        return match.group()

    return PLACEHOLDER.sub(replace, markdown)
