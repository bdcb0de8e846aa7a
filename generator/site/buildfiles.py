"""Which files a build hands MkDocs: of docs_dir, those it publishes; of the
generated pages, in a preview rebuild, those an edit changed.

MkDocs copies every file under docs_dir into the site. A source's stored text and
archived original sit there too, and may be published only as their source allows
(``publish``: :mod:`generator.checker.excerpts`) and only while a published claim
cites them (:func:`generator.checker.status.published_view`). Glue over MkDocs'
:class:`~mkdocs.structure.files.Files`, called from the plugin's ``on_files``.

``mkdocs serve --dirty`` skips a page whose file is older than its output, but
only after it has made a :class:`~mkdocs.structure.pages.Page` of it, put it in
the nav's bookkeeping and the sitemap, and asked each plugin about it: for
20,000 generated pages, seconds per rebuild that an edit to one claim does not
need. So a rebuild hands MkDocs only the generated pages whose key changed
(:mod:`generator.site.rebuilds`) and leaves the others, written by an earlier
build of the session, as they are on disk (:func:`add_pages`).
"""

from __future__ import annotations

import os
from pathlib import PurePath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.checker.excerpts import FULL, publish_of
from generator.checker.model import CheckResult
from generator.site import drafts
from generator.site.render import ASSETS, PACKAGE_ASSETS, VERDICT_CSS, PageSpec
from generator.site.siteindex import FEED


class DocsPaths:
    """Where the project's files sit in docs_dir (``sources/x.txt``), if they do, with
    symbolic links resolved as ``os.path.realpath`` resolves them, but each folder
    once: thousands of sources in one folder, resolved component by component on
    every preview rebuild, cost more than the rest of this module. Each path is
    resolved once per build (what is withheld and what is published ask alike)."""

    def __init__(self, docs_dir: str) -> None:
        self.docs = os.path.realpath(docs_dir)
        self._inside = os.path.join(self.docs, "")
        self._folders: dict[str, str] = {}
        self._uris: dict[tuple[str, str], str | None] = {}

    def uri(self, root: str, rel: str | None) -> str | None:
        if not rel:
            return None
        if (root, rel) not in self._uris:
            self._uris[(root, rel)] = self._resolve(root, rel)
        return self._uris[(root, rel)]

    def _resolve(self, root: str, rel: str) -> str | None:
        path = os.path.join(root, rel)
        folder, name = os.path.split(path)
        if name in ("", os.curdir, os.pardir) or os.path.islink(path):
            real = os.path.realpath(path)
        else:
            if folder not in self._folders:
                self._folders[folder] = os.path.realpath(folder)
            real = os.path.join(self._folders[folder], name)
        if not real.startswith(self._inside):
            return None
        return real[len(self._inside):].replace(os.sep, "/")


def published(project, files: Files, config, field: str,
              paths: DocsPaths | None = None) -> dict[str, str]:
    """Source texts (``file``) and archived originals (``original``) that sit in
    docs_dir are published too: link to them."""
    paths = paths or DocsPaths(config.docs_dir)
    out = {}
    for source in project.sources:
        uri = paths.uri(project.root, getattr(source, field))
        if uri is not None and uri in files.src_uris:
            out[source.id] = uri
    return out


def withhold(project, files: Files, config, paths: DocsPaths | None = None) -> list[str]:
    """Keep the stored text and the archived original of every source not published
    in full out of the site, though they sit in docs_dir (MkDocs would copy them):
    the newsroom may show only excerpts of them, or nothing. Returns their paths."""
    paths = paths or DocsPaths(config.docs_dir)
    out = []
    for source in project.sources:
        if publish_of(project, source) == FULL:
            continue
        for rel in (source.file, source.original):
            uri = paths.uri(project.root, rel)
            found = files.src_uris.get(uri) if uri is not None else None
            if found is not None:
                files.remove(found)
                out.append(found.src_uri)
    return out


def withhold_drafts(files: Files, config, result: CheckResult, view: CheckResult,
                    preview: bool) -> None:
    """Leave out of the site the texts only unpublished claims quote; in a preview
    build, put a robots.txt that disallows everything in place of the site's own."""
    for uri in drafts.withheld_files(result, view, config.docs_dir):
        found = files.get_file_from_path(uri)
        if found is not None:
            files.remove(found)
    if preview:
        existing = files.get_file_from_path("robots.txt")
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, "robots.txt", content=drafts.ROBOTS_TXT))


def add_generated(files: Files, config, uri: str, **kw) -> None:
    """Add a generated file, refusing to replace one that is already there."""
    _refuse_taken(files, config, uri)
    files.append(File.generated(config, uri, **kw))


