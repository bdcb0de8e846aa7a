"""Malformed and hostile input: never a traceback, only findings (exit 1) or a clear
refusal (exit 2), and the location given.

tests/checker proves the loader's findings one by one (table in test_load.py) and
the unreadable-source cases through ``check_file``. This file throws volume and
malice at the whole CLI instead: every truncation of the real claims.yaml, random
byte mutations, random YAML, alias bombs under time and memory bounds, code-running
tags, nesting 100,000 deep, encodings, binary and empty files, odd file types and
files of tens of megabytes, in-process and through the console script.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.examples import examples

from .conftest import record
from .harness import REPO, check, copy_project, cpu_seconds, run_script

REAL = (REPO / "claims.yaml").read_bytes()

SOURCE = ("Officials said 3,000 residents were evacuated on Wednesday.\n\n"
          "A state of emergency was declared in the region.\n")
HEAD = "sources:\n  - {id: a, file: a.txt, title: A}\n"
CLAIM = ("claims:\n  - id: c\n    claim: x\n    verdict: mixed\n    summary: y\n"
         "    citations:\n      - source: a\n        quote: 3,000 residents were evacuated\n"
         "        stance: context\n")
VALID = HEAD + CLAIM

HYPO = settings(max_examples=examples(150), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    """A copy of the repository's claims.yaml with its sources."""
    return copy_project(tmp_path_factory.mktemp("real"))


@pytest.fixture
def small(tmp_path) -> Path:
    (tmp_path / "a.txt").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# -- truncated, mutated and random YAML ---------------------------------------------

def test_the_real_claims_file_is_clean(real):
    # The baseline the mutations start from: if this fails, the repo itself is broken.
    check("real claims.yaml, untouched", real, expect={0, 1}, script=True)


STRIDE = 97


def test_every_truncation_of_the_real_claims_file(real):
    """Cut the real claims.yaml at every 97th byte (and inside multi-byte characters)."""
    target = real.parent / "truncated.yaml"
    cuts = list(range(0, len(REAL), STRIDE))
    # Cuts that split a UTF-8 sequence: a truncated file can end mid-character.
    cuts += [i for i, b in enumerate(REAL) if 0x80 <= b < 0xC0][:40:4]
    for cut in cuts:
        write(target, REAL[:cut])
        check("truncated real claims.yaml", target, expect={0, 1}, formats=("json",))


@HYPO
@given(st.lists(st.tuples(st.integers(0, len(REAL) - 1), st.integers(0, 255),
                          st.sampled_from(["replace", "insert", "delete"])),
                min_size=1, max_size=8))
def test_random_byte_mutations_of_the_real_claims_file(real, edits):
    data = bytearray(REAL)
    for at, byte, how in edits:
        at = min(at, len(data) - 1)
        if how == "replace":
            data[at] = byte
        elif how == "insert":
            data.insert(at, byte)
        else:
            del data[at]
    target = write(real.parent / "mutated.yaml", bytes(data))
    check("byte-mutated real claims.yaml", target, expect={0, 1})


YAML_ALPHABET = st.sampled_from(list("abc:-[]{}&*!|>'\"#%?,@` \n\t\\.1") +
                                ["sources:", "claims:", "- ", "id: ", "\n  ", "!!", "&a ",
                                 "*a", "---", "...", "\ufeff", "\x00", "\u2028", "\x85"])


@HYPO
@given(st.lists(YAML_ALPHABET, max_size=60).map("".join))
def test_random_yaml(tmp_path_factory, text):
    target = write(tmp_path_factory.mktemp("rnd") / "claims.yaml", text)
    check("random YAML-like text", target, expect={1})


@HYPO
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path_factory, data):
    target = write(tmp_path_factory.mktemp("bin") / "claims.yaml", data)
    check("random bytes as claims.yaml", target, expect={1})


# -- alias bombs and tags --------------------------------------------------------------

