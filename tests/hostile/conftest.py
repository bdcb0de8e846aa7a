"""Shared tally for the hostile suite: every input tried, by kind and outcome.

Tests call :func:`record` for each input they throw at the checker or the site. At
the end of a session that ran any of them, the tally is written as JSON to
``$HOSTILE_TALLY`` (default ``tests/artifacts/hostile-tally.json``, ignored by git);
``tests/hostile/make_table.py`` runs this suite and turns the tally into
``tests/hostile/RESULTS.md``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

TALLY: Counter = Counter()
DEFAULT = Path(__file__).resolve().parents[1] / "artifacts" / "hostile-tally.json"


def record(kind: str, outcome: str, count: int = 1) -> None:
    TALLY[(kind, outcome)] += count


def pytest_sessionfinish(session, exitstatus):
    if not TALLY:
        return
    out = Path(os.environ.get("HOSTILE_TALLY") or DEFAULT)
    rows = [{"kind": k, "outcome": o, "count": n} for (k, o), n in sorted(TALLY.items())]
    failed = getattr(session, "testsfailed", 0)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"rows": rows, "exitstatus": int(exitstatus),
                                   "failed": failed}, indent=1), encoding="utf-8")
    except OSError:
        pass
