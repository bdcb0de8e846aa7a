"""Read claims.yaml into a :class:`~generator.checker.model.Project`, keeping every location.

PyYAML's composer gives nodes that carry start and end marks; plain ``safe_load``
throws them away and silently keeps the last of two duplicate keys. So the loader
composes, then walks the nodes itself against the tables in :mod:`generator.checker.schema`,
collecting every problem instead of stopping at the first.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from generator.checker import include, parallel, rules
from generator.checker.errors import CommandError
from generator.checker.model import (
    Claim,
    Finding,
    Loc,
    Project,
    Story,
    Verdict,
)
from generator.checker.parsememo import PARALLEL_BYTES, ParseMemo, parse_file, parse_many
from generator.checker.wording import N_
from generator.checker.yamlsyntax import decode

DEFAULT_VERDICTS = (
    Verdict("accurate", N_("Accurate"), 5,
            N_("The cited sources support the claim as stated."), "#1a7f37"),
    Verdict("mostly-accurate", N_("Mostly accurate"), 4,
            N_("Supported in substance, with a detail wrong or missing."), "#4d8a1f"),
    Verdict("mixed", N_("Mixed"), 3,
            N_("The sources disagree, or support only part of it."), "#9a6700"),
    Verdict("misleading", N_("Misleading"), 2,
            N_("Contains fact but leaves a false impression."), "#bc4c00"),
    Verdict("inaccurate", N_("Inaccurate"), 1,
            N_("The cited sources contradict the claim."), "#cf222e"),
)

LISTS = {"sources": "the registry of source texts", "claims": "the fact-checked claims"}


class ClaimsFileError(CommandError):
    """claims.yaml could not be read at all (missing, a directory, unreadable)."""


# -- mappings whose keys the editor names (rules:, hedges:) ---------------------


def load_text(text: str, path: str, root: str, tree: include.Tree | None = None,
              memo: ParseMemo | None = None, jobs: int | None = None,
              beside: Callable[[Project], bool] | None = None
              ) -> tuple[Project | None, list[Finding]]:
    """Validate claims.yaml's text and every file it includes; return the project
    (None if unusable) and findings.

    Included files are read from ``tree`` (default: the folder ``root``); each is
    named in findings by its path from where ``path`` is (``stories/a.yaml`` for
    ``claims.yaml``), so an editor can open it from the same place. With a
    :class:`ParseMemo`, an included file parsed before is not parsed again, and the
    memo keeps only what this load used. ``jobs``: processes to parse the included
    files with (see generator/checker/parallel.py; None: automatic). ``beside``:
    called with the project once claims.yaml is loaded and the files it includes are
    read, if they are many enough to be parsed by several processes; True means it
    began work in another process, and the parse has one process fewer.

    >>> project, findings = load_text("sources: []\\nclaims: []\\n", "claims.yaml", ".")
    >>> (len(project.claims), findings)
    (0, [])
    """
    if memo is None:
        return _load_text(text, path, root, tree or include.Folder(root), jobs=jobs,
                          beside=beside)
    memo.begin()
    got = _load_text(text, path, root, tree or include.Folder(root), memo, jobs, beside)
    memo.prune()
    return got


def _load_text(text: str, path: str, root: str, tree: include.Tree,
               memo: ParseMemo | None = None, jobs: int | None = None,
               beside: Callable[[Project], bool] | None = None
               ) -> tuple[Project | None, list[Finding]]:
    parsed = memo.parsed_root(text, path) if memo is not None else parse_file(text, path, "root")
    # copies: a live memo hands out the same parse again (see ParseMemo)
    got, findings, written = parsed.got, list(parsed.findings), parsed.written
    if got is None:
        return None, findings
    values, locs = got
    lists = ("sources", "claims")
    if "include" not in written:  # format v1: one file holds everything
        for key in lists:
            if key not in written:
                findings.append(rules.SCHEMA.finding(
                    path, parsed.head,
                    f"the file is missing the required field `{key}` ({LISTS[key]}); "
                    "only a claims.yaml that lists story files under `include` may "
                    "leave it out"))
        if any(key not in values for key in lists):
            return None, findings  # nothing to check against
    elif any(key in written and key not in values for key in lists):
        return None, findings  # a list too broken to check anything against
    project = Project(
        path=path,
        root=root,
        verdicts=values.get("verdicts") or [_copy(v) for v in DEFAULT_VERDICTS],
        sources=list(values.get("sources") or []),
        claims=list(values.get("claims") or []),
        text=text,
        authors=values.get("authors") or [],
        speakers=values.get("speakers") or [],
        texts={path: text},
        rules=values.get("rules") or {},
        hedges=values.get("hedges") or {},
        language=values.get("language") or "en",
        second_check=values.get("second_check"),
        locs=locs,
        **{key: values[key] for key in ("publish", "context_words", "max_quote_words")
           if values.get(key) is not None},
    )
    patterns = parsed.includes
    if patterns and values.get("include") is not None:
        findings += _load_included(project, patterns, tree, memo, jobs, beside)
    return project, findings


def _load_included(project: Project, patterns: list[tuple[str, Loc]],
                   tree: include.Tree, memo: ParseMemo | None,
                   jobs: int | None = None,
                   beside: Callable[[Project], bool] | None = None) -> list[Finding]:
    """Read every file the patterns match, once each, in pattern then name order.

    The files are read and decoded first, then parsed (in worker processes when
    there are many: see generator/checker/parallel.py), then taken in order. When
    they are that many, ``beside`` may take one of those processes first."""
    findings: list[Finding] = []
    folder = os.path.dirname(project.path)
    seen = {os.path.basename(project.path)}
    steps: list = []  # findings of a pattern, or (name, text or findings) of a file
    for pattern, loc in patterns:
        problem = include.bad_pattern(pattern)
        matched = [] if problem else include.glob(tree, pattern)
        if problem or not matched:
            why = problem or "it matches no file"
            steps.append([rules.SCHEMA.finding(project.path, loc,
                                               f"cannot include `{pattern}`: {why}")])
            continue
        for rel in matched:
            if rel in seen:
                continue
            seen.add(rel)
            name = os.path.normpath(os.path.join(folder, rel)) if folder else rel
            steps.append((name, _read_one(project, name, rel, tree, loc, pattern, memo)))
    texts = [(got, name) for step in steps if isinstance(step, tuple)
             for name, got in [step] if isinstance(got, str)]
    count = parallel.processes(sum(len(text) for text, _ in texts), PARALLEL_BYTES, jobs)
    if count > 1 and beside is not None and beside(project):
        jobs = count - 1
    parsed = parse_many(texts, "included", memo, jobs)
    for step in steps:
        if isinstance(step, list):
            findings += step
            continue
        name, got = step
        if isinstance(got, list):
            findings += got
            continue
        project.texts[name] = got
        findings += _take_one(project, parsed[name])
    return findings


def _read_one(project: Project, name: str, rel: str, tree: include.Tree, loc: Loc,
              pattern: str, memo: ParseMemo | None = None) -> str | list[Finding]:
    """An included file's text, or the findings that say why it has none (a live
    ``memo`` answers an unchanged file: :meth:`ParseMemo.read_text`)."""
    def read() -> str | list[Finding]:
        try:
            data = tree.read(rel)
        except OSError as exc:
            return [rules.SCHEMA.finding(project.path, loc,
                                         f"`{pattern}` matches {name}, which cannot be "
                                         f"read: {exc.strerror or exc}")]
        text, findings = decode(data, name)
        return findings if text is None else text
    return read() if memo is None else memo.read_text(tree, rel, read)


def _take_one(project: Project, parsed) -> list[Finding]:
    """Add what an included file holds (its story, sources, claims) to the project."""
    got, findings, written = parsed.got, parsed.findings, parsed.written
    if got is None or any(key in written and key not in got[0]
                          for key in ("sources", "claims")):
        project.partial = True  # what it registers or cites is unknown
        return findings
    values, _locs = got
    story: Story | None = values.get("story")
    claims: list[Claim] = values.get("claims") or []
    if story is not None:
        story.claims = [c.id for c in claims]
        for claim in claims:
            claim.story = story.id
        project.stories.append(story)
    project.sources += values.get("sources") or []
    project.claims += claims
    return findings


def _copy(verdict: Verdict) -> Verdict:
    return Verdict(verdict.id, verdict.label, verdict.rating, verdict.description,
                   verdict.color, verdict.expects)


def read_claims(path: str) -> tuple[str | None, list[Finding]]:
    """Read claims.yaml as text (without a byte-order mark).

    A file that is not UTF-8 gives a finding, and its text decoded leniently so a
    report can still show the line at fault. Raises :class:`ClaimsFileError` when
    the file cannot be read at all.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ClaimsFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    text, findings = decode(data, path)
    if text is None:
        return data.decode("utf-8", "replace").removeprefix("\ufeff"), findings
    return text, findings


def load_project(path: str) -> tuple[Project | None, list[Finding]]:
    """Read and validate the claims file at ``path`` and the files it includes.

    Raises :class:`ClaimsFileError` when the file cannot be read at all; every
    problem inside it, or in a file it includes, comes back as a finding instead.
    """
    text, findings = read_claims(path)
    if findings:
        return None, findings
    root = os.path.dirname(os.path.abspath(path))
    return load_text(text, path, root)
