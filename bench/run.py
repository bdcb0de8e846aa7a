"""Benchmark the check and the site build on synthetic newsrooms; print one table.

    .venv/bin/python bench/run.py            # 1,000 and 4,000 claims, ~1,000 sources
    .venv/bin/python bench/run.py --repeat 5 --sizes 1000,4000,8000
    .venv/bin/python bench/run.py --no-site  # the check only
    .venv/bin/python bench/run.py --no-preview  # no mkdocs serve

Every measurement runs in a fresh process, as CI runs it, ``--repeat`` times,
interleaved (floor, check, floor, check, ...) so that a busy moment on a shared
machine hits both sides of a ratio alike. Wall time is the median of the runs (the
spread is printed too); peak memory is the child's ``ru_maxrss`` from ``wait4``.

* parse floor: a fresh Python that imports PyYAML and does nothing but
  ``yaml.compose(text, Loader=yaml.CSafeLoader)`` on the same claims.yaml and every
  story file it includes (also shown with the garbage collector off, as the checker
  composes);
* check: ``factcheck check claims.yaml`` (exit status 1 is expected: the newsroom
  has broken quotes on purpose, and the table counts what the check found), cold
  (``--no-cache``), unchanged since the last check, and after one edit of a claim's
  summary (the check's cache in a temporary folder; the edit is undone afterwards);
* in-process: the same two steps timed inside one process, without interpreter
  start-up and imports, so the start-up cost shows;
* edit to preview: ``mkdocs serve --dirty`` on a copy of the newsroom; the time from
  saving a claim's summary to its page showing the change (``bench/preview.py``);
* site build: ``mkdocs build`` of the newsroom (the ``factcheck`` plugin; its
  claims file without the broken citations, since errors abort a build) against
  ``mkdocs build`` of the plain twin: as many ordinary Markdown pages, same theme.

The newsrooms are generated under ``bench/out/`` (git-ignored) and reused while
the generator and its arguments are unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import generate  # noqa: E402  (bench/generate.py, next to this file)
import preview  # noqa: E402  (bench/preview.py: edit-to-preview through mkdocs serve)

BIN = os.path.dirname(sys.executable)

FLOOR = ("import sys, yaml\n"
         "for path in sys.argv[1:]:\n"
         "    yaml.compose(open(path, encoding='utf-8').read(), Loader=yaml.CSafeLoader)\n")

FLOOR_NO_GC = "import gc\ngc.disable()\n" + FLOOR

INPROC = r"""
import json, sys, time
t0 = time.perf_counter()
import yaml
t1 = time.perf_counter()
for path in sys.argv[1:]:  # claims.yaml, then the story files it includes
    with open(path, encoding="utf-8") as handle:
        yaml.compose(handle.read(), Loader=yaml.CSafeLoader)
t2 = time.perf_counter()
from generator.checker.check import check_file
from generator.checker import report
t3 = time.perf_counter()
result = check_file(sys.argv[1])  # no cache: everything checked
t4 = time.perf_counter()
report.FORMATS["text"](result.findings, result.summary, result.files)
t5 = time.perf_counter()
print(json.dumps({"yaml_import": t1 - t0, "compose": t2 - t1, "check_import": t3 - t2,
                  "check": t4 - t3, "report": t5 - t4}))
