"""Files parsed once: one file composed and walked, and the memo that keeps it.

A newsroom edits one claim or one story file at a time; the memo answers the
unchanged files (and the unchanged claims of claims.yaml, through
:mod:`generator.checker.reparse`) without composing them again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

import yaml

from generator.checker import include, parallel, reparse
from generator.checker.files import realpath, settled, status
from generator.checker.model import (
    NOWHERE,
    Finding,
    Loc,
)
from generator.checker.schema import OBJECTS
from generator.checker.walker import Walker, head_loc
from generator.checker.yamlsyntax import compose, node_loc

CLAIMS_FIELD = next(f for f in OBJECTS["root"] if f.name == "claims")


@dataclass
class Parsed:
    """One file composed and walked: all that loading needs of it, without the nodes.

    ``got`` is (values, locs), or None when the file is unusable; ``written`` the
    top-level keys the file writes; ``includes`` its `include` patterns with their
    locations; ``head`` where its top-level mapping starts.
    """

    got: tuple | None
    findings: list[Finding]
    written: frozenset = frozenset()
    includes: list = dataclass_field(default_factory=list)
    head: Loc = NOWHERE


def parse_file(text: str, path: str, kind: str) -> Parsed:
    """Compose and walk one file."""
    return parse_node(text, path, kind)[0]


def walk_claims(node: yaml.Node, path: str) -> tuple[list | None, list[Finding]]:
    """The claims of a list of them composed alone (see generator/checker/reparse.py)."""
    walker = Walker(path)
    claims = walker.sequence(node, CLAIMS_FIELD, "root")
    return claims, walker.findings


def parse_node(text: str, path: str, kind: str) -> tuple[Parsed, yaml.Node | None]:
    """Compose and walk one file; the parse and the top node."""
    node, findings = compose(text, path)
    if findings:
        return Parsed(None, findings), None
    walker = Walker(path, anchors="&" in text)
    if node is None:
        wanted = ("`claims`, and `sources` or `include`" if kind == "root"
                  else "`claims`, and optionally `story` and `sources`")
        walker.problem(NOWHERE, f"the file is empty: expected a mapping with {wanted}")
        return Parsed(None, walker.findings), None
    got = walker.mapping(node, kind)
    written = frozenset(k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)
                        ) if isinstance(node, yaml.MappingNode) else frozenset()
    includes = include_items(node, "include") if isinstance(node, yaml.MappingNode) else []
    return Parsed(got, walker.findings, written, includes, head_loc(node)), node


class ParseMemo(dict):
    """Files parsed before: included files by a sha256 of their path and text, and
    claims.yaml claim by claim.

    A newsroom keeps its claims in hundreds of story files and an edit changes one:
    the others are not composed and walked again but unpickled (a fraction of
    the time). Each hit is a fresh copy: loading mutates what it gets (a story's
    claims learn their story). claims.yaml itself, which a smaller newsroom edits
    for every claim, is parsed again only where the edit fell
    (generator/checker/reparse.py); ``layouts`` holds its :class:`reparse.Layout`.

    >>> memo = ParseMemo()
    >>> a = memo.parsed("claims: []\\n", "s.yaml", "included")
    >>> b = memo.parsed("claims: []\\n", "s.yaml", "included")
    >>> (a.got == b.got, a is b, len(memo), memo.used == set(memo))
    (True, False, 1, True)
    """

    def __init__(self, *args, layouts: dict | None = None, live: bool = False) -> None:
        super().__init__(*args)
        self.live = live
        self.used: set[str] = set()
        self.keys_of: dict[str, str] = {}  # the key of each file parsed by this load, by path
        self.layouts: dict[str, reparse.Layout] = dict(layouts or {})
        self.reparsed = 0  # how many root parses the layouts answered, in all (for tests)
        # live: the included files' texts by where they were read (read_text), and the
        # key last worked out for each path, with the text object it was worked out for
        self._texts: dict[tuple, str] = {}
        self._texts_now: dict[tuple, str] = {}
        self._folders: dict[str, str] = {}
        self._path_keys: dict[str, tuple[str, str, str]] = {}

    def parsed_root(self, text: str, path: str) -> Parsed:
        """claims.yaml parsed, again only where it changed since the last time."""
        layout = self.layouts.get(path)
        got = None
        if layout is not None:
            if layout.text == text:
                got = reparse.restore(layout), layout
            else:
                got = reparse.reparse(layout, text, path, compose, walk_claims)
        if got is not None:
            self.reparsed += 1
            self.layouts[path] = got[1]
            return got[0]
        if layout is None and "\nclaims:" not in text:
            return self.parsed(text, path, "root")  # a registry that includes story files
        parsed, node = parse_node(text, path, "root")
        made = reparse.make_layout(text, parsed, node)
        if made is not None:
            self.layouts[path] = made
        elif not parsed.findings:  # valid, but not in chunks: the old layout is no use
            self.layouts.pop(path, None)
        # a broken edit keeps the last good layout: the fix after it is parsed in part
        return parsed

    def begin(self) -> None:
        """Start a load: forget which entries the last one used."""
        self.used = set()
        self.keys_of = {}
        self._texts_now = {}
        self._folders = {}  # a folder may have become a link since the last load

    def prune(self) -> None:
        """Drop the entries the load just finished did not use (edited-away texts)."""
        for key in set(self) - self.used:
            del self[key]
        self._texts, self._texts_now = self._texts_now, {}
        self._path_keys = {p: known for p, known in self._path_keys.items()
                           if p in self.keys_of}

    def read_text(self, tree: include.Tree, rel: str, read: Callable[[], str | list]
                  ) -> str | list:
        """An included file's text as ``read()`` gives it (or the findings that say why
        there is none). A live memo answers a plain file of the working tree from
        memory while its status on disk (:func:`~generator.checker.files.status`) is
        the one it had when it was read, so a save re-reads and re-hashes only the
        story file it touched, not the hundreds beside it.
        """
        where = None
        if self.live and isinstance(tree, include.Folder):
            head, tail = os.path.split(os.path.join(tree.root, rel))
            # the status before the read: a write during the read changes it, so
            # what the read got is kept under a status the file no longer has
            found = status(os.path.join(head, tail))
            where = (realpath(head, self._folders), tail, found) if found else None
        if where is None:
            return read()
        got = self._texts.get(where)
        if got is None:
            got = read()
            if not isinstance(got, str) or not settled(where[2]):
                return got
        self._texts_now[where] = got
        return got

    def key_of(self, text: str, path: str, kind: str) -> str:
        """:meth:`key`; a live memo does not hash again the very text object it last
        hashed for ``path`` (a file :meth:`read_text` answered from memory)."""
        if not self.live:
            return self.key(text, path, kind)
        known = self._path_keys.get(path)
        if known is not None and known[0] is text and known[1] == kind:
            return known[2]
        key = self.key(text, path, kind)
        self._path_keys[path] = (text, kind, key)
        return key

    @staticmethod
    def key(text: str, path: str, kind: str) -> str:
        """What a file's parse is kept under: a sha256 of its kind, path and text."""
        return hashlib.sha256(f"{kind}\0{path}\0{text}".encode("utf-8", "surrogatepass")
                              ).hexdigest()

    def parsed(self, text: str, path: str, kind: str, key: str | None = None) -> Parsed:
        """The parse of a file (``key``: its :meth:`key`, if worked out already)."""
        key = key or self.key(text, path, kind)
        self.used.add(key)
        self.keys_of[path] = key
        blob = self.get(key)
        if blob is not None:
            return blob if self.live else pickle.loads(blob)
        got = parse_file(text, path, kind)
        self[key] = got if self.live else pickle.dumps(got, protocol=pickle.HIGHEST_PROTOCOL)
        return got

    def keep_blob(self, key: str, blob: bytes) -> None:
        """Keep a parse a worker process made (pickled, as workers send them)."""
        self[key] = pickle.loads(blob) if self.live else blob

    def blobs(self) -> dict[str, bytes]:
        """Every parse, pickled (what the disk cache writes)."""
        return {key: value if isinstance(value, bytes)
                else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                for key, value in self.items()}


