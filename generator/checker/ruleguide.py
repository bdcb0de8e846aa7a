"""The rule catalogue in words: the ``check --help`` listing and the editors' guide.

The guide's "Rule codes" section is generated from :data:`~generator.checker.rules.RULES`
between two markers; a test keeps the committed guide equal to it. To refresh it:
``python -m generator.checker.ruleguide content/editors-guide.md``.
"""

from __future__ import annotations

import re
import sys

from generator.checker.rules import RULES

# -- the rules in words: help listing and the editors' guide ----------------------

def help_listing() -> str:
    """The rules for ``factcheck check --help``: code, severity, summary."""
    width = max(len(code) for code in RULES)
    return "rules:\n" + "\n".join(
        f"  {rule.code:<{width}}  {rule.severity.value:<7}  {rule.summary}"
        for rule in RULES.values())


GUIDE_START = "<!-- rules: generated from generator/checker/rules.py; edit there -->"
GUIDE_END = "<!-- end of rules -->"


def guide_section() -> str:
    """The editors' guide's rule reference, in Markdown, one heading per rule."""
    out = [GUIDE_START, ""]
    for rule in RULES.values():
        out += [f"### `{rule.code}` ({rule.severity.value})", "", rule.description, ""]
        if rule.example:
            out += [f"```{rule.example_lang}", rule.example, "```", ""]
        out += [f"**Fix:** {rule.fix}", ""]
    out.append(GUIDE_END)
    return "\n".join(out)


_SECTION = re.compile(re.escape(GUIDE_START) + ".*?" + re.escape(GUIDE_END), re.S)


def update_guide(text: str) -> str:
    """``text`` with its generated rule section replaced by the catalogue's."""
    return _SECTION.sub(lambda _: guide_section(), text, count=1)


if __name__ == "__main__":  # python -m generator.checker.ruleguide content/editors-guide.md
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as handle:
            old = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(update_guide(old))
