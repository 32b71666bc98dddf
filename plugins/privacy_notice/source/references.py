"""A register's ``$shared`` references put in place: each replaced by its block of
``shared.yaml`` (see :mod:`.shared`), every value keeping the file and position it was
written at, so that a problem in a block is reported at ``shared.yaml``, once, and a block
that does not fit where it is used at the reference.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from privacy_notice.diagnostics import Diagnostic, YamlPath, did_you_mean, format_path
from privacy_notice.source.loaded import Loaded
from privacy_notice.source.shared import (
    REFERENCE,
    SHARED_FILE,
    UNKNOWN_KEY,
    Shared,
    references,
)


@dataclass(frozen=True)
class SharedUse:
    """A resolved reference: where it stands, the block's name, and its place as a
    diagnostic without a message."""

    path: YamlPath
    block: str
    at: Diagnostic


@dataclass(frozen=True)
class Resolved:
    """A register with its references replaced by their blocks, where they could be."""

    loaded: Loaded
    problems: tuple[Diagnostic, ...]  # each unresolved reference's, located at it
    unresolved: tuple[YamlPath, ...]  # where a reference was left as written
    uses: tuple[SharedUse, ...] = ()

    def at_reference(self, diagnostic: Diagnostic) -> Diagnostic:
        """A block that does not fit where it is used (of another type, or with keys that
        place has not: a block for another section), told at the reference: the register's
        line is the one to change. A problem deeper in a block stays at its line in
        ``shared.yaml`` alone, reported once however many registers use the block."""
        if diagnostic.severity != "error" or diagnostic.file == self.loaded.file:
            return diagnostic
        for use in self.uses:
            shown = format_path(use.path)
            key = diagnostic.path.removeprefix(f"{shown}.")
            if diagnostic.path == shown or (
                key != diagnostic.path
                and not re.search(r"[.\[]", key)
                and diagnostic.message.startswith(UNKNOWN_KEY)
            ):
                message = (
                    f"the shared block '{use.block}' does not fit here (refer to a block "
                    f"written for {use.at.path}, write it out here, or fix the block): "
                    f"{diagnostic}"
                )
                return dataclasses.replace(use.at, message=message)
        return diagnostic

    def hides(self, diagnostic: Diagnostic) -> bool:
        """Whether ``diagnostic`` is about what an unresolved reference stands for: the
        reference's own problem says what is wrong there, the rest of the file is checked."""
        if diagnostic.file != self.loaded.file:
            return False
        for path in self.unresolved:
            shown = format_path(path)
            if (
                not shown
                or diagnostic.path == shown
                or diagnostic.path.startswith((f"{shown}.", f"{shown}["))
            ):
                return True
        return False


def resolve_shared(loaded: Loaded, shared: Shared | None, *, broken: bool = False) -> Resolved:
    """``loaded`` with every reference it can resolve replaced by its block; the others
    left as written, with their problems. ``broken``: ``shared.yaml`` exists but has
    problems of its own (reported apart), so a reference is not told it is missing."""
    places = [path[:-1] for path in references(loaded.data, ())]
    if not places:
        return Resolved(loaded, (), ())
    data = copy.deepcopy(loaded.data)
    replaced: set[YamlPath] = set()  # where a block is put: what the register wrote goes
    problems, unresolved, uses = [], [], []
    blocks = {path: _block(loaded, shared, path) for path in places}
    for path in places:
        if shared is not None and blocks[path][1] is None:
            replaced.add(path)
    values = {p: v for p, v in loaded.values.items() if not _under(p, replaced)}
    keys = {p: v for p, v in loaded.keys.items() if not _under(p, replaced)}
    scalars = {p: v for p, v in loaded.scalars.items() if not _under(p, replaced)}
    for path in places:
        block, problem = blocks[path]
        if problem is not None or shared is None:
            unresolved.append(path)
            if problem is not None and not (broken and shared is None):
                problems.append(problem)
            continue
        _replace(data, path, copy.deepcopy(block))
        at = loaded.diagnostic(path, "")
        name = _at(loaded.data, path)[REFERENCE]
        uses.append(SharedUse(path, name, at))
        block_at = shared.positions(name)
        values.update({(*path, *where): mark for where, mark in block_at.values})
        keys.update({(*path, *where): mark for where, mark in block_at.keys})
        scalars.update({(*path, *where): text for where, text in block_at.scalars})
    problems += _language_problems(loaded, shared)
    resolved = Loaded(loaded.file, data, values, keys, scalars)
    return Resolved(resolved, tuple(problems), tuple(unresolved), tuple(uses))


def _under(path: YamlPath, places: set[YamlPath]) -> bool:
    """Whether ``path`` lies inside one of ``places`` (not at one: a reference's own key
    and value keep their positions)."""
    return bool(places) and any(path[:end] in places for end in range(len(path)))


def _block(loaded: Loaded, shared: Shared | None, path: YamlPath) -> tuple[Any, Diagnostic | None]:
    reference = _at(loaded.data, path)
    name = reference[REFERENCE]
    at = (*path, REFERENCE)
    if not path:
        return None, loaded.diagnostic(at, "a whole register cannot be shared: share its sections")
    if len(reference) > 1:
        message = (
            f"a {REFERENCE} reference stands alone: remove the other keys, or write the block out"
        )
        return None, loaded.diagnostic(at, message, at_key=True)
    if not isinstance(name, str):
        return None, loaded.diagnostic(at, f"write the name of a block of {SHARED_FILE}")
    if shared is None:
        message = (
            f"there is no {SHARED_FILE} in the project folder: add one with "
            f"'blocks: {{{name}: ...}}', or write the block out here"
        )
        return None, loaded.diagnostic(at, message)
    if name not in shared.blocks:
        hint = did_you_mean(name, sorted(shared.blocks)) or (
            f"; its blocks: {', '.join(sorted(shared.blocks)) or 'none'}"
        )
        return None, loaded.diagnostic(at, f"no block '{name}' in {shared.loaded.file}{hint}")
    return shared.blocks[name], None


def _at(data: Any, path: YamlPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _replace(data: Any, path: YamlPath, value: Any) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value


def _language_problems(loaded: Loaded, shared: Shared | None) -> list[Diagnostic]:
    """A register using shared texts must be written in their language: a translation
    maps the source language's texts, and one register has one source language."""
    if shared is None or shared.source_language is None:
        return []
    own = loaded.data.get("source_language") if isinstance(loaded.data, dict) else None
    if own is None or own == shared.source_language:
        return []
    mark = shared.loaded.mark(("source_language",))
    message = (
        f"this register uses shared blocks, written in '{shared.source_language}' "
        f"({shared.loaded.file}:{mark.line}): write it in that language too"
    )
    return [loaded.diagnostic(("source_language",), message)]