PARALLEL_BYTES = 2_000_000  # of story files to parse: less is parsed serially


def parse_many(items: list[tuple[str, str]], kind: str, memo: ParseMemo | None = None,
               jobs: int | None = None) -> dict[str, Parsed]:
    """Parse many files, ``(text, path)`` each; the parses by path.

    With a memo, the files parsed before are not parsed again. The others are
    parsed in worker processes when they are many (generator/checker/parallel.py);
    each worker's parses come back pickled, as the memo keeps them anyway.

    >>> got = parse_many([("claims: []\\n", "a.yaml")], "included")
    >>> got["a.yaml"].findings
    []
    """
    keys = [memo.key_of(text, path, kind) if memo is not None else "" for text, path in items]
    todo = [(text, path) for (text, path), key in zip(items, keys, strict=True)
            if memo is None or key not in memo]
    count = parallel.processes(sum(len(text) for text, _ in todo), PARALLEL_BYTES, jobs)
    blobs: dict[str, bytes] = {}
    ready: dict[str, Parsed] = {}
    if count > 1:
        # The workers inherit the texts: a task is the positions of its files.
        tasks = parallel.chunks(range(len(todo)), count * parallel.RUNS_PER_PROCESS,
                                weight=lambda k: len(todo[k][0]))
        # Without a memo the parses come back as they are: the files this process
        # parses itself are then never pickled and unpickled again.
        for done in parallel.run(_parse_blobs if memo is not None else _parse_files,
                                 (kind, todo), tasks, count):
            (blobs if memo is not None else ready).update(done)
    out = {}
    for (text, path), key in zip(items, keys, strict=True):
        if memo is not None:
            blob = blobs.get(path)
            if blob is not None:
                memo.keep_blob(key, blob)
            out[path] = memo.parsed(text, path, kind, key)
        else:
            got = ready.get(path)
            out[path] = got if got is not None else parse_file(text, path, kind)
    return out


def _parse_files(state: tuple[str, list], positions: list[int]) -> dict[str, Parsed]:
    """In a worker (or this process): parse files, ``state`` (kind, every file's
    (text, path)) at ``positions``."""
    kind, items = state
    return {path: parse_file(text, path, kind)
            for text, path in map(items.__getitem__, positions)}


def _parse_blobs(state: tuple[str, list], positions: list[int]) -> dict[str, bytes]:
    """In a worker: parse files, each pickled as the memo keeps it."""
    kind, items = state
    return {path: pickle.dumps(parse_file(text, path, kind), protocol=pickle.HIGHEST_PROTOCOL)
            for text, path in map(items.__getitem__, positions)}


def include_items(node: yaml.Node, key: str) -> list[tuple[str, Loc]]:
    """The text items of a top-level list, each with its location."""
    for key_node, value_node in node.value:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return [(item.value, node_loc(item)) for item in value_node.value
                    if isinstance(item, yaml.ScalarNode) and item.value.strip()]
    return []

