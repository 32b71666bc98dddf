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

A site of one register with a long history (:data:`SPLIT_VERSIONS`) is read by the
parent, which then forks: the workers render its languages' pages, a few versions of one
language each (:func:`language_output`), and its root page and API files
(:func:`own_output`). A short one is built in the parent.

The results come back as they are done and are written as the parent gets to them, one
register's (or one part's) at a time: the parent holds the pages of the parts done and
not yet written, never the whole site at once unless the workers outrun its writing.

A plugin that listens to ``privacy_notice_plan_ready`` may change any page of the plan, so
such a site is planned and written in the generator's process (see :mod:`.generator`).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
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
from privacy_notice.render.pages import Page, page_url, register_base
from privacy_notice.render.register_pages import Part, language_parts
from privacy_notice.render.site_plan import RegisterPlanner, SiteFacts, theme_of
from privacy_notice.source.project import usable_cores
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
    # Called before the first worker is forked (the generator compiles every template
    # there, so that no worker compiles its own).
    before_fork: Callable[[], object] = lambda: None


@dataclass(frozen=True)
class Output:
    """One register, built: what the centre lists of it, its pages rendered, its API files
    and feeds, its warnings; or only its problems. With ``part``, a share of its files:
    those of one language (its pages, its feed), or its root page and API files; then what
    the centre lists and the warnings come last, on their own."""

    slug: str
    listed: listing.Listed | None
    # Output name, HTML: rendered by the worker, or, in the build's own process, one at a
    # time as they are written (a register of 200 versions has 1,800 pages).
    pages: Iterable[tuple[str, str]] = ()
    files: Mapping[str, bytes] | None = None
    feeds: Mapping[str, Feed] | None = None
    warnings: tuple[Diagnostic, ...] = ()
    problems: tuple[Diagnostic, ...] = ()
    part: str = ""  # a language, or OWN_FILES


# The part of a register's output that belongs to no language: its root page, its API files.
OWN_FILES = "*"


@dataclass(frozen=True)
class Split:
    """A register whose languages are rendered in workers: its site, read by the parent."""

    slug: str
    base: str
    site: Site


# The renderer of the build under way, and the register split among the workers, set by
# :func:`outputs` before the workers are forked.
_RENDERER: Renderer | None = None
_SPLIT: Split | None = None


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
    return _site_output(slug, site, _base(job), renderer, one_at_a_time)


def _site_output(
    slug: str, site: Site, base: str, renderer: Renderer, one_at_a_time: bool
) -> Output:
    plan = _planner(site, base, renderer).plan()
    pages = _html(plan.pages, renderer)
    return Output(
        slug,
        listing.listed(slug, base, site, plan.feeds),
        pages if one_at_a_time else tuple(pages),
        plan.files,
        plan.feeds,
        site.warnings,
    )


def _base(job: RegisterJob) -> str:
    return "" if job.folder.root else register_base(job.folder.slug)


def language_output(part: Part) -> Output:
    """A part of one language of the register split among the workers, rendered (in a
    worker)."""
    assert _RENDERER is not None and _SPLIT is not None, "outputs() sets them before it forks"
    renderer, split = _RENDERER, _SPLIT
    plan = _planner(split.site, split.base, renderer).language_plan(part)
    return Output(
        split.slug, None, tuple(_html(plan.pages, renderer)), feeds=plan.feeds, part=part.lang
    )


def own_output() -> Output:
    """The root page and API files of the register split among the workers (in a worker)."""
    assert _RENDERER is not None and _SPLIT is not None, "outputs() sets them before it forks"
    renderer, split = _RENDERER, _SPLIT
    own = _planner(split.site, split.base, renderer).own_plan()
    return Output(split.slug, None, tuple(_html(own.pages, renderer)), own.files, part=OWN_FILES)


def _html(pages: Iterable[Page], renderer: Renderer) -> Iterator[tuple[str, str]]:
    """Each page's output name and HTML, rendered as it is asked for."""
    return ((page.name, renderer.page_html(page)) for page in pages)


def _planner(site: Site, base: str, renderer: Renderer) -> RegisterPlanner:
    return RegisterPlanner(site, base, renderer.render, _translations(renderer), renderer.facts)


def _translations(renderer: Renderer) -> Callable[[Site, str], ThemeCatalog]:
    """Each language's theme catalog: read once a build, or compiled once a register."""
    theme: dict[str, ThemeCatalog] = {}

    def translations(site: Site, lang: str) -> ThemeCatalog:
        if lang not in theme:
            theme[lang] = renderer.themes.get(lang) or theme_of(site, lang)
        return theme[lang]

    return translations


def processes(wanted: int | None) -> int:
    """How many worker processes: ``wanted`` (None: every core this process may use); 1
    (no workers) where processes cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, wanted or usable_cores())


# A site's only register is split among the workers when it has this many versions or
# more: below it, forking costs more than it saves (measured: the default notice of two
# versions took 0.97 s split, 0.74 s in one process; 200 versions 5.7 s split, 7.4 s not).
SPLIT_VERSIONS = 20


def outputs(jobs: Sequence[RegisterJob], renderer: Renderer, workers: int) -> Iterator[Output]:
    """Each job's output as it is done: in ``workers`` processes, or in this one (1)."""
    if workers <= 1:
        for job in jobs:
            yield register_output(job, renderer, one_at_a_time=True)
        return
    global _RENDERER
    _RENDERER = renderer
    try:
        if len(jobs) == 1:
            yield from _register_on_every_core(jobs[0], renderer, workers)
            return
        with _pool(min(workers, len(jobs)), renderer) as pool:
            for future in as_completed([pool.submit(register_output, job) for job in jobs]):
                yield future.result()
    finally:
        _RENDERER = None


def _register_on_every_core(job: RegisterJob, renderer: Renderer, workers: int) -> Iterator[Output]:
    """A site's only register, with a long history: its root page and API files and the parts of
    its languages' pages from the workers as they are done, then what the centre lists of
    it. A short one: in this process."""
    slug = job.folder.slug
    try:
        site = job.site(renderer.known, renderer.shared)
    except PolicyError as exc:
        yield Output(slug, None, problems=tuple(exc.diagnostics))
        return
    base = _base(job)
    if len(site.versions) < SPLIT_VERSIONS:
        yield _site_output(slug, site, base, renderer, one_at_a_time=True)
        return
    global _SPLIT
    _SPLIT = Split(slug, base, site)
    feeds: dict[str, Feed] = {}
    # A few parts a worker, so that none waits long for the last one.
    parts = language_parts(site, 2 * workers)
    try:
        with _pool(min(workers, len(parts)), renderer) as pool:
            # No list of the futures is kept: each holds its pages until it is let go.
            done = as_completed(
                [pool.submit(own_output), *(pool.submit(language_output, part) for part in parts)]
            )
            for future in done:
                output = future.result()
                feeds.update(output.feeds or {})
                yield output
    finally:
        _SPLIT = None
    # In the languages' order, as a build in one process has them.
    urls = [page_url("feed", lang, base=base) for lang in site.languages]
    register_feeds = {url: feeds[url] for url in urls}
    yield Output(slug, listing.listed(slug, base, site, register_feeds), warnings=site.warnings)


@contextmanager
def _pool(workers: int, renderer: Renderer) -> Iterator[ProcessPoolExecutor]:
    renderer.before_fork()
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    finally:
        # Done, or stopped early (a failure): nothing more is started.
        pool.shutdown(wait=True, cancel_futures=True)
