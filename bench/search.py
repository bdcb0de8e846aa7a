"""What readers' search costs at newsroom scale: the index, and one search's bytes.

    .venv/bin/python bench/search.py                 # 4,000 claims, 1,000 sources
    .venv/bin/python bench/search.py --claims 1000 --query "ministry said"

Builds the synthetic newsroom (bench/generate.py, shared with bench/run.py) with the
factcheck theme, Pagefind off, timed twice: cold (every share card drawn) and warm
(the previous site's cards kept). Then times Pagefind alone on the built site (wall
time and the child's peak memory) and measures its index on disk. Last, headless
Chromium (Debian's, at /usr/bin/chromium) opens a claim page and the search page,
and the bytes fetched from pagefind/ are counted: before any search (must be 0) and
for each query, in a fresh browser context (an empty cache), as a first search is.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import run  # noqa: E402  (bench/run.py: the newsroom generator and child timing)

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
CONFIG = """site_name: Bench newsroom
site_url: https://bench.example.org/
docs_dir: content
use_directory_urls: true
theme:
  name: factcheck
plugins:
  - factcheck:
      claims: claims-clean.yaml
      pagefind: false
nav:
  - Home: index.md
  - Claims: claims/index.md
  - Sources: sources/index.md
  - Cross-reference: cross-reference.md
validation:
  nav:
    omitted_files: info
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def folder_bytes(path: str) -> tuple[int, int]:
    files = size = 0
    for root, _, names in os.walk(path):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
    return files, size


def build(project: str, dest: str) -> float:
    mkdocs = os.path.join(run.BIN, "mkdocs")
    got = run.run_child([mkdocs, "build", "-q", "-f", "mkdocs-search.yml", "-d", dest],
                        project, capture=True)
    if got["rc"] != 0:
        raise SystemExit(f"mkdocs build failed:\n{got['stderr'][-3000:]}")
    return got["wall"]


def index(site: str) -> dict:
    from pagefind_bin import get_executable
    got = run.run_child([str(get_executable()), "--site", site, "--silent"], site,
                        capture=True)
    if got["rc"] != 0:
        raise SystemExit(f"pagefind failed:\n{got['stderr'][-3000:]}")
    files, size = folder_bytes(os.path.join(site, "pagefind"))
    return {"wall": got["wall"], "rss_mib": got["rss_mib"], "files": files, "bytes": size}


def search_bytes(site: str, queries: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    claim = next(name for name in sorted(os.listdir(os.path.join(site, "claims")))
                 if name not in ("verdict", "tag", "year", "page", "index.html"))
    out: dict = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for query in [None] + queries:
                context = browser.new_context()
                page = context.new_page()
                finished: list = []  # weighed once the page is done: a body read
                page.on("requestfinished", lambda r, f=finished: f.append(r))  # inside
                # the handler was lost when requests finished in a burst (fragments)
                if query is None:  # a reader who reads a claim and opens search
                    page.goto(f"{base}claims/{claim}/", wait_until="networkidle")
                    page.goto(f"{base}search.html", wait_until="networkidle")
                else:
                    page.goto(f"{base}search.html", wait_until="networkidle")
                    finished.clear()
                    page.fill("#fc-q", query)
                    page.press("#fc-q", "Enter")
                    page.wait_for_function(
                        "() => /result|No results/.test(document.querySelector("
                        "'[data-fc-search-status]').textContent)", timeout=60_000)
                    page.wait_for_load_state("networkidle")
                search = {r.url: len(r.response().body()) if r.response() else 0
                          for r in finished if "/pagefind/" in r.url}
                out[query or ""] = {
                    "requests": len(search), "bytes": sum(search.values()),
                    "results": page.locator("[data-fc-search-results] li").count(),
                    "status": page.locator("[data-fc-search-status]").text_content(),
                }
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=4000)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--query", action="append",
                        help="a query to measure (repeatable); default: three")
    args = parser.parse_args(argv)
    queries = args.query or ["ministry", "evacuation of civilians", "33,624"]
    project, info = run.prepare(os.path.join(HERE, "out"), args.claims, args.sources,
                                2024, 0.04)
    with open(os.path.join(project, "mkdocs-search.yml"), "w", encoding="utf-8") as handle:
        handle.write(CONFIG)
    print(f"newsroom: {info['claims']:,} claims, {info['sources']:,} sources, "
          f"{info['citations']:,} citations ({project})", flush=True)
    with tempfile.TemporaryDirectory(prefix="factcheck-search-") as tmp:
        site = os.path.join(tmp, "site")
        cold = build(project, site)
        warm = build(project, site)
        pages = sum(name == "index.html" for _, _, names in os.walk(site) for name in names)
        idx = index(site)
        _, site_bytes = folder_bytes(site)
        bytes_by_query = search_bytes(site, queries)
    print()
    print("| figure | value |")
    print("|---|---|")
    print(f"| pages built | {pages:,} |")
    print(f"| `mkdocs build`, cold (every share card drawn) | {cold:.1f} s |")
    print(f"| `mkdocs build`, warm (previous cards kept) | {warm:.1f} s |")
    print(f"| Pagefind indexing | {idx['wall']:.1f} s, peak {idx['rss_mib']:.0f} MiB |")
    print(f"| index on disk (site/pagefind/) | {idx['bytes'] / 1e6:.1f} MB in "
          f"{idx['files']:,} files (site without it: {site_bytes / 1e6:.0f} MB) |")
    for query, got in bytes_by_query.items():
        label = f"search `{query}`" if query else "claim page, then the search page, no query"
        print(f"| {label} | {got['bytes'] / 1024:.0f} KB in {got['requests']} requests"
              f"{'; ' + got['status'] if query else ''} |")
    worst = max(g["bytes"] for q, g in bytes_by_query.items() if q)
    print(f"\ntarget: one search under 500 KB at {args.claims:,} claims: "
          f"{'met' if worst < 500 * 1024 else 'NOT met'} (largest {worst / 1024:.0f} KB); "
          f"nothing fetched before a search: "
          f"{'yes' if bytes_by_query[''] ['requests'] == 0 else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
