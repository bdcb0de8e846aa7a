"""`factcheck archive` and `add-source --archive` against a local server that speaks
the Internet Archive's Save Page Now 2 protocol: a capture request (POST /save with
the ``LOW key:secret`` authorization and ``Accept: application/json``) answered with a
job id or a refusal, then status requests (GET /save/status/<job_id>) answered
``pending``, ``success`` with a timestamp and the original URL, or ``error``.

Every failure (a refusal, a failed job, a job still pending at the deadline, no
server at all, no keys) must leave the claims files byte for byte as they were and
exit with status 2 and a message that says what happened.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from generator.capture import archive
from generator.checker.load import load_project
from generator.cli import main

STAMP = "20240809101112"

CLAIMS = """\
# The registry. Comments here must survive every edit.
sources:
  # The wire's page, as published.
  - id: wire
    file: sources/wire.txt
    title: 'Wire report'    # quoted on purpose
    url: https://wire.example.org/border?id=7
    boilerplate:
      - A caption
  # Typed up from a notice board: no address.
  - id: notice
    file: sources/notice.txt
    title: Council notice
include:
  - stories/*.yaml
claims: []
"""

STORY = """\
# A story file registering a source of its own.
sources:
  - id: agency
    file: sources/agency.txt
    title: Agency bulletin
    url: https://agency.example.org/bulletin   # the agency's site
claims: []
"""


@pytest.fixture
def newsroom(tmp_path, monkeypatch) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "stories").mkdir()
    for name in ("wire", "notice", "agency"):
        (tmp_path / "sources" / f"{name}.txt").write_text(
            f"The {name} text. A caption\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "stories" / "a.yaml").write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(archive.ACCESS_ENV, "key")
    monkeypatch.setenv(archive.SECRET_ENV, "secret")
    return tmp_path


class _SPN2(BaseHTTPRequestHandler):
    """The protocol as the SPN2 documentation describes it; ``mode`` picks the story."""

    server: ThreadingHTTPServer

    def log_message(self, *args):
        pass

    def _json(self, status: int, value: dict) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802 - http.server's naming
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        state["requests"].append(("POST", self.path, dict(self.headers), form))
        if self.headers.get("Authorization") != "LOW key:secret":
            return self._json(401, {"status": "error", "status_ext": "error:unauthorized",
                                    "message": "You need to be logged in to use Save Page Now."})
        if state["mode"] == "refuse":
            return self._json(200, {"status": "error",
                                    "status_ext": "error:too-many-daily-captures",
                                    "message": "This URL has been already captured 10 times "
                                               "today."})
        url = form["url"][0]
        state["jobs"]["spn2-" + str(len(state["jobs"]))] = url
        return self._json(200, {"url": url, "job_id": "spn2-" + str(len(state["jobs"]) - 1)})

    def do_GET(self):  # noqa: N802
        state = self.server.state
        state["requests"].append(("GET", self.path, dict(self.headers), None))
        job = self.path.removeprefix("/save/status/")
        url = state["jobs"].get(job)
        polled = state["polls"][job] = state["polls"].get(job, 0) + 1
        if url is None or state["mode"] == "slow" or polled < 2:
            return self._json(200, {"status": "pending", "job_id": job, "resources": []})
        if state["mode"] == "job-error":
            return self._json(200, {"status": "error", "job_id": job,
                                    "status_ext": "error:not-found",
                                    "message": "The server cannot find the requested "
                                               "resource.",
                                    "exception": "LiveDocumentNotAvailable"})
        return self._json(200, {"status": "success", "job_id": job, "original_url": url,
                                "timestamp": STAMP, "duration_sec": 6.2, "resources": [url]})


@pytest.fixture
def spn2(monkeypatch):
    """A local SPN2 server; set ``spn2["mode"]``: ok, refuse, job-error or slow."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SPN2)
    server.daemon_threads = True
    server.state = {"mode": "ok", "requests": [], "jobs": {}, "polls": {}}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv(archive.ENDPOINT_ENV, base)
    monkeypatch.setattr(archive, "POLLS", (0.05, 0.1))  # the protocol, without the waits
    server.state["base"] = base
    try:
        yield server.state
    finally:
        server.shutdown()
        server.server_close()


def _files(root: Path) -> dict[str, bytes]:
    return {p: (root / p).read_bytes() for p in ("claims.yaml", "stories/a.yaml")}


def test_success_records_archive_and_archived_keeping_every_comment(newsroom, spn2, capsys):
    assert main(["archive"]) == 0
    wire = f"{spn2['base']}/web/{STAMP}/https://wire.example.org/border?id=7"
    agency = f"{spn2['base']}/web/{STAMP}/https://agency.example.org/bulletin"
    assert (newsroom / "claims.yaml").read_text(encoding="utf-8") == CLAIMS.replace(
        "      - A caption\n",
        f"      - A caption\n    archive: {wire}\n    archived: 2024-08-09\n")
    assert (newsroom / "stories/a.yaml").read_text(encoding="utf-8") == STORY.replace(
        "   # the agency's site\n",
        f"   # the agency's site\n    archive: {agency}\n    archived: 2024-08-09\n")
    project, findings = load_project("claims.yaml")
    assert findings == []
    assert project.source("notice").archive is None  # no url: nothing to archive
    posts = [r for r in spn2["requests"] if r[0] == "POST"]
    assert [(r[1], r[3]["url"]) for r in posts] == [
        ("/save", ["https://wire.example.org/border?id=7"]),
        ("/save", ["https://agency.example.org/bulletin"])]
    for _, _, headers, _ in spn2["requests"]:
        assert headers["Authorization"] == "LOW key:secret"
        assert headers["Accept"] == "application/json"
    assert "archived `wire`" in capsys.readouterr().out
    assert main(["archive"]) == 0  # a second run: nothing left to do, nothing asked
    assert len(spn2["requests"]) == len(posts) + sum(spn2["polls"].values())


@pytest.mark.parametrize("mode, timeout, says", [
    ("refuse", "10", "did not archive https://wire.example.org/border?id=7: "
               "error:too-many-daily-captures: This URL has been already captured"),
    ("job-error", "10", "error:not-found: The server cannot find the requested resource"),
    ("slow", "1.5", "made no copy of https://wire.example.org/border?id=7 within 1.5 seconds "
             "(job spn2-0 may still finish"),
])
def test_a_refusal_a_failed_job_or_a_timeout_changes_nothing(newsroom, spn2, capsys, mode,
                                                             timeout, says):
    spn2["mode"] = mode
    before = _files(newsroom)
    assert main(["archive", "--timeout", timeout]) == 2
    err = capsys.readouterr().err
    assert says in err and "source `wire`" in err and "nothing was changed" in err
    assert _files(newsroom) == before


def test_no_server_at_all_changes_nothing(newsroom, monkeypatch, capsys):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(archive.ENDPOINT_ENV, f"http://127.0.0.1:{port}")
    before = _files(newsroom)
    assert main(["archive"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Internet Archive" in err and "check the connection" in err
    assert _files(newsroom) == before


def test_keys_come_from_the_environment_or_nothing_is_asked(newsroom, spn2, monkeypatch,
                                                            capsys):
    monkeypatch.delenv(archive.SECRET_ENV)
    before = _files(newsroom)
    assert main(["archive"]) == 2
    err = capsys.readouterr().err
    assert archive.ACCESS_ENV in err and archive.SECRET_ENV in err
    assert spn2["requests"] == [] and _files(newsroom) == before
    monkeypatch.setenv(archive.SECRET_ENV, "wrong")  # refused by the archive
    assert main(["archive"]) == 2
    assert "error:unauthorized" in capsys.readouterr().err
    assert _files(newsroom) == before


def test_one_source_by_id_and_a_failure_after_a_success(newsroom, spn2, capsys):
    assert main(["archive", "--source", "agency"]) == 0
    assert "archive:" not in (newsroom / "claims.yaml").read_text(encoding="utf-8")
    assert "archived: 2024-08-09" in (newsroom / "stories/a.yaml").read_text(encoding="utf-8")
    assert main(["archive", "--source", "notice"]) == 2
    assert "has no `url`" in capsys.readouterr().err
    assert main(["archive", "--source", "nope"]) == 2


def test_add_source_archive_registers_the_copy_or_writes_nothing(newsroom, spn2, web,
                                                                 capsys):
    page = (Path(__file__).parent / "fixtures" / "gazette-dam.html").read_bytes()
    web.routes["/dam"] = (page, "text/html; charset=utf-8")
    before = _files(newsroom)
    spn2["mode"] = "refuse"
    assert main(["add-source", f"{web.base}/dam", "--id", "dam", "--archive",
                 "--dir", "sources"]) == 2
    assert "too-many-daily-captures" in capsys.readouterr().err
    assert _files(newsroom) == before and not (newsroom / "sources/dam.txt").exists()
    spn2["mode"] = "ok"
    assert main(["add-source", f"{web.base}/dam", "--id", "dam", "--archive",
                 "--dir", "sources"]) == 0
    project, _ = load_project("claims.yaml")
    dam = project.source("dam")
    assert dam.archive == f"{spn2['base']}/web/{STAMP}/{web.base}/dam"
    assert str(dam.archived) == "2024-08-09"


def test_add_source_archive_needs_an_address(newsroom, spn2, capsys):
    (newsroom / "saved.txt").write_text("Typed up.\n\nA second line.\n", encoding="utf-8")
    assert main(["add-source", "saved.txt", "--title", "Saved", "--archive",
                 "--dir", "sources"]) == 2
    assert "--archive needs the page's address" in capsys.readouterr().err
    assert spn2["requests"] == []
