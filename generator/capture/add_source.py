"""``factcheck add-source``: bring a web page, PDF or text file into the project.

One import does four things, in this order, and changes nothing if any fails:

1. keep the original bytes (``<dir>/archive/<id>.<ext>``), so what was retrieved
   can always be shown and checked again (``original_sha256``);
2. extract the article's text once (:mod:`generator.capture.extract`) into ``<dir>/<id>.txt``,
   the file quotes are verified against; extraction never runs at build time;
3. register the source in claims.yaml with what the document states about itself,
   where it came from and when, and the sha256 of both files, inserting text only
   (:mod:`generator.capture.registry_edit`) so every comment stays;
4. load claims.yaml again to prove the entry reads back.

A source that is already registered (same id, or same URL) is never overwritten:
the new text is compared with the registered one and the difference is reported.

An HTML original is archived as ``<id>.html.txt``: the archive sits in the site's
pages folder and is published, and a static host serves ``.html`` as a page, which
would run the archived page's scripts on the fact-check's own site. As ``.txt`` it
is shown as inert text; its bytes are the page's, unchanged.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from generator.capture import archive as wayback
from generator.capture.extract import Extracted, extract
from generator.capture.fetch import (
    MAX_BYTES,
    TIMEOUT,
    CaptureError,
    Original,
    fetch_url,
    is_url,
    read_file,
)
from generator.capture.registry_edit import RegistryEditError, insert_source
from generator.checker.files import write_atomically
from generator.checker.load import ClaimsFileError, load_project, load_text
from generator.checker.model import Project, Source
from generator.checker.schema import LANGUAGE_RE, SLUG_RE
from generator.checker.walker import slugify

ARCHIVE_EXTENSIONS = {"html": ".html.txt", "pdf": ".pdf", "text": ".txt"}
MAX_ID_WORDS = 8


@dataclass
class Options:
    """What the editor asked for on the command line."""

    target: str
    claims: str = "claims.yaml"
    id: str | None = None
    title: str | None = None
    language: str | None = None
    directory: str | None = None
    retrieved: date | None = None
    recall: bool = False
    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    archive: bool = False  # ask the Internet Archive for a copy (generator/capture/archive.py)
    archive_timeout: float = wayback.TIMEOUT


@dataclass
class Outcome:
    """What happened: ``status`` is added, unchanged or changed (nothing written)."""

    status: str
    source_id: str
    lines: list[str] = field(default_factory=list)  # what to tell the editor
    diff: str = ""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _read_claims(path: str) -> tuple[bytes, Project]:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ClaimsFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    project, findings = load_project(path)
    if project is None:
        first = findings[0] if findings else None
        where = f"{path}:{first.line}:{first.column}: {first.message}" if first else path
        raise CaptureError(f"claims.yaml cannot be loaded ({where}); fix it first "
                           "(`factcheck check`)")
    return data, project


def _retrieve(options: Options) -> Original:
    if is_url(options.target):
        return fetch_url(options.target, timeout=options.timeout,
                         max_bytes=options.max_bytes)
    return read_file(options.target, options.max_bytes)


def _suggest_id(extracted: Extracted, original: Original) -> str:
    """A slug from the title, else from the file or address's last part."""
    if extracted.title:
        words = slugify(extracted.title).split("-")[:MAX_ID_WORDS]
        if any(words):
            return "-".join(w for w in words if w)
    tail = (original.final_url or original.name).rstrip("/").rsplit("/", 1)[-1]
    stem = slugify(tail.split("?")[0].rsplit(".", 1)[0])
    return stem or "source"


def _registered(project: Project, options: Options, original: Original,
                source_id: str) -> Source | None:
    by_id = project.source(source_id)
    if by_id is not None or options.id:
        return by_id
    if original.url:
        return next((s for s in project.sources if s.url == original.url), None)
    return None


def _source_dir(project: Project, options: Options) -> str:
    """Where texts go: --dir, else where most registered sources live."""
    if options.directory:
        return os.path.normpath(options.directory)
    folders = Counter(os.path.dirname(s.file) for s in project.sources if s.file)
    if folders:
        return folders.most_common(1)[0][0] or "."
    default = os.path.join("content", "sources")
    return default if os.path.isdir(os.path.join(project.root, "content")) else "sources"


