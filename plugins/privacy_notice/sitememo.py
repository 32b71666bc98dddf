"""The live preview's memory of each register's checked and placed site and rendered
bodies: its long-lived build worker (see :mod:`.previewworker`) checks again only the
registers whose inputs changed since its last build, and renders again only the bodies of
versions it has not rendered (an edit of ``policy.yaml`` changes the current version's, not
the released versions').

A site is kept under its :class:`~.site.Options` and the SHA-256 of every file it is built
from (policy, catalogs, released versions, the shared blocks and their catalogs, the theme's
catalogs); the plugin's code cannot change under a worker (it restarts). A register with
problems is never kept, so they are reported by every build, as a fresh process would.

``serve --register SLUG`` holds the other registers: while only that register's files
changed, the worker builds the others from what it kept (their site here, their output
in :mod:`.previewcache`), whatever their files say now, so they stay as last built.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup

from .bodies import BodyKey
from .previewcache import files_digest
from .site import Options, Site, build_site

_KEPT: dict[Options, tuple[bytes, Site]] = {}
_BODIES: dict[tuple[str, str], tuple[object, dict[BodyKey, Markup]]] = {}
_HELD: list[str] = []  # the slug of the one register rebuilt, while the others are held


def hold_others(slug: str | None) -> None:
    """The next builds: only register ``slug`` read anew (None: every register)."""
    _HELD[:] = [slug] if slug else []


def held(slug: str) -> bool:
    """Whether register ``slug`` is held: built from what the worker kept of it."""
    return bool(_HELD) and _HELD[0] != slug


def preview_site(options: Options, shared: Iterable[Path], slug: str) -> Site:
    """:func:`~.site.build_site` of ``options``, or the site kept from the last build of the
    same inputs (or of any, where register ``slug`` is held); ``shared``: the project's
    shared blocks (``shared.yaml``, ``shared/``)."""
    if held(slug) and options in _KEPT:
        return _KEPT[options][1]
    inputs = (options.policy, options.translations, options.versions, options.theme_translations)
    key = files_digest([*inputs, *shared])  # before building: an edit meanwhile is seen next
    kept = _KEPT.get(options)
    if kept is not None and kept[0] == key:
        return kept[1]
    site = build_site(options)
    _KEPT[options] = (key, site)
    return site


def kept_bodies(site: Site, base: str, theme: object) -> dict[str, dict[BodyKey, Markup]]:
    """Each language's bodies of the register in URL space ``base`` kept from the last
    build with the same ``theme`` (what else a body depends on: the theme's files, the
    settings); only those of versions still in ``site``, so that the memory stays small."""
    shown = {version.sha256 for version in site.versions}
    found = {}
    for lang in site.languages:
        fingerprint, bodies = _BODIES.get((base, lang), (None, {}))
        if fingerprint != theme:
            bodies = {}
        bodies = {key: body for key, body in bodies.items() if key[0] in shown}
        _BODIES[(base, lang)] = (theme, bodies)
        found[lang] = bodies
    return found
