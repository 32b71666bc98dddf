"""What changed between two versions, from the structured model: a summary a reader can
scan ("Storage period of …: 3 months → 6 months") and the sections that changed. The
word-level redline of the rendered text is :mod:`.redline`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .localize import country_name, format_duration, format_list
from .model import Register, Text


def N_(message: str) -> str:
    """Mark a message for extraction into theme.pot; it is translated when rendered."""
    return message


@dataclass(frozen=True)
class Duration:
    iso: str


@dataclass(frozen=True)
class Countries:
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Codes:
    """Values of a closed list (legal bases, roles…), shown by their labels."""

    kind: str
    codes: tuple[str, ...]


Value = Text | Duration | Countries | Codes | str
# How a code reads in a language: (kind, code, gettext) -> label. The theme's labels
# (see labels.py) are passed in; by default a code stands for itself.
Labeller = Callable[[str, str, Callable[[str], str]], str]


def _code(kind: str, code: str, gettext: Callable[[str], str]) -> str:
    return code


@dataclass(frozen=True)
class Change:
    """One change, as a translatable message (``%(name)s`` style) and its values."""

    message: str
    values: dict[str, Value] = field(default_factory=dict)
    section: str = ""

    def describe(
        self,
        lang: str,
        gettext: Callable[[str], str],
        locale: str = "",
        label: Labeller = _code,
    ) -> str:
        def show(value: Value) -> str:
            if isinstance(value, Codes):
                labels = [label(value.kind, code, gettext) for code in value.codes]
                return format_list(labels, locale or lang) or "–"
            return _format(value, lang, locale or lang)

        return gettext(self.message) % {k: show(v) for k, v in self.values.items()}


def _format(value: Value, lang: str, locale: str) -> str:
    if isinstance(value, Text):
        return value[lang]
    if isinstance(value, Codes):
        return ", ".join(value.codes)
    if isinstance(value, Duration):
        return format_duration(value.iso, locale) if value.iso else "–"
    if isinstance(value, Countries):
        return format_list([country_name(c, locale) for c in value.codes], locale)
    return value


def _name(item: Any) -> Value:
    return item.name


def _purpose_name(item: Any) -> Value:
    """A purpose by its short name, or (a version without names) its description."""
    return item.name or item.description


def _cookie_name(item: Any) -> Value:
    return item.name or item.purpose


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
        _purpose_name,
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
        changes += _list_changes(
            section,
            _items(old, section, attribute),
            _items(new, section, attribute),
            name,
            (added, removed, renamed),
        )
    changes += _retention_changes(old, new)
    changes += _purpose_changes(old, new)
    changes += _recipient_changes(old, new)
    changes += _rights_changes(old, new)
    changes += _processing_changes(old, new)
    described = {c.section for c in changes}
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
        elif section in described or _plain(before) == _plain(after):
            continue
        else:
            # Say "text" only when wording changed; otherwise it was a structured detail
            # (a reference, a flag) that the notice does not spell out.
            wording = _wording(before) != _wording(after)
            message = (
                N_("Revised text: %(section)s") if wording else N_("Changed details: %(section)s")
            )
            changes.append(Change(message, {"section": after.title}, section))
    return changes


def _all_sections(old: Register, new: Register) -> list[str]:
    keys = list(new.section_keys())
    return keys + [key for key in old.section_keys() if key not in keys]


def _items(register: Register, section: str, attribute: str) -> tuple[Any, ...]:
    holder = register.section(section)
    return () if holder is None else tuple(getattr(holder, attribute))


def _plain(value: Any) -> Any:
    """A comparable form of a model value (Text compares by its texts only)."""
    if isinstance(value, Text):
        return dict(value.values)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def _wording(value: Any) -> list[dict[str, str]]:
    """Every text in a model value, in order, and nothing else."""
    if isinstance(value, Text):
        return [dict(value.values)]
    if isinstance(value, tuple):
        return [text for item in value for text in _wording(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [t for k in value.__dataclass_fields__ for t in _wording(getattr(value, k))]
    return []


def _list_changes(
    section: str,
    old: Sequence[Any],
    new: Sequence[Any],
    name: Callable[[Any], Value],
    messages: tuple[str, str, str],
) -> Iterator[Change]:
    added, removed, renamed = messages
    old_by_id, new_by_id = {i.id: i for i in old}, {i.id: i for i in new}
    for item in new:
        if item.id not in old_by_id:
            yield Change(added, {"name": name(item)}, section)
        elif _plain(name(old_by_id[item.id])) != _plain(name(item)):
            yield Change(renamed, {"old": name(old_by_id[item.id]), "new": name(item)}, section)
    for item in old:
        if item.id not in new_by_id:
            yield Change(removed, {"name": name(item)}, section)


def _changed(
    message: str, section: str, old: Value | None, new: Value | None, **values: Value
) -> Iterator[Change]:
    if _plain(old) != _plain(new):
        yield Change(message, {"old": old or "–", "new": new or "–", **values}, section)


def _identifiers(controller: Any) -> str:
    return ", ".join(i.value for i in controller.identifiers)


def _controller_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.controller, new.controller
    yield from _changed(N_("Controller's name: %(old)s → %(new)s"), "controller", o.name, n.name)
    yield from _changed(
        N_("Controller's identifiers: %(old)s → %(new)s"),
        "controller",
        _identifiers(o),
        _identifiers(n),
    )
    if _plain((o.visiting_address, o.postal_address)) != _plain(
        (n.visiting_address, n.postal_address)
    ):
        yield Change(N_("Controller's address changed"), {}, "controller")
    yield from _changed(
        N_("Contact for register matters: %(old)s → %(new)s"),
        "controller",
        o.register_contact.email if o.register_contact else None,
        n.register_contact.email if n.register_contact else None,
    )
    if _plain(o.data_protection_officer) != _plain(n.data_protection_officer):
        yield Change(N_("Data protection officer's details changed"), {}, "controller")
    if _plain((o.representative, o.joint_controllers)) != _plain(
        (n.representative, n.joint_controllers)
    ):
        yield Change(N_("Representative or joint controllers changed"), {}, "controller")


def _retention_changes(old: Register, new: Register) -> Iterator[Change]:
    old_rules = {r.id: r for r in old.retention.rules}
    for rule in new.retention.rules:
        before = old_rules.get(rule.id)
        if before is None:
            continue
        yield from _changed(
            N_("Storage period of %(name)s: %(old)s → %(new)s"),
            "retention",
            Duration(before.period or ""),
            Duration(rule.period or ""),
            name=rule.name,
        )
        yield from _changed(
            N_("Longest storage period of %(name)s: %(old)s → %(new)s"),
            "retention",
            Duration(before.extension.period if before.extension else ""),
            Duration(rule.extension.period if rule.extension else ""),
            name=rule.name,
        )
        if (before.starts, before.until) != (rule.starts, rule.until):
            yield Change(
                N_("When storage of %(name)s ends changed"), {"name": rule.name}, "retention"
            )


def _purpose_changes(old: Register, new: Register) -> Iterator[Change]:
    old_purposes = {p.id: p for p in old.purposes.items}
    for purpose in new.purposes.items:
        before = old_purposes.get(purpose.id)
        if before is None:
            continue
        yield from _changed(
            N_("Legal basis of %(name)s: %(old)s → %(new)s"),
            "purposes",
            Codes("legal_basis", tuple(b.basis for b in before.legal_bases)),
            Codes("legal_basis", tuple(b.basis for b in purpose.legal_bases)),
            name=_purpose_name(purpose),
        )


def _recipient_changes(old: Register, new: Register) -> Iterator[Change]:
    old_recipients = {r.id: r for r in old.recipients.categories}
    for recipient in new.recipients.categories:
        before = old_recipients.get(recipient.id)
        if before is None:
            continue
        yield from _changed(
            N_("Countries of %(name)s: %(old)s → %(new)s"),
            "recipients",
            Countries(before.countries),
            Countries(recipient.countries),
            name=recipient.name,
        )
        yield from _changed(
            N_("Role of %(name)s: %(old)s → %(new)s"),
            "recipients",
            Codes("role", (before.role,)),
            Codes("role", (recipient.role,)),
            name=recipient.name,
        )
        if _plain(before.transfers) != _plain(recipient.transfers):
            yield Change(
                N_("Transfers to %(name)s outside the EU/EEA changed"),
                {"name": recipient.name},
                "recipients",
            )


def _rights_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.rights.response, new.rights.response
    yield from _changed(
        N_("Response time to requests: %(old)s → %(new)s"),
        "rights",
        Duration(o.time if o else ""),
        Duration(n.time if n else ""),
    )
    yield from _changed(
        N_("Extension of the response time: %(old)s → %(new)s"),
        "rights",
        Duration(o.extension or "" if o else ""),
        Duration(n.extension or "" if n else ""),
    )


def _processing_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.processing_locations, new.processing_locations
    if o is not None and n is not None:
        yield from _changed(
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


def changed_sections(old: Register, new: Register) -> set[str]:
    return {s for s in _all_sections(old, new) if _plain(old.section(s)) != _plain(new.section(s))}