def _compare(project: Project, source: Source, extracted: Extracted,
             original: Original) -> Outcome:
    """A re-import: report whether the text changed, and how; write nothing."""
    path = os.path.join(project.root, source.file)
    try:
        with open(path, encoding="utf-8") as handle:
            old = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CaptureError(f"source `{source.id}` is registered, but its text "
                           f"{source.file} cannot be read ({exc}); restore it") from exc
    if old == extracted.text:
        same_bytes = source.original_sha256 == sha256(original.data)
        note = ("its original is byte for byte the archived one" if same_bytes else
                "the page's bytes differ (scripts, ads), the article's text does not")
        return Outcome("unchanged", source.id,
                       [f"source `{source.id}` is already registered and its text is "
                        f"unchanged; {note}. Nothing written."])
    diff = "".join(difflib.unified_diff(
        old.splitlines(keepends=True), extracted.text.splitlines(keepends=True),
        fromfile=f"{source.file} (registered)",
        tofile=f"{options_name(original)} (retrieved {_today().isoformat()})"))
    return Outcome("changed", source.id, [
        f"source `{source.id}` has changed since it was registered (diff below); the "
        "registered text is kept and nothing was written. Sources are kept as "
        "published: if the publisher corrected the article, import the new version "
        f"under a new id (--id {source.id}-2), cite it, and log the correction in "
        "the claims that cite the old one."], diff)


def options_name(original: Original) -> str:
    return original.url or original.name


def _paths(project: Project, options: Options, source_id: str,
           kind: str) -> tuple[str, str]:
    folder = _source_dir(project, options)
    text_rel = os.path.join(folder, f"{source_id}.txt").replace(os.sep, "/")
    original_rel = os.path.join(folder, "archive",
                                source_id + ARCHIVE_EXTENSIONS[kind]).replace(os.sep, "/")
    for rel in (text_rel, original_rel):
        full = os.path.join(project.root, rel)
        real_root = os.path.realpath(project.root)
        if os.path.commonpath([real_root, os.path.realpath(full)]) != real_root:
            raise CaptureError(f"{rel} is outside the project folder; choose a --dir "
                               "inside it")
        if os.path.lexists(full):
            raise CaptureError(f"{rel} already exists but is not a registered source's "
                               "file; choose another --id, or move the file away")
    return text_rel, original_rel


def _fields(source_id: str, title: str, extracted: Extracted, original: Original,
            text_rel: str, original_rel: str, retrieved: date | None,
            language: str | None) -> dict:
    return {
        "id": source_id,
        "file": text_rel,
        "title": title,
        "publisher": extracted.publisher,
        "author": extracted.author,
        "published": extracted.published,
        "url": original.url or extracted.url,
        "language": language,
        "retrieved": retrieved,
        "sha256": sha256(extracted.text.encode("utf-8")),
        "original": original_rel,
        "original_sha256": sha256(original.data),
    }


def _comment(original: Original, extracted: Extracted, today: date,
             title_given: bool) -> list[str]:
    whence = original.url or os.path.basename(original.name)
    lines = [f"Imported by `factcheck add-source` on {today.isoformat()} from {whence}",
             f"(text extracted by {extracted.extractor}; metadata as the document "
             "states it)."]
    if original.final_url and original.final_url != original.url:
        lines.append(f"The address redirected to {original.final_url}.")
    if title_given:
        lines.append("Title given by the editor.")
    return lines


