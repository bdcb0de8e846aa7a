"""Benchmark the check and the site build on synthetic newsrooms; print one table.

    .venv/bin/python bench/run.py            # 1,000 and 4,000 claims
    .venv/bin/python bench/run.py --sizes 1000,4000,16000 --repeat 1   # make bench-large
    .venv/bin/python bench/run.py --no-site  # the check only
    .venv/bin/python bench/run.py --no-preview --no-published  # no serve, no full site

Every measurement runs in a fresh process, as CI runs it, ``--repeat`` times,
interleaved (floor, check, floor, check, ...) so that a busy moment on a shared
machine hits both sides of a ratio alike. Wall time is the median of the runs (the
spread is printed too); CPU time is the child's and its waited-for children's; peak
memory is the sum of every process's PSS (the check's workers, the card drawers,
Pagefind), sampled from ``/proc``.

* parse floor: a fresh Python that imports PyYAML and does nothing but
  ``yaml.compose(text, Loader=yaml.CSafeLoader)`` on the same claims.yaml and every
  story file it includes (also shown with the garbage collector off);
* check: ``factcheck check claims.yaml`` (exit status 1 is expected: the newsroom
  has broken quotes on purpose, and the table counts what the check found), cold
  (``--no-cache``), unchanged since the last check, and after one edit of a claim's
  summary (the check's cache in a temporary folder; the edit is undone afterwards);
* site build: ``mkdocs build`` of the newsroom (the ``factcheck`` plugin with share
  cards; its claims file without the broken citations, since errors abort a build)
  cold, with an empty cache folder, and again with the cards kept in the cache,
  against ``mkdocs build`` of the plain twin (bench/twin.py: the same pages as
  ordinary Markdown, same theme); no search index on either side;
* the site as published: one build with share cards and Pagefind, weighed (in all,
  its largest page and data file, three pages a reader opens with their CSS and JS)
  and searched in headless Chromium (bench/search.py);
* edit to preview: ``mkdocs serve --dirty`` on a copy of the newsroom; the time and
  the serve process's CPU time from saving a claim's summary to its page showing the
  change (``bench/preview.py``).

The newsrooms are generated under ``bench/out/`` (git-ignored) and reused while
the generator and its arguments are unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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

LIMITS = {"check": 1.5, "check_cold": 3.0, "site": 1.3, "memory_mib": 1024, "preview": 2.0,
          "page_kb": 200, "weight_kb": 150, "site_mb": 750, "search_kb": 500}


# -- running children ----------------------------------------------------------------

def _tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux: /proc)."""
    out = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                for child in handle.read().split():
                    out += _tree(int(child))
    except OSError:
        pass
    return out


def _pss_kib(pid: int) -> int:
    """A process's proportional set size: its private memory and its share of the
    memory it shares (forked workers share most of it), in KiB (0: gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_child(argv: list[str], cwd: str, capture: bool = False, env: dict | None = None,
              memory: bool = False) -> dict:
    """Run one child; its wall time, exit status, CPU time (itself and the children it
    waited for), peak RSS (MiB), and maybe its stdout. With ``memory``, the peak of
    the sum of every process's PSS in its tree, sampled every 0.1 s (``pss_mib``):
    what the check's workers, the card drawers and Pagefind take all together."""
    out = tempfile.TemporaryFile() if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.PIPE
                            if capture else subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})
    peak = [0]
    if memory and os.path.isdir(f"/proc/{proc.pid}"):
        def sample() -> None:
            while proc.returncode is None and os.path.exists(f"/proc/{proc.pid}"):
                peak[0] = max(peak[0], sum(map(_pss_kib, _tree(proc.pid))))
                time.sleep(0.1)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rc": proc.returncode,
              "rss_mib": usage.ru_maxrss / 1024}
    if memory:
        result["pss_mib"] = peak[0] / 1024
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
            "pss_mib": max(r.get("pss_mib", 0) for r in runs), "runs": walls}


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
                cold.append(run_child([*argv, "--no-cache"], project, memory=True))
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


SITE_OPTIONS = {  # the plugin's options in each variant of the site's build
    "timed": "      share_images: true\n      pagefind: false\n",  # as the twin: no search
    "full": "      share_images: true\n      pagefind: true\n",  # the site as published
}


