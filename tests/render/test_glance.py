"""The first layer ("at a glance"), computed from the model alone: each statement scoped as
the source scopes it (issue 23, item 2)."""

from __future__ import annotations

import copy
import json

from conftest import DATA, DEFAULT_NOTICE
from privacy_notice.model.register import register_from_document
from privacy_notice.render.glance import at_a_glance
from privacy_notice.source.load import load_policy
from privacy_notice.source.migrate import upgrade
from privacy_notice.source.schema import map_texts

DEFAULT = upgrade(
    json.loads((DEFAULT_NOTICE / "content/versions/2019-10-23.json").read_text("utf-8"))
)


def full() -> dict:
    data = load_policy(DATA / "full/policy.yaml").data
    data = {k: v for k, v in data.items() if k not in ("reviewed_warnings", "locales")}
    return map_texts(data, lambda _path, text: {"en": text})


def rows_by_purpose(document: dict) -> dict:
    glance = at_a_glance(register_from_document(document))
    return {row.purpose.id: row for row in glance.rows}


def ids(items) -> list[str]:
    return [item.id for item in items]


def test_a_purpose_gets_only_what_names_it():
    rows = rows_by_purpose(full())
    assert list(rows) == ["orders", "accounting", "newsletter", "marketing", "loyalty"]
    assert ids(rows["orders"].fields) == ["email-address", "order-history", "allergy-information"]
    # the accounting rule names its purpose; the others name data fields or channels only
    assert ids(rows["accounting"].rules) == ["accounting"]
    assert [ids(row.rules) for key, row in rows.items() if key != "accounting"] == [[]] * 4
    # outside the EU/EEA, named for the purpose; the hosting provider, which receives the
    # order history of orders, accounting and loyalty but names no purpose, is under none
    assert ids(rows["orders"].recipients) == ["customs"]
    assert ids(rows["newsletter"].recipients) == ["email-service"]
    assert ids(rows["marketing"].recipients) == ["analytics"]
    # the partner bank is in Finland: not outside the EU/EEA
    assert rows["loyalty"].recipients == () and rows["accounting"].recipients == ()


def test_what_names_no_purpose_is_stated_once_for_the_whole_notice():
    glance = at_a_glance(register_from_document(full()))
    assert ids(glance.rules) == [
        "newsletter",
        "service-messages",
        "marketing-consents",
        "loyalty-card",
        "company-archive",
    ]
    assert ids(glance.recipients) == ["hosting"]
    assert glance.rules_by_purpose and glance.recipients_by_purpose
    # a recipient abroad names no purpose: no purpose can be said to have none
    assert glance.none_outside is False


def test_who_where_to_use_ones_rights_and_what_else_the_first_layer_carries():
    glance = at_a_glance(register_from_document(full()))
    assert glance.rights_contact == "privacy@example-shop.fi"
    assert glance.third_countries == "regular"
    assert glance.dpo is not None and glance.dpo.email == "dpo@example-shop.fi"
    assert glance.cookies is not None
    assert glance.cookies.with_consent == ("statistics", "marketing", "preferences")
    assert glance.cookies.without_consent == ("strictly-necessary",)


def test_the_default_notice_at_a_glance():
    glance = at_a_glance(register_from_document(DEFAULT))
    (row,) = glance.rows
    assert len(row.fields) == 5
    # its storage rules name data and channels, no purpose: stated for the whole notice
    assert row.rules == () and ids(glance.rules) == ["customer-service", "call-recordings"]
    assert row.recipients == () and glance.recipients == ()
    # no recipient outside the EU/EEA is named, but the notice says it may happen
    assert glance.third_countries == "exceptional"
    assert glance.none_outside is False
    assert glance.rights_contact == "tietosuoja@kivra.fi"
    # a statement that no DPO is needed, no cookies: nothing of them in the first layer
    assert glance.dpo is None and glance.cookies is None


def test_none_outside_only_where_the_source_says_so():
    document = copy.deepcopy(DEFAULT)
    document["processing_locations"]["third_countries"] = "never"
    # the recipients do not say where they are: "none" would say more than the source
    assert at_a_glance(register_from_document(document)).none_outside is False
    for category in document["recipients"]["categories"]:
        category["countries"] = ["FI"]
    glance = at_a_glance(register_from_document(document))
    assert glance.third_countries is None and glance.none_outside is True
    # one abroad for a purpose: the others still have none
    document["recipients"]["categories"][0].update(countries=["US"], purposes=["identification"])
    glance = at_a_glance(register_from_document(document))
    assert ids(glance.rows[0].recipients) == ["subcontractors"] and glance.none_outside is True


def test_the_rights_in_one_line_are_those_that_apply_somewhere():
    document = full()
    rights = document["rights"]["items"]
    assert "objection" in at_a_glance(register_from_document(document)).rights
    # a right the notice says does not apply is stated in its section, not listed as one
    # of the visitor's rights in the first layer
    (objection,) = [r for r in rights if r["right"] == "objection"]
    objection.pop("text")
    objection["does_not_apply"] = {"en": "No purpose rests on a public task."}
    glance = at_a_glance(register_from_document(document))
    assert "objection" not in glance.rights and "access" in glance.rights
