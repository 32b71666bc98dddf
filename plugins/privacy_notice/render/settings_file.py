"""Where each name is assigned in a Pelican settings file, following ``from module import
*`` into the file it imports: what locates a problem of the settings at its line."""

from __future__ import annotations

import ast
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from privacy_notice.diagnostics import Diagnostic, display


class Locator:
    """Where names are assigned in a settings file and the files it star-imports."""

    def __init__(self, source: str | os.PathLike[str] | None) -> None:
        self.source = Path(source) if source else None
        self.places = assignments(self.source) if self.source else {}

    def locate(self, name: str, message: str, path: str = "") -> Diagnostic:
        if name in self.places:
            file, line, column = self.places[name]
            return Diagnostic(file, line, column, path, message)
        return Diagnostic(display(self.source) if self.source else "settings", 0, 0, path, message)


def assignments(path: Path, seen: frozenset[Path] = frozenset()) -> dict[str, tuple[str, int, int]]:
    """``name -> (file, line, column)`` of the assignment that wins: the last one, with
    ``from module import *`` read where it stands. Unreadable files locate nothing."""
    try:
        tree = ast.parse(path.read_bytes(), str(path))
    except (OSError, SyntaxError, ValueError):
        return {}
    found: dict[str, tuple[str, int, int]] = {}
    for node in _statements(tree.body):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            module = _module_file(node.module, path.parent)
            if any(a.name == "*" for a in node.names) and module and module not in seen:
                found.update(assignments(module, seen | {path}))
            continue
        for target in _targets(node):
            found[target.id] = (display(path), target.lineno, target.col_offset + 1)
    return found


def _statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements in source order, into ``if``/``try``/``with``/``for`` blocks (not into
    functions or classes, whose names are not settings)."""
    for node in body:
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for name in ("body", "orelse", "finalbody"):
            yield from _statements(getattr(node, name, []))
        for handler in getattr(node, "handlers", []):
            yield from _statements(handler.body)


def _targets(node: ast.stmt) -> Iterator[ast.Name]:
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    else:
        return
    stack: list[ast.expr] = list(targets)
    while stack:
        target = stack.pop(0)
        if isinstance(target, ast.Name):
            yield target
        elif isinstance(target, ast.Tuple | ast.List):
            stack[:0] = target.elts
        elif isinstance(target, ast.Starred):
            stack.insert(0, target.value)


def _module_file(module: str, directory: Path) -> Path | None:
    """The file ``import module`` ran (Pelican has just run the settings), else the one
    beside the settings file or in the working directory."""
    loaded = getattr(sys.modules.get(module), "__file__", None)
    if loaded:
        return Path(loaded)
    relative = Path(*module.split(".")).with_suffix(".py")
    return next((p for p in (directory / relative, Path(relative)) if p.is_file()), None)
