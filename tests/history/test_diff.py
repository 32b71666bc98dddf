"""The semantic summary and the word-level redline."""

from __future__ import annotations

import copy
import json

import pytest
from helpers import described

from conftest import DEFAULT_NOTICE
from privacy_notice.history.diff import semantic_changes
from privacy_notice.model.register import register_from_document
from privacy_notice.render.redline import changed_sections as changed_sections_of
from privacy_notice.render.redline import redline, redline_parts
from privacy_notice.source.migrate import upgrade

# The released snapshot (schema version 1), read as today's model reads it.
DOCUMENT = upgrade(
    json.loads((DEFAULT_NOTICE / "content/versions/2019-10-23.json").read_text("utf-8"))
)


def changed(edit) -> list[str]:
    new = copy.deepcopy(DOCUMENT)
    edit(new)
    old_model, new_model = register_from_document(DOCUMENT), register_from_document(new)
    return [c.describe("en", lambda m: m) for c in semantic_changes(old_model, new_model)]


def test_no_change_no_summary():
    assert changed(lambda d: None) == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d["retention"]["rules"][1].update(period="P6M"),
            "Storage period of Recorded telephone conversations: 3 months → 6 months",
        ),
        (
            lambda d: d["retention"]["rules"][1]["extension"].update(period="P2Y"),
            "Longest storage period of Recorded telephone conversations: 12 months → 2 years",
        ),
        (lambda d: d["sources"]["channels"].pop(), "Channel removed: Via the Chatbot service"),
        (
            lambda d: d["controller"]["visiting_address"].update(postal_code="02100"),
            "Controller's address changed",
        ),
        (
            lambda d: d["controller"].update(name="Kivra Ab"),
            "Controller's name: Kivra Oy → Kivra Ab",
        ),
        (
            lambda d: d["rights"]["response"].update(time="P2M"),
            "Response time to requests: 1 month → 2 months",
        ),
        (
            lambda d: d["processing_locations"].update(usual_countries=["FI", "SE"]),
            "Countries of processing: Finland → Finland and Sweden",
        ),
        (
            lambda d: d["automated_decision_making"].update(decisions=True),
            "Decisions based solely on automated processing are now made",
        ),
        (
            lambda d: d["automated_decision_making"].update(profiling=True),
            "Profiling is now used",
        ),
        (
            lambda d: d["controller"]["identifiers"][0].update(value="2918721-8"),
            "Controller's identifiers: 2918721-9 → 2918721-8",
        ),
        (
            lambda d: d["updates"]["text"].update(en="Changed."),
            "Revised text: Updating this privacy policy",
        ),
        (
            lambda d: d["personal_data"]["fields"][0]["name"].update(en="Henkilötunnus"),
            "Data field renamed: Personal identity code → Henkilötunnus",
        ),
    ],
)
def test_semantic_changes(edit, expected):
    assert expected in changed(edit)


def test_added_field_is_named():
    new = copy.deepcopy(DOCUMENT)
    field = copy.deepcopy(new["personal_data"]["fields"][0])
    field.update(id="ip-address", name={"fi": "IP-osoite", "sv": "IP-adress", "en": "IP address"})
    new["personal_data"]["fields"].append(field)
    old_model, new_model = register_from_document(DOCUMENT), register_from_document(new)
    summary = [
        c.describe("fi", lambda m: {"New data field: %(name)s": "Uusi: %(name)s"}.get(m, m))
        for c in semantic_changes(old_model, new_model)
    ]
    assert summary == ["Uusi: IP-osoite"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "<p>kept for 3 months.</p>",
            "<p>kept for 6 months.</p>",
            "<p>kept for <del>3</del> <ins>6</ins> months.</p>",
        ),
        (
            "<ul><li>a</li></ul>",
            "<ul><li>a</li><li>b</li></ul>",
            "<ul><li>a</li><li><ins>b</ins></li></ul>",
        ),
        ("<p>one two three</p>", "<p>one three</p>", "<p>one <del>two</del> three</p>"),
        ("<p>same</p>", "<p>same</p>", "<p>same</p>"),
        (
            "<ul><li>a</li><li>b</li></ul>",
            "<ul><li>a</li></ul>",
            "<ul><li>a</li><li><del>b</del></li></ul>",
        ),
        (
            '<p><a href="x">link</a> text</p>',
            '<p><a href="y">link</a> text</p>',
            '<p><a href="y">link</a> text</p>',
        ),
    ],
)
def test_redline(old: str, new: str, expected: str):
    assert str(redline(old, new)) == expected


def test_redline_labels_are_for_screen_readers():
    html = str(redline("<p>a</p>", "<p>b</p>", "Deleted:", "Inserted:"))
    assert html == (
        '<p><del><span class="visually-hidden">Deleted: </span>a</del> '
        '<ins><span class="visually-hidden">Inserted: </span>b</ins></p>'
    )


def test_replaced_words_do_not_run_together():
    html = str(
        redline("<p><time>23 October 2019.</time></p>", "<p><time>1 December 2026.</time></p>")
    )
    assert html == "<p><time><del>23 October 2019.</del> <ins>1 December 2026.</ins></time></p>"