def _variant(project: str, name: str) -> str:
    """A copy of the newsroom's mkdocs.yml with the plugin options of ``name``."""
    with open(os.path.join(project, "mkdocs.yml"), encoding="utf-8") as handle:
        text = handle.read()
    anchor = "      claims: claims-clean.yaml\n"
    path = f"bench-{name}.yml"
    with open(os.path.join(project, path), "w", encoding="utf-8") as handle:
        handle.write(text.replace(anchor, anchor + SITE_OPTIONS[name], 1))
    return path


def _build(folder: str, config: str, dest: str, cache: str) -> dict:
    mkdocs = os.path.join(BIN, "mkdocs")
    got = run_child([mkdocs, "build", "-q", "-f", config, "-d", dest], folder, capture=True,
                    env={"FACTCHECK_CACHE_DIR": cache}, memory=True)
    if got["rc"] != 0:
        raise SystemExit(f"mkdocs build failed in {folder}:\n{got['stderr'][-3000:]}")
    got["pages"] = sum(name == "index.html" for _, _, files in os.walk(dest)
                       for name in files)
    return got


def measure_site(project: str, repeat: int) -> dict:
    """The site's build against its plain twin's, interleaved: cold (an empty cache
    folder: every share card drawn), and with the cards kept in the cache from the
    cold build (a fresh checkout whose CI restores the cache), each into an empty
    folder; Pagefind off on both sides (``measure_published`` times it)."""
    config = _variant(project, "timed")
    cold, plain, kept = [], [], []
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        for i in range(repeat):
            cache = os.path.join(tmp, f"cache-{i}")
            for runs, folder, conf in ((cold, project, config),
                                       (plain, os.path.join(project, "plain"), "mkdocs.yml"),
                                       (kept, project, config)):
                dest = os.path.join(tmp, f"site-{i}")
                runs.append(_build(folder, conf, dest, cache))
                shutil.rmtree(dest)
    out = {"site": series(cold), "plain": series(plain), "kept": series(kept)}
    out["site"]["pages"], out["plain"]["pages"] = cold[-1]["pages"], plain[-1]["pages"]
    return out


def _weight(site: str, page: str) -> int:
    """A page's bytes with the stylesheets and scripts it links (of the site's own)."""
    from html.parser import HTMLParser

    path = os.path.join(site, page, "index.html")
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    linked: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
                linked.append(a["href"])
            elif tag == "script" and a.get("src"):
                linked.append(a["src"])

    Links().feed(html)
    total = len(html.encode("utf-8"))
    for href in dict.fromkeys(linked):
        if "://" not in href:
            target = os.path.normpath(os.path.join(os.path.dirname(path), href.split("?")[0]))
            total += os.path.getsize(target) if os.path.isfile(target) else 0
    return total


def published_figures(site: str) -> dict:
    """What the published site weighs: in all, its cards and search index, its
    largest page and data file, and three pages a reader opens, with their CSS and JS."""
    sizes: dict[str, int] = {}
    for root, _, names in os.walk(site):
        for name in names:
            path = os.path.join(root, name)
            sizes[os.path.relpath(path, site).replace(os.sep, "/")] = os.path.getsize(path)
    html = {k: v for k, v in sizes.items() if k.endswith(".html")}
    data = {k: v for k, v in sizes.items() if k.endswith((".json", ".xml"))
            and not k.startswith("pagefind/")}
    biggest = max(html, key=html.get)
    biggest_data = max(data, key=data.get)
    with open(os.path.join(site, "claims.json"), encoding="utf-8") as handle:
        first_claim = json.load(handle)["claims"][0]["page"]
    return {
        "bytes": sum(sizes.values()), "files": len(sizes),
        "cards": sum(v for k, v in sizes.items() if k.startswith("assets/factcheck/cards/")),
        "pagefind": sum(v for k, v in sizes.items() if k.startswith("pagefind/")),
        "largest_page": (biggest, html[biggest]), "largest_data": (biggest_data,
                                                                   data[biggest_data]),
        "weights": {"front page": _weight(site, ""), "a claim": _weight(site, first_claim),
                    "a list (claims/)": _weight(site, "claims")},
    }


def measure_published(project: str, queries: list[str] | None) -> dict:
    """One build of the site as published (share cards and Pagefind), cold: its time,
    its peak memory in all its processes, what it weighs, and what one search
    fetches (headless Chromium, when Playwright and Chromium are installed)."""
    config = _variant(project, "full")
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-full-") as tmp:
        dest = os.path.join(tmp, "site")
        got = _build(project, config, dest, os.path.join(tmp, "cache"))
        out = {"build": got, "figures": published_figures(dest)}
        found = re.search(r"search index written by Pagefind in ([0-9.]+) s", got["stderr"])
        out["pagefind_s"] = float(found.group(1)) if found else None
        if queries:
            try:
                import search
                out["search"] = search.search_bytes(dest, queries)
            except Exception as exc:  # noqa: BLE001 - no Playwright or no Chromium here
                out["search_error"] = f"{type(exc).__name__}: {exc}"
    return out


