"""Locale-dependent formatting through Babel: dates, ISO 8601 durations, country and
language names, and lists. Nothing here spells a month or a plural by hand.

Babel's answers are kept between builds (:func:`keep_answers_in`): loading a locale's data (a
merge of ``en_FI``, ``en_150``, ``en_001``, ``en`` and ``root`` for English as written in
Finland) is a tenth of a small build, and a rebuild asks the same few questions again.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import KeptTexts, code_fingerprint

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported where it formats: validate imports this module only for known_locale.

_DURATION = re.compile(r"^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_UNITS = ("duration-year", "duration-month", "duration-week", "duration-day")
_DAYS = dict(zip(_UNITS, (365.25, 30.44, 7.0, 1.0), strict=True))
_SLOT = re.compile("\x00(\\d+)\x00")  # an item's place in a list's shape (see format_list)


# Babel's answers by question (``date 2019-10-23 fi_FI``), kept between builds once
# keep_answers_in names a folder: a question an earlier build asked loads no locale data.
# All of them: a few hundred bytes, and callers' own memories hide which a build asked.
answers = KeptTexts(forget_unused=False)


def keep_answers_in(folder: str | os.PathLike[str]) -> None:
    """Keep Babel's answers in ``<folder>/locale.kept``, under a key of Babel's version
    (its CLDR data) and this module: either changed, every question is asked afresh."""
    import babel

    key = code_fingerprint(("localize.py",), babel.__version__.encode()).hex()
    answers.keep_in(Path(folder) / "locale.kept", key)


@cache
def locale_for(locale: str) -> Locale:
    """The Babel locale of a language (``en``) or of a locale (``en_GB``). Every function
    here takes either: a notice chooses a language's locale in ``locales``."""
    from babel import Locale

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

    def ask() -> str:
        from babel.dates import format_date as babel_date

        return babel_date(dt.date.fromisoformat(iso_date), "long", locale=locale_for(lang))

    return answers(f"date {iso_date} {lang}", ask)


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

    def ask() -> str:
        from babel.units import format_unit

        locale = locale_for(lang)
        parts = [
            format_unit(n, unit, length="long", locale=locale)
            for n, unit in duration_parts(iso_duration)
        ]
        return format_list(parts, lang)

    return answers(f"duration {iso_duration} {lang}", ask)


def format_list(items: list[str], lang: str) -> str:
    """``a, b ja c``: the language's list of as many items (CLDR's list patterns place
    the items and never look into them, so the shape is asked once per length)."""
    if not items:
        return ""

    def ask() -> str:
        from babel.lists import format_list as babel_list

        slots = [f"\x00{index}\x00" for index in range(len(items))]
        return babel_list(slots, locale=locale_for(lang))

    shape = answers(f"list {len(items)} {lang}", ask)
    return _SLOT.sub(lambda slot: items[int(slot[1])], shape)


def country_name(code: str, lang: str) -> str:
    return answers(
        f"country {code} {lang}", lambda: str(locale_for(lang).territories.get(code, code))
    )


def language_name(lang: str) -> str:
    """The language's own name for itself, capitalized for a menu: Suomi, Svenska, English."""

    def ask() -> str:
        name = locale_for(lang).get_display_name(lang) or lang
        return name[:1].upper() + name[1:]

    return answers(f"language {lang}", ask)
