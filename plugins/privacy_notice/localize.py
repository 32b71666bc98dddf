"""Locale-dependent formatting through Babel: dates, ISO 8601 durations, country and
language names, and lists. Nothing here spells a month or a plural by hand."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale

# Babel's dates (which imports zoneinfo), lists and units are imported where they format:
# validate imports this module only for known_locale (~8 ms of its start).

_DURATION = re.compile(r"^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_UNITS = ("duration-year", "duration-month", "duration-week", "duration-day")
_DAYS = dict(zip(_UNITS, (365.25, 30.44, 7.0, 1.0), strict=True))


@cache
def locale_for(locale: str) -> Locale:
    """The Babel locale of a language (``en``) or of a locale (``en_GB``). Every function
    here takes either: a notice chooses a language's locale in ``locales``."""
    return Locale.parse(locale)


def known_locale(code: str) -> bool:
    """Whether Babel has locale data for ``code``: a language (``de``) or a locale
    (``sv_FI``)."""
    from babel.localedata import exists

    return exists(code)


# The formatting functions are pure and a build asks the same questions on every page
# (a period, a language's name): each is answered once per process (Babel parses number
# and unit patterns on every call).
@cache
def format_date(iso_date: str, lang: str) -> str:
    """``2019-10-23`` -> ``23. lokakuuta 2019`` / ``23 oktober 2019`` / ``23 October 2019``
    (en_GB or en_FI; plain ``en`` writes ``October 23, 2019``)."""
    from babel.dates import format_date as babel_date

    return babel_date(dt.date.fromisoformat(iso_date), "long", locale=locale_for(lang))


def duration_parts(iso_duration: str) -> list[tuple[int, str]]:
    """``P1Y6M`` -> ``[(1, "duration-year"), (6, "duration-month")]``."""
    match = _DURATION.match(iso_duration)
    if not match:
        raise ValueError(f"{iso_duration!r} is not an ISO 8601 duration")
    return [(int(n), unit) for n, unit in zip(match.groups(), _UNITS, strict=True) if n]


def duration_days(iso_duration: str) -> float:
    """An ISO 8601 duration in days, for comparing periods (a month as 30.44 days)."""
    sizes = {
        "duration-year": 365.25,
        "duration-month": 30.44,
        "duration-week": 7,
        "duration-day": 1,
    }
    return sum(n * sizes[unit] for n, unit in duration_parts(iso_duration))


@cache
def format_duration(iso_duration: str, lang: str) -> str:
    """``P3M`` -> ``3 kuukautta`` / ``3 månader`` / ``3 months``; exact, never rounded."""
    from babel.units import format_unit

    locale = locale_for(lang)
    parts = [
        format_unit(n, unit, length="long", locale=locale)
        for n, unit in duration_parts(iso_duration)
    ]
    return format_list(parts, lang)


def format_list(items: list[str], lang: str) -> str:
    from babel.lists import format_list as babel_list

    return babel_list(list(items), locale=locale_for(lang)) if items else ""


def country_name(code: str, lang: str) -> str:
    return str(locale_for(lang).territories.get(code, code))


@cache
def language_name(lang: str) -> str:
    """The language's own name for itself, capitalized for a menu: Suomi, Svenska, English."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]
