"""safety.py: reading only regular files of bounded size, atomic writes, OS errors as
one located line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from privacy_notice.diagnostics import PolicyError
from privacy_notice.files import (
    is_environment_error,
    is_inside,
    os_problem,
    read_regular,
    write_atomically,
)


def message(error: pytest.ExceptionInfo[PolicyError]) -> str:
    [diagnostic] = error.value.diagnostics
    return str(diagnostic)


def test_read_regular_reads_a_small_file_and_refuses_others(tmp_path: Path):
    small = tmp_path / "small.txt"
    small.write_bytes(b"12345")
    assert read_regular(small, "small.txt", limit=5) == b"12345"
    with pytest.raises(PolicyError) as error:
        read_regular(small, "small.txt", limit=4)
    assert message(error).startswith("small.txt: the file is 5 bytes; at most 4 bytes")
    with pytest.raises(PolicyError) as error:
        read_regular(tmp_path, "folder", limit=10)
    assert "is a directory, not a file" in message(error)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(PolicyError) as error:  # refused, never blocks on the pipe
        read_regular(fifo, "fifo", limit=10)
    assert "is not a regular file" in message(error)
    with pytest.raises(FileNotFoundError):  # the caller decides what missing means
        read_regular(tmp_path / "missing", "missing", limit=10)


def test_os_errors_are_one_line_with_advice():
    full = OSError(errno.ENOSPC, "No space left on device", "output/x")
    assert is_environment_error(full)
    assert not is_environment_error(ValueError("a bug of ours"))
    line = str(os_problem(full))
    assert line.startswith("output/x: No space left on device") and "\n" not in line
    assert str(os_problem(full, "elsewhere")).startswith("elsewhere: ")


def test_is_inside():
    base = Path("/a/b")
    assert is_inside(base, base) and is_inside(base / "c", base)
    assert not is_inside(Path("/a/bc"), base) and not is_inside(Path("/a"), base)


def test_write_atomically_replaces_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "index.json"
    target.write_bytes(b"old")
    previous = os.umask(0o022)
    try:
        write_atomically(target, b"new")
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)  # not mkstemp's 0600
    assert [p.name for p in tmp_path.iterdir()] == ["index.json"]


def test_a_failed_atomic_write_keeps_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "index.json"
    target.write_bytes(b"old")

    def full_disk(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.json"]
