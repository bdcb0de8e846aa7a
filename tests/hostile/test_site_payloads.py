"""Every editor-written field carries payloads that would set ``window.__pwned``,
change ``document.title``, open a dialog or fetch a ``pwn-beacon`` URL if any ran.

The built HTML is parsed (stdlib html.parser) for scripts, event-handler attributes
and dangerous URL schemes, and for template syntax that Jinja2 might have evaluated.
Then headless Chromium loads every page, clicks every link and button, and types into
every input (the search box included, since search results are drawn from page
text), and not one payload may run. tests/site/test_hostile.py parses a similar site
statically; this file adds the proof in a real browser and more payload shapes.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import threading
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import record
from .sitekit import build, make_project

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]

# Each payload, if it ran, would set window.__pwned to its number, retitle the page,
# open a dialog or fetch a pwn-beacon URL. Numbers show which one got through.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=2>",
    "<svg onload=window.__pwned=3></svg>",
    "<svg><script>window.__pwned=4</script></svg>",
    '"><script>window.__pwned=5</script>',
    "'><img src=x onerror=window.__pwned=6>",
    "</script><script>window.__pwned=7</script>",
    '<iframe srcdoc="<script>parent.__pwned=8</script>"></iframe>',
    '<a href="javascript:window.__pwned=9">raw html link</a>',
    "[markdown link](javascript:window.__pwned=10)",
    "[data link](data:text/html,<script>window.__pwned=11</script>)",
    "![img](javascript:window.__pwned=12)",
    '<details open ontoggle="window.__pwned=13">x</details>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=14">',
    "<style>@import 'http://pwn-beacon.invalid/a.css';</style>",
    '<img src="http://pwn-beacon.invalid/b.png">',
    "<img src=x onerror=\"document.title='PWNED'\">",
    "<img src=x onerror=alert(15)>",
    "<body onload=confirm(16)>",
    "<object data=\"javascript:window.__pwned=17\"></object>",
    "<base href=\"http://pwn-beacon.invalid/\">",
    "<form action=\"javascript:window.__pwned=18\"><button>go</button></form>",
    "<a href=\"jav&#x09;ascript:window.__pwned=19\">entity link</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=20>",
    "{{ 7*191 }} {% for i in range(3) %}LOOP{% endfor %} {{ config }} "
    "{{ ''.__class__.__mro__ }} {# comment #} ${7*191} #{7*191}",
    "<!-- ]]> <![CDATA[ \u2028\u2029 `${window.__pwned=21}`",
]
ALL = "\n\n".join(PAYLOADS)
LINE = " ".join(PAYLOADS)
TEMPLATE_RESULTS = ["1337", "LOOPLOOP", "<Config", "class 'object'"]

# The feed carries every payload too, after its own: the payloads are full of
# quotation marks, and words the desk's prose puts in quotation marks must occur in
# a source it cites (prose-quote-not-found), within what the site publishes of it
# (the sources below are `publish: full`: their whole text is one more surface).
SOURCE = (
    "Hostile feed\n\n"
    "The feed said <script>window.__pwned=80</script> and "
    "<img src=x onerror=window.__pwned=81> and {{ 7*191 }} appeared on Monday.\n\n"
    "A second paragraph says nothing at all of interest to anyone.\n\n"
    + ALL + "\n\n" + LINE + "\n")
QUOTE = ("The feed said <script>window.__pwned=80</script> and "
         "<img src=x onerror=window.__pwned=81> and {{ 7*191 }} appeared on Monday")
URLS = ['https://pwn-beacon.invalid/"onmouseover="window.__pwned=90"x=',
        "https://pwn-beacon.invalid/'><script>window.__pwned=91</script>"]


def _b(text: str, indent: int) -> str:
    return "|-\n" + textwrap.indent(text, " " * indent)


def hostile_claims() -> str:
    f4, f10 = (lambda t: _b(t, 6)), (lambda t: _b(t, 10))
    return f"""\
