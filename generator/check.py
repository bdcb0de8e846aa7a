"""The citation check: from a loaded project to findings and resolved quotes.

Pure core: no MkDocs, no Jinja2, nothing printed. The CLI and the MkDocs plugin
both call :func:`check_file` (or :func:`check_project`) and decide what to do with
the findings.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import os
from collections.abc import Iterable

from .load import ClaimsFileError, gc_paused, load_project
from .model import (
    NOWHERE,
    Citation,
    CheckResult,
    Claim,
    Finding,
    Loc,
    Project,
    Resolution,
    Severity,
    Source,
    Stance,
    Summary,
)
from .textmatch import SourceText, fold, split_quote, word_count

MIN_WORDS = 4
NEAR_MISS = 0.9  # similarity above which a missing quote is a misquote, not a wrong source

__all__ = ["check_file", "check_project", "read_source", "ClaimsFileError"]


class _Report:
    def __init__(self, path: str):
        self.path = path
        self.findings: list[Finding] = []

    def add(self, loc: Loc | None, severity: Severity, code: str, message: str, *,
            claim: str | None = None, citation: int | None = None,
            suggestion: str | None = None) -> None:
        self.findings.append(Finding(self.path, loc or NOWHERE, severity, code, message,
                                     claim, citation, suggestion))

    def error(self, loc, code, message, **kw) -> None:
        self.add(loc, Severity.ERROR, code, message, **kw)

    def warn(self, loc, code, message, **kw) -> None:
        self.add(loc, Severity.WARNING, code, message, **kw)


def _did_you_mean(word: str, options: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return close[0] if close else None


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _duplicates(report: _Report, items, kind: str) -> dict:
    """Index items by id; a second item with the same id is a finding."""
    index: dict = {}
    for item in items:
        if item.id in index:
            first = index[item.id].locs.get("id", NOWHERE).line
            report.error(item.locs.get("id"), "duplicate-id",
                         f"duplicate {kind} id `{item.id}` (first defined at line {first}); "
                         "ids must be unique: rename one",
                         claim=item.id if kind == "claim" else None)
            continue
        index[item.id] = item
    return index


def read_source(root: str, source: Source) -> tuple[str | None, str | None, str | None]:
    """Read a source's text safely: (text, problem, actual sha256).

    The path must be relative and stay inside the project, even through symlinks.

    >>> read_source("/tmp", Source("x", "../etc/passwd", "t"))[1]
    'the path leaves the project folder: source files must live inside it'
    """
    if "\x00" in source.file:  # os.path would raise ValueError
        return None, "the path contains a NUL character", None
    if os.path.isabs(source.file):
        return None, "the path is absolute: write it relative to claims.yaml", None
    real_root = os.path.realpath(root)
    full = os.path.join(root, source.file)
    real = os.path.realpath(full)
    if os.path.commonpath([real_root, real]) != real_root:
        return None, "the path leaves the project folder: source files must live inside it", None
    if os.path.islink(full) and not os.path.exists(full):
        return None, "the file is a symlink to nothing", None
    if os.path.isdir(real):
        return None, "the path is a folder, not a text file", None
    try:
        with open(real, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return None, "no such file", None
    except OSError as exc:
        return None, f"cannot be read: {exc.strerror or exc}", None
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, (f"is not UTF-8: byte 0x{data[exc.start]:02x} at line {line}, "
                      f"column {column}; convert the file to UTF-8"), digest
    if "\x00" in text:
        return None, "is a binary file (it contains NUL bytes), not a text", digest
    return text, None, digest


def _expected_stance(project: Project, verdict_id: str) -> str:
    verdict = project.verdict(verdict_id)
    if verdict is None:
        return "any"
    if verdict.expects:
        return verdict.expects
    ratings = [v.rating for v in project.verdicts]
    middle = (max(ratings) + min(ratings)) / 2
    if verdict.rating > middle:
        return "supports"
    if verdict.rating < middle:
        return "contradicts"
    return "any"


class _Texts(dict):
    """The prepared sources by id, and for the wrong-source hint, all of them at once.

    A quote not found where cited is looked for in every other source. At newsroom
    scale (1,000 sources) one ``find`` over their normalized texts joined into one
    string costs far less than a thousand ``in`` tests; the joined corpus is built
    the first time a quote is missing.
    """

    _corpus: str | None = None

    def first_with_all(self, needles: list[str], skip: str) -> str | None:
        """The first source (in registry order) other than ``skip`` holding every needle.

        >>> texts = _Texts(a=SourceText("one two"), b=SourceText("two three"),
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
        at = corpus.find(anchor)
        while at >= 0:
            k = bisect.bisect_right(starts, at) - 1
            sid = self._ids[k]
            text = self[sid].norm.text
            if sid != skip and all(n in text for n in needles):
                return sid
            at = corpus.find(anchor, starts[k + 1]) if k + 1 < len(starts) else -1
        return None


def _quote_not_found(report: _Report, claim: Claim, cite: Citation, src: SourceText,
                     texts: _Texts, file: str) -> None:
    """Explain a missing quote: closest passage, word diff, or the right source."""
    loc = cite.locs.get("quote")
    kw = {"claim": claim.id, "citation": cite.index}
    if cite.prefix or cite.suffix:
        bare = src.find_all(cite.quote)
        if bare:
            which = " and ".join(k for k in ("prefix", "suffix") if getattr(cite, k))
            report.error(cite.locs.get("prefix") or cite.locs.get("suffix"),
                         "quote-not-found",
                         f"the quote occurs {_times(len(bare))} in `{cite.source}`, but "
                         f"never with this {which}; copy the text just around the "
                         "passage you mean", **kw)
            return
    pieces, _ = split_quote(cite.quote)
    missing = [p for p in pieces if not src.find_all(p)]
    if not missing:
        report.error(loc, "quote-not-found",
                     f"every part of this elided quote occurs in `{cite.source}`, but not "
                     "in this order within one paragraph; an elision must stay inside a "
                     "paragraph", **kw)
        return
    passage = src.closest(missing[0])
    # A near miss (a changed number, a dropped word) is a misquote of this source;
    # only a quote unlike anything here is worth looking for in every other source.
    elsewhere = None
    if passage is None or passage.similarity < NEAR_MISS:
        elsewhere = texts.first_with_all([fold(p).strip(" ") for p in pieces], cite.source)
    lines = [f"quote not found in `{cite.source}` ({file})"]
    if elsewhere:
        lines[0] += f"; it does occur in `{elsewhere}`: did you cite the wrong source?"
    suggestion = None
    if passage is not None and not elsewhere:
        lines.append(f"closest passage (paragraph {passage.paragraph}, "
                     f"{passage.similarity:.0%} similar): {passage.text}")
        lines.append(f"diff, [-quote-]{{+source+}}: {passage.diff}")
        lines.append("copy the source's words exactly, or cite the source that says this")
        suggestion = passage.text if len(pieces) == 1 else None
    report.error(loc, "quote-not-found", "\n".join(lines), suggestion=suggestion, **kw)


def _check_citation(report: _Report, sources: dict[str, Source], claim: Claim,
                    cite: Citation, texts: _Texts, resolutions: dict) -> None:
    kw = {"claim": claim.id, "citation": cite.index}
    loc = cite.locs.get("quote")
    source = sources.get(cite.source)
    if source is None:
        hint = _did_you_mean(cite.source, sources)
        report.error(cite.locs.get("source"), "unknown-source",
                     f"no registered source has the id `{cite.source}`"
                     + (f"; did you mean `{hint}`?" if hint else
                        "; add it under `sources` first"), suggestion=hint, **kw)
        return
    if word_count(cite.quote) < MIN_WORDS:
        report.warn(loc, "quote-too-short",
                    f"the quote has fewer than {MIN_WORDS} words, too few to anchor a "
                    "claim; quote a whole phrase", **kw)
    src = texts.get(cite.source)
    if src is None:
        return  # the source's own finding already says why it could not be read
    matches = src.find_all(cite.quote, cite.prefix, cite.suffix)
    if not matches:
        _quote_not_found(report, claim, cite, src, texts, source.file)
        return
    if len(matches) > 1:
        paras = ", ".join(str(m.paragraph) for m in matches[:6])
        report.warn(loc, "quote-ambiguous",
                    f"the quote occurs {_times(len(matches))} in `{cite.source}` "
                    f"(paragraphs {paras}); add a `prefix` or `suffix` with the words "
                    "just before or after the one you mean", **kw)
    match = matches[0]
    pieces, markers = split_quote(cite.quote)
    exact = src.exact(match, markers)
    resolutions[(claim.id, cite.index)] = Resolution(
        cite.source, match.start, match.end, match.paragraph, match.pieces, exact)
    if any(p != src.original[a:b]  # the same characters: nothing to fold (most quotes)
           and fold(p, punctuation=False).strip() != fold(src.original[a:b],
                                                          punctuation=False).strip()
           for p, (a, b) in zip(pieces, match.pieces)):
        report.warn(loc, "quote-normalized",
                    "the quote matches only after folding quotation marks, dashes or "
                    f"ellipses; the source reads exactly: {exact}", suggestion=exact, **kw)


def check_project(project: Project) -> CheckResult:
    """Check every citation of a loaded project; return findings and resolved quotes.

    >>> from generator.load import load_text
    >>> project, _ = load_text("sources: []\\nclaims: []\\n", "claims.yaml", ".")
    >>> check_project(project).findings
    []
    """
    with gc_paused():  # see load.gc_paused: a check allocates much and frees little
        return _check_project(project)


def _check_project(project: Project) -> CheckResult:
    report = _Report(project.path)
    _duplicates(report, project.verdicts, "verdict")
    sources = _duplicates(report, project.sources, "source")
    claims = _duplicates(report, project.claims, "claim")

    texts = _Texts()
    for source in sources.values():
        text, problem, digest = read_source(project.root, source)
        if problem:
            report.error(source.locs.get("file"), "source-unreadable",
                         f"source `{source.id}`: {source.file}: {problem}")
            continue
        if source.sha256 and digest != source.sha256:
            report.error(source.locs.get("sha256"), "source-changed",
                         f"source `{source.id}`: {source.file} has changed since it was "
                         f"registered (sha256 is now {digest}); sources are kept as "
                         "published: restore the file, or if the publisher corrected it, "
                         "record the new sha256 and log the correction",
                         suggestion=digest)
        texts[source.id] = SourceText(text)

    resolutions: dict = {}
    cited: set[str] = set()
    verdict_ids = [v.id for v in project.verdicts]
    total = 0
    for claim in claims.values():
        if project.verdict(claim.verdict) is None:
            hint = _did_you_mean(claim.verdict, verdict_ids)
            report.error(claim.locs.get("verdict"), "unknown-verdict",
                         f"`{claim.verdict}` is not on the verdict scale "
                         f"({', '.join(verdict_ids)})"
                         + (f"; did you mean `{hint}`?" if hint else ""),
                         claim=claim.id, suggestion=hint)
        for appeared in claim.appearance:
            if appeared not in sources:
                report.error(claim.locs.get("appearance"), "unknown-source",
                             f"`appearance` names `{appeared}`, which is not a registered "
                             "source", claim=claim.id)
        for cite in claim.citations:
            total += 1
            cited.add(cite.source)
            _check_citation(report, sources, claim, cite, texts, resolutions)
        expected = _expected_stance(project, claim.verdict)
        if expected != "any" and not any(c.stance is Stance(expected)
                                         for c in claim.citations):
            side = "supported" if expected == "supports" else "contradicted"
            report.warn(claim.locs.get("verdict"), "verdict-evidence",
                        f"verdict `{claim.verdict}` says the claim is {side} by the "
                        f"evidence, but no citation has `stance: {expected}`; cite that "
                        "evidence or reconsider the verdict", claim=claim.id)

    for source in sources.values():
        if source.id not in cited:
            report.warn(source.locs.get("id"), "unused-source",
                        f"source `{source.id}` is registered but no claim cites it; "
                        "cite it or remove it")

    findings = sorted(report.findings, key=Finding.sort_key)
    summary = Summary(
        claims=len(project.claims),
        citations=total,
        verified=len(resolutions),
        errors=sum(f.severity is Severity.ERROR for f in findings),
        warnings=sum(f.severity is Severity.WARNING for f in findings),
    )
    return CheckResult(project, findings, resolutions,
                       {sid: src.original for sid, src in texts.items()}, summary)


def check_file(path: str) -> CheckResult:
    """Load and check a claims file. Raises ClaimsFileError if it cannot be read."""
    with gc_paused():
        return _check_file(path)


def _check_file(path: str) -> CheckResult:
    project, findings = load_project(path)
    if project is None:
        findings = sorted(findings, key=Finding.sort_key)
        errors = sum(f.severity is Severity.ERROR for f in findings)
        return CheckResult(None, findings, summary=Summary(errors=errors))
    result = check_project(project)
    if findings:
        result.findings = sorted(findings + result.findings, key=Finding.sort_key)
        result.summary.errors += len(findings)
    return result
