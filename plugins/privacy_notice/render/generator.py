"""The Pelican generator: runs the pipeline, then writes the render plan.

It only orchestrates. What the site shows is computed by :mod:`.site`; which pages, API
files and feeds it consists of, by :mod:`.pages` (the plan, with no Pelican in it); how it
looks is the theme's business. Every file goes through Pelican's Writer (``sanitised_join``,
the overwrite guard, the ``content_written`` signal).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import FileSystemBytecodeCache
from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from privacy_notice.diagnostics import PolicyError
from privacy_notice.exports import feeds, formats
from privacy_notice.history.registers import build_registers
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import ThemeCatalog, theme_translations
from privacy_notice.render import centre, filters, pages
from privacy_notice.render.pages import Page, Plan, page_url, register_base, register_url
from privacy_notice.render.settings import OPTIONS_KEY, SOURCE_KEY, Locator, check_settings
from privacy_notice.render.signals import plan_ready
from privacy_notice.source.options import Options

logger = logging.getLogger(__name__)


def options_from(settings: dict[str, Any]) -> Options:
    """The pipeline's options from Pelican's settings, checked (see :mod:`.settings`)."""
    notice = check_settings(settings)
    base = FilePath(notice.root or FilePath(settings["PATH"]).parent)
    return Options(
        policy=base / notice.policy,
        translations=base / notice.translations,
        versions=base / notice.versions,
        allow_fallback=notice.allow_fallback,
        allow_draft=notice.allow_draft,
        theme_translations=FilePath(settings["THEME"]) / "translations",
        preview=notice.allow_preview,
        as_of=notice.as_of or today_in(settings),
    )


def today_in(settings: dict[str, Any]) -> str:
    """Today's date where the notice is published (Pelican's ``TIMEZONE``, else UTC)."""

    timezone = settings.get("TIMEZONE") or "UTC"
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        message = f"unknown time zone {timezone!r}: set an IANA name such as 'Europe/Helsinki'"
        where = Locator(settings.get(SOURCE_KEY))
        raise PolicyError([where.locate("TIMEZONE", message, "TIMEZONE")]) from None
    return dt.datetime.now(zone).date().isoformat()


__all__ = ["NoticeGenerator", "options_from", "page_url"]


@dataclass(frozen=True)
class Verbatim:
    """A file's text as a "template" for Pelican's Writer, so that API files and feeds are
    written the way pages are. JSON is UTF-8 (RFC 8259): decoding and writing it back gives the
    same bytes, so the SHA-256 in versions.json stays the file's."""

    text: str

    def render(self, context: Mapping[str, Any]) -> str:
        return self.text


def _merged(plans: Iterable[Plan]) -> Plan:
    """The plans of several registers (each in its own URL space) as one."""
    merged = list(plans)
    return Plan(
        tuple(page for plan in merged for page in plan.pages),
        {name: data for plan in merged for name, data in plan.files.items()},
        {name: feed for plan in merged for name, feed in plan.feeds.items()},
    )


