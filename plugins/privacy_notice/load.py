"""Load ``policy.yaml`` into plain data, remembering where each value was written.

PyYAML's composer gives nodes with positions; constructing the data ourselves from
those nodes (see :mod:`.compose`) lets us refuse what PyYAML would silently accept
(duplicate keys, aliases, arbitrary tags) and point every later diagnostic at a line and
column.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, PolicyError, Severity, YamlPath, format_path

MAX_BYTES = 2_000_000  # a notice is a few kB; anything this large is a mistake
MAX_DEPTH = 40  # the register nests 6 levels; deeper is a mistake (and recursion has limits)


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based
    file: str = ""  # the file it was written in, where not the loaded file (a shared block)


@dataclass(frozen=True)
class Loaded:
    """Plain data (dicts, lists, str, int, bool, None) and where each part was written."""

    file: str
    data: Any
    values: Mapping[YamlPath, Mark]
    keys: Mapping[YamlPath, Mark]
    scalars: Mapping[YamlPath, str]  # the source text of each scalar, for hints

    def mark(self, path: YamlPath) -> Mark:
        """The position of the value at ``path``, or of its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return Mark(1, 1)

    def key_mark(self, path: YamlPath) -> Mark:
        return self.keys.get(path) or self.mark(path)

    def diagnostic(
        self, path: YamlPath, message: str, *, at_key: bool = False, severity: Severity = "error"
    ) -> Diagnostic:
        mark = self.key_mark(path) if at_key else self.mark(path)
        file = mark.file or self.file
        return Diagnostic(file, mark.line, mark.column, format_path(path), message, severity)


def read_source(path: str | os.PathLike[str], name: str) -> bytes:
    from .safety import read_regular  # only a regular file, its size checked before reading

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
        from .compose import lenient

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
    from .compose import compose

    return compose(text, name)
