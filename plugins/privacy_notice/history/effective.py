"""Which version of the notice is in force on a day, from the update and effective dates.

A version starts on its effective date (``notice.effective``), else on its update date.
On any day the notice in force is the latest released version that has started: so a
version published before an earlier one's announced effective date overtakes it, and
the announced version never takes effect. Everything here is a pure function of the
dates, so the same dates (and the same build date, ``as_of``) give the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Dates:
    """A version's update date and the day it starts (its effective date, else the update)."""

    updated: str
    starts: str


@dataclass(frozen=True)
class InForce:
    """When a version is in force: from ``since`` to ``until`` (the last day, inclusive).

    ``since`` None: the version never takes effect (a later version started first);
    ``replaced_by`` is then the update date of the first later version that did.
    ``until`` None: nothing has replaced it (yet)."""

    updated: str
    starts: str
    since: str | None
    until: str | None
    replaced_by: str | None = None

    @property
    def overtaken(self) -> bool:
        return self.since is None

    def covers(self, day: str) -> bool:
        return self.since is not None and self.since <= day and (self.until or day) >= day


def dates_of(updated: str, notice: Mapping[str, Any]) -> Dates:
    """The dates of the version of ``updated`` from its document's ``notice``."""
    return Dates(updated, str(notice.get("effective") or updated))


def periods(versions: Sequence[Dates]) -> tuple[InForce, ...]:
    """When each version (oldest first) is in force."""
    found = []
    later_start: str | None = None  # the earliest start of the versions after this one
    # The later versions that may still replace an earlier one, nearest last: each starts
    # earlier than those nearer (a monotonic stack, so the whole is linear).
    later: list[Dates] = []
    for version in reversed(versions):
        while later and later[-1].starts > version.starts:
            later.pop()
        if later_start is not None and later_start <= version.starts:
            found.append(InForce(version.updated, version.starts, None, None, later[-1].updated))
        else:
            until = _day_before(later_start) if later_start else None
            found.append(InForce(version.updated, version.starts, version.starts, until))
        later.append(version)
        later_start = min(later_start or version.starts, version.starts)
    return tuple(reversed(found))


def in_force_before(versions: Sequence[Dates]) -> tuple[str | None, ...]:
    """For each version (oldest first), the update date of the version in force the day
    before it starts, among the versions released before it: the latest earlier one that
    started earlier (None for the first). Usually the previous version; not when the
    previous ones were announced for a day this one replaced them before."""
    found: list[str | None] = []
    earlier: list[Dates] = []  # a monotonic stack, as in periods()
    for version in versions:
        while earlier and earlier[-1].starts >= version.starts:
            earlier.pop()
        found.append(earlier[-1].updated if earlier else None)
        earlier.append(version)
    return tuple(found)


def in_force_on(versions: Sequence[Dates], day: str) -> str | None:
    """The update date of the version in force on ``day``; None before the first starts."""
    return next((p.updated for p in periods(versions) if p.covers(day)), None)


def overtaken_by(released: Sequence[Dates], new: Dates) -> list[InForce]:
    """The released versions that would never take effect if ``new`` were released:
    those announced to start on or after the day ``new`` starts."""
    return [p for p in periods(released) if p.since is not None and p.since >= new.starts]


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
