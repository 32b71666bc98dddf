"""The changes inside an item that keeps its place in a list: a field's sources, the data
fields a storage rule keeps, a purpose's description… each named precisely ("Sources of
Email address: + Telephone"), and what of a section is left that no such change explains
(:func:`undescribed`), so that a section with one described change cannot hide another.

Materiality (WP260 rev.01 ¶29–31): sources of data (Art. 14(2)(f)), the purposes and data
subjects of a field and a purpose's description are material whichever way they change;
data added to a storage rule or to what a recipient receives is material, data taken
away is in the data subject's favour (editorial, as a shorter storage period)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from privacy_notice.history.change import (
    N_,
    Change,
    Delta,
    Value,
    languages_differing,
    matched,
    plain,
)
from privacy_notice.model.register import Register, Text


def short_purpose(purpose: Any) -> Text:
    """A purpose by its short name or, without one, the first words of its description."""
    if purpose.name is not None:
        name: Text = purpose.name
        return name
    return Text({lang: _first_words(text) for lang, text in purpose.description.values.items()})


def _first_words(text: str, count: int = 8) -> str:
    words = re.sub(r"[*_`#>\[\]]|\(https?://[^)]*\)", "", text).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def detail_changes(old: Register, new: Register) -> Iterator[Change]:
    yield from _field_changes(old, new)
    yield from _rule_changes(old, new)
    yield from _recipient_changes(old, new)
    for before, purpose in matched(old.purposes.items, new.purposes.items):
        # Whether a rewrite only fixes wording cannot be told: a purpose that reads
        # differently is a changed purpose (WP260 ¶29), unless a reviewed override says so.
        if plain(before.description) != plain(purpose.description):
            yield Change(
                N_("Purpose changed: %(name)s"),
                {"name": short_purpose(purpose)},
                "purposes",
                languages=languages_differing(before.description, purpose.description),
            )


def _namer(old: Register, new: Register, kind: str) -> Callable[[str], Text | str | None]:
    """The name of the item ``kind`` with an id, as the new version (else the old) has it;
    None for an item the new version no longer has: its removal says it all."""

    def name(item_id: str) -> Text | str | None:
        item = new.item(kind, item_id)
        if item is None:
            return None if old.item(kind, item_id) else item_id
        return short_purpose(item) if kind == "purpose" else item.name

    return name


def _delta(
    message: str,
    section: str,
    owner: Value,
    ids: tuple[Iterable[str], Iterable[str]],
    name: Callable[[str], Text | str | None],
    *,
    material_if_removed: bool = True,
) -> Iterator[Change]:
    old_ids, new_ids = list(ids[0]), list(ids[1])
    added = tuple(n for i in new_ids if i not in old_ids if (n := name(i)) is not None)
    removed = tuple(n for i in old_ids if i not in new_ids if (n := name(i)) is not None)
    if added or removed:
        material = bool(added) or material_if_removed
        values = {"name": owner, "change": Delta(added, removed)}
        yield Change(message, values, section, material)


def _field_changes(old: Register, new: Register) -> Iterator[Change]:
    for before, field in matched(old.personal_data.fields, new.personal_data.fields):
        for message, attribute, kind in (
            (N_("Sources of %(name)s: %(change)s"), "sources", "channel"),
            (N_("Purposes of %(name)s: %(change)s"), "purposes", "purpose"),
            (N_("Data subjects of %(name)s: %(change)s"), "data_subjects", "group"),
        ):
            yield from _delta(
                message,
                "personal_data",
                field.name,
                (getattr(before, attribute), getattr(field, attribute)),
                _namer(old, new, kind),
            )
        if plain(before.special_category) != plain(field.special_category):
            yield Change(
                N_("Special category of %(name)s changed"), {"name": field.name}, "personal_data"
            )


def _rule_changes(old: Register, new: Register) -> Iterator[Change]:
    yield from _reference_changes(
        old,
        new,
        "retention",
        (old.retention.rules, new.retention.rules),
        (
            (N_("Data fields of the storage rule %(name)s: %(change)s"), "data_fields", "field"),
            (N_("Channels of the storage rule %(name)s: %(change)s"), "channels", "channel"),
            (N_("Purposes of the storage rule %(name)s: %(change)s"), "purposes", "purpose"),
        ),
    )


def _recipient_changes(old: Register, new: Register) -> Iterator[Change]:
    yield from _reference_changes(
        old,
        new,
        "recipients",
        (old.recipients.categories, new.recipients.categories),
        (
            (N_("Data fields disclosed to %(name)s: %(change)s"), "data_fields", "field"),
            (N_("Purposes of disclosure to %(name)s: %(change)s"), "purposes", "purpose"),
        ),
    )


def _reference_changes(
    old: Register,
    new: Register,
    section: str,
    items: tuple[Sequence[Any], Sequence[Any]],
    references: tuple[tuple[str, str, str], ...],
) -> Iterator[Change]:
    """What each matched item of a section refers to (its data fields, channels, purposes):
    added references are material, removed ones editorial."""
    for before, item in matched(*items):
        for message, attribute, kind in references:
            yield from _delta(
                message,
                section,
                item.name,
                (getattr(before, attribute), getattr(item, attribute)),
                _namer(old, new, kind),
                material_if_removed=False,
            )


# What the specific changes (diff.py and above) describe, per section: (the list of items,
# the parts of each item, the parts of the section itself). Nested parts are dotted.
_DESCRIBED: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "controller": (
        "",
        (),
        (
            "name",
            "identifiers",
            "visiting_address",
            "postal_address",
            "register_contact.email",
            "data_protection_officer",
            "representative",
            "joint_controllers",
            "public_authority",
        ),
    ),
    "data_subjects": ("groups", ("name", "children"), ()),
    "personal_data": (
        "fields",
        (
            "name",
            "sources",
            "purposes",
            "data_subjects",
            "special_category",
            "purpose",
            "provision",
            "confidential_under",
        ),
        (),
    ),
    "sources": ("channels", ("name",), ()),
    "protection": ("measures", ("name",), ()),
    "retention": (
        "rules",
        (
            "name",
            "period",
            "extension.period",
            "starts",
            "until",
            "data_fields",
            "channels",
            "purposes",
            "start_event",
        ),
        (),
    ),
    "recipients": (
        "categories",
        ("name", "countries", "role", "transfers", "data_fields", "purposes"),
        (),
    ),
    "purposes": (
        "items",
        (
            "name",
            "description",
            "legal_bases.basis",
            "legal_bases.interest",
            "legal_bases.law",
            "direct_marketing",
            "provision",
        ),
        (),
    ),
    "cookies": ("items", ("name", "purpose"), ()),
    "rights": (
        "items",
        ("right", "purposes", "does_not_apply", "restrictions"),
        ("response.time", "response.extension"),
    ),
    "processing_locations": (
        "",
        (),
        ("usual_countries", "other_eu_eea", "third_countries", "safeguards"),
    ),
    "automated_decision_making": ("", (), ("decisions", "profiling")),
}


def undescribed(key: str, before: Any, after: Any) -> tuple[Any, Any]:
    """``before`` and ``after`` (a section) without what specific changes describe: items
    added or removed, and the described parts of the items both have. What still differs
    needs a change of its own."""
    attribute, item_parts, own_parts = _DESCRIBED.get(key, ("", (), ()))
    before, after = _without(before, own_parts), _without(after, own_parts)
    if not attribute:
        return before, after
    for listed, parts in ((attribute, item_parts), *_ALSO_LISTS.get(key, ())):
        before, after = _kept_items(before, after, listed, parts)
    return before, after


# Further lists of a section, described as its first (see _DESCRIBED).
_ALSO_LISTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "sources": (("providers", ("name", "data_fields", "public")),),
}


def _kept_items(
    before: Any, after: Any, attribute: str, item_parts: tuple[str, ...]
) -> tuple[Any, Any]:
    """``before`` and ``after`` with only the items of ``attribute`` both have, without
    their described ``item_parts``."""
    old_items, new_items = getattr(before, attribute), getattr(after, attribute)
    common = {item.id for item in old_items} & {item.id for item in new_items}

    def kept(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(_without(item, item_parts) for item in items if item.id in common)

    return (
        dataclasses.replace(before, **{attribute: kept(old_items)}),
        dataclasses.replace(after, **{attribute: kept(new_items)}),
    )


def _without(value: Any, parts: tuple[str, ...]) -> Any:
    """``value`` with each of ``parts`` blanked (None), through nested values and lists."""
    if value is None:
        return None
    if isinstance(value, tuple):
        # an entry left with nothing (a legal basis without law or interest) is described
        blanked = (_without(item, parts) for item in value)
        return tuple(item for item in blanked if any(v is not None for v in plain(item).values()))
    nested: dict[str, tuple[str, ...]] = {}
    changes: dict[str, Any] = {}
    for part in parts:
        head, _, rest = part.partition(".")
        if rest:
            nested[head] = (*nested.get(head, ()), rest)
        else:
            changes[head] = None
    for head, inner in nested.items():
        changes[head] = _without(getattr(value, head), inner)
    return dataclasses.replace(value, **changes)
