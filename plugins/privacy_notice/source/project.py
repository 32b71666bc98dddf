"""The registers of a project, each with the layout of a single-register project.

The root register is the project folder's own ``policy.yaml``, ``translations/`` and
``content/versions/`` (a project with only these is a single-register project, as
before); every further register is a folder ``registers/<slug>/`` holding the same three.
A register's slug is its folder's name; the root register's is ``root_register`` in
``shared.yaml`` (default ``main``). Slugs become URL path segments, so they are checked
here, once, and two registers never share one. A hidden folder (``registers/.name``) is
no register: a slug never starts with a dot.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from privacy_notice.diagnostics import Diagnostic, PolicyError, did_you_mean, display
from privacy_notice.source.shared import (
    REGISTERS_DIR,
    SHARED_FILE,
    SLUG,
    Shared,
    read_shared_or_problems,
    slug_advice,
)

if TYPE_CHECKING:
    from privacy_notice.source.options import Options

DEFAULT_ROOT_SLUG = "main"
SHARED_TRANSLATIONS = Path("shared") / "translations"


@dataclass(frozen=True)
class RegisterFolder:
    """Where one register's inputs are: its policy, catalogs and released versions."""

    slug: str
    folder: Path
    root: bool  # the project's root register: it keeps the single-register URLs

    @property
    def policy(self) -> Path:
        return self.folder / "policy.yaml"

    @property
    def translations(self) -> Path:
        return self.folder / "translations"

    @property
    def versions(self) -> Path:
        return self.folder / "content" / "versions"


@dataclass(frozen=True)
class Project:
    """A notice folder's registers and its shared blocks."""

    folder: Path
    registers: tuple[RegisterFolder, ...]  # the root register first, then by slug
    shared: Path | None  # shared.yaml, where the project has one
    # shared.yaml's and the slugs' problems (see discover): reported with the registers'
    problems: tuple[Diagnostic, ...] = ()

    @property
    def several(self) -> bool:
        return len(self.registers) > 1 or not self.registers[0].root

    @property
    def shared_translations(self) -> Path | None:
        return self.folder / SHARED_TRANSLATIONS if self.shared else None

    def select(self, slug: str | None) -> tuple[RegisterFolder, ...]:
        """The register named ``slug``, or every register where None."""
        if slug is None:
            return self.registers
        chosen = tuple(r for r in self.registers if r.slug == slug)
        if not chosen:
            slugs = [r.slug for r in self.registers]
            hint = did_you_mean(slug, slugs) or f"; the registers: {', '.join(slugs)}"
            missing = Diagnostic("--register", message=f"no register '{slug}'{hint}")
            raise PolicyError([*self.problems, missing])
        return chosen

    def options(self, register: RegisterFolder, base: Options) -> Options:
        """``base`` (theme, preview, as-of date...) for one register's inputs."""
        return replace(
            base,
            policy=register.policy,
            translations=register.translations,
            versions=register.versions,
            shared_translations=self.shared_translations,
        )


def discover(folder: Path, *, keep_going: bool = False) -> Project:
    """The project in ``folder``: its registers, every problem with their slugs (and with
    ``shared.yaml``) at once. ``keep_going``: the problems are kept in the project, to be
    reported with its registers' own (see :func:`.per_register.each`), not raised."""
    shared_path = folder / SHARED_FILE
    shared, broken = read_shared_or_problems(folder)  # each register is still found
    problems = list(broken)
    root_slug = (shared.root_register if shared else None) or DEFAULT_ROOT_SLUG
    further = folder / REGISTERS_DIR
    # A hidden entry (".name") is not a register: version control's, an editor's or a
    # leftover of another tool; a slug never starts with a dot.
    folders = (
        sorted(p for p in further.iterdir() if p.is_dir() and not p.name.startswith("."))
        if further.is_dir()
        else []
    )
    has_root = (folder / "policy.yaml").exists() or not folders
    registers = [RegisterFolder(root_slug, folder, True)] if has_root else []
    for path in folders:
        shown = display(path) + "/"
        if not SLUG.match(path.name):
            problems.append(Diagnostic(shown, message=slug_advice(path.name)))
        elif not (path / "policy.yaml").is_file():
            message = "no policy.yaml: add the register's policy.yaml, or remove the folder"
            problems.append(Diagnostic(shown, message=message))
        elif has_root and path.name == root_slug:
            problems.append(_same_slug(shown, root_slug, shared_path, shared))
        else:
            registers.append(RegisterFolder(path.name, path, False))
    if problems and not keep_going:
        raise PolicyError(problems)
    return Project(folder, tuple(registers), shared_path if shared else None, tuple(problems))


