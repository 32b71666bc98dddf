"""Locale-dependent formatting through Babel: dates, ISO 8601 durations, country and
language names, and lists. Nothing here spells a month or a plural by hand, except the case
forms of durations that Babel lacks (model/cases.py).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_date as babel_date
from babel.lists import format_list as babel_list
from babel.units import format_unit

from privacy_notice.model.cases import case_form
from privacy_notice.model.durations import duration_parts


@cache
def locale_for(locale: str) -> Locale:
    """The Babel locale of a language (``en``) or of a locale (``en_GB``). Every function
    here takes either: a notice chooses a language's locale in ``locales``."""
    return Locale.parse(locale)


# Pure functions of their strings, asked the same questions on every page of every version:
# memoised (Babel's formatting takes ~0.1 ms an answer).


@cache
def format_date(iso_date: str, lang: str) -> str:
    """``2019-10-23`` -> ``23. lokakuuta 2019`` / ``23 oktober 2019`` / ``23 October 2019``
    (en_GB or en_FI; plain ``en`` writes ``October 23, 2019``)."""
    return babel_date(dt.date.fromisoformat(iso_date), "long", locale=locale_for(lang))


@cache
def format_duration(iso_duration: str, lang: str, case: str | None = None) -> str:
    """``P3M`` -> ``3 kuukautta`` / ``3 månader`` / ``3 months``; exact, never rounded.
    In a ``case`` (``genitive``: ``3 kuukauden``), from the forms of :mod:`.cases`, which
    Babel does not have; KeyError for a case the language does not have."""
    if case:
        parts = [
            f"{n} {case_form(lang, case, unit, n)}" for n, unit in duration_parts(iso_duration)
        ]
    else:
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


@cache
def language_name(lang: str) -> str:
    """The language's own name for itself, capitalized for a menu: Suomi, Svenska, English."""
    name = locale_for(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]
