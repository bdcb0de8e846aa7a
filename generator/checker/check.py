"""The citation check: from a loaded project to findings and resolved quotes.

Pure core: no MkDocs, no Jinja2, nothing printed. The CLI and the MkDocs plugin
both call :func:`check_file` (or :func:`check_project`) and decide what to do with
the findings.
"""

from __future__ import annotations

import os
import re

from generator.checker import anchors, desk, fanout, parallel, rules, severities
from generator.checker.cache_memory import CheckCache
from generator.checker.collector import Collector
from generator.checker.excerpts import FULL, publish_of
from generator.checker.lints import findings as lints
from generator.checker.load import ClaimsFileError, load_text, read_claims
from generator.checker.model import (
    NOWHERE,
    CheckResult,
    Citation,
    Claim,
    Finding,
    Project,
    Resolution,
    Severity,
    Source,
    Stance,
    Summary,
    first_by_id,
)
from generator.checker.normalize import LINE_BREAK
from generator.checker.sources import (
    NEAR_MISS,
    Elsewhere,
    PreparedSources,
    boilerplate_spans,
    read_beside,
    read_sources,
    settle,
)
from generator.checker.textmatch import SourceText, fold, split_quote, word_count
from generator.checker.wording import did_you_mean, times
from generator.checker.yamlwrite import yaml_scalar

MIN_WORDS = 4

__all__ = ["check_file", "check_project", "expected_stance", "ClaimsFileError"]


def _duplicates(found: Collector, items, kind: str) -> dict:
    """Index items by id; a second item with the same id, in any file, is a finding.

    The message names the first place as ``path:line``: with stories in many
    files, an editor needs both to choose which to rename.
    """
    index, repeats = first_by_id(items)
    for item in repeats:
        first = index[item.id]
        where = f"{first.origin or found.path}:{first.locs.get('id', NOWHERE).line}"
        found.add(rules.DUPLICATE_ID, item.locs.get("id"),
                  f"duplicate {kind} id `{item.id}` (first defined at {where}); "
                  "ids must be unique across all claims files: rename one",
                  claim=item.id if kind == "claim" else None, path=item.origin)
    return index


def _check_stories(found: Collector, project: Project) -> None:
    """Stories and the author registry: unique ids, bylines that name known people."""
    _duplicates(found, project.authors, "author")
    _duplicates(found, project.speakers, "speaker")
    _duplicates(found, project.stories, "story")
    known = [a.id for a in project.authors]
    for story in project.stories:
        for author in story.authors:
            if author not in known:
                hint = did_you_mean(author, known)
                found.add(rules.UNKNOWN_AUTHOR, story.locs.get("authors"),
                          f"story `{story.id}` names the author `{author}`, who is not "
                          "in the `authors` registry of claims.yaml"
                          + (f"; did you mean `{hint}`?" if hint else
                             "; add them there first"),
                          suggestion=hint, path=story.origin)
        if story.updated and story.updated < story.published:
            found.add(rules.SCHEMA, story.locs.get("updated"),
                      f"story `{story.id}` is `updated` ({story.updated}) before it "
                      f"was `published` ({story.published}); fix one of the dates",
                      path=story.origin)


def _check_settings(found: Collector, project: Project) -> None:
    """The publication's excerpt settings must be counts that make sense."""
    for key, least in (("context_words", 0), ("max_quote_words", 1)):
        value = getattr(project, key)
        if value < least:
            found.add(rules.SCHEMA, project.locs.get(key),
                      f"`{key}` must be {least} or more, not {value}")


def expected_stance(project: Project, verdict_id: str) -> str:
    """The stance of evidence a verdict asks for: its ``expects``, else ``supports``
    above the middle of the scale's ratings, ``contradicts`` below it, ``any`` at it.

    >>> from generator.checker.load import load_text
    >>> project, _ = load_text("sources: []\\nclaims: []\\n", "claims.yaml", ".")
    >>> [expected_stance(project, v.id) for v in project.verdicts]
    ['supports', 'supports', 'any', 'contradicts', 'contradicts']
    """
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


