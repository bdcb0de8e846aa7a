"""Getting a source's original bytes: a saved file, or an http(s) URL.

``factcheck add-source`` keeps these bytes in the project, byte for byte, before
anything is extracted from them. A fetch is bounded every way it can go wrong:
time (one deadline for the whole download, not only per read), size (the body is
read in chunks and abandoned past the limit), redirects (at most a few, and only to
http or https). Every failure is a :class:`CaptureError` with a message that says
what to do, never a traceback and never a hang.

The standard library's urllib is enough here: one GET, no sessions or cookies.
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.checker.errors import CommandError

MAX_BYTES = 50 * 1024 * 1024
TIMEOUT = 30.0  # seconds, for the whole download
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "factcheck-add-source/0.1 (archiving a cited source)"

KINDS = ("html", "pdf", "text")
_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf",
               ".txt": "text", ".text": "text", ".md": "text"}
_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
          "text/plain": "text", "text/markdown": "text"}


class CaptureError(CommandError):
    """A source could not be fetched or read; the message says why and what to do."""


@dataclass(frozen=True)
class Original:
    """A source as retrieved: its bytes, what kind of document they are, and whence.

    ``url`` is the address asked for (None for a local file); ``final_url`` the one
    that answered after redirects.
    """

    data: bytes
    kind: str
    name: str
    url: str | None = None
    final_url: str | None = None


def sniff(data: bytes, hint: str | None = None) -> str:
    """The kind of a document: its own bytes first, then a hint (extension or type).

    >>> sniff(b"%PDF-1.7 ...", "text")
    'pdf'
    >>> sniff(b"\\n<!DOCTYPE html><html>")
    'html'
    >>> sniff(b"Plain words.", "text")
    'text'
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return "html"
    if hint in KINDS:
        return hint
    if b"\x00" in data[:4096]:
        raise CaptureError("is a binary file that is neither a PDF nor a web page; "
                           "add-source takes HTML pages, PDFs and plain text")
    return "text"


def read_file(path: str, max_bytes: int = MAX_BYTES) -> Original:
    """Read a saved page, PDF or text file (at most ``max_bytes``)."""
    if not os.path.exists(path):
        raise CaptureError(f"{path}: no such file")
    if os.path.isdir(path):
        raise CaptureError(f"{path}: is a folder; give the saved page, PDF or text file")
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise CaptureError(f"{path}: {size:,} bytes is over the limit of "
                               f"{max_bytes:,}; raise it with --max-mb if this is right")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise CaptureError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if not data:
        raise CaptureError(f"{path}: the file is empty")
    hint = _EXTENSIONS.get(os.path.splitext(path)[1].lower())
    try:
        return Original(data, sniff(data, hint), path)
    except CaptureError as exc:
        raise CaptureError(f"{path}: {exc}") from exc


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, and only to http(s) addresses."""

    max_repeats = max_redirections = 1000  # urllib's own limits: ours below say more

    def __init__(self, limit: int):
        self.limit = limit
        self.count = 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.count += 1
        if self.count > self.limit:
            raise CaptureError(f"more than {self.limit} redirects (the last to "
                               f"{newurl}); give the final address instead")
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise CaptureError(f"redirected to {newurl}, which is not an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_url(target: str) -> bool:
    """Whether add-source should fetch ``target`` rather than read a file.

    >>> is_url("https://example.org/a"), is_url("page.html"), is_url("ftp://x/y")
    (True, False, True)
    """
    return "://" in target and urlsplit(target).scheme.isalpha()


def fetch_url(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
              max_redirects: int = MAX_REDIRECTS) -> Original:
    """GET ``url`` within ``timeout`` seconds in all; refuse bodies over ``max_bytes``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CaptureError(f"{url}: only http:// and https:// addresses can be fetched")
    redirects = _Redirects(max_redirects)
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html, application/pdf, "
                                                   "text/plain;q=0.9, */*;q=0.1"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            ctype = response.headers.get_content_type()
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise CaptureError(f"{url}: the server announces {int(length):,} bytes, "
                                   f"over the limit of {max_bytes:,}; raise it with "
                                   "--max-mb if this is right")
            data = _read_body(response, url, deadline, timeout, max_bytes)
    except CaptureError:
        raise
    except urllib.error.HTTPError as exc:
        raise CaptureError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise CaptureError(f"{url}: cannot connect: {_reason(exc.reason)}") from exc
    except (TimeoutError, socket.timeout) as exc:
        raise CaptureError(f"{url}: no answer within {timeout:g} seconds") from exc
    except (OSError, ValueError) as exc:  # reset connections, malformed responses
        raise CaptureError(f"{url}: the download failed: {exc}") from exc
    if not data:
        raise CaptureError(f"{url}: the server sent an empty body")
    kind = _TYPES.get(ctype)
    if kind is None and not data.startswith(b"%PDF-"):
        raise CaptureError(f"{url}: the server sent {ctype}; add-source takes HTML pages, "
                           "PDFs and plain text")
    try:
        return Original(data, sniff(data, kind), url, url, final)
    except CaptureError as exc:
        raise CaptureError(f"{url}: {exc}") from exc


def _read_body(response, url: str, deadline: float, timeout: float,
               max_bytes: int) -> bytes:
    chunks, total = [], 0
    while True:
        if time.monotonic() > deadline:
            raise CaptureError(f"{url}: the download took longer than {timeout:g} "
                               "seconds; try again, or raise --timeout")
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise CaptureError(f"{url}: the body is over the limit of {max_bytes:,} "
                               "bytes; raise it with --max-mb if this is right")
        chunks.append(chunk)


def _reason(reason) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer in time"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)
