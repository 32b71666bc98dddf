"""The plan of the whole site: each register's plan in its URL space and, for a site of
several registers, the privacy centre's; as data, with no Pelican in it (the generator
hands it to Pelican's writer). One register's plan (:class:`RegisterPlanner`) is also what a
worker process makes of its register (see :mod:`.parallel`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from privacy_notice.exports import feeds, formats
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import ThemeCatalog, theme_translations
from privacy_notice.model.directory import EMPTY, Directory
from privacy_notice.model.register import Register
from privacy_notice.render import centre, listing, register_pages
from privacy_notice.render.bodies import Render
from privacy_notice.render.pages import Plan, Space, merged, page_url, register_url
from privacy_notice.render.register_pages import Part


@dataclass(frozen=True)
class SiteFacts:
    """What every register's plan shares: the site's URL and name, Pelican's
    ``DEFAULT_LANG``, whether it has several registers (every page links the centre),
    and whether full-text search is on."""

    site_url: str
    site_name: str
    default_lang: str | None
    several: bool
    search: bool = False


@dataclass(frozen=True)
class RegisterPlanner:
    """One register's plan in its URL space ``base``: whole (:meth:`plan`), or in the parts
    a build on several cores makes apart (see :mod:`.parallel`)."""

    site: Site
    base: str
    render: Render
    translations: Callable[[Site, str], ThemeCatalog]
    facts: SiteFacts

    def plan(self) -> Plan:
        """The register's pages, API files and feeds."""
        site = self.site
        return register_pages.plan(
            site,
            self.render,
            {lang: self.translations(site, lang) for lang in site.languages},
            default_lang=self._default_lang(),
            exports=self._exports(),
            site_url=self.facts.site_url,
            site_name=self.facts.site_name,
            base=self.base,
            centre=self.facts.several,
        )

    def language_plan(self, part: Part) -> Plan:
        """A part of one language's pages (see :class:`.register_pages.Part`)."""
        translation = self.translations(self.site, part.lang)
        facts = self.facts
        return register_pages.language_plan(
            self.site,
            self.render,
            translation,
            self._space(),
            part,
            facts.site_url,
            facts.site_name,
        )

    def own_plan(self) -> Plan:
        """What belongs to no language: the root page and the API files."""
        default = self._default_lang()
        translation = self.translations(self.site, default)
        return register_pages.own_plan(
            self.site,
            self.render,
            default,
            translation,
            self._space(),
            self._exports(),
            self.facts.site_url,
        )

    def _space(self) -> Space:
        return Space(self.base, self.facts.several)

    def _default_lang(self) -> str:
        """Pelican's ``DEFAULT_LANG`` where the register has it, else its first language."""
        default = self.facts.default_lang
        return default if default in self.site.languages else self.site.languages[0]

    def _exports(self) -> formats.Exports:
        # TILT, JSON-LD (see formats.py).
        url = register_url(self.facts.site_url, self.base)
        return formats.site_exports(self.site, url, page_url)


def theme_of(site: Site, lang: str) -> ThemeCatalog:
    return theme_translations(site.catalogs, lang)


def site_plan(
    registers: Sequence[centre.BuiltRegister],
    render: Render,
    *,
    site_url: str,
    site_name: str,
    default_lang: str | None,
    directory: Directory = EMPTY,
    search: bool = False,
) -> Plan:
    """Every page, API file and feed of the site of ``registers`` (the root register first);
    ``render`` renders a theme template, ``default_lang`` is Pelican's ``DEFAULT_LANG``."""
    several = len(registers) > 1 or bool(registers[0].base)
    facts = SiteFacts(site_url, site_name, default_lang, several, search)
    theme: dict[str, ThemeCatalog] = {}

    def translations(site: Site, lang: str) -> ThemeCatalog:
        # Compiled once a build: every register reads the same theme.
        if lang not in theme:
            theme[lang] = theme_of(site, lang)
        return theme[lang]

    plans = {
        r.slug: RegisterPlanner(r.site, r.base, render, translations, facts).plan()
        for r in registers
    }
    plan = merged(plans.values())
    if not several:
        return plan
    listed = [listing.listed(r.slug, r.base, r.site, plans[r.slug].feeds) for r in registers]
    hosts = {
        lang: next(r.site for r in registers if lang in r.site.languages)
        for lang in listing.languages(listed)
    }
    catalogs = {lang: translations(site, lang) for lang, site in hosts.items()}
    return merged([plan, centre_site_plan(listed, render, catalogs, directory, facts)])


def centre_site_plan(
    listed: Sequence[listing.Listed],
    render: Render,
    catalogs: Mapping[str, ThemeCatalog],
    directory: Directory,
    facts: SiteFacts,
) -> Plan:
    """The privacy centre's plan (see :mod:`.centre`)."""
    first = listed[0]
    return centre.centre_plan(
        listing.Centre(listed, render, catalogs, directory, facts.search),
        feeds_place(first.register, facts.site_url, first.versions[0].date),
        facts.site_url,
        facts.site_name,
        facts.default_lang,
    )


def feeds_place(root: Register, site_url: str, first_date: str) -> feeds.Place:
    """Where the site-wide feeds' ids are made: the first register's controller and first
    version (see :class:`.feeds.Place`)."""
    controller = root.controller
    return feeds.Place(site_url, first_date, controller.website, controller.email)
