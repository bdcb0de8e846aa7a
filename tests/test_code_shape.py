"""The package stays readable: no class over 250 lines, no function over 60.

Measured with ``ast`` from a definition's first line to its last (docstring and
comments included, decorators not), over every module of generator/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
LIMITS = {ast.ClassDef: 250, ast.FunctionDef: 60, ast.AsyncFunctionDef: 60}


def too_long(source: str) -> list[tuple[str, int]]:
    """(name, lines) of every definition over its limit.

    >>> too_long("def f():\\n" + "    x = 1\\n" * 60)
    [('f', 61)]
    >>> too_long("class C:\\n    def g(self):\\n        return 1\\n")
    []
    """
    out = []
    for node in ast.walk(ast.parse(source)):
        limit = LIMITS.get(type(node))
        if limit is not None:
            lines = node.end_lineno - node.lineno + 1
            if lines > limit:
                out.append((node.name, lines))
    return out


@pytest.mark.parametrize("module", sorted(p.relative_to(PACKAGE).as_posix()
                                          for p in PACKAGE.rglob("*.py")))
def test_no_class_over_250_lines_and_no_function_over_60(module):
    assert too_long((PACKAGE / module).read_text(encoding="utf-8")) == []


def test_the_measure_catches_a_long_class():
    body = "".join(f"    def m{i}(self):\n        return {i}\n" for i in range(130))
    assert too_long("class Big:\n" + body) == [("Big", 261)]