def _quote_not_found(found: Collector, claim: Claim, cite: Citation, src: SourceText,
                     file: str) -> None:
    """Explain a missing quote: closest passage, word diff, or (once :func:`settle`
    has searched the others) the right source."""
    loc = cite.locs.get("quote")
    kw = {"claim": claim.id, "citation": cite.index, "path": claim.origin}
    if cite.prefix or cite.suffix:
        bare = src.find_all(cite.quote)
        if bare:
            which = " and ".join(k for k in ("prefix", "suffix") if getattr(cite, k))
            real, hint = _real_anchors(cite, src, bare)
            found.add(rules.QUOTE_NOT_FOUND,
                      cite.locs.get("prefix") or cite.locs.get("suffix"),
                      f"the quote occurs {times(len(bare))} in `{cite.source}`, but "
                      f"never with this {which}; copy the text just around the "
                      "passage you mean" + "".join(f"\n{line}" for line in real),
                      suggestion=hint, **kw)
            return
    pieces, _ = split_quote(cite.quote)
    if not all(fold(p).strip(" ") for p in pieces):
        found.add(rules.QUOTE_NOT_FOUND, loc,
                  "two elisions follow each other with no words between them (or one "
                  "stands alone): write a single `[...]` for each gap", **kw)
        return
    missing = [p for p in pieces if not src.find_all(p)]
    if not missing:
        found.add(rules.QUOTE_NOT_FOUND, loc,
                  f"every part of this elided quote occurs in `{cite.source}`, but not "
                  "in this order within one paragraph; an elision must stay inside a "
                  "paragraph", **kw)
        return
    for piece in missing:
        if _spans_page_break(found, cite, src, piece, kw):
            return
    passage = src.closest(missing[0])
    lines = [f"quote not found in `{cite.source}` ({file})"]
    suggestion = None
    if passage is not None:
        lines.append(f"closest passage (paragraph {passage.paragraph}, "
                     f"{passage.similarity:.0%} similar): {passage.text}")
        lines.append(f"diff, [-quote-]{{+source+}}: {passage.diff}")
        lines.append("copy the source's words exactly, or cite the source that says this")
        suggestion = passage.text if len(pieces) == 1 else None
    found.add(rules.QUOTE_NOT_FOUND, loc, "\n".join(lines), suggestion=suggestion, **kw)
    # A near miss (a changed number, a dropped word) is a misquote of this source;
    # only a quote unlike anything here is worth looking for in every other source.
    if passage is None or passage.similarity < NEAR_MISS:
        found.findings[-1] = Elsewhere(found.findings[-1], lines[0],
                                       [fold(p).strip(" ") for p in pieces], cite.source)


def _spans_page_break(found: Collector, cite: Citation, src: SourceText, piece: str,
                      kw: dict) -> bool:
    """Say so when a quote piece runs across page furniture (a page number, a running
    head) that the source has on lines of its own: it is never skipped silently."""
    cut = src.interruption(piece)
    if cut is None:
        return False
    words = fold(piece).strip(" ").split(" ")
    left, right = " ".join(words[:cut.split]), " ".join(words[cut.split:])
    elided = cite.quote.replace(piece, f"{left} [...] {right}", 1)
    fits = bool(src.find_all(elided, cite.prefix, cite.suffix))
    between = " / ".join(line.strip() for line in cut.between.splitlines() if line.strip())
    found.add(rules.QUOTE_NOT_FOUND, cite.locs.get("quote"),
              f"the quote runs across a page break or running head in `{cite.source}`: "
              f"between “…{_edge(cut.before, -1)}” and "
              f"“{_edge(cut.after, 0)}…” the source has, on lines of their "
              f"own: “{between}”; the check never skips text inside a quote: "
              + (f"mark the gap with an elision: {elided}" if fits else
                 "quote the words before it or after it (an elision `[...]` may not "
                 "cross a paragraph break)"),
              suggestion=elided if fits else None, **kw)
    return True


def _edge(text: str, side: int, count: int = 4) -> str:
    """The first (side 0) or last (side -1) few words of a passage, on one line."""
    words = text.split()
    return " ".join(words[-count:] if side else words[:count])


def _para(src: SourceText, match) -> tuple[int, int]:
    return src.paras[match.paragraph - 1] if src.paras else (0, len(src.original))


def _candidates(src: SourceText, matches: list) -> list[str]:
    """One line per occurrence: the prefix (or suffix) that picks it, to paste."""
    picks = anchors.distinguishing(src.original, [(m.start, m.end) for m in matches],
                                   [_para(src, m) for m in matches])
    return [f"paragraph {m.paragraph}: {kind}: {yaml_scalar(words)}"
            for m, (kind, words) in zip(matches, picks, strict=False) if kind]


