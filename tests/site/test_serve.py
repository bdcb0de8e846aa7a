"""`mkdocs serve` never leaves an editor stuck: a copy of the Kursk project, served on
a loopback port, taken through a broken edit and the fix.

Every request must answer within 2 s (a bound on hanging, not a speed target): the
unpatched server made every request wait until a build succeeded.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import parse

REPO = Path(__file__).resolve().parents[2]
ANSWER_WITHIN = 2.0  # seconds; a request that waits longer counts as a hang


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """A running ``mkdocs serve`` and the requests made to it."""

    def __init__(self, root: Path, *flags: str):
        self.root = root
        self.port = free_port()
        self.log = open(root / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *flags, "-a", f"127.0.0.1:{self.port}"],
            cwd=root, stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def get(self, path: str) -> tuple[int, str]:
        """GET ``path``; fail the test if the answer takes longer than the bound."""
        url = f"http://127.0.0.1:{self.port}{path}"
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=ANSWER_WITHIN + 1) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        except TimeoutError:
            pytest.fail(f"GET {path} waited more than {ANSWER_WITHIN + 1} s\n{self.output()}")
        waited = time.monotonic() - started
        assert waited <= ANSWER_WITHIN, f"GET {path} waited {waited:.2f} s\n{self.output()}"
        return status, body.decode("utf-8")

    def wait_up(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"mkdocs serve exited\n{self.output()}"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"mkdocs serve did not start\n{self.output()}")

    def until(self, path: str, predicate, what: str) -> tuple[int, str]:
        """Poll ``path`` (each request within the bound) until ``predicate`` holds."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status, body = self.get(path)
            if predicate(status, body):
                return status, body
            time.sleep(0.2)
        pytest.fail(f"{what}: not seen within 60 s\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


KURSK_STORY = "stories/kursk-incursion-2024.yaml"  # the claims an editor edits

def banner(body: str):
    return parse(body).find(id="factcheck-preview-error")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the Kursk project, with its site mounted at / for simple URLs."""
    for name in ("claims.yaml", "stories", "content", "templates"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_url: https://factcheck.example.org/kursk/",
                            "site_url: http://127.0.0.1/")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def first_claim_id(claims: str) -> str:
    head = claims.split("\nclaims:\n", 1)[1]
    return head.split("- id:", 1)[1].split()[0]


BROKEN_STANCE = ("        stance: supports", "            stance: supports")


def test_broken_edit_shows_the_error_and_the_fix_brings_the_site_back(project):
    claims_path = project / KURSK_STORY
    good = claims_path.read_text(encoding="utf-8")
    claim_page = f"/claims/{first_claim_id(good)}/"
    served = Served(project)
    try:
        served.wait_up()
        status, body = served.until(claim_page, lambda s, b: s == 200, "the first build")
        assert banner(body) is None

        broken = good.replace(*BROKEN_STANCE, 1)
        assert broken != good
        claims_path.write_text(broken, encoding="utf-8")
        bad_line = broken[:broken.index(BROKEN_STANCE[1])].count("\n") + 1
        status, body = served.until(claim_page, lambda s, b: banner(b) is not None,
                                    "the error banner")
        # the last good page, under a banner that names the place and shows the line
        assert status == 200
        assert parse(body).find("h1") is not None
        shown = banner(body).text
        assert f"{KURSK_STORY}:{bad_line}:" in shown
        assert BROKEN_STANCE[1].strip() in shown
        # every other request answers at once too, a missing page with the error
        status, body = served.get("/no-such-page/")
        assert status == 404 and banner(body) is not None
        status, body = served.get("/")
        assert status == 200 and banner(body) is not None

        claims_path.write_text(good, encoding="utf-8")
        status, body = served.until(claim_page, lambda s, b: s == 200 and banner(b) is None,
                                    "the site back after the fix")
        assert banner(served.get("/")[1]) is None
    finally:
        served.stop()


def test_serve_started_on_a_broken_file_shows_the_error_until_it_is_fixed(project):
    claims_path = project / KURSK_STORY
    good = claims_path.read_text(encoding="utf-8")
    claims_path.write_text(good.replace(*BROKEN_STANCE, 1), encoding="utf-8")
    claim_page = f"/claims/{first_claim_id(good)}/"
    served = Served(project)
    try:
        served.wait_up()
        status, body = served.until("/", lambda s, b: s == 200, "the hand-written pages")
        assert banner(body) is not None and "yaml" in banner(body).text
        status, body = served.get(claim_page)
        assert status == 404 and banner(body) is not None

        claims_path.write_text(good, encoding="utf-8")
        status, body = served.until(claim_page, lambda s, b: s == 200 and banner(b) is None,
                                    "the generated pages after the fix")
    finally:
        served.stop()


def test_a_request_during_a_long_build_is_answered_at_once():
    """A large site takes many seconds to build: a request is not held that long."""
    import threading

    from generator.site.serve import REBUILD_WAIT, Preview

    release = threading.Event()

    class Server:
        builder = staticmethod(lambda: release.wait(10))
        app = staticmethod(lambda environ, start: (start("200 OK", [
            ("Content-Type", "text/html")]), [b"<body>page</body>"])[1])

        def get_app(self):
            return self.app

        def set_app(self, app):
            self.app = app

    server = Server()
    Preview().install(server)
    building = threading.Thread(target=server.builder)
    building.start()
    try:
        answers = []
        started = time.monotonic()
        body = server.app({"PATH_INFO": "/claims/"}, lambda *a: answers.append(a))
        waited = time.monotonic() - started
        assert waited < REBUILD_WAIT + 0.5
        assert answers[0][0].startswith("503")
        assert b"Rebuilding the preview" in b"".join(body)
    finally:
        release.set()
        building.join()
    answers.clear()
    assert server.app({"PATH_INFO": "/claims/"}, lambda *a: answers.append(a)) == [
        b"<body>page</body>"]
    assert answers[0][0] == "200 OK"


def test_serve_dirty_rebuilds_only_the_pages_an_edit_affects(tmp_path):
    """Four claims on three sources: a summary edit rebuilds its claim and its
    source; not the lists, which show no summaries, nor the other claims."""
    from .test_pagekeys import CLAIMS, SOURCES

    for name, text in SOURCES.items():
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text(text, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS.replace("file: ", "file: content/"),
                                          encoding="utf-8")
    (tmp_path / "content" / "index.md").write_text("# Checks\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: http://127.0.0.1/\ndocs_dir: content\n"
        "theme: {name: mkdocs}\nplugins: [search, factcheck]\n", encoding="utf-8")
    served = Served(tmp_path, "--dirty")
    try:
        served.wait_up()
        served.until("/claims/one/", lambda s, b: s == 200, "the first build")
        text = (tmp_path / "claims.yaml").read_text(encoding="utf-8")
        (tmp_path / "claims.yaml").write_text(
            text.replace("summary: Alpha says so.", "summary: Alpha says so, twice."),
            encoding="utf-8")
        served.until("/claims/one/", lambda s, b: "Alpha says so, twice." in b,
                     "the edited summary")
        log = served.output()
        first, again = [line.split("rebuilding ", 1)[1] for line in log.splitlines()
                        if "factcheck: rebuilding" in line][:2]
        total = int(first.split(" of ")[1].split()[0])
        rebuilt = int(again.split(" of ")[0])
        assert first.startswith(f"{total} of {total}")
        assert rebuilt == 2  # the claim and source `a`
    finally:
        served.stop()
