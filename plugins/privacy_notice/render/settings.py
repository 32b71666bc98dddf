"""The plugin's settings: every ``PRIVACY_NOTICE_*`` name, its type, default and meaning,
declared once (:class:`NoticeSettings`) and checked when a build starts.

Pelican reads every upper-case name of a settings file and ignores those that nothing
asks for, so a misspelt ``PRIVACY_NOTICE_DRAFT = False`` would silently publish a draft.
Here a name that looks like one of ours but is not declared, and a value of the wrong
type, are errors located at the line of the settings file that assigns them (following
``from pelicanconf import *`` into the file it imports).

Publishing does not rest on a boolean that a typo can drop: ``privacy-notice build
--publish`` (``make publish``) and an absolute ``SITEURL`` both mean publishing, which
refuses drafts, fallbacks and the preview whatever the settings say.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pelican.settings import DEFAULT_CONFIG

from privacy_notice.diagnostics import PolicyError
from privacy_notice.render.settings_file import Locator
from privacy_notice.render.site_url import placeholder_domain
from privacy_notice.source.options import Options

PREFIX = "PRIVACY_NOTICE_"
# Where ``privacy-notice build`` records the settings file it read, to locate problems in
# it. Not an upper-case name, so no settings file can set it by accident.
SOURCE_KEY = "privacy_notice.settings_file"
# The options ``privacy-notice build`` checked before the build, so that the generator
# does not check the settings a second time (``pelican`` alone leaves it unset).
OPTIONS_KEY = "privacy_notice.options"


@dataclass(frozen=True)
class Kind:
    """The Python types a setting accepts, and how a message names them."""

    types: tuple[type, ...]
    description: str
    pattern: str = ""  # what a text value must match, if anything

    def accepts(self, value: object) -> bool:
        if isinstance(value, str) and self.pattern:
            return re.fullmatch(self.pattern, value) is not None
        return isinstance(value, self.types)


PATH = Kind((str, os.PathLike), "a path (text)")
OPTIONAL_PATH = Kind((str, os.PathLike, type(None)), "a path (text) or None")
FLAG = Kind((bool,), "True or False")
OPTIONAL_COUNT = Kind((int, type(None)), "a whole number of processes, or None")
OPTIONAL_DATE = Kind((str, type(None)), "a date YYYY-MM-DD (text) or None", r"\d{4}-\d{2}-\d{2}")


def about(kind: Kind, meaning: str) -> dict[str, object]:
    """A setting's declaration, as the metadata of its field."""
    return {"kind": kind, "meaning": meaning}


@dataclass(frozen=True)
class NoticeSettings:
    """The values of the ``PRIVACY_NOTICE_*`` settings; each field is one setting, named
    ``PRIVACY_NOTICE_`` + the field's name in upper case."""

    root: str | os.PathLike[str] | None = field(
        default=None,
        metadata=about(
            OPTIONAL_PATH,
            "The directory the paths below are relative to (default: the parent of PATH).",
        ),
    )
    policy: str | os.PathLike[str] = field(
        default="policy.yaml", metadata=about(PATH, "The register.")
    )
    translations: str | os.PathLike[str] = field(
        default="translations",
        metadata=about(
            PATH,
            "The notice's gettext catalogs, `<lang>/LC_MESSAGES/policy.po` (the theme's are "
            "in the theme, `THEME/translations/`).",
        ),
    )
    versions: str | os.PathLike[str] = field(
        default="content/versions",
        metadata=about(PATH, "The released snapshots and their `index.json`."),
    )
    drafts: bool = field(
        default=True,
        metadata=about(
            FLAG,
            "Show an unreleased `policy.yaml` as a draft, with a banner (not when publishing).",
        ),
    )
    fallback: bool = field(
        default=False,
        metadata=about(
            FLAG,
            "Show untranslated texts in the source language, marked, instead of failing "
            "(not when publishing).",
        ),
    )
    preview: bool = field(
        default=False,
        metadata=about(
            FLAG,
            "The live preview (set by `privacy-notice build --preview`, `make devserver`): "
            "fall back, and show an edit of a released version as a draft.",
        ),
    )
    publish: bool = field(
        default=False,
        metadata=about(
            FLAG,
            "Publishing (set by `privacy-notice build --publish`, `make publish`, and implied "
            "by an absolute `SITEURL`): no drafts, no fallback, no preview, whatever the rest "
            "says.",
        ),
    )

    as_of: str | None = field(
        default=None,
        metadata=about(
            OPTIONAL_DATE,
            "The day the site is built as of (set by `privacy-notice build --as-of DATE`): "
            "which version is in force. None: today in `TIMEZONE`.",
        ),
    )

    search: bool = field(
        default=False,
        metadata=about(
            FLAG,
            "Full-text search of the privacy centre (`privacy-notice build --search`): a "
            "search page per language, indexed by Pagefind (`pip install "
            "'pagefind[extended]'`). Off: no page has a script.",
        ),
    )
    jobs: int | None = field(
        default=None,
        metadata=about(
            OPTIONAL_COUNT,
            "How many processes build the registers (`privacy-notice build --jobs N`), or the "
            "pages of a site's only register when it has 20 versions or more. None: one per "
            "core; 1: all in the build's own process.",
        ),
    )

    @property
    def allow_draft(self) -> bool:
        return self.drafts and not self.publish

    @property
    def allow_fallback(self) -> bool:
        return self.fallback and not self.publish

    @property
    def allow_preview(self) -> bool:
        return self.preview and not self.publish


