"""What changed between two versions, from the structured model: a summary a reader can
scan ("Storage period of …: 3 months → 6 months") and the sections that changed. The
word-level redline of the rendered text is :mod:`.redline`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .localize import country_name, format_duration, format_list
from .model import SECTIONS, Register, Text


def N_(message: str) -> str:
    """Mark a message for extraction into theme.pot; it is translated when rendered."""
    return message


@dataclass(frozen=True)
class Duration:
    iso: str


@dataclass(frozen=True)
class Countries:
    codes: tuple[str, ...]


Value = Text | Duration | Countries | str


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
        label: Callable[[str, str, Callable[[str], str]], str] | None = None,
    ) -> str:
        """The change in ``lang``; ``label`` says how a code reads (see :mod:`.labels`)."""
        values = {k: _format(v, lang, locale or lang) for k, v in self.values.items()}
        return gettext(self.message) % values


def _format(value: Value, lang: str, locale: str) -> str:
    if isinstance(value, Text):
        return value[lang]
    if isinstance(value, Duration):
        return format_duration(value.iso, locale) if value.iso else "–"
    if isinstance(value, Countries):
        return format_list([country_name(c, locale) for c in value.codes], locale)
    return value


# (section, attribute holding the list, what an added / removed / renamed item is called)
_LISTS = (
    (
        "personal_data",
        "fields",
        N_("New data field: %(name)s"),
        N_("Data field removed: %(name)s"),
        N_("Data field renamed: %(old)s → %(new)s"),
    ),
    (
        "sources",
        "channels",
        N_("New channel: %(name)s"),
        N_("Channel removed: %(name)s"),
        N_("Channel renamed: %(old)s → %(new)s"),
    ),
    (
        "protection",
        "measures",
        N_("New protection measure: %(name)s"),
        N_("Protection measure removed: %(name)s"),
        N_("Protection measure renamed: %(old)s → %(new)s"),
    ),
    (
        "retention",
        "rules",
        N_("New storage rule: %(name)s"),
        N_("Storage rule removed: %(name)s"),
        N_("Storage rule renamed: %(old)s → %(new)s"),
    ),
    (
        "recipients",
        "categories",
        N_("New recipients: %(name)s"),
        N_("Recipients removed: %(name)s"),
        N_("Recipients renamed: %(old)s → %(new)s"),
    ),
)


def semantic_changes(old: Register, new: Register) -> list[Change]:
    """The changes a reader cares about, from the structure rather than the wording."""
    changes = list(_controller_changes(old, new))
    for section, attribute, added, removed, renamed in _LISTS:
        changes += _list_changes(
            section,
            getattr(getattr(old, section), attribute, ()),  # an optional section may be absent
            getattr(getattr(new, section), attribute, ()),
            added,
            removed,
            renamed,
        )
    changes += _retention_changes(old, new)
    changes += _purpose_and_rights_changes(old, new)
    changes += _processing_changes(old, new)
    described = {c.section for c in changes}
    for section in _section_keys(old, new):
        before, after = old.section(section), new.section(section)
        if section in described or _plain(before) == _plain(after):
            continue
        # Say "text" only when wording changed; otherwise it was a structured detail
        # (a reference, a flag) that the notice does not spell out.
        wording = _wording(before) != _wording(after)
        message = N_("Revised text: %(section)s") if wording else N_("Changed details: %(section)s")
        changes.append(Change(message, {"section": (after or before).title}, section))
    return changes


def _section_keys(old: Register, new: Register) -> list[str]:
    """Every section either version has (built-in ones and additional ones)."""
    keys = list(SECTIONS)
    return keys + [k for r in (old, new) for k in r.section_keys() if k not in keys]


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
    section: str, old: Sequence[Any], new: Sequence[Any], added: str, removed: str, renamed: str
) -> Iterator[Change]:
    old_by_id, new_by_id = {i.id: i for i in old}, {i.id: i for i in new}
    for item in new:
        if item.id not in old_by_id:
            yield Change(added, {"name": item.name}, section)
        elif _plain(old_by_id[item.id].name) != _plain(item.name):
            yield Change(renamed, {"old": old_by_id[item.id].name, "new": item.name}, section)
    for item in old:
        if item.id not in new_by_id:
            yield Change(removed, {"name": item.name}, section)


def _changed(
    message: str, section: str, old: Value | None, new: Value | None, **values: Value
) -> Iterator[Change]:
    if old != new and not (
        isinstance(old, Text) and isinstance(new, Text) and _plain(old) == _plain(new)
    ):
        yield Change(message, {"old": old or "–", "new": new or "–", **values}, section)


def _controller_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.controller, new.controller
    yield from _changed(N_("Controller's name: %(old)s → %(new)s"), "controller", o.name, n.name)
    yield from _changed(
        N_("Controller's identifiers: %(old)s → %(new)s"),
        "controller",
        ", ".join(i.value for i in o.identifiers),
        ", ".join(i.value for i in n.identifiers),
    )
    if _plain(o.visiting_address) != _plain(n.visiting_address):
        yield Change(N_("Controller's visiting address changed"), {}, "controller")
    yield from _changed(
        N_("Contact for register matters: %(old)s → %(new)s"),
        "controller",
        o.register_contact.email if o.register_contact else None,
        n.register_contact.email if n.register_contact else None,
    )


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


def _purpose_and_rights_changes(old: Register, new: Register) -> Iterator[Change]:
    old_purposes, new_purposes = (
        {p.id for p in old.purposes.items},
        {p.id for p in new.purposes.items},
    )
    for purpose in new.purposes.items:
        if purpose.id not in old_purposes:
            name = purpose.name or purpose.description
            yield Change(N_("New purpose: %(name)s"), {"name": name}, "purposes")
    for purpose in old.purposes.items:
        if purpose.id not in new_purposes:
            name = purpose.name or purpose.description
            yield Change(N_("Purpose removed: %(name)s"), {"name": name}, "purposes")
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
    yield from _changed(
        N_("Countries of processing: %(old)s → %(new)s"),
        "processing_locations",
        Countries(o.usual_countries if o else ()),
        Countries(n.usual_countries if n else ()),
    )
    facts = [(p.other_eu_eea, p.third_countries, p.safeguards) if p else None for p in (o, n)]
    if facts[0] != facts[1]:
        yield Change(
            N_("Transfers outside Finland or the EU/EEA changed"), {}, "processing_locations"
        )
    a, b = old.automated_decision_making, new.automated_decision_making
    if a.decisions != b.decisions:  # decisions based solely on automated processing (Art. 22)
        yield Change(
            N_("Automated decision-making is now used")
            if b.decisions
            else N_("Automated decision-making is no longer used"),
            {},
            "automated_decision_making",
        )
    if a.profiling != b.profiling:  # profiling (Art. 4(4)), which is not a decision
        yield Change(
            N_("Profiling is now used") if b.profiling else N_("Profiling is no longer used"),
            {},
            "automated_decision_making",
        )


def changed_sections(old: Register, new: Register) -> set[str]:
    return {s for s in _section_keys(old, new) if _plain(old.section(s)) != _plain(new.section(s))}