"""

RUNS = (("check", "cold (`--no-cache`: CI on a fresh machine)"),
        ("unchanged", "nothing changed since the last check"),
        ("edited", "one claim edited since the last check"))

LIMITS = {"check": 1.5, "site": 1.5, "growth": 4.5, "memory_mib": 1024, "preview": 2.0}


# -- running children ----------------------------------------------------------------

def run_child(argv: list[str], cwd: str, capture: bool = False) -> dict:
    """Run one child; its wall time, exit status, peak RSS (MiB) and maybe its stdout."""
    out = tempfile.TemporaryFile() if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.PIPE
                            if capture else subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rc": proc.returncode,
              "rss_mib": usage.ru_maxrss / 1024}
    if capture:
        out.seek(0)
        result["stdout"] = out.read().decode("utf-8", "replace")
        result["stderr"] = proc.stderr.read().decode("utf-8", "replace")
        out.close()
    if proc.stderr:
        proc.stderr.close()
    return result


def series(runs: list[dict]) -> dict:
    walls = [r["wall"] for r in runs]
    return {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
            "cpu": statistics.median(r["cpu"] for r in runs),
            "rss_mib": max(r["rss_mib"] for r in runs), "rc": runs[-1]["rc"],
            "runs": walls}


def _edit_target(project: str) -> str:
    """The file an editor edits: the last claims file (a story file if there are any)."""
    return os.path.join(project, generate.claims_files(project)[-1])


def _edited(text: str, n: int) -> str:
    """``text`` with one word added to the summary of its first claim."""
    at = text.index("\n    summary:", text.index("\nclaims:\n"))
    line_end = text.index("\n", text.index("\n", at + 1) + 1)
    return f"{text[:line_end]} edit{n}{text[line_end:]}"


def measure_check(project: str, repeat: int) -> dict:
    """Time the check cold (no cache: CI on a fresh machine), unchanged since the last
    check, and after one edit (a word added to a claim's summary), as an editor runs it
    again and again (the cache in a temporary folder)."""
    files = [os.path.join(project, p) for p in generate.claims_files(project)]
    factcheck = os.path.join(BIN, "factcheck")
    target = _edit_target(project)
    with open(target, encoding="utf-8") as handle:
        original = handle.read()
    floor, floor_no_gc, cold, unchanged, edited, inproc = [], [], [], [], [], []
    argv = [factcheck, "check", "claims.yaml"]
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-cache-") as cache:
        os.environ["FACTCHECK_CACHE_DIR"] = cache
        try:
            run_child(argv, project)  # the cache of the unedited project
            for n in range(repeat):
                floor.append(run_child([sys.executable, "-c", FLOOR, *files], project))
                floor_no_gc.append(run_child([sys.executable, "-c", FLOOR_NO_GC, *files],
                                             project))
                cold.append(run_child([*argv, "--no-cache"], project))
                unchanged.append(run_child(argv, project))
                generate._write(target, _edited(original, n))
                edited.append(run_child(argv, project))
                generate._write(target, original)
                run_child(argv, project)  # back to the unedited project's cache
                got = run_child([sys.executable, "-c", INPROC, *files], project, capture=True)
                if got["rc"] != 0:
                    raise SystemExit(f"in-process timing failed:\n{got['stderr']}")
                inproc.append(json.loads(got["stdout"]))
        finally:
            generate._write(target, original)
            del os.environ["FACTCHECK_CACHE_DIR"]
    if cold[-1]["rc"] not in (0, 1):
        raise SystemExit(f"factcheck check exited with {cold[-1]['rc']} in {project}")
    found = run_child([*argv, "--no-cache", "--format", "json"], project, capture=True)
    data = json.loads(found["stdout"])
    codes: dict[str, int] = {}
    for finding in data["findings"]:
        codes[finding["code"]] = codes.get(finding["code"], 0) + 1
    phases = {key: statistics.median(r[key] for r in inproc) for key in inproc[0]}
    return {"floor": series(floor), "floor_no_gc": series(floor_no_gc),
            "check": series(cold), "unchanged": series(unchanged), "edited": series(edited),
            "inproc": phases, "findings": codes, "summary": data["summary"]}


def site_ready() -> str | None:
    """Why the site build cannot be measured yet, or None when it can."""
    if not os.path.exists(os.path.join(REPO, "generator", "site", "plugin.py")):
        return "generator/site/plugin.py does not exist yet"
    if not os.path.exists(os.path.join(BIN, "mkdocs")):
        return "mkdocs is not installed in the venv"
    return None


def measure_site(project: str, repeat: int) -> dict:
    mkdocs = os.path.join(BIN, "mkdocs")
    site, plain = [], []
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        for i in range(repeat):
            for runs, folder in ((site, project), (plain, os.path.join(project, "plain"))):
                dest = os.path.join(tmp, f"site-{len(runs)}-{i}")
                got = run_child([mkdocs, "build", "-q", "-f", "mkdocs.yml", "-d", dest],
                                folder, capture=True)
                if got["rc"] != 0:
                    raise SystemExit(f"mkdocs build failed in {folder}:\n{got['stderr'][-3000:]}")
                got["pages"] = sum(name == "index.html" for _, _, files in os.walk(dest)
                                   for name in files)
                runs.append(got)
                shutil.rmtree(dest)
    out = {"site": series(site), "plain": series(plain)}
    out["site"]["pages"], out["plain"]["pages"] = site[-1]["pages"], plain[-1]["pages"]
    return out


# -- preparing the newsrooms -----------------------------------------------------------

def prepare(out: str, claims: int, sources: int, seed: int, rate: float,
            stories: int = 0) -> tuple[str, dict]:
    """Generate the newsroom unless an identical one is already there."""
    folder = os.path.join(out, f"claims-{claims}-sources-{sources}"
                          + (f"-stories-{stories}" if stories else ""))
    with open(generate.__file__, "rb") as handle:
        code = hashlib.sha256(handle.read()).hexdigest()[:16]
    key = {"claims": claims, "sources": sources, "seed": seed, "rate": rate, "code": code,
           "stories": stories}
    stamp = os.path.join(folder, "bench-stamp.json")
    try:
        with open(stamp, encoding="utf-8") as handle:
            saved = json.load(handle)
        if saved["key"] == key:
            return folder, saved["info"]
    except (OSError, ValueError, KeyError):
        pass
    started = time.perf_counter()
    info = generate.generate(folder, claims, sources, seed, rate, stories=stories)
    info["generated_in"] = round(time.perf_counter() - started, 1)
    with open(stamp, "w", encoding="utf-8") as handle:
        json.dump({"key": key, "info": info}, handle)
    return folder, info


# -- the report ---------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            mem = int(handle.readline().split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        pass
    import yaml
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem, 1) if mem else None,
        "os": platform.platform(), "python": platform.python_version(),
        "pyyaml": f"{yaml.__version__} (C loader: {hasattr(yaml, 'CSafeLoader')})",
        "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def secs(s: dict) -> str:
    return f"{s['median']:.2f} s ({s['min']:.2f}–{s['max']:.2f})"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def table(results: dict, sizes: list[int]) -> str:
    small, big = sizes[0], sizes[-1]
    head = "| | " + " | ".join(f"{n:,} claims" for n in sizes) + \
           (f" | growth {big:,}/{small:,}" if len(sizes) > 1 else "") + " |"
    rows = [head, "|" + "---|" * (len(sizes) + 1 + (len(sizes) > 1))]

    def row(label, cell, growth=None):
        cells = [cell(results[n]) for n in sizes]
        extra = [growth] if len(sizes) > 1 else []
        rows.append("| " + " | ".join([label, *cells, *[g or "" for g in extra]]) + " |")

    def grow(get):
        return f"{get(results[big]) / get(results[small]):.2f}x"

    med = lambda *path: (lambda r: _dig(r, path)["median"])  # noqa: E731
    med_cpu = lambda *path: (lambda r: _dig(r, path)["cpu"])  # noqa: E731
    row("sources / citations / claims files",
        lambda r: f"{r['info']['sources']:,} / {r['info']['citations']:,} / "
                  f"{r['info']['claims_bytes'] / 1e6:.1f} MB"
                  + (f" in {r['info']['stories'] + 1} files" if r['info'].get('stories')
                     else ""))
    for key, label in RUNS:
        row(f"`factcheck check`, {label}, wall", lambda r, k=key: secs(r["check"][k]),
            grow(med("check", key)))
    row("parse floor (`yaml.compose`, C), wall", lambda r: secs(r["check"]["floor"]),
        grow(med("check", "floor")))
    row("parse floor with the garbage collector off, wall",
        lambda r: secs(r["check"]["floor_no_gc"]), grow(med("check", "floor_no_gc")))
    for key, label in RUNS:
        row(f"**check / floor**, {label} (target ≤ {LIMITS['check']}x)",
            lambda r, k=key: f"**{r['check'][k]['median'] / r['check']['floor']['median']:.2f}x**")
        row("same, CPU time (user+sys)",
            lambda r, k=key: f"{r['check'][k]['cpu']:.2f} / {r['check']['floor']['cpu']:.2f} s = "
                             f"{r['check'][k]['cpu'] / r['check']['floor']['cpu']:.2f}x",
            grow(med_cpu("check", key)))
    row("in-process: compose / check / report",
        lambda r: "{compose:.2f} / {check:.2f} / {report:.2f} s".format(**r["check"]["inproc"]),
        grow(lambda r: r["check"]["inproc"]["check"]))
    row("in-process: import yaml / import checker",
        lambda r: "{:.3f} / {:.3f} s".format(r["check"]["inproc"]["yaml_import"],
                                             r["check"]["inproc"]["check_import"]))
    row("peak memory: check / floor",
        lambda r: f"{r['check']['check']['rss_mib']:.0f} / "
                  f"{r['check']['floor']['rss_mib']:.0f} MiB")
    row("findings by code (exit status 1 expected)", lambda r: _findings(r["check"]))
    row("broken on purpose", lambda r: ", ".join(
        f"{k} {v}" for k, v in sorted(r["info"]["broken"].items())))
    if all("site" in results[n] for n in sizes):
        row("`mkdocs build`, factcheck site", lambda r: secs(r["site"]["site"]),
            grow(med("site", "site")))
        row("`mkdocs build`, plain pages", lambda r: secs(r["site"]["plain"]),
            grow(med("site", "plain")))
        row(f"**site / plain** (target ≤ {LIMITS['site']}x)",
            lambda r: f"**{r['site']['site']['median'] / r['site']['plain']['median']:.2f}x**")
        row("same, CPU time (user+sys): site / plain",
            lambda r: f"{r['site']['site']['cpu']:.1f} / {r['site']['plain']['cpu']:.1f} s = "
                      f"{r['site']['site']['cpu'] / r['site']['plain']['cpu']:.2f}x",
            grow(med_cpu("site", "site")))
        row("pages built: site / plain",
            lambda r: f"{r['site']['site']['pages']:,} / {r['site']['plain']['pages']:,}")
        row("peak memory: site / plain",
            lambda r: f"{r['site']['site']['rss_mib']:.0f} / "
                      f"{r['site']['plain']['rss_mib']:.0f} MiB")
    if all("preview" in results[n] for n in sizes):
        row(f"**edit to preview**, `mkdocs serve --dirty` (target < {LIMITS['preview']} s)",
            lambda r: _runs(r["preview"], "edits"))
        row("same, CPU time of `mkdocs serve`", lambda r: _cpu_runs(r["preview"], "edits"))
        row("broken edit to the error banner", lambda r: _runs(r["preview"], "broken"))
        row("first build in `mkdocs serve`", lambda r: f"{r['preview']['first_build']:.1f} s")
    return "\n".join(rows)


def _runs(got: dict, key: str) -> str:
    done = [f"{t:.2f}" for t in got[key] if t is not None]
    median = got[key + "_median"]
    head = f"**{median:.2f} s**" if median is not None else "never"
    return f"{head} ({', '.join(done)}; {got[key + '_missed']} missed)"


def _cpu_runs(got: dict, key: str) -> str:
    """The serve process's CPU seconds per edit (what a busy machine inflates less)."""
    median = got.get(key + "_cpu_median")
    if median is None:
        return "n/a"
    return f"{median:.2f} s ({', '.join(f'{t:.2f}' for t in got[key + '_cpu'] if t is not None)})"


def _dig(data, path):
    for key in path:
        data = data[key]
    return data


def _findings(check: dict) -> str:
    errors = check["summary"]["errors"]
    codes = ", ".join(f"{code} {n}" for code, n in sorted(check["findings"].items()))
    return f"{errors} errors; {codes}"


def targets(results: dict, sizes: list[int]) -> list[str]:
    small, big = sizes[0], sizes[-1]
    lines = []
    for n in sizes:
        r = results[n]
        for key, label in RUNS:
            ratio = r["check"][key]["median"] / r["check"]["floor"]["median"]
            lines.append(f"check within {LIMITS['check']}x of the parse floor at {n:,}, "
                         f"{label.split(' (')[0]}: {ratio:.2f}x, "
                         f"{verdict(ratio <= LIMITS['check'])}")
        if "site" in r:
            ratio = r["site"]["site"]["median"] / r["site"]["plain"]["median"]
            lines.append(f"site build within {LIMITS['site']}x of plain MkDocs at {n:,}: "
                         f"{ratio:.2f}x, {verdict(ratio <= LIMITS['site'])}")
    if len(sizes) > 1:
        for label, path in (("check", ("check", "check")), ("site build", ("site", "site"))):
            if not all(path[0] in results[n] for n in (small, big)):
                continue
            g = _dig(results[big], path)["median"] / _dig(results[small], path)["median"]
            lines.append(f"{label} growth {big:,}/{small:,} claims: {g:.2f}x, "
                         f"{verdict(g <= LIMITS['growth'])} (target ≤ {LIMITS['growth']}x)")
    for n in sizes:
        got = results[n].get("preview")
        if got and got["edits_median"] is not None:
            lines.append(f"edit to preview under {LIMITS['preview']} s at {n:,}: "
                         f"{got['edits_median']:.2f} s, "
                         f"{verdict(got['edits_median'] < LIMITS['preview'])}")
    r = results[big]
    peaks = [("check, cold", r["check"]["check"]["rss_mib"])]
    if "site" in r:
        peaks.append(("site build", r["site"]["site"]["rss_mib"]))
    for label, mib in peaks:
        lines.append(f"{label} peak memory at {big:,}: {mib:.0f} MiB, "
                     f"{verdict(mib < LIMITS['memory_mib'])} (target < 1 GiB)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,4000",
                        help="claim counts, comma-separated (default: 1000,4000)")
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--broken-rate", type=float, default=0.04,
                        help="share of citations an editor broke (default: 0.04)")
    parser.add_argument("--no-site", action="store_true",
                        help="skip the mkdocs builds and the preview")
    parser.add_argument("--no-preview", action="store_true",
                        help="skip timing edits in mkdocs serve")
    parser.add_argument("--stories", type=int, default=0,
                        help="put each newsroom's claims in this many story files "
                        "(e.g. --sizes 4000 --stories 200; default: one claims.yaml)")
    parser.add_argument("--out", default=os.path.join(HERE, "out"))
    parser.add_argument("--json", help="also write every raw figure to this file")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))

    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB; "
          f"{info['os']}; Python {info['python']}; PyYAML {info['pyyaml']}; "
          f"load average at start {', '.join(f'{x:.2f}' for x in info['load'] or [])}",
          flush=True)
    skip_site = "--no-site given" if args.no_site else site_ready()
    results: dict = {}
    for n in sizes:
        folder, gen = prepare(args.out, n, args.sources, args.seed, args.broken_rate,
                              args.stories)
        print(f"[{n:,} claims] newsroom in {os.path.relpath(folder)}; timing the check "
              f"({args.repeat} runs each)...", flush=True)
        results[n] = {"info": gen, "check": measure_check(folder, args.repeat)}
        if not skip_site:
            print(f"[{n:,} claims] timing mkdocs build: site and plain twin...", flush=True)
            results[n]["site"] = measure_site(folder, args.repeat)
        if not (skip_site or args.no_preview):
            print(f"[{n:,} claims] timing edits in mkdocs serve --dirty...", flush=True)
            results[n]["preview"] = preview.measure_preview(folder, args.repeat)
    print()
    print(table(results, sizes))
    print()
    if skip_site:
        print(f"site build not measured: {skip_site}")
    for line in targets(results, sizes):
        print(line)
    info["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"load average at end: {', '.join(f'{x:.2f}' for x in info['load_after'] or [])}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"machine": info, "results": results}, handle, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
