"""The changes of the facts a notice states about its own processing beyond the lists of
:mod:`.diff`: where each right applies, the named sources and what they give, whether
providing data is required, children among the data subjects, confidentiality, a public
authority; and every text that says why data is processed (item by item: why a field is
collected, a legitimate interest, the law behind a basis, a cookie's purpose).

Materiality (WP260 rev.01 ¶29–31): a text that states a purpose is material however it is
reworded, wherever in the model it lives, as a purpose's description is (diff_details.py):
whether the rewording changes the purpose cannot be told, so the release must say so, or
a review accept it (release_rules.py). The scope of a right is the way rights are
exercised: material; so are new sources, a new requirement to provide data, children.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from privacy_notice.history.change import (
    N_,
    Change,
    Codes,
    Delta,
    languages_differing,
    list_changes,
    matched,
    plain,
    wording,
)
from privacy_notice.history.diff_details import short_purpose
from privacy_notice.model.register import Register, Text

# Texts that say why data is processed, by section: (the list, how an item is named, the
# part of an item that holds them, the message of a change).
PURPOSE_TEXTS: tuple[tuple[str, str, Callable[[Any], Any], Callable[[Any], Any], str], ...] = (
    (
        "personal_data",
        "fields",
        lambda field: field.name,
        lambda field: field.purpose,
        N_("Why %(name)s is collected changed"),
    ),
    (
        "purposes",
        "items",
        short_purpose,
        lambda purpose: tuple(b.interest for b in purpose.legal_bases),
        N_("Legitimate interest of %(name)s changed"),
    ),
    (
        "purposes",
        "items",
        short_purpose,
        lambda purpose: tuple(b.law for b in purpose.legal_bases),
        N_("Law behind the legal basis of %(name)s changed"),
    ),
    (
        "cookies",
        "items",
        lambda cookie: cookie.name or cookie.purpose,
        lambda cookie: cookie.purpose,
        N_("Purpose of the cookie %(name)s changed"),
    ),
)


def fact_changes(old: Register, new: Register) -> Iterator[Change]:
    yield from _purpose_texts(old, new)
    yield from _right_changes(old, new)
    yield from _provider_changes(old, new)
    yield from _flag_changes(old, new)


def _section_items(register: Register, section: str, attribute: str) -> tuple[Any, ...]:
    holder = register.section(section)
    return () if holder is None else tuple(getattr(holder, attribute))


def _purpose_texts(old: Register, new: Register) -> Iterator[Change]:
    for section, attribute, name, texts, message in PURPOSE_TEXTS:
        pairs = matched(
            _section_items(old, section, attribute), _section_items(new, section, attribute)
        )
        for before, item in pairs:
            if wording(texts(before)) != wording(texts(item)):
                languages = languages_differing(texts(before), texts(item))
                yield Change(message, {"name": name(item)}, section, True, languages)


def _right_name(right: Any) -> Codes:
    return Codes("right", (right.right,))


def _right_changes(old: Register, new: Register) -> Iterator[Change]:
    yield from list_changes(
        "rights",
        old.rights.items,
        new.rights.items,
        _right_name,
        (
            N_("Right now stated: %(name)s"),
            N_("Right no longer stated: %(name)s"),
            N_("Right changed: %(old)s → %(new)s"),
        ),
        lambda right: right.right,
    )
    for before, right in matched(old.rights.items, new.rights.items):
        scope = ("purposes", "does_not_apply", "restrictions")
        if any(plain(getattr(before, k)) != plain(getattr(right, k)) for k in scope):
            message = N_("Where the right applies changed: %(name)s")
            yield Change(message, {"name": _right_name(right)}, "rights")


def _provider_changes(old: Register, new: Register) -> Iterator[Change]:
    before_list = old.sources.providers if old.sources else ()
    after_list = new.sources.providers if new.sources else ()
    yield from list_changes(
        "sources",
        before_list,
        after_list,
        lambda provider: provider.name,
        (
            N_("New source of data: %(name)s"),
            N_("Source of data removed: %(name)s"),
            N_("Source of data renamed: %(old)s → %(new)s"),
        ),
    )
    for before, provider in matched(before_list, after_list):
        added = [f for f in provider.data_fields if f not in before.data_fields]
        removed = [f for f in before.data_fields if f not in provider.data_fields]
        if added or removed:
            delta = Delta(_field_names(new, old, added), _field_names(new, old, removed))
            message = N_("Data from %(name)s: %(change)s")
            yield Change(message, {"name": provider.name, "change": delta}, "sources")
        if before.public != provider.public:
            message = N_("Whether %(name)s is publicly accessible changed")
            yield Change(message, {"name": provider.name}, "sources")


def _field_names(new: Register, old: Register, ids: list[str]) -> tuple[Text | str, ...]:
    found: list[Text | str] = []
    for field_id in ids:
        field = new.item("field", field_id) or old.item("field", field_id)
        found.append(field.name if field is not None and field.name is not None else field_id)
    return tuple(found)


# Yes-or-no and structured facts of an item, each named: (section, list, item's name, the
# fact, its message).
_FLAGS: tuple[tuple[str, str, Callable[[Any], Any], Callable[[Any], Any], str], ...] = (
    (
        "personal_data",
        "fields",
        lambda field: field.name,
        lambda field: field.provision,
        N_("Whether providing %(name)s is required changed"),
    ),
    (
        "personal_data",
        "fields",
        lambda field: field.name,
        lambda field: field.confidential_under,
        N_("Confidentiality of %(name)s changed"),
    ),
    (
        "purposes",
        "items",
        short_purpose,
        lambda purpose: purpose.provision,
        N_("Whether providing data for %(name)s is required changed"),
    ),
    (
        "purposes",
        "items",
        short_purpose,
        lambda purpose: purpose.direct_marketing,
        N_("Whether %(name)s is direct marketing changed"),
    ),
    (
        "data_subjects",
        "groups",
        lambda group: group.name,
        lambda group: group.children,
        N_("Whether %(name)s includes children changed"),
    ),
)


def _flag_changes(old: Register, new: Register) -> Iterator[Change]:
    for section, attribute, name, fact, message in _FLAGS:
        pairs = matched(
            _section_items(old, section, attribute), _section_items(new, section, attribute)
        )
        for before, item in pairs:
            if plain(fact(before)) != plain(fact(item)):
                yield Change(message, {"name": name(item)}, section)
    if old.controller.public_authority != new.controller.public_authority:
        yield Change(N_("Whether the controller is a public authority changed"), {}, "controller")
