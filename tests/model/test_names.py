"""Names in each language and what a document states once (model/register.py, derive.py):
a plain name is the same in every language, a translated one a text; a recipient that is a
joint controller is read with the joint controller's name, role and purposes."""

from __future__ import annotations

import copy
import json

from conftest import DEFAULT_NOTICE
from privacy_notice.model.register import Name, register_from_document
from privacy_notice.source.migrate import upgrade

DOCUMENT = upgrade(
    json.loads((DEFAULT_NOTICE / "content/versions/2019-10-23.json").read_text("utf-8"))
)
LANGS = DOCUMENT["languages"]


def test_a_plain_name_reads_the_same_in_every_language():
    name = register_from_document(DOCUMENT).controller.name
    assert isinstance(name, Name) and not name.translated
    assert {name[lang] for lang in LANGS} == {DOCUMENT["controller"]["name"]}


def test_a_translated_name_is_a_text_with_its_fallbacks():
    document = copy.deepcopy(DOCUMENT)
    document["controller"]["name"] = {"fi": "Kaupunki", "sv": "Stad", "en": "Kaupunki"}
    path = ("controller", "name", "translate")  # where the policy wrote its text
    register = register_from_document(document, frozenset({(path, "en")}))
    name = register.controller.name
    assert name.translated and name["sv"] == "Stad"
    assert name.fallbacks == frozenset({"en"})  # a draft marks it shown untranslated


def test_a_joint_controller_is_declared_once_and_read_as_a_recipient_too():
    document = copy.deepcopy(DOCUMENT)
    document["purposes"]["items"].append(
        {"id": "loyalty", "description": {lang: "x" for lang in LANGS}}
    )
    document["controller"]["joint_controllers"] = [
        {
            "id": "bank",
            "organisation": {"name": "Bank Oyj"},
            "purposes": ["loyalty"],
            "arrangement": {lang: "The bank answers." for lang in LANGS},
        }
    ]
    document["recipients"]["categories"].append(
        {"id": "bank-recipient", "joint_controller": "bank"}
    )
    before = copy.deepcopy(document)
    recipient = register_from_document(document).recipients.categories[-1]
    assert (recipient.name["fi"], recipient.role, recipient.purposes) == (
        "Bank Oyj",
        "joint-controller",
        ("loyalty",),
    )
    assert document == before  # the document is published as written, each fact once