class NoticeGenerator(Generator):  # type: ignore[misc]  # Pelican is untyped
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.autoescape = True  # policy texts are data, never markup
        # Compiling the templates is most of a small build's own time; Jinja's bytecode
        # cache is keyed by each template's source checksum, so edits are picked up.
        cache = FilePath(self.settings.get("CACHE_PATH", "cache")) / "jinja"
        cache.mkdir(parents=True, exist_ok=True)
        self.env.bytecode_cache = FileSystemBytecodeCache(str(cache))
        self.env.add_extension("jinja2.ext.i18n")
        # Each page's context carries its language's gettext (see pages.py), in the
        # newstyle calling convention; nothing is installed into the shared environment.
        self.env.newstyle_gettext = True
        filters.install(self.env)
        self.env.globals["page_url"] = page_url
        self.env.globals["format_url"] = formats.format_url
        self.site: Site | None = None  # the root register's (the first)
        self.registers: tuple[centre.BuiltRegister, ...] = ()
        self._theme: dict[str, ThemeCatalog] = {}

    def generate_context(self) -> None:
        # Checked by privacy-notice build already; by the first use under plain pelican.
        options = self.settings.get(OPTIONS_KEY) or options_from(self.settings)
        self.registers = tuple(
            centre.BuiltRegister(
                folder.slug, "" if folder.root else register_base(folder.slug), site
            )
            for folder, site in build_registers(options)
        )
        self.site = self.registers[0].site
        if self.settings.get("SITENAME") in (None, DEFAULT_CONFIG["SITENAME"]):
            # The site is the controller's (feed titles, templates), unless settings say so.
            self.context["SITENAME"] = self.site.current.register.controller.name
        for register in self.registers:
            for warning in register.site.warnings:
                logger.warning("%s", warning)

    # --- output ---------------------------------------------------------------------------

    def generate_output(self, writer: Writer) -> None:
        site_url = str(self.settings.get("SITEURL", ""))
        site_name = str(self.context.get("SITENAME", ""))
        several = len(self.registers) > 1 or bool(self.registers[0].base)
        plans = {
            r.slug: self._register_plan(r, site_url, site_name, several) for r in self.registers
        }
        plan = _merged(plans.values())
        if several:
            root = self.registers[0].site
            controller = root.current.register.controller
            place = feeds.Place(
                site_url, root.versions[0].date, controller.website, controller.email
            )
            centre_plan = centre.centre_plan(
                self.registers,
                self._render,
                lambda r, lang: self._theme_translations(r.site, lang),
                {slug: each.feeds for slug, each in plans.items()},
                place,
                site_url,
                site_name,
                self.settings.get("DEFAULT_LANG"),
            )
            plan = _merged([plan, centre_plan])
        plan = self._announce(plan)
        self._write_pages(writer, plan.pages)
        self._write_feeds(writer, plan.feeds)
        self._write_files(writer, plan.files)

    def _register_plan(
        self, register: centre.BuiltRegister, site_url: str, site_name: str, several: bool
    ) -> Plan:
        """One register's plan in its URL space."""
        site = register.site
        # TILT, JSON-LD (see formats.py): the JSON-LD of a version is also in its pages.
        exports = formats.site_exports(site, register_url(site_url, register.base), page_url)
        translations = {lang: self._theme_translations(site, lang) for lang in site.languages}
        return pages.plan(
            site,
            self._render,
            translations,
            default_lang=self._default(site),
            exports=exports,
            site_url=site_url,
            site_name=site_name,
            base=register.base,
            centre=several,
        )

    def _theme_translations(self, site: Site, lang: str) -> ThemeCatalog:
        """The theme catalog of ``lang``, compiled once a build: every register reads the
        same theme (the entry page and the privacy centre reuse it too)."""
        if lang not in self._theme:
            self._theme[lang] = theme_translations(site.catalogs, lang)
        return self._theme[lang]

    def _render(self, template: str, context: Mapping[str, Any]) -> str:
        return str(self.env.get_template(template).render(context))

    def _announce(self, plan: Plan) -> Plan:
        """Send ``privacy_notice_plan_ready``; a receiver may return a new plan."""
        for _receiver, returned in plan_ready.send(self, plan=plan):
            if isinstance(returned, Plan):
                plan = returned
        return plan

    def _default(self, site: Site) -> str:
        default = self.settings.get("DEFAULT_LANG", site.languages[0])
        return default if default in site.languages else site.languages[0]

    def _write_pages(self, writer: Writer, to_write: Iterable[Page]) -> None:
        relative_urls = self.settings.get("RELATIVE_URLS", False)
        for page in to_write:
            writer.write_file(
                page.name,
                self.get_template(page.template.removesuffix(".html")),
                self.context,
                relative_urls=relative_urls,
                **page.context,
            )

    def _write_feeds(self, writer: Writer, to_write: Mapping[str, feeds.Feed]) -> None:
        # Atom written by feeds.py (Pelican's feed writer cannot give valid ids), through
        # the Writer like every other file.
        for name, feed in to_write.items():
            writer.write_file(name, Verbatim(feeds.atom(feed).decode("utf-8")), self.context)

    def _write_files(self, writer: Writer, files: Mapping[str, bytes]) -> None:
        for name, data in files.items():
            writer.write_file(name, Verbatim(data.decode("utf-8")), self.context)
