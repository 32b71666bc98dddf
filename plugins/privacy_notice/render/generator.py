"""The Pelican generator: it hands the plan of the site to Pelican's writer.

It only orchestrates. What each register's site shows is built by
:mod:`privacy_notice.history.registers`; which pages, API files and feeds the site consists
of, by :mod:`privacy_notice.render.site_plan` (the plan, as data), on every core by
:mod:`privacy_notice.render.parallel`; how it looks is the theme's business. Every file
goes through Pelican's Writer (``sanitised_join``, the overwrite guard, the
``content_written`` signal).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from jinja2 import BytecodeCache
from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from privacy_notice.diagnostics import Diagnostic, PolicyError
from privacy_notice.exports import feeds, formats
from privacy_notice.history.registers import RegisterJob, register_jobs
from privacy_notice.languages.catalogs import common_catalogs, theme_catalogs, theme_translations
from privacy_notice.render import centre, filters, listing, parallel
from privacy_notice.render.defaults import policy_facts
from privacy_notice.render.pages import Page, Plan, page_url, register_base
from privacy_notice.render.settings import OPTIONS_KEY, options_from
from privacy_notice.render.signals import plan_ready
from privacy_notice.render.site_plan import SiteFacts, centre_site_plan, site_plan
from privacy_notice.render.template_errors import located
from privacy_notice.source.project import each
from privacy_notice.source.shared import SHARED_FILE, read_shared_or_problems

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
        # Each page's context carries its language's gettext (see register_pages.py), in the
        # newstyle calling convention; nothing is installed into the shared environment.
        self.env.newstyle_gettext = True
        filters.install(self.env)
        self.env.globals["page_url"] = page_url
        self.env.globals["format_url"] = formats.format_url
        self.jobs: list[RegisterJob] = []
        self.problems: tuple[Diagnostic, ...] = ()

    def generate_context(self) -> None:
        # Checked by privacy-notice build already; by the first use under plain pelican.
        self.options = self.settings.get(OPTIONS_KEY) or options_from(self.settings)
        self.jobs, self.problems = register_jobs(self.options)
        if self.settings.get("SITENAME") in (None, DEFAULT_CONFIG["SITENAME"]) and self.jobs:
            # The site is the controller's (feed titles, templates), unless settings say so.
            name, _lang = policy_facts(self.jobs[0].options.policy)
            self.context["SITENAME"] = name or DEFAULT_CONFIG["SITENAME"]

    # --- output ---------------------------------------------------------------------------

    def _facts(self) -> SiteFacts:
        several = len(self.jobs) > 1 or not self.jobs[0].folder.root
        return SiteFacts(
            site_url=str(self.settings.get("SITEURL", "")),
            site_name=str(self.context.get("SITENAME", "")),
            default_lang=self.settings.get("DEFAULT_LANG"),
            several=several,
            search=bool(self.settings.get("PRIVACY_NOTICE_SEARCH", False)),
        )

    def generate_output(self, writer: Writer) -> None:
        if plan_ready.receivers:  # a plugin may change any page: the plan, in this process
            self._write_plan(writer)
            return
        facts = self._facts()
        renderer = self._renderer(facts)
        workers = parallel.processes(self.settings.get("PRIVACY_NOTICE_JOBS"))
        built: dict[str, parallel.Output] = {}
        problems = set(self.problems)
        for output in parallel.outputs(self.jobs, renderer, workers):
            problems.update(output.problems)
            if not problems:  # once a register failed, the build fails: nothing more written
                self._write_output(writer, output)
            if not output.part:  # written: what the centre needs is kept, not the files
                built[output.slug] = replace(output, pages=(), files=None)
        if problems:
            raise PolicyError(sorted(problems))
        ordered = [built[job.folder.slug] for job in self.jobs]
        for output in ordered:
            for warning in output.warnings:
                logger.warning("%s", warning)
        if facts.several:
            listed = [output.listed for output in ordered if output.listed is not None]
            catalogs = theme_catalogs(self.options, listing.languages(listed))
            directory = self.jobs[0].directory
            plan = centre_site_plan(listed, self._render, catalogs, directory, facts)
            self._write_pages(writer, plan.pages)
            self._write_feeds(writer, plan.feeds)
            self._write_files(writer, plan.files)

    def _renderer(self, facts: SiteFacts) -> parallel.Renderer:
        """How each register is rendered, with what every register reads alike read once:
        the theme's and the shared blocks' catalogs, the theme's labels, ``shared.yaml``."""
        known = common_catalogs(
            replace(self.options, shared_translations=self.jobs[0].options.shared_translations)
        )
        themes = {
            path.parts[-3]: theme_translations({(path.parts[-3], "theme"): file}, path.parts[-3])
            for path, file in known.items()
            if file.domain == "theme" and file.catalog is not None
        }
        project = self.options.policy.parent
        shared = read_shared_or_problems(project) if (project / SHARED_FILE).exists() else None
        return parallel.Renderer(
            self._render, self._page_html, facts, known, themes, shared, self._compile_templates
        )

    def _write_plan(self, writer: Writer) -> None:
        """The site planned as data, announced, then written (see :mod:`.signals`)."""

        def built(job: RegisterJob) -> centre.BuiltRegister:
            slug = job.folder.slug
            return centre.BuiltRegister(
                slug, "" if job.folder.root else register_base(slug), job.site()
            )

        registers = each(self.jobs, built, self.problems)
        for register in registers:
            for warning in register.site.warnings:
                logger.warning("%s", warning)
        facts = self._facts()
        plan = site_plan(
            registers,
            self._render,
            site_url=facts.site_url,
            site_name=facts.site_name,
            default_lang=facts.default_lang,
            directory=self.jobs[0].directory,
            search=facts.search,
        )
        plan = self._announce(plan)
        self._write_pages(writer, plan.pages)
        self._write_feeds(writer, plan.feeds)
        self._write_files(writer, plan.files)

    def _write_output(self, writer: Writer, output: parallel.Output) -> None:
        """One register's files: its pages as rendered (see :mod:`.parallel`), its feeds
        and API files, each through the Writer."""
        relative_urls = self.settings.get("RELATIVE_URLS", False)
        for name, html in output.pages:
            writer.write_file(name, Verbatim(html), self.context, relative_urls=relative_urls)
        self._write_feeds(writer, output.feeds or {})
        self._write_files(writer, output.files or {})

    def _compile_templates(self) -> None:
        for name in self.env.list_templates(extensions=["html"]):
            self.env.get_template(name)

    def _page_html(self, page: Page) -> str:
        """A page as Pelican's Writer renders it (see :func:`.parallel.writer_context`)."""
        relative_urls = bool(self.settings.get("RELATIVE_URLS", False))
        context = parallel.writer_context(self.context, page.name, relative_urls, page.context)
        template = self.get_template(page.template.removesuffix(".html"))
        with located(self.settings["THEME"]):
            return str(template.render(context))

    def _render(self, template: str, context: Mapping[str, Any]) -> str:
        with located(self.settings["THEME"]):
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
            with located(self.settings["THEME"]):
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
