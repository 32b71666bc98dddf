"""The pipeline from inputs to what the site shows, with no Pelican in it:

policy.yaml -> load -> validate -> translate (catalogs) -> register document
            -> place among released versions -> models of every version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from .cache import ValidationCache
from .diagnostics import Diagnostic, PolicyError, display, errors
from .export import canonical_json, sha256
from .i18n import CatalogFile, read_catalogs, resolve
from .lint import unfilled
from .load import Loaded
from .validate import check_policy
from .versions import (
    History,
    Placement,
    Version,
    changed_release,
    place_current,
    read_history,
)

# The tool's own theme: templates, CSS and the catalogs of its labels.
DEFAULT_THEME = FilePath(__file__).resolve().parents[2] / "theme"


@dataclass(frozen=True)
class Options:
    policy: FilePath
    translations: FilePath
    versions: FilePath
    # The theme's catalogs (domain ``theme``): they belong to the theme, not to the notice.
    theme_translations: FilePath = DEFAULT_THEME / "translations"
    allow_fallback: bool = False  # draft previews: show untranslated texts in the source language
    allow_draft: bool = True  # False for publishing: policy.yaml must be released
    cache: FilePath | None = None  # where validated inputs are remembered (see cache.py)
    # The live preview: untranslated texts fall back, and an edit of a released version
    # is shown as a draft (with a warning) instead of refused.
    preview: bool = False


@dataclass(frozen=True)
class Site:
    versions: tuple[Version, ...]  # oldest first; the last is the current notice
    catalogs: Mapping[tuple[str, str], CatalogFile]
    warnings: tuple[Diagnostic, ...] = field(default=())
    locales: Mapping[str, str] = field(default_factory=dict)  # lang -> locale, if chosen

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

    def changes_languages(self, version: Version) -> tuple[str, ...]:
        """The languages ``version`` has a changes page in: those with an earlier version."""
        earlier = {
            lang for v in self.versions[: self.versions.index(version)] for lang in v.languages
        }
        return tuple(lang for lang in version.languages if lang in earlier)


def translate_policy(options: Options, loaded: Loaded, *, allow_fallback: bool):
    """The register document of ``policy.yaml`` in every published language."""
    data = loaded.data
    catalogs = read_catalogs(
        options.translations,
        data["languages"],
        data["source_language"],
        display_root=display(options.translations),
        theme_dir=options.theme_translations,
        theme_display=display(options.theme_translations),
    )
    resolution = resolve(loaded, catalogs, allow_fallback=allow_fallback)
    if errors(resolution.problems):
        raise PolicyError(resolution.problems)
    return catalogs, resolution


def build_site(options: Options) -> Site:
    cache = ValidationCache(options.cache)
    loaded, warnings = check_policy(options.policy, cache)
    allow_fallback = options.allow_fallback or options.preview
    catalogs, resolution = translate_policy(options, loaded, allow_fallback=allow_fallback)
    history = load_history(options, cache)
    document = resolution.document
    date = document["notice"]["updated"]
    placement = place_current(loaded, document, history)
    if placement is Placement.CHANGED_RELEASE:
        if not options.preview:
            raise PolicyError([changed_release(loaded, date)])
        # The live preview shows the edit as a draft in place of the released version.
        warnings = [*warnings, changed_release(loaded, date, severity="warning")]
    if not options.allow_draft and unfilled(loaded):  # a skeleton is never published
        raise PolicyError(unfilled(loaded, severity="error"))
    if placement is not Placement.RELEASED and not options.allow_draft:
        raise PolicyError(
            [
                loaded.diagnostic(
                    ("notice", "updated"),
                    f"the version of {date} is not released: run 'make release' before publishing",
                )
            ]
        )
    versions = [s for s in history.snapshots if placement is Placement.RELEASED or s.date != date]
    if placement is not Placement.RELEASED:
        raw = canonical_json(document)
        fallbacks = frozenset(resolution.fallbacks)
        versions.append(Version(date, document, sha256(raw), raw, draft=True, fallbacks=fallbacks))
    cache.save()  # only now: everything above passed
    notes = history.notes  # such as: never released
    return Site(
        tuple(versions),
        catalogs,
        (*notes, *warnings, *resolution.problems),
        dict(loaded.data.get("locales") or {}),
    )


def load_history(options: Options, cache: ValidationCache | None = None) -> History:
    return read_history(options.versions, display(options.versions), cache)
