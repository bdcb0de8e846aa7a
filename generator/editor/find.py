"""``factcheck find``: look a passage up in the sources, get text ready to quote.

Editors write a quote by copying from the source; ``find`` closes the loop the
other way: type the words as remembered (straight quotes, a hyphen for a dash, a
word or two wrong) and get back where they are and the source's exact text as a
YAML value to paste into ``quote:``. It matches the way the checker does, so what
``find`` prints, ``check`` verifies.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from generator.checker.errors import CommandError
from generator.checker.files import read_source
from generator.checker.load import load_project
from generator.checker.sentences import sentence_bounds, sentence_spans
from generator.checker.textmatch import SourceText, fold, split_quote
from generator.checker.yamlwrite import yaml_scalar
from generator.editor.fix import replacement_text
from generator.editor.words import content_words

CLOSE_ENOUGH = 0.75  # a passage this similar is shown with a word diff against yours
MAX_CLOSE = 3
PREFIX_WORDS = 5


class FindError(CommandError):
    """``find`` could not run: the claims file is broken or the source id unknown."""


@dataclass(frozen=True)
class Hit:
    """A passage of a source: where it is, its exact text, and the sentence it is in.

    ``line``/``column`` are 1-based, in characters, into the source file.
    ``similarity`` is 1.0 for an exact (normalized) match. ``prefix`` is set when
    the passage occurs more than once in its source: the words just before it,
    to put in the citation's ``prefix``. ``sentence`` is the whole sentence (or
    sentences) holding the passage, and ``mark`` the passage's place in it.
    ``shared`` is (words of yours found, words of yours) for a paraphrase.
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
    sentence: str = ""
    mark: tuple[int, int] = (0, 0)
    shared: tuple[int, int] | None = None

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
    note: str | None = None  # how the source registry was read, when not as usual


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


@dataclass
class _Prepared:
    path: str
    src: SourceText
    spans: list[tuple[int, int]]


def _hit(sid: str, doc: _Prepared, start: int, end: int, text: str, **kw) -> Hit:
    line, column = line_column(doc.src.original, start)
    lo, hi = sentence_bounds(doc.src.original, start, end)
    return Hit(sid, doc.path, line, column, doc.src.paragraph_of(start), text,
               sentence=doc.src.original[lo:hi], mark=(start - lo, end - lo), **kw)


def search(sources: dict[str, tuple[str, str]], query: str) -> Hits:
    """Search ``{id: (display path, text)}`` for ``query``: exact first, else the
    sentences that share the most of its words.

    >>> hits = search({"a": ("a.txt", "He said “stop now”. Then left.\\n")}, 'said "stop now"')
    >>> (hits.exact[0].text, hits.exact[0].line, hits.exact[0].column)
    ('said “stop now”', 1, 4)
    >>> hits.exact[0].sentence
    'He said “stop now”.'
    """
    hits = Hits(searched=len(sources))
    _, markers = split_quote(query)
    prepared = {sid: _Prepared(path, SourceText(text), sentence_spans(text))
                for sid, (path, text) in sources.items()}
    for sid, doc in prepared.items():
        matches = doc.src.find_all(query)
        for match in matches:
            prefix = _prefix_before(doc.src, match.start) if len(matches) > 1 else None
            hits.exact.append(_hit(sid, doc, match.start, match.end,
                                   doc.src.exact(match, markers), prefix=prefix or None))
    if not hits.exact:
        hits.close = _close(prepared, query)
    return hits


def _candidates(doc: _Prepared, wanted: set[str]):
    """Sentences, and pairs of neighbours in one paragraph that share more of
    the words than either alone: ``(shared, start, end)``."""
    text = doc.src.original
    found = [(len(wanted & content_words(text[a:b])), a, b) for a, b in doc.spans]
    yield from found
    for (n1, a1, _), (n2, a2, b2) in zip(found, found[1:], strict=False):
        if n1 and n2 and doc.src.paragraph_of(a1) == doc.src.paragraph_of(a2):
            both = len(wanted & content_words(text[a1:b2]))
            if both > max(n1, n2):
                yield both, a1, b2


def _close(prepared: dict[str, _Prepared], query: str) -> list[Hit]:
    """The sentences sharing the most words with ``query``, best first; within
    each, the passage closest to what was typed when it is close enough to diff."""
    from rapidfuzz import fuzz  # imported on demand: only a miss needs it

    wanted = content_words(query)
    if not wanted:
        return []
    least = 1 if len(wanted) == 1 else max(2, (len(wanted) + 1) // 2)
    pieces, _ = split_quote(query)
    needle = max(pieces, key=len) if pieces else query
    ranked = []
    for sid, doc in prepared.items():
        for shared, lo, hi in _candidates(doc, wanted):
            if shared >= least:
                tie = fuzz.partial_ratio(fold(needle), fold(doc.src.original[lo:hi]))
                ranked.append((shared, tie, sid, lo, hi))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2], r[3]))
    return [_close_hit(prepared[sid], sid, lo, hi, needle, (shared, len(wanted)))
            for shared, _, sid, lo, hi in ranked[:MAX_CLOSE]]


def _close_hit(doc: _Prepared, sid: str, lo: int, hi: int, needle: str,
               shared: tuple[int, int]) -> Hit:
    passage = SourceText(doc.src.original[lo:hi]).closest(needle)
    if passage is not None and passage.similarity >= CLOSE_ENOUGH:
        return _hit(sid, doc, lo + passage.start, lo + passage.end, passage.text,
                    similarity=passage.similarity, diff=passage.diff, shared=shared)
    sentence = doc.src.original[lo:hi]
    similarity = passage.similarity if passage is not None else 0.0
    return _hit(sid, doc, lo, hi, sentence, similarity=similarity, shared=shared)


