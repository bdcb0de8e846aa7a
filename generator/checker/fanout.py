"""A cold check's per-claim work, done ahead in worker processes.

Each claim's check (its fields, every quote matched or explained) and lints
(hedges, figures, independence, weekdays) depend on the project and the prepared
sources only, never on another claim's results; so does the relay search. When
enough claims are left to check (none of a warm check's are), :func:`ahead`
prepares the sources in worker processes, then checks and lints the claims in runs
of them, the relay search beside them, and hands back what each claim would have
added: :func:`generator.checker.check.check_project` and
:func:`generator.checker.lints.findings.lint` then take those results, in claim
order, where they would have computed them, so the findings, their order and the
cache's entries are those of a serial check. The lints of a claim's prose depend on
every claim's citations (what the site publishes of a source); the workers draft
them (generator/checker/lints/prose.py), and :func:`prose` finishes the drafts once
all claims are checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.checker import parallel
from generator.checker.cache_memory import CheckCache
from generator.checker.collector import Collector
from generator.checker.model import CheckResult, Finding, Project, Source
from generator.checker.sources import PreparedSources

PARALLEL_CITATIONS = 3000  # left to check: fewer are checked serially


@dataclass
class Ahead:
    """What worker processes found, by claim position in ``project.claims``."""

    checks: dict[int, tuple[list[Finding], dict]] = field(default_factory=dict)
    lints: dict[int, list[Finding]] = field(default_factory=dict)
    drafts: dict[int, list] = field(default_factory=dict)  # the prose's, not yet windowed
    relays: list | None = None  # the shared passages, when the cache had none
    processes: int = 1  # how many shared the work: the prose's lints are shared alike
    finish: Callable[[], None] | None = None  # the check's findings, once they are settled


@dataclass
class _State:
    """What the workers inherit (never pickled)."""

    project: Project
    sources: dict[str, Source]
    texts: PreparedSources
    result: CheckResult
    expected: object
    context: object = None


def ahead(project: Project, sources: dict[str, Source], texts: PreparedSources,
          boilerplate: dict, cache: CheckCache | None, expected,
          jobs: int | None = None) -> Ahead | None:
    """The claims left to check (not in the cache) checked and linted by worker
    processes; None when there are too few of them, or one process to do it."""
    from generator.checker.lints import findings as lints

    todo = _todo(project, cache)
    count = processes(project, cache, jobs, todo)
    if count <= 1 or not todo:
        return None
    result = CheckResult(project, [], sources=texts, boilerplate=boilerplate)
    state = _State(project, sources, texts, result, expected)
    unprepared = [sid for sid, src in texts.items() if "norm" not in vars(src)]
    runs = parallel.chunks(unprepared, count * parallel.RUNS_PER_PROCESS,
                           weight=lambda sid: len(texts[sid].original))
    for done in parallel.run(_prepare, state, runs, count):
        for sid, prepared in done:
            texts[sid].adopt(prepared)
    pairs = lints.together(project)
    relays = cache is None or cache.relays(pairs) is None
    tasks: list = [pairs] if relays else []
    tasks += parallel.chunks(todo, count * parallel.RUNS_PER_PROCESS,
                             weight=lambda k: 1 + len(project.claims[k].citations))
    out = Ahead(processes=count)
    results = parallel.run(_work, state, tasks, count)
    if relays:
        out.relays = results.pop(0)
    for done in results:
        for position, findings, resolutions, lint_findings, drafted in done:
            out.checks[position] = (findings, resolutions)
            out.lints[position] = lint_findings
            out.drafts[position] = drafted
    return out


def _todo(project: Project, cache: CheckCache | None) -> list[int]:
    return [k for k, claim in enumerate(project.claims)
            if cache is None or not cache.has(project, claim)]


def processes(project: Project, cache: CheckCache | None, jobs: int | None = None,
              todo: list[int] | None = None) -> int:
    """How many processes :func:`ahead` will check the claims with (1: none ahead)."""
    todo = _todo(project, cache) if todo is None else todo
    return parallel.processes(sum(len(project.claims[k].citations) for k in todo),
                              PARALLEL_CITATIONS, jobs) if todo else 1


def _prepare(state: _State, sids: list[str]) -> list[tuple]:
    """In a worker: normalize sources, find their paragraphs and sentences."""
    return [(sid, state.texts[sid].prepared()) for sid in sids]


def _work(state: _State, task):
    """In a worker: the relay search (a set of pairs), or a run of claims checked
    and linted, each as (position, findings, resolutions, lint findings)."""
    from generator.checker.lints import findings as lints

    if isinstance(task, set):
        return lints.shared(state.result.texts, state.result, task)
    from generator.checker.check import _check_citation, _check_claim

    if state.context is None:
        state.context = lints.Context(state.result, state.expected)
    out = []
    for position in task:
        claim = state.project.claims[position]
        found = Collector(state.project.path)
        into: dict = {}
        _check_claim(found, state.project, claim, state.sources)
        for cite in claim.citations:
            _check_citation(found, state.project, state.sources, claim, cite, state.texts, into)
        own = CheckResult(state.project, [], resolutions=into, sources=state.texts)
        out.append((position, found.findings, into, state.context.claim(claim, own),
                    state.context.draft(claim)))
        state.context.hedged.clear()  # shared by a claim's citations and prose, no further
    return out


def prose(context, positions: list[int], ahead: Ahead | None) -> dict[int, list[Finding]]:
    """The lints of the prose of the claims at ``positions``, by position: shared by
    as many processes as the claims' checks were (``ahead``), else in this one.

    They end after every claim is checked, since a summary may quote only what the
    site publishes of a source, which every claim's citations decide. The workers
    that checked the claims drafted their prose (every place a quote occurs, and
    the hedges it drops there); what is left here is keeping those places to the
    published windows. Claims with no draft are linted by workers that inherit the
    whole check's result.
    """
    claims = context.result.project.claims
    count = ahead.processes if ahead is not None else 1
    drafts = ahead.drafts if ahead is not None else {}
    left = [k for k in positions if k not in drafts]
    windows = context.windows
    if count > 1 and hasattr(windows, "unmade"):  # Published: each source's windows
        for made in parallel.run(_windows, windows,  # cut once, shared
                                 parallel.chunks(windows.unmade(),
                                                 count * parallel.RUNS_PER_PROCESS), count):
            windows.keep(made)
    out = {k: context.prose(claims[k], drafts[k]) for k in positions if k in drafts}
    if count <= 1 or len(left) <= 1:
        out.update((k, context.prose(claims[k])) for k in left)
        return out
    runs = parallel.chunks(left, count * parallel.RUNS_PER_PROCESS,
                           weight=lambda k: 1 + len(claims[k].summary))
    out.update((k, found) for done in parallel.run(_prose, context, runs, count)
               for k, found in done)
    return out


def _windows(windows, source_ids: list[str]) -> list:
    """In a worker: the published windows of a run of sources."""
    return windows.made(source_ids)


def _prose(context, positions: list[int]) -> list[tuple[int, list[Finding]]]:
    """In a worker: the prose's lints of a run of claims."""
    return [(k, context.prose(context.result.project.claims[k])) for k in positions]
