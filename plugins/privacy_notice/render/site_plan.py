"""The plan of the whole site: each register's plan in its URL space and, for a site of
several registers, the privacy centre's; as data, with no Pelican in it (the generator
hands it to Pelican's writer)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from privacy_notice.exports import feeds, formats
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import ThemeCatalog, theme_translations
from privacy_notice.render import centre, pages
from privacy_notice.render.bodies import Render
from privacy_notice.render.pages import Plan, page_url, register_url


def site_plan(
    registers: Sequence[centre.BuiltRegister],
    render: Render,
    *,
    site_url: str,
    site_name: str,
    default_lang: str | None,
) -> Plan:
    """Every page, API file and feed of the site of ``registers`` (the root register first);
    ``render`` renders a theme template, ``default_lang`` is Pelican's ``DEFAULT_LANG``."""
    several = len(registers) > 1 or bool(registers[0].base)
    theme: dict[str, ThemeCatalog] = {}

    def translations(site: Site, lang: str) -> ThemeCatalog:
        # Compiled once a build: every register reads the same theme (the entry page and
        # the privacy centre reuse it too).
        if lang not in theme:
            theme[lang] = theme_translations(site.catalogs, lang)
        return theme[lang]

    plans = {}
    for register in registers:
        site = register.site
        # TILT, JSON-LD (see formats.py): the JSON-LD of a version is also in its pages.
        exports = formats.site_exports(site, register_url(site_url, register.base), page_url)
        plans[register.slug] = pages.plan(
            site,
            render,
            {lang: translations(site, lang) for lang in site.languages},
            default_lang=default_lang if default_lang in site.languages else site.languages[0],
            exports=exports,
            site_url=site_url,
            site_name=site_name,
            base=register.base,
            centre=several,
        )
    plan = merged(plans.values())
    if not several:
        return plan
    root = registers[0].site
    controller = root.current.register.controller
    place = feeds.Place(site_url, root.versions[0].date, controller.website, controller.email)
    centre_plan = centre.centre_plan(
        registers,
        render,
        lambda r, lang: translations(r.site, lang),
        {slug: each.feeds for slug, each in plans.items()},
        place,
        site_url,
        site_name,
        default_lang,
    )
    return merged([plan, centre_plan])


def merged(plans: Iterable[Plan]) -> Plan:
    """The plans of several registers (each in its own URL space) as one."""
    found = list(plans)
    return Plan(
        tuple(page for plan in found for page in plan.pages),
        {name: data for plan in found for name, data in plan.files.items()},
        {name: feed for plan in found for name, feed in plan.feeds.items()},
    )
