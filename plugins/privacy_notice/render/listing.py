"""What the privacy centre reads of each register (:class:`Listed`: small and picklable,
so that registers can be built in other processes, see :mod:`.parallel`) and of the site
(:class:`Centre`): shared by the centre's plan (:mod:`.centre`) and its pages
(:mod:`.centre_pages`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from privacy_notice.exports import feeds
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import ThemeCatalog
from privacy_notice.languages.theme import template_callables
from privacy_notice.model.directory import EMPTY, Directory
from privacy_notice.model.register import Register, Text
from privacy_notice.render.bodies import Render
from privacy_notice.render.pages import Space, centre_url, page_url

CHANGES = "changes"
SEARCH = "search"


def centre_page_url(lang: str, page: str = "", item: str = "") -> str:
    """A page of the centre: its index (``page`` ""), ``changes``, ``search``, or the page
    of a group of people (``page`` "groups", ``item`` its id)."""
    if not page:
        return centre_url(lang)
    return f"{lang}/registers/{page}/{item + '/' if item else ''}index.html"


@dataclass(frozen=True)
class Released:
    """One version of a register, as the centre's list of changes shows it."""

    date: str
    summary: Text | None
    material: bool
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Listed:
    """What the centre shows of one register: its current notice, its versions' dates
    and summaries, and its feeds (merged into the site-wide ones)."""

    slug: str
    base: str
    register: Register  # the current version's
    locales: Mapping[str, str]
    updated: str
    starts: str  # the day the current version takes effect
    announced: bool  # ... and it is not in force yet on the build date
    versions: tuple[Released, ...]  # oldest first
    feeds: Mapping[str, feeds.Feed] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.register.languages

    @property
    def source_language(self) -> str:
        return self.register.source_language

    def shown(self, lang: str) -> str:
        """The language this register takes part in the centre's ``lang`` pages and feed
        with: ``lang``, else its source language."""
        return lang if lang in self.languages else self.source_language

    def locale(self, lang: str) -> str:
        return self.locales.get(lang, lang)

    def title(self, lang: str) -> str:
        return self.register.notice.title[self.shown(lang)]

    def url(self, lang: str, kind: str = "current", date: str = "") -> str:
        return page_url(kind, self.shown(lang), date, base=self.base)


def listed(slug: str, base: str, site: Site, register_feeds: Mapping[str, feeds.Feed]) -> Listed:
    """The centre's view of a register's ``site``."""
    current = site.current
    return Listed(
        slug,
        base,
        current.register,
        dict(site.locales),
        current.date,
        site.periods[current.date].starts,
        site.announced,
        tuple(
            Released(v.date, v.register.notice.summary, v.register.notice.material, v.languages)
            for v in site.versions
        ),
        register_feeds,
    )


def site_feed_url(lang: str) -> str:
    return f"feeds/all.{lang}.atom.xml"


def languages(registers: Sequence[Listed]) -> tuple[str, ...]:
    """Every language of any register: the first register's first, then in order met."""
    found: dict[str, None] = {}
    for register in registers:
        found.update(dict.fromkeys(register.languages))
    return tuple(found)


@dataclass(frozen=True)
class Centre:
    """What every page of the centre is made from."""

    registers: Sequence[Listed]
    render: Render
    catalogs: Mapping[str, ThemeCatalog]  # the theme's, by language
    directory: Directory = EMPTY
    search: bool = False  # full-text search (see search.py): its page and script

    def context(self, lang: str, kind: str, url: Any) -> dict[str, Any]:
        """What every centre page of ``lang`` needs: the language's labels and locale, the
        first register of that language as the host (its controller heads the page)."""
        host = next(r for r in self.registers if lang in r.languages)
        every = languages(self.registers)
        return {
            "lang": lang,
            "locale": host.locale(lang),
            "source_language": host.source_language,
            "fallback_label": self.catalogs[lang].gettext("Not yet translated"),
            **template_callables(self.catalogs[lang]),
            "register": host.register,
            "page_kind": kind,
            "page_date": "",
            "alternates": [(other, url(other)) for other in every],
            **Space(host.base, centre=True).context(lang),
            "centre_links": {
                "changes": centre_page_url(lang, CHANGES),
                "search": centre_page_url(lang, SEARCH) if self.search else None,
            },
            "site_feed_url": site_feed_url(lang),
        }