def laughs(levels: int, width: int = 9, where: str = "top") -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    bomb = "\n".join(lines) + "\n"
    if where == "top":
        return bomb + VALID
    if where == "summary":  # the bomb lives under a field the loader does walk
        inner = "{" + ", ".join(line.replace(": ", ": ", 1) for line in lines) + "}"
        return VALID.replace("summary: y", f"summary: {inner}")
    if where == "claims":
        return HEAD + "claims: &c [" + ", ".join(["*c"] * 0) + "]\nx: " + bomb
    raise ValueError(where)


@pytest.mark.parametrize("levels, width, where", [
    (10, 9, "top"), (30, 10, "top"), (30, 10, "summary"), (200, 2, "summary"),
])
def test_alias_bombs_are_refused_quickly_in_bounded_memory(small, levels, width, where):
    target = write(small / "claims.yaml", laughs(levels, width, where))
    tracemalloc.start()
    started = cpu_seconds()
    try:
        report = check("YAML alias bomb", target, expect={1},
                       script=(levels, width, where) == (30, 10, "top"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = cpu_seconds() - started
    assert elapsed < 10, elapsed
    assert peak < 64 * 2**20, f"peak {peak / 2**20:.1f} MiB"
    assert report["summary"]["errors"] >= 1


def test_many_aliases_to_one_anchor(small):
    """A flat list of 200,000 aliases: linear, refused at the first reuse."""
    body = "[" + ", ".join(["*t"] * 200_000) + "]"
    target = write(small / "claims.yaml",
                   VALID.replace("summary: y", "summary: &t y").replace(
                       "    citations:", f"    tags: {body}\n    citations:"))
    started = cpu_seconds()
    check("YAML alias bomb", target, expect={1}, where="aliases are not allowed")
    assert cpu_seconds() - started < 20


def test_self_referencing_and_undefined_aliases(small):
    for text in ["x: &a [*a]\n" + VALID, VALID.replace("claim: x", "claim: *nowhere"),
                 VALID.replace("claims:", "claims: &r\n").replace("summary: y",
                                                                   "summary: *r")]:
        check("YAML alias bomb", write(small / "claims.yaml", text), expect={1})


TAGS = [
    "!!python/object/apply:os.system ['touch PWNED']",
    "!!python/object/apply:subprocess.check_output [['touch', 'PWNED']]",
    "!!python/object/new:os.system ['touch PWNED']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!!python/str x",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!shell touch PWNED",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch PWNED']",
    "!e!x y",
]


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("field", ["claim", "root", "key"])
def test_tags_never_run_and_are_refused_where_they_stand(small, monkeypatch, tag, field):
    monkeypatch.chdir(small)
    ran = []
    monkeypatch.setattr(os, "system", lambda *a: ran.append(a) or 0)
    if field == "claim":
        text = VALID.replace("claim: x", f"claim: {tag}")
        line = 5
    elif field == "root":
        text = f"--- {tag}\n" if not tag.startswith("!!python/name") else f"--- {tag}\n"
        line = 1
    else:
        text = VALID.replace("    summary: y", f"    ? {tag}\n    : y\n    summary: y")
        line = 7
    if tag.startswith("!e!"):
        text = "%TAG !e! tag:evil.example,2024:\n---\n" + text.replace("--- ", "")
        line += 2
    report = check("code-running or unknown YAML tag", write(small / "claims.yaml", text),
                   expect={1}, script=(field == "claim" and "os.system" in tag))
    assert not (small / "PWNED").exists()
    assert ran == []
    assert any(f["line"] == line for f in report["findings"]), (line, report["findings"])


@pytest.mark.parametrize("tag", ["!!str", "!!int", "!!float", "!!timestamp", "!!null",
                                 "!!bool"])
def test_plain_yaml_tags_on_text_are_only_text(small, tag):
    """Core-schema tags on a scalar change nothing: the loader reads the text as written."""
    check("plain YAML tag on a text field", write(small / "claims.yaml",
                                                  VALID.replace("claim: x", f"claim: {tag} x")),
          expect={0} if tag != "!!null" else {1})  # `!!null x` is read as nothing


# -- deep nesting --------------------------------------------------------------------

NESTING = {
    "flow sequences": lambda n: "sources: " + "[" * n + "]" * n + "\nclaims: []\n",
    "flow mappings": lambda n: "sources: " + "{a: " * n + "1" + "}" * n + "\nclaims: []\n",
    "block sequences": lambda n: "sources:\n  " + "- " * n + "x\nclaims: []\n",
    "unclosed": lambda n: "sources: " + "[" * n + "\n",
}


@pytest.mark.parametrize("depth", [10_000, 100_000])
@pytest.mark.parametrize("shape", sorted(NESTING))
def test_deep_nesting_is_refused_without_crashing_the_interpreter(tmp_path, shape, depth):
    """libyaml composes recursively in C: 100,000 levels used to kill the process
    (SIGSEGV). A subprocess shows the return code whatever happens."""
    target = write(tmp_path / "claims.yaml", NESTING[shape](depth))
    code = ("import sys\nfrom generator.cli import main\n"
            f"sys.exit(main(['check', {str(target)!r}, '--format', 'json']))\n")
    started = cpu_seconds()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    elapsed = cpu_seconds() - started
    outcome = ("findings (exit 1)" if proc.returncode == 1 else
               f"CRASH (signal {-proc.returncode})" if proc.returncode < 0 else
               f"exit {proc.returncode}")
    record("nesting 10,000-100,000 deep (subprocess)", outcome)
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    assert '"code": "yaml-syntax"' in proc.stdout
    assert '"line": 1' in proc.stdout or '"line": 2' in proc.stdout
    assert elapsed < 20


def test_nesting_just_inside_the_limit_still_loads_to_findings(tmp_path):
    from generator.checker.yamlsyntax import MAX_DEPTH
    target = write(tmp_path / "claims.yaml", NESTING["flow sequences"](MAX_DEPTH - 2))
    report = check("nesting at the limit", target, expect={1})
    assert [f["code"] for f in report["findings"]] == ["schema"]


# -- encodings, line endings, binary and empty files ---------------------------------

def test_bom_and_crlf_give_the_same_findings_as_the_original(real):
    baseline = check("real claims.yaml, untouched", real, expect={0, 1})
    variants = {
        "BOM": b"\xef\xbb\xbf" + REAL,
        "CRLF": REAL.replace(b"\n", b"\r\n"),
        "BOM + CRLF": b"\xef\xbb\xbf" + REAL.replace(b"\n", b"\r\n"),
        "CR only (old Mac)": REAL.replace(b"\n", b"\r"),
    }
    key = [(f["line"], f["code"]) for f in baseline["findings"]]
    for name, data in variants.items():
        target = write(real.parent / "variant.yaml", data)
        got = check(f"claims.yaml with {name}" if "CR only" not in name
                    else "claims.yaml with CR-only line endings", target, expect={0, 1},
                    script=name == "BOM + CRLF")
        assert [(f["line"], f["code"]) for f in got["findings"]] == key, name


def test_crlf_bom_and_nbsp_in_a_source_still_verify_and_map_back(small):
    source = "\ufeffOfficials said 3,000\r\nresidents were\u00a0evacuated.\r\n\r\nEnd.\r\n"
    write(small / "a.txt", source)
    write(small / "claims.yaml", VALID)
    report = check("source with BOM, CRLF and NBSP", small / "claims.yaml", expect={0},
                   script=True)
    assert report["summary"]["verified"] == 1
    from generator.checker.check import check_file
    [res] = check_file(str(small / "claims.yaml")).resolutions.values()
    assert source[res.start:res.end] == "3,000\r\nresidents were\u00a0evacuated"


@pytest.mark.parametrize("name, data, line, column", [
    ("Latin-1 é", VALID.encode().replace(b"claim: x", b"claim: caf\xe9"), 5, 15),
    ("lone continuation byte", VALID.encode().replace(b"summary: y", b"summary: \x80"), 7, 14),
    ("overlong encoding", VALID.encode().replace(b"summary: y", b"summary: \xc0\xaf"), 7, 14),
    ("UTF-16 with BOM", VALID.encode("utf-16"), 1, 1),
    ("surrogate encoded", VALID.encode().replace(b"summary: y", b"summary: \xed\xa0\x80"), 7, 14),
    ("truncated sequence", VALID.encode().replace(b"summary: y", b"summary: \xe2\x80"), 7, 14),
])
def test_invalid_utf8_in_claims_names_line_and_column(small, name, data, line, column):
    report = check("invalid UTF-8 in claims.yaml", write(small / "claims.yaml", data),
                   expect={1}, script=name == "Latin-1 é")
    [finding] = report["findings"]
    assert (finding["line"], finding["column"], finding["code"]) == (line, column,
                                                                      "yaml-syntax")
    assert "UTF-8" in finding["message"]


@pytest.mark.parametrize("name, data, words", [
    ("Latin-1", b"Officials said 3,000\ncaf\xe9 residents were evacuated\n", "line 2, column 4"),
    ("UTF-16", SOURCE.encode("utf-16"), "line 1, column 1"),
    ("lone continuation at the end", SOURCE.encode() + b"\x80", "line 4, column 1"),
    ("Windows-1252 quotes", b"He said \x93stop\x94 and 3,000 residents were evacuated",
     "line 1, column 9"),
])
def test_invalid_utf8_in_a_source_says_where(small, name, data, words):
    write(small / "a.txt", data)
    report = check("invalid UTF-8 in a source", write(small / "claims.yaml", VALID),
                   expect={1}, script=name == "Latin-1")
    [finding] = [f for f in report["findings"] if f["code"] == "source-unreadable"]
    assert finding["line"] == 2  # the source's `file` entry in claims.yaml
    assert words in finding["message"] and "a.txt" in finding["message"]


BINARIES = {
    "NUL bytes": b"\x00" * 64,
    "PNG header": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "gzip": b"\x1f\x8b\x08\x00" + bytes(range(200)),
    "ELF (the Python binary, first 64 KiB)": Path(sys.executable).resolve().read_bytes()[:65536],
    "valid UTF-8 with NUL": ("sources: []\nclaims: []\n\x00").encode(),
    "control characters": "sources: []\nclaims: [\x07\x1b[31m]\n".encode(),
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_files_as_claims_and_as_sources(small, name):
    data = BINARIES[name]
    check("binary file as claims.yaml", write(small / "claims.yaml", data), expect={1},
          script=name == "PNG header")
    write(small / "a.txt", data)
    report = check("binary file as a source", write(small / "claims.yaml", VALID),
                   expect={1})
    assert report["findings"][0]["line"] in (2, 10)  # the source entry, or the quote


@pytest.mark.parametrize("content", ["", "\ufeff", "\n\n\n", "   ", "# only a comment\n",
                                     "---\n", "---\n...\n", "~\n", "null\n", "\r\n"])
def test_empty_claims_files(small, content):
    report = check("empty or blank claims.yaml", write(small / "claims.yaml", content),
                   expect={1}, script=content == "")
    assert report["findings"][0]["code"] in ("schema", "yaml-syntax")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n", b"\r\n", "\u00a0".encode()])
def test_empty_sources(small, content):
    write(small / "a.txt", content)
    report = check("empty source", write(small / "claims.yaml", VALID), expect={1})
    assert [f["code"] for f in report["findings"] if f["severity"] == "error"] == [
        "quote-not-found"]
    assert report["findings"][0]["line"] == 10


@pytest.mark.parametrize("kind", ["directory", "dangling symlink", "symlink to /dev/zero",
                                  "symlink loop", "symlink to the claims file's parent",
                                  "path with NUL", "very long path", "path is '.'"])
def test_odd_source_paths(small, kind):
    file = "src"
    if kind == "directory":
        (small / "src").mkdir()
    elif kind == "dangling symlink":
        os.symlink(small / "gone" / "x.txt", small / "src")
    elif kind == "symlink to /dev/zero":
        os.symlink("/dev/zero", small / "src")
    elif kind == "symlink loop":
        os.symlink(small / "loop2", small / "src")
        os.symlink(small / "src", small / "loop2")
    elif kind == "symlink to the claims file's parent":
        os.symlink("..", small / "src")
    elif kind == "path with NUL":
        file = '"a.txt\\0"'
    elif kind == "very long path":
        file = "a/" * 3000 + "x.txt"
    elif kind == "path is '.'":
        file = "."
    text = VALID.replace("file: a.txt", f"file: {file}")
    report = check(f"source that is a {kind}" if kind in ("directory", "dangling symlink")
                   else "source with an odd path", write(small / "claims.yaml", text),
                   expect={1}, script=kind in ("directory", "dangling symlink"))
    [finding] = [f for f in report["findings"] if f["severity"] == "error"]
    assert (finding["code"], finding["line"]) == ("source-unreadable", 2), finding


@pytest.mark.parametrize("kind", ["directory", "dangling symlink", "missing"])
def test_claims_path_that_cannot_be_read_exits_2(tmp_path, kind):
    target = tmp_path / "claims.yaml"
    if kind == "directory":
        target.mkdir()
    elif kind == "dangling symlink":
        os.symlink(tmp_path / "nowhere.yaml", target)
    check("claims.yaml that cannot be read", target, expect={2}, script=True)


# -- very large files ------------------------------------------------------------------

def test_a_50_mb_source(small):
    para = ("Lorem ipsum dolor sit amet, \u201cconsectetur\u201d adipiscing \u2014 elit. " * 20
            + "\n\n")
    body = para * (50 * 2**20 // len(para.encode()))
    write(small / "a.txt", body + SOURCE)
    started = cpu_seconds()
    report = check("very large source (50 MB)", write(small / "claims.yaml", VALID),
                   expect={0})
    assert report["summary"]["verified"] == 1
    assert cpu_seconds() - started < 60


def test_a_50_mb_source_on_one_line_with_a_quote_that_is_not_there(small):
    write(small / "a.txt", "word " * (10 * 2**20) + SOURCE.replace("\n", " "))
    text = VALID.replace("3,000 residents were evacuated", "30,000 residents were evacuated")
    started = cpu_seconds()
    report = check("very large source (50 MB)", write(small / "claims.yaml", text),
                   expect={1})
    assert report["findings"][0]["code"] == "quote-not-found"
    assert cpu_seconds() - started < 60


def test_a_20_mb_claims_file(small):
    summary = "Reasoning, at length. " * (20 * 2**20 // 22)
    text = VALID.replace("summary: y", f"summary: {summary}")
    target = write(small / "claims.yaml", text)
    started = cpu_seconds()
    check("very large claims.yaml (20 MB)", target, expect={0}, formats=("json",))
    assert cpu_seconds() - started < 60


def test_a_claims_file_with_20000_claims(small):
    claims = "".join(
        f"  - id: c{i}\n    claim: x\n    verdict: mixed\n    summary: y\n"
        f"    citations:\n      - {{source: a, quote: 3,000 residents were evacuated, "
        f"stance: context}}\n" for i in range(20_000))
    target = write(small / "claims.yaml", HEAD + "claims:\n" + claims + "  - id: c0\n")
    started = cpu_seconds()
    report = check("very large claims.yaml (20,000 claims)", target, expect={1},
                   formats=("json",))
    assert any(f["code"] in ("duplicate-id", "schema") for f in report["findings"])
    assert cpu_seconds() - started < 60


# -- the console script under a hostile environment ----------------------------------

@pytest.mark.parametrize("env", [{"LC_ALL": "C", "LANG": "C"}, {"PYTHONIOENCODING": "ascii"}])
def test_console_script_with_ascii_locale_and_non_ascii_findings(small, env):
    text = VALID.replace("claim: x", "claim: Заявление “x”").replace(
        "3,000 residents were evacuated", "3 000 жителей эвакуированы “сегодня”")
    write(small / "claims.yaml", text)
    status, out, err = run_script(["check", str(small / "claims.yaml")], **env)
    record("non-ASCII findings, ASCII-only terminal (console script)",
           "TRACEBACK" if "Traceback" in err else {1: "findings (exit 1)"}.get(status, "?"))
    assert "Traceback" not in err, err[-2000:]
    assert status == 1
