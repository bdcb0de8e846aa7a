"""Browser tests: the real Kursk site, built once, served locally, driven in Chromium.

Chromium comes from Debian (`apt-get install chromium`), never from `playwright
install`: the browser is launched from ``/usr/bin/chromium`` (or
``$FACTCHECK_CHROMIUM``). Without it, or without the playwright package, every
test here is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _why_no_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[test]')"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (f"no Chromium at {CHROMIUM}: install Debian's package "
                "(apt-get install -y chromium) or set FACTCHECK_CHROMIUM")
    return None


def pytest_collection_modifyitems(config, items):
    reason = _why_no_browser()
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def kursk_site(tmp_path_factory) -> Path:
    """The repository's own site, built as the README says, into a temp folder."""
    out = tmp_path_factory.mktemp("kursk") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(REPO / "mkdocs.yml"),
         "-d", str(out)], cwd=REPO, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build of the Kursk site failed:\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def site_data(kursk_site) -> dict:
    return json.loads((kursk_site / "claims.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def base_url(kursk_site):
    handler = partial(_QuietHandler, directory=str(kursk_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                      headless=True)
        yield chromium
        chromium.close()


class Tab:
    """A page plus everything it complained about: console errors, page errors,
    and requests that tried to leave the local server."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        # ERR_ABORTED is a fetch cut short by leaving the page (MkDocs' search index)
        page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "")
                else self.errors.append(f"request failed: {r.url} {r.failure}"))

        def guard(route):
            if route.request.url.startswith(base_url):
                route.continue_()
            else:
                self.errors.append(f"external request: {route.request.url}")
                route.abort()
        page.route("**/*", guard)

    def goto(self, path: str):
        self.page.goto(self.base_url + path, wait_until="load")
        return self.page


@pytest.fixture
def tab(browser, base_url, request):
    viewport = getattr(request, "param", DESKTOP)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    yield Tab(page, base_url)
    context.close()


@pytest.fixture
def make_tab(browser, base_url):
    contexts = []

    def make(viewport=DESKTOP, javascript=True, color_scheme="light") -> Tab:
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript,
                                      color_scheme=color_scheme)
        contexts.append(context)
        return Tab(context.new_page(), base_url)
    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_url():
    """axe-core, from the project's node_modules (`npm ci`, which .ci/run does), served
    at a URL of its own: a page loads it by ``<script src>``, so Chromium compiles it
    once and reuses the code on every page (inline, it was compiled again per page)."""
    folder = REPO / "node_modules" / "axe-core"
    if not (folder / "axe.min.js").is_file():
        pytest.skip(f"no {(folder / 'axe.min.js').relative_to(REPO)}: run `npm ci` in the "
                    "repository")
    server, url = _serve(folder)
    yield url + "axe.min.js"
    server.shutdown()
    server.server_close()


def _serve(folder: Path):
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def payload_site(payload_site_dir):
    """The hostile suite's payload publication (every editor-written field full of
    markup and script), built with the factcheck theme and served: (site dir, URL)."""
    server, url = _serve(payload_site_dir)
    yield payload_site_dir, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Where the screenshots go: pytest's temporary folder, kept after the run (the
    last three runs' are kept; `--basetemp DIR` chooses the folder)."""
    return tmp_path_factory.mktemp("screenshots", numbered=False)