def _as_written(text: str) -> list[tuple[str, str]]:
    """``(id, file)`` of each source in a claims file's ``sources:`` list, read
    line by line, for when the file is not valid YAML (an editor mid-edit).

    >>> _as_written("sources:\\n  - id: a  # x\\n    file: 'a.txt'\\n  - {id: b, file: b.txt}\\n"
    ...             "claims:\\n  - id: c\\n    quote: 'oops\\n")
    [('a', 'a.txt'), ('b', 'b.txt')]
    """
    found: list[list[str]] = []
    inside = False
    for line in text.splitlines():
        if line[:1] not in ("", " ", "\t", "#", "-"):
            inside = re.match(r"sources\s*:\s*(#.*)?$", line) is not None
            continue
        if not inside:
            continue
        for key, value in re.findall(r"(?:^|[\s{,-])(id|file)\s*:\s*([^,}#]*)", line):
            value = value.strip().strip("'\"")
            if key == "id":
                found.append([value, ""])
            elif found and not found[-1][1]:
                found[-1][1] = value
    return [(sid, file) for sid, file in found if sid and file]


def _registry(claims: str) -> tuple[list[tuple[str, str]], str, str | None]:
    """The registered sources ``(id, file)``, the folder paths are relative to, and a
    note when claims.yaml had to be read tolerantly: ``find`` needs only the
    registry, so a YAML slip elsewhere must not stop it."""
    project, findings = load_project(claims)
    if project is not None:
        return [(s.id, s.file) for s in project.sources], project.root, None
    root = os.path.dirname(os.path.abspath(claims))
    with open(claims, encoding="utf-8", errors="replace") as handle:
        registry = _as_written(handle.read())
    first = min(findings, key=lambda f: f.sort_key()) if findings else None
    where = f"{first.path}:{first.line}:{first.column}" if first else claims
    if not registry:
        why = f" ({where}: {first.message.splitlines()[0]})" if first else ""
        raise FindError(f"cannot read the source registry from {claims}{why}; "
                        "run `factcheck check` to see why")
    return registry, root, (f"note: {claims} has errors (the first at {where}); the "
                            "sources were read from its `sources:` list as written")


def find(claims: str, query: str, source_id: str | None = None) -> Hits:
    """Read the source registry from ``claims`` and search it (glue for the CLI)."""
    if not query.strip():
        raise FindError("nothing to find: give the words to look for")
    registry, root, note = _registry(claims)
    if source_id is not None:
        known = ", ".join(sid for sid, _ in registry) or "none"
        registry = [(sid, file) for sid, file in registry if sid == source_id]
        if not registry:
            raise FindError(f"no registered source has the id `{source_id}` "
                            f"(registered: {known})")
    texts: dict[str, tuple[str, str]] = {}
    unreadable = []
    for sid, file in registry:
        if sid in texts:
            continue
        text, problem, _ = read_source(root, file)
        if text is None:
            unreadable.append(f"{sid}: {file}: {problem}")
            continue
        texts[sid] = (os.path.relpath(os.path.join(root, file)), text)
    hits = search(texts, query)
    hits.unreadable = unreadable
    hits.note = note
    return hits


def in_sentence(hit: Hit) -> str:
    """The hit's sentence on one line, the passage between ``⟦`` and ``⟧``.

    >>> in_sentence(Hit("a", "a.txt", 1, 4, 1, "said", sentence="He said\\nno.", mark=(3, 7)))
    'He ⟦said⟧ no.'
    """
    a, b = hit.mark
    text = hit.sentence
    if not text or (a, b) == (0, len(text)):
        return " ".join(text.split())
    return " ".join(f"{text[:a]}⟦{text[a:b]}⟧{text[b:]}".split())


def _describe(hit: Hit) -> list[str]:
    head = f"{hit.source}  {hit.path}:{hit.line}:{hit.column}  paragraph {hit.paragraph}"
    if hit.diff is not None:
        head += f"  ({hit.similarity:.0%} similar)"
    elif hit.shared is not None:
        head += f"  ({hit.shared[0]} of your {hit.shared[1]} words; a paraphrase?)"
    out = [head, f"    in its sentence: {in_sentence(hit)}", f"    quote: {hit.quote}"]
    if hit.prefix:
        out.append(f"    prefix: {yaml_scalar(hit.prefix)}")
    if hit.diff is not None:
        out.append(f"    diff, [-yours-]{{+source+}}: {hit.diff}")
    return out


def format_hits(hits: Hits, query: str) -> str:
    """The terminal report: each passage's location and a ``quote:`` line to paste."""
    out: list[str] = [hits.note] if hits.note else []
    out += [f"warning: skipped {u}" for u in hits.unreadable]
    if hits.exact:
        count = len(hits.exact)
        out.append(f"Found {count} exact match{'' if count == 1 else 'es'}"
                   + (" (add the prefix shown to pick one):"
                      if any(h.prefix for h in hits.exact) else ":"))
        for hit in hits.exact:
            out += [""] + _describe(hit)
    elif hits.close:
        out.append("No exact match. Closest passages, by the words they share with yours:")
        for hit in hits.close:
            out += [""] + _describe(hit)
    else:
        sources = f"{hits.searched} source{'' if hits.searched == 1 else 's'}"
        out.append(f"Nothing close to that text in {sources}.")
    return "\n".join(out) + "\n"
