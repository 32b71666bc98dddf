"""The render plan: every page, API file and feed of the site as data, with no Pelican in it.

:func:`plan` decides what the site consists of: the pages (output name, template, context),
the bytes of every API file and the entries of every feed. :mod:`.generator` only hands
the plan to Pelican's Writer (after the ``privacy_notice_plan_ready`` signal, see
:mod:`.signals`). The theme comes in as a function that renders a template, and each
language's translations are passed explicitly: every page's context carries its own
language's gettext, so no page depends on what was rendered before it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Any

from privacy_notice.exports import feeds, formats
from privacy_notice.exports.api import api_files
from privacy_notice.history.store import Version
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import ThemeCatalog
from privacy_notice.render import redline
from privacy_notice.render.bodies import Changes, Language, Render, SummaryItem, anchor


def page_url(kind: str, lang: str, date: str = "", base: str = "") -> str:
    """The site-relative URL of a page (the public URL contract); ``base`` is the URL space
    of a further register (``registers/<slug>/``), "" for the root register."""
    return (
        base
        + {
            "current": f"{lang}/index.html",
            "history": f"{lang}/versions/index.html",
            "version": f"{lang}/versions/{date}/index.html",
            "changes": f"{lang}/versions/{date}/changes/index.html",
            "compare": f"{lang}/versions/{date}/compare-current/index.html",
            # Only a version that replaced announced ones before they took effect: its
            # changes against the notice in force until then (see Site.replaced_in_force).
            "compare_in_force": f"{lang}/versions/{date}/compare-in-force/index.html",
            "feed": f"feeds/{lang}.atom.xml",
        }[kind]
    )


def register_base(slug: str) -> str:
    """The URL space of a further register: every URL of its own is under it."""
    return f"registers/{slug}/"


def centre_url(lang: str) -> str:
    """The privacy centre's index of every register, in ``lang``."""
    return f"{lang}/registers/index.html"


@dataclass(frozen=True)
class Space:
    """The URL space of one register: ``base`` "" for the root register (today's URLs),
    ``registers/<slug>/`` for a further one; ``centre``: the site has several registers,
    so every page links their index."""

    base: str = ""
    centre: bool = False

    def url(self, kind: str, lang: str, date: str = "") -> str:
        return page_url(kind, lang, date, self.base)

    def format_url(self, kind: str, lang: str = "", date: str = "") -> str:
        return self.base + formats.format_url(kind, lang, date)

    def machine_links(self, version: Version, current: bool) -> list[dict[str, str]]:
        links = formats.alternate_links(version, current)
        return [{**link, "href": self.base + link["href"]} for link in links]

    def context(self, lang: str) -> dict[str, Any]:
        """The templates' URL functions for this space (the environment's globals are the
        root register's), and the privacy centre's link."""
        urls: dict[str, Any] = {"page_url": partial(page_url, base=self.base)}
        urls["format_url"] = self.format_url
        if self.centre:
            urls["centre_url"] = centre_url(lang)
        return urls


@dataclass(frozen=True)
class Page:
    """One HTML page: where it is written, the theme template and what the template gets
    (on top of Pelican's own context)."""

    name: str
    template: str
    context: Mapping[str, Any]


@dataclass(frozen=True)
class Plan:
    """Everything the site writes. A plugin may replace it (see :mod:`.signals`)."""

    pages: tuple[Page, ...]
    files: Mapping[str, bytes]  # output name -> bytes (api/…)
    feeds: Mapping[str, feeds.Feed]  # output name -> the feed as data (see feeds.py)

    def page(self, name: str) -> Page:
        return next(page for page in self.pages if page.name == name)


def plan(
    site: Site,
    render: Render,
    translations: Mapping[str, ThemeCatalog],
    *,
    default_lang: str,
    exports: formats.Exports,
    site_url: str = "",
    site_name: str = "",
    base: str = "",
    centre: bool = False,
) -> Plan:
    """The pages, API files and feeds of ``site``; ``translations`` holds each language's
    theme catalog, ``exports`` the TILT and JSON-LD files (see :mod:`.formats`, made with
    :func:`register_url`); ``site_name`` (Pelican's ``SITENAME``) heads the feed titles.
    ``base``: the register's URL space (see :func:`register_base`), "" for the root
    register; ``centre``: the site has several registers, so every page links their index.
    """
    changes = Changes()
    space = Space(base, centre)
    pages: list[Page] = []
    language_feeds: dict[str, feeds.Feed] = {}
    controller = site.current.register.controller
    place = feeds.Place(site_url, site.versions[0].date, controller.website, controller.email)
    for lang in site.languages:
        language = Language(site, lang, translations[lang], render)
        language_pages, summaries = _language_pages(language, space, changes)
        pages += language_pages
        versions = [v for v in site.versions if lang in v.languages]
        language_feeds[lang] = feeds.language_feed(
            versions,
            {date: [item.text for item in items] for date, items in summaries.items()},
            lang,
            site.locale(lang),
            language.gettext,
            place,
            space.url,
            site_name,
            site.periods,
            _unchanged(language, versions, summaries),
        )
    root = Language(site, default_lang, translations[default_lang], render)
    pages.append(Page(base + "index.html", "root.html", _common(root, space, "root")))
    files = api_files(site, register_url(site_url, base), exports, page_url)
    return Plan(
        tuple(pages),
        {base + name: data for name, data in files.items()},
        {space.url("feed", lang): feed for lang, feed in language_feeds.items()},
    )


