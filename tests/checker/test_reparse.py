"""Parsing claims.yaml again only where it was edited gives the full parse, exactly.

generator/checker/reparse.py keeps each claim of claims.yaml as last loaded and, after an
edit, composes only the claims the edit fell in. Whatever an editor types, the
project (every value and every location) and the findings must be what a full
parse gives: a wrong location would send an editor to the wrong line, a stale
value would check a quote the editor changed. Hypothesis types random edits
(YAML's own characters among them: dashes, colons, quotes, indentation, comments,
block scalars) into real claims files and compares.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker.load import ParseMemo, load_text
from tests.examples import examples

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def _newsroom_claims() -> str:
    sys.path.insert(0, os.path.join(REPO, "bench"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    with tempfile.TemporaryDirectory() as tmp:
        generate.generate(tmp, claims=12, sources=6, seed=7)
        with open(os.path.join(tmp, "claims.yaml"), encoding="utf-8") as handle:
            return handle.read()


FILES = {
    "clean": open(os.path.join(HERE, "fixtures", "clean", "claims.yaml"),
                  encoding="utf-8").read(),
    "synthetic": _newsroom_claims(),
}


def deep(value):
    """Everything a loaded object holds, locations included (they compare False)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple((k, deep(v)) for k, v in sorted(vars(value).items())))
    if isinstance(value, dict):
        return tuple((k, deep(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(deep(v) for v in value)
    if isinstance(value, (str, int, float, bool, date)) or value is None:
        return value
    return repr(value)


def load(text: str, memo: ParseMemo | None):
    project, findings = load_text(text, "claims.yaml", "/nonexistent", memo=memo)
    return deep(project), deep(findings)


def edited(text: str, at: float, cut: int, insert: str) -> str:
    pos = int(at * len(text))
    return text[:pos] + insert + text[pos + cut:]


YAMLISH = st.lists(st.sampled_from(list("ab1 \n-:#'\"|>[]{},&*!?%@`\t")
                                   + ["\n  - ", "\n    ", "\n      ", "id: x",
                                      "summary: |", "  ", "\r\n"]),
                   max_size=6).map("".join)


@pytest.mark.parametrize("name", sorted(FILES))
@settings(max_examples=examples(150), deadline=None)
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), YAMLISH),
                      min_size=1, max_size=3))
def test_an_edited_file_loads_as_a_full_parse_loads_it(name, edits):
    text = FILES[name]
    memo = ParseMemo()
    load(text, memo)  # the layout of the original
    for at, cut, insert in edits:
        text = edited(text, at, cut, insert)
        assert load(text, memo) == load(text, None)


@pytest.mark.parametrize("name", sorted(FILES))
def test_an_edit_of_one_summary_composes_only_that_claim(name):
    text = FILES[name]
    memo = ParseMemo()
    first = load(text, memo)
    assert memo.reparsed == 0
    at = text.index("\n    summary:", len(text) // 2)
    line_end = text.index("\n", at + 1)
    if text[at:line_end].rstrip().endswith(("|", ">")):  # a block: its first line
        line_end = text.index("\n", line_end + 1)
    changed = text[:line_end] + " one more sentence." + text[line_end:]
    got = load(changed, memo)
    assert memo.reparsed == 1  # answered from the layout, not by a full parse
    assert got == load(changed, None) != first
    assert load(text, memo) == first and memo.reparsed == 2  # and back, also in part


def test_a_file_whose_claims_are_not_last_is_parsed_in_full():
    text = FILES["clean"]
    head, claims = text.split("\nclaims:\n", 1)
    reordered = "claims:\n" + claims.rstrip("\n") + "\n" + head + "\n"
    memo = ParseMemo()
    load(reordered, memo)
    assert load(reordered.replace("summary: ", "summary: x", 1), memo) == \
        load(reordered.replace("summary: ", "summary: x", 1), None)
    assert memo.reparsed == 0


def test_after_a_broken_edit_the_fix_is_parsed_in_part():
    text = FILES["synthetic"]
    memo = ParseMemo()
    load(text, memo)
    at = text.index("\n    verdict:", len(text) // 2) + 1
    broken = text[:at] + "  " + text[at:]  # a slip: the verdict indented too far
    assert load(broken, memo)[1]  # findings: it does not load
    fixed = text.replace("\n    summary: |\n", "\n    summary: |\n      Fixed.\n", 1)
    assert load(fixed, memo) == load(fixed, None)
    assert memo.reparsed == 1  # from the last good layout, not a full parse
