"""The versions of every register of a project, for the build: each register's site
(the root register with the build's options as they are), every register's problems
reported together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from privacy_notice.history.versions import build_site
from privacy_notice.source.load import read_mapping
from privacy_notice.source.project import RegisterFolder, discover, each

if TYPE_CHECKING:  # validate must start fast: the release's modules load when it runs
    from privacy_notice.history.versions import Site
    from privacy_notice.source.options import Options


def build_registers(options: Options) -> list[tuple[RegisterFolder, Site]]:
    """What every register of the project of ``options.policy`` shows (the root register
    with ``options`` as they are); every register's problems raised together.

    With ``options.register``, only that register, as the root register of a site of its
    own (``build --register``: its URLs are those of a single-register site); the other
    registers are not read, their problems do not stop it."""

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

    locales = read_mapping(root.policy).get("locales")
    if not isinstance(locales, dict):
        return {}
    return {k: v for k, v in locales.items() if isinstance(k, str) and isinstance(v, str)}
