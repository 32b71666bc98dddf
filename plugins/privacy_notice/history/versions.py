"""A register's versions as its site shows them: ``policy.yaml`` loaded, checked and
translated, then placed among the released versions (a draft after them, or the
newest released one itself); the same path for a build and for ``release``.

policy.yaml -> load -> validate -> translate (catalogs) -> register document
            -> place among released versions -> models of every version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path as FilePath
from typing import Any

from privacy_notice.diagnostics import Diagnostic, PolicyError, display, errors
from privacy_notice.history.canonical import canonical_json, sha256
from privacy_notice.history.diff import semantic_changes
from privacy_notice.history.effective import Dates, InForce, dates_of, in_force_before, periods
from privacy_notice.history.release_rules import (
    release_problems,
)
from privacy_notice.history.store import (
    History,
    Placement,
    Version,
    changed_release,
    place_current,
    read_history,
    release,
)
from privacy_notice.languages.catalogs import CatalogFile, read_catalogs
from privacy_notice.languages.resolve import Resolution, resolve
from privacy_notice.model.directory import EMPTY, Directory
from privacy_notice.model.register import register_from_document
from privacy_notice.source.lint import unfilled
from privacy_notice.source.loaded import Loaded
from privacy_notice.source.options import Options
from privacy_notice.source.validate import SharedRead, check_policy


@dataclass(frozen=True, eq=False)
class Site:
    """One register's versions, checked and translated, with its catalogs and locales."""

    versions: tuple[Version, ...]  # oldest first; the last is the current notice
    catalogs: Mapping[tuple[str, str], CatalogFile]
    warnings: tuple[Diagnostic, ...] = field(default=())
    locales: Mapping[str, str] = field(default_factory=dict)  # lang -> locale, if chosen
    as_of: str = ""  # the build date (see Options.as_of); "" for "the newest is in force"
    # The organisation's units and groups of people (shared.yaml), by which its pages name
    # the register's unit and the groups it concerns.
    directory: Directory = EMPTY

    def locale(self, lang: str) -> str:
        """The locale that writes dates and lists in ``lang``."""
        return self.locales.get(lang, lang)

    @property
    def current(self) -> Version:
        return self.versions[-1]

    @property
    def languages(self) -> tuple[str, ...]:
        return self.current.languages

    @property
    def source_language(self) -> str:
        return self.current.register.source_language

    @cached_property
    def _dates(self) -> tuple[Dates, ...]:
        return tuple(dates_of(v.date, v.document["notice"]) for v in self.versions)

    @cached_property
    def periods(self) -> Mapping[str, InForce]:
        """When each version (by date) is in force, from its dates alone."""
        return {p.updated: p for p in periods(self._dates)}

    @cached_property
    def replaced_in_force(self) -> Mapping[str, Version]:
        """For each version that replaced announced ones before they took effect (by
        date), the version in force until it started, which its previous version was
        not: what its changes must also be compared with (see effective.py)."""
        by_date = {v.date: v for v in self.versions}
        found = {}
        for index, before in enumerate(in_force_before(self._dates)):
            if index and before is not None and before != self.versions[index - 1].date:
                found[self.versions[index].date] = by_date[before]
        return found

    @cached_property
    def in_force(self) -> Version | None:
        """The version in force on the build date; None before the first takes effect."""
        if not self.as_of:
            return self.current
        return next((v for v in self.versions if self.periods[v.date].covers(self.as_of)), None)

    @property
    def announced(self) -> bool:
        """Whether the newest version is announced, not yet in force, on the build date."""
        return self.periods[self.current.date].starts > (self.as_of or self.current.date)

    def changes_languages(self, version: Version) -> tuple[str, ...]:
        """The languages ``version`` has a changes page in: those with an earlier version."""
        earlier = self._earlier_languages[version.date]
        return tuple(lang for lang in version.languages if lang in earlier)

    @cached_property
    def _earlier_languages(self) -> Mapping[str, frozenset[str]]:
        """By date, the languages of the versions before that one."""
        found, seen = {}, frozenset[str]()
        for version in self.versions:
            found[version.date] = seen
            seen = seen | set(version.languages)
        return found


def translate_policy(
    options: Options,
    loaded: Loaded,
    *,
    allow_fallback: bool,
    known: Mapping[FilePath, CatalogFile] | None = None,
) -> tuple[dict[tuple[str, str], CatalogFile], Resolution]:
    """The register document of ``policy.yaml`` in every published language."""
    data = loaded.data
    catalogs = read_catalogs(
        options.translations,
        data["languages"],
        data["source_language"],
        display_root=display(options.translations),
        theme_dir=options.theme_translations,
        theme_display=display(options.theme_translations),
        own_theme_dir=options.own_theme_translations,
        shared_dir=options.shared_translations,
        known=known,
    )
    resolution = resolve(loaded, catalogs, allow_fallback=allow_fallback)
    if errors(resolution.problems):
        raise PolicyError(resolution.problems)
    return catalogs, resolution


