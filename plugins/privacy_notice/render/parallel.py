"""The registers of a site built on every core: each register's site checked, translated,
planned and its pages rendered in a worker process of its own (``fork``, so that a worker
starts with the generator's Jinja environment, its compiled templates and Pelican's
context, and imports nothing), the parent writing every file through Pelican's Writer.

Why the pages are rendered in the workers and written by the parent: rendering is most of
a register's time, writing a small part, and one Writer for the whole site keeps what a
Writer guarantees for every file (``sanitised_join``, its guard against writing a file
twice, the ``content_written`` signal in the process where plugins listen). A page is
rendered with the local context Pelican's ``Writer.write_file`` would give it
(:func:`writer_context`), so the bytes are those of a build in one process (tested).

The results come back as they are done and are written at once, one register's at a
time: the parent never holds the whole site. A plugin that listens to
``privacy_notice_plan_ready`` may change any page of the plan, so such a site is planned
and written in the generator's process (see :mod:`.generator`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.utils import get_relative_path, path_to_url

from privacy_notice.diagnostics import Diagnostic, PolicyError
from privacy_notice.exports.feeds import Feed
from privacy_notice.history.registers import RegisterJob
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import CatalogFile, ThemeCatalog
from privacy_notice.render import listing
from privacy_notice.render.bodies import Render
from privacy_notice.render.pages import Page, register_base
from privacy_notice.render.site_plan import SiteFacts, register_plan, theme_of
from privacy_notice.source.validate import SharedRead


@dataclass(frozen=True)
class Renderer:
    """How a worker renders: a template with a context, and a page as Pelican's Writer
    renders it (the generator's, inherited through ``fork``)."""

    render: Render
    page_html: Callable[[Page], str]
    facts: SiteFacts
    # What every register reads alike, read once (see catalogs.common_catalogs): the
    # catalogs by path, the theme's labels by language.
    known: Mapping[Path, CatalogFile] = field(default_factory=dict)
    themes: Mapping[str, ThemeCatalog] = field(default_factory=dict)
    shared: SharedRead | None = None  # the project's shared.yaml, read once


@dataclass(frozen=True)
class Output:
    """One register, built: what the centre lists of it, its pages rendered, its API files
    and feeds, its warnings; or only its problems."""

    slug: str
    listed: listing.Listed | None
    # Output name, HTML: rendered by the worker, or, in the build's own process, one at a
    # time as they are written (a register of 200 versions has 1,800 pages).
    pages: Iterable[tuple[str, str]] = ()
    files: Mapping[str, bytes] | None = None
    feeds: Mapping[str, Feed] | None = None
    warnings: tuple[Diagnostic, ...] = ()
    problems: tuple[Diagnostic, ...] = ()


# The renderer of the build under way, set by :func:`outputs` before the workers are forked.
_RENDERER: Renderer | None = None


def writer_context(
    context: Mapping[str, Any], name: str, relative_urls: bool, page: Mapping[str, Any]
) -> dict[str, Any]:
    """The context Pelican's ``Writer.write_file(name, …, context, relative_urls, **page)``
    renders a page's template with (its ``_get_localcontext``)."""
    local = dict(context)
    local["localsiteurl"] = local.get("localsiteurl")
    if relative_urls:
        relative = path_to_url(get_relative_path(name))
        local["SITEURL"] = relative
        local["localsiteurl"] = relative
    local["output_file"] = name
    local.update(page)
    return local


def register_output(
    job: RegisterJob, renderer: Renderer | None = None, *, one_at_a_time: bool = False
) -> Output:
    """One register built and rendered (in a worker, or in this process, where
    ``one_at_a_time`` renders each page only when it is written)."""
    renderer = renderer or _RENDERER
    assert renderer is not None, "outputs() sets the renderer before it forks"
    slug = job.folder.slug
    try:
        site = job.site(renderer.known, renderer.shared)
    except PolicyError as exc:
        return Output(slug, None, problems=tuple(exc.diagnostics))
    base = "" if job.folder.root else register_base(slug)
    theme: dict[str, ThemeCatalog] = {}

    def translations(site: Site, lang: str) -> ThemeCatalog:
        if lang not in theme:
            theme[lang] = renderer.themes.get(lang) or theme_of(site, lang)
        return theme[lang]

    plan = register_plan(site, base, renderer.render, translations, renderer.facts)
    pages = ((page.name, renderer.page_html(page)) for page in plan.pages)
    return Output(
        slug,
        listing.listed(slug, base, site, plan.feeds),
        pages if one_at_a_time else tuple(pages),
        plan.files,
        plan.feeds,
        site.warnings,
    )


def processes(wanted: int | None, registers: int) -> int:
    """How many worker processes: ``wanted`` (None: every core this process may use), at
    most one per register; 1 (no workers) where processes cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity else os.cpu_count() or 1
    return max(1, min(wanted or cores, registers))


def outputs(jobs: Sequence[RegisterJob], renderer: Renderer, workers: int) -> Iterator[Output]:
    """Each job's output as it is done: in ``workers`` processes, or in this one (1)."""
    if workers <= 1:
        for job in jobs:
            yield register_output(job, renderer, one_at_a_time=True)
        return
    global _RENDERER
    _RENDERER = renderer
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        pending: set[Future[Output]] = {pool.submit(register_output, job) for job in jobs}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        # Done, or stopped early (a failure): nothing more is started.
        pool.shutdown(wait=True, cancel_futures=True)
        _RENDERER = None
