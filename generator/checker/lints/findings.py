"""The lints as findings: a pass over a finished check.

The citation check proves each quote occurs in its source and records where
(``CheckResult.resolutions``); this pass reads those spans and the project to ask
what a verbatim check cannot: is the quote fair to its sentence, are two sources
really two, do the claim's figures and dates hold. Then it applies the project's
``rules:`` severities. Kept out of check.py's loop so that each lint stays a pure
analysis (the modules beside this one) and this module only words the findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from generator.checker import rules, severities
from generator.checker.lints import origins, provenance
from generator.checker.lints.published import Published
from generator.checker.model import CheckResult, Claim, Finding, Loc, Project, Stance, first_by_id

if TYPE_CHECKING:
    from generator.checker.lints.hedges import DroppedMemo, WordLists

# hedges, numbers and weekdays are imported where used: a check whose claims all
# come from the cache never needs them, and `factcheck check` starts faster.


RULES = (rules.QUOTE_DROPS_HEDGE, rules.SINGLE_ORIGIN, rules.POSSIBLE_RELAY,
         rules.SELF_SUPPORT, rules.APPEARANCE_AS_SUPPORT, rules.NO_APPEARANCE,
         rules.VERDICT_ORIGINS, rules.NUMBER_MISMATCH, rules.WEEKDAY_MISMATCH,
         rules.PROSE_QUOTE_NOT_FOUND)


def _finding(project: Project, item, loc: Loc | None, rule: rules.Rule, message: str,
             **kw) -> Finding:
    """A finding in the claims file ``item`` (a claim or source) was declared in."""
    return rule.finding(getattr(item, "origin", "") or project.path, loc, message, **kw)


def _words(words: tuple[str, ...]) -> str:
    return ", ".join(f"“{w}”" for w in dict.fromkeys(words))


REPORTING = re.compile(r"(?<!\w)(?:called|calls|labell?ed|described|describes|declared|"
                       r"condemned|warned|urged|denied|admitted|acknowledged|alleged|"
                       r"claimed|announced|confirmed|posted)(?!\w)", re.IGNORECASE)


def _presents_as_fact(claim: Claim, lists: WordLists) -> bool:
    """A claim that itself says who said it ("Russia said ...") is not presented as fact.

    >>> from generator.checker.lints.hedges import WordLists
    >>> lists = WordLists.merged()
    >>> [_presents_as_fact(Claim("c", text, "v", "s", []), lists) for text in
    ...  ("Troops crossed the border.", "Putin called it a provocation.")]
    [True, False]
    """
    return not ("attributions" in lists.spans(claim.claim) or REPORTING.search(claim.claim))


def _hedges(project: Project, claim: Claim, texts: Mapping[str, str], result: CheckResult,
            lists: WordLists, memo: DroppedMemo) -> Iterator[Finding]:
    from generator.checker.lints.hedges import KIND_NAMES, together

    as_fact = None
    for cite in claim.citations:
        res = result.resolutions.get((claim.id, cite.index))
        if res is None or cite.stance is Stance.CONTEXT:
            continue
        kinds = ["hedges", "negations", "qualifiers"]
        if cite.stance is Stance.SUPPORTS:
            if as_fact is None:
                as_fact = _presents_as_fact(claim, lists)
            if as_fact:
                kinds.append("attributions")
        src = result.sources.get(res.source)
        found = memo.dropped(res.source, texts[res.source], res.pieces, lists, kinds,
                             src.sentences if src is not None else None)
        if not found:
            continue
        what = "; ".join(f"{KIND_NAMES[d.kind]} ({_words(d.words)})" for d in found)
        sentence, widened = together(texts[res.source], found)
        yield _finding(
            project, claim, cite.locs.get("quote"), rules.QUOTE_DROPS_HEDGE,
            f"the quote leaves out words of its own sentence that govern what it "
            f"says: {what}\n"
            f"the sentence in `{res.source}`, dropped words marked >>so<<: {sentence}\n"
            f"quote it fairly: keep those words (quote: {widened}), or cite it with "
            "`stance: context` and say in the summary what the source does claim",
            claim=claim.id, citation=cite.index, suggestion=widened)


def _supporting(claim: Claim) -> list[str]:
    """The sources of the claim's support, its own appearances left out."""
    return [c.source for c in claim.citations
            if c.stance is Stance.SUPPORTS and c.source not in claim.appearance]