def add_source(options: Options) -> Outcome:
    """Import one source; raise CaptureError (or ClaimsFileError) with what to do."""
    data, project = _read_claims(options.claims)
    if options.language is not None and not LANGUAGE_RE.match(options.language):
        raise CaptureError(f"--language {options.language!r} is not a language tag: "
                           "use a lowercase BCP 47 tag such as en, ru or pt-br")
    if options.id is not None and not SLUG_RE.match(options.id):
        raise CaptureError(f"--id {options.id!r} is not a slug: use lowercase letters, "
                           f"digits and single hyphens, e.g. {slugify(options.id) or 'x'!r}")
    original = _retrieve(options)
    extracted = extract(original, recall=options.recall)
    source_id = options.id or _suggest_id(extracted, original)
    existing = _registered(project, options, original, source_id)
    if existing is not None:
        return _compare(project, existing, extracted, original)
    title = options.title or extracted.title
    if not title:
        raise CaptureError(f"{options_name(original)} states no title; give one with "
                           "--title \"...\" (say in it if the title is yours)")
    text_rel, original_rel = _paths(project, options, source_id, original.kind)
    retrieved = options.retrieved or (_today() if original.url else None)
    fields = _fields(source_id, title, extracted, original, text_rel, original_rel,
                     retrieved, options.language or extracted.language)
    if options.archive:
        fields = _with_archive(fields, options)
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
        new_text = insert_source(text, fields,
                                 _comment(original, extracted, _today(), bool(options.title)))
    except (UnicodeDecodeError, RegistryEditError) as exc:
        raise CaptureError(str(exc)) from exc
    _verify(new_text, project, fields)
    _write_all(project.root, options.claims, [
        (original_rel, original.data),
        (text_rel, extracted.text.encode("utf-8")),
    ], (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
    return Outcome("added", source_id, _report(fields, extracted, original))


def _with_archive(fields: dict, options: Options) -> dict:
    """The entry with the Internet Archive's copy of its page (``archive``,
    ``archived``) after its ``url``; nothing is written if there is none."""
    if not fields.get("url"):
        raise CaptureError("--archive needs the page's address: this document states "
                           "none; import it from its URL, or register it and add `url:`, "
                           "then run `factcheck archive`")
    access, secret = wayback.credentials()
    found = wayback.save(fields["url"], access=access, secret=secret,
                         base=wayback.endpoint(), timeout=options.archive_timeout)
    out = {}
    for key, value in fields.items():
        out[key] = value
        if key == "url":
            out.update(archive=found.url, archived=found.day)
    return out


def _verify(new_text: str, project: Project, fields: dict) -> None:
    """The edited claims.yaml must load, with the new source exactly as intended."""
    loaded, _ = load_text(new_text, project.path, project.root)
    got = loaded.source(fields["id"]) if loaded else None
    wanted = {k: v for k, v in fields.items() if v is not None}
    if got is None or any(getattr(got, k) != v for k, v in wanted.items()) or \
            len(loaded.sources) != len(project.sources) + 1:
        raise CaptureError("the new entry did not read back as intended, so nothing "
                           "was written; please report this with your claims.yaml")


def _write_all(root: str, claims: str, files: list[tuple[str, bytes]],
               claims_data: bytes) -> None:
    """Write the files, then claims.yaml; on any failure remove what was written."""
    written: list[str] = []
    try:
        for rel, payload in files:
            full = os.path.join(root, rel)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "xb") as handle:
                handle.write(payload)
            written.append(full)
        write_atomically(claims, claims_data)
    except OSError as exc:
        for full in written:
            os.unlink(full)
        raise CaptureError(f"cannot write {exc.filename or claims}: "
                           f"{exc.strerror or exc}; nothing was changed") from exc


def _report(fields: dict, extracted: Extracted, original: Original) -> list[str]:
    words = len(extracted.text.split())
    lines = [f"registered source `{fields['id']}` ({original.kind}):",
             f"  text      {fields['file']} ({extracted.paragraphs} paragraphs, "
             f"{words} words; quotes are verified against it)",
             f"  original  {fields['original']} ({len(original.data):,} bytes, as "
             "retrieved)"]
    for key in ("title", "publisher", "author", "published", "url", "archive", "archived",
                "language", "retrieved"):
        if fields.get(key) is not None:
            lines.append(f"  {key:<9} {fields[key]}")
    missing = [k for k in ("publisher", "author", "published") if fields.get(k) is None]
    if missing:
        lines.append(f"  (not stated by the document: {', '.join(missing)})")
    lines.append("Read the text once before quoting it; the original is kept for "
                 "comparison. Find a passage with "
                 f"`factcheck find \"...\" --source {fields['id']}`.")
    return lines
