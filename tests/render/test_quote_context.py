"""The words around a quote on a claim page: its own sentence(s), split by the
same rules as find, suggest and the fair-quotation lint use."""

from __future__ import annotations

import pytest

from generator.site.highlight import context


def shown(text: str, *quotes: str) -> str:
    pieces = [(text.index(q), text.index(q) + len(q)) for q in quotes]
    parts = context(text, (0, len(text)), pieces)
    return "".join(f"[{p.text}]" if p.marked else p.text for p in parts)


@pytest.mark.parametrize("text, quotes, expected", [
    ("First one. The army said 300 soldiers crossed. Then more.", ["300 soldiers"],
     "The army said [300 soldiers] crossed."),
    # a whole sentence is shown alone (the old splitter added the next sentence
    # when a quote ended on its full stop, and not when it ended a word earlier)
    ("Officials said it was calm. Critics said it was not.", ["Officials said it was calm."],
     "[Officials said it was calm.]"),
    ("Officials said it was calm. Critics said it was not.", ["Officials said it was calm"],
     "[Officials said it was calm]."),
    # a title does not end the sentence before the quote
    ("Despite Mr. Smirnov's order, troops advanced. Then more.", ["troops advanced"],
     "Despite Mr. Smirnov's order, [troops advanced]."),
    ("He wrote: “It is calm.” Then he left.", ["It is calm."], "He wrote: “[It is calm.]”"),
    ("One. The army said 300 soldiers crossed. Then more.", ["300", "crossed"],
     "The army said [300] soldiers [crossed]."),
])
def test_a_quote_is_shown_in_its_sentence(text, quotes, expected):
    assert shown(text, *quotes) == expected


def test_the_context_stays_inside_the_paragraph():
    text = "A headline\n\nThe army said 300 soldiers crossed."
    start = text.index("The")
    parts = context(text, (start, len(text)), [(text.index("300"), text.index(" crossed"))])
    assert "".join(p.text for p in parts) == "The army said 300 soldiers crossed."
