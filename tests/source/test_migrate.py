"""Schema versions: older released documents are read through tested migrations into
today's model, and never rewritten."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from privacy_notice.history.store import check_document
from privacy_notice.model.register import register_from_document
from privacy_notice.source import migrate
from privacy_notice.source.migrate import CURRENT_VERSION, schema_version, upgrade
from privacy_notice.source.schema import register_schema_for

DATA = Path(__file__).resolve().parents[1] / "data"


def v1_document() -> dict:
    """A released document of schema version 1 (before versions were recorded)."""
    return json.loads((DATA / "default-notice/content/versions/2019-10-23.json").read_text("utf-8"))


def test_every_step_is_declared():
    assert sorted(migrate.STEPS) == list(range(1, CURRENT_VERSION))


def test_a_v1_document_is_valid_under_its_own_schema_and_not_the_current_one():
    document = v1_document()
    assert schema_version(document) == 1
    assert check_document(document, "v1.json") == []
    current = Draft202012Validator(register_schema_for(tuple(document["languages"])))
    assert list(current.iter_errors(document))


def test_upgrade_gives_a_valid_current_document_and_leaves_the_original_alone():
    document = v1_document()
    before = copy.deepcopy(document)
    upgraded = upgrade(document)
    assert document == before  # a pure function: the stored document is never touched
    assert upgraded["schema_version"] == CURRENT_VERSION
    assert check_document(upgraded, "upgraded.json") == []


def test_v1_to_v2_keeps_every_fact():
    document = v1_document()
    document["purposes"]["items"][0]["legal_basis"] = "legitimate-interests"
    document["purposes"]["items"][0]["legitimate_interest"] = {
        lang: f"interest ({lang})" for lang in document["languages"]
    }
    document["automated_decision_making"]["used"] = True
    upgraded = upgrade(document)
    controller = upgraded["controller"]
    assert "business_id" not in controller
    assert controller["identifiers"] == [
        {"scheme": "fi-business-id", "value": document["controller"]["business_id"]}
    ]
    purpose = upgraded["purposes"]["items"][0]
    assert purpose["legal_bases"] == [
        {
            "basis": "legitimate-interests",
            "interest": document["purposes"]["items"][0]["legitimate_interest"],
        }
    ]
    assert "legal_basis" not in purpose and "legitimate_interest" not in purpose
    # Version 1's one flag meant "decisions or profiling": both are kept as stated.
    decisions = upgraded["automated_decision_making"]
    assert (decisions["decisions"], decisions["profiling"]) == (True, True)
    assert "used" not in decisions
    register = register_from_document(upgraded)
    assert register.purposes.items[0].legal_bases[0].basis == "legitimate-interests"


def test_a_current_document_passes_through_unchanged():
    upgraded = upgrade(v1_document())
    assert upgrade(upgraded) is upgraded


def test_a_newer_version_than_the_tool_knows_is_refused():
    document = upgrade(v1_document())
    document["schema_version"] = CURRENT_VERSION + 1
    with pytest.raises(ValueError, match="newer than this tool knows"):
        upgrade(document)
    problems = check_document(document, "future.json")
    assert [p.path for p in problems] == ["schema_version"]


def test_a_site_with_a_v1_release_publishes_it_unchanged_with_its_schema(built_site):
    """The default notice's 2019 version was released under schema version 1: it keeps its
    bytes and SHA-256, is published with the schema it follows, and its page shows today's
    model of it (tests/test_facts.py checks every fact on that page)."""
    import hashlib

    from conftest import DEFAULT_NOTICE

    stored = (DEFAULT_NOTICE / "content/versions/2019-10-23.json").read_bytes()
    index = json.loads((DEFAULT_NOTICE / "content/versions/index.json").read_bytes())
    assert index["versions"][0]["sha256"] == hashlib.sha256(stored).hexdigest()
    output = built_site.path / "output"
    assert (output / "api/versions/2019-10-23.json").read_bytes() == stored
    [entry] = json.loads((output / "api/versions.json").read_bytes())["versions"]
    assert (entry["schema_version"], entry["sha256"]) == (1, index["versions"][0]["sha256"])
    assert entry["schema"].endswith("api/schema/1/register.schema.json")
    schema = json.loads((output / "api/schema/1/register.schema.json").read_bytes())
    assert list(Draft202012Validator(schema).iter_errors(json.loads(stored))) == []
    current = json.loads((output / "api/register.json").read_bytes())
    assert current["schema_version"] == CURRENT_VERSION
    schema = json.loads(
        (output / f"api/schema/{CURRENT_VERSION}/register.schema.json").read_bytes()
    )
    assert list(Draft202012Validator(schema).iter_errors(current)) == []
    assert "2918721-9" in built_site.text("en/index.html")  # v1's business_id, as v2 shows it
