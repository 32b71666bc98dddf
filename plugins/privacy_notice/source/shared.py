"""Blocks the registers of one project share, declared once in ``shared.yaml``.

A register's ``policy.yaml`` refers to a block in place of writing it out::

    controller:
      $shared: controller

and the loaded register is the resolved one (:func:`resolve_shared`): validation,
translation, release and the snapshots all see the block's content, so one edit of a
shared block makes every register that uses it differ from its last release. Each value
taken from ``shared.yaml`` keeps its own line and column there (:attr:`.load.Mark.file`),
so a problem in it is reported at ``shared.yaml``, once; a block that does not fit where it
is used (a block for another section) is reported at the reference. A reference that
cannot be resolved (a misspelt block, a broken ``shared.yaml``) is reported at itself and
stops nothing: the rest of the register is checked in the same run.

``shared.yaml`` (all keys optional)::

    root_register: customer-service   # the slug of the project's root policy.yaml
    source_language: en               # the language the blocks are written in
    blocks:
      controller: {...}               # any value a register could write in its place
    units: [{id: education, name: {fi: …, sv: …}}]   # who keeps a register (its unit)
    groups: [{id: pupils, name: {fi: …, sv: …}}]     # whom registers concern (concerns)

A block never refers to another block: one level keeps every value's origin plain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from privacy_notice.diagnostics import (
    Diagnostic,
    PolicyError,
    YamlPath,
    did_you_mean,
    display,
)
from privacy_notice.source.directory import DIRECTORY_KEYS, directory_problems
from privacy_notice.source.load import load_policy_text, read_source
from privacy_notice.source.loaded import Loaded, Mark

SHARED_FILE = "shared.yaml"
REFERENCE = "$shared"
REGISTERS_DIR = "registers"
# A register's slug is a URL path segment and a folder name: lower case, digits, hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BLOCK_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_KEYS = ("root_register", "source_language", "blocks", *DIRECTORY_KEYS)
UNKNOWN_KEY = "unknown key"  # how validation begins the message of a key a place has not


@dataclass(frozen=True)
class Shared:
    """``shared.yaml`` loaded and checked."""

    loaded: Loaded

    @property
    def blocks(self) -> Mapping[str, Any]:
        return self.loaded.data.get("blocks") or {}

    @property
    def root_register(self) -> str | None:
        return _text(self.loaded.data.get("root_register"))

    @property
    def source_language(self) -> str | None:
        return _text(self.loaded.data.get("source_language"))

    def positions(self, block: str) -> BlockPositions:
        """Where each value, key and scalar of ``block`` was written in ``shared.yaml``
        (paths within the block; the block's own key left out), each register using it
        placing them under its reference."""
        return self._positions.get(block, BlockPositions())

    @cached_property
    def _positions(self) -> dict[str, BlockPositions]:
        found: dict[str, BlockPositions] = {}
        origin, file = self.loaded, self.loaded.file
        for kind, table in (("values", origin.values), ("keys", origin.keys)):
            for where, mark in table.items():
                if len(where) < 2 or where[0] != "blocks" or (kind == "keys" and len(where) == 2):
                    continue
                entry = found.setdefault(str(where[1]), BlockPositions())
                getattr(entry, kind).append((where[2:], Mark(mark.line, mark.column, file)))
        for where, text in origin.scalars.items():
            if len(where) >= 2 and where[0] == "blocks":
                found.setdefault(str(where[1]), BlockPositions()).scalars.append((where[2:], text))
        return found


@dataclass(frozen=True)
class BlockPositions:
    """Where a shared block's values, keys and scalars are (see :meth:`Shared.positions`)."""

    values: list[tuple[YamlPath, Mark]] = field(default_factory=list)
    keys: list[tuple[YamlPath, Mark]] = field(default_factory=list)
    scalars: list[tuple[YamlPath, str]] = field(default_factory=list)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None  # shared_problems refused the rest


def project_of(policy: Path) -> Path:
    """The project folder of a register's policy file: the folder above ``registers/``
    for a further register (where that holds the shared blocks), else its own folder."""
    folder = policy.parent
    above = folder.parent.parent
    further = folder.parent.name == REGISTERS_DIR and (above / SHARED_FILE).exists()
    return above if further else folder


def refers_to_shared(data: Any) -> bool:
    return bool(references(data, ()))


def read_shared(project: Path) -> Shared | None:
    """The project's ``shared.yaml``, checked; None where it has none."""
    path = project / SHARED_FILE
    if not path.exists():
        return None
    name = display(path)
    loaded = load_policy_text(read_source(path, name), name)
    problems = shared_problems(loaded)
    if problems:
        raise PolicyError(problems)
    return Shared(loaded)


def read_shared_or_problems(project: Path) -> tuple[Shared | None, tuple[Diagnostic, ...]]:
    """The project's ``shared.yaml``, or its problems: they never stop the check of the
    registers (see :func:`resolve_shared`'s ``broken``)."""
    try:
        return read_shared(project), ()
    except PolicyError as exc:
        return None, tuple(exc.diagnostics)


def shared_problems(loaded: Loaded) -> list[Diagnostic]:
    data = loaded.data
    if not isinstance(data, dict):
        return [loaded.diagnostic((), f"expected a mapping with the keys {', '.join(_KEYS)}")]
    found = [
        loaded.diagnostic((key,), f"unknown key{did_you_mean(key, list(_KEYS))}", at_key=True)
        for key in data
        if key not in _KEYS
    ]
    slug = data.get("root_register")
    if slug is not None and not (isinstance(slug, str) and SLUG.match(slug)):
        found.append(loaded.diagnostic(("root_register",), slug_advice(slug)))
    language = data.get("source_language")
    if language is not None and not isinstance(language, str):
        found.append(loaded.diagnostic(("source_language",), "write a language code, e.g. en"))
    found += directory_problems(loaded)
    blocks = data.get("blocks")
    if blocks is None:
        return found
    if not isinstance(blocks, dict):
        message = "expected a mapping of block names to blocks (controller: ...)"
        return [*found, loaded.diagnostic(("blocks",), message)]
    if blocks and language is None:
        message = "add 'source_language: <code>': the language the blocks are written in"
        found.append(loaded.diagnostic(("blocks",), message, at_key=True))
    for name, block in blocks.items():
        if not _BLOCK_NAME.match(name):
            message = "a block name is lower-case letters, digits, '-' or '_', e.g. controller"
            found.append(loaded.diagnostic(("blocks", name), message, at_key=True))
        for path in references(block, ("blocks", name)):
            message = "a shared block cannot refer to another block: write the value out"
            found.append(loaded.diagnostic(path, message, at_key=True))
    return found


def slug_advice(slug: object) -> str:
    return (
        f"{slug!r} is not a register slug: use lower-case letters, digits and single "
        "hyphens (it becomes a URL path segment), e.g. camera-surveillance"
    )


def references(value: Any, path: YamlPath) -> list[YamlPath]:
    """The paths of every ``$shared`` key in ``value``."""
    if isinstance(value, dict):
        if REFERENCE in value:
            return [(*path, REFERENCE)]
        return [p for key, item in value.items() for p in references(item, (*path, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in references(item, (*path, index))]
    return []