def _real_anchors(cite: Citation, src: SourceText, bare: list) -> tuple[list[str],
                                                                         str | None]:
    """The real words around the quote's occurrences nearest to the prefix/suffix
    written, as lines to show and the suggestion (for a lone prefix or suffix)."""
    lines, hint = [], None
    for key, around in (("prefix", anchors.words_before), ("suffix", anchors.words_after)):
        written = getattr(cite, key)
        if not written:
            continue
        count = len(written.split())
        real = [around(src.original, m.start if key == "prefix" else m.end,
                       _para(src, m)[0 if key == "prefix" else 1], count) for m in bare]
        real = [r for r in real if r]
        best = real[0] if len(set(real)) == 1 else anchors.nearest(written, real)
        if best:
            lines.append(f"the {'nearest ' if len(set(real)) > 1 else ''}real {key}: "
                         f"{yaml_scalar(best)}")
            hint = best if not (cite.prefix and cite.suffix) else None
    return lines, hint


def _check_length(found: Collector, project: Project, source: Source, cite: Citation,
                  kw: dict) -> None:
    """A long quote from a source the site does not publish in full: fair quotation
    is short (quote-too-long; short ones are quote-too-short)."""
    words = word_count(cite.quote)
    if words < MIN_WORDS:
        found.add(rules.QUOTE_TOO_SHORT, cite.locs.get("quote"),
                  f"the quote has fewer than {MIN_WORDS} words, too few to anchor a "
                  "claim; quote a whole phrase", **kw)
    shown = publish_of(project, source)
    if words > project.max_quote_words and shown != FULL:
        found.add(rules.QUOTE_TOO_LONG, cite.locs.get("quote"),
                  f"the quote has {words} words, more than `max_quote_words` "
                  f"({project.max_quote_words}) for `{cite.source}`, which the site "
                  f"publishes as `{shown}`; quote only the words that carry the "
                  "evidence (elide the rest with ` ... `), or give the source "
                  "`publish: full` if the newsroom may republish it", **kw)


def _check_citation(found: Collector, project: Project, sources: dict[str, Source],
                    claim: Claim, cite: Citation, texts: PreparedSources,
                    resolutions: dict) -> None:
    kw = {"claim": claim.id, "citation": cite.index, "path": claim.origin}
    loc = cite.locs.get("quote")
    source = sources.get(cite.source)
    if source is None:
        hint = did_you_mean(cite.source, sources)
        found.add(rules.UNKNOWN_SOURCE, cite.locs.get("source"),
                  f"no registered source has the id `{cite.source}`"
                  + (f"; did you mean `{hint}`?" if hint else
                     "; add it under `sources` first"), suggestion=hint, **kw)
        return
    _check_length(found, project, source, cite, kw)
    src = texts.get(cite.source)
    if src is None:
        return  # the source's own finding already says why it could not be read
    matches = src.find_all(cite.quote, cite.prefix, cite.suffix)
    if not matches:
        _quote_not_found(found, claim, cite, src, source.file)
        return
    if len(matches) > 1:
        paras = ", ".join(str(m.paragraph) for m in matches[:6])
        found.add(rules.QUOTE_AMBIGUOUS, loc,
                  f"the quote occurs {times(len(matches))} in `{cite.source}` "
                  f"(paragraphs {paras}); add a `prefix` or `suffix` with the words "
                  "just before or after the one you mean"
                  + "".join(f"\n{line}" for line in _candidates(src, matches[:6])), **kw)
    match = matches[0]
    pieces, markers = split_quote(cite.quote)
    exact = src.exact(match, markers)
    resolutions[(claim.id, cite.index)] = Resolution(
        cite.source, match.start, match.end, match.paragraph, match.pieces, exact)
    if any(_folds_apart(p, src.original[a:b])
           for p, (a, b) in zip(pieces, match.pieces, strict=False)):
        found.add(rules.QUOTE_NORMALIZED, loc,
                  "the quote matches only after folding quotation marks, dashes or "
                  f"ellipses; the source reads exactly: {exact}", suggestion=exact, **kw)


# A hyphen before a line break: folding may join the word it breaks (normalize.py).
_HYPHEN_AT_BREAK = re.compile(rf"[-\u2010\u00ad]{LINE_BREAK}")


