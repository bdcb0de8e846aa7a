"""Run the checker on hostile input and classify what happened.

Every run goes through :func:`generator.cli.main` in-process (any exception that
escapes is caught here and counted as a traceback, so a test fails on it), and the
named cases also through the ``factcheck`` console script in a subprocess.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from generator.cli import main

from .conftest import record

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).with_name("factcheck")
OUTCOME = {0: "clean (exit 0)", 1: "findings (exit 1)", 2: "refused (exit 2)"}


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(argv)
        except BaseException:  # noqa: BLE001 - the point is to catch everything
            traceback.print_exc()
            status = -1
    return status, out.getvalue(), err.getvalue()


def run_script(argv: list[str], timeout: float = 60, **env) -> tuple[int, str, str]:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "generator.cli"]
    proc = subprocess.run(command + argv, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **env}, errors="replace")
    return proc.returncode, proc.stdout, proc.stderr


def cpu_seconds() -> float:
    """CPU time of this process and of the commands it has waited for. The bounds on
    hostile input bound work: a loaded machine (or a second pytest worker on the same
    cores) stretches wall time, not this."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def assert_no_traceback(status: int, out: str, err: str) -> None:
    assert "Traceback (most recent call last)" not in out + err, err[-3000:]
    assert status in (0, 1, 2), (status, err[-3000:])


def check(kind: str, claims: str | Path, *, expect: set[int] = frozenset({1, 2}),
          formats: tuple[str, ...] = ("json", "text"), where: str | None = None,
          script: bool = False) -> dict | None:
    """Check ``claims`` in every format; assert the contract; record the outcome.

    Returns the JSON report (None when the run exited 2). ``where`` is a substring
    that some finding's message or location must carry (e.g. a line number).
    """
    claims = str(claims)
    report = None
    status = None
    for fmt in formats:
        got, out, err = run_main(["check", claims, "--format", fmt])
        if got not in (0, 1, 2) or "Traceback (most recent" in out + err:
            record(kind, "TRACEBACK")
        assert_no_traceback(got, out, err)
        assert status is None or got == status, (fmt, got, status)
        status = got
        if got == 2:
            assert err.startswith("factcheck: ") and claims in err, err
            assert out == ""
        elif fmt == "json":
            report = json.loads(out)
            folder = os.path.dirname(os.path.abspath(claims))
            line_counts: dict[str, int] = {}  # each file read once, not per finding
            for finding in report["findings"]:
                # claims.yaml itself, or a story file it includes, inside its folder
                named = os.path.abspath(finding["path"])
                assert finding["path"] == claims or (
                    os.path.commonpath([folder, named]) == folder and named.endswith(".yaml")
                    and os.path.isfile(named)), finding
                if finding["path"] not in line_counts:
                    line_counts[finding["path"]] = _line_count(finding["path"])
                assert 1 <= finding["line"] <= line_counts[finding["path"]] + 1, finding
                assert finding["column"] >= 1, finding
                assert finding["message"].strip(), finding
            if got == 1:
                assert report["summary"]["errors"] or report["summary"]["warnings"]
    if script:
        got, out, err = run_script(["check", claims])
        if got not in (0, 1, 2) or "Traceback (most recent" in out + err:
            record(kind + " (console script)", "TRACEBACK")
        assert_no_traceback(got, out, err)
        assert got == status, (got, status, err)
        record(kind + " (console script)", OUTCOME[got])
    assert status in expect, (kind, status)
    if where is not None:
        assert report is not None
        assert any(where in f"{f['line']}:{f['column']} {f['message']}"
                   for f in report["findings"]), report["findings"]
    record(kind, OUTCOME[status])
    return report


def _line_count(path: str) -> int:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return 0
    # YAML 1.1 (libyaml) also breaks lines at NEL, LS and PS: count what it counts.
    text = data.decode("utf-8", errors="replace")
    return sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 1


def copy_project(dest: Path) -> Path:
    """The repository's own claims.yaml, its stories and sources, copied: a realistic victim."""
    shutil.copy(REPO / "claims.yaml", dest / "claims.yaml")
    shutil.copytree(REPO / "stories", dest / "stories")
    shutil.copytree(REPO / "content" / "sources", dest / "content" / "sources")
    return dest / "claims.yaml"
