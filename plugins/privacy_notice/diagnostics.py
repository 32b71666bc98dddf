"""Diagnostics: one located, readable line per problem, and the error that carries them."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

# Where a value sits in policy.yaml or a register document: ("retention", "rules", 1).
# (Not "Path": that is pathlib's, in every module.)
YamlPath = tuple[str | int, ...]
Severity = Literal["error", "warning", "note"]

# Characters that would break a diagnostic's one line or reorder it on a terminal: C0/C1
# controls (newline included), line and paragraph separators, bidirectional controls.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """``text`` with every control, separator and bidi character shown as an escape."""
    return _UNSAFE.sub(lambda m: _NAMED.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def format_path(path: YamlPath) -> str:
    """``("retention", "rules", 0, "period")`` -> ``retention.rules[0].period``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in an input file, as ``file:line:col: path: message``."""

    file: str
    line: int = 0
    column: int = 0
    path: str = ""
    message: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = visible(self.file)
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        prefix = f"{self.severity}: " if self.severity != "error" else ""
        subject = f"{visible(self.path)}: " if self.path else ""
        return f"{where}: {prefix}{subject}{visible(self.message)}"


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


class PolicyError(Exception):
    """Raised when inputs have errors; ``str()`` is the diagnostics, one per line."""

    exitcode = 1

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self) -> tuple[type[PolicyError], tuple[list[Diagnostic]]]:
        # As it was made: it crosses from a build's worker process to the build.
        return (type(self), (self.diagnostics,))


def display(path: os.PathLike[str] | str) -> str:
    """A path as diagnostics show it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def did_you_mean(word: str, options: list[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest option, or nothing."""

    close = difflib.get_close_matches(word, options, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def shorten(text: str, limit: int = 70) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis: a text quoted in
    a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
