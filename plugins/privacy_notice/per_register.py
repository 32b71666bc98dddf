"""``validate``, ``release`` and ``translations`` over several registers of a project.

Every register is checked before anything is written, and one register's problems never
hide another's: they are all reported together (a problem in a shared block, seen from
each register using it, once). A release writes only the registers whose ``policy.yaml``
is a new version: the others' files stay as they were, byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .diagnostics import Diagnostic, PolicyError, display, format_path
from .records import frozen
from .registers import Project, RegisterFolder

if TYPE_CHECKING:  # validate must start fast: the release's modules load when it runs
    from .load import Loaded
    from .site import Options, Placed, Site

T = TypeVar("T")


def each(
    registers: Iterable[RegisterFolder],
    action: Callable[[RegisterFolder], T],
    known: Iterable[Diagnostic] = (),
) -> list[T]:
    """``action`` of every register; every register's problems raised together, with the
    ``known`` ones (the project's: see :attr:`.registers.Project.problems`)."""
    results, problems = [], set(known)
    for register in registers:
        try:
            results.append(action(register))
        except PolicyError as exc:
            problems.update(exc.diagnostics)
    if problems:
        raise PolicyError(sorted(problems))
    return results


def validate_registers(
    project: Project, registers: Sequence[RegisterFolder], *, strict: bool
) -> list[tuple[RegisterFolder, list[Diagnostic]]]:
    """Every register validated: each with its warnings."""
    from .validate import check_policy

    def check(register: RegisterFolder) -> tuple[RegisterFolder, list[Diagnostic]]:
        return register, check_policy(register.policy, strict=strict, folder=register.folder)[1]

    return each(registers, check, project.problems)


@frozen
class Released:
    """A register after ``release``: its place among the versions and the file written."""

    register: RegisterFolder
    placed: Placed
    written: Path | None  # None: its version was already released


def release_registers(
    project: Project, registers: Sequence[RegisterFolder], base: Options, today: dt.date
) -> list[Released]:
    """Release every register whose ``policy.yaml`` is a new version, once all passed."""
    from .site import check_release
    from .versions import Placement, release

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
    from .catalogs import texts_template, update_all, update_policy
    from .load import load_policy
    from .rules import check_languages
    from .schema import iter_texts
    from .shared import read_shared_or_problems, resolve_shared

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


def build_registers(options: Options) -> list[tuple[RegisterFolder, Site]]:
    """What every register of the project of ``options.policy`` shows (the root register
    with ``options`` as they are); every register's problems raised together.

    With ``options.register``, only that register, as the root register of a site of its
    own (``build --register``: its URLs are those of a single-register site); the other
    registers are not read, their problems do not stop it."""
    from .registers import discover
    from .site import build_site
    from .sitememo import preview_site

    project = discover(options.policy.parent, keep_going=True)
    if options.register is not None:
        alone = project.select(options.register)[0]
        site = build_site(replace(project.options(alone, options), register=None))
        first = next((r for r in project.registers if r.root), None)
        if first is not None and first is not alone:  # dates written as the whole site's
            site = _with_locales(site, _root_locales(first))
        return [(replace(alone, root=True), site)]

    def built(register: RegisterFolder) -> tuple[RegisterFolder, Site]:
        chosen = (
            replace(options, shared_translations=project.shared_translations)
            if register.root
            else project.options(register, options)
        )
        if options.preview:  # the live preview's worker keeps unchanged registers' sites
            shared = (project.folder / "shared.yaml", project.folder / "shared")
            return register, preview_site(chosen, shared, register.slug)
        return register, build_site(chosen)

    sites = each(project.registers, built, project.problems)
    root = next((site for register, site in sites if register.root), None)
    return [(register, _with_locales(site, root)) for register, site in sites]


def _with_locales(site: Site, root: Site | Mapping[str, str] | None) -> Site:
    """A further register writes dates and lists as the root register does, in each
    language whose locale it does not choose itself (``locales``): one site, one style."""
    if root is None or site is root:
        return site
    locales = root if isinstance(root, Mapping) else root.locales
    inherited = {lang: locales[lang] for lang in site.languages if lang in locales}
    return replace(site, locales={**inherited, **site.locales})


def _root_locales(root: RegisterFolder) -> Mapping[str, str]:
    """The root register's ``locales`` as written (a problem elsewhere in it stops nothing)."""
    from .load import read_mapping

    locales = read_mapping(root.policy).get("locales")
    if not isinstance(locales, dict):
        return {}
    return {k: v for k, v in locales.items() if isinstance(k, str) and isinstance(v, str)}
