"""What changed between two versions, from the structured model: a summary a reader can
scan ("Storage period of …: 3 months → 6 months"). Each change is a
:class:`.change.Change`. Which sections changed is decided by the rendered page, per
language (:mod:`.bodies`, :mod:`.redline`), not here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from privacy_notice.history.change import (
    N_,
    Change,
    Codes,
    Countries,
    Duration,
    Value,
    changed,
    languages_differing,
    list_changes,
    matched,
    plain,
)
from privacy_notice.history.diff_details import detail_changes, short_purpose, undescribed
from privacy_notice.history.diff_facts import fact_changes
from privacy_notice.model.durations import duration_days
from privacy_notice.model.register import Register


def _name(item: Any) -> Value:
    name: Value = item.name
    return name


def _cookie_name(item: Any) -> Value:
    name: Value = item.name or item.purpose
    return name


# (section, attribute holding the list, how an item is named, what an added / removed /
# renamed item is called)
_LISTS: tuple[tuple[str, str, Callable[[Any], Value], str, str, str], ...] = (
    (
        "data_subjects",
        "groups",
        _name,
        N_("New group of data subjects: %(name)s"),
        N_("Group of data subjects removed: %(name)s"),
        N_("Group of data subjects renamed: %(old)s → %(new)s"),
    ),
    (
        "personal_data",
        "fields",
        _name,
        N_("New data field: %(name)s"),
        N_("Data field removed: %(name)s"),
        N_("Data field renamed: %(old)s → %(new)s"),
    ),
    (
        "sources",
        "channels",
        _name,
        N_("New channel: %(name)s"),
        N_("Channel removed: %(name)s"),
        N_("Channel renamed: %(old)s → %(new)s"),
    ),
    (
        "protection",
        "measures",
        _name,
        N_("New protection measure: %(name)s"),
        N_("Protection measure removed: %(name)s"),
        N_("Protection measure renamed: %(old)s → %(new)s"),
    ),
    (
        "retention",
        "rules",
        _name,
        N_("New storage rule: %(name)s"),
        N_("Storage rule removed: %(name)s"),
        N_("Storage rule renamed: %(old)s → %(new)s"),
    ),
    (
        "recipients",
        "categories",
        _name,
        N_("New recipients: %(name)s"),
        N_("Recipients removed: %(name)s"),
        N_("Recipients renamed: %(old)s → %(new)s"),
    ),
    (
        "purposes",
        "items",
        short_purpose,
        N_("New purpose: %(name)s"),
        N_("Purpose removed: %(name)s"),
        N_("Purpose renamed: %(old)s → %(new)s"),
    ),
    (
        "cookies",
        "items",
        _cookie_name,
        N_("New cookie: %(name)s"),
        N_("Cookie removed: %(name)s"),
        N_("Cookie renamed: %(old)s → %(new)s"),
    ),
)


def semantic_changes(old: Register, new: Register) -> list[Change]:
    """The changes a reader cares about, from the structure rather than the wording."""
    changes = list(_controller_changes(old, new))
    for section, attribute, name, added, removed, renamed in _LISTS:
        changes += list_changes(
            section,
            _items(old, section, attribute),
            _items(new, section, attribute),
            name,
            (added, removed, renamed),
            # a purpose is renamed by its name; a new description is a changed purpose
            _short_name if section == "purposes" else None,
        )
    changes += _retention_changes(old, new)
    changes += _purpose_changes(old, new)
    changes += _recipient_changes(old, new)
    changes += _rights_changes(old, new)
    changes += _processing_changes(old, new)
    changes += detail_changes(old, new)
    changes += fact_changes(old, new)
    for section in _all_sections(old, new):
        before, after = old.section(section), new.section(section)
        if before is None:
            changes.append(
                Change(N_("New section: %(section)s"), {"section": after.title}, section)
            )
        elif after is None:
            changes.append(
                Change(N_("Section removed: %(section)s"), {"section": before.title}, section)
            )
        elif before != after:  # (most sections of two versions are equal)
            # What no change above describes (another text, a detail) is a change of its
            # own, even beside them: a section with one described change hides no other.
            before, after = undescribed(section, before, after)
            if plain(before) == plain(after):
                continue
            # Say "text" only when wording changed; otherwise it was a structured detail
            # (a reference, a flag) that the notice does not spell out.
            reworded = languages_differing(before, after)
            if reworded:
                message = N_("Revised text: %(section)s")
                changes.append(Change(message, {"section": after.title}, section, False, reworded))
            else:
                message = N_("Changed details: %(section)s")
                changes.append(Change(message, {"section": after.title}, section))
    return changes


def _short_name(item: Any) -> Any:
    return item.name


def _all_sections(old: Register, new: Register) -> list[str]:
    keys = list(new.section_keys())
    return keys + [key for key in old.section_keys() if key not in keys]


def _items(register: Register, section: str, attribute: str) -> tuple[Any, ...]:
    holder = register.section(section)
    return () if holder is None else tuple(getattr(holder, attribute))


def _identifiers(controller: Any) -> str:
    return ", ".join(i.value for i in controller.identifiers)


def _controller_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.controller, new.controller
    yield from changed(N_("Controller's name: %(old)s → %(new)s"), "controller", o.name, n.name)
    yield from changed(
        N_("Controller's identifiers: %(old)s → %(new)s"),
        "controller",
        _identifiers(o),
        _identifiers(n),
    )
    if plain((o.visiting_address, o.postal_address)) != plain(
        (n.visiting_address, n.postal_address)
    ):
        yield Change(N_("Controller's address changed"), {}, "controller")
    yield from changed(
        N_("Contact for register matters: %(old)s → %(new)s"),
        "controller",
        o.register_contact.email if o.register_contact else None,
        n.register_contact.email if n.register_contact else None,
    )
    if plain(o.data_protection_officer) != plain(n.data_protection_officer):
        yield Change(N_("Data protection officer's details changed"), {}, "controller")
    if plain((o.representative, o.joint_controllers)) != plain(
        (n.representative, n.joint_controllers)
    ):
        yield Change(N_("Representative or joint controllers changed"), {}, "controller")


def _retention_changes(old: Register, new: Register) -> Iterator[Change]:
    for before, rule in matched(old.retention.rules, new.retention.rules):
        for message, old_period, new_period in (
            (N_("Storage period of %(name)s: %(old)s → %(new)s"), before.period, rule.period),
            (
                N_("Longest storage period of %(name)s: %(old)s → %(new)s"),
                before.extension.period if before.extension else None,
                rule.extension.period if rule.extension else None,
            ),
        ):
            yield from changed(
                message,
                "retention",
                Duration(old_period or ""),
                Duration(new_period or ""),
                material=longer(old_period, new_period),
                name=rule.name,
            )
        if plain((before.starts, before.start_event, before.until)) != plain(
            (rule.starts, rule.start_event, rule.until)
        ):
            yield Change(
                N_("When storage of %(name)s ends changed"), {"name": rule.name}, "retention"
            )


def longer(old: str | None, new: str | None) -> bool:
    """Whether a storage period grows (material) rather than shrinks (WP260 ¶31: a change
    in the data subject's favour need not be announced as material). A period given or
    taken away counts as longer: data is kept on other terms."""

    if not old or not new:
        return True
    return duration_days(new) > duration_days(old)


def _purpose_changes(old: Register, new: Register) -> Iterator[Change]:
    for before, purpose in matched(old.purposes.items, new.purposes.items):
        yield from changed(
            N_("Legal basis of %(name)s: %(old)s → %(new)s"),
            "purposes",
            Codes("legal_basis", tuple(b.basis for b in before.legal_bases)),
            Codes("legal_basis", tuple(b.basis for b in purpose.legal_bases)),
            name=short_purpose(purpose),
        )


def _recipient_changes(old: Register, new: Register) -> Iterator[Change]:
    for before, recipient in matched(old.recipients.categories, new.recipients.categories):
        yield from changed(
            N_("Countries of %(name)s: %(old)s → %(new)s"),
            "recipients",
            Countries(before.countries),
            Countries(recipient.countries),
            name=recipient.name,
        )
        yield from changed(
            N_("Role of %(name)s: %(old)s → %(new)s"),
            "recipients",
            Codes("role", (before.role,)),
            Codes("role", (recipient.role,)),
            name=recipient.name,
        )
        if plain(before.transfers) != plain(recipient.transfers):
            yield Change(
                N_("Transfers to %(name)s outside the EU/EEA changed"),
                {"name": recipient.name},
                "recipients",
            )


def _rights_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.rights.response, new.rights.response
    yield from changed(
        N_("Response time to requests: %(old)s → %(new)s"),
        "rights",
        Duration(o.time if o else ""),
        Duration(n.time if n else ""),
    )
    yield from changed(
        N_("Extension of the response time: %(old)s → %(new)s"),
        "rights",
        Duration(o.extension or "" if o else ""),
        Duration(n.extension or "" if n else ""),
    )


def _processing_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.processing_locations, new.processing_locations
    if o is not None and n is not None:
        yield from changed(
            N_("Countries of processing: %(old)s → %(new)s"),
            "processing_locations",
            Countries(o.usual_countries),
            Countries(n.usual_countries),
        )
        if (o.other_eu_eea, o.third_countries, o.safeguards) != (
            n.other_eu_eea,
            n.third_countries,
            n.safeguards,
        ):
            yield Change(
                N_("Transfers outside Finland or the EU/EEA changed"), {}, "processing_locations"
            )
    a, b = old.automated_decision_making, new.automated_decision_making
    if a.decisions != b.decisions:
        yield Change(
            N_("Decisions based solely on automated processing are now made")
            if b.decisions
            else N_("Decisions based solely on automated processing are no longer made"),
            {},
            "automated_decision_making",
        )
    if a.profiling != b.profiling:
        yield Change(
            N_("Profiling is now used") if b.profiling else N_("Profiling is no longer used"),
            {},
            "automated_decision_making",
        )
