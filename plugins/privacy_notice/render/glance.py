"""The first layer of the notice ("at a glance", WP260): for each purpose its legal
bases, the data it uses, how long that data is kept and who outside the EU/EEA receives
it; who the controller is and where to use one's rights. Pure: the template presents it.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_notice.model.register import (
    DataField,
    Purpose,
    RecipientCategory,
    Register,
    RetentionRule,
)


@dataclass(frozen=True)
class Row:
    """One purpose at a glance: its data, how long they are kept, who outside the EU/EEA gets
    them."""

    purpose: Purpose
    fields: tuple[DataField, ...]
    rules: tuple[RetentionRule, ...]  # the storage rules that cover the purpose's data
    recipients: tuple[RecipientCategory, ...]  # those outside the EU/EEA that get its data


@dataclass(frozen=True)
class Glance:
    """The notice's first layer: a row per purpose, where to use one's rights, third countries."""

    rows: tuple[Row, ...]
    rights_contact: str | None  # where to send requests about one's rights
    # When no recipient outside the EU/EEA is named, what the notice says in general about
    # processing outside it ("exceptional", "regular"), if anything but "never".
    third_countries: str | None


def rules_covering(register: Register, fields: tuple[DataField, ...]) -> tuple[RetentionRule, ...]:
    """The storage rules that name one of ``fields`` or a channel they are collected
    through, and those that name neither (they apply to all data)."""
    return register.rules_for((f.id for f in fields), (c for f in fields for c in f.sources))


def recipients_outside(
    register: Register, purpose: Purpose, fields: tuple[DataField, ...]
) -> tuple[RecipientCategory, ...]:
    """Recipients in a third country that receive data for ``purpose``: named for it, or
    receiving one of its fields, or named for no purpose and no field (all data)."""
    named = register.recipients_for([purpose.id], (f.id for f in fields))
    return tuple(r for r in named if r.third_countries)


def row(register: Register, purpose: Purpose) -> Row:
    fields = register.fields_for("purpose", purpose.id)
    return Row(
        purpose,
        fields,
        rules_covering(register, fields),
        recipients_outside(register, purpose, fields),
    )


def at_a_glance(register: Register) -> Glance:
    controller = register.controller
    contact = register.rights.contact or (
        controller.register_contact.email if controller.register_contact else controller.email
    )
    locations = register.processing_locations
    general = locations.third_countries if locations else None
    return Glance(
        tuple(row(register, purpose) for purpose in register.purposes.items),
        contact,
        None if general == "never" else general,
    )