def _independence(project: Project, claim: Claim, groups: Mapping[str, str],
                  speakers: origins.Speakers, expected,
                  relays: Mapping[str, Sequence[str]]) -> Iterator[Finding]:
    """Appearances offered as support, and support counted by origin."""
    kw = {"claim": claim.id}
    if claim.claimant and not claim.appearance:
        yield _finding(project, claim, claim.locs.get("claimant"), rules.NO_APPEARANCE,
                       "the claim names a claimant but no `appearance`: list the sources "
                       "in which the claim is made, so that they are never counted as "
                       "its support", **kw)
    found = origins.support(claim, groups, speakers)
    for cite in found.appeared:
        yield _finding(project, claim, cite.locs.get("stance"), rules.APPEARANCE_AS_SUPPORT,
                       f"`{cite.source}` is one of the claim's appearances: an appearance "
                       "states the claim, it cannot confirm it; mark it `context`, and "
                       "rest the verdict on independent sources",
                       citation=cite.index, **kw)
    if found.self_only:
        named = _words(tuple(c.source for c in found.appeared))
        yield _finding(
            project, claim, claim.locs.get("appearance"), rules.SELF_SUPPORT,
            f"the only support for the claim comes from where it appeared ({named}): "
            "a text cannot confirm itself; cite an independent source, or rate the "
            "claim on what others say", **kw)
        return
    verdict = project.verdict(claim.verdict)
    need = verdict.requires.get("origins", 0) if verdict is not None else 0
    counted = "; ".join(o.describe(relays) for o in found.origins)
    if len(found.origins) < need and (found.origins or expected(claim) != "supports"):
        yield _finding(
            project, claim, claim.locs.get("verdict"), rules.VERDICT_ORIGINS,
            f"verdict `{claim.verdict}` requires support from at least {need} "
            f"independent {'origin' if need == 1 else 'origins'}; the claim has "
            f"{len(found.origins)}" + (f": {counted}" if counted else "")
            + (" (not counted: the claim's own appearance "
               + ", ".join(f"`{s}`" for s in dict.fromkeys(c.source for c in found.appeared))
               + ")" if found.appeared else "")
            + "\ncite support from another origin, or choose a verdict whose "
            "requirement the evidence meets", **kw)
        return
    if (expected(claim) == "supports" and len(found.origins) == 1
            and len(found.sources) > 1):
        yield _finding(
            project, claim, claim.locs.get("verdict"), rules.SINGLE_ORIGIN,
            f"the support comes from sources that all trace to one origin, {counted}: "
            "that is one report, not "
            "independent corroboration; cite an independent source, or choose a "
            "verdict that rests on one report's word", **kw)


def together(project: Project) -> set[tuple[str, str]]:
    """The pairs of sources some claim cites together in support: where a relay
    would be counted twice."""
    return {pair for claim in project.claims
            for pair in combinations(sorted(set(_supporting(claim))), 2)}


def shared(texts: Mapping[str, str], result: CheckResult, pairs: set) -> list:
    """The shared passages of these pairs of sources (boilerplate left out)."""
    return provenance.shared_passages(_without_boilerplate(texts, result), pairs)


def _relays(project: Project, texts: Mapping[str, str], result: CheckResult,
            groups: Mapping[str, str], cache=None, found=None) -> Iterator[Finding]:
    pairs = together(project)
    shared_list = cache.relays(pairs) if cache is not None else None
    if shared_list is None:
        shared_list = found if found is not None else shared(texts, result, pairs)
        if cache is not None:
            cache.store_relays(pairs, shared_list)
    by_id = first_by_id(project.sources)[0] if shared_list else {}
    for passage in shared_list:
        if groups.get(passage.source, passage.source) == groups.get(passage.other,
                                                                    passage.other):
            continue  # declared: the two already trace to one origin
        source, other = by_id.get(passage.source), by_id.get(passage.other)
        if source and other and source.file == other.file:
            continue  # one file registered twice: a duplicate, not a relay
        yield _finding(
            project, source, source.locs.get("id") if source else None, rules.POSSIBLE_RELAY,
            f"source `{passage.source}` shares a passage of {passage.words} words with "
            f"`{passage.other}`, nearly word for word: {passage.passage}\n"
            f"if one relays the other, or both relay one origin, declare it with "
            f"`relays: [...]`, so that the two are not counted as independent")


