"""A loaded policy file: its plain data and where each part of it was written, so that
every later diagnostic points at a line and column."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from privacy_notice.diagnostics import Diagnostic, Severity, YamlPath, format_path


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


def value_at(data: Any, path: YamlPath) -> Any:
    """The value at ``path``, or None where the data does not have that shape."""
    for key in path:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and 0 <= key < len(data) else None
        elif isinstance(data, dict):
            data = data.get(key)
        else:
            return None
    return data


def items_at(data: Any, path: tuple[str, ...]) -> list[tuple[int, dict[str, Any]]]:
    """``(index, item)`` for the mappings in the list at ``path`` (none if it is not one)."""
    value = value_at(data, path)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]
