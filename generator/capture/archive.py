"""A third-party copy of a source's page: the Internet Archive's Save Page Now.

A newsroom that shows only excerpts of an article owes its readers a way to the
whole, and the publisher's page may change or vanish; a copy in the Wayback
Machine, made when the source was registered, stays. ``factcheck add-source URL
--archive`` and ``factcheck archive`` ask for one with the documented Save Page Now
2 (SPN2) API:

1. ``POST https://web.archive.org/save`` with the form field ``url``, the headers
   ``Authorization: LOW <access key>:<secret>`` (the account's S3-style keys) and
   ``Accept: application/json``; the answer carries a ``job_id`` (or ``status:
   error`` with ``status_ext`` and ``message`` when the request is refused);
2. ``GET https://web.archive.org/save/status/<job_id>`` until its ``status`` is
   ``success`` (with ``timestamp``, ``YYYYMMDDhhmmss``, and ``original_url``) or
   ``error``; ``pending`` means ask again a little later;
3. the copy is ``https://web.archive.org/web/<timestamp>/<original_url>``.

The keys come from the environment only (:data:`ACCESS_ENV`, :data:`SECRET_ENV`),
never from a file in the repository. Everything is bounded by one deadline. Every
failure (no network, a refusal, a job still pending at the deadline) is an
:class:`ArchiveError` that says what happened and what to do; the caller then
writes nothing.
"""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from generator.capture.fetch import CaptureError
from generator.capture.registry_edit import RegistryEditError, add_fields
from generator.checker.files import write_atomically
from generator.checker.load import load_project

ENDPOINT = "https://web.archive.org"
ENDPOINT_ENV = "FACTCHECK_ARCHIVE_ENDPOINT"  # another SPN2 server (tests use a local one)
ACCESS_ENV = "FACTCHECK_IA_ACCESS_KEY"
SECRET_ENV = "FACTCHECK_IA_SECRET_KEY"
TIMEOUT = 180.0  # seconds for a capture, from the request to its result
POLLS = (1.0, 2.0, 3.0, 5.0)  # waits between status requests; the last repeats
USER_AGENT = "factcheck-archive/0.1 (keeping a copy of a cited source)"


class ArchiveError(CaptureError):
    """No copy was made; the message says why and what to do."""


@dataclass(frozen=True)
class Copy:
    """A capture the archive made: where it is and when it was made."""

    url: str
    timestamp: str  # YYYYMMDDhhmmss, UTC

    @property
    def day(self) -> date:
        """
        >>> Copy("x", "20240809123456").day
        datetime.date(2024, 8, 9)
        """
        return date(int(self.timestamp[:4]), int(self.timestamp[4:6]),
                    int(self.timestamp[6:8]))


def credentials(environ=os.environ) -> tuple[str, str]:
    """The account's keys from the environment, or an error that names the variables.

    >>> credentials({ACCESS_ENV: "k", SECRET_ENV: "s"})
    ('k', 's')
    """
    access, secret = environ.get(ACCESS_ENV, "").strip(), environ.get(SECRET_ENV, "").strip()
    if not access or not secret:
        raise ArchiveError(f"no Internet Archive keys: set {ACCESS_ENV} and {SECRET_ENV} "
                           "in the environment to your archive.org account's S3 keys "
                           "(never in a file in the repository); nothing was changed")
    return access, secret


def endpoint(environ=os.environ) -> str:
    return (environ.get(ENDPOINT_ENV) or ENDPOINT).rstrip("/")


class _Client:
    def __init__(self, base: str, access: str, secret: str, deadline: float,
                 clock: Callable[[], float]):
        self.base, self.deadline, self.clock = base, deadline, clock
        self.headers = {"Authorization": f"LOW {access}:{secret}",
                        "Accept": "application/json", "User-Agent": USER_AGENT}

    def ask(self, path: str, form: dict | None = None) -> dict:
        """One request; its JSON answer (an error answer too, with its HTTP status)."""
        left = self.deadline - self.clock()
        if left <= 0:
            raise TimeoutError
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers=self.headers,
                                         method="POST" if form is not None else "GET")
        try:
            with urllib.request.urlopen(request, timeout=left) as response:
                body, code = response.read(1 << 20), response.status
        except urllib.error.HTTPError as exc:
            body, code = exc.read(1 << 20), exc.code
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise TimeoutError from exc
            reason = getattr(exc.reason, "strerror", None) or exc.reason
            raise ArchiveError(f"cannot reach the Internet Archive at {self.base}: "
                               f"{reason}; check the connection and try again; nothing "
                               "was changed") from exc
        try:
            answer = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            answer = None
        if not isinstance(answer, dict):
            raise ArchiveError(f"the Internet Archive answered {code} with something other "
                               "than the JSON its API documents; try again later; nothing "
                               "was changed")
        if code >= 400 and answer.get("status") != "error":
            answer = {"status": "error", "status_ext": f"http-{code}", **answer}
        return answer


