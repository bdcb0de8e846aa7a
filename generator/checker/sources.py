"""The check's sources: each registered text read, verified and prepared once.

A missing, unreadable or changed source (or archived original) is a finding; the
prepared texts are what every quote is matched against, and the wrong-source hint
looks for a missing quote in all of them at once.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.checker import parallel, rules
from generator.checker.cache_memory import CheckCache
from generator.checker.collector import Collector
from generator.checker.files import read_inside, read_source
from generator.checker.model import (
    Finding,
    Project,
    Source,
)
from generator.checker.textmatch import SourceText

BESIDE_SOURCES = 200  # registered in claims.yaml: fewer are read after the story files
MAX_NAMED = 8  # sources named in a wrong-source hint before "and N more"
NEAR_MISS = 0.9  # similarity above which a missing quote is a misquote, not a wrong source


class PreparedSources(dict):
    """The prepared sources by id, and for the wrong-source hint, all of them at once.

    A quote not found where cited is looked for in every other source. At newsroom
    scale (1,000 sources) one ``find`` over their normalized texts joined into one
    string costs far less than a thousand ``in`` tests; the joined corpus is built
    the first time a quote is missing. Many missing quotes (4,000 sources, hundreds
    of misquotes) are looked for together, through their words
    (:meth:`all_with_all_many`), not by a scan of every text each.
    """

    _corpus: str | None = None
    SCANS_BEFORE_WORDS = 16  # missing quotes looked for by a scan of every text

    def all_with_all(self, needles: list[str], skip: str) -> list[str]:
        """Every source (in registry order) other than ``skip`` holding every needle.

        >>> texts = PreparedSources(a=SourceText("one two"), b=SourceText("two three"),
        ...                c=SourceText("three four two"))
        >>> texts.all_with_all(["two"], "a"), texts.all_with_all(["three", "four"], "a")
        (['b', 'c'], ['c'])
        """
        found: list[str] = []
        if not any(needles):
            return found
        while True:
            sid = self.first_with_all(needles, skip, after=found[-1] if found else None)
            if sid is None:
                return found
            found.append(sid)

    def all_with_all_many(self, requests: list[tuple[list[str], str]]) -> list[list[str]]:
        """:meth:`all_with_all` for many missing quotes at once, ``(needles, skip)`` each.

        A few are looked for with a ``find`` over every text. Many are looked for
        through their words: a word between two spaces of a needle is a word of any
        text that holds the needle, so one pass over the texts lists, for each such
        word, the sources it occurs in; each quote is then searched for only in the
        sources that hold all its words (every answer still checked with ``in``).

        >>> texts = PreparedSources(a=SourceText("one two three"), b=SourceText("two three"))
        >>> texts.all_with_all_many([(["one two three"], "b"), (["two"], "b")])
        [['a'], ['a']]
        """
        words = [sorted({w for n in needles if "\x00" not in n for w in n.split(" ")[1:-1]
                         if w}) for needles, _ in requests]
        if len(requests) < self.SCANS_BEFORE_WORDS or not any(words):
            return [self.all_with_all(needles, skip) for needles, skip in requests]
        wanted = set().union(*words)
        # sets, so that & goes by the smaller side (never changed in place below)
        holders: dict[str, set[int]] = {word: set() for word in wanted}
        for k, src in enumerate(self.values()):
            for word in wanted.intersection(src.norm.text.split(" ")):
                holders[word].add(k)
        ids, out = list(self), []
        for (needles, skip), inside in zip(requests, words, strict=True):
            needles = [n for n in needles if n]
            if not inside or any("\x00" in n for n in needles):
                out.append(self.all_with_all(needles, skip))
                continue
            every: set[int] = set()
            for n, word in enumerate(sorted(inside, key=lambda w: len(holders[w]))):
                every = holders[word] if n == 0 else every & holders[word]
                if not every:  # the rarest words first: most quotes end here, or soon
                    break
            out.append([ids[k] for k in sorted(every) if ids[k] != skip
                        and all(n in self[ids[k]].norm.text for n in needles)])
        return out

    def first_with_all(self, needles: list[str], skip: str,
                       after: str | None = None) -> str | None:
        """The first source (in registry order) other than ``skip`` holding every needle.

        >>> texts = PreparedSources(a=SourceText("one two"), b=SourceText("two three"),
        ...                c=SourceText("three four two"))
        >>> texts.first_with_all(["two"], "a"), texts.first_with_all(["three", "four"], "a")
        ('b', 'c')
        >>> texts.first_with_all(["one two three"], "c") is None
        True
        """
        needles = [n for n in needles if n]
        if not needles:
            return next((sid for sid in self if sid != skip), None)
        if any("\x00" in n for n in needles):
            return None  # no source holds a NUL: read_source refuses such files
        if self._corpus is None:
            self._ids = list(self)
            self._starts = []
            at = 0
            for src in self.values():
                self._starts.append(at)
                at += len(src.norm.text) + 1
            self._corpus = "\x00".join(src.norm.text for src in self.values())
        anchor = max(needles, key=len)
        corpus, starts = self._corpus, self._starts
        at = corpus.find(anchor, 0 if after is None else self._next_start(after))
        while at >= 0:
            k = bisect.bisect_right(starts, at) - 1
            sid = self._ids[k]
            text = self[sid].norm.text
            if sid != skip and all(n in text for n in needles):
                return sid
            at = corpus.find(anchor, starts[k + 1]) if k + 1 < len(starts) else -1
        return None

    def _next_start(self, sid: str) -> int:
        k = self._ids.index(sid) + 1
        return self._starts[k] if k < len(self._starts) else len(self._corpus) + 1


def read_sources(found: Collector, project: Project, sources: dict[str, Source],
                  cache: CheckCache | None = None, processes: int = 1,
                  reading: parallel.Later | None = None) -> PreparedSources:
    """Read and prepare every registered source; a missing or changed one is a finding.

    ``processes`` > 1 (a cold check with no cache, whose claims worker processes
    will check): the files are read, hashed and prepared for matching by that many
    processes at once, rather than read here one by one and prepared by them after.
    ``reading``: the :func:`read_beside` begun while the story files were parsed;
    its files are not read again, and the others (registered by story files) are
    read here.
    """
    texts = PreparedSources()
    digests: dict[str, str] = {}
    folders: dict[str, str] = {}
    read = cache.files.read if cache is not None else read_source  # live: by file status
    if reading is not None:
        by_file = dict(reading.result())
        ahead = {s.id: by_file[s.file] for s in sources.values() if s.file in by_file}
    else:
        ahead = _read_ahead(project, sources, processes) if cache is None else {}
    for source in sources.values():
        text, problem, digest = (ahead[source.id][0] if source.id in ahead else
                                 read(project.root, source.file, folders))
        digests[source.id] = digest or problem or ""
        if problem:
            found.add(rules.SOURCE_UNREADABLE, source.locs.get("file"),
                      f"source `{source.id}`: {source.file}: {problem}",
                      path=source.origin)
            continue
        if source.sha256 and digest != source.sha256:
            found.add(rules.SOURCE_CHANGED, source.locs.get("sha256"),
                      f"source `{source.id}`: {source.file} has changed since it was "
                      f"registered (sha256 is now {digest}); sources are kept as "
                      "published: restore the file, or if the publisher corrected it, "
                      "record the new sha256 and log the correction", suggestion=digest,
                      path=source.origin)
        texts[source.id] = cache.source_text(digest, text) if cache else SourceText(text)
        if source.id in ahead and ahead[source.id][1] is not None:
            texts[source.id].adopt(ahead[source.id][1])
        _check_original(found, project, source)
    if cache is not None:
        cache.files.done()
        cache.begin(project, sources, digests)
    return texts


def read_beside(project: Project, jobs: int | None = None) -> parallel.Later | None:
    """The sources that claims.yaml registers, read and prepared by a worker process
    while this one parses the story files (None: too few to be worth a process, or
    one process to do it all); :func:`read_sources` takes what it found.

    A cold check reads thousands of sources and parses hundreds of story files, and
    neither needs the other: side by side, nothing that either made has to travel
    between processes but the prepared sources.
    """
    if parallel.processes(len(project.sources), BESIDE_SOURCES, jobs) <= 1:
        return None
    by_file = {s.file: s for s in project.sources}
    return parallel.Later(_read_run, (project.root, by_file), list(by_file))


def _read_ahead(project: Project, sources: dict[str, Source], processes: int
                ) -> dict[str, tuple]:
    """Every source file read and prepared by ``processes`` processes, by id: its
    :class:`~generator.checker.files.SourceFile`, and its prepared parts (None when
    it has no text); nothing when one process is to read them."""
    if processes <= 1 or len(sources) <= 1:
        return {}
    runs = parallel.chunks(list(sources), processes * parallel.RUNS_PER_PROCESS)
    return {sid: got for done in parallel.run(_read_run, (project.root, sources), runs,
                                              processes)
            for sid, got in done}


def _read_run(state: tuple, source_ids: list[str]) -> list[tuple[str, tuple]]:
    """In a worker: a run of sources read, hashed, normalized, cut in paragraphs
    and sentences (what matching quotes and the lints need of them); ``state``'s
    sources are by id, or by file (:func:`read_beside`)."""
    root, sources = state
    folders: dict[str, str] = {}
    out = []
    for sid in source_ids:
        got = read_source(root, sources[sid].file, folders)
        src = SourceText(got.text) if got.text is not None else None
        out.append((sid, (got, src.prepared() if src else None)))
    return out


def _check_original(found: Collector, project: Project, source: Source) -> None:
    """The archived original must be there and unchanged (fixity, like the text)."""
    if not source.original:
        return
    data, problem = read_inside(project.root, source.original)
    if data is None:
        found.add(rules.SOURCE_UNREADABLE, source.locs.get("original"),
                  f"source `{source.id}`: original {source.original}: {problem}",
                  path=source.origin)
        return
    digest = hashlib.sha256(data).hexdigest()
    if source.original_sha256 and digest != source.original_sha256:
        found.add(rules.SOURCE_CHANGED, source.locs.get("original_sha256"),
                  f"source `{source.id}`: the archived original {source.original} has "
                  f"changed since it was archived (sha256 is now {digest}); restore it: "
                  "it is the evidence of what was retrieved", suggestion=digest,
                  path=source.origin)


def boilerplate_spans(found: Collector, sources: dict[str, Source],
                 texts: PreparedSources) -> dict[str, list[tuple[int, int]]]:
    """Where each source's declared boilerplate sits; a passage not found is a finding."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for source in sources.values():
        src = texts.get(source.id)
        if src is None or not source.boilerplate:
            continue
        here = spans.setdefault(source.id, [])
        for number, passage in enumerate(source.boilerplate, start=1):
            matches = src.find_all(passage)
            if not matches:
                close = src.closest(passage)
                hint = (f"; the closest passage is: {close.text}"
                        if close is not None and close.similarity >= NEAR_MISS else "")
                found.add(rules.BOILERPLATE_NOT_FOUND,
                          source.locs.get(f"boilerplate[{number - 1}]"),
                          f"source `{source.id}`: boilerplate passage {number} does not "
                          f"occur in {source.file}: {passage!r}{hint}",
                          suggestion=close.text if hint else None, path=source.origin)
            here += [(m.start, m.end) for m in matches]
        here.sort()
    return spans


