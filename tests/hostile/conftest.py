"""Shared tally for the hostile suite: every input tried, by kind and outcome.

Tests call :func:`record` for each input they throw at the checker or the site. At
the end of the session the tally is written to ``tests/artifacts/hostile-tally.json``
(ignored by git); ``tests/hostile/make_table.py`` runs this suite and turns the tally
into ``tests/hostile/RESULTS.md``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

TALLY: Counter = Counter()
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def record(kind: str, outcome: str, count: int = 1) -> None:
    TALLY[(kind, outcome)] += count


def pytest_sessionfinish(session, exitstatus):
    out = os.environ.get("HOSTILE_TALLY")
    if not out or not TALLY:
        return
    rows = [{"kind": k, "outcome": o, "count": n} for (k, o), n in sorted(TALLY.items())]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps({"rows": rows, "exitstatus": int(exitstatus)}, indent=1))
