"""Reading inputs safely and reporting the machine's problems as the user's to fix.

Only regular files are read (a FIFO would block forever, ``/dev/zero`` would fill the
memory), their size is checked before a byte is read, and an operating-system error
(disk full, read-only file system, permission denied) becomes one located line with
advice, not an "internal error".
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard

from privacy_notice.diagnostics import Diagnostic, PolicyError, display

# Limits of what is read at all: each is far above anything real.
POLICY_BYTES = 2_000_000
CATALOG_BYTES = 5_000_000
SNAPSHOT_BYTES = 10_000_000  # a released document holds every language
INDEX_BYTES = 1_000_000
JSON_DEPTH = 100  # a register document nests about ten levels

_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and run it again",
    errno.EDQUOT: "the disk quota is used up: free some space and run it again",
    errno.EROFS: "the file system is read-only: use a writable directory",
    errno.EACCES: "permission denied: check the owner and permissions of the file or directory",
    errno.EPERM: "operation not permitted: check the owner and permissions of the file",
    errno.ENOENT: "it does not exist",
    errno.EISDIR: "it is a directory where a file was expected",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.ELOOP: "too many levels of symbolic links",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EMFILE: "too many open files: raise the limit ('ulimit -n') and run it again",
    errno.EIO: "an input/output error: check the disk",
}


def is_environment_error(exc: BaseException) -> TypeGuard[OSError]:
    """An operating-system error the user can fix (as opposed to a bug of ours)."""
    return isinstance(exc, OSError) and exc.errno in _ADVICE


def os_problem(exc: OSError, name: str | os.PathLike[str] | None = None) -> Diagnostic:
    """One line for an operating-system error: which file, what failed, what to do."""
    where = name if name is not None else (exc.filename or "privacy-notice")
    reason = exc.strerror or type(exc).__name__
    advice = _ADVICE.get(exc.errno or 0, "")
    message = f"{reason}: {advice}" if advice and advice != reason.lower() else reason
    return Diagnostic(display(os.fsdecode(where)), message=message)


def read_regular(path: str | os.PathLike[str], name: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    FileNotFoundError passes through (callers decide what a missing file means); anything
    else that cannot be read is a :class:`PolicyError` at ``name``.
    """

    def fail(message: str) -> PolicyError:
        return PolicyError([Diagnostic(name, message=message)])

    try:
        info = os.stat(path)
        _check(info, fail, limit)
        # O_NONBLOCK: a file swapped for a FIFO after the check still cannot block the open.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise PolicyError([os_problem(exc, name)]) from None
    try:
        _check(os.fstat(fd), fail, limit)
        with os.fdopen(fd, "rb") as file:
            fd = -1
            data = file.read(limit + 1)
    except OSError as exc:
        raise PolicyError([os_problem(exc, name)]) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise fail(f"the file grew beyond {limit:,} bytes while it was read")
    return data


def _check(info: os.stat_result, fail: Callable[[str], PolicyError], limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise fail("is a directory, not a file: remove it or put the file in its place")
    if not stat.S_ISREG(info.st_mode):
        raise fail("is not a regular file (a pipe, socket or device): replace it with a file")
    if info.st_size > limit:
        raise fail(f"the file is {info.st_size:,} bytes; at most {limit:,} bytes are read")


def is_inside(path: Path, directory: Path) -> bool:
    """Whether ``path`` is ``directory`` or below it (both already resolved)."""
    return path == directory or directory in path.parents


def umask() -> int:
    """The process's umask (read by setting it, then restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_directory(path: str | os.PathLike[str]) -> None:
    """Make a rename in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step (a temporary file in the same directory,
    flushed to disk, then renamed over it); durable once this returns."""
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~umask())  # mkstemp makes 0600
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    fsync_directory(target.parent)


def parse_json(raw: bytes | str, name: str) -> Any:
    """``json.loads(raw)``; nesting too deep for Python's recursion (an ``index.json`` of
    100,000 ``[``) is a located problem, not a RecursionError. Decoding errors pass
    through: each caller says what a broken file of its kind means."""
    try:
        return json.loads(raw)
    except RecursionError:
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        line, column = _too_deep(text)
        message = (
            f"nested more than {JSON_DEPTH} levels deep: not a file privacy-notice wrote; "
            "restore it from version control"
        )
        raise PolicyError([Diagnostic(name, line, column, "", message)]) from None


def _too_deep(text: str) -> tuple[int, int]:
    """Line and column of the first bracket beyond :data:`JSON_DEPTH` (strings skipped).
    Only on the way to an error: a character at a time."""
    depth, line, start, inside, escaped = 0, 1, 0, False, False
    for index, char in enumerate(text):
        if inside:
            inside, escaped = (escaped or char != '"'), (not escaped and char == "\\")
        elif char == '"':
            inside = True
        elif char in "[{":
            depth += 1
            if depth > JSON_DEPTH:
                return line, index - start + 1
        elif char in "]}":
            depth -= 1
        if char == "\n":
            line, start = line + 1, index + 1
    return 0, 0


# The names of write_atomically's temporary files (and release --undo's): ".NAME.XXXXXXXX"
# and ".NAME.XXXXXXXX.tmp" beside NAME.json, in tempfile.mkstemp's characters.
_TEMPORARY = re.compile(r"\.[^/]+\.json\.[a-z0-9_]{8}(?:\.tmp)?")


def leftover_temporaries(directory: Path, shown: str) -> list[Diagnostic]:
    """A warning for each temporary file a release or undo killed mid-write left in
    ``directory``: no command reads it, but ``git add`` would commit it. Not removed here:
    a release running now may be about to rename its own."""
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    return [
        Diagnostic(
            f"{shown}/{name}",
            message="a temporary file left by an interrupted release: it is not a "
            "released version; delete it (and do not commit it)",
            severity="warning",
        )
        for name in names
        if _TEMPORARY.fullmatch(name)
    ]
