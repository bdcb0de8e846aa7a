"""Shared tally for the hostile suite: every input tried, by kind and outcome.

Tests call :func:`record` for each input they throw at the checker or the site. At
the end of a session that ran any of them, with ``$HOSTILE_TALLY`` set, the tally is
written there as JSON: ``tests/hostile/make_table.py`` runs this suite in one process
with it set and turns the tally into ``tests/hostile/RESULTS.md``. Otherwise nothing
is written (the suite writes only into temporary folders; and under pytest-xdist each
worker holds only its own share of the tally).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

TALLY: Counter = Counter()


def record(kind: str, outcome: str, count: int = 1) -> None:
    TALLY[(kind, outcome)] += count


def pytest_sessionfinish(session, exitstatus):
    if not TALLY or not os.environ.get("HOSTILE_TALLY"):
        return
    out = Path(os.environ["HOSTILE_TALLY"])
    rows = [{"kind": k, "outcome": o, "count": n} for (k, o), n in sorted(TALLY.items())]
    failed = getattr(session, "testsfailed", 0)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"rows": rows, "exitstatus": int(exitstatus),
                                   "failed": failed}, indent=1), encoding="utf-8")
    except OSError:
        pass
