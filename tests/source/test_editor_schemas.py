"""The editor schemas of projects with shared blocks: current, and accepting what the
loader accepts (a section written out or referred to) in the test project's files."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import DATA
from privacy_notice.source.editor_schemas import SCHEMA_DIR, rendered
from privacy_notice.source.load import load_policy
from privacy_notice.source.schema import policy_schema

REGISTERS = DATA / "registers"


def validator(name: str) -> Draft202012Validator:
    policy = Resource.from_contents(policy_schema())
    registry = Registry().with_resources(
        [("policy.schema.json", policy), (policy_schema()["$id"], policy)]
    )
    return Draft202012Validator(json.loads(rendered()[name]), registry=registry)


def errors(name: str, data: Any) -> list[str]:
    return [error.message for error in validator(name).iter_errors(data)]


def test_the_editor_schemas_are_current() -> None:
    for name, text in rendered().items():
        assert (SCHEMA_DIR / name).read_text("utf-8") == text, (
            f"run: python -m privacy_notice.editor_schemas ({name} is out of date)"
        )


@pytest.mark.parametrize("register", ["recruitment", "camera-surveillance"])
def test_a_register_with_references_is_valid_for_editors(register: str) -> None:
    data = load_policy(REGISTERS / "registers" / register / "policy.yaml").data
    assert errors("register.schema.json", data) == []
    data["controller"] = {"$shared": "controller", "name": "Other Oy"}
    assert errors("register.schema.json", data)  # a reference stands alone


def test_shared_yaml_is_valid_for_editors() -> None:
    data = load_policy(REGISTERS / "shared.yaml").data
    assert errors("shared.schema.json", data) == []
    data["blocks"]["controller"]["nmae"] = "Typo Oy"
    assert errors("shared.schema.json", data)
