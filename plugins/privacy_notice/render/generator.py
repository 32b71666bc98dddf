"""The Pelican generator: it hands the plan of the site to Pelican's writer.

It only orchestrates. What each register's site shows is built by
:mod:`privacy_notice.history.registers`; which pages, API files and feeds the site consists
of, by :mod:`privacy_notice.render.site_plan` (the plan, as data); how it looks is the
theme's business. Every file goes through Pelican's Writer (``sanitised_join``, the
overwrite guard, the ``content_written`` signal).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import BytecodeCache
from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from privacy_notice.exports import feeds, formats
from privacy_notice.history.registers import build_registers
from privacy_notice.history.versions import Site
from privacy_notice.render import centre, filters
from privacy_notice.render.pages import Page, Plan, page_url, register_base
from privacy_notice.render.settings import OPTIONS_KEY, options_from
from privacy_notice.render.signals import plan_ready
from privacy_notice.render.site_plan import site_plan

logger = logging.getLogger(__name__)


__all__ = ["NoticeGenerator"]

# Compiled templates are kept in memory only, never in files: Jinja's file cache reads its
# files back with pickle, so a cache folder restored from elsewhere (a CI cache, a copied
# project) could run code. A long-lived process that builds again and again (the live
# preview's worker) sets a cache of its own here; a build alone compiles its templates.
template_cache: BytecodeCache | None = None


@dataclass(frozen=True)
class Verbatim:
    """A file's text as a "template" for Pelican's Writer, so that API files and feeds are
    written the way pages are. JSON is UTF-8 (RFC 8259): decoding and writing it back gives the
    same bytes, so the SHA-256 in versions.json stays the file's."""

    text: str

    def render(self, context: Mapping[str, Any]) -> str:
        return self.text


class NoticeGenerator(Generator):  # type: ignore[misc]  # Pelican is untyped
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.autoescape = True  # policy texts are data, never markup
        # Every build has an environment of its own (the preview's too): no template changes
        # while it renders, so Jinja need not check each template's file at each use.
        self.env.auto_reload = False
        self.env.bytecode_cache = template_cache
        self.env.add_extension("jinja2.ext.i18n")
        # Each page's context carries its language's gettext (see pages.py), in the
        # newstyle calling convention; nothing is installed into the shared environment.
        self.env.newstyle_gettext = True
        filters.install(self.env)
        self.env.globals["page_url"] = page_url
        self.env.globals["format_url"] = formats.format_url
        self.site: Site | None = None  # the root register's (the first)
        self.registers: tuple[centre.BuiltRegister, ...] = ()

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
            # (in the source language, where the controller's name is translated)
            current = self.site.current.register
            self.context["SITENAME"] = current.controller.name[current.source_language]
        for register in self.registers:
            for warning in register.site.warnings:
                logger.warning("%s", warning)

    # --- output ---------------------------------------------------------------------------

    def generate_output(self, writer: Writer) -> None:
        plan = site_plan(
            self.registers,
            self._render,
            site_url=str(self.settings.get("SITEURL", "")),
            site_name=str(self.context.get("SITENAME", "")),
            default_lang=self.settings.get("DEFAULT_LANG"),
        )
        plan = self._announce(plan)
        self._write_pages(writer, plan.pages)
        self._write_feeds(writer, plan.feeds)
        self._write_files(writer, plan.files)

    def _render(self, template: str, context: Mapping[str, Any]) -> str:
        return str(self.env.get_template(template).render(context))

    def _announce(self, plan: Plan) -> Plan:
        """Send ``privacy_notice_plan_ready``; a receiver may return a new plan."""
        for _receiver, returned in plan_ready.send(self, plan=plan):
            if isinstance(returned, Plan):
                plan = returned
        return plan

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
