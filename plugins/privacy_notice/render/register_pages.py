"""One register's pages, API files and feeds (:func:`plan`): the pages of each language
(:func:`language_plan`: each version's page, its changes page and its comparison with the
current notice, the current notice, the history, the feed), or a :class:`Part` of them,
and the register's own (:func:`own_plan`: the root page, the API files), which a build on
several cores makes apart (see :mod:`.parallel`). The theme comes in as a function that
renders a template, and each language's translations are passed explicitly: every page's
context carries its own language's gettext, so no page depends on what was rendered before
it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from privacy_notice.exports import feeds, formats
from privacy_notice.exports.api import api_files
from privacy_notice.history.store import Version
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import ThemeCatalog
from privacy_notice.render import redline
from privacy_notice.render.bodies import Changes, Language, Render, SummaryItem, anchor
from privacy_notice.render.pages import (
    Page,
    Plan,
    Space,
    common_context,
    merged,
    page_url,
    register_url,
)


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

    The plan is the sum of each language's (:func:`language_plan`) and the register's own
    (:func:`own_plan`): a build on several cores makes them in processes of their own.
    """
    space = Space(base, centre)
    changes = Changes()
    default = translations[default_lang]
    own = own_plan(site, render, default_lang, default, space, exports, site_url)
    languages = [
        language_plan(
            site, render, translations[lang], space, Part(lang), site_url, site_name, changes
        )
        for lang in site.languages
    ]
    return merged([*languages, own])


@dataclass(frozen=True)
class Part:
    """A share of one language's pages that can be made on its own (in a worker, see
    :mod:`.parallel`): the pages of its versions from ``start`` to ``stop`` (positions in
    the language's versions, oldest first), and with ``index`` its current and history
    pages and its feed."""

    lang: str
    start: int = 0
    stop: int | None = None
    index: bool = True


def language_parts(site: Site, pieces: int) -> list[Part]:
    """Each language's pages in about ``pieces`` parts in all, of as many versions each
    as can be, the index with the newest versions."""
    per_language = max(1, -(-pieces // len(site.languages)))
    parts = []
    for lang in site.languages:
        count = len(_versions(site, lang))
        shares = min(count, per_language)
        bounds = [count * share // shares for share in range(shares + 1)]
        for start, stop in pairwise(bounds):
            parts.append(Part(lang, start, stop, index=stop == count))
    return parts


def language_plan(
    site: Site,
    render: Render,
    translation: ThemeCatalog,
    space: Space,
    part: Part,
    site_url: str = "",
    site_name: str = "",
    changes: Changes | None = None,
) -> Plan:
    """The pages of one language of ``site``, and its feed, or a ``part`` of them (see
    :func:`plan`); ``changes``: the semantic changes already found for another language."""
    changes = changes or Changes()
    lang = part.lang
    language = Language(site, lang, translation, render)
    versions = _versions(site, lang)
    pages, summaries = _version_pages(language, space, changes, versions, part)
    if not part.index:
        return Plan(tuple(pages), {}, {})
    # The history and the feed tell every version's changes (from other parts too).
    summaries = {
        version.date: summaries[version.date]
        if version.date in summaries
        else language.summary(previous, version, changes)
        for previous, version in pairwise(versions)
    }
    pages.append(_current_page(language, space, versions))
    pages.append(
        Page(
            space.url("history", lang),
            "history.html",
            {
                **common_context(language, space, "history"),
                "versions": versions,
                "summaries": summaries,
                "register": versions[-1].register,
            },
        )
    )
    controller = site.current.register.controller
    place = feeds.Place(site_url, site.versions[0].date, controller.website, controller.email)
    feed = feeds.language_feed(
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
    return Plan(tuple(pages), {}, {space.url("feed", lang): feed})


def _versions(site: Site, lang: str) -> list[Version]:
    """The versions that exist in ``lang`` (an old version may lack a language added later)."""
    return [v for v in site.versions if lang in v.languages]


def own_plan(
    site: Site,
    render: Render,
    default_lang: str,
    translation: ThemeCatalog,
    space: Space,
    exports: formats.Exports,
    site_url: str = "",
) -> Plan:
    """What belongs to no language of ``site``: the root page (in ``default_lang``, whose
    theme catalog is ``translation``) and the API files."""
    root = Language(site, default_lang, translation, render)
    page = Page(space.base + "index.html", "root.html", common_context(root, space, "root"))
    files = api_files(site, register_url(site_url, space.base), exports, page_url)
    return Plan((page,), {space.base + name: data for name, data in files.items()}, {})


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


def _version_pages(
    language: Language, space: Space, changes: Changes, versions: list[Version], part: Part
) -> tuple[list[Page], dict[str, tuple[SummaryItem, ...]]]:
    """The pages of the versions of ``part`` in one language, and the change summary of
    each of them but the first version."""
    site, lang = language.site, language.lang
    current = versions[-1]
    pages: list[Page] = []
    summaries: dict[str, tuple[SummaryItem, ...]] = {}
    for index in range(part.start, len(versions) if part.stop is None else part.stop):
        version = versions[index]
        previous = versions[index - 1] if index else None
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
    return pages, summaries


def _version_page(
    language: Language, space: Space, version: Version, previous: Version | None
) -> Page:
    return Page(
        space.url("version", language.lang, version.date),
        "notice.html",
        {
            **common_context(language, space, "version", version.date, version.languages),
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
            **common_context(language, space, "current"),
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
            **common_context(language, space, kind, date, languages),
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
