"""The package shows the pipeline: one sub-package per stage, each importing only from the
stages before it (``model`` < ``source`` < ``languages`` < ``history`` < ``exports`` <
``render`` < ``commands``, with ``diagnostics`` and ``files`` beneath them all), no module
importing itself back through another, and every stage saying what it owns."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "privacy_notice"
STAGES = ("", "model", "source", "languages", "history", "exports", "render", "commands")
ENTRY_POINTS = {"privacy_notice", "privacy_notice.__main__"}  # they start the pipeline


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path
    for path in sorted(PACKAGE.rglob("*.py"))
    if "__pycache__" not in path.parts
}


def imports(name: str) -> set[str]:
    """The plugin's modules that ``name`` imports, wherever in it (functions included)."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{name}: a relative import (write privacy_notice.…)"
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in MODULES}


def stage(name: str) -> int:
    parts = name.split(".")
    return STAGES.index(parts[1]) if len(parts) > 2 or parts[-1] in STAGES else 0


@pytest.mark.parametrize("name", sorted(set(MODULES) - ENTRY_POINTS))
def test_imports_go_only_down_the_flow(name: str) -> None:
    upward = sorted(other for other in imports(name) if stage(other) > stage(name))
    assert upward == [], f"{name} ({STAGES[stage(name)] or 'base'}) imports a later stage"


def test_no_import_cycles() -> None:
    graph = {name: imports(name) for name in MODULES}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path[path.index(name) :], name))
        if name not in done:
            for other in sorted(graph[name]):
                visit(other, (*path, name))
            done.add(name)

    for name in sorted(graph):
        visit(name, ())


@pytest.mark.parametrize("stage_name", STAGES[1:])
def test_every_stage_says_in_one_paragraph_what_it_owns(stage_name: str) -> None:
    docstring = ast.get_docstring(ast.parse((PACKAGE / stage_name / "__init__.py").read_text()))
    assert docstring and "\n\n" not in docstring.strip()
    # Each module it names is one of its own.
    for module in (path.stem for path in (PACKAGE / stage_name).glob("*.py")):
        if module != "__init__":
            assert f"``{module}``" in docstring, f"{stage_name}/__init__.py omits {module}"
