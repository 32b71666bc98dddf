"""Locale-dependent formatting through Babel: dates, ISO 8601 durations, country and
language names, and lists. Nothing here spells a month or a plural by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_date
from babel.lists import format_list as babel_list
from babel.units import format_unit

_DURATION = re.compile(r"^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_UNITS = ("duration-year", "duration-month", "duration-week", "duration-day")
_DAYS = dict(zip(_UNITS, (365.25, 30.44, 7.0, 1.0), strict=True))


@cache
def locale_for(locale: str) -> Locale:
    """The Babel locale of a language (``en``) or of a locale (``en_GB``). Every function
    here takes either: a notice chooses a language's locale in ``locales``."""
    return Locale.parse(locale)


_LOCALE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:_[A-Za-z0-9]+)*$")


def known_locale(code: str) -> bool:
    """Whether Babel has locale data for ``code``: a language (``de``) or a locale
    (``sv_FI``). Babel keeps a file for each (``babel/locale-data/sv_FI.dat``): one found
    answers without importing Babel, which ``validate`` needs for nothing else; else
    Babel's own lookup answers (it also knows other spellings of a code)."""
    from importlib.util import find_spec

    spec = find_spec("babel")
    data = Path(spec.origin).parent / "locale-data" if spec and spec.origin else None
    if data is not None and _LOCALE_CODE.match(code) and (data / f"{code}.dat").is_file():
        return True
    from babel.localedata import exists

    return exists(code)


def format_date(iso_date: str, lang: str) -> str:
    """``2019-10-23`` -> ``23. lokakuuta 2019`` / ``23 oktober 2019`` / ``23 October 2019``
    (en_GB or en_FI; plain ``en`` writes ``October 23, 2019``)."""
    return babel_date(dt.date.fromisoformat(iso_date), "long", locale=locale_for(lang))


def duration_parts(iso_duration: str) -> list[tuple[int, str]]:
    """``P1Y6M`` -> ``[(1, "duration-year"), (6, "duration-month")]``."""
    match = _DURATION.match(iso_duration)
    if not match:
        raise ValueError(f"{iso_duration!r} is not an ISO 8601 duration")
    return [(int(n), unit) for n, unit in zip(match.groups(), _UNITS, strict=True) if n]


def duration_days(iso_duration: str) -> float:
    """An ISO 8601 duration in days, for comparing periods (a month as 30.44 days)."""
    return sum(n * _DAYS[unit] for n, unit in duration_parts(iso_duration))


def format_duration(iso_duration: str, lang: str) -> str:
    """``P3M`` -> ``3 kuukautta`` / ``3 månader`` / ``3 months``; exact, never rounded."""
    locale = locale_for(lang)
    parts = [
        format_unit(n, unit, length="long", locale=locale)
        for n, unit in duration_parts(iso_duration)
    ]
    return format_list(parts, lang)


def format_list(items: list[str], lang: str) -> str:
    """``a, b ja c``: the language's list of as many items."""
    return babel_list(items, locale=locale_for(lang)) if items else ""


def country_name(code: str, lang: str) -> str:
    return str(locale_for(lang).territories.get(code, code))


def language_name(lang: str) -> str:
    """The language's own name for itself, capitalized for a menu: Suomi, Svenska, English."""
    name = locale_for(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]