@dataclass(frozen=True)
class Elsewhere:
    """A missing quote's finding, until every other source has been searched for the
    quote: the search is done for all missing quotes at once (:func:`settle`)."""

    finding: Finding  # as it reads if no other source holds the quote
    head: str  # its first line
    needles: list[str]
    skip: str  # the source cited

    def settled(self, elsewhere: list[str]) -> Finding:
        """The finding, naming the sources that do hold the quote, if any."""
        if not elsewhere:
            return self.finding
        named = ", ".join(f"`{sid}`" for sid in elsewhere[:MAX_NAMED])
        more = len(elsewhere) - MAX_NAMED
        named += f" and {more} more" if more > 0 else ""
        return replace(self.finding, message=f"{self.head}; it does occur in {named}: "
                       "did you cite the wrong source?", suggestion=None)


def settle(findings: list, texts: PreparedSources, later: bool = False
           ) -> Callable[[], None]:
    """Search the other sources for every missing quote at once; each
    :class:`Elsewhere` in ``findings`` becomes its finding, in place, once the
    returned function is called. ``later``: the search runs in a forked worker
    meanwhile (generator/checker/parallel.py), else here and now."""
    waiting = [k for k, f in enumerate(findings) if isinstance(f, Elsewhere)]
    requests = [(findings[k].needles, findings[k].skip) for k in waiting]
    search = (parallel.Later(_all_with_all_many, texts, requests) if later and requests
              else None)
    answers = None if search is not None else texts.all_with_all_many(requests)

    def done() -> None:
        got = search.result() if search is not None else answers
        for k, elsewhere in zip(waiting, got, strict=True):
            findings[k] = findings[k].settled(elsewhere)
    return done


def _all_with_all_many(texts: PreparedSources, requests: list) -> list[list[str]]:
    return texts.all_with_all_many(requests)
