"""Inserting a source into claims.yaml: every layout an editor may have written.

Each case is the file before and after, byte for byte: the entry lands after the
last source, in the list's own indentation, and nothing else moves.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from generator.capture.registry_edit import RegistryEditError, add_fields, insert_source

FIELDS = {"id": "new", "file": "s/new.txt", "title": "A: title", "published": date(2024, 1, 2)}
COMMENT = ["imported"]

CASES = {
    "indented, comment on the last line": (
        "sources:\n  - id: a\n    file: a.txt  # typed up\nclaims: []\n",
        "sources:\n  - id: a\n    file: a.txt  # typed up\n  # imported\n  - id: new\n"
        "    file: s/new.txt\n    title: \"A: title\"\n    published: 2024-01-02\n"
        "claims: []\n",
    ),
    "flush left, blank lines between items": (
        "sources:\n- id: a\n  file: a.txt\n\n- id: b\n  file: b.txt\n\n# Claims\nclaims: []\n",
        "sources:\n- id: a\n  file: a.txt\n\n- id: b\n  file: b.txt\n\n# imported\n- id: new\n"
        "  file: s/new.txt\n  title: \"A: title\"\n  published: 2024-01-02\n\n# Claims\n"
        "claims: []\n",
    ),
    "wide gap after the dash": (
        "sources:\n    -   id: a\n        file: a.txt\nclaims: []\n",
        "sources:\n    -   id: a\n        file: a.txt\n    # imported\n    -   id: new\n"
        "        file: s/new.txt\n        title: \"A: title\"\n        published: 2024-01-02\n"
        "claims: []\n",
    ),
    "last item ends in a folded block, then a comment of its own": (
        "sources:\n  - id: a\n    title: >-\n      Long\n      title\n\n    # its note\n"
        "\n# Claims\nclaims: []\n",
        "sources:\n  - id: a\n    title: >-\n      Long\n      title\n\n    # its note\n"
        "  # imported\n  - id: new\n    file: s/new.txt\n    title: \"A: title\"\n"
        "    published: 2024-01-02\n\n# Claims\nclaims: []\n",
    ),
    "sources last, no newline at the end": (
        "claims: []\nsources:\n  - id: a",
        "claims: []\nsources:\n  - id: a\n  # imported\n  - id: new\n    file: s/new.txt\n"
        "    title: \"A: title\"\n    published: 2024-01-02\n",
    ),
    "empty flow list with a comment": (
        "sources: []  # none yet\nclaims: []\n",
        "sources:  # none yet\n  # imported\n  - id: new\n    file: s/new.txt\n"
        "    title: \"A: title\"\n    published: 2024-01-02\nclaims: []\n",
    ),
    "no sources yet (a claims.yaml that includes story files)": (
        "include: [stories/*.yaml]  # the stories\n",
        "include: [stories/*.yaml]  # the stories\nsources:\n  # imported\n  - id: new\n"
        "    file: s/new.txt\n    title: \"A: title\"\n    published: 2024-01-02\n",
    ),
    "windows line endings": (
        "sources:\r\n  - id: a\r\nclaims: []\r\n",
        "sources:\r\n  - id: a\r\n  # imported\r\n  - id: new\r\n    file: s/new.txt\r\n"
        "    title: \"A: title\"\r\n    published: 2024-01-02\r\nclaims: []\r\n",
    ),
}


@pytest.mark.parametrize("before, after", list(CASES.values()), ids=list(CASES))
def test_insertion(before, after):
    got = insert_source(before, FIELDS, COMMENT)
    assert got == after
    sources = yaml.safe_load(got)["sources"]
    assert sources[-1] == {**FIELDS}


@pytest.mark.parametrize("text, message", [
    ("sources: [{id: a, file: a.txt, title: t}]\nclaims: []\n", "flow list"),
    ("sources: {}\nclaims: []\n", "no `sources:` list"),
    ("sources: [\nclaims\n", "not valid YAML"),
])
def test_layouts_it_will_not_guess_at_give_the_entry_to_paste(text, message):
    with pytest.raises(RegistryEditError) as caught:
        insert_source(text, FIELDS, COMMENT)
    assert message in str(caught.value)
    if "valid YAML" not in message:
        assert "- id: new" in str(caught.value)


@pytest.mark.parametrize("title", ["yes", "- dash", "#hash", "a: b", "'quoted'", "line\nbreak",
                                   "trailing ", "«Все» — “all”", "null", "2024-01-02", "@at"])
def test_any_title_reads_back(title):
    got = insert_source("sources:\n  - id: a\nclaims: []\n", {"id": "n", "title": title}, [])
    assert yaml.safe_load(got)["sources"][-1]["title"] == title


ARCHIVED = {"archive": "https://web.archive.org/web/20240809101112/https://a.example/x",
            "archived": date(2024, 8, 9)}
LINES = ("archive: https://web.archive.org/web/20240809101112/https://a.example/x\n",
         "archived: 2024-08-09\n")

ADD_CASES = {
    "after the last field, its comment kept": (
        "sources:\n  - id: a\n    url: https://a.example/x  # the page\n  - id: b\n",
        "sources:\n  - id: a\n    url: https://a.example/x  # the page\n    {0}    {1}"
        "  - id: b\n"),
    "after a nested list": (
        "sources:\n- id: a\n  boilerplate:\n    - one\n    - two\n\n# Claims\nclaims: []\n",
        "sources:\n- id: a\n  boilerplate:\n    - one\n    - two\n  {0}  {1}\n# Claims\n"
        "claims: []\n"),
    "after a folded block": (
        "sources:\n  - id: a\n    title: >-\n      Long\n      title\n\nclaims: []\n",
        "sources:\n  - id: a\n    title: >-\n      Long\n      title\n    {0}    {1}\n"
        "claims: []\n"),
    "no newline at the end": (
        "sources:\n  - id: a\n    file: a.txt",
        "sources:\n  - id: a\n    file: a.txt\n    {0}    {1}"),
    "windows line endings": (
        "sources:\r\n  - id: a\r\n    file: a.txt\r\nclaims: []\r\n",
        "sources:\r\n  - id: a\r\n    file: a.txt\r\n    {0}    {1}claims: []\r\n"),
}


@pytest.mark.parametrize("before, after", list(ADD_CASES.values()), ids=list(ADD_CASES))
def test_fields_added_to_a_registered_source(before, after):
    newline = "\r\n" if "\r\n" in before else "\n"
    lines = [line.replace("\n", newline) for line in LINES]
    got = add_fields(before, "a", ARCHIVED)
    assert got == after.format(*lines)
    source = yaml.safe_load(got)["sources"][0]
    assert (source["archive"], source["archived"]) == (ARCHIVED["archive"], date(2024, 8, 9))


@pytest.mark.parametrize("text, message", [
    ("sources: [{id: a, url: 'https://a.example/x'}]\n", "add these fields to it by hand"),
    ("sources:\n  - id: b\n", "add these fields to it by hand"),
    ("sources:\n  - id: a\n    archive: https://old.example/\n", "already has `archive`"),
])
def test_fields_it_will_not_add(text, message):
    with pytest.raises(RegistryEditError) as caught:
        add_fields(text, "a", ARCHIVED)
    assert message in str(caught.value)