# -- preparing the newsrooms -----------------------------------------------------------

def prepare(out: str, claims: int, sources: int, seed: int, rate: float,
            stories: int = 0) -> tuple[str, dict]:
    """Generate the newsroom unless an identical one is already there."""
    folder = os.path.join(out, f"claims-{claims}-sources-{sources}"
                          + (f"-stories-{stories}" if stories else ""))
    code = hashlib.sha256()
    for module in (generate, generate.twin):
        with open(module.__file__, "rb") as handle:
            code.update(handle.read())
    code = code.hexdigest()[:16]
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


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def _kb(n: float) -> str:
    return f"{n / 1e3:,.0f} KB"


def _ratio(a: dict, b: dict, key: str = "median") -> float:
    return a[key] / b[key]


class Rows:
    """The table: one row per figure, one column per size; each row may name a target
    (``limit`` and whether it holds for the figure's value) and print it beside."""

    def __init__(self, results: dict, sizes: list[int]) -> None:
        self.results, self.sizes, self.lines, self.checks = results, sizes, [], []
        head = "| | " + " | ".join(f"{n:,} claims" for n in sizes) + " | target |"
        self.lines = [head, "|" + "---|" * (len(sizes) + 2)]

    def row(self, label: str, cell, target: str = "", holds=None, need=None) -> None:
        cells = []
        for n in self.sizes:
            r = self.results[n]
            if need is not None and not need(r):
                cells.append("n/a")
                continue
            text = cell(r)
            if holds is not None:
                ok = holds(r)
                text = f"**{text}**" + ("" if ok else " MISSED")
                self.checks.append(f"{label} at {n:,}: {cell(r)}, "
                                   f"{verdict(ok)} (target {target})")
            cells.append(text)
        self.lines.append("| " + " | ".join([label, *cells, target]) + " |")


