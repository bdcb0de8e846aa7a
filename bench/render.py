"""CPU time of rendering every generated page in process, without MkDocs around it.

    .venv/bin/python bench/render.py bench/out/claims-4000-sources-1000/claims-clean.yaml

The check runs once; then, ``runs`` times (default 3), the renderer is built and
every page rendered, with ``claims.json``; the median CPU seconds of each step are
printed, and the source pages (the ones with passage highlights) on their own.
CPU time rather than wall time, so a busy shared machine disturbs it less.
"""

from __future__ import annotations

import statistics
import sys
import time

T = time.process_time


def once(result) -> dict[str, float]:
    from generator.site.render import SiteOptions, SiteRenderer

    out = {}
    t = T()
    renderer = SiteRenderer(result, SiteOptions(site_url="https://example.org/"))
    out["build the renderer (indexes)"] = T() - t
    pages = renderer.pages()
    t = T()
    for page in pages:
        if page.kind != "source":
            renderer.render(page)
    out["render claim and index pages"] = T() - t
    t = T()
    for page in pages:
        if page.kind == "source":
            renderer.render(page)
    out["render source pages (highlights)"] = T() - t
    t = T()
    renderer.claims_json()
    out["claims.json"] = T() - t
    out["pages"] = len(pages)
    return out


def main() -> None:
    from generator.checker.check import check_file

    path = sys.argv[1] if len(sys.argv) > 1 else "claims.yaml"
    result = check_file(path)
    runs = [once(result) for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 3)]
    for key in runs[0]:
        value = statistics.median(r[key] for r in runs)
        print(f"{key:40} {value:8.3f}" + ("" if key == "pages" else " s"))


if __name__ == "__main__":
    main()
