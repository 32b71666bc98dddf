"""The render plan as data, with no Pelican in it: where each page is (the public URL
contract: :func:`page_url`, a register's URL space :class:`Space`), a page (output name,
template, context), a plan (every page, API file and feed) and what every page's context
holds (:func:`common_context`). What a register's plan holds is
:mod:`.register_pages`'; :mod:`.generator` only hands a plan to Pelican's Writer (after
the ``privacy_notice_plan_ready`` signal, see :mod:`.signals`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from privacy_notice.exports import feeds, formats
from privacy_notice.history.store import Version
from privacy_notice.render.bodies import Language


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


def merged(plans: Iterable[Plan]) -> Plan:
    """Plans of one register or of several (each in its own URL space) as one."""
    found = list(plans)
    return Plan(
        tuple(page for plan in found for page in plan.pages),
        {name: data for plan in found for name, data in plan.files.items()},
        {name: feed for plan in found for name, feed in plan.feeds.items()},
    )


def register_url(site_url: str, base: str) -> str:
    """The absolute (with ``SITEURL``) or root-relative prefix of a register's URLs, for
    its API files and exports."""
    return f"{site_url}/{base.rstrip('/')}" if base else site_url


def common_context(
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