def _refuse_taken(files: Files, config, uri: str) -> None:
    existing = files.src_uris.get(uri)
    if existing is not None and existing.generated_by:
        raise PluginError(
            f"factcheck: {uri} is generated twice, by {existing.generated_by} and by "
            f"{config.plugins._current_plugin or 'factcheck'}: two factcheck instances "
            "(two claims files) need a `prefix` each, the folder of the site their "
            "pages go under, e.g. `prefix: kursk`")
    if existing is not None:
        raise PluginError(f"factcheck: {config.docs_dir}/{uri} is a hand-written page "
                          "where the plugin generates one; rename it (or set the "
                          "plugin's `prefix` to put the generated pages in a folder)")


def add_pages(files: Files, config, pages: list[PageSpec], prefix: str, unchanged: set[str],
              stamp, hand_all: bool) -> tuple[dict[str, PageSpec], set[str]]:
    """Add the generated pages; return those handed to MkDocs (by src_uri, with the
    prefix) and those left out (unchanged, their output as an earlier build wrote it).

    ``unchanged``: the pages (src_uri, no prefix) whose key is the one last built. The
    nav's pages are always handed (the theme draws the nav on every page, as links
    to pages MkDocs knows), the others only with ``hand_all``. An unchanged page
    that is handed is backed by ``stamp()``, an old empty file, which a dirty build
    takes as unmodified and skips.
    """
    named = nav_uris(config.nav) if unchanged and not hand_all else set()
    handed: dict[str, PageSpec] = {}
    left_out: set[str] = set()
    for spec in pages:
        uri = prefix + spec.src_uri
        if spec.src_uri not in unchanged:
            add_generated(files, config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        elif hand_all or uri in named:
            add_generated(files, config, uri, abs_src_path=stamp(),
                          inclusion=InclusionLevel.NOT_IN_NAV)
        else:
            _refuse_taken(files, config, uri)
            left_out.add(uri)
            continue
        handed[uri] = spec
    return handed, left_out


def nav_uris(nav) -> set[str]:
    """The pages mkdocs.yml's ``nav`` names, as MkDocs looks them up.

    >>> sorted(nav_uris([{"Home": "index.md"}, {"More": ["a/b.md", {"X": "/c.md"}]}]))
    ['a/b.md', 'c.md', 'index.md']
    """
    out: set[str] = set()
    items = list(nav or ())
    while items:
        item = items.pop()
        if isinstance(item, str):
            out.add(PurePath(item.lstrip("/")).as_posix())
        elif isinstance(item, dict):
            items += item.values()
        elif isinstance(item, list):
            items += item
    return out


def hand_written_rebuilt(files: Files) -> bool:
    """Whether this dirty build renders a page of docs_dir again: its links to
    generated pages are resolved (and checked) among the files MkDocs has."""
    return any(f.generated_by is None and f.is_modified()
               for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve))


def add_site_files(files: Files, config, renderer, prefix: str,
                   claims_files: list[tuple[str, str]], feed: str | None = None) -> None:
    """The assets every instance shares (the first adds them), and this one's data,
    written into the site now (:func:`add_written`; ``feed``: the feed's text if made
    already, else the renderer makes it)."""
    for uri in ASSETS:
        if files.get_file_from_path(uri) is None:
            path = os.path.join(PACKAGE_ASSETS, os.path.basename(uri))
            files.append(File.generated(config, uri, abs_src_path=path))
    for uri, content in ((VERDICT_CSS, renderer.verdict_css()), *claims_files,
                         (FEED, renderer.feed() if feed is None else feed)):
        add_written(files, config, prefix + uri, content)


def add_written(files: Files, config, uri: str, content: str) -> None:
    """A generated file written into site_dir at once, and handed to MkDocs as a file
    already in place (which it leaves as it is), rather than its text held until
    MkDocs copies the static files: claims.json and its parts grow with the archive,
    and would be held through the writing of every page."""
    _refuse_taken(files, config, uri)
    path = os.path.join(config.site_dir, *uri.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:  # as MkDocs writes a file's content
        handle.write(content)
    files.append(File.generated(config, uri, abs_src_path=path))


def with_placeholder_front_page(files: Files, config) -> Files:
    """In ``serve`` before a first good check, the front page the plugin generates
    does not exist yet: a placeholder answers at ``/``, under the error banner."""
    if files.get_file_from_path("index.md") is None:
        files.append(File.generated(config, "index.md", content=(
            f"# {config.site_name}\n\nThe site is not built yet: the citation check "
            "failed (see above). Fix the claims file and save; the front page follows.\n")))
    return files