def table(results: dict, sizes: list[int]) -> tuple[str, list[str]]:
    t = Rows(results, sizes)
    site = lambda r: "site" in r  # noqa: E731
    pub = lambda r: "published" in r  # noqa: E731
    prev = lambda r: "preview" in r and r["preview"].get("edits_cpu_median") is not None  # noqa: E731
    t.row("sources / citations / claims files", lambda r: (
        f"{r['info']['sources']:,} / {r['info']['citations']:,} / "
        f"{r['info']['claims_bytes'] / 1e6:.1f} MB"
        + (f" in {r['info']['stories'] + 1} files" if r['info'].get('stories') else "")))
    t.row("parse floor (`yaml.compose`, C), wall / CPU", lambda r: (
        f"{r['check']['floor']['median']:.2f} / {r['check']['floor']['cpu']:.2f} s"))
    for key, label, limit in (("check", "cold (`--no-cache`)", LIMITS["check_cold"]),
                              ("unchanged", "nothing changed", LIMITS["check"]),
                              ("edited", "one claim edited", LIMITS["check"])):
        t.row(f"`factcheck check`, {label}, wall", lambda r, k=key: secs(r["check"][k]))
        t.row(f"**check / floor**, {label}, wall", lambda r, k=key: (
            f"{_ratio(r['check'][k], r['check']['floor']):.2f}x"), f"≤ {limit}x",
            lambda r, k=key, lim=limit: _ratio(r["check"][k], r["check"]["floor"]) <= lim)
        t.row("same, CPU time (user+sys)", lambda r, k=key: (
            f"{r['check'][k]['cpu']:.2f} / {r['check']['floor']['cpu']:.2f} s = "
            f"{_ratio(r['check'][k], r['check']['floor'], 'cpu'):.2f}x"))
    t.row("check, cold: peak memory, all its processes (PSS)", lambda r: (
        f"{r['check']['check']['pss_mib']:.0f} MiB"), "< 1 GiB",
        lambda r: r["check"]["check"]["pss_mib"] < LIMITS["memory_mib"])
    t.row("findings by code (exit status 1 expected)", lambda r: _findings(r["check"]))
    t.row("`mkdocs build` with share cards, cold (empty cache), wall",
          lambda r: secs(r["site"]["site"]), need=site)
    t.row("`mkdocs build`, plain twin (same pages), wall",
          lambda r: secs(r["site"]["plain"]), need=site)
    t.row("**build with cards / plain twin**, wall", lambda r: (
        f"{_ratio(r['site']['site'], r['site']['plain']):.2f}x"), f"≤ {LIMITS['site']}x",
        lambda r: _ratio(r["site"]["site"], r["site"]["plain"]) <= LIMITS["site"], need=site)
    t.row("same, CPU time (user+sys, the build's own processes)", lambda r: (
        f"{r['site']['site']['cpu']:.1f} / {r['site']['plain']['cpu']:.1f} s = "
        f"{_ratio(r['site']['site'], r['site']['plain'], 'cpu'):.2f}x"), need=site)
    t.row("`mkdocs build`, cards kept in the cache (empty site/), wall / vs plain",
          lambda r: f"{secs(r['site']['kept'])} = "
                    f"{_ratio(r['site']['kept'], r['site']['plain']):.2f}x", need=site)
    t.row("pages built: site / plain", lambda r: (
        f"{r['site']['site']['pages']:,} / {r['site']['plain']['pages']:,}"), need=site)
    t.row("build, cold, peak memory, all its processes (PSS)", lambda r: (
        f"{r['site']['site']['pss_mib']:.0f} MiB (plain {r['site']['plain']['pss_mib']:.0f})"),
        "< 1 GiB", lambda r: r["site"]["site"]["pss_mib"] < LIMITS["memory_mib"], need=site)
    t.row("site as published (cards, Pagefind): build wall / peak memory (PSS)", lambda r: (
        f"{r['published']['build']['wall']:.1f} s / "
        f"{r['published']['build']['pss_mib']:.0f} MiB"
        + (f" (Pagefind {r['published']['pagefind_s']:.1f} s)"
           if r["published"].get("pagefind_s") else "")), need=pub)
    t.row("**site with cards and Pagefind**", lambda r: (
        f"{_mb(r['published']['figures']['bytes'])} (cards "
        f"{_mb(r['published']['figures']['cards'])}, Pagefind "
        f"{_mb(r['published']['figures']['pagefind'])})"), "< 750 MB at 16,000",
        lambda r: r["published"]["figures"]["bytes"] < LIMITS["site_mb"] * 1e6, need=pub)
    t.row("**largest HTML page**", lambda r: "{} ({})".format(
        _kb(r["published"]["figures"]["largest_page"][1]),
        r["published"]["figures"]["largest_page"][0]), "≤ 200 KB",
        lambda r: r["published"]["figures"]["largest_page"][1] <= LIMITS["page_kb"] * 1e3,
        need=pub)
    t.row("largest data file", lambda r: "{} ({})".format(
        _mb(r["published"]["figures"]["largest_data"][1]),
        r["published"]["figures"]["largest_data"][0]), "≤ 10 MB",
        lambda r: r["published"]["figures"]["largest_data"][1] <= 10e6, need=pub)
    for page in ("front page", "a claim", "a list (claims/)"):
        t.row(f"**{page}**, with its CSS and JS", lambda r, p=page: _kb(
            r["published"]["figures"]["weights"][p]), "< 150 KB",
            lambda r, p=page: r["published"]["figures"]["weights"][p] < LIMITS["weight_kb"] * 1e3,
            need=pub)
    t.row("**one search**, bytes fetched (largest of the queries)", lambda r: _kb(max(
        g["bytes"] for q, g in r["published"]["search"].items() if q)), "< 500 KB",
        lambda r: max(g["bytes"] for q, g in r["published"]["search"].items() if q)
        < LIMITS["search_kb"] * 1024, need=lambda r: pub(r) and "search" in r["published"])
    t.row("**edit to preview**, CPU time of `mkdocs serve`", lambda r: _cpu_runs(
        r["preview"], "edits"), f"< {LIMITS['preview']} s",
        lambda r: r["preview"]["edits_cpu_median"] < LIMITS["preview"], need=prev)
    t.row("same, wall", lambda r: _runs(r["preview"], "edits"), need=prev)
    t.row("broken edit to the error banner, wall", lambda r: _runs(r["preview"], "broken"),
          need=prev)
    t.row("first build in `mkdocs serve`", lambda r: f"{r['preview']['first_build']:.1f} s",
          need=prev)
    t.row("`mkdocs serve` doing nothing, CPU per second (watching the files)",
          lambda r: f"{r['preview']['idle_cpu']:.3f} s",
          need=lambda r: prev(r) and r["preview"].get("idle_cpu") is not None)
    return "\n".join(t.lines), t.checks