verdicts:
  - id: accurate
    label: {f4(LINE)}
    rating: 3
    description: {f4(ALL)}
  - id: constructor
    label: {f4(LINE)}
    rating: 1
    description: {f4(LINE)}
authors:
  - id: constructor
    name: {f4(LINE)}
    role: {f4(LINE)}
    url: {URLS[0]}
    bio: {f4(ALL)}
include: [stories/*.yaml]
sources:
  - id: prototype
    file: content/sources/feed.txt
    publish: full
    title: {f4(LINE)}
    publisher: {f4(LINE)}
    author: {f4(LINE)}
    url: {URLS[0]}
  - id: tostring
    file: content/sources/feed2.txt
    publish: full
    title: Plain title
    url: {URLS[1]}
claims:
  - id: constructor
    claim: {f4(LINE)}
    claimant: {f4(LINE)}
    claimant_type: organization
    verdict: accurate
    summary: {f4(ALL + chr(10) + chr(10) + "# Heading " + LINE)}
    tags: [constructor, script, hasownproperty, proto]
    published: 2024-08-10
    updates:
      - date: 2024-08-11
        note: {f10(ALL)}
    citations:
      - source: prototype
        quote: {f10(QUOTE)}
        stance: supports
        note: {f10(ALL)}
"""


def hostile_story() -> str:
    """A story file: its headline, dek and introduction, and a claim, all payloads."""
    f4, f10 = (lambda t: _b(t, 4)), (lambda t: _b(t, 10))
    return f"""\
story:
  id: proto
  title: {f4(LINE)}
  dek: {f4(LINE)}
  published: 2024-08-12
  authors: [constructor]
  intro: {f4(ALL)}
claims:
  - id: valueof
    claim: A plain claim that links to the others.
    verdict: constructor
    summary: {_b(LINE, 6)}
    tags: [constructor]
    published: 2024-08-12
    updates:
      - date: 2024-08-13
        note: {f10(LINE)}
    citations:
      - source: tostring
        quote: {f10(QUOTE)}
        stance: contradicts
        note: {f10(LINE)}
"""


def build_payload_site(root: Path) -> Path:
    """The payload publication made and built in ``root``; returns its site folder.
    The ``payload_site_dir`` fixture (tests/conftest.py) builds it once per pytest
    process, for this file and for tests/browser's axe run."""
    make_project(root, hostile_claims(), {"feed.txt": SOURCE, "feed2.txt": SOURCE})
    (root / "stories").mkdir()
    (root / "stories" / "proto.yaml").write_text(hostile_story(), encoding="utf-8")
    (root / "content" / "index.md").unlink()  # the generated front page shows them too
    result = build(root)
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


@pytest.fixture(scope="module")
def site(payload_site_dir) -> Path:
    pages = sorted(payload_site_dir.rglob("*.html"))
    assert any("claims/constructor" in p.as_posix() for p in pages)
    record("payload strings", "placed in editor-written fields", len(PAYLOADS) + 3)
    return payload_site_dir


# -- static: the HTML as written --------------------------------------------------------

class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name in ("href", "src", "action", "formaction", "data", "poster",
                        "xlink:href", "srcdoc", "background", "cite"):
                scheme = re.sub(r"[\x00-\x20]", "", value).lower().split(":", 1)[0]
                if name == "srcdoc" or scheme in ("javascript", "data", "vbscript"):
                    self.problems.append(f"<{tag} {name}={value[:60]!r}>")
                if "pwn-beacon" in value and not (tag == "a" and name == "href"):
                    self.problems.append(f"loads <{tag} {name}={value[:60]!r}>")
        if tag in ("iframe", "object", "embed", "base", "math", "style", "frame", "applet"):
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta refresh>")
        if tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text.append(data)


def test_no_script_handler_or_dangerous_url_in_any_page(site):
    problems: dict[str, list[str]] = {}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        found = list(scan.problems)
        for attrs, body in scan.scripts:
            kind = (attrs.get("type") or "").lower()
            if kind == "application/ld+json":
                data = json.loads(body)  # the payloads stay data: the block parses
                assert isinstance(data, (dict, list))
            elif "pwned" in body or "pwn-beacon" in body:
                found.append(f"inline script carries a payload: {body[:80]!r}")
            src = attrs.get("src") or ""
            if src.startswith(("http:", "https:", "//")):
                found.append(f"third-party script {src}")
        text = "".join(scan.text)
        for evaluated in TEMPLATE_RESULTS:
            if evaluated in text:
                found.append(f"template syntax evaluated: {evaluated!r} in text")
        if found:
            problems[page.relative_to(site).as_posix()] = found
    record("built HTML pages parsed", "payload markup found: 0" if not problems
           else f"payload markup found: {len(problems)}", len(pages))
    assert problems == {}
    claim = (site / "claims" / "constructor" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*191 }}" in claim and "{% for i in range(3) %}" in claim


# -- dynamic: headless Chromium ---------------------------------------------------------

def _why_no_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or FACTCHECK_CHROMIUM)"
    return None


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


PROBE = """() => ({pwned: window.__pwned === undefined ? null : String(window.__pwned),
                   title: document.title})"""


def _serve(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def drive(site: Path, served: str) -> tuple[list[str], list[str], int, int, int]:
    """Load every page, click everything, type into inputs: what ran, what left.

    Runs Playwright in a thread of its own: tests/browser keeps a session-wide sync
    Playwright (an asyncio loop) open in the main thread, and a second one cannot
    start beside it there.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_drive, site, served).result()


def _drive(site: Path, served: str):
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    ran: list[str] = []
    beacons: list[str] = []
    clicks = typed = loads = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        context = browser.new_context()
        state = {"loaded": ""}

        def guard(route):
            req = route.request
            url = req.url
            if not url.startswith(served):
                if not req.is_navigation_request():
                    beacons.append(url)  # a subresource or fetch leaving the site
                    route.abort()
                else:
                    route.fulfill(status=204, body="")
            elif req.is_navigation_request() and req.frame.parent_frame is None \
                    and state["loaded"]:
                # A click away: answer 204 No Content, so the page stays (an aborted
                # navigation would commit an error page). Every target page gets its
                # own visit in the loop below.
                route.fulfill(status=204, body="")
            else:
                route.continue_()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("dialog", lambda d: (ran.append(f"dialog {d.type}: {d.message}"),
                                     d.dismiss()))

        def probe(where: str):
            got = page.evaluate(PROBE)
            if got["pwned"] is not None:
                ran.append(f"{where}: window.__pwned = {got['pwned']}")
            if got["title"] == "PWNED":
                ran.append(f"{where}: document.title changed")

        for rel in pages:
            url = served + rel.removesuffix("index.html")
            state["loaded"] = ""
            page.goto(url, wait_until="load")
            state["loaded"] = page.url.split("#")[0]
            page.wait_for_timeout(50)
            loads += 1
            probe(rel)
            # Click every link and button in the page itself: a javascript: URL or an
            # onclick would run right here, while navigations away are aborted above
            # (every target page gets its own visit in this loop).
            # One at a time, a beat apart: a later click's navigation would cancel an
            # earlier javascript: URL before it ran.
            clicks += page.evaluate("""async () => {
                const els = [...document.querySelectorAll('a, button, summary, [role=button], input[type=checkbox], input[type=radio], select')];
                for (const el of els) {
                    try { el.click(); } catch (e) {}
                    await new Promise(r => setTimeout(r, 15));
                }
                return els.length; }""")  # noqa: E501  (a text quoted as it is)
            page.wait_for_timeout(100)
            # (the search page records its query in the address with replaceState)
            if page.url.split("#")[0].split("?")[0] != state["loaded"]:
                ran.append(f"{rel}: a click navigated to {page.url}")
            probe(f"{rel} after clicks")
            inputs = page.locator("input[type=search], input[type=text], input:not([type])")
            for i in range(inputs.count()):
                for query in ("pwned", "script onerror", "constructor"):
                    try:
                        inputs.nth(i).fill(query, timeout=2000, force=True)
                        inputs.nth(i).dispatch_event("keyup")
                        inputs.nth(i).dispatch_event("input")
                        typed += 1
                    except Exception:  # noqa: BLE001 - hidden or disabled input
                        continue
                    page.wait_for_timeout(50)
                    probe(f"{rel} after typing {query!r}")
            # Search results are drawn from page text (Pagefind's index of it): search
            # for the payloads themselves on the search page.
            if rel == "search.html":
                box = page.locator("#fc-q")
                for query in ("pwned", "script", "onerror", "feed"):
                    box.fill(query)
                    box.press("Enter")
                    page.wait_for_function(
                        "q => document.querySelector('[data-fc-search-status]')"
                        ".textContent.includes(q)", arg=query, timeout=10_000)
                    typed += 1
                    probe(f"{rel} after searching {query!r}")
                    state["results"] = state.get("results", 0) + page.locator(
                        "[data-fc-search-results] a").count()
        context.close()
        browser.close()
    _drive.search_results = state.get("results", 0)
    return ran, beacons, loads, clicks, typed


@pytest.mark.browser
def test_no_payload_runs_in_chromium(site, served):
    reason = _why_no_browser()
    if reason:
        record("pages loaded in Chromium", f"SKIPPED: {reason}")
        pytest.skip(reason)
    ran, beacons, loads, clicks, typed = drive(site, served)
    pages = list(site.rglob("*.html"))
    record("pages loaded in Chromium", "payloads run: 0" if not ran else
           f"payloads run: {len(ran)}", loads)
    record("links and buttons clicked in Chromium", "payloads run: 0" if not ran else
           f"payloads run: {len(ran)}", clicks)
    record("queries typed into inputs and search", "payloads run: 0" if not ran else
           f"payloads run: {len(ran)}", typed)
    record("subresource requests to pwn-beacon", str(len(beacons)))
    assert ran == [], ran
    assert beacons == [], beacons
    assert loads == len(pages) and clicks > 50
    assert _drive.search_results > 0, "search never showed a result: the search path went untested"


CONTROL = """<!doctype html><title>control</title>
<a href="javascript:window.__pwned=1">js link</a>
<button onclick="alert('clicked')">b</button>
<img src="http://pwn-beacon.invalid/c.png">
<input type=search oninput="document.title='PWNED'">
<a href="other/">away</a>
"""


@pytest.mark.browser
def test_the_browser_probe_catches_payloads_that_do_run(tmp_path):
    """The control: the same driver on a page where payloads do run must see them,
    or a pass above would prove nothing."""
    reason = _why_no_browser()
    if reason:
        pytest.skip(reason)
    (tmp_path / "index.html").write_text(CONTROL, encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text("<title>other</title>ok", "utf-8")
    server, url = _serve(tmp_path)
    try:
        ran, beacons, loads, clicks, typed = drive(tmp_path, url)
    finally:
        server.shutdown()
        server.server_close()
    assert any("window.__pwned = 1" in r for r in ran), ran
    assert any(r.startswith("dialog alert") for r in ran), ran
    assert any("document.title changed" in r for r in ran), ran
    assert beacons == ["http://pwn-beacon.invalid/c.png"]
    assert loads == 2 and clicks >= 3


def test_the_html_scan_catches_payloads_in_markup():
    """The control for the static scan: raw payloads are all flagged."""
    scan = _Scan()
    scan.feed("\n".join(PAYLOADS))
    flagged = " ".join(scan.problems)
    for marker in ("onerror", "onload", "ontoggle", "javascript:window.__pwned=9",
                   "<iframe>", "<meta refresh>", "<object>", "<base>", "<style>",
                   "loads <img src='http://pwn-beacon.invalid/b.png'>"):
        assert marker in flagged, marker
    assert any("pwned" in body for _, body in scan.scripts)
