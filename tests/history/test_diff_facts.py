"""Each fact that issue 23 gave a structured place is named when it changes, and a text
that says why data is processed is material however it is reworded (history/diff_facts.py),
on the full notice's register document (tests/data/full/), as built."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from helpers import described

from conftest import Project

Edit = Callable[[dict], None]


def every(document: dict, text: str) -> dict[str, str]:
    return {lang: text for lang in document["languages"]}


def _field(document: dict, field_id: str) -> dict:
    return next(f for f in document["personal_data"]["fields"] if f["id"] == field_id)


def _purpose(document: dict, purpose_id: str) -> dict:
    return next(p for p in document["purposes"]["items"] if p["id"] == purpose_id)


def _right(document: dict, right: str) -> dict:
    return next(r for r in document["rights"]["items"] if r["right"] == right)


def _telemarketing(d: dict) -> None:
    text = _field(d, "email-address")["purpose"]
    text["en"] = text["en"][:-1] + ", and is used for telemarketing of partner products."


def _interest(d: dict) -> None:
    _purpose(d, "marketing")["legal_bases"][0]["interest"]["en"] = "Selling more."


def _cookie(d: dict) -> None:
    d["cookies"]["items"][1]["purpose"]["en"] = "Follows you across sites."


CHANGES: dict[str, tuple[Edit, list[tuple[str, bool]]]] = {
    # Item 6: a text under a purpose heading, wherever it lives, is material.
    "a field's purpose": (_telemarketing, [("Why Email address is collected changed", True)]),
    "a legitimate interest": (_interest, [("Legitimate interest of Marketing changed", True)]),
    "a cookie's purpose": (_cookie, [("Purpose of the cookie _pk_id changed", True)]),
    # Item 5: each fact named.
    "where a right applies": (
        lambda d: _right(d, "portability").update(purposes=["orders"]),
        [("Where the right applies changed: portability", True)],
    ),
    "a right that no longer applies": (
        lambda d: _right(d, "objection").update(does_not_apply=every(d, "Not here.")),
        [("Where the right applies changed: objection", True)],
    ),
    "a right no longer stated": (
        lambda d: d["rights"]["items"].remove(_right(d, "restriction")),
        [("Right no longer stated: restriction", True)],
    ),
    "a new source": (
        lambda d: d["sources"]["providers"].append(
            {"id": "registry", "name": every(d, "Trade register"), "public": True}
        ),
        [("New source of data: Trade register", True)],
    ),
    "data from a source": (
        lambda d: d["sources"]["providers"][0]["data_fields"].append("email-address"),
        [("Data from Credit information agency: + Email address", True)],
    ),
    "a source made public": (
        lambda d: d["sources"]["providers"][0].update(public=True),
        [("Whether Credit information agency is publicly accessible changed", True)],
    ),
    "whether data must be provided": (
        lambda d: _field(d, "email-address")["provision"].update(requirement="statutory"),
        [("Whether providing Email address is required changed", True)],
    ),
    "confidentiality": (
        lambda d: _field(d, "allergy-information").pop("confidential_under"),
        [("Confidentiality of Allergy information changed", True)],
    ),
    "direct marketing": (
        lambda d: _purpose(d, "marketing").update(direct_marketing=False),
        [("Whether Marketing is direct marketing changed", True)],
    ),
    "children": (
        lambda d: d["data_subjects"]["groups"][0].update(children=True),
        [("Whether Customers includes children changed", True)],
    ),
    "a public authority": (
        lambda d: d["controller"].update(public_authority=True),
        [("Whether the controller is a public authority changed", True)],
    ),
    "the event a period starts at": (
        lambda d: d["retention"]["rules"][4]["start_event"].update(en="When the card expires"),
        [("When storage of Loyalty card data ends changed", True)],
    ),
    "storage made permanent": (
        lambda d: d["retention"]["rules"][1].update(until="permanent"),
        [("When storage of Newsletter data ends changed", True)],
    ),
}


@pytest.mark.parametrize("case", CHANGES.values(), ids=CHANGES.keys())
def test_each_fact_is_named_when_it_changes(full_site: Project, case):
    edit, expected = case
    document = json.loads(full_site.read("api/register.json"))
    assert described(document, edit) == expected


def test_a_finnish_fix_of_a_purpose_text_is_material_in_finnish_only(full_site: Project):
    document = json.loads(full_site.read("api/register.json"))

    def fix(d: dict) -> None:
        _field(d, "email-address")["purpose"]["fi"] += " (korjattu)"

    assert described(document, fix, "en") == []
    [(message, material)] = described(document, fix, "fi")
    assert message.startswith("Why ") and material is True


def test_a_plain_name_translated_as_it_was_is_no_change(full_site: Project):
    document = json.loads(full_site.read("api/register.json"))

    def translate(d: dict) -> None:
        d["controller"]["name"] = every(d, d["controller"]["name"])

    assert described(document, translate) == []
