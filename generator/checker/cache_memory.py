"""Re-check only what an edit changed: per-claim results keyed by content hashes.

``mkdocs serve`` keeps one :class:`CheckCache` across rebuilds. A claim's findings
and resolved quotes are reused when the key is the same: a sha256 of the claim's
own YAML text, the file it is in, the verdict scale, and every registered source
(id, file, sha256 of its text). The key holds the text of every source, not only
the cited ones, because a missing quote's hint searches all of them; so a changed
source re-checks every claim (all of them citing it among them), and a changed
claim re-checks that claim alone. Nothing is ever reused under a different key,
so a result cannot be stale.

Findings are stored with the place their claim started at then, so an edit above a
claim that moves it down (more lines, longer text) moves its findings with it.
Prepared sources (normalized text with its offset map) are kept by the sha256 of
their text, so an unchanged source is not normalized again.

A *live* cache (``mkdocs serve``'s, which stays in one process and is never written
to disk) keeps more between checks: the story files' parses as objects (see
:class:`~generator.checker.parsememo.ParseMemo`), each claim's key for as long as
the claim's parse is the same object, and each source file's bytes and story
file's text for as long as the file's status (inode, size, modification and change
times) is the same, so a save re-reads and re-hashes only the files it touched. A
cache read from disk keeps each included file's claim keys under the file's parse
key (a sha256 of its path and text): the same text parses to the same claims at the
same places, so a warm check digests only the claims of the files that changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle

from generator.checker.files import SourceFile, read_source, realpath, settled, status
from generator.checker.load import ParseMemo
from generator.checker.model import Claim, Finding, Loc, Project, Resolution, Source, Story
from generator.checker.textmatch import SourceText


def claim_span(claim: Claim) -> tuple[int, int, int] | None:
    """Offsets of the claim's text in its file, from its first value to its last,
    and the line the first is on.

    >>> c = Claim("a", "A", "v", "s", [], locs={"id": Loc(2, 9, 2, 10, 14, 15),
    ...                                      "summary": Loc(5, 14, 5, 15, 60, 61)})
    >>> claim_span(c)
    (14, 61, 2)
    """
    locs = list(claim.locs.values())
    whole = claim.locs.get("citations")
    if whole is None or whole.end <= whole.start:  # else it spans every citation's
        for cite in claim.citations:
            locs += cite.locs.values()
    # one pass, no key functions: this runs for every claim of every check
    first, end = None, 0
    for loc in locs:
        if loc.end > loc.start:
            if first is None or loc.start < first.start:
                first = loc
            if loc.end > end:
                end = loc.end
    if first is None:
        return None
    return first.start, end, first.line


def _relative(loc: Loc, dline: int, doff: int) -> Loc:
    if loc.end <= loc.start:  # no place in the text: nothing to move
        return loc
    return loc._replace(line=loc.line + dline, end_line=loc.end_line + dline,
                        start=loc.start + doff, end=loc.end + doff)


@dataclasses.dataclass
class _Entry:
    findings: list[Finding]  # where they were when stored: the claim started at ``at``
    resolutions: list[tuple[int, Resolution]]  # (citation index, resolution)
    at: tuple[int, int] = (0, 0)  # the claim's first line and offset then
    lints: list[Finding] | None = None  # the lints' findings, stored at ``lints_at``
    lints_at: tuple[int, int] = (0, 0)
    lints_depend: str = ""  # what else they depend on (the published spans quoted)


class CheckCache:
    """Per-claim check and lint results and prepared sources, kept between checks.

    A claim whose id is used twice is never cached: its lints read the resolutions
    stored under the id, which the other claim of that id can change.
    """

    def __init__(self, live: bool = False) -> None:
        self.live = live
        self.sources: dict[str, SourceText] = {}
        self.claims: dict[str, _Entry] = {}
        self.hits = self.misses = 0
        self._scope = ""
        self._used: set[str] = set()
        self._used_before: set[str] = set()  # live: what the check before that used
        self._keys: dict[int, tuple[str, int, int] | None] = {}
        self._repeated: set[str] = set()
        self._relays: dict[str, list] = {}
        self._saved: tuple | None = None  # _fingerprint() as restored
        self._blobs: dict[str, bytes] = {}  # entries as read from disk, still pickled
        self._dirty = False  # an entry or the relays changed since restore()
        self.parses = ParseMemo(live=live)  # included files, composed and walked
        # each claim's key by claim object (id, with the claim, so that the id is not
        # reused): the last check's (live), or the stored keys of its file's
        # unchanged text (not live)
        self._known: dict[int, tuple[Claim, tuple[str, int, int] | None]] = {}
        self._known_now: dict[int, tuple[Claim, tuple[str, int, int] | None]] = {}
        self.files = SourceFiles(live)  # source files by status (live only)
        # not live: the keys of the claims of each included file, by the file's parse
        # key (its path and text), as the last check worked them out (see key())
        self._file_keys: dict[str, list] = {}
        self._files_now: dict[str, list[Claim]] = {}  # this check's: parse key -> claims

    def source_text(self, digest: str | None, text: str) -> SourceText:
        """The prepared source for a text, normalized once per content."""
        if digest is None:
            return SourceText(text)
        got = self.sources.get(digest)
        if got is None or got.original != text:
            got = self.sources[digest] = SourceText(text)
        return got

    def begin(self, project: Project, sources: dict[str, Source],
              digests: dict[str, str]) -> None:
        """Start a check: what every claim's result depends on besides its own text."""
        h = hashlib.sha256()
        for v in project.verdicts:
            h.update(repr((v.id, v.label, v.rating, v.expects, v.requires)).encode())
        h.update(repr(project.speakers).encode())  # who counts as one origin
        for sid, source in sources.items():  # every field (repr leaves out locations)
            h.update(repr((sid, source, digests.get(sid))).encode())
        h.update(repr(project.hedges).encode())  # not `partial`: no claim's result reads it
        h.update(repr((project.publish, project.max_quote_words)).encode())  # quote-too-long
        scope = h.hexdigest()
        if scope != self._scope:  # the registry or scale changed: nothing carries over
            self.claims.clear()
            self._blobs.clear()
            self._relays.clear()
            self._scope = scope
        else:  # keep what the last check used: a long preview session does not grow
            # (live: the last two, since the check of a broken edit skips the lints,
            # and the fix after it would lint every story file again)
            keep = self._used | self._used_before
            self.claims = {k: v for k, v in self.claims.items() if k in keep}
            self._blobs = {k: v for k, v in self._blobs.items() if k in keep}
        current = set(digests.values())
        self.sources = {d: src for d, src in self.sources.items() if d in current}
        self._used_before = self._used if self.live else set()
        self._used = set()
        self._keys = {}
        self._known, self._known_now = self._known_now or self._known, {}
        seen: set[str] = set()
        self._repeated = {c.id for c in project.claims if c.id in seen or seen.add(c.id)}
        self.hits = self.misses = 0
        self._files_now = {}
        if not self.live:
            self._known, self._files_now = claims_by_file(project, self.parses.keys_of,
                                                          self._file_keys)

    def key(self, project: Project, claim: Claim) -> tuple[str, int, int] | None:
        """``(key, first line, first offset)`` of a claim, None if it cannot be keyed."""
        if id(claim) in self._keys:
            return self._keys[id(claim)]
        known = self._known.get(id(claim))
        if known is not None and known[0] is claim:  # the same parse: the same text
            digested = known[1]
        else:
            span = claim_span(claim)
            text = project.texts.get(claim.origin or project.path)
            digested = None
            if span is not None and text is not None:
                start, end, line = span
                digest = hashlib.sha256(f"{claim.origin}\0{claim.id}\0{text[start:end]}"
                                        .encode("utf-8", "surrogatepass")).hexdigest()
                digested = digest, line, start
        self._known_now[id(claim)] = (claim, digested)
        got = digested if claim.id not in self._repeated else None
        self._keys[id(claim)] = got
        return got

    def has(self, project: Project, claim: Claim) -> bool:
        """Whether a claim's check has stored results (that :meth:`replay` would add)."""
        key = self.key(project, claim)
        return key is not None and (key[0] in self.claims or key[0] in self._blobs)

    def replay(self, key, claim: Claim, findings: list[Finding],
               resolutions: dict) -> bool:
        """Add a claim's stored results; False (a miss) when there are none."""
        entry = self._entry(key)
        if entry is None:
            self.misses += 1
            return False
        self.hits += 1
        self._used.add(key[0])
        findings += _moved(entry.findings, entry.at, key)
        for index, resolution in entry.resolutions:
            resolutions[(claim.id, index)] = resolution
        return True

    def store(self, key, claim: Claim, findings: list[Finding], resolutions: dict) -> None:
        """Keep the findings a claim's check just added, and its resolved quotes."""
        if key is None:
            return
        self._used.add(key[0])
        self._blobs.pop(key[0], None)
        self._dirty = True
        self.claims[key[0]] = _Entry(
            list(findings),
            [(cite.index, resolutions[(claim.id, cite.index)]) for cite in claim.citations
             if (claim.id, cite.index) in resolutions], (key[1], key[2]))

    def replay_lints(self, project: Project, claim: Claim, findings: list[Finding],
                     depends: str = "") -> bool:
        """Add a claim's stored lint findings; False when there are none, or when
        ``depends`` (what they read beyond the claim and the scope) changed."""
        key = self.key(project, claim)
        entry = self._entry(key)
        if entry is None or entry.lints is None or entry.lints_depend != depends:
            return False
        findings += _moved(entry.lints, entry.lints_at, key)
        return True

    def store_lints(self, project: Project, claim: Claim, findings: list[Finding],
                    depends: str = "") -> None:
        """Keep the lint findings of a claim whose check is stored."""
        key = self.key(project, claim)
        entry = self._entry(key)
        if entry is not None:
            entry.lints, entry.lints_at = list(findings), (key[1], key[2])
            entry.lints_depend = depends
            self._blobs.pop(key[0], None)
            self._dirty = True

    def _story_key(self, project: Project, story: Story, depends: list[str]
                   ) -> tuple[str, int, int] | None:
        """A story's key: its own text, and what its prose may quote (the sources
        and the claims of its claims), which its claims' edits can change."""
        locs = [loc for loc in story.locs.values() if loc.end > loc.start]
        text = project.texts.get(story.origin or project.path)
        if not locs or text is None:
            return None
        first = min(locs, key=lambda loc: loc.start)
        body = text[first.start:max(loc.end for loc in locs)]
        digest = hashlib.sha256("\0".join(["story", story.origin, story.id, body, *depends])
                                .encode("utf-8", "surrogatepass")).hexdigest()
        return digest, first.line, first.start

    def replay_story(self, project: Project, story: Story, depends: list[str],
                     findings: list[Finding]) -> bool:
        """Add the stored findings of a story's prose; False when there are none."""
        key = self._story_key(project, story, depends)
        entry = self._entry(key)
        if entry is None or entry.lints is None:
            return False
        self._used.add(key[0])
        findings += _moved(entry.lints, entry.lints_at, key)
        return True

    def store_story(self, project: Project, story: Story, depends: list[str],
                    findings: list[Finding]) -> None:
        """Keep the findings of a story's prose."""
        key = self._story_key(project, story, depends)
        if key is None:
            return
        self._used.add(key[0])
        self._blobs.pop(key[0], None)
        self._dirty = True
        self.claims[key[0]] = _Entry([], [], (key[1], key[2]), list(findings),
                                     (key[1], key[2]))

    def _entry(self, key) -> _Entry | None:
        """A claim's stored results, unpickled from what was read from disk if need be."""
        if key is None:
            return None
        entry = self.claims.get(key[0])
        if entry is None and key[0] in self._blobs:
            entry = self.claims[key[0]] = pickle.loads(self._blobs[key[0]])
        return entry

    def stored(self) -> int:
        """How many claims have stored results."""
        return len(self.claims.keys() | self._blobs.keys())

    def state(self) -> tuple:
        """What a later check can reuse: the entries this check used, and the scope."""
        entries = {k: self._blobs.get(k) or pickle.dumps(self.claims[k], protocol=5)
                   for k in self._used if k in self._blobs or k in self.claims}
        files = {}
        for parse_key, claims in self._files_now.items():
            got = [self._known_now[id(c)][1] for c in claims if id(c) in self._known_now]
            if len(got) == len(claims):
                files[parse_key] = got
        return (self._scope, entries, self._relays, self.parses.blobs(), self.parses.layouts,
                files)

    def restore(self, state: tuple) -> None:
        """Take up the :meth:`state` of an earlier check (see generator/checker/cache_disk.py)."""
        self._scope, self._blobs, self._relays, parses, layouts, self._file_keys = state
        self.claims = {}
        self.parses = ParseMemo(parses, layouts=layouts)
        self._used = set(self._blobs)
        self._saved = self._fingerprint(set(self._blobs), set(parses))
        self._dirty = False

    def changed(self) -> bool:
        """Whether this check's :meth:`state` differs from the one restored."""
        return self._dirty or self._saved != self._fingerprint(self._used, self.parses.used)

    def _fingerprint(self, claims: set, parses: set) -> tuple:
        return (self._scope, claims, set(self._relays), parses,
                {path: id(layout) for path, layout in self.parses.layouts.items()})

    def relays(self, pairs: set[tuple[str, str]]) -> list | None:
        """The shared passages found last time for these pairs of sources, if any."""
        return self._relays.get(_pairs_key(pairs))

    def store_relays(self, pairs: set[tuple[str, str]], found: list) -> None:
        """Keep the shared passages of these pairs (the scope holds every source text)."""
        self._relays = {_pairs_key(pairs): found}
        self._dirty = True