def register_url(site_url: str, base: str) -> str:
    """The absolute (with ``SITEURL``) or root-relative prefix of a register's URLs, for
    its API files and exports."""
    return f"{site_url}/{base.rstrip('/')}" if base else site_url


def _unchanged(
    language: Language, versions: Sequence[Version], summaries: Mapping[str, Sequence[Any]]
) -> frozenset[str]:
    """The dates of the versions whose page in this language reads as the previous one's
    (a fix in another language only): nothing changed for this language's readers."""
    lang = language.lang
    return frozenset(
        version.date
        for previous, version in pairwise(versions)
        if not summaries.get(version.date)
        and version.register.notice.title[lang] == previous.register.notice.title[lang]
        and language.body(version) == language.body(previous)
    )


def _common(
    language: Language, space: Space, kind: str, date: str = "", languages: Sequence[str] = ()
) -> dict[str, Any]:
    """What every page needs; ``languages`` are those the page exists in (an old version
    may lack a language added later)."""
    site = language.site
    alternate_kind = "current" if kind == "root" else kind
    return {
        **language.context(),
        **space.context(language.lang),
        "site": site,
        "page_kind": kind,
        "page_date": date,
        "alternates": [
            (other, space.url(alternate_kind, other, date)) for other in languages or site.languages
        ],
    }


def _language_pages(
    language: Language, space: Space, changes: Changes
) -> tuple[list[Page], dict[str, tuple[SummaryItem, ...]]]:
    """The pages of one language, and the change summary of each version but the first."""
    site, lang = language.site, language.lang
    versions = [v for v in site.versions if lang in v.languages]
    current = versions[-1]
    pages: list[Page] = []
    summaries: dict[str, tuple[SummaryItem, ...]] = {}
    for previous, version in zip([None, *versions], versions, strict=False):
        pages.append(_version_page(language, space, version, previous))
        if previous is not None:
            summaries[version.date] = language.summary(previous, version, changes)
            pages.append(_changes_page(language, space, previous, version, summaries[version.date]))
            in_force = site.replaced_in_force.get(version.date)
            if in_force is not None and lang in in_force.languages:
                compared = language.summary(in_force, version, changes)
                pages.append(
                    _changes_page(language, space, in_force, version, compared, "compare_in_force")
                )
        # Every earlier version is compared with the current one (never the current one
        # with itself); the history page links these, no version page does, so that a
        # version's page reads the same when later versions are added.
        if version is not current:
            compared = language.summary(version, current, changes)
            pages.append(_changes_page(language, space, version, current, compared, "compare"))
    pages.append(_current_page(language, space, versions))
    pages.append(
        Page(
            space.url("history", lang),
            "history.html",
            {
                **_common(language, space, "history"),
                "versions": versions,
                "summaries": summaries,
                "register": current.register,
            },
        )
    )
    return pages, summaries


def _version_page(
    language: Language, space: Space, version: Version, previous: Version | None
) -> Page:
    return Page(
        space.url("version", language.lang, version.date),
        "notice.html",
        {
            **_common(language, space, "version", version.date, version.languages),
            "version": version,
            "register": version.register,
            "previous": previous,
            "body": language.body(version),
            "at_a_glance": language.glance(version),
            "machine_links": space.machine_links(version, current=False),
        },
    )


def _current_page(language: Language, space: Space, versions: list[Version]) -> Page:
    current = versions[-1]
    previous = versions[-2] if len(versions) > 1 else None
    changed = language.changed_sections(previous, current) if previous else frozenset()
    glance_changed = previous is not None and language.glance_changed(previous, current)
    return Page(
        space.url("current", language.lang),
        "notice.html",
        {
            **_common(language, space, "current"),
            "version": current,
            "register": current.register,
            "previous": previous,
            "changed": changed,
            "glance_changed": glance_changed,
            "body": language.body(current, changed),
            "at_a_glance": language.glance(current, glance_changed),
            "machine_links": space.machine_links(current, current=True),
        },
    )


def _changes_page(
    language: Language,
    space: Space,
    old: Version,
    new: Version,
    summary: tuple[SummaryItem, ...],
    kind: str = "changes",
) -> Page:
    """The redline of ``old`` -> ``new``: the changes page of ``new``; with ``kind``
    "compare", the page comparing ``old`` with the current notice; with
    "compare_in_force", the changes of ``new`` against ``old``, the notice in force until
    ``new`` replaced announced versions."""
    site, lang = language.site, language.lang
    parts = redline.redline_parts(
        language.body(old),
        language.body(new),
        language.gettext("Deleted:"),
        language.gettext("Inserted:"),
    )
    marked = {part.anchor for part in parts if f'id="change-{part.anchor}"' in part.html}
    shared = {key for key, count in Counter(item.anchor for item in summary).items() if count > 1}
    titles = {anchor(k): new.register.section(k).title for k in new.register.section_keys()}
    date = old.date if kind == "compare" else new.date
    if kind == "changes":
        languages = site.changes_languages(new)
    else:
        languages = tuple(lang for lang in old.languages if lang in new.languages)
    return Page(
        space.url(kind, lang, date),
        "changes.html",
        {
            **_common(language, space, kind, date, languages),
            "version": new,
            "register": new.register,
            "previous": old,
            "changes": [(item, _target(item, marked, shared)) for item in summary],
            "parts": [(part, titles.get(part.anchor)) for part in parts],
        },
    )


def _target(item: SummaryItem, marked: set[str], shared: set[str]) -> str:
    """Where a summary item links: its section's first mark, when that mark is its own;
    the section itself when the section has other items (the first mark would be theirs)."""
    return f"change-{item.anchor}" if item.anchor in marked - shared else item.anchor
