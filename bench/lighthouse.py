"""Lighthouse (mobile) on the Kursk site: one of each kind of page a reader opens.

    .venv/bin/python bench/lighthouse.py
    LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse .venv/bin/python bench/lighthouse.py
    .venv/bin/python bench/lighthouse.py --site DIR   # a site built already (a bench newsroom)

Builds the repository's site with `mkdocs build` (or takes a built one), serves it
on 127.0.0.1, and runs npm's `lighthouse` (default: `npx --yes lighthouse@12`) with
its default mobile emulation against Debian's Chromium (CHROME_PATH=/usr/bin/chromium),
on the front page, the claims index, a claim, a source and the cross-reference. Prints the four
category scores of each; the target is 95 or more in all of them.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shlex
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pages(site: str) -> dict[str, str]:
    with open(os.path.join(site, "claims.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    claim = max(data["claims"], key=lambda c: len(c["citations"]))
    return {"front page": "", "claims index": "claims/", "claim": claim["page"],
            "source": data["sources"][0]["page"], "cross-reference": "cross-reference/"}


def lighthouse(command: list[str], url: str, out: str) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    argv = command + [url, "--output=json", f"--output-path={out}", "--quiet",
                      "--only-categories=" + ",".join(CATEGORIES),
                      "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    with open(out, encoding="utf-8") as handle:
        report = json.load(handle)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = [a["id"] for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 0.9
               and a.get("scoreDisplayMode") in ("binary", "numeric")
               and not a["id"].endswith("-insight")]  # advice, not part of a score
    return {"scores": scores, "failing": failing, "version": report.get("lighthouseVersion")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE"),
                        help="the lighthouse command (default: npx --yes lighthouse@12)")
    parser.add_argument("--site", help="a built site to serve instead of building the "
                        "repository's (e.g. a bench newsroom's, built with its bench-full.yml)")
    args = parser.parse_args(argv)
    command = shlex.split(args.lighthouse) if args.lighthouse else \
        ["npx", "--yes", "lighthouse@12"]
    mkdocs = os.path.join(os.path.dirname(sys.executable), "mkdocs")
    with tempfile.TemporaryDirectory(prefix="factcheck-lh-") as tmp:
        site = os.path.abspath(args.site) if args.site else os.path.join(tmp, "site")
        if not args.site:
            subprocess.run([mkdocs, "build", "-q", "-f", os.path.join(REPO, "mkdocs.yml"),
                            "-d", site], cwd=REPO, check=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     functools.partial(_Quiet, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        try:
            for name, path in pages(site).items():
                got = lighthouse(command, base + path, os.path.join(tmp, "report.json"))
                rows.append((name, path, got))
                print(f"{name}: {got['scores']}", file=sys.stderr, flush=True)
        finally:
            server.shutdown()
            server.server_close()
    print(f"Lighthouse {rows[0][2]['version'] if rows else '?'}, mobile (default), "
          f"Chromium at {os.environ.get('CHROME_PATH', '/usr/bin/chromium')}\n")
    print("| page | " + " | ".join(CATEGORIES) + " | audits under 90 |")
    print("|---|" + "---|" * (len(CATEGORIES) + 1))
    for name, path, got in rows:
        print(f"| {name} (`/{path}`) | " + " | ".join(str(got["scores"][c]) for c in CATEGORIES)
              + f" | {', '.join(got['failing']) or 'none'} |")
    low = [(n, c) for n, _, g in rows for c in CATEGORIES if g["scores"][c] < 95]
    print(f"\ntarget: 95 or more in all four categories on every page: "
          f"{'met' if not low else 'NOT met: ' + ', '.join(f'{n} {c}' for n, c in low)}")
    return 0 if not low else 1


if __name__ == "__main__":
    sys.exit(main())
