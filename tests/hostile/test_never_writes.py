"""The generator never writes to claims.yaml or a source, except ``check --fix`` (and
that one only to claims.yaml); a failed build leaves the previous site as it was.

Snapshots hold every entry's bytes, mtime and mode, so a rewrite with identical
bytes, a touched timestamp, a stray temp file or a deleted folder all show up.
tests/site/test_build.py already proves a citation error leaves the site's bytes
alone; here every kind of failure is tried, and mtimes and directories count too.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.examples import examples

from .conftest import record
from .harness import assert_no_traceback, copy_project, run_main
from .sitekit import build, changed, make_project, snapshot

SOURCE = ("Officials said 3,000 residents were evacuated on \u201cWednesday\u201d.\n\n"
          "A state of emergency was declared in the region.\n")
CLAIMS = """\
sources:
  - id: a
    file: content/sources/a.txt
    title: A report
claims:
  - id: c
    claim: Three thousand left.
    verdict: accurate
    summary: The report says so.
    citations:
      - source: a
        quote: 3,000 residents were evacuated on "Wednesday"
        stance: supports
"""


def _settle():
    time.sleep(0.01)  # so that a rewrite would move an mtime


@pytest.mark.parametrize("argv", [
    ["--format", "text"], ["--format", "json"], ["--format", "github"],
    ["--format", "sarif"], ["--strict"],
])
def test_check_writes_nothing_on_the_real_project(tmp_path, argv):
    claims = copy_project(tmp_path)
    before = snapshot(tmp_path)
    _settle()
    status, out, err = run_main(["check", str(claims), *argv])
    assert_no_traceback(status, out, err)
    assert changed(before, snapshot(tmp_path)) == []
    record("check on the real project: files written", "none")


@pytest.mark.parametrize("damage", ["quote-not-found", "yaml-syntax", "source missing",
                                    "source not UTF-8", "normalized quote"])
def test_check_without_fix_writes_nothing_whatever_is_wrong(tmp_path, damage):
    make_project(tmp_path, CLAIMS, {"a.txt": SOURCE})
    claims = tmp_path / "claims.yaml"
    if damage == "quote-not-found":
        claims.write_text(CLAIMS.replace("3,000", "30,000"), encoding="utf-8")
    elif damage == "yaml-syntax":
        claims.write_text(CLAIMS.replace("    verdict:", "   verdict:"), encoding="utf-8")
    elif damage == "source missing":
        (tmp_path / "content" / "sources" / "a.txt").unlink()
    elif damage == "source not UTF-8":
        (tmp_path / "content" / "sources" / "a.txt").write_bytes(b"caf\xe9 3,000\n")
    before = snapshot(tmp_path)
    _settle()
    for fmt in ("text", "json"):
        status, out, err = run_main(["check", str(claims), "--format", fmt])
        assert_no_traceback(status, out, err)
    assert changed(before, snapshot(tmp_path)) == []
    record("check (no --fix) on a damaged project: files written", "none")


def test_fix_rewrites_only_claims_yaml_and_never_a_source(tmp_path):
    make_project(tmp_path, CLAIMS, {"a.txt": SOURCE})
    claims = tmp_path / "claims.yaml"
    before = snapshot(tmp_path)
    _settle()
    status, out, err = run_main(["check", str(claims), "--fix"])
    assert_no_traceback(status, out, err)
    after = snapshot(tmp_path)
    assert changed(before, after) == ["claims.yaml"], err
    assert "\u201cWednesday\u201d" in claims.read_text(encoding="utf-8")
    record("check --fix: files written", "claims.yaml only")


@settings(max_examples=examples(60), deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(CLAIMS) - 1), st.integers(0, 255)),
                min_size=1, max_size=4))
def test_fix_on_mangled_input_never_touches_a_source(tmp_path_factory, edits):
    root = make_project(tmp_path_factory.mktemp("fix"), CLAIMS, {"a.txt": SOURCE})
    data = bytearray(CLAIMS.encode())
    for at, byte in edits:
        data[min(at, len(data) - 1)] = byte
    (root / "claims.yaml").write_bytes(bytes(data))
    before = snapshot(root)
    status, out, err = run_main(["check", str(root / "claims.yaml"), "--fix"])
    assert_no_traceback(status, out, err)
    assert set(changed(before, snapshot(root))) <= {"claims.yaml"}
    record("check --fix on byte-mutated claims.yaml", "no traceback, sources untouched")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("built"), CLAIMS, {"a.txt": SOURCE})
    before = snapshot(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert changed(before, snapshot(root, skip=("site",))) == [], "build wrote outside site/"
    record("mkdocs build (success): files written outside site/", "none")
    return root


FAILURES = {
    "quote-not-found": lambda root: (root / "claims.yaml").write_text(
        CLAIMS.replace("3,000", "30,000"), encoding="utf-8"),
    "yaml-syntax": lambda root: (root / "claims.yaml").write_text(
        CLAIMS + "  - id: [unclosed\n", encoding="utf-8"),
    "nesting 100,000 deep": lambda root: (root / "claims.yaml").write_text(
        CLAIMS + "extra: " + "[" * 100_000 + "\n", encoding="utf-8"),
    "alias bomb": lambda root: (root / "claims.yaml").write_text(
        "x: &a [lol, lol]\ny: &b [*a, *a, *a]\n" + CLAIMS, encoding="utf-8"),
    "python tag": lambda root: (root / "claims.yaml").write_text(
        CLAIMS.replace("claim: Three", "claim: !!python/object/apply:os.system [true]\n"
                       "    claimant: Three"), encoding="utf-8"),
    "source not UTF-8": lambda root: (root / "content" / "sources" / "a.txt").write_bytes(
        SOURCE.encode().replace(b"\xe2\x80\x9c", b"\x93")),
    "source became a directory": lambda root: (
        (root / "content" / "sources" / "a.txt").unlink(),
        (root / "content" / "sources" / "a.txt").mkdir()),
    "claims.yaml deleted": lambda root: (root / "claims.yaml").unlink(),
    "claims.yaml empty": lambda root: (root / "claims.yaml").write_bytes(b""),
    "claims.yaml binary": lambda root: (root / "claims.yaml").write_bytes(bytes(range(256))),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(built, failure,
                                                                   tmp_path):
    import shutil
    root = tmp_path / "p"
    shutil.copytree(built, root, symlinks=True)  # copytree keeps the previous site
    FAILURES[failure](root)
    before = snapshot(root)
    _settle()
    result = build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "factcheck" in result.stderr
    after = snapshot(root)
    assert changed(before, after) == [], failure
    record("failed mkdocs build: previous site/ changed", "no (byte-, mtime- and "
           "entry-identical)")
