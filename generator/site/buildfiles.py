"""Which files of docs_dir a build publishes, and the paths the pages link to.

MkDocs copies every file under docs_dir into the site. A source's stored text and
archived original sit there too, and may be published only as their source allows
(``publish``: :mod:`generator.checker.excerpts`) and only while a published claim
cites them (:func:`generator.checker.status.published_view`). Glue over MkDocs'
:class:`~mkdocs.structure.files.Files`, called from the plugin's ``on_files``.
"""

from __future__ import annotations

import os

from mkdocs.structure.files import File, Files

from generator.checker.excerpts import FULL, publish_of
from generator.checker.model import CheckResult
from generator.site import drafts


def published(project, files: Files, config, field: str) -> dict[str, str]:
    """Source texts (``file``) and archived originals (``original``) that sit in
    docs_dir are published too: link to them."""
    out = {}
    docs = os.path.realpath(config.docs_dir)
    for source in project.sources:
        rel = getattr(source, field)
        if not rel:
            continue
        path = os.path.realpath(os.path.join(project.root, rel))
        if os.path.commonpath([docs, path]) == docs:
            uri = os.path.relpath(path, docs).replace(os.sep, "/")
            if files.get_file_from_path(uri) is not None:
                out[source.id] = uri
    return out


def withhold(project, files: Files, config) -> list[str]:
    """Keep the stored text and the archived original of every source not published
    in full out of the site, though they sit in docs_dir (MkDocs would copy them):
    the newsroom may show only excerpts of them, or nothing. Returns their paths."""
    docs = os.path.realpath(config.docs_dir)
    out = []
    for source in project.sources:
        if publish_of(project, source) == FULL:
            continue
        for rel in (source.file, source.original):
            path = os.path.realpath(os.path.join(project.root, rel)) if rel else ""
            if not path or os.path.commonpath([docs, path]) != docs:
                continue
            found = files.get_file_from_path(os.path.relpath(path, docs).replace(os.sep, "/"))
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
