"""The CPU a cold check spends per claim, part by part, as a worker process spends it.

    .venv/bin/python bench/perclaim.py bench/out/claims-4000-sources-1000-stories-200/claims.yaml
    .venv/bin/python bench/perclaim.py CLAIMS 7 --against /tmp/old   # old tree, interleaved

Each run is a fresh interpreter that loads the claims and prepares the sources
untimed, then, three times over (the quote and text caches emptied and the sources
prepared afresh each time, as in a cold worker), times what
generator/checker/fanout.py's ``_work`` does for every claim: ``check`` (its fields
and every quote matched or explained), ``claim`` (the lints that read its own
quotes: hedges, figures, independence, weekdays), ``draft`` (its prose's quotes
found and their hedges), and ``shared`` (the relay search, a task of its own).
Printed: the least of all passes, per part; with ``--against`` (a folder holding an
older ``generator``, e.g. from ``git archive``), the old tree's runs alternate with
this one's and both columns are printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

T = time.process_time
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def once(path: str, reps: int = 3) -> dict[str, float]:
    """The least CPU per part of ``reps`` passes over every claim in this process,
    each with fresh caches and freshly prepared sources (as a cold worker has)."""
    from generator.checker import check
    from generator.checker.collector import Collector
    from generator.checker.load import load_text
    from generator.checker.sources import read_sources
    from generator.gcpolicy import paused

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    best: dict[str, float] = {}
    with paused():
        project, _ = load_text(text, path, os.path.dirname(os.path.abspath(path)), jobs=1)
        found = Collector(project.path)
        sources = check._duplicates(found, project.sources, "source")
        read = read_sources(found, project, sources, None, 1, None)
        prepared = {sid: (src.original, src.prepared()) for sid, src in read.items()}
        for _ in range(reps):
            for key, value in _pass(project, sources, type(read)(), prepared).items():
                best[key] = min(value, best.get(key, value))
    return best


def _pass(project, sources, texts, prepared) -> dict[str, float]:
    from generator.checker import check, sentences, textmatch
    from generator.checker.collector import Collector
    from generator.checker.lints import findings as lints
    from generator.checker.lints import prose, provenance
    from generator.checker.model import CheckResult
    from generator.checker.sources import boilerplate_spans

    for cached in (textmatch._parse_quote, prose._own_text, prose._own_folded,
                   provenance._prepared, sentences._spans):
        cached.cache_clear()
    for sid, (original, made) in prepared.items():
        texts[sid] = textmatch.SourceText(original)
        texts[sid].adopt(made)
    found = Collector(project.path)
    result = CheckResult(project, [], sources=texts,
                         boilerplate=boilerplate_spans(found, sources, texts))
    context = lints.Context(result, lambda c: check.expected_stance(project, c.verdict))
    out = dict.fromkeys(("check", "claim", "draft"), 0.0)
    for claim in project.claims:
        t0 = T()
        found, into = Collector(project.path), {}
        check._check_claim(found, project, claim, sources)
        for cite in claim.citations:
            check._check_citation(found, project, sources, claim, cite, texts, into)
        t1 = T()
        context.claim(claim, CheckResult(project, [], resolutions=into, sources=texts))
        t2 = T()
        context.draft(claim)
        context.hedged.clear()
        t3 = T()
        out["check"] += t1 - t0
        out["claim"] += t2 - t1
        out["draft"] += t3 - t2
    t0 = T()
    lints.shared(result.texts, result, lints.together(project))
    out["shared"] = T() - t0
    out["total"] = sum(out.values())
    return out


def _run(path: str, tree: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": tree}
    done = subprocess.run([sys.executable, __file__, "--once", path], env=env, check=True,
                          capture_output=True, text=True, cwd=os.path.dirname(path))
    return json.loads(done.stdout)


def main(argv: list[str]) -> None:
    if argv[0] == "--once":
        print(json.dumps(once(argv[1])))
        return
    path = os.path.abspath(argv[0])
    runs = int(argv[1]) if len(argv) > 1 else 5
    trees = {"new": HERE}
    if "--against" in argv:
        trees = {"old": os.path.abspath(argv[argv.index("--against") + 1]), **trees}
    got: dict[str, list] = {name: [] for name in trees}
    for k in range(runs):  # old, new, new, old, ...: a drift in the machine's load
        for name, tree in list(trees.items())[::1 if k % 2 == 0 else -1]:  # hits both
            got[name].append(_run(path, tree))
    for key in got["new"][0]:
        mins = {name: min(r[key] for r in rows) for name, rows in got.items()}
        change = (f"  {100 * (mins['new'] - mins['old']) / mins['old']:+5.1f}%"
                  if "old" in mins else "")
        print(f"{key:7}" + "".join(f" {name} {v:6.3f} s" for name, v in mins.items())
              + change)


if __name__ == "__main__":
    main(sys.argv[1:])
