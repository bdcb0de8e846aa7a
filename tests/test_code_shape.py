"""The package stays readable: no class over 250 lines, no function over 60, no module
over 500; four parts that import only what they may.

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


# -- the package's parts and what each may import ----------------------------------

PARTS = ("checker", "site", "editor", "capture")
# part -> the parts it must never import (the top: cli.py, gcpolicy.py, may use all)
FORBIDDEN = {
    "checker": {"site", "editor", "capture"},
    "site": {"editor"},
    "capture": {"editor"},
    "editor": set(),
}
# libraries a part must never import: `factcheck check` stays light and MkDocs-free
FORBIDDEN_LIBRARIES = {"checker": {"mkdocs", "jinja2", "markupsafe", "properdocs"}}
MAX_MODULE_LINES = 500
MAX_TOP_MODULES = 8


def imported(source: str, module: str) -> set[str]:
    """Every module ``source`` imports, anywhere in it (functions too), absolute.

    >>> sorted(imported("from . import a\\nimport yaml\\ndef f():\\n    from ..x import y\\n",
    ...                 "generator.checker.load"))
    ['generator.checker.a', 'generator.x', 'yaml']
    """
    package = module.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if node.module is None:
                out |= {f"{name}.{alias.name}" for alias in node.names}
            else:
                out.add(name)
    return out


def part_of(module: str) -> str | None:
    """``generator.site.render`` -> ``site``; the package's top modules -> None."""
    bits = module.split(".")
    return bits[1] if len(bits) > 2 and bits[0] == "generator" and bits[1] in PARTS else None


def crossings(modules: dict[str, str]) -> list[str]:
    """``importer -> imported`` for every import a part may not make.

    >>> crossings({"generator.checker.check": "from generator.site import render",
    ...            "generator.site.render": "from generator.checker import model"})
    ['generator.checker.check -> generator.site']
    >>> crossings({"generator.checker.x": "import jinja2"})
    ['generator.checker.x -> jinja2']
    """
    bad = []
    for module, source in sorted(modules.items()):
        part = part_of(module)
        if part is None:
            continue
        for name in sorted(imported(source, module)):
            target = part_of(name + ".x") if name.count(".") == 1 else part_of(name)
            if target in FORBIDDEN[part] or name.split(".")[0] in FORBIDDEN_LIBRARIES.get(
                    part, ()):
                bad.append(f"{module} -> {name}")
    return bad


def _modules() -> dict[str, str]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        out[name] = path.read_text(encoding="utf-8")
    return out


def test_each_part_imports_only_what_it_may():
    # the checker uses nothing of the site, the editor's commands or capture (nor
    # MkDocs or Jinja2); the site and capture use none of the editor's commands
    assert crossings(_modules()) == []


@pytest.mark.parametrize("module", sorted(p.relative_to(PACKAGE).as_posix()
                                          for p in PACKAGE.rglob("*.py")))
def test_no_module_over_500_lines(module):
    lines = (PACKAGE / module).read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{module}: {lines} lines; split it by concern"


def test_the_top_of_the_package_holds_only_its_entry_points_and_parts():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(PARTS)
