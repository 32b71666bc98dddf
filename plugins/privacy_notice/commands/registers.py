"""``validate``, ``release`` and ``translations`` over several registers of a project.

Every register is checked before anything is written, and one register's problems never
hide another's: they are all reported together (a problem in a shared block, seen from
each register using it, once). A release writes only the registers whose ``policy.yaml``
is a new version: the others' files stay as they were, byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from privacy_notice.diagnostics import Diagnostic, PolicyError, display, format_path
from privacy_notice.source.project import Project, RegisterFolder, each

if TYPE_CHECKING:  # validate must start fast: the release's modules load when it runs
    from privacy_notice.history.versions import Placed
    from privacy_notice.source.loaded import Loaded
    from privacy_notice.source.options import Options


def validate_registers(
    project: Project, registers: Sequence[RegisterFolder], *, strict: bool
) -> list[tuple[RegisterFolder, list[Diagnostic]]]:
    """Every register validated: each with its warnings."""
    from privacy_notice.source.validate import check_policy

    check = lambda r: (r, check_policy(r.policy, strict=strict)[1])  # noqa: E731
    return each(registers, check, project.problems)


@dataclass(frozen=True)
class Released:
    """A register after ``release``: its place among the versions and the file written."""

    register: RegisterFolder
    placed: Placed
    written: Path | None  # None: its version was already released


def release_registers(
    project: Project, registers: Sequence[RegisterFolder], base: Options, today: dt.date
) -> list[Released]:
    """Release every register whose ``policy.yaml`` is a new version, once all passed."""
    from privacy_notice.history.store import Placement, release
    from privacy_notice.history.versions import check_release

    checked = each(
        registers, lambda r: (r, check_release(project.options(r, base), today)), project.problems
    )
    return [
        Released(
            register,
            placed,
            None
            if placed.placement is Placement.RELEASED
            else release(placed.document, placed.history),
        )
        for register, placed in checked
    ]


def update_catalogs(
    project: Project,
    registers: Sequence[RegisterFolder],
    theme_sources: Sequence[tuple[Path, str]],
    theme_translations: Path,
) -> list[Path]:
    """Each register's own texts into its catalogs; the shared blocks' texts (of every
    register using them) into ``shared/translations/``. The theme's catalogs are updated
    with the root register's (only in the tool's own repository: ``theme_sources``)."""
    from privacy_notice.languages.update import texts_template, update_all, update_policy
    from privacy_notice.source.load import load_policy
    from privacy_notice.source.rules import check_languages
    from privacy_notice.source.schema import iter_texts
    from privacy_notice.source.shared import read_shared_or_problems, resolve_shared

    shared, broken = read_shared_or_problems(project.folder)

    def checked(register: RegisterFolder) -> tuple[RegisterFolder, Loaded]:
        resolved = resolve_shared(
            load_policy(register.policy, display=display(register.policy)),
            shared,
            broken=bool(broken),
        )
        problems = [*resolved.problems, *check_languages(resolved.loaded)]
        if problems:
            raise PolicyError(problems)
        return register, resolved.loaded

    def own(
        register: RegisterFolder, loaded: Loaded
    ) -> tuple[list[Path], list[tuple[str, list[str]]], set[str]]:
        data = loaded.data
        texts = [
            (text, [format_path(path)] + (["Markdown"] if kind == "markdown" else []))
            for path, text, kind in iter_texts(data)
            if loaded.mark(path).file  # a shared block's text
        ]
        written = update_all(
            register.policy,
            register.translations,
            data["languages"],
            data["source_language"],
            theme_sources if register.root else (),
            theme_translations,
            overrides={text for text, _comments in texts},
        )
        return written, texts, set(data["languages"]) if texts else set()

    # Every register checked before any catalog is written.
    results = [own(*found) for found in each(registers, checked, project.problems)]
    written = [path for paths, _texts, _langs in results for path in paths]
    texts = [text for _paths, found, _langs in results for text in found]
    target = project.shared_translations
    if texts and shared is not None and shared.source_language and target is not None:
        languages = sorted(set().union(*(langs for _paths, _texts, langs in results)))
        template = texts_template(texts)
        written += update_policy(template, target, languages, shared.source_language)
    return written
