"""Files on disk: decoding UTF-8 with the place of a bad byte, reading a source
safely inside the project, and writing a file atomically.

The checker, the loader and ``--fix`` share these, so that a bad byte is reported
the same way in claims.yaml and in a source, and a write never leaves half a file.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import time
from typing import NamedTuple

RACY_NS = 2_000_000_000  # a file changed this recently is read again every time


class BadByte(NamedTuple):
    """The first byte that is not UTF-8: its value, offset and 1-based line/column."""

    value: int
    offset: int
    line: int
    column: int


def decode_utf8(data: bytes) -> tuple[str | None, BadByte | None]:
    """The text, or None and where the first byte that is not UTF-8 sits.

    >>> decode_utf8(b"ok\\nb: \\xff")
    (None, BadByte(value=255, offset=6, line=2, column=4))
    >>> decode_utf8("é".encode())
    ('é', None)
    """
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        at = exc.start
        line = data.count(b"\n", 0, at) + 1
        column = at - (data.rfind(b"\n", 0, at) + 1) + 1
        return None, BadByte(data[at], at, line, column)


class SourceFile(NamedTuple):
    """A source as read from disk: its text (None if unusable), why not, its digest."""

    text: str | None
    problem: str | None
    sha256: str | None


def status(path: str) -> tuple[int, int, int, int, int] | None:
    """What changes when a plain file is written, replaced or touched: its device,
    inode, size, modification and change times; None for a link, a folder or nothing.

    The change time moves with every write and cannot be set back, so a file
    rewritten with its old size and modification time (``cp -p``) still shows.

    >>> import tempfile; handle = tempfile.NamedTemporaryFile()
    >>> len(status(handle.name)), status(os.path.dirname(handle.name)), status("/no/such")
    (5, None, None)
    """
    try:
        st = os.lstat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def settled(file_status: tuple[int, int, int, int, int], now_ns: int | None = None) -> bool:
    """Whether a file read with this :func:`status` may be answered from memory for as
    long as it keeps it. A file written within the file system's clock tick of the
    read could be written again with the same status, so only one older than
    ``RACY_NS`` is ("racy git").

    >>> settled((0, 1, 5, 10**9, 10**9), now_ns=10**10), settled((0, 1, 5, 10**9, 10**9), 10**9)
    (True, False)
    """
    now = time.time_ns() if now_ns is None else now_ns
    return now - max(file_status[3], file_status[4]) >= RACY_NS


def realpath(folder: str, folders: dict[str, str] | None) -> str:
    """``os.path.realpath`` of a folder, remembered in ``folders`` if given."""
    if folders is None:
        return os.path.realpath(folder)
    got = folders.get(folder)
    if got is None:
        got = folders[folder] = os.path.realpath(folder)
    return got


def read_inside(root: str, file: str, folders: dict[str, str] | None = None
                ) -> tuple[bytes | None, str | None]:
    """The bytes of a project file, or None and why not.

    Relative paths only, and no escape through ``..`` or symlinks. ``folders``
    remembers resolved folders across the calls of one check (pass a new dict per
    check: a folder that becomes a symlink later must be resolved again).

    >>> read_inside("/tmp", "../etc/passwd")[1]
    'the path leaves the project folder: source files must live inside it'
    """
    if "\x00" in file:  # os.path would raise ValueError
        return None, "the path contains a NUL character"
    if os.path.isabs(file):
        return None, "the path is absolute: write it relative to claims.yaml"
    real_root = realpath(root, folders)
    full = os.path.join(root, file)
    head, tail = os.path.split(full)
    if tail in ("", ".", "..") or os.path.islink(full):
        real = os.path.realpath(full)
    else:  # resolving the folder once for all its files (a thousand sources share one)
        real = os.path.join(realpath(head, folders), tail)
    if os.path.commonpath([real_root, real]) != real_root:
        return None, "the path leaves the project folder: source files must live inside it"
    if os.path.islink(full) and not os.path.exists(full):
        return None, "the file is a symlink to nothing"
    if os.path.isdir(real):
        return None, "the path is a folder, not a file"
    try:
        with open(real, "rb") as handle:
            return handle.read(), None
    except FileNotFoundError:
        return None, "no such file"
    except OSError as exc:
        return None, f"cannot be read: {exc.strerror or exc}"


def read_source(root: str, file: str, folders: dict[str, str] | None = None) -> SourceFile:
    """Read a source's text safely (see :func:`read_inside`), with its digest.

    >>> read_source("/tmp", "../etc/passwd").problem
    'the path leaves the project folder: source files must live inside it'
    """
    data, problem = read_inside(root, file, folders)
    if data is None:
        return SourceFile(None, problem, None)
    digest = hashlib.sha256(data).hexdigest()
    text, bad = decode_utf8(data)
    if bad is not None:
        return SourceFile(None, f"is not UTF-8: byte 0x{bad.value:02x} at line {bad.line}, "
                          f"column {bad.column}; convert the file to UTF-8", digest)
    if "\x00" in text:
        return SourceFile(None, "is a binary file (it contains NUL bytes), not a text",
                          digest)
    return SourceFile(text, None, digest)


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file at ``path`` with ``data``, keeping its mode: a temporary file
    in the same folder, then a rename, so an interrupted write leaves the old file."""
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".claims-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
