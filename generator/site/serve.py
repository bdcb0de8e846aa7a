"""``mkdocs serve`` that never leaves an editor stuck on a broken edit.

MkDocs' live-reload server makes every page request wait until a rebuild succeeds:
one failed build (a YAML slip, a wrong quote) and the browser hangs on every page.
:class:`Preview` wraps the server's builder so that a failed build still counts as
finished, and wraps its WSGI app so that, while the last build failed, every HTML
response carries a banner with the findings (file:line:column and the YAML line).
The site directory keeps the last good build, because the check fails before MkDocs
cleans it; the next good edit rebuilds, and the banner goes.

The banner is built here, not from a template: an override template can be what
broke the build, and the page that reports it must not depend on it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable

from markupsafe import escape

log = logging.getLogger("mkdocs.plugins.factcheck")

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)

_BANNER_STYLE = ("position:sticky;top:0;z-index:10000;margin:0;padding:1em;"
                 "background:#fff4f4;color:#5a0000;border-bottom:4px solid #b00020;"
                 "font:14px/1.4 system-ui,sans-serif;max-height:60vh;overflow:auto")


def banner_html(failure: str) -> str:
    """The error banner: what failed, escaped (findings quote editors' text).

    >>> html = banner_html("claims.yaml:3:5: error[yaml-syntax] <b>")
    >>> "&lt;b&gt;" in html and "<b>" not in html
    True
    """
    return (f'<div id="factcheck-preview-error" role="alert" style="{_BANNER_STYLE}">'
            "<strong>The last edit did not build.</strong> This is the last good "
            "preview; fix the problem below and save: the page reloads by itself."
            '<pre style="white-space:pre-wrap;margin:.5em 0 0;font-size:13px">'
            f"{escape(failure)}</pre></div>")


def with_banner(page: bytes, failure: str) -> bytes:
    """Insert the banner right after ``<body>``; wrap a page that has none.

    >>> with_banner(b"<html><body class=x><p>hi</p></body></html>", "bad")[:60]
    b'<html><body class=x><div id="factcheck-preview-error" role="'
    >>> with_banner(b"404 Not Found", "bad").startswith(b"<!doctype html>")
    True
    """
    banner = banner_html(failure).encode("utf-8")
    match = _BODY.search(page)
    if match:
        return page[:match.end()] + banner + page[match.end():]
    return (b'<!doctype html><html><head><meta charset="utf-8">'
            b"<title>Preview: build failed</title></head><body>" + banner
            + b"<pre>" + str(escape(page.decode("utf-8", "replace"))).encode("utf-8")
            + b"</pre></body></html>")


REBUILD_WAIT = 1.0  # seconds a request waits for a running build before "rebuilding"

REBUILDING = (b'<!doctype html><html><head><meta charset="utf-8">'
              b'<meta http-equiv="refresh" content="1"><title>Rebuilding the preview'
              b'</title></head><body><p role="status">Rebuilding the preview after your '
              b"edit; this page reloads by itself.</p></body></html>")


class Preview:
    """State of the live preview: ``failure`` is the last build's error text, or None;
    ``idle`` is set while no build runs."""

    def __init__(self) -> None:
        self.failure: str | None = None
        self.idle = threading.Event()
        self.idle.set()

    def install(self, server) -> None:
        """Guard the server's builder and wrap its app (``LiveReloadServer``)."""
        build = server.builder

        def guarded_build() -> None:
            self.failure = None
            self.idle.clear()
            try:
                build()
            except BaseException as exc:  # noqa: BLE001  a failed build must not stall
                if isinstance(exc, KeyboardInterrupt):
                    raise
                if self.failure is None:
                    self.failure = f"{type(exc).__name__}: {exc}"
                log.error("factcheck: the build failed; the preview keeps the last good "
                          "site with an error banner until the next good edit")
            finally:
                self.idle.set()

        server.builder = guarded_build
        server.set_app(self.app(server.get_app(), server))

    def app(self, inner: Callable, server=None) -> Callable:
        """WSGI middleware: never wait long for a build; while the last build
        failed, add the banner to HTML."""

        def wrapped(environ, start_response) -> Iterable[bytes]:
            if environ.get("PATH_INFO", "").startswith("/livereload/"):
                return inner(environ, start_response)
            if not self.idle.wait(REBUILD_WAIT):
                # MkDocs would hold the request until the build ends (a large site
                # takes many seconds): answer now, and let the page retry
                start_response("503 Service Unavailable", [
                    ("Content-Type", "text/html; charset=utf-8"), ("Retry-After", "1"),
                    ("Content-Length", str(len(REBUILDING)))])
                return [REBUILDING]
            failure = self.failure
            if failure is None:
                return inner(environ, start_response)
            seen: dict = {}

            def capture(status, headers, exc_info=None):
                seen["status"], seen["headers"] = status, headers
                return lambda data: None

            chunks = inner(environ, capture)
            try:
                body = b"".join(chunks)
            finally:
                getattr(chunks, "close", lambda: None)()
            status, headers = seen["status"], seen["headers"]
            kind = next((v for k, v in headers if k.lower() == "content-type"), "")
            if kind.startswith("text/html"):
                body = with_banner(body, failure)
                body = self._with_reload(body, status, server)
                headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
                headers.append(("Content-Length", str(len(body))))
            start_response(status, headers)
            return [body]

        return wrapped

    @staticmethod
    def _with_reload(body: bytes, status: str, server) -> bytes:
        """An error page (not a built page) gets the live-reload script too, so that
        the fix shows without a manual reload. Uses the server's own injector."""
        inject = getattr(server, "_inject_js_into_html", None)
        epoch = getattr(server, "_visible_epoch", None)
        if status.startswith("200") or inject is None or epoch is None:
            return body
        return inject(body, epoch)
