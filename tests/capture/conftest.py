"""Importing sources as a newsroom captures them: saved pages, PDFs, live URLs.

A fresh copy of a small project (claims.yaml full of comments, one source) for each
test; a web server on the loopback address serving the fixture pages, redirects,
errors and a slow and an oversized body; PDFs printed from HTML by headless
Chromium (Debian's, never a downloaded browser), as a newsroom would save one
(fixtures/statement-chromium.pdf is one printed once and committed, so that the
tests of its ligatures do not depend on this machine's fonts).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the fixture project; returns its folder (claims.yaml inside)."""
    target = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "project", target)
    return target


def _why_no_chromium() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[test]')"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}: apt-get install -y chromium"
    return None


_PRINT = """
import sys
from playwright.sync_api import sync_playwright
chromium, url, out = sys.argv[1:]
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page()
    page.goto(url)
    page.pdf(path=out, format="A4")
    browser.close()
"""


@pytest.fixture(scope="session")
def print_pdf(tmp_path_factory):
    """Print an HTML fixture to PDF with headless Chromium; returns the PDF's path."""
    reason = _why_no_chromium()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("pdf")
    made: dict[str, Path] = {}

    def printer(name: str) -> Path:
        if name not in made:
            out = folder / (Path(name).stem + ".pdf")
            # A child process: the browser tests may hold a Playwright session (and
            # its event loop) open in this one, and Playwright refuses to nest.
            subprocess.run([sys.executable, "-c", _PRINT, CHROMIUM,
                            (FIXTURES / name).resolve().as_uri(), str(out)],
                           check=True, timeout=120)
            made[name] = out
        return made[name]

    return printer


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args):  # keep the test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
              headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if status < 300 or status >= 400:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = self.path
        if path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/article" if left == 0 else f"/hop/{left - 1}"
            return self._send(302, headers={"Location": target, "Content-Length": "0"})
        if path == "/loop":
            return self._send(302, headers={"Location": "/loop", "Content-Length": "0"})
        if path == "/to-ftp":
            return self._send(302, headers={"Location": "ftp://127.0.0.1/x",
                                            "Content-Length": "0"})
        if path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):  # a byte every 0.1 s: 4 s in all, never a stall
                try:
                    self.wfile.write(b"<")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
            return
        if path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                self.wfile.write(b"<html><body><p>" + b"x" * 200_000)
            except OSError:
                pass
            return
        route = self.routes.get(path)
        if route is None:
            return self._send(404, b"not found", "text/plain")
        body, ctype = route
        return self._send(200, body, ctype)


@pytest.fixture
def web():
    """A loopback web server; ``web.routes[path] = (bytes, content type)`` to serve."""
    handler = type("Handler", (_Handler,), {"routes": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Web:
        routes = handler.routes
        base = f"http://127.0.0.1:{server.server_address[1]}"

    try:
        yield Web
    finally:
        server.shutdown()
        server.server_close()
