"""Which generated pages an edit affects: a content key per page.

``mkdocs serve --dirty`` rebuilds only the pages whose key changed since the last
build. A key is a sha256 of everything the page can show, by what the page is:

* a claim page: the claim's own YAML text, the sources it cites, and every claim
  that shares a source with it (the page lists them as related claims);
* a source page: the source's text and every claim citing it;
* a page of the claims with one verdict or tag: the claims it lists, and the
  verdict and tags of every claim (its chart and filter links count them);
* every other page (the claims and sources indexes, the cross-reference): all
  claims and sources.

Every key also holds the site-wide inputs (the verdict scale, the stories and the
authors, the options, the templates and mkdocs.yml), so a change there rebuilds
every page. Keys are made
from the text of the claims and the sources, not from the parsed data, so any
change an override template could show changes the key: over-building is the
only error they allow.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict

from .checkcache import claim_span
from .model import CheckResult, first_by_id
from .siteindex import PageSpec


def _sha(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def files_digest(*folders: str | None) -> str:
    """A digest of the files under ``folders`` (names, sizes, modification times).

    >>> files_digest(None) == files_digest()
    True
    """
    parts = []
    for folder in folders:
        for dirpath, _, names in os.walk(folder or "", followlinks=False):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                stat = os.stat(path)
                parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return _sha(*sorted(parts))


def claim_digests(result: CheckResult) -> dict[str, str]:
    """Each claim's digest: the sha256 of its YAML text (its data if no text)."""
    project = result.project
    out = {}
    for claim in project.claims:
        span = claim_span(claim)
        text = project.texts.get(claim.origin or project.path)
        body = text[span[0]:span[1]] if span and text is not None else repr(claim)
        out[claim.id] = _sha(claim.origin or "", body)
    return out


def page_keys(result: CheckResult, pages: list[PageSpec], site_wide: str) -> dict[str, str]:
    """``{src_uri: key}`` for every generated page (see the module's docstring)."""
    project = result.project
    claims = claim_digests(result)
    sources = {sid: _sha(text) for sid, text in result.texts.items()}
    citing: dict[str, set[str]] = defaultdict(set)
    for claim in project.claims:
        for cite in claim.citations:
            citing[cite.source].add(claim.id)
    shared = _sha(site_wide,  # what every page shows or depends on, hashed once
                  repr([(v.id, v.label, v.rating, v.description, v.color, v.expects)
                        for v in project.verdicts]),
                  repr([(s.id, s.file, s.title, s.publisher, s.author, str(s.published),
                         s.url) for s in project.sources]),
                  # stories and bylines: story, author and front pages, claim kickers
                  repr([(s.id, s.title, s.dek, str(s.published), str(s.updated), s.authors,
                         s.intro, s.claims) for s in project.stories]),
                  repr([(a.id, a.name, a.role, a.url, a.bio) for a in project.authors]))
    everything = _sha(shared, *sorted(claims.values()), *sorted(sources.values()))
    # a verdict or tag page lists its claims, under the counts of every verdict and tag
    counts = _sha(shared, repr(sorted((c.id, c.verdict, tuple(c.tags))
                                      for c in project.claims)))
    by_id = first_by_id(project.claims)[0]
    out = {}
    for page in pages:
        if page.kind == "claim" and page.key in claims:
            cited = sorted({c.source for c in by_id[page.key].citations})
            near = sorted(set().union(*(citing[s] for s in cited)) if cited else ())
            out[page.src_uri] = _sha(shared, claims[page.key],
                                     *(sources.get(s, "") for s in cited),
                                     *(claims.get(c, "") for c in near))
        elif page.kind == "source" and page.key in sources:
            out[page.src_uri] = _sha(shared, sources[page.key],
                                     *(claims.get(c, "") for c in sorted(citing[page.key])))
        elif page.kind in ("verdict", "tag"):
            listed = [c.id for c in project.claims if page.key == c.verdict
                      or (page.kind == "tag" and page.key in c.tags)]
            out[page.src_uri] = _sha(counts, page.kind, page.key or "",
                                     *(claims[c] for c in listed if c in claims))
        else:
            out[page.src_uri] = _sha(everything, page.kind, page.key or "")
    return out
