"""Load ``policy.yaml`` into plain data, remembering where each value was written.

PyYAML's composer gives nodes with positions; constructing the data ourselves from
those nodes (see :mod:`.compose`) lets us refuse what PyYAML would silently accept
(duplicate keys, aliases, arbitrary tags) and point every later diagnostic at a line and
column.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from privacy_notice.diagnostics import Diagnostic, PolicyError
from privacy_notice.files import read_regular
from privacy_notice.source.compose import compose, lenient
from privacy_notice.source.loaded import Loaded

MAX_BYTES = 2_000_000  # a notice is a few kB; anything this large is a mistake


def read_source(path: str | os.PathLike[str], name: str) -> bytes:
    try:
        return read_regular(path, name, MAX_BYTES)
    except FileNotFoundError as exc:
        message = f"cannot read the file: {exc.strerror}"
        raise PolicyError([Diagnostic(name, message=message)]) from None


def read_mapping(path: str | Path) -> dict[str, Any]:
    """``path`` as written, if it is a YAML mapping, else ``{}``: for the few facts read
    before the checks (the site's name, the root register's locales), which a broken file
    must not stop; the checks then say what is wrong with it."""
    try:
        data = lenient(read_source(path, str(path)))
    except Exception:  # unreadable, not YAML, an impossible date…
        return {}
    return data if isinstance(data, dict) else {}


def load_policy(path: str | Path, *, display: str | None = None) -> Loaded:
    """Read and compose a policy file; raise :class:`PolicyError` with every problem."""
    name = display or str(path)
    return load_policy_text(read_source(path, name), name)


def load_policy_text(raw: bytes, name: str) -> Loaded:
    """The policy file ``name`` of bytes ``raw``, loaded; raise :class:`PolicyError` with
    every problem."""

    def fail(message: str, line: int = 0, column: int = 0) -> PolicyError:
        return PolicyError([Diagnostic(name, line, column, "", message)])

    if len(raw) > MAX_BYTES:
        raise fail(
            f"the file is {len(raw):,} bytes; a policy file may be at most {MAX_BYTES:,} bytes"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("the file starts with a byte-order mark: save it as UTF-8 without BOM", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            f"byte 0x{raw[exc.start]:02x} is not UTF-8: save the file as UTF-8", line, column
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise fail("the file contains a NUL character: it is not a text file", line)
    return compose(text, name)
