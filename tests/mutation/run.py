"""Mutation testing of the core, and tests/mutation/RESULTS.md from what it found.

    make mutate        # = .venv/bin/python tests/mutation/run.py
    .venv/bin/python tests/mutation/run.py 'generator.checker.textmatch*'   # one module
    .venv/bin/python tests/mutation/run.py --retry   # survivors again, after new tests

mutmut (configured under [tool.mutmut] in pyproject.toml) changes the code of the
checker's matching, loading and check modules and the editor's fix (the list is
``only_mutate``) one small edit at a time (a
``<`` for a ``<=``, a constant, a deleted call) and runs the tests that cover the
changed function against each edit. A mutant that no test notices is a behaviour
no test pins down. Not run in CI: it takes hours on two cores.

The hypothesis properties run with a tenth of their examples per mutant
(``FACTCHECK_EXAMPLES=10``); a mutant the properties catch is caught at once.
Survivors that are equivalent to the original (no input can tell them apart) are
explained in ``explained.toml`` beside this file, by mutant name; the results file
lists every survivor with its diff and the explanation or "unexplained".

    .venv/bin/python tests/mutation/run.py --report-only   # rewrite RESULTS.md from
                                                           # the last run's mutants/
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import platform
import re
import subprocess
import sys
import tomllib
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
RESULTS = HERE / "RESULTS.md"
EXPLAINED = HERE / "explained.toml"
COMMAND = "make mutate"
MUTMUT = [sys.executable, "-m", "mutmut"]
# Statuses that count as caught; "no tests" and "survived" count against the score.
CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}
UNCOUNTED = {"skipped", "not checked", "check was interrupted by user"}


def run_mutmut(children: int, only: list[str]) -> None:
    env = dict(os.environ, FACTCHECK_EXAMPLES=os.environ.get("FACTCHECK_EXAMPLES", "10"))
    subprocess.run(MUTMUT + ["run", "--max-children", str(children), *only], cwd=REPO,
                   env=env, check=False)


HISTORY = REPO / "mutants" / "factcheck-runs.json"  # kept with mutmut's own results


def history() -> list[dict]:
    try:
        return json.loads(HISTORY.read_text("utf-8"))
    except (OSError, ValueError):
        return []


def remember(entry: dict) -> None:
    runs = [r for r in history() if r.get("started") != entry["started"]] + [entry]
    HISTORY.parent.mkdir(exist_ok=True)
    HISTORY.write_text(json.dumps(runs, indent=1), "utf-8")


def statuses() -> dict[str, str]:
    """Every mutant's status, from ``mutmut results --all true``."""
    out = subprocess.run(MUTMUT + ["results", "--all", "true"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        match = re.match(r"\s+(\S+): (.+)$", line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


# One process for every diff: `mutmut show` per survivor costs a start of Python each.
_DIFFS = """
import json, sys
from mutmut.__main__ import find_mutant
from mutmut.mutation.diff_apply import get_diff_for_mutant
out = {}
for name in json.load(sys.stdin):
    try:
        out[name] = get_diff_for_mutant(name, path=find_mutant(name).path)
    except Exception as exc:  # a mutant of code changed since: no diff to show
        out[name] = f"(no diff: {exc})"
print(json.dumps(out))
"""


def diffs_of(names: list[str]) -> dict[str, str]:
    """The changed lines of each mutant, as ``mutmut show`` prints them."""
    run = subprocess.run([sys.executable, "-c", _DIFFS], input=json.dumps(names), cwd=REPO,
                         capture_output=True, text=True, check=False)
    found = json.loads(run.stdout or "{}")
    return {name: "\n".join(line for line in found.get(name, "").splitlines()
                            if line.startswith(("-", "+"))
                            and not line.startswith(("---", "+++")))
            for name in names}


def explanations() -> dict[str, str]:
    """Survivors explained in explained.toml, by mutant name."""
    found = tomllib.loads(EXPLAINED.read_text("utf-8")) if EXPLAINED.exists() else {}
    return {k: v for k, v in found.items() if isinstance(v, str)}


def module_of(name: str) -> str:
    return name.split(".x", 1)[0].split(".xǁ", 1)[0]


def write(found: dict[str, str], explained: dict[str, str], minutes: float | None) -> float:
    counts = Counter(found.values())
    counted = {k: v for k, v in found.items() if v not in UNCOUNTED}
    caught = sum(v in CAUGHT for v in counted.values())
    score = 100 * caught / len(counted) if counted else 0.0
    survivors = sorted(k for k, v in counted.items() if v not in CAUGHT)
    unexplained = [k for k in survivors if k not in explained]
    not_pinned = sum(explained[k].startswith("Not pinned") for k in survivors
                     if k in explained)
    by_module: dict[str, Counter] = {}
    for name, status in found.items():
        kind = "caught" if status in CAUGHT else "unchecked" if status in UNCOUNTED \
            else "survived"
        by_module.setdefault(module_of(name), Counter())[kind] += 1
    lines = [
        "# Mutation testing of the core",
        "",
        f"Written by `{COMMAND}` (tests/mutation/run.py), which runs mutmut as configured",
        "under `[tool.mutmut]` in pyproject.toml and then writes this file. Do not edit",
        "it by hand: explain a survivor in tests/mutation/explained.toml and run",
        "`.venv/bin/python tests/mutation/run.py --report-only`.",
        "",
        f"- when: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
        + (f", mutmut ran for {minutes:.0f} minutes" if minutes else ""),
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "- runs behind these results (mutmut keeps each mutant's last result):",
        *[f"  - `{r['command']}`, started {r['started']}, "
          + (f"finished {r['finished']}" if r.get("finished") else
             "**stopped before the end**: "
             + ("the mutants it did not reach keep their earlier result"
                if "--retry" in r["command"] else
                "its remaining mutants count as not run"))
          for r in history()],
        "- tests per mutant: those of `pytest_add_cli_args_test_selection` in",
        "  pyproject.toml (tests/checker, the matching properties and regressions, the",
        "  editor tools) that cover the mutated function; hypothesis properties at 10%",
        "  of their examples (FACTCHECK_EXAMPLES=10)",
        "",
        f"**Score: {score:.1f}%** of the mutants tested ({caught} of {len(counted)} "
        f"caught; {len(survivors)} survive, {len(unexplained)} of them unexplained). "
        "A module with unchecked mutants has not been run through in full.",
        "",
        f"Of the explained survivors, {not_pinned} are **not pinned**: they change "
        "behaviour no test tells apart (each says why); the others are equivalent: no "
        "input tells them apart, or only the time taken differs (a cache missing).",
        "",
        "mutmut maps each function to the tests that ran it when it collected its stats; "
        "after the code changes, tests written before a new function are not mapped to "
        "it. Move `mutants/mutmut-stats.json` aside to collect them again (results are "
        "kept), then `--retry`.",
        "",
        "| module | mutants | tested | caught | score |",
        "|---|---:|---:|---:|---:|",
    ]
    for module in sorted(by_module):
        c = by_module[module]
        tested = c["caught"] + c["survived"]
        share = f"{100 * c['caught'] / tested:.1f}%" if tested else "not run"
        lines.append(f"| {module} | {tested + c['unchecked']} | {tested} | {c['caught']} "
                     f"| {share} |")
    lines += ["", "Statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
              "", "## Survivors", ""]
    if not survivors:
        lines.append("None.")
    diffs = diffs_of(survivors)
    for name in survivors:
        lines += [f"### `{name}` ({found[name]})", "",
                  explained.get(name, "**Unexplained.**"), "", "```diff", diffs[name],
                  "```", ""]
    RESULTS.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-only", action="store_true",
                        help="write RESULTS.md from the last run without running mutmut")
    parser.add_argument("--children", type=int, default=2, help="parallel mutants")
    parser.add_argument("--retry", action="store_true",
                        help="run again only the mutants that survived or were not run "
                        "(of those matching the patterns), e.g. after adding tests; those "
                        "explained in explained.toml are left as they are (a surviving "
                        "mutant runs every test that covers it: minutes each on two cores)")
    parser.add_argument("only", nargs="*", help="mutant name patterns to run, e.g. "
                        "'generator.checker.textmatch*' (default: all); results of earlier runs "
                        "are kept, so a long run can be done module by module")
    args = parser.parse_args(argv)
    minutes = None
    if not args.report_only:
        started = datetime.now(timezone.utc)
        entry = {"command": " ".join(["tests/mutation/run.py", *(argv or sys.argv[1:])]),
                 "started": f"{started:%Y-%m-%d %H:%M} UTC"}
        remember(entry)  # finished only if the run ends; a stopped run stays unfinished
        only = args.only
        if args.retry:
            patterns = args.only or ["*"]
            explained = explanations()
            only = [name for name, status in statuses().items()
                    if status not in CAUGHT and status != "skipped" and name not in explained
                    and any(fnmatch.fnmatch(name, p) for p in patterns)]
            if not only:
                print("no unexplained survivor to run again", file=sys.stderr)
                return 0
        run_mutmut(args.children, only)
        minutes = (datetime.now(timezone.utc) - started).total_seconds() / 60
        remember({**entry, "finished": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"})
    found = statuses()
    if not found or all(v in UNCOUNTED for v in found.values()):
        print("mutmut tested no mutant (see its output above: the tests must pass "
              "unmutated first); RESULTS.md left as it was", file=sys.stderr)
        return 1
    score = write(found, explanations(), minutes)
    print(f"mutation score {score:.1f}%; see {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
