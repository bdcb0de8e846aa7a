"""``factcheck find``: look a passage up in the sources, get text ready to quote.

Editors write a quote by copying from the source; ``find`` closes the loop the
other way: type the words as remembered (straight quotes, a hyphen for a dash, a
word or two wrong) and get back where they are and the source's exact text as a
YAML value to paste into ``quote:``. It matches the way the checker does, so what
``find`` prints, ``check`` verifies.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .files import read_source
from .fix import replacement_text, yaml_scalar
from .load import load_project
from .textmatch import SourceText, split_quote

CLOSE_ENOUGH = 0.6  # below this similarity a passage is not worth showing
MAX_CLOSE = 3
PREFIX_WORDS = 5


class FindError(Exception):
    """``find`` could not run: the claims file is broken or the source id unknown."""


@dataclass(frozen=True)
class Hit:
    """A passage of a source: where it is, and its exact text.

    ``line``/``column`` are 1-based, in characters, into the source file.
    ``similarity`` is 1.0 for an exact (normalized) match. ``prefix`` is set when
    the passage occurs more than once in its source: the words just before it,
    to put in the citation's ``prefix``.
    """

    source: str
    path: str
    line: int
    column: int
    paragraph: int
    text: str
    similarity: float = 1.0
    diff: str | None = None
    prefix: str | None = None

    @property
    def quote(self) -> str:
        """The text as it should appear in claims.yaml: ``quote: …``."""
        return yaml_scalar(replacement_text(self.text))


@dataclass
class Hits:
    exact: list[Hit] = field(default_factory=list)
    close: list[Hit] = field(default_factory=list)
    searched: int = 0
    unreadable: list[str] = field(default_factory=list)


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset.

    >>> line_column("ab\\ncd", 4)
    (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _prefix_before(src: SourceText, start: int) -> str:
    para = src.paras[src.paragraph_of(start) - 1] if src.paras else (0, start)
    before = src.original[max(para[0], 0):start].split()
    return " ".join(before[-PREFIX_WORDS:])


def search(sources: dict[str, tuple[str, str]], query: str) -> Hits:
    """Search ``{id: (display path, text)}`` for ``query``: exact first, else closest.

    >>> hits = search({"a": ("a.txt", "He said “stop now”.\\n")}, 'said "stop now"')
    >>> (hits.exact[0].text, hits.exact[0].line, hits.exact[0].column)
    ('said “stop now”', 1, 4)
    """
    hits = Hits(searched=len(sources))
    _, markers = split_quote(query)
    prepared = {sid: (path, SourceText(text)) for sid, (path, text) in sources.items()}
    for sid, (path, src) in prepared.items():
        matches = src.find_all(query)
        for match in matches:
            line, column = line_column(src.original, match.start)
            prefix = _prefix_before(src, match.start) if len(matches) > 1 else None
            hits.exact.append(Hit(sid, path, line, column, match.paragraph,
                                  src.exact(match, markers), prefix=prefix or None))
    if hits.exact:
        return hits
    pieces, _ = split_quote(query)
    needle = max(pieces, key=len) if pieces else query
    for sid, (path, src) in prepared.items():
        passage = src.closest(needle)
        if passage is None or passage.similarity < CLOSE_ENOUGH:
            continue
        line, column = line_column(src.original, passage.start)
        hits.close.append(Hit(sid, path, line, column, passage.paragraph, passage.text,
                              passage.similarity, passage.diff))
    hits.close.sort(key=lambda h: -h.similarity)
    del hits.close[MAX_CLOSE:]
    return hits


def find(claims: str, query: str, source_id: str | None = None) -> Hits:
    """Load the source registry from ``claims`` and search it (glue for the CLI)."""
    if not query.strip():
        raise FindError("nothing to find: give the words to look for")
    project, findings = load_project(claims)
    if project is None:
        first = findings[0] if findings else None
        where = f" ({first.path}:{first.line}: {first.message})" if first else ""
        raise FindError(f"cannot read the source registry from {claims}{where}; "
                        "run `factcheck check` to see why")
    registry = project.sources
    if source_id is not None:
        registry = [s for s in registry if s.id == source_id]
        if not registry:
            known = ", ".join(s.id for s in project.sources) or "none"
            raise FindError(f"no registered source has the id `{source_id}` "
                            f"(registered: {known})")
    texts: dict[str, tuple[str, str]] = {}
    unreadable = []
    for source in registry:
        if source.id in texts:
            continue
        text, problem, _ = read_source(project.root, source.file)
        if text is None:
            unreadable.append(f"{source.id}: {source.file}: {problem}")
            continue
        texts[source.id] = (os.path.relpath(os.path.join(project.root, source.file)), text)
    hits = search(texts, query)
    hits.unreadable = unreadable
    return hits


def _describe(hit: Hit) -> list[str]:
    head = f"{hit.source}  {hit.path}:{hit.line}:{hit.column}  paragraph {hit.paragraph}"
    if hit.similarity < 1:
        head += f"  ({hit.similarity:.0%} similar)"
    out = [head, f"    quote: {hit.quote}"]
    if hit.prefix:
        out.append(f"    prefix: {yaml_scalar(hit.prefix)}")
    if hit.diff is not None:
        out.append(f"    diff, [-yours-]{{+source+}}: {hit.diff}")
    return out


def format_hits(hits: Hits, query: str) -> str:
    """The terminal report: each passage's location and a ``quote:`` line to paste."""
    out: list[str] = [f"warning: skipped {u}" for u in hits.unreadable]
    if hits.exact:
        count = len(hits.exact)
        out.append(f"Found {count} exact match{'' if count == 1 else 'es'}"
                   + (" (add the prefix shown to pick one):"
                      if any(h.prefix for h in hits.exact) else ":"))
        for hit in hits.exact:
            out += [""] + _describe(hit)
    elif hits.close:
        out.append("No exact match. Closest passages:")
        for hit in hits.close:
            out += [""] + _describe(hit)
    else:
        sources = f"{hits.searched} source{'' if hits.searched == 1 else 's'}"
        out.append(f"Nothing close to that text in {sources}.")
    return "\n".join(out) + "\n"
