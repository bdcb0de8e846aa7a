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
a verdict's description is plain text in claims.yaml. The tables are in the site's
language (a :class:`~generator.site.i18n.Localizer`): their headings, the evidence
phrases, the built-in verdict scale and each rule's summary (declared in
generator/checker/rules.py, extracted by generator/site/babelrules.py); rule codes
stay as they are, and so do a newsroom's own verdict labels.
"""

from __future__ import annotations

import html
import re

from generator.checker.check import expected_stance
from generator.checker.model import Project
from generator.checker.rules import RULES
from generator.site.i18n import N_, Localizer, localized_scale

PLACEHOLDER = re.compile(r"^<!--\s*factcheck:\s*(\w+)\s*-->[ \t]*$", re.M)
_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!~])")

SEVERITY_WORDS = {"error": N_("stops publication"),
                  "warning": N_("stops publication until an editor resolves it"),
                  "info": N_("for information")}
ENGLISH = Localizer("en")


def cell(text: str) -> str:
    """Editor text as one inert Markdown table cell.

    >>> cell("a | <b>*x*</b>\\nnext")
    'a \\\\| &lt;b&gt;\\\\*x\\\\*&lt;/b&gt; next'
    """
    return _SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def requirement(project: Project, verdict_id: str, i18n: Localizer = ENGLISH) -> str:
    """The evidence a verdict asks for, in words, in the reader's language.

    >>> from generator.checker.model import Verdict
    >>> p = Project("c.yaml", ".", [Verdict("a", "A", 2, requires={"origins": 2}),
    ...                             Verdict("b", "B", 1)], [], [])
    >>> requirement(p, "a"), requirement(p, "b")
    ('support from at least 2 independent origins', 'at least one contradicting citation')
    >>> requirement(p, "a", Localizer("es"))
    'respaldo de al menos 2 orígenes independientes'
    """
    verdict = project.verdict(verdict_id)
    origins = verdict.requires.get("origins", 0) if verdict is not None else 0
    stance = expected_stance(project, verdict_id)
    if origins:
        return i18n.ngettext("support from at least %(num)s independent origin",
                             "support from at least %(num)s independent origins",
                             origins) % {"num": i18n.number(origins)}
    if stance == "supports":
        return i18n.gettext("at least one supporting citation")
    if stance == "contradicts":
        return i18n.gettext("at least one contradicting citation")
    return i18n.gettext("evidence of any stance")


def _header(*names: str) -> list[str]:
    return ["| " + " | ".join(cell(n) for n in names) + " |", "|---" * len(names) + "|"]


def verdict_table(project: Project, i18n: Localizer = ENGLISH) -> str:
    """The scale, best first, as a Markdown table (the built-in scale translated)."""
    scale = localized_scale(project, i18n)
    rows = _header(i18n.gettext("Verdict"), i18n.gettext("Rating"),
                   i18n.gettext("Meaning"), i18n.gettext("Evidence it requires"))
    for v in scale.verdicts:
        rows.append(f"| **{cell(v.label)}** | {i18n.number(v.rating)} | "
                    f"{cell(v.description or '')} | {cell(requirement(scale, v.id, i18n))} |")
    return "\n".join(rows)


def rule_table(i18n: Localizer = ENGLISH) -> str:
    """The rule catalogue as a Markdown table: code, what it reports, its effect.

    >>> rule_table(Localizer("de")).splitlines()[2].startswith("| `yaml-syntax` |")
    True
    """
    rows = _header(i18n.gettext("Check"), i18n.gettext("What it reports"),
                   i18n.gettext("Effect"))
    for rule in RULES.values():
        rows.append(f"| `{rule.code}` | {cell(i18n.gettext(rule.summary))} | "
                    f"{cell(i18n.gettext(SEVERITY_WORDS[rule.severity.value]))} |")
    return "\n".join(rows)


def fill(markdown: str, project: Project | None, i18n: Localizer = ENGLISH) -> str:
    """``markdown`` with each known placeholder replaced by what it stands for.

    >>> fill("Intro\\n<!-- factcheck: nothing -->\\n", None)
    'Intro\\n<!-- factcheck: nothing -->\\n'
    """
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name == "verdicts" and project is not None:
            return verdict_table(project, i18n)
        if name == "rules":
            return rule_table(i18n)
        return match.group()

    return PLACEHOLDER.sub(replace, markdown)
