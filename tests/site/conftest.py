"""Fixture sites for the MkDocs plugin: written to a temp dir, built by `mkdocs build`.

Builds run `python -m mkdocs` in a subprocess, exactly as an editor would, so the
tests see the real entry point, logging and exit status. The HTML that comes out
is read with :class:`html.parser.HTMLParser`, never with regular expressions.

FACTCHECK_SITE_BUILDER=properdocs runs the same builds with ProperDocs instead
(`make test` does so in a second virtualenv, .venv-properdocs).
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

BUILDERS = ("mkdocs", "properdocs")
BUILDER = os.environ.get("FACTCHECK_SITE_BUILDER", "mkdocs")
if BUILDER not in BUILDERS:
    raise pytest.UsageError(f"FACTCHECK_SITE_BUILDER={BUILDER!r}: use one of {BUILDERS}")

ALPHA = """\
Border report

On Tuesday the ministry said that 300 soldiers and 11 tanks crossed the border near the village of Oleshnya.
The governor later declared a state of emergency for the whole region.

Officials said the situation was under control. Critics said the situation was far from under control and that evacuations had begun in several districts.

A third paragraph mentions the gas transit station at Sudzha, the last working transit point to Europe.
"""  # noqa: E501  (a text quoted as it is)

BETA = """\
Second report

Ukrainian forces advanced up to 10 kilometres into the region, according to analysts.

The Kremlin called it a large-scale provocation.
"""

CLAIMS = """\
# The whole texts are shown: these tests are about a full text and its highlighted
# passages (tests/site/test_rights.py builds the excerpts and `none` cases).
publish: full
verdicts:
  - {id: accurate, label: Accurate, rating: 3, description: Supported., color: "#1a7f37"}
  - {id: mixed, label: Mixed, rating: 2, description: Some of each., expects: any}
  - {id: inaccurate, label: Inaccurate, rating: 1, description: Contradicted., color: "#cf222e"}
sources:
  - id: alpha
    file: content/sources/alpha.txt
    title: Border report
    publisher: Example Wire
    author: A. Writer
    published: 2024-08-07
    url: https://example.org/alpha
  - id: beta
    file: content/sources/beta.txt
    title: Second report
# This project tests rendering: its nested and overlapping quotes are cut where
# they are on purpose, and one claim is supported only by its own appearance.
rules:
  quote-drops-hedge: off
  self-support: off
  appearance-as-support: off
claims:
  - id: troops-crossed
    claim: 300 soldiers crossed the border on Tuesday.
    claimant: Ministry of Defence
    claimant_type: organization
    claim_date: 2024-08-06
    verdict: accurate
    summary: |
      The ministry's figure is **reported** by the wire. See [the wire](https://example.org/alpha).
    tags: [troops, border]
    published: 2024-08-10
    appearance: [alpha]
    updates:
      - {date: 2024-08-11, note: Added the second source.}
    citations:
      - source: alpha
        quote: the ministry said that 300 soldiers and 11 tanks crossed the border
        stance: supports
        note: The only figure given.
      - source: beta
        quote: Ukrainian forces advanced up to 10 kilometres into the region
        stance: context
  - id: tanks-crossed
    claim: Eleven tanks crossed near Oleshnya.
    claimant: Acting Governor Example
    claimant_type: person
    verdict: accurate
    summary: Nested inside the longer quote.
    tags: [troops]
    appearance: [beta, alpha]
    citations:
      - source: alpha
        quote: 11 tanks crossed the border near the village of Oleshnya
        stance: supports
  - id: under-control
    claim: The situation was under control.
    verdict: mixed
    summary: Officials said so; critics disagreed.
    tags: [border]
    citations:
      - source: alpha
        quote: Officials said the situation was under control.
        stance: supports
      - source: alpha
        quote: Critics said the situation ... that evacuations had begun
        stance: contradicts
      - source: alpha
        quote: the situation was far from under control and that evacuations
        stance: contradicts
  - id: no-gas
    claim: Sudzha plays no part in gas transit.
    verdict: inaccurate
    summary: The source says the opposite.
    citations:
      - source: alpha
        quote: the gas transit station at Sudzha, the last working transit point to Europe
        stance: contradicts
      - source: beta
        quote: The Kremlin called it a large-scale provocation.
        stance: context
