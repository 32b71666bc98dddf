"""The versions of every register of a project, for the build: each register's site
(the root register with the build's options as they are), every register's problems
reported together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from privacy_notice.diagnostics import Diagnostic
from privacy_notice.history.versions import Site, build_site
from privacy_notice.languages.catalogs import CatalogFile
from privacy_notice.model.directory import EMPTY, Directory
from privacy_notice.source.directory import directory_of
from privacy_notice.source.load import read_mapping
from privacy_notice.source.options import Options
from privacy_notice.source.project import Project, RegisterFolder, discover
from privacy_notice.source.shared import read_shared_or_problems
from privacy_notice.source.validate import SharedRead


@dataclass(frozen=True)
class RegisterJob:
    """What builds one register's site, in this process or another: its folder (``root``:
    it has the single-register URLs), its options, the root register's ``locales`` (for
    the languages it does not choose itself) and the project's directory."""

    folder: RegisterFolder
    options: Options
    locales: Mapping[str, str]
    directory: Directory

    def site(
        self, known: Mapping[Path, CatalogFile] | None = None, shared: SharedRead | None = None
    ) -> Site:
        """Its site; ``known``: the catalogs the build read already (the theme's, the
        shared blocks'), ``shared``: the project's ``shared.yaml`` as the build read it."""
        built = build_site(self.options, self.directory, known, shared)
        return _with_locales(built, self.locales)


def register_jobs(options: Options) -> tuple[list[RegisterJob], tuple[Diagnostic, ...]]:
    """The job of every register of the project of ``options.policy`` (the root register
    with ``options`` as they are), and the project's own problems (see
    :attr:`.project.Project.problems`), to be reported with the registers'.

    With ``options.register``, only that register, as the root register of a site of its
    own (``build --register``: its URLs are those of a single-register site); the other
    registers are not read, their problems do not stop it."""

    project = discover(options.policy.parent, keep_going=True)
    directory = project_directory(project)
    first = next((r for r in project.registers if r.root), None)
    if options.register is not None:
        alone = project.select(options.register)[0]
        # Dates written as the whole site's (the root register's locales).
        locales = _root_locales(first) if first is not None and first is not alone else {}
        chosen = replace(project.options(alone, options), register=None)
        return [RegisterJob(replace(alone, root=True), chosen, locales, directory)], ()
    locales = _root_locales(first) if first is not None else {}
    jobs = [
        RegisterJob(
            register,
            replace(options, shared_translations=project.shared_translations)
            if register.root
            else project.options(register, options),
            {} if register.root else locales,
            directory,
        )
        for register in project.registers
    ]
    return jobs, project.problems


def _with_locales(site: Site, locales: Mapping[str, str]) -> Site:
    """A further register writes dates and lists as the root register does, in each
    language whose locale it does not choose itself (``locales``): one site, one style."""
    if not locales:
        return site
    inherited = {lang: locales[lang] for lang in site.languages if lang in locales}
    return replace(site, locales={**inherited, **site.locales})


def _root_locales(root: RegisterFolder) -> Mapping[str, str]:
    """The root register's ``locales`` as written (a problem elsewhere in it stops nothing)."""

    locales = read_mapping(root.policy).get("locales")
    if not isinstance(locales, dict):
        return {}
    return {k: v for k, v in locales.items() if isinstance(k, str) and isinstance(v, str)}


def project_directory(project: Project) -> Directory:
    """The units and groups of the project's ``shared.yaml`` (its problems are the
    project's, reported with the registers')."""
    if project.shared is None:
        return EMPTY
    shared, _problems = read_shared_or_problems(project.folder)
    return directory_of(shared.loaded if shared else None)
