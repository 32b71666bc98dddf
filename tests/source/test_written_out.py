"""The schemas the checks use, with their references written out (schema.written_out),
check exactly what the schemas do: the same errors, with the same messages, in order."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import breakings, broken
from jsonschema import Draft202012Validator

from conftest import ROOT
from privacy_notice.source.load import load_policy
from privacy_notice.source.schema import (
    policy_checks,
    policy_schema,
    register_checks,
    register_schema_for,
    written_out,
)

WEBSHOP = ROOT / "examples" / "webshop"


def errors(schema: dict, document: Any) -> list[tuple]:
    found = Draft202012Validator(schema).iter_errors(document)
    return [(tuple(e.absolute_path), e.validator, e.message) for e in found]


def test_no_reference_to_a_definition_is_left_but_recursive_ones():
    assert '"#/$defs/' not in json.dumps({**policy_checks(), "$defs": {}})
    node = {"items": {"$ref": "#/$defs/node"}}
    recursive = {"$defs": {"node": node}, "properties": {"tree": {"$ref": "#/$defs/node"}}}
    assert written_out(recursive)["properties"]["tree"] == node


def test_a_reference_beside_a_check_stays():
    schema = {"$defs": {"id": {"type": "string"}}, "$ref": "#/$defs/id", "minLength": 3}
    assert written_out(schema) == schema


@pytest.mark.parametrize("kind", ["policy", "register"])
def test_the_same_errors_for_every_breaking(kind: str):
    if kind == "policy":
        document: Any = load_policy(WEBSHOP / "policy.yaml").data
        schema, checks = policy_schema(), policy_checks()
    else:
        document = json.loads((WEBSHOP / "content/versions/2026-09-01.json").read_text("utf-8"))
        languages = tuple(document["languages"])
        schema, checks = register_schema_for(languages), register_checks(languages)
    cases = list(breakings(document))
    for path, value in cases[:: max(1, len(cases) // 60)]:
        document_broken = broken(document, path, value)
        expected = errors(schema, document_broken)
        assert errors(checks, document_broken) == expected, path