def test_redline_by_section_equals_redline_of_the_whole():
    from privacy_notice.render.redline import _redline

    old = (
        '<section id="a"><p>one two</p></section><section id="b"><p>kept for 3 months</p></section>'
    )
    new = (
        '<section id="a"><p>one two</p></section><section id="b"><p>kept for 6 months</p></section>'
    )
    # the same marks; the first mark of a changed section has an id to link to
    expected = _redline(old, new, "", "").replace("<del>", '<del id="change-b">', 1)
    assert str(redline(old, new)) == expected


def test_moved_and_removed_sections_keep_unique_ids():
    old = (
        '<section id="a"><p>one two</p></section><section id="b"><p>kept for 3 months</p></section>'
        '<section id="c"><p>gone</p></section>'
    )
    moved = '<section id="b"><p>kept</p></section><section id="a"><p>one two</p></section>'
    parts = redline_parts(old, moved)
    assert [(p.anchor, p.changed) for p in parts] == [
        ("", False),
        ("b", True),
        ("c", True),  # removed: after the section it followed
        ("a", False),
    ]
    html = "".join(p.html for p in parts)
    assert html.count('id="b"') == 1 and html.count('id="change-b"') == 1
    assert '<section id="c"><p><del id="change-c">gone</del></p></section>' in html
    assert changed_sections_of(old, moved) == {"b", "c"}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # Longer storage is material; shorter is in the data subject's favour.
        (
            lambda d: d["retention"]["rules"][1].update(period="P6M"),
            ("Storage period of Recorded telephone conversations: 3 months → 6 months", True),
        ),
        (
            lambda d: d["retention"]["rules"][1].update(period="P1M"),
            ("Storage period of Recorded telephone conversations: 3 months → 1 month", False),
        ),
        (
            lambda d: d["sources"]["channels"].pop(),
            ("Channel removed: Via the Chatbot service", True),
        ),
        (
            lambda d: d["purposes"]["items"][0].update(legal_bases=[{"basis": "contract"}]),
            (
                "Legal basis of The purpose of the collection of personal data…: – → contract",
                True,
            ),
        ),
        (
            lambda d: d["updates"]["text"].update(en="We may update this notice."),
            ("Revised text: Updating this privacy policy", False),
        ),
        # Data kept for one more purpose is material (named, not a vague changed section).
        (
            lambda d: d["retention"]["rules"][0].update(purposes=["identification"]),
            (
                "Purposes of the storage rule Customer Service: "
                "+ The purpose of the collection of personal data…",
                True,
            ),
        ),
    ],
)
def test_materiality_of_each_kind_of_change(edit, expected):
    assert described(DOCUMENT, edit) == [expected]


def test_a_change_in_one_language_is_not_a_change_in_the_others():
    def fix_finnish(d):
        rule = d["retention"]["rules"][1]
        rule["name"] = {**rule["name"], "fi": rule["name"]["fi"] + " (korjattu)"}

    assert described(DOCUMENT, fix_finnish, "en") == []
    assert described(DOCUMENT, fix_finnish, "sv") == []
    [(message, material)] = described(DOCUMENT, fix_finnish, "fi")
    assert message.startswith("Storage rule renamed:") and material is False


def _rename_address_and_add_a_source(d) -> None:
    d["personal_data"]["fields"][2]["name"].update(en="Postal address")
    d["personal_data"]["fields"][4]["sources"].append("telephone")


def _purposes_and_storage(d) -> None:
    d["personal_data"]["fields"][1]["sources"].remove("email")
    d["retention"]["rules"][1]["channels"].append("chatbot")
    d["retention"]["rules"][1].update(period="P6M")
    d["retention"]["rules"][0]["data_fields"].remove("address")


def _rewrite_a_purpose(d) -> None:
    purpose = d["purposes"]["items"][0]["description"]
    purpose.update(en=purpose["en"].replace(".", " and to market our products to the user."))


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # A change of sources beside an editorial change in the same section (Art. 14(2)(f)).
        (
            _rename_address_and_add_a_source,
            [
                ("Data field renamed: Address → Postal address", False),
                ("Sources of Email address: + Telephone", True),
            ],
        ),
        # Each detail of a section named, however many it has: data taken away from a
        # storage rule is in the data subject's favour, a channel added extends storage.
        (
            _purposes_and_storage,
            [
                ("Storage period of Recorded telephone conversations: 3 months → 6 months", True),
                ("Sources of Name: − Email", True),
                ("Data fields of the storage rule Customer Service: − Address", False),
                (
                    "Channels of the storage rule Recorded telephone conversations: "
                    "+ Via the Chatbot service",
                    True,
                ),
            ],
        ),
        # A purpose that reads differently is a changed purpose (WP260 ¶29), in the
        # language whose text changed only; the redline shows the words.
        (
            _rewrite_a_purpose,
            [("Purpose changed: The purpose of the collection of personal data…", True)],
        ),
    ],
)
def test_every_detail_is_its_own_named_change(edit, expected):
    assert described(DOCUMENT, edit) == expected


def test_a_rewritten_purpose_is_not_a_change_in_another_language():
    assert described(DOCUMENT, _rewrite_a_purpose, "fi") == []


def test_a_text_beside_a_described_change_is_listed_too():
    def edit(d) -> None:
        d["personal_data"]["fields"][2]["name"].update(en="Postal address")
        d["personal_data"]["definition"] = {"en": "New words.", "fi": "x", "sv": "y"}

    assert described(DOCUMENT, edit) == [
        ("Data field renamed: Address → Postal address", False),
        ("Revised text: What is personal data?", False),
    ]
