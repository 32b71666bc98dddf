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

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_relative_path, path_to_url
from pelican.writers import Writer

from . import centre, feeds, filters, formats, load, localize, pages
from .bodies import BodyKey
from .cache import KeptTexts
from .diagnostics import PolicyError
from .exportcache import ExportCache
from .i18n import ThemeCatalog, theme_translations
from .pages import Page, Plan, page_url, register_base, register_url
from .per_register import build_registers
from .previewcache import (
    PLUGIN,
    PreviewCache,
    Rendered,
    files_digest,
    inputs_key,
    link_around,
    rendering_digest,
)
from .settings import OPTIONS_KEY, SOURCE_KEY, Locator, check_settings
from .signals import plan_ready
from .site import Options, Site
from .sitememo import held, kept_bodies

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
        cache=FilePath(settings.get("CACHE_PATH", "cache")),
        preview=notice.allow_preview,
        as_of=notice.as_of or today_in(settings),
    )


def today_in(settings: dict[str, Any]) -> str:
    """Today's date where the notice is published (Pelican's ``TIMEZONE``, else UTC)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
        localize.keep_answers_in(cache.parent)  # dates, periods, names: Babel's, kept
        load.keep_loaded_in(cache.parent)  # policy files loaded before, by their bytes
        self.env.add_extension("jinja2.ext.i18n")
        # Each page's context carries its language's gettext (see pages.py), in the
        # newstyle calling convention; nothing is installed into the shared environment.
        self.env.newstyle_gettext = True
        filters.install(self.env)
        self.env.globals["page_url"] = page_url
        self.env.globals["format_url"] = formats.format_url
        self.site: Site | None = None  # the root register's (the first)
        self.registers: tuple[centre.BuiltRegister, ...] = ()
        self.preview = False
        self._preview_folders: dict[str, FilePath | None] = {}
        self._common_digest: bytes | None = None
        self._rendering_digest: bytes | None = None
        self._theme: dict[str, ThemeCatalog] = {}

    def generate_context(self) -> None:
        # Checked by privacy-notice build already; by the first use under plain pelican.
        options = self.settings.get(OPTIONS_KEY) or options_from(self.settings)
        shared = (options.policy.parent / "shared.yaml", options.policy.parent / "shared")
        own = (options.policy, options.translations, options.versions)
        self.registers = tuple(
            centre.BuiltRegister(
                folder.slug,
                "" if folder.root else register_base(folder.slug),
                site,
                (*(own if folder.root else (folder.folder,)), *shared),
            )
            for folder, site in build_registers(options)
        )
        self.preview = options.preview
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
        # The live preview of several registers: each register rendered, or taken from the
        # last preview's output (one register's preview has nothing to take: it is rendered).
        if self.preview and several:
            rendered = {
                r.slug: self._preview(r, site_url, site_name, several) for r in self.registers
            }
            register_feeds = {slug: done.feeds for slug, done in rendered.items()}
            plan = Plan((), {}, {})
        else:
            plans = {
                r.slug: self._register_plan(r, site_url, site_name, several) for r in self.registers
            }
            register_feeds = {slug: each.feeds for slug, each in plans.items()}
            plan = _merged(plans.values())
        if several:
            root = self.registers[0].site
            controller = root.current.register.controller
            place = feeds.Place(
                site_url, root.versions[0].date, controller.website, controller.email
            )
            plan = _merged(
                [
                    plan,
                    centre.centre_plan(
                        self.registers,
                        self._render,
                        lambda r, lang: self._theme_translations(r.site, lang),
                        register_feeds,
                        place,
                        site_url,
                        site_name,
                        self.settings.get("DEFAULT_LANG"),
                    ),
                ]
            )
        plan = self._announce(plan)
        if self.preview and several:
            own = [*(page.name for page in plan.pages), *plan.feeds, *plan.files]
            for register in self.registers:
                self._write_preview(writer, register, rendered[register.slug], own)
        self._write_pages(writer, plan.pages)
        self._write_feeds(writer, plan.feeds)
        self._write_files(writer, plan.files)
        localize.answers.save()
        load.loaded_files.save()

    def _register_plan(
        self,
        register: centre.BuiltRegister,
        site_url: str,
        site_name: str,
        several: bool,
        bodies: Mapping[str, dict[BodyKey, Markup]] | None = None,
    ) -> Plan:
        """One register's plan in its URL space."""
        site = register.site
        # TILT, JSON-LD (see formats.py): the JSON-LD of a version is also in its pages.
        # Each register its own: a build's cache forgets the entries the build did not use.
        cached = FilePath(self.settings.get("CACHE_PATH", "cache"))
        folder = cached / register.base if register.base else cached  # the register's own
        cache = ExportCache(folder)
        exports = formats.site_exports(site, register_url(site_url, register.base), page_url, cache)
        translations = {lang: self._theme_translations(site, lang) for lang in site.languages}
        kept = None
        if bodies is None:  # else the preview's worker keeps them (see sitememo.py)
            if self._rendering_digest is None:
                self._rendering_digest = rendering_digest(FilePath(self.settings["THEME"]))
            facts = self._facts(register, site_name, several)
            kept = KeptTexts()
            kept.keep_in(
                folder / "rendered.kept",
                inputs_key((), facts, self._rendering_digest),
            )
        plan = pages.plan(
            site,
            self._render,
            translations,
            default_lang=self._default(site),
            exports=exports,
            site_url=site_url,
            site_name=site_name,
            base=register.base,
            centre=several,
            bodies=bodies,
            kept=kept,
        )
        if kept is not None:
            kept.save()
        return plan

    def _facts(self, register: centre.BuiltRegister, site_name: str, several: bool) -> list[Any]:
        """What a register's output can depend on besides its files, the theme and the code:
        every setting a template could show (not the staging folder, new each build), its
        URL space, the day it is built as of, its locales."""
        settings = self.settings
        return [
            {
                k: v
                for k, v in settings.items()
                if k.isupper() and isinstance(v, str | int | bool) and k != "OUTPUT_PATH"
            },
            site_name,
            register.slug,
            register.base,
            several,
            register.site.as_of,
            dict(register.site.locales),  # a further register's may be the root's
        ]

    def _preview(
        self, register: centre.BuiltRegister, site_url: str, site_name: str, several: bool
    ) -> Rendered:
        """One register's output in the live preview: rendered, unless its inputs are those
        of the last preview (see :mod:`.previewcache`)."""
        settings = self.settings
        cache = PreviewCache(settings.get("CACHE_PATH", "cache"))
        facts = self._facts(register, site_name, several)
        if self._common_digest is None:
            self._common_digest = files_digest([FilePath(settings["THEME"]), PLUGIN])
        key = inputs_key(register.inputs, facts, self._common_digest)
        last = cache.last(register.slug) if held(register.slug) else None
        if last is not None:  # serve --register: the others as last built
            key = last[0]
        found = cache.get(register.slug, key)
        self._preview_folders[register.slug] = cache.folder(register.slug, key)
        if found is None:
            # The bodies of the versions the worker rendered before (the theme, settings
            # and plugin as they were then: the key without the register's inputs).
            theme = inputs_key((), facts, self._common_digest)
            bodies = kept_bodies(register.site, register.base, theme)
            plan = self._register_plan(register, site_url, site_name, several, bodies)
            relative_urls = bool(settings.get("RELATIVE_URLS", False))
            files = {page.name: self._page_text(page, relative_urls) for page in plan.pages}
            files |= {name: feeds.atom(feed).decode("utf-8") for name, feed in plan.feeds.items()}
            files |= {name: data.decode("utf-8") for name, data in plan.files.items()}
            found = Rendered(files, plan.feeds)
            cache.put(register.slug, key, found, register.base)
        return found

    def _write_preview(
        self,
        writer: Writer,
        register: centre.BuiltRegister,
        rendered: Rendered,
        own: Iterable[str],
    ) -> None:
        """A register's preview output: its kept folder linked into the build (see
        :mod:`.previewcache`; the root register's around ``own``, the files this build
        writes itself), else its files written."""
        folder = self._preview_folders.get(register.slug)
        if folder is not None and folder.is_dir():
            output = FilePath(self.output_path)
            if not register.base:
                link_around(folder, output, own)
                return
            link = output / register.base.rstrip("/")
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(folder.resolve(), target_is_directory=True)
            return
        for name, text in rendered.files.items():
            writer.write_file(name, Verbatim(text), self.context)

    def _page_text(self, page: Page, relative_urls: bool) -> str:
        """A page as Pelican's Writer renders it (its context, SITEURL relative or not)."""
        context = {**self.context, "output_file": page.name}
        if relative_urls:
            context["SITEURL"] = path_to_url(get_relative_path(page.name))
        context.update(page.context)
        return str(self.get_template(page.template.removesuffix(".html")).render(context))

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
