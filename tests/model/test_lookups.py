"""The register's look-ups by id and by reference (indexed once per register) answer what
a scan of the lists answers, in the notice's order, unknown ids included."""

from __future__ import annotations

import pytest
from full_notice import full_document

from privacy_notice.model.register import Register, register_from_document

REFERENCES = {"purpose": "purposes", "channel": "sources", "group": "data_subjects"}


@pytest.fixture(scope="module")
def register() -> Register:
    document = full_document()
    # A rule and a recipient that name nothing: they keep, and receive, all data.
    rule = {"id": "everything", "name": {"en": "All", "fi": "Kaikki"}, "period": "P1Y"}
    document["retention"]["rules"].append(rule)
    recipient = {"id": "auditor", "name": {"en": "Auditor", "fi": "Tilintarkastaja"}}
    document["recipients"]["categories"].append({**recipient, "role": "processor"})
    return register_from_document(document)


def lists(register: Register) -> dict[str, tuple]:
    sources, groups = register.sources, register.data_subjects
    return {
        "purpose": register.purposes.items,
        "field": register.personal_data.fields,
        "channel": sources.channels if sources else (),
        "group": groups.groups if groups else (),
    }


def test_items_by_id(register: Register):
    for kind, items in lists(register).items():
        assert items
        for item in items:
            assert register.item(kind, item.id) is item
        assert register.item(kind, "no-such-id") is None


def test_fields_and_purposes_by_reference(register: Register):
    fields = register.personal_data.fields
    for kind, key in REFERENCES.items():
        for item in [*lists(register)[kind], None]:
            item_id = item.id if item else "no-such-id"
            found = register.fields_for(kind, item_id)
            assert found == tuple(f for f in fields if item_id in getattr(f, key))
    for field in fields:
        expected = tuple(p for p in register.purposes.items if p.id in field.purposes)
        assert register.purposes_of(field) == expected


def test_rules_and_recipients_naming_ids_or_nothing(register: Register):
    rules, recipients = register.retention.rules, register.recipients.categories
    fields = register.personal_data.fields
    for chosen in ([], fields[:1], fields[1:3], fields):
        ids = {f.id for f in chosen}
        channels = {c for f in chosen for c in f.sources}
        assert register.rules_for(ids, channels) == tuple(
            r
            for r in rules
            if ids & set(r.data_fields)
            or channels & set(r.channels)
            or not (r.data_fields or r.channels)
        )
        for purpose in register.purposes.items:
            assert register.recipients_for([purpose.id], ids) == tuple(
                r
                for r in recipients
                if purpose.id in r.purposes
                or ids & set(r.data_fields)
                or not (r.purposes or r.data_fields)
            )
    assert register.rules_for([], [])[-1].id == "everything"
    assert register.recipients_for([], [])[-1].id == "auditor"