def _folds_apart(quoted: str, source: str) -> bool:
    """Whether a quote's piece and the source's text it matched differ once the
    layout is folded (whitespace, invisible characters, ligatures, hyphen breaks),
    i.e. only through punctuation: then the quote is `quote-normalized`.

    >>> _folds_apart("a b", "a\\nb"), _folds_apart("“a” b", '"a" b')
    (False, True)
    """
    if quoted == source:  # the same characters: nothing to fold (most quotes)
        return False
    if _same_words(quoted, source):
        return False
    return fold(quoted, punctuation=False).strip() != fold(source,
                                                           punctuation=False).strip()


def _same_words(quoted: str, source: str) -> bool:
    """True only where folding the layout makes the two alike: the same words
    between runs of whitespace, which folding makes one space each (and invisible
    characters beside them, nothing), where no hyphen stands before a line break.
    Most quotes differ from their source only by where its lines break."""
    return (quoted.split() == source.split() and _HYPHEN_AT_BREAK.search(quoted) is None
            and _HYPHEN_AT_BREAK.search(source) is None)


def check_project(project: Project, cache: CheckCache | None = None, jobs: int | None = 1,
                  lint: bool = True, reading: parallel.Later | None = None) -> CheckResult:
    """Check every citation of a loaded project; return findings and resolved quotes.

    With a :class:`~generator.checker.cache_memory.CheckCache` from an earlier check, claims
    whose text, and sources whose content, did not change are not checked again.
    ``jobs``: how many processes may share the work (see :func:`check_file`);
    ``lint``: False leaves the lints out (the rules' severities still apply);
    ``reading``: the sources being read (:func:`~generator.checker.sources.read_beside`).

    >>> from generator.checker.load import load_text
    >>> project, _ = load_text("sources: []\\nclaims: []\\n", "claims.yaml", ".")
    >>> check_project(project).findings
    []
    """
    def expected(claim: Claim) -> str:
        return expected_stance(project, claim.verdict)

    result, ready = _check_project(project, cache, jobs, expected, lint, reading)
    if not lint:
        result.findings = sorted(severities.apply_severities(result.findings, project.rules),
                                 key=Finding.sort_key)
        result.summary = severities.summarize(result.findings, result.summary)
        return result
    return lints.apply(result, expected, cache, ahead=ready)


def _check_one(found: Collector, project: Project, claim: Claim, sources: dict,
               texts: PreparedSources, into: dict, cache: CheckCache | None,
               ready: tuple | None = None) -> tuple | None:
    """Check one claim and its citations, or replay its results from the cache, or
    take the findings and resolutions a worker process found (``ready``); return
    what to store in the cache once its findings are settled (:func:`settle`)."""
    key = cache.key(project, claim) if cache is not None else None
    if cache is not None and cache.replay(key, claim, found.findings, into):
        return None
    mark = len(found.findings)
    if ready is not None:
        found.findings += ready[0]
        into.update(ready[1])
    else:
        _check_claim(found, project, claim, sources)
        for cite in claim.citations:
            _check_citation(found, project, sources, claim, cite, texts, into)
    return (key, claim, mark, len(found.findings), into) if cache is not None else None


def _check_claim(found: Collector, project: Project, claim: Claim,
                 sources: dict[str, Source]) -> None:
    """The claim's own fields: its verdict, where it appeared, the evidence it needs."""
    if project.verdict(claim.verdict) is None:
        verdict_ids = [v.id for v in project.verdicts]
        hint = did_you_mean(claim.verdict, verdict_ids)
        found.add(rules.UNKNOWN_VERDICT, claim.locs.get("verdict"),
                  f"`{claim.verdict}` is not on the verdict scale "
                  f"({', '.join(verdict_ids)})"
                  + (f"; did you mean `{hint}`?" if hint else ""),
                  claim=claim.id, suggestion=hint, path=claim.origin)
    for appeared in claim.appearance:
        if appeared not in sources:
            found.add(rules.UNKNOWN_SOURCE, claim.locs.get("appearance"),
                      f"`appearance` names `{appeared}`, which is not a registered "
                      "source", claim=claim.id, path=claim.origin)
    expected = expected_stance(project, claim.verdict)
    # Support from the claim's own appearances alone is `self-support` (a lint), which
    # says more than this would; an appearance is never counted as support there.
    if expected != "any" and not any(c.stance is Stance(expected)
                                     for c in claim.citations):
        side = "supported" if expected == "supports" else "contradicted"
        found.add(rules.VERDICT_EVIDENCE, claim.locs.get("verdict"),
                  f"verdict `{claim.verdict}` says the claim is {side} by the "
                  f"evidence, but no citation has `stance: {expected}`; cite that "
                  "evidence or reconsider the verdict", claim=claim.id,
                  path=claim.origin)