def _without_boilerplate(texts: dict[str, str], result: CheckResult) -> dict[str, str]:
    """The texts with declared boilerplate blanked: a shared photo credit is no relay."""
    out = dict(texts)
    for sid, spans in result.boilerplate.items():
        if sid in out and spans:
            text = out[sid]
            for a, b in spans:
                text = text[:a] + " " * (b - a) + text[b:]
            out[sid] = text
    return out


def _numbers(project: Project, claim: Claim, result: CheckResult,
             expected) -> Iterator[Finding]:
    from generator.checker.lints import numbers

    quotes = [f"{c.quote}\n{c.translation or ''}" for c in claim.citations  # verified only:
              if c.stance is Stance.SUPPORTS  # a misquote is its own error
              and (claim.id, c.index) in result.resolutions]
    if not quotes or expected(claim) != "supports":
        return
    missing, given = numbers.unsupported(claim.claim, quotes)
    if not missing:
        return
    gives = (", ".join(numbers.describe(q) for q in given) if given
             else "no figures at all")
    yield _finding(
        project, claim, claim.locs.get("claim"), rules.NUMBER_MISMATCH,
        f"the claim says {', '.join(numbers.describe(q) for q in missing)}, which no "
        f"supporting quote gives (after converting units, within rounding); the "
        f"supporting quotes give: {gives}\n"
        "correct the figure, cite the passage that gives it, or reconsider the verdict",
        claim=claim.id)


def _weekdays(project: Project, claim: Claim) -> Iterator[Finding]:
    from generator.checker.lints import weekdays

    year = claim.claim_date.year if claim.claim_date else None  # of the events
    for name in ("claim", "summary"):
        for m in weekdays.mismatches(getattr(claim, name), year):
            yield _finding(
                project, claim, claim.locs.get(name), rules.WEEKDAY_MISMATCH,
                f"`{name}` says “{m.text}”, but {m.day.day} {m.day:%B %Y} was a {m.actual}; "
                "correct the weekday or the date", claim=claim.id)


class Context:
    """What linting any claim of a checked project needs, worked out once."""

    def __init__(self, result: CheckResult, expected, windows=None) -> None:
        from generator.checker.lints.hedges import DroppedMemo, WordLists

        project = result.project
        self.result, self.expected, self.windows = result, expected, windows
        self.texts = result.texts  # a property that builds the mapping: once, not per quote
        self.relays = {s.id: s.relays for s in project.sources}
        self.groups = provenance.origin_groups(self.relays)
        self.speakers = origins.Speakers(project.speakers)
        self.lists = WordLists.merged(project.hedges)
        self.hedged = DroppedMemo()  # shared by the citations' lints and the prose's
        self.first: dict[str, Claim] = {}
        for claim in project.claims:  # a repeated id (an error) is linted on its first claim
            self.first.setdefault(claim.id, claim)

    def claim(self, claim: Claim, result: CheckResult | None = None) -> list[Finding]:
        """The lints of one claim that read only its own resolutions; ``result``: one
        that holds them (a worker's, in a parallel check), else the whole check's."""
        project, result = self.result.project, result or self.result
        out: list[Finding] = []
        if self.first[claim.id] is claim:  # resolutions are kept by id: the first claim's
            out += [*_hedges(project, claim, self.texts, result, self.lists, self.hedged),
                    *_numbers(project, claim, result, self.expected)]
        out += [*_independence(project, claim, self.groups, self.speakers, self.expected,
                               self.relays),
                *_weekdays(project, claim)]
        return out

    def prose(self, claim: Claim, drafted: list | None = None) -> list[Finding]:
        """The quotes of the claim's prose: they read what the site publishes of its
        sources, which every claim's citations decide. ``drafted``: the claim's
        :meth:`draft`, when a worker made it."""
        from generator.checker.lints import prose

        values, context = _claim_prose(self.result.project, claim, self.result,
                                       self.lists, self.windows, self.hedged)
        if drafted is None:
            drafted = prose.draft(values, context)
        return list(prose.finish(drafted, values, context))

    def draft(self, claim: Claim) -> list:
        """The part of the claim's prose lints that no other claim decides
        (generator/checker/lints/prose.py): done where the claim is checked."""
        from generator.checker.lints import prose

        return prose.draft(*_claim_prose(self.result.project, claim, self.result,
                                         self.lists, None, self.hedged))


