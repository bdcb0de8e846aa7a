"""RESULTS.md says what make_table.py wrote: the command, and zeros where they matter."""

from __future__ import annotations

import re
from pathlib import Path

from .make_table import BAD, COMMAND, TABLE, table_rows


def test_the_results_table_states_its_command_and_its_zeros():
    text = TABLE.read_text(encoding="utf-8")
    assert f"`{COMMAND}`" in text
    assert "**Tracebacks: 0. Payloads run: 0.**" in text
    rows = table_rows(text)
    assert len(rows) > 30
    assert not [r for r in rows if BAD.search(r[1])]
    kinds = {k for k, _ in rows}
    for needed in ("truncated real claims.yaml", "YAML alias bomb",
                   "code-running or unknown YAML tag",
                   "nesting 10,000-100,000 deep (subprocess)", "claims.yaml with BOM",
                   "claims.yaml with CRLF", "invalid UTF-8 in claims.yaml",
                   "invalid UTF-8 in a source", "binary file as claims.yaml",
                   "empty or blank claims.yaml", "source that is a directory",
                   "source that is a dangling symlink", "very large source (50 MB)",
                   "very large claims.yaml (20 MB)", "pages loaded in Chromium",
                   "links and buttons clicked in Chromium",
                   "failed mkdocs build: previous site/ changed"):
        assert needed in kinds, needed


def test_every_kind_in_the_table_is_recorded_by_a_test():
    """No row without a test behind it: each kind's name is in a test file's source
    (literally, or as the f-string it is built from)."""
    here = Path(__file__).parent
    sources = "".join(p.read_text(encoding="utf-8") for p in here.glob("test_*.py"))
    sources += (here / "harness.py").read_text(encoding="utf-8")
    built = [p for p in re.findall(r'f"([^"{]+)\{', sources) if len(p) > 12]
    for kind, _ in table_rows(TABLE.read_text(encoding="utf-8")):
        base = re.sub(r" \(console script\)$", "", kind)
        stem = re.split(r" (?:that is a|with) ", base)[0]
        assert (base in sources or stem in sources
                or any(base.startswith(p) for p in built)), kind
