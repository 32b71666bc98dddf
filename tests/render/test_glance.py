"""The first layer ("at a glance"), computed from the model alone."""

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


def test_each_purpose_with_its_data_storage_and_recipients_outside():
    rows = rows_by_purpose(full())
    assert list(rows) == ["orders", "accounting", "newsletter", "marketing", "loyalty"]
    assert ids(rows["orders"].fields) == ["email-address", "order-history", "allergy-information"]
    # by data field (accounting, newsletter) and by channel (customer service)
    assert ids(rows["orders"].rules) == ["accounting", "newsletter", "service-messages"]
    assert ids(rows["accounting"].rules) == ["accounting"]
    # named for the purpose (customs), or receiving its data (email service, hosting)
    assert ids(rows["orders"].recipients) == ["email-service", "hosting", "customs"]
    assert ids(rows["newsletter"].recipients) == ["email-service"]
    assert ids(rows["marketing"].recipients) == ["analytics"]
    # the partner bank is in Finland: not outside the EU/EEA
    assert ids(rows["loyalty"].recipients) == ["hosting"]


def test_who_and_where_to_use_ones_rights():
    glance = at_a_glance(register_from_document(full()))
    assert glance.rights_contact == "privacy@example-shop.fi"
    assert glance.third_countries == "regular"


def test_the_default_notice_at_a_glance():
    glance = at_a_glance(register_from_document(DEFAULT))
    (row,) = glance.rows
    assert len(row.fields) == 5
    assert ids(row.rules) == ["customer-service", "call-recordings"]
    assert row.recipients == ()
    # no recipient outside the EU/EEA is named, but the notice says it may happen
    assert glance.third_countries == "exceptional"
    assert glance.rights_contact == "tietosuoja@kivra.fi"


def test_rules_that_name_no_data_apply_to_all_and_never_means_none():
    document = copy.deepcopy(DEFAULT)
    for rule in document["retention"]["rules"]:
        rule.pop("data_fields", None)
        rule.pop("channels", None)
    document["processing_locations"]["third_countries"] = "never"
    glance = at_a_glance(register_from_document(document))
    assert ids(glance.rows[0].rules) == ["customer-service", "call-recordings"]
    assert glance.third_countries is None