def lint(result: CheckResult, expected, cache=None, windows=None, ahead=None
         ) -> list[Finding]:
    """Every lint finding of a checked project, before severities are applied.

    ``expected(claim)`` is the stance the claim's verdict asks for (supports,
    contradicts or any): figures and independence matter for a claim rated true.
    With the check's :class:`~generator.checker.cache_memory.CheckCache`, a claim whose text
    (and everything in the cache's scope) did not change replays its lint findings,
    and the relay search over the sources runs again only when the pairs of sources
    cited together change. ``windows`` (source id to the spans the site publishes of
    it; by default :class:`~generator.checker.lints.published.Published`) keeps the
    prose's quotes inside what readers can see. ``ahead``: the per-claim lints and
    shared passages worker processes found (generator/checker/fanout.py).
    """
    project = result.project
    if project is None:
        return []
    if windows is None:
        windows = Published(result)
    from generator.checker import fanout

    fingerprint = (getattr(windows, "fingerprint", None) if cache is not None else None
                   ) or (lambda sources: "")  # what a cached result depends on: no cache
    context = None
    replayed: dict[int, list[Finding]] = {}
    todo: dict[int, str] = {}  # position: what its prose's findings depend on
    for position, claim in enumerate(project.claims):
        depends = fingerprint(c.source for c in claim.citations)
        got: list[Finding] = []
        if cache is not None and cache.replay_lints(project, claim, got, depends):
            replayed[position] = got
        else:
            todo[position] = depends
    if todo:  # the prose reads every claim's resolutions: linted once all are known
        context = Context(result, expected, windows)
        prose = fanout.prose(context, list(todo), ahead)
    out: list[Finding] = []
    for position, claim in enumerate(project.claims):
        if position in replayed:
            out += replayed[position]
            continue
        own = ahead.lints.get(position) if ahead is not None else None
        got = [*(context.claim(claim) if own is None else own), *prose[position]]
        out += got
        if cache is not None:
            cache.store_lints(project, claim, got, todo[position])
    out += _story_prose(project, result, windows, cache)
    groups = context.groups if context else provenance.origin_groups(
        {s.id: s.relays for s in project.sources})
    out += _relays(project, result.texts, result, groups, cache,
                   ahead.relays if ahead is not None else None)
    return out


def _claim_prose(project: Project, claim: Claim, result: CheckResult, lists: WordLists,
                 windows, hedged: DroppedMemo | None = None) -> tuple[list, object]:
    """The claim's summary and update notes, and what their quotes may quote."""
    from generator.checker.lints import prose

    path = claim.origin or project.path
    context = prose.Prose(path, project.texts.get(path, ""), result.sources,
                          list(dict.fromkeys(c.source for c in claim.citations)),
                          [claim.claim], lists, windows, claim.id, hedged=hedged)
    return prose.claim_values(claim), context


def _story_prose(project: Project, result: CheckResult, windows, cache) -> list[Finding]:
    """The quotes of each story's dek and intro: in a source its claims cite."""
    out: list[Finding] = []
    lists = None
    by_story: dict[str | None, list[Claim]] = {}  # one pass: stories x claims is quadratic
    for claim in project.claims:
        by_story.setdefault(claim.story, []).append(claim)
    for story in project.stories:
        claims = by_story.get(story.id, [])
        allowed = list(dict.fromkeys(c.source for claim in claims for c in claim.citations))
        own = [c.claim for c in claims]
        depends = [*allowed, *own, getattr(windows, "fingerprint", lambda s: "")(allowed)
                   ] if cache is not None else []
        if cache is not None and cache.replay_story(project, story, depends, out):
            continue
        from generator.checker.lints import prose
        from generator.checker.lints.hedges import WordLists

        lists = lists or WordLists.merged(project.hedges)
        path = story.origin or project.path
        found = list(prose.check(prose.story_values(story), prose.Prose(
            path, project.texts.get(path, ""), result.sources, allowed, own, lists,
            windows, whose="the story's claims cite", own_name="its claims")))
        out += found
        if cache is not None:
            cache.store_story(project, story, depends, found)
    return out


def apply(result: CheckResult, expected, cache=None, windows=None, ahead=None
          ) -> CheckResult:
    """The check's result with the lints' findings added and severities applied."""
    if result.project is None:
        return result
    found = lint(result, expected, cache, windows, ahead)
    if ahead is not None and ahead.finish is not None:  # the check's wrong-source
        ahead.finish()  # hints were searched for meanwhile (check._check_project)
    findings = severities.apply_severities([*result.findings, *found], result.project.rules)
    result.findings = sorted(findings, key=Finding.sort_key)
    result.summary = severities.summarize(result.findings, result.summary)
    return result
