"""--fix on quotes written every way YAML's own emitter writes them: any style, any
line width. Whatever the layout, the quote comes back as the source's text and the
bytes around it do not move."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checker.check import check_project
from generator.checker.load import load_text
from generator.checker.normalize import FOLD
from generator.editor.fix import fix_text
from tests.examples import examples

WORDS = ["the", "governor", "said", "situation", "is", "under", "control", "and",
         "it", "was", "final", "point", "gas", "transit", "stable", "people", "3,000"]
CURLY = [ch for ch, plain in FOLD.items() if ch != "\u2026"]


@st.composite
def sentences(draw):
    """A source sentence with curly punctuation, and the same typed plainly."""
    parts = []
    for _ in range(draw(st.integers(4, 12))):
        word = draw(st.sampled_from(WORDS))
        if draw(st.booleans()):
            mark = draw(st.sampled_from(CURLY))
            word = draw(st.sampled_from([mark + word, word + mark, mark]))
        parts.append(word)
    source = " ".join(parts)
    typed = "".join(FOLD.get(ch, ch) for ch in source)
    return source, typed


HEAD = "# a comment\nsources:\n  - {id: s, file: s.txt, title: T}  # flow\nclaims:\n"


def document(quote_yaml: str) -> str:
    return (HEAD + "  - id: c\n    claim: x  # note\n    verdict: mixed\n    summary: y\n"
            "    citations:\n      - source: s\n        quote: " + quote_yaml +
            "        stance: context  # end\n")


@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sentences(), st.sampled_from([None, "'", '"', "|", ">"]), st.integers(20, 80))
def test_any_emitted_style_is_fixed_in_place(tmp_path, sentence, style, width):
    source, typed = sentence
    (tmp_path / "s.txt").write_text(f"Intro.\n\n{source}.\n", "utf-8")
    try:
        scalar = yaml.dump(typed, default_style=style, width=width, allow_unicode=True,
                           indent=4)
    except yaml.YAMLError:
        return
    scalar = scalar.removesuffix("...\n")
    scalar = "\n".join(("          " + line if i else line) if line else line
                       for i, line in enumerate(scalar.split("\n")))
    text = document(scalar.rstrip(" ") if scalar.endswith("\n") else scalar + "\n")
    project, findings = load_text(text, "claims.yaml", str(tmp_path))
    if project is None or findings or project.claims[0].citations[0].quote.strip() != typed:
        return  # the emitter's output does not fit this spot (e.g. `...` as a marker)
    result = check_project(project)
    normalized = [f for f in result.findings if f.code == "quote-normalized"]
    if not normalized:
        assert source == typed
        return
    fixed = fix_text(text, normalized)
    assert fixed.changed, fixed.skipped
    again, problems = load_text(fixed.text, "claims.yaml", str(tmp_path))
    assert problems == []
    assert again.claims[0].citations[0].quote.split() == source.split()
    assert not [f for f in check_project(again).findings if f.code == "quote-normalized"]
    start = text.index("        quote: ")
    end = text.index("        stance: context")
    assert fixed.text[:start] == text[:start]
    assert fixed.text.endswith(text[end:])
