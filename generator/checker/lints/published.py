"""What the site publishes of each source, as spans a quote in the prose must keep to.

The desk's prose may quote only what readers can check on the site. A source
published in full (``publish: full``) is all quotable; one published as excerpts,
only inside its excerpt windows, the same the source page shows
(:func:`generator.checker.excerpts.windows` around every passage any claim cites);
one not published (``publish: none``), only the cited passages themselves, which
claim pages show bare.

A mapping from source id to spans, made lazily: a check whose claims all come from
its cache never cuts a window. :meth:`Published.fingerprint` is what a cached
result of a claim's prose depends on beyond its own text: the cited spans of the
sources it may quote, which other claims' citations can change.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from generator.checker.excerpts import FULL, NONE, publish_of, windows
from generator.checker.model import CheckResult


class Published(Mapping[str, list[tuple[int, int]]]):
    """Source id to the spans of it the site publishes; a source published in full
    is not a key (it is quotable everywhere).

    >>> from generator.checker.model import Project, Source, Resolution
    >>> from generator.checker.textmatch import SourceText
    >>> text = "One. Two three four. Five.\\n\\nSix seven."
    >>> project = Project("c.yaml", ".", [], [Source("a", "a.txt", "A")], [])
    >>> project.context_words = 0
    >>> res = Resolution("a", 5, 8, 1, ((5, 8),), "Two")
    >>> result = CheckResult(project, [], {("c", 0): res}, {"a": SourceText(text)})
    >>> [text[a:b] for a, b in Published(result)["a"]]
    ['Two three four.']
    """

    def __init__(self, result: CheckResult):
        project = result.project
        self._texts = result.sources
        self._context = project.context_words if project is not None else 0
        self._kind = {s.id: publish_of(project, s) for s in (project.sources if project else ())}
        self._kind = {sid: kind for sid, kind in self._kind.items() if kind != FULL}
        self._cited: dict[str, list[tuple[tuple[int, int], ...]]] = defaultdict(list)
        for res in result.resolutions.values():
            if res.source in self._kind:
                self._cited[res.source].append(res.pieces)
        self._made: dict[str, list[tuple[int, int]]] = {}
        self._digests: dict[str, str] = {}

    def __getitem__(self, source_id: str) -> list[tuple[int, int]]:
        kind = self._kind[source_id]
        if source_id not in self._made:
            pieces = sorted(self._cited.get(source_id, ()))
            src = self._texts.get(source_id)
            if kind == NONE or src is None:
                self._made[source_id] = sorted(span for each in pieces for span in each)
            else:
                self._made[source_id] = windows(src.original, [(p[0][0], p[-1][1])
                                                               for p in pieces],
                                                self._context, src.paras, src.sentences)
        return self._made[source_id]

    def unmade(self) -> list[str]:
        """The sources whose spans are not cut yet."""
        return [sid for sid in self._kind if sid not in self._made]

    def made(self, source_ids: Iterable[str]) -> list[tuple[str, list[tuple[int, int]]]]:
        """The spans of these sources, cut now (in a worker process: see :meth:`keep`)."""
        return [(sid, self[sid]) for sid in source_ids]

    def keep(self, made: Iterable[tuple[str, list[tuple[int, int]]]]) -> None:
        """Take spans :meth:`made` elsewhere, so that they are cut once, not once per
        process that reads them."""
        self._made.update(made)

    def __iter__(self) -> Iterator[str]:
        return iter(self._kind)

    def __len__(self) -> int:
        return len(self._kind)

    def fingerprint(self, source_ids: Iterable[str]) -> str:
        """A digest of what decides the published spans of these sources: each
        source's own digest, in id order, joined (a source published in full adds
        nothing).

        Each source's part is digested once: every claim asks about the sources it
        cites, and a source cited by thousands of claims has thousands of spans. The
        parts are joined, not hashed again: this runs for every claim on every check.
        """
        digests = self._digests
        return "".join([digests[sid] if sid in digests else self._digest(sid)
                        for sid in sorted(set(source_ids))])

    def _digest(self, source_id: str) -> str:
        if source_id not in self._kind:
            got = ""
        else:
            part = (self._context, source_id, self._kind[source_id],
                    sorted(self._cited.get(source_id, ())))
            got = hashlib.sha256(repr(part).encode()).hexdigest()[:32]
        self._digests[source_id] = got
        return got
