"""A Babel extraction method for the rule catalogue's summaries.

The methodology page's table of checks (generator/site/handwritten.py) shows each
rule's ``summary`` to readers, in the site's language. The summaries are declared
once, in generator/checker/rules.py, which must not import the site (nor mark
strings for it). So ``make catalogs`` reads them from there with this method,
named in babel.cfg::

    [extractors]
    rules = generator.site.babelrules:extract_summaries
    [rules: generator/checker/rules.py]

The file is parsed, never imported: every ``Rule(...)`` call's summary (its third
argument, or ``summary=``) becomes a message, with the rule's code as a comment for
the translator.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator


def _literal(node: ast.AST | None) -> str | None:
    if node is None:
        return None
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def _argument(call: ast.Call, position: int, name: str) -> ast.AST | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == name), None)


def rule_summaries(source: str) -> Iterator[tuple[int, str, str]]:
    """(line, code, summary) of every ``Rule(...)`` written in ``source``.

    >>> list(rule_summaries('A = Rule("a-b", ERROR, "Says " "what", "d", "f")'))
    [(1, 'a-b', 'Says what')]
    """
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "Rule"):
            continue
        summary = _literal(_argument(node, 2, "summary"))
        if summary:
            code = _literal(_argument(node, 0, "code")) or "?"
            yield node.lineno, code, summary


def extract_summaries(fileobj, keywords, comment_tags, options):
    """Babel's extraction interface: (line, function, message, comments) per summary."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, code, summary in rule_summaries(source):
        yield line, None, summary, [
            f"What the check `{code}` reports, in the methodology's table of checks."]
