"""Where the check's time goes, phase by phase, in CPU seconds (steady on a busy machine).

    .venv/bin/python bench/phases.py bench/out/claims-4000-sources-1000/claims.yaml

Phases: interpreter start-up is not included; ``compose`` is PyYAML's C composer
alone (with the garbage collector paused, as the checker runs it, and with it on,
as the parse floor runs it); ``load`` is the checker's whole loading step
(compose plus every other pass over claims.yaml: the nesting-depth guard and the
schema walk); ``sources`` reads, hashes and normalizes every source text; ``check``
is the rest of the citation check: matching every quote and explaining the missing
ones; ``lints`` is the pass after it (generator/checker/lints/): quotes against their
sentences, relays, figures and weekdays.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time

T = time.process_time


def once(path: str) -> dict[str, float]:
    import yaml

    from generator.checker.check import _check_project, expected_stance
    from generator.checker.files import read_source
    from generator.checker.lints import findings as lints
    from generator.checker.load import load_text
    from generator.checker.textmatch import SourceText
    from generator.gcpolicy import paused as gc_paused

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    out = {}
    t = T()
    yaml.compose(text, Loader=yaml.CSafeLoader)
    out["compose, collector on"] = T() - t
    with gc_paused():
        t = T()
        yaml.compose(text, Loader=yaml.CSafeLoader)
        out["compose, collector paused"] = T() - t
        t = T()
        project, _ = load_text(text, path, os.path.dirname(os.path.abspath(path)), jobs=1)
        out["load (compose + other passes + walk)"] = T() - t
        t = T()
        for source in project.sources:
            got, _, _ = read_source(project.root, source.file)
            if got is not None:
                src = SourceText(got)  # prepared on first use: use it
                src.norm, src.paras  # noqa: B018
        out["sources: read, hash, normalize"] = T() - t
        t = T()
        result, _ = _check_project(project, None, 1,
                                   lambda claim: expected_stance(project, claim.verdict))
        out["check: sources again + quotes"] = T() - t
        t = T()
        lints.apply(result, lambda claim: expected_stance(project, claim.verdict))
        out["lints: fair quotes, relays, figures, weekdays"] = T() - t
    gc.collect()
    return out


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "claims.yaml"
    runs = [once(path) for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 3)]
    for key in runs[0]:
        print(f"{key:45} {statistics.median(r[key] for r in runs):6.3f} s")


if __name__ == "__main__":
    main()
