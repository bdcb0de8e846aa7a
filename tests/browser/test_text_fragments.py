"""Links into the original page, followed in Chromium: the browser scrolls to the
quoted passage and highlights it.

A copy of a source's original page is served locally, beside a publication built
with that copy's address as the source's ``url``. A reader opens a claim page and
follows "the passage in the original article": the page must open scrolled to the
quoted words (the second of two occurrences, for a quote said twice), with them
highlighted; the page gives ``::target-text`` a colour of its own so the highlight
can be seen in a screenshot.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
MARK = (255, 0, 255)  # the ::target-text colour of the original page

FILLER = [f"Paragraph {n} of the report, in which nothing of note happens on day {n}."
          for n in range(1, 41)]
TEXT = "\n\n".join(
    ["Border report"]
    + FILLER[:3]
    + ["Officials said the situation was under control, the ministry added."]
    + FILLER[3:]
    + ["Critics said the situation was under control only on paper, and that "
       "evacuations had begun in several districts of the border region overnight."]
    + ["The end of the report."]) + "\n"

CLAIMS = """\
rules: {{quote-drops-hedge: off}}
verdicts:
  - {{id: accurate, label: Accurate, rating: 3, expects: supports}}
  - {{id: mixed, label: Mixed, rating: 2, expects: any}}
  - {{id: inaccurate, label: Inaccurate, rating: 1, expects: contradicts}}
sources:
  - id: report
    file: content/sources/report.txt
    title: Border report
    url: {url}
claims:
  - id: under-control
    claim: The situation was under control.
    verdict: mixed
    summary: Officials said so; critics disagreed.
    citations:
      - source: report
        quote: said the situation was under control
        prefix: Critics
        stance: contradicts
      - source: report
        quote: >-
          Critics said the situation was under control only on paper, and that
          evacuations had begun in several districts of the border region overnight.
        stance: contradicts
"""

MKDOCS = """\
site_name: Fragments
site_url: {url}
docs_dir: content
theme:
  name: factcheck
plugins:
  - factcheck:
      pagefind: false
      share_images: false
"""


def _page(text: str) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in text.strip().split("\n\n"))
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Border report</title>"
            "<style>body{font:18px/1.5 sans-serif;max-width:40em;margin:auto}"
            "::target-text{background-color:rgb(255,0,255);color:black}</style>"
            f"</head><body>{paras}</body></html>")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(site URL, original's URL): one local server for the publication and the copy
    of the original page it cites."""
    root = tmp_path_factory.mktemp("fragments")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    (root / "original.html").write_text(_page(TEXT), encoding="utf-8")
    project = root / "project"
    (project / "content" / "sources").mkdir(parents=True)
    (project / "content" / "sources" / "report.txt").write_text(TEXT, encoding="utf-8")
    (project / "content" / "index.md").write_text("# Fragments\n", encoding="utf-8")
    (project / "claims.yaml").write_text(CLAIMS.format(url=base + "original.html"),
                                         encoding="utf-8")
    (project / "mkdocs.yml").write_text(MKDOCS.format(url=base + "site/"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(project / "mkdocs.yml"), "-d", str(root / "site")],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONWARNINGS="ignore"))
    assert done.returncode == 0, done.stderr
    yield base + "site/", base + "original.html"
    server.shutdown()
    server.server_close()


def _marked_rows(png: bytes) -> list[int]:
    """The rows of a screenshot holding the highlight colour."""
    with Image.open(io.BytesIO(png)) as shot:
        img = shot.convert("RGB")
        width, height = img.size
        pixels = img.load()
        return [y for y in range(height)
                if any(pixels[x, y] == MARK for x in range(0, width, 2))]


def _box(page, text: str) -> dict:
    return page.evaluate("""text => {
        const p = [...document.querySelectorAll('p')].find(e => e.textContent.includes(text));
        const r = p.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, scroll: window.scrollY, height: innerHeight};
    }""", text)


@pytest.mark.parametrize("index, target, elsewhere", [
    (0, "Critics said", "Officials said"),  # said twice: the prefix picks the second
    (1, "Critics said", "Officials said"),  # a long quote: start,end
])
def test_chromium_scrolls_to_the_quoted_passage_and_highlights_it(
        browser, served, index, target, elsewhere):
    site, original = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.goto(site + "claims/under-control/", wait_until="load")
    link = page.locator(f"#ev-{index} a.fc-original")
    href = link.get_attribute("href")
    assert href.startswith(original + "#:~:text=")
    link.click()
    page.wait_for_url(original + "*")
    page.wait_for_function("() => window.scrollY > 0", timeout=10_000)
    box = _box(page, target)
    assert box["top"] >= 0 and box["bottom"] <= box["height"], box  # in view
    other = _box(page, elsewhere)
    assert other["bottom"] < 0 or other["top"] > other["height"]  # the first one is not
    rows = _marked_rows(page.screenshot())
    assert rows, "nothing highlighted"
    assert box["top"] - 2 <= min(rows) and max(rows) <= box["bottom"] + 2
    assert errors == []
    context.close()