@dataclass(frozen=True)
class Placed:
    """``policy.yaml`` checked, translated and placed among the released versions."""

    loaded: Loaded
    warnings: tuple[Diagnostic, ...]
    catalogs: Mapping[tuple[str, str], CatalogFile]
    resolution: Resolution
    history: History
    placement: Placement

    @property
    def document(self) -> dict[str, Any]:
        return self.resolution.document

    @property
    def date(self) -> str:
        return str(self.document["notice"]["updated"])


def place_policy(
    options: Options,
    *,
    allow_fallback: bool,
    refuse_unfilled: bool,
    known: Mapping[FilePath, CatalogFile] | None = None,
    shared: SharedRead | None = None,
) -> Placed:
    """The one way from ``policy.yaml`` to its place in the history, for the build and
    for ``release``. A changed release is refused, except in the live preview, which
    shows it as a draft with a warning."""
    loaded, warnings = check_policy(options.policy, shared=shared)
    if refuse_unfilled and unfilled(loaded):  # a skeleton is never published nor released
        raise PolicyError(unfilled(loaded, severity="error"))
    catalogs, resolution = translate_policy(
        options, loaded, allow_fallback=allow_fallback, known=known
    )
    history = load_history(options)
    date = resolution.document["notice"]["updated"]
    placement = place_current(loaded, resolution.document, history)
    if placement is Placement.CHANGED_RELEASE:
        if not options.preview:
            raise PolicyError([changed_release(loaded, date)])
        warnings = [*warnings, changed_release(loaded, date, severity="warning")]
    return Placed(loaded, tuple(warnings), catalogs, resolution, history, placement)


def release_policy(options: Options, today: dt.date) -> tuple[Placed, FilePath | None]:
    """Release ``policy.yaml`` as a new version: the file written, or None when its
    version is already released."""
    placed = check_release(options, today)
    if placed.placement is Placement.RELEASED:
        return placed, None
    return placed, release(placed.document, placed.history)


def check_release(options: Options, today: dt.date) -> Placed:
    """``policy.yaml`` checked for release, nothing written: several registers are all
    checked before any is released."""

    placed = place_policy(options, allow_fallback=False, refuse_unfilled=True)
    if placed.placement is Placement.RELEASED:
        return placed
    latest = placed.history.latest
    changes = (
        None
        if latest is None
        else semantic_changes(
            register_from_document(latest.document), register_from_document(placed.document)
        )
    )
    released = [dates_of(s.date, s.document["notice"]) for s in placed.history.snapshots]
    problems = release_problems(placed.loaded, changes, today, released)
    if problems:
        raise PolicyError(problems)
    return placed


def build_site(
    options: Options,
    directory: Directory = EMPTY,
    known: Mapping[FilePath, CatalogFile] | None = None,
    shared: SharedRead | None = None,
) -> Site:
    """A register's site; ``known``: the catalogs this build read already (see
    :func:`.catalogs.common_catalogs`), ``shared``: its project's ``shared.yaml`` as read
    once for every register."""
    placed = place_policy(
        options,
        allow_fallback=options.allow_fallback or options.preview,
        refuse_unfilled=not options.allow_draft,
        known=known,
        shared=shared,
    )
    document, date, placement = placed.document, placed.date, placed.placement
    if placement is not Placement.RELEASED and not options.allow_draft:
        raise PolicyError(
            [
                placed.loaded.diagnostic(
                    ("notice", "updated"),
                    f"the version of {date} is not released: run 'make release' before publishing",
                )
            ]
        )
    versions = [
        s for s in placed.history.snapshots if placement is Placement.RELEASED or s.date != date
    ]
    if placement is not Placement.RELEASED:
        raw = canonical_json(document)
        fallbacks = frozenset(placed.resolution.fallbacks)
        versions.append(Version(date, document, sha256(raw), raw, draft=True, fallbacks=fallbacks))
    notes = placed.history.notes  # such as: never released
    return Site(
        tuple(versions),
        placed.catalogs,
        (*notes, *placed.warnings, *placed.resolution.problems),
        dict(placed.loaded.data.get("locales") or {}),
        options.as_of,
        directory,
    )


def load_history(options: Options) -> History:
    return read_history(options.versions, display(options.versions))
