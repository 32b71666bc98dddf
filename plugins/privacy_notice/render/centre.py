"""The privacy centre of a site with several registers: what lists them all, as data.

Each register's own pages, API files and feeds are its plan (see :mod:`.pages`) in its URL
space; on top of them the centre adds, per language of any register, an index page
(``{lang}/registers/index.html``) and a site-wide Atom feed (``feeds/all.{lang}.atom.xml``)
with every register's versions, and ``api/registers.json`` listing every register.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from privacy_notice.exports import feeds
from privacy_notice.history.canonical import canonical_json
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import ThemeCatalog
from privacy_notice.render.bodies import Language, Render
from privacy_notice.render.pages import Page, Plan, Space, centre_url, page_url, register_url


@dataclass(frozen=True)
class BuiltRegister:
    """One register of the site: its slug, URL space (see :func:`.pages.register_base`;
    "" for the root register) and what it shows."""

    slug: str
    base: str
    site: Site


def site_feed_url(lang: str) -> str:
    return f"feeds/all.{lang}.atom.xml"


def languages(registers: Sequence[BuiltRegister]) -> tuple[str, ...]:
    """Every language of any register: the first register's first, then in order met."""
    found: dict[str, None] = {}
    for register in registers:
        found.update(dict.fromkeys(register.site.languages))
    return tuple(found)


def _shown(site: Site, lang: str) -> str:
    """The language a register takes part in the centre's ``lang`` pages and feed with:
    ``lang``, else its source language."""
    return lang if lang in site.languages else site.source_language


def _effective(site: Site) -> str | None:
    """The day the newest version takes effect, where it is announced, not yet in force."""
    return site.periods[site.current.date].starts if site.announced else None


def centre_plan(
    registers: Sequence[BuiltRegister],
    render: Render,
    translations: Callable[[BuiltRegister, str], ThemeCatalog],
    register_feeds: Mapping[str, Mapping[str, feeds.Feed]],
    place: feeds.Place,
    site_url: str,
    site_name: str,
    default_lang: str | None = None,
) -> Plan:
    """The centre's pages, feeds and ``api/registers.json``; ``register_feeds``: each
    register's feeds by slug (merged into the site-wide ones); ``translations``: the
    theme catalog of a register's language. A project with no root register (only
    ``registers/<slug>/``) has no entry page of its own: the centre's index in
    ``default_lang`` (else the first register's first language) is the site's."""
    pages, site_feeds = [], {}
    every = languages(registers)
    for lang in every:
        host = next(r for r in registers if lang in r.site.languages)
        language = Language(host.site, lang, translations(host, lang), render)
        pages.append(_index_page(registers, language, host.base, every))
        if all(r.base for r in registers) and lang == _entry_language(every, default_lang):
            pages.append(Page("index.html", pages[-1].template, pages[-1].context))
        parts = [
            (
                r.site.current.register.notice.title[_shown(r.site, lang)],
                register_feeds[r.slug][page_url("feed", _shown(r.site, lang), base=r.base)],
            )
            for r in registers
        ]
        name = site_feed_url(lang)
        site_feeds[name] = feeds.site_feed(
            parts,
            lang,
            place,
            name,
            centre_url(lang),
            " - ".join(filter(None, (site_name, language.gettext("Privacy notices")))),
        )
    files = {"api/registers.json": canonical_json(registers_index(registers, site_url))}
    return Plan(tuple(pages), files, site_feeds)


def _entry_language(every: Sequence[str], default_lang: str | None) -> str:
    return default_lang if default_lang is not None and default_lang in every else every[0]


def _index_page(
    registers: Sequence[BuiltRegister], language: Language, base: str, every: Sequence[str]
) -> Page:
    lang = language.lang
    entries = []
    for register in registers:
        site = register.site
        shown = _shown(site, lang)
        entries.append(
            {
                "slug": register.slug,
                "title": site.current.register.notice.title[shown],
                "title_lang": shown,
                "url": page_url("current", shown, base=register.base),
                "updated": site.current.date,
                "effective": _effective(site),
            }
        )
    context: dict[str, Any] = {
        **language.context(),
        "site": language.site,
        "page_kind": "centre",
        "page_date": "",
        "alternates": [(other, centre_url(other)) for other in every],
        **Space(base, centre=True).context(lang),
        "entries": entries,
        "site_feed_url": site_feed_url(lang),
    }
    return Page(centre_url(lang), "registers.html", context)


def registers_index(registers: Sequence[BuiltRegister], site_url: str) -> dict[str, Any]:
    """``api/registers.json``: every register's slug, titles, URLs and versions."""

    def url(path: str) -> str:
        return f"{site_url}/{path}"

    listed = []
    for register in registers:
        site, base = register.site, register.base
        api = register_url(site_url, base)
        listed.append(
            {
                "slug": register.slug,
                "root": not base,
                "title": dict(site.current.register.notice.title.values),
                "languages": list(site.languages),
                "updated": site.current.date,
                "effective": site.periods[site.current.date].starts,
                "pages": {
                    lang: url(page_url("current", lang, base=base)) for lang in site.languages
                },
                "feeds": {lang: url(page_url("feed", lang, base=base)) for lang in site.languages},
                "register": f"{api}/api/register.json",
                "versions_index": f"{api}/api/versions.json",
                "versions": [
                    {"date": v.date, "document": f"{api}/api/versions/{v.date}.json"}
                    for v in site.versions
                ],
            }
        )
    return {"registers": listed}
