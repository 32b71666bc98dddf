"""ISO 8601 durations as the register states storage periods and response times
(``P3M``, ``P1Y6M``): their parts and their length, for checks and comparisons.
Writing them in a language is :func:`privacy_notice.languages.localize.format_duration`.
"""

from __future__ import annotations

import re

_DURATION = re.compile(r"^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


_UNITS = ("duration-year", "duration-month", "duration-week", "duration-day")


_DAYS = dict(zip(_UNITS, (365.25, 30.44, 7.0, 1.0), strict=True))


def duration_parts(iso_duration: str) -> list[tuple[int, str]]:
    """``P1Y6M`` -> ``[(1, "duration-year"), (6, "duration-month")]``."""
    match = _DURATION.match(iso_duration)
    if not match:
        raise ValueError(f"{iso_duration!r} is not an ISO 8601 duration")
    return [(int(n), unit) for n, unit in zip(match.groups(), _UNITS, strict=True) if n]


def duration_days(iso_duration: str) -> float:
    """An ISO 8601 duration in days, for comparing periods (a month as 30.44 days)."""
    return sum(n * _DAYS[unit] for n, unit in duration_parts(iso_duration))