def _same_slug(shown: str, slug: str, shared_path: Path, shared: Shared | None) -> Diagnostic:
    if shared is not None and shared.root_register:
        mark = shared.loaded.mark(("root_register",))
        where = f"{display(shared_path)}:{mark.line}:{mark.column}"
        fix = f"change root_register there ({where})"
    else:
        fix = f"set another 'root_register:' in {SHARED_FILE}"
    return Diagnostic(
        shown,
        message=f"the root register's slug is '{slug}' too: two registers cannot have one "
        f"slug (it names their URLs): rename this folder, or {fix}",
    )


def new_register_folder(folder: Path, slug: str) -> Path:
    """Where ``init --register SLUG`` writes a further register of the project in
    ``folder``: its slug checked against the URL rules and the registers there."""
    if not SLUG.match(slug):
        raise PolicyError([Diagnostic("--register", message=slug_advice(slug))])
    taken = [r.slug for r in discover(folder).registers] if folder.is_dir() else []
    if slug in taken:
        message = f"the project already has a register '{slug}': choose another slug"
        raise PolicyError([Diagnostic("--register", message=message)])
    return folder / REGISTERS_DIR / slug


def policy_files(files: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The policy files ``validate FILE…`` checks: a ``shared.yaml`` (as pre-commit passes
    it when a shared block was edited) stands for every register of its project; with
    the problems of those projects' ``shared.yaml`` and slugs."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for path in files:
        policies = [path]
        if path.name == SHARED_FILE:
            project = discover(path.parent, keep_going=True)
            policies = [r.policy for r in project.registers]
            problems += project.problems
        found += [p for p in policies if p not in found]
    return found, problems


T = TypeVar("T")
R = TypeVar("R")


def each(
    registers: Iterable[R],
    action: Callable[[R], T],
    known: Iterable[Diagnostic] = (),
) -> list[T]:
    """``action`` of every register; every register's problems raised together, with the
    ``known`` ones (the project's: see :attr:`Project.problems`)."""
    results, problems = [], set(known)
    for register in registers:
        try:
            results.append(action(register))
        except PolicyError as exc:
            problems.update(exc.diagnostics)
    if problems:
        raise PolicyError(sorted(problems))
    return results


# Below this many registers, starting processes costs more than it saves.
_PROCESSES_FROM = 16


def usable_cores() -> int:
    """How many cores this process may use (its affinity, where the system has one)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def each_in_processes(
    registers: Sequence[R],
    action: Callable[[R], T],
    known: Iterable[Diagnostic] = (),
) -> list[T]:
    """:func:`each`, on every core: the registers split among worker processes (forked,
    so that ``action`` needs no pickling), the results in the registers' order, every
    problem raised together. In this process where there are few registers or processes
    cannot be forked."""
    cores = usable_cores()
    if len(registers) < _PROCESSES_FROM or cores < 2:
        return each(registers, action, known)
    # Imported here: only a project of many registers starts processes, and every other
    # validate (each save, each pre-commit hook) would pay for importing them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return each(registers, action, known)
    global _ACTION
    _ACTION = action
    batches = [list(range(i, len(registers), cores)) for i in range(cores)]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(cores, mp_context=context) as pool:
            done = list(pool.map(_batch, [[registers[i] for i in b] for b in batches]))
    finally:
        _ACTION = None
    results: list[Any] = [None] * len(registers)
    problems = set(known)
    for batch, outcomes in zip(batches, done, strict=True):
        for index, (result, found) in zip(batch, outcomes, strict=True):
            results[index] = result
            problems.update(found)
    if problems:
        raise PolicyError(sorted(problems))
    return results


# The action of the call under way, set before the workers are forked.
_ACTION: Callable[[Any], Any] | None = None


def _batch(registers: list[Any]) -> list[tuple[Any, tuple[Diagnostic, ...]]]:
    assert _ACTION is not None
    found: list[tuple[Any, tuple[Diagnostic, ...]]] = []
    for register in registers:
        try:
            found.append((_ACTION(register), ()))
        except PolicyError as exc:
            found.append((None, tuple(exc.diagnostics)))
    return found