"""


def mkdocs_yml(extra: str = "", site_url: str | None = "https://checks.example.org/") -> str:
    url = f"site_url: {site_url}\n" if site_url else ""
    return textwrap.dedent("""\
        site_name: Fixture checks
        docs_dir: content
        theme:
          name: mkdocs
          highlightjs: false
        plugins:
          - search
          - factcheck
        nav:
          - Home: index.md
          - Claims: claims/index.md
          - Sources: sources/index.md
          - Cross-reference: cross-reference.md
        """) + url + extra


@dataclass
class Site:
    """A fixture site on disk."""

    root: Path

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def build(self, strict: bool = True) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", BUILDER, "build", "-f", str(self.root / "mkdocs.yml")]
        if strict:
            cmd.append("--strict")
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        return subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, env=env,
                              timeout=300)

    def html_files(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))

    def page(self, url: str) -> "Doc":
        path = self.site_dir / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return parse(path.read_text(encoding="utf-8"))


def make_site(root: Path, claims: str = CLAIMS, sources: dict[str, str] | None = None,
              config: str | None = None, pages: dict[str, str] | None = None) -> Site:
    site = Site(root)
    site.write("mkdocs.yml", config if config is not None else mkdocs_yml())
    site.write("claims.yaml", claims)
    site.write("content/index.md", "# Fixture checks\n\nSee [all claims](claims/index.md).\n")
    for name, text in (sources or {"alpha.txt": ALPHA, "beta.txt": BETA}).items():
        site.write(f"content/sources/{name}", text)
    for rel, text in (pages or {}).items():
        site.write(rel, text)
    return site


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    children: list["Element"] = field(default_factory=list, repr=False)
    parent: "Element | None" = field(default=None, repr=False)

    def get(self, name: str, default=None):
        value = self.attrs.get(name, default)
        return default if value is None else value

    @property
    def classes(self) -> set[str]:
        return set((self.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs):
        for el in self.iter():
            if tag and el.tag != tag:
                continue
            if cls and cls not in el.classes:
                continue
            if any(el.get(k.rstrip("_").replace("_", "-")) != v for k, v in attrs.items()):
                continue
            yield el

    def find(self, tag: str | None = None, cls: str | None = None, **attrs):
        return next(self.find_all(tag, cls, **attrs), None)

    def text_content(self) -> str:
        return self.text


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Doc(HTMLParser):
    """A tiny DOM: elements with attributes, their text, and every id on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.ids: list[str] = []
        self.elements: list[Element] = []

    def handle_starttag(self, tag, attrs):
        el = Element(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(el)
        self.elements.append(el)
        if el.get("id"):
            self.ids.append(el.get("id"))
        if el.get("name") and tag == "a":
            self.ids.append(el.get("name"))
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for el in self.stack:
            el.text += data

    # conveniences
    def find_all(self, *args, **kw):
        return self.root.find_all(*args, **kw)

    def find(self, *args, **kw):
        return self.root.find(*args, **kw)

    @property
    def text(self) -> str:
        return self.root.text


def parse(html: str) -> Doc:
    doc = Doc()
    doc.feed(html)
    doc.close()
    return doc


@pytest.fixture(scope="session", autouse=True)
def site_builder() -> str:
    """The builder every site test runs; a missing one fails, never skips."""
    import importlib.util

    if importlib.util.find_spec(BUILDER) is None:
        pytest.fail(f"FACTCHECK_SITE_BUILDER={BUILDER} but {BUILDER} is not installed "
                    f"in {sys.prefix} (make .venv-properdocs/.deps)", pytrace=False)
    return BUILDER


@pytest.fixture(scope="session")
def load_config():
    """The builder's own ``load_config``; ProperDocs first maps ``mkdocs.*`` onto itself
    (as `properdocs build` does), so the plugin's imports resolve to ProperDocs."""
    if BUILDER == "properdocs":
        import properdocs.replacement  # noqa: F401
        from properdocs.config import load_config as load
    else:
        from mkdocs.config import load_config as load
    return load


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Site:
    """The fixture publication, built once with --strict."""
    site = make_site(tmp_path_factory.mktemp("fixture-site"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def new_site(tmp_path):
    """Make a fixture site in a fresh folder: ``new_site(claims=..., sources=...)``."""
    count = iter(range(1000))

    def make(**kw) -> Site:
        return make_site(tmp_path / f"site{next(count)}", **kw)
    return make


@pytest.fixture(scope="session")
def site_at():
    """``site_at(folder)``: a publication already on disk, to build and read."""
    return Site


@pytest.fixture(scope="session")
def html():
    """Parse HTML into a :class:`Doc`."""
    return parse


@pytest.fixture(scope="session")
def fixture_text():
    """The fixture texts, for tests that vary them."""
    return {"claims": CLAIMS, "alpha": ALPHA, "beta": BETA, "mkdocs_yml": mkdocs_yml}


@pytest.fixture(scope="session")
def site_maker(tmp_path_factory):
    """Like ``new_site`` for module- or session-scoped fixtures."""
    def make(name: str, **kw) -> Site:
        return make_site(tmp_path_factory.mktemp(name), **kw)
    return make


def _target(site_dir: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file an internal link lands on, and its fragment."""
    parts = urlsplit(href)
    rel_dir = page.parent.relative_to(site_dir).as_posix()
    path = unquote(parts.path)
    joined = posixpath.normpath(posixpath.join(rel_dir, path)) if path else \
        page.relative_to(site_dir).as_posix()
    target = site_dir / joined
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def find_broken_links(site: Site) -> list[str]:
    """Every internal href/src of every page that misses its file or its #anchor."""
    site_dir = site.site_dir
    ids: dict[Path, set[str]] = {}
    links = []
    for page in site.html_files():
        if page.name == "404.html":  # served at any depth: uses root-absolute links
            continue
        doc = parse(page.read_text(encoding="utf-8"))
        ids[page] = set(doc.ids)
        for el in doc.elements:
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is None or el.tag == "base":
                    continue
                if urlsplit(value).scheme or value.startswith("//"):
                    continue
                links.append((page, el.tag, value))
    assert links, "no internal links found"
    broken = []
    for page, tag, href in links:
        target, fragment = _target(site_dir, page, href)
        where = page.relative_to(site_dir)
        if not target.exists():
            broken.append(f"{where}: <{tag}> {href} (no such file)")
            continue
        if fragment and target.suffix == ".html":
            if target not in ids:
                ids[target] = set(parse(target.read_text(encoding="utf-8")).ids)
            if fragment not in ids[target]:
                broken.append(f"{where}: {href} (no #{fragment} there)")
    return broken


@pytest.fixture(scope="session")
def broken_links():
    return find_broken_links