class SourceFiles:
    """Source files as read, by their status on disk (see the module): a live
    cache's, else every read goes to the disk."""

    def __init__(self, live: bool = False) -> None:
        self.live = live
        self._files: dict[tuple, SourceFile] = {}
        self._files_now: dict[tuple, SourceFile] = {}

    def read(self, root: str, file: str, folders: dict[str, str] | None = None
             ) -> SourceFile:
        """:func:`generator.checker.files.read_source`, answered from memory while
        the file (a plain file, not a link) has the same status and resolves to the
        same place inside the same project folder."""
        if not self.live or "\0" in file or os.path.isabs(file):
            return read_source(root, file, folders)
        full = os.path.join(root, file)
        head, tail = os.path.split(full)
        st = status(full)
        if st is None or tail in ("", ".", ".."):
            return read_source(root, file, folders)
        where = (realpath(root, folders), realpath(head, folders), tail, *st)
        got = self._files.get(where)
        if got is None:
            got = read_source(root, file, folders)
            if not settled(st):  # written just now: it could be written again unseen
                return got
        self._files_now[where] = got
        return got

    def done(self) -> None:
        """The check has read every source: forget the files it did not read."""
        self._files, self._files_now = self._files_now, {}


def claims_by_file(project: Project, parse_keys: dict[str, str], stored: dict[str, list]
                   ) -> tuple[dict[int, tuple], dict[str, list[Claim]]]:
    """The claims of each included file, by the file's parse key (a sha256 of its path
    and text; ``parse_keys``: by path), and the keys ``stored`` for a file with that
    parse key, by claim: the same text parses to the same claims, in the same order,
    at the same places. A warm check then digests only the claims of the files that
    changed."""
    groups: dict[str, list[Claim]] = {}
    for claim in project.claims:
        if claim.origin:
            groups.setdefault(claim.origin, []).append(claim)
    by_file: dict[int, tuple] = {}
    files: dict[str, list[Claim]] = {}
    for origin, claims in groups.items():
        parse_key = parse_keys.get(origin)
        if parse_key is None:
            continue
        files[parse_key] = claims
        keys = stored.get(parse_key)
        if keys is not None and len(keys) == len(claims):
            by_file.update((id(c), (c, got)) for c, got in zip(claims, keys, strict=True))
    return by_file, files


def _pairs_key(pairs: set[tuple[str, str]]) -> str:
    return hashlib.sha256(repr(sorted(pairs)).encode("utf-8", "surrogatepass")).hexdigest()


def _moved(findings: list[Finding], then: tuple[int, int], key: tuple[str, int, int]
           ) -> list[Finding]:
    """Findings stored when their claim started at ``then``, where it starts now."""
    dline, doff = key[1] - then[0], key[2] - then[1]
    if not (dline or doff):  # most claims: nothing above them changed
        return findings
    return [dataclasses.replace(f, loc=_relative(f.loc, dline, doff)) for f in findings]
