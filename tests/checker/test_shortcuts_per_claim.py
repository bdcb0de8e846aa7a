"""Shortcuts of the per-claim work (quote matching, the claim lints, the prose's
draft) give what the long way gives: the same code with the shortcut turned off,
on generated input that mixes the characters the shortcut looks for."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab “”'\"\\\n\t\u00a0\u2028é…", max_size=40),
       st.sampled_from([None, "'", '"', "|", ">"]), st.sampled_from([8, 30, 80]),
       st.booleans(), st.lists(st.integers(-2, 45), min_size=1, max_size=3))
def test_a_value_read_as_itself_pairs_as_its_units_pair(value, style, width, respaced, at):
    import yaml

    from generator.checker import scalarpos
    from generator.checker.yamlsyntax import Loader

    text = yaml.safe_dump({"summary": value}, default_style=style, allow_unicode=True,
                          width=width)
    node = yaml.compose(text, Loader=Loader).value[0][1]
    raw = text[node.start_mark.index:node.end_mark.index]
    read = " ".join(node.value.split(" ")) + " " if respaced else node.value
    with mock.patch.object(scalarpos, "_read_raw",  # the long way: a unit per character
                           lambda raw: scalarpos._read(scalarpos._units(raw))):
        expected = scalarpos.value_spans_at(raw, read, at)
    assert scalarpos.value_spans_at(raw, read, at) == expected