@dataclass(frozen=True)
class Setting:
    """One row of the settings reference (README.md)."""

    attribute: str  # of NoticeSettings
    name: str
    kind: Kind
    default: object
    meaning: str


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, PREFIX + f.name.upper(), f.metadata["kind"], f.default, f.metadata["meaning"])
    for f in fields(NoticeSettings)
)
_NAMES = [s.name for s in SETTINGS]


def check_settings(settings: Mapping[str, Any]) -> NoticeSettings:
    """The plugin's settings from Pelican's, checked: raise with every problem, located."""
    problems = [*_unknown(settings), *_mistyped(settings), *_placeholder(settings)]
    if problems:
        where = Locator(settings.get(SOURCE_KEY))
        raise PolicyError([where.locate(name, message, path) for name, path, message in problems])
    values = {s.attribute: settings[s.name] for s in SETTINGS if s.name in settings}
    publish = bool(values.get("publish")) or is_absolute_url(settings.get("SITEURL"))
    return NoticeSettings(**{**values, "publish": publish})


def is_absolute_url(url: object) -> bool:
    return isinstance(url, str) and re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^/]", url) is not None


Problem = tuple[str, str, str]  # (setting name, path shown, message)


def _unknown(settings: Mapping[str, Any]) -> Iterator[Problem]:
    # Pelican's own settings (every build has all of them) are never misspellings of ours:
    # none is close enough to be reported, and comparing them was ~3 ms of every build.

    for name in settings:
        if name in DEFAULT_CONFIG:
            continue
        if isinstance(name, str) and name.isupper() and name not in _NAMES and _ours(name):
            close = _closest(name)
            hint = f"did you mean '{close}'?" if close else f"known: {', '.join(_NAMES)}"
            yield name, "", f"unknown setting '{name}'; {hint}"


def _ours(name: str) -> bool:
    """A name meant for this plugin: its prefix, or close to a declared name (other
    plugins' settings and the settings file's own helpers are not ours to judge)."""
    if name.startswith("PRIVACY"):
        return True
    # Pelican has some 150 settings: compare only names whose start looks like our prefix
    # with every declared name (a build would otherwise spend ~15 ms in difflib).
    start = difflib.SequenceMatcher(None, name[: len(PREFIX)], PREFIX)
    return start.quick_ratio() >= 0.6 and _closest(name) is not None


def _closest(name: str) -> str | None:
    """The declared name ``name`` is likely a misspelling of (past the shared prefix,
    if it has it: every declared name would be close otherwise)."""
    if name.startswith(PREFIX):
        suffixes = [n.removeprefix(PREFIX) for n in _NAMES]
        close = difflib.get_close_matches(name.removeprefix(PREFIX), suffixes, n=1, cutoff=0.6)
        return PREFIX + close[0] if close else None
    close = difflib.get_close_matches(name, _NAMES, n=1, cutoff=0.75)
    return close[0] if close else None


def _placeholder(settings: Mapping[str, Any]) -> Iterator[Problem]:
    """An absolute ``SITEURL`` (publishing) that is a placeholder (see :mod:`.site_url`)."""
    url = settings.get("SITEURL")
    domain = placeholder_domain(url) if isinstance(url, str) and is_absolute_url(url) else None
    if domain:
        yield (
            "SITEURL",
            "SITEURL",
            f"{url!r} is a placeholder ({domain} is for examples), not where the notice is "
            "published: set the site's address in the SITEURL environment variable "
            "(SITEURL=https://… make publish) or on this line",
        )


def _mistyped(settings: Mapping[str, Any]) -> Iterator[Problem]:
    for setting in SETTINGS:
        if setting.name in settings and not setting.kind.accepts(settings[setting.name]):
            value = settings[setting.name]
            yield (
                setting.name,
                setting.name,
                f"expected {setting.kind.description}, got {value!r} ({type(value).__name__})",
            )


def options_from(settings: dict[str, Any]) -> Options:
    """The pipeline's options from Pelican's settings, checked (see :mod:`.settings`)."""
    notice = check_settings(settings)
    base = Path(notice.root or Path(settings["PATH"]).parent)
    return Options(
        policy=base / notice.policy,
        translations=base / notice.translations,
        versions=base / notice.versions,
        allow_fallback=notice.allow_fallback,
        allow_draft=notice.allow_draft,
        theme_translations=Path(settings["THEME"]) / "translations",
        own_theme_translations=base / notice.translations,
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