def _refused(url: str, answer: dict) -> ArchiveError:
    why = answer.get("message") or "no reason given"
    code = answer.get("status_ext") or answer.get("exception") or "error"
    return ArchiveError(f"the Internet Archive did not archive {url}: {code}: {why}; "
                        "nothing was changed")


def save(url: str, *, access: str, secret: str, base: str = ENDPOINT,
         timeout: float = TIMEOUT, clock: Callable[[], float] = time.monotonic,
         sleep: Callable[[float], None] = time.sleep) -> Copy:
    """Ask the archive for a copy of ``url`` and wait for it, ``timeout`` seconds in all."""
    client = _Client(base, access, secret, clock() + timeout, clock)
    job = None
    try:
        answer = client.ask("/save", {"url": url})
        job = answer.get("job_id")
        if answer.get("status") == "error" or not isinstance(job, str) or not job:
            raise _refused(url, answer)
        for attempt in range(10_000):
            sleep(min(POLLS[min(attempt, len(POLLS) - 1)],
                      max(0.0, client.deadline - clock())))
            answer = client.ask("/save/status/" + urllib.parse.quote(job, safe=""))
            state = answer.get("status")
            if state == "success":
                return _copy(base, url, answer)
            if state != "pending":
                raise _refused(url, answer)
    except (TimeoutError, socket.timeout) as exc:
        pending = f" (job {job} may still finish: run `factcheck archive` later)" if job \
            else ""
        raise ArchiveError(f"the Internet Archive made no copy of {url} within "
                           f"{timeout:g} seconds{pending}; try again, or raise --timeout; "
                           "nothing was changed") from exc
    raise ArchiveError(f"the Internet Archive kept {url} pending; nothing was changed")


def _copy(base: str, url: str, answer: dict) -> Copy:
    stamp = str(answer.get("timestamp") or "")
    if len(stamp) != 14 or not stamp.isdigit():
        raise ArchiveError(f"the Internet Archive reported success for {url} without a "
                           f"valid timestamp ({stamp!r}); nothing was changed")
    original = answer.get("original_url") or url
    return Copy(f"{base}/web/{stamp}/{original}", stamp)


# ---- `factcheck archive`: the registered sources that have a url and no copy ---------

def _record(claims: str, origin: str, source_id: str, found: Copy) -> None:
    """Add ``archive:`` and ``archived:`` to a source's entry in the file that
    registers it, keeping every comment; read back, else put the file back as it was."""
    with open(origin, "rb") as handle:
        data = handle.read()
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = add_fields(data.decode("utf-8").removeprefix("\ufeff"), source_id,
                          {"archive": found.url, "archived": found.day})
    except (UnicodeDecodeError, RegistryEditError) as exc:
        raise ArchiveError(f"{origin}: {exc}; the copy is {found.url}") from exc
    write_atomically(origin, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    project, _ = load_project(claims)
    got = project.source(source_id) if project else None
    if got is None or (got.archive, got.archived) != (found.url, found.day):
        write_atomically(origin, data)
        raise ArchiveError(f"{origin}: the new fields did not read back as intended, so the "
                           f"file was left as it was; add `archive: {found.url}` and "
                           f"`archived: {found.day}` to `{source_id}` by hand")


def archive_sources(claims: str, only: list[str], timeout: float = TIMEOUT,
                    environ=os.environ, report: Callable[[str], None] = print) -> int:
    """Archive every registered source with a ``url`` and no ``archive`` (or those in
    ``only``), recording each copy as it is made; returns how many were archived.
    The first failure stops the run: the source it was about is left as it was."""
    project, findings = load_project(claims)
    if project is None:
        where = f" ({findings[0].line}:{findings[0].column}: {findings[0].message})" \
            if findings else ""
        raise ArchiveError(f"{claims} cannot be loaded{where}; fix it first "
                           "(`factcheck check`)")
    known = {s.id: s for s in project.sources}
    for wanted in only:
        if wanted not in known:
            raise ArchiveError(f"no registered source has the id `{wanted}`")
        if not known[wanted].url:
            raise ArchiveError(f"source `{wanted}` has no `url` to archive")
    todo = [s for s in project.sources if s.url and not s.archive
            and (not only or s.id in only)]
    if not todo:
        report("every registered source with a `url` has an `archive` copy already; "
               "nothing to do")
        return 0
    access, secret = credentials(environ)
    for done, source in enumerate(todo):
        try:
            found = save(source.url, access=access, secret=secret, base=endpoint(environ),
                         timeout=timeout)
        except ArchiveError as exc:
            kept = f" ({done} archived before it)" if done else ""
            raise ArchiveError(f"source `{source.id}`: {exc}{kept}") from exc
        _record(claims, source.origin or claims, source.id, found)
        report(f"archived `{source.id}`: {found.url}")
    return len(todo)