def _check_project(project: Project, cache: CheckCache | None = None, jobs: int | None = 1,
                   expected=None, later: bool = False, reading: parallel.Later | None = None
                   ) -> tuple[CheckResult, fanout.Ahead | None]:
    """The check, the lints left out. ``later``: when worker processes checked the
    claims (and no cache waits for the findings), the wrong-source hints are
    searched for in one of them while this process lints: the result's findings and
    summary are filled in by ``ahead.finish()``, which the lints call."""
    found = Collector(project.path)
    _duplicates(found, project.verdicts, "verdict")
    sources = _duplicates(found, project.sources, "source")
    claims = _duplicates(found, project.claims, "claim")
    _check_stories(found, project)
    desk.check(found, project)
    _check_settings(found, project)
    texts = read_sources(found, project, sources, cache,  # read by the workers-to-be
                         fanout.processes(project, cache, jobs) if cache is None else 1,
                         reading)
    boilerplate = boilerplate_spans(found, sources, texts)
    ready = fanout.ahead(project, sources, texts, boilerplate, cache, expected, jobs)

    resolutions: dict = {}
    cited: set[str] = set()
    total = 0
    repeated: dict = {}  # a repeated id is one finding; its claim is checked all the same
    stores = []
    for position, claim in enumerate(project.claims):
        into = resolutions if claims.get(claim.id) is claim else repeated
        stores.append(_check_one(found, project, claim, sources, texts, into, cache,
                                 ready.checks.get(position) if ready is not None else None))
        total += len(claim.citations)
        cited.update(cite.source for cite in claim.citations)
    later = later and ready is not None and cache is None
    settled = settle(found.findings, texts, later)
    if not later:
        settled()
    for key, claim, start, end, into in filter(None, stores):
        cache.store(key, claim, found.findings[start:end], into)

    for source in sources.values():
        if source.id not in cited and not project.partial:
            found.add(rules.UNUSED_SOURCE, source.locs.get("id"),
                      f"source `{source.id}` is registered but no claim cites it; "
                      "cite it or remove it", path=source.origin)

    result = CheckResult(project, [], resolutions, texts, Summary(), dict(project.texts),
                         boilerplate)

    def finish() -> None:
        if later:
            settled()
        result.findings = sorted(found.findings, key=Finding.sort_key)
        result.summary = severities.summarize(result.findings, Summary(
            claims=len(project.claims), citations=total,
            verified=len(resolutions) + len(repeated)))
    if later:
        ready.finish = finish
    else:
        finish()
    return result, ready


def check_file(path: str, cache: CheckCache | None = None,
               jobs: int | None = None, lint_broken: bool = True) -> CheckResult:
    """Load and check a claims file. Raises ClaimsFileError if it cannot be read.

    ``jobs``: how many processes may share the work (None: ``FACTCHECK_JOBS``, else
    one per core for a large publication; see generator/checker/parallel.py).
    ``lint_broken``: False leaves the lints out when loading found an error (a
    story file that no longer parses). The preview does: that build fails anyway,
    and the lints of a publication whose claims went missing, every claim citing
    their sources linted again, would only keep the error banner waiting.
    """
    text, findings = read_claims(path)
    project, reading = None, []  # with no cache, sources are read while stories parse

    def beside(loaded: Project) -> bool:
        reading.append(read_beside(loaded, jobs))
        return reading[0] is not None
    if text is not None and not findings:
        project, findings = load_text(text, path, os.path.dirname(os.path.abspath(path)),
                                      memo=cache.parses if cache is not None else None,
                                      jobs=jobs, beside=beside if cache is None else None)
    if project is None:
        findings = sorted(findings, key=Finding.sort_key)
        return CheckResult(None, findings, summary=severities.summarize(findings, Summary()),
                           files={path: text} if text is not None else {})
    broken = any(f.severity is Severity.ERROR for f in findings)
    result = check_project(project, cache, jobs, lint_broken or not broken,
                           reading[0] if reading else None)
    if findings:
        result.findings = sorted(findings + result.findings, key=Finding.sort_key)
        result.summary = severities.summarize(result.findings, result.summary)
    return result
