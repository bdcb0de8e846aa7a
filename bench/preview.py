"""Edit-to-preview latency: how long an editor waits, in ``mkdocs serve``, between
saving claims.yaml and the browser showing the change.

On a copy of a benchmark newsroom, ``mkdocs serve`` runs on a loopback port. Each
round edits one claim's summary (a new word in it), then waits as a browser does:
on MkDocs' livereload request, which answers when a rebuild is done, then fetches
the claim's page once, until the word is there. The time from the write to that
answer is the latency a reader of the page sees (MkDocs notices a change by
polling the files every 0.5 s, and waits 0.1 s for more, so ~0.35 s of any figure
is the watcher). A broken edit is timed by fetching the page every 0.2 s until the
error banner shows (a failed build gives the livereload request no answer).
Before the first edit, the CPU time the server spends per second doing nothing
(watching the files). Beside each wall time, the CPU time the ``mkdocs serve``
process spent in it (user + system, from ``/proc``; None elsewhere): on a shared
machine the wall time grows with the load, the CPU time much less. (An earlier
version fetched the page every 50 ms: on a loaded machine, where the wall time was
long, those fetches alone added tenths of a second to the serve process's CPU time.)

    .venv/bin/python bench/preview.py bench/out/claims-1000-sources-1000
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BIN = os.path.dirname(sys.executable)
POLL = 0.2
IDLE = 4.0  # seconds the server is watched doing nothing, before the first edit
BANNER = b'id="factcheck-preview-error"'
LIVERELOAD = re.compile(rb"livereload\((\d+), (\d+)\)")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


def _until(url: str, wanted, limit: float) -> float | None:
    """Seconds until ``wanted(status, body)`` holds for ``url`` (None: not within limit)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        status, body = _get(url)
        if wanted(status, body):
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


def _cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far, on Linux."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _reloaded(url: str, wanted, limit: float) -> float | None:
    """Seconds until ``wanted(status, body)`` holds for ``url``, waiting as a browser
    does: on MkDocs' livereload request, which answers when a rebuild is done."""
    start = time.perf_counter()
    status, body = _get(url)
    while time.perf_counter() - start < limit:
        if wanted(status, body):
            return time.perf_counter() - start
        found = LIVERELOAD.search(body)
        if found is None:
            time.sleep(POLL)
        else:
            base = url.split("/", 3)
            _get(f"{base[0]}//{base[2]}/livereload/{found[1].decode()}/{found[2].decode()}")
        status, body = _get(url)
    return None


def _timed(proc, path: str, text: str, url: str, wanted, limit: float, reload: bool = True):
    """Write ``text`` to ``path``; (wall seconds until ``wanted``, CPU seconds spent)."""
    before = _cpu(proc.pid)
    _write(path, text)
    took = (_reloaded if reload else _until)(url, wanted, limit)
    after = _cpu(proc.pid)
    return took, (after - before if None not in (before, after) else None)


def _idle(proc, seconds: float = IDLE) -> float | None:
    """CPU seconds per second the server spends while nothing changes: watching the
    files. Measured from 2 s after the first build, once the collector has taken
    that build's garbage (generator/gcpolicy.py), until its whole-heap pass at 10 s."""
    time.sleep(2.0)
    before = _cpu(proc.pid)
    time.sleep(seconds)
    after = _cpu(proc.pid)
    return (after - before) / seconds if None not in (before, after) else None


def _first_claim(claims: str) -> tuple[str, str, str]:
    """The id of the first claim, the first line of its summary, its verdict line."""
    lines = claims.split("\nclaims:\n", 1)[1].splitlines()
    cid = lines[0].split("id:", 1)[1].strip()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("summary:"))
    verdict = next(line for line in lines if line.strip().startswith("verdict:"))
    return cid, lines[at + 1], verdict


def measure_preview(project: str, rounds: int = 3, limit: float = 300) -> dict:
    """Start ``mkdocs serve`` on a copy of ``project``; time edits to the preview."""
    with tempfile.TemporaryDirectory(prefix="factcheck-preview-") as tmp:
        root = os.path.join(tmp, "newsroom")
        shutil.copytree(project, root, ignore=shutil.ignore_patterns("plain", "site"))
        claims_path = os.path.join(root, "claims-clean.yaml")
        stories = os.path.join(root, "stories-clean")
        if os.path.isdir(stories):  # the claims are in story files: edit the first
            claims_path = os.path.join(stories, sorted(os.listdir(stories))[0])
        with open(claims_path, encoding="utf-8") as handle:
            good = handle.read()
        cid, line, verdict = _first_claim(good)
        port = _port()
        base = f"http://127.0.0.1:{port}"
        page = f"{base}/claims/{cid}/"
        log = open(os.path.join(tmp, "serve.log"), "w+", encoding="utf-8")  # noqa: SIM115
        started = time.perf_counter()
        proc = subprocess.Popen([os.path.join(BIN, "mkdocs"), "serve", "--dirty", "-a",
                                 f"127.0.0.1:{port}"],
                                cwd=root, stdout=log, stderr=subprocess.STDOUT)
        try:
            first = _until(page, lambda s, b: s == 200, limit)
            if first is None:
                log.seek(0)
                raise SystemExit(f"mkdocs serve never served {page}:\n{log.read()[-3000:]}")
            out = {"first_build": time.perf_counter() - started, "edits": [], "broken": [],
                   "edits_cpu": [], "broken_cpu": [], "idle_cpu": _idle(proc)}
            for n in range(rounds):
                word = f"bench{n}x{int(time.time())}"
                took, cpu = _timed(proc, claims_path, good.replace(line, f"{line} {word}", 1),
                                   page, lambda s, b, w=word.encode(): s == 200 and w in b,  # noqa: B008
                                   limit)
                out["edits"].append(took)
                out["edits_cpu"].append(cpu)
                took, cpu = _timed(proc, claims_path,  # a slip
                                   good.replace(verdict, "  " + verdict, 1), page,
                                   lambda s, b: BANNER in b, limit, reload=False)
                out["broken"].append(took)
                out["broken_cpu"].append(cpu)
            _write(claims_path, good)
            _until(page, lambda s, b: s == 200 and BANNER not in b, limit)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
    for key in ("edits", "broken"):
        done = [t for t in out[key] if t is not None]
        out[key + "_median"] = statistics.median(done) if done else None
        out[key + "_missed"] = len(out[key]) - len(done)
        cpu = [t for t, w in zip(out[key + "_cpu"], out[key], strict=False)
               if t is not None and w is not None]
        out[key + "_cpu_median"] = statistics.median(cpu) if cpu else None
    return out


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


if __name__ == "__main__":
    import json

    print(json.dumps(measure_preview(sys.argv[1]), indent=1))
