"""What a release must get right before a version is frozen: a version marked editorial
(``material: false``) holds no material change unless a review accepts exactly those
changes for exactly this release, a material change says what changed (``summary``, also
when accepted as editorial: the summary is what visitors read beside the kind of change;
the review's reason is an internal note, as for every reviewed warning), the update date is
not in the future, and a version that would overtake an announced effective date says so
(``supersedes_announced``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from privacy_notice.diagnostics import Diagnostic
from privacy_notice.history.change import Change, material_changes
from privacy_notice.history.effective import Dates, dates_of, overtaken_by
from privacy_notice.source.loaded import Loaded, items_at

# The article name under reviewed_warnings that accepts material changes released as
# editorial, with a reason (as any other reviewed warning).
REVIEWED_MATERIALITY = "material-change"


def release_problems(
    loaded: Loaded,
    changes: Sequence[Change] | None,
    today: dt.date,
    released: Sequence[Dates] = (),
) -> list[Diagnostic]:
    """Problems of releasing ``loaded`` now; ``changes`` from the latest release (None for
    the first version); ``released``: the dates of the released versions, oldest first."""
    notice = loaded.data["notice"]
    found = announced_problems(loaded, released)
    updated = dt.date.fromisoformat(str(notice["updated"]))
    if updated > today:
        found.append(
            loaded.diagnostic(
                ("notice", "updated"),
                f"{updated} is in the future (today is {today}): release on the update date, "
                "and announce a later start with effective",
            )
        )
    if changes is None:
        return found
    source = str(loaded.data.get("source_language") or "en")
    material = [_described(change, source) for change in material_changes(changes)]
    if material and not notice["material"]:
        found += _unaccepted(loaded, str(updated), material)
    if (notice["material"] or material) and not notice.get("summary"):
        found.append(
            loaded.diagnostic(
                ("notice",),
                "a material change needs a summary of what changed: add notice.summary",
                at_key=True,
            )
        )
    return found


def announced_problems(loaded: Loaded, released: Sequence[Dates]) -> list[Diagnostic]:
    """A version that would keep an announced one from ever taking effect must say so
    (``notice.supersedes_announced``: the announced date), and only such a version."""
    notice = loaded.data["notice"]
    overtaken = overtaken_by(released, dates_of(str(notice["updated"]), notice))
    acknowledged = notice.get("supersedes_announced")
    if overtaken:
        announced = overtaken[-1]
        if acknowledged == announced.since:
            return []
        if acknowledged:
            return [
                loaded.diagnostic(
                    ("notice", "supersedes_announced"),
                    f"the version of {announced.updated} is announced to take effect on "
                    f"{announced.since}, not {acknowledged}: set supersedes_announced: "
                    f"{announced.since}",
                )
            ]
        carried = notice.get("effective") == announced.since
        hint = (
            f"remove notice.effective (carried over from the version of {announced.updated}) "
            f"or set it to a date after {announced.since}"
            if carried
            else f"set notice.effective to a date after {announced.since}"
        )
        return [
            loaded.diagnostic(
                ("notice", "effective") if "effective" in notice else ("notice", "updated"),
                f"the version of {announced.updated} is announced to take effect on "
                f"{announced.since}; releasing this version would mean it never takes effect. "
                f"To replace it, add supersedes_announced: {announced.since} to notice; "
                f"otherwise {hint}",
            )
        ]
    if acknowledged:
        return [
            loaded.diagnostic(
                ("notice", "supersedes_announced"),
                f"no released version is announced to take effect on {acknowledged} or "
                "later, so this version supersedes no announcement: remove "
                "notice.supersedes_announced (it belongs to the version that replaced one)",
            )
        ]
    return []


def _unaccepted(loaded: Loaded, updated: str, material: list[str]) -> list[Diagnostic]:
    """Why the material changes of an editorial release are refused: no review accepts
    exactly them for this release (``updated``); none when one does."""
    reviews = [
        (index, review)
        for index, review in items_at(loaded.data, ("reviewed_warnings",))
        if review.get("article") == REVIEWED_MATERIALITY
    ]
    if any(_accepts(review, updated, material) for _, review in reviews):
        return []
    approval = (
        f"{{article: {REVIEWED_MATERIALITY}, release: {updated}, "
        f"changes: {json.dumps(material, ensure_ascii=False)}, reason: …}}"
    )
    found = [
        loaded.diagnostic(
            ("notice", "material"),
            f"marked editorial, but it changes processing: {'; '.join(material)}. Set "
            f"material: true (with a summary), or accept exactly these changes for this "
            f"release under reviewed_warnings: {approval}",
        )
    ]
    for index, review in reviews:
        if str(review.get("release")) != updated:
            why = f"it accepts the release of {review.get('release')}, not this one: remove it"
        else:
            why = "it accepts other changes than this release has: review them again"
        found.append(
            loaded.diagnostic(
                ("reviewed_warnings", index), f"this review does not accept them: {why}"
            )
        )
    return found


def _accepts(review: dict[str, Any], updated: str, material: list[str]) -> bool:
    return (
        str(review.get("release")) == updated
        and sorted(review.get("changes") or ()) == sorted(material)
        and bool(review.get("reason"))
    )


def _described(change: Change, source: str) -> str:
    """A change as the diagnostics name it: the English words of the message, the names
    as ``policy.yaml`` writes them (its source language), so that a review that accepts it
    does not depend on a translation."""
    return change.describe(_language_of(change, source), lambda message: message)


def _language_of(change: Change, source: str) -> str:
    for value in change.values.values():
        values = getattr(value, "values", None)
        if values:
            return source if source in values else next(iter(values))
    return source
