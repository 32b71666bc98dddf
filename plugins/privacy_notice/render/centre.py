"""The privacy centre of a site with several registers: what lists them all, as data.

Each register's own pages, API files and feeds are its plan (see :mod:`.pages`) in its URL
space; on top of them the centre adds, per language of any register, an index page
(``{lang}/registers/index.html``: the groups of people, the units and every register), a
page per group of people listing every register that concerns it, a page of recent changes
across registers (see :mod:`.centre_pages`), a site-wide Atom feed
(``feeds/all.{lang}.atom.xml``) with every register's versions, and ``api/registers.json``
listing every register.

The centre reads of each register only a :class:`.listing.Listed`, so that the registers
can be built in other processes (see :mod:`.parallel`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from privacy_notice.exports import feeds
from privacy_notice.history.canonical import canonical_json
from privacy_notice.history.versions import Site
from privacy_notice.render import centre_pages
from privacy_notice.render.listing import Centre, languages, site_feed_url
from privacy_notice.render.pages import Page, Plan, centre_url, page_url, register_url


@dataclass(frozen=True)
class BuiltRegister:
    """One register of the site: its slug, URL space (see :func:`.pages.register_base`;
    "" for the root register) and what it shows."""

    slug: str
    base: str
    site: Site


def centre_plan(
    centre: Centre,
    place: feeds.Place,
    site_url: str,
    site_name: str,
    default_lang: str | None = None,
) -> Plan:
    """The centre's pages, feeds and ``api/registers.json``. A project with no root
    register (only ``registers/<slug>/``) has no entry page of its own: the centre's index
    in ``default_lang`` (else the first register's first language) is the site's."""
    registers = centre.registers
    pages, site_feeds = [], {}
    every = languages(registers)
    for lang in every:
        pages.append(_index_page(centre, lang))
        if all(r.base for r in registers) and lang == _entry_language(every, default_lang):
            pages.append(Page("index.html", pages[-1].template, pages[-1].context))
        pages += centre_pages.group_pages(centre, lang)
        pages.append(centre_pages.changes_page(centre, lang))
        if centre.search:
            pages.append(centre_pages.search_page(centre, lang))
        parts = [
            (r.title(lang), r.feeds[page_url("feed", r.shown(lang), base=r.base)])
            for r in registers
        ]
        name = site_feed_url(lang)
        heading = centre.catalogs[lang].gettext("Privacy notices")
        site_feeds[name] = feeds.site_feed(
            parts,
            lang,
            place,
            name,
            centre_url(lang),
            " - ".join(filter(None, (site_name, heading))),
            limit=centre_pages.RECENT_ENTRIES,
        )
    files = {"api/registers.json": canonical_json(registers_index(centre, site_url))}
    if centre.search:
        files.update(centre_pages.search_files())
    return Plan(tuple(pages), files, site_feeds)


def _entry_language(every: Sequence[str], default_lang: str | None) -> str:
    return default_lang if default_lang is not None and default_lang in every else every[0]


def _index_page(centre: Centre, lang: str) -> Page:
    directory = centre.directory
    entries = [centre_pages.entry(r, lang) for r in centre.registers]
    units = []
    for unit in directory.units:
        kept = [
            e for e, r in zip(entries, centre.registers, strict=True) if r.register.unit == unit.id
        ]
        if kept:
            units.append(
                {
                    "id": unit.id,
                    "name": unit.name_in(lang, directory.source_language),
                    "entries": kept,
                }
            )
    context: dict[str, Any] = {
        **centre.context(lang, "centre", centre_url),
        "entries": entries,
        "groups": centre_pages.groups(centre, lang),
        "units": units,
        "unplaced": [
            e
            for e, r in zip(entries, centre.registers, strict=True)
            if directory.unit(r.register.unit) is None
        ],
    }
    return Page(centre_url(lang), "registers.html", context)


def registers_index(centre: Centre, site_url: str) -> dict[str, Any]:
    """``api/registers.json``: every register's slug, titles, URLs and versions, its unit
    and the groups it concerns; the directory's units and groups with their names."""

    def url(path: str) -> str:
        return f"{site_url}/{path}"

    listed = []
    for register in centre.registers:
        base = register.base
        api = register_url(site_url, base)
        entry: dict[str, Any] = {
            "slug": register.slug,
            "root": not base,
            "title": dict(register.register.notice.title.values),
            "languages": list(register.languages),
            "updated": register.updated,
            "effective": register.starts,
            "pages": {
                lang: url(page_url("current", lang, base=base)) for lang in register.languages
            },
            "feeds": {lang: url(page_url("feed", lang, base=base)) for lang in register.languages},
            "register": f"{api}/api/register.json",
            "versions_index": f"{api}/api/versions.json",
            "versions": [
                {"date": v.date, "document": f"{api}/api/versions/{v.date}.json"}
                for v in register.versions
            ],
        }
        if register.register.unit:
            entry["unit"] = register.register.unit
        if register.register.concerns:
            entry["concerns"] = list(register.register.concerns)
        listed.append(entry)
    index: dict[str, Any] = {"registers": listed}
    for key, items in (("units", centre.directory.units), ("groups", centre.directory.groups)):
        if items:
            index[key] = [{"id": e.id, "name": dict(e.name.values)} for e in items]
    return index