def _runs(got: dict, key: str) -> str:
    done = [f"{t:.2f}" for t in got[key] if t is not None]
    median = got[key + "_median"]
    head = f"{median:.2f} s" if median is not None else "never"
    return f"{head} ({', '.join(done)}; {got[key + '_missed']} missed)"


def _cpu_runs(got: dict, key: str) -> str:
    """The serve process's CPU seconds per edit (what a busy machine inflates less)."""
    median = got.get(key + "_cpu_median")
    if median is None:
        return "n/a"
    return f"{median:.2f} s ({', '.join(f'{t:.2f}' for t in got[key + '_cpu'] if t is not None)})"


def _findings(check: dict) -> str:
    errors = check["summary"]["errors"]
    codes = ", ".join(f"{code} {n}" for code, n in sorted(check["findings"].items()))
    return f"{errors} errors; {codes}"


def _per_size(value: str, sizes: list[int], default) -> dict[int, int]:
    """``--sources``/``--stories``: one number for every size, or one per size."""
    if not value:
        return {n: default(n) for n in sizes}
    numbers = [int(v) for v in value.split(",")]
    if len(numbers) == 1:
        return {n: numbers[0] for n in sizes}
    if len(numbers) != len(sizes):
        raise SystemExit("give one number for every size, or one for all")
    return dict(zip(sizes, numbers, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,4000",
                        help="claim counts, comma-separated (default: 1000,4000)")
    parser.add_argument("--sources", default="",
                        help="sources per newsroom: one number, or one per size "
                        "(default: 1,000, and a quarter of the claims above 4,000)")
    parser.add_argument("--stories", default="",
                        help="story files per newsroom: one number, or one per size "
                        "(default: one per 20 claims; 0: every claim in claims.yaml)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--broken-rate", type=float, default=0.04,
                        help="share of citations an editor broke (default: 0.04)")
    parser.add_argument("--no-site", action="store_true",
                        help="skip the mkdocs builds and the preview")
    parser.add_argument("--no-preview", action="store_true",
                        help="skip timing edits in mkdocs serve")
    parser.add_argument("--no-published", action="store_true",
                        help="skip the build of the site as published (cards, Pagefind)")
    parser.add_argument("--query", action="append",
                        help="a search to measure in Chromium (repeatable; default: "
                        "three; --query '' for none)")
    parser.add_argument("--out", default=os.path.join(HERE, "out"))
    parser.add_argument("--json", help="also write every raw figure to this file")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    sources = _per_size(args.sources, sizes, lambda n: max(1000, n // 4))
    stories = _per_size(args.stories, sizes, lambda n: n // 20)
    queries = [q for q in (args.query or ["ministry", "evacuation of civilians", "33,624"])
               if q]

    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB; "
          f"{info['os']}; Python {info['python']}; PyYAML {info['pyyaml']}; "
          f"load average at start {', '.join(f'{x:.2f}' for x in info['load'] or [])}",
          flush=True)
    skip_site = "--no-site given" if args.no_site else site_ready()
    results: dict = {}
    for n in sizes:
        folder, gen = prepare(args.out, n, sources[n], args.seed, args.broken_rate,
                              stories[n])
        print(f"[{n:,} claims] newsroom in {os.path.relpath(folder)}; timing the check "
              f"({args.repeat} runs each)...", flush=True)
        results[n] = {"info": gen, "check": measure_check(folder, args.repeat)}
        if not skip_site:
            print(f"[{n:,} claims] timing mkdocs build: site and plain twin...", flush=True)
            results[n]["site"] = measure_site(folder, args.repeat)
        if not (skip_site or args.no_published):
            print(f"[{n:,} claims] the site as published: cards, Pagefind, one search...",
                  flush=True)
            results[n]["published"] = measure_published(folder, queries)
        if not (skip_site or args.no_preview):
            print(f"[{n:,} claims] timing edits in mkdocs serve --dirty...", flush=True)
            results[n]["preview"] = preview.measure_preview(folder, args.repeat)
    print()
    text, checks = table(results, sizes)
    print(text)
    print()
    if skip_site:
        print(f"site build not measured: {skip_site}")
    for line in checks:
        print(line)
    info["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"load average at end: {', '.join(f'{x:.2f}' for x in info['load_after'] or [])}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"machine": info, "results": results}, handle, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
