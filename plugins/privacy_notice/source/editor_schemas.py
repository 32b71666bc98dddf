"""The JSON Schemas editors use for a project with shared blocks, derived from the policy
schema so that they never disagree with it.

``register.schema.json``: a register's ``policy.yaml``, each section either written out or
a ``$shared`` reference. ``shared.schema.json``: ``shared.yaml``, a block named after a
section completed as that section. Validation itself always uses the strict policy schema
on the resolved register; these only guide typing. Regenerate with
``python -m privacy_notice.source.editor_schemas`` (a test checks they are current).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from privacy_notice.source.directory import NAMED_BY
from privacy_notice.source.schema import Schema, policy_schema
from privacy_notice.source.shared import REFERENCE, SLUG

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
# Relative to the editor schema's own file (they have no $id, so editors resolve it there).
POLICY = "policy.schema.json"
_REFERENCE: Schema = {
    "title": "A shared block",
    "description": "Put a block of shared.yaml here: `$shared: <block name>`, nothing beside it.",
    "type": "object",
    "additionalProperties": False,
    "required": [REFERENCE],
    "properties": {REFERENCE: {"type": "string", "minLength": 1, "examples": ["controller"]}},
}
_FIXED = ("schema_version", "source_language", "languages", "locales")  # never shared


def register_schema(policy: Schema) -> Schema:
    properties = {
        name: {"$ref": f"{POLICY}#/properties/{name}"}
        if name in _FIXED
        else {"anyOf": [{"$ref": f"{POLICY}#/properties/{name}"}, {"$ref": "#/$defs/shared"}]}
        for name in policy["properties"]
    }
    return {
        "$schema": policy["$schema"],
        "title": "A register of a project with shared blocks (policy.yaml)",
        "description": "The policy schema, where each section may be a block of shared.yaml.",
        "type": "object",
        "additionalProperties": False,
        "required": policy["required"],
        "properties": properties,
        "$defs": {"shared": _REFERENCE},
    }


def shared_schema(policy: Schema) -> Schema:
    sections = [name for name in policy["properties"] if name not in _FIXED]
    return {
        "$schema": policy["$schema"],
        "title": "The blocks the registers of a project share (shared.yaml)",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "root_register": {
                "description": "The slug of the project's root policy.yaml (default: main).",
                "type": "string",
                "pattern": SLUG.pattern,
            },
            "source_language": {"$ref": f"{POLICY}#/$defs/language"},
            "blocks": {
                "description": "Blocks by name; one named after a section is that section.",
                "type": "object",
                "properties": {name: {"$ref": f"{POLICY}#/properties/{name}"} for name in sections},
            },
            "units": _directory("units", "The units of the organisation that keep registers"),
            "groups": _directory("groups", "The groups of people the registers concern"),
        },
    }


def _directory(key: str, title: str) -> Schema:
    """``shared.yaml``'s ``units`` or ``groups`` (see source/directory.py)."""
    names: Schema = {
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"$ref": f"{POLICY}#/$defs/language"},
        "additionalProperties": {"type": "string", "minLength": 1},
    }
    return {
        "title": title,
        "description": f"Each with an id (what a register's {NAMED_BY[key]} names) and its "
        "name in every language the registers are published in.",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "name"],
            "properties": {
                "id": {"$ref": f"{POLICY}#/$defs/id"},
                "name": {
                    **names,
                    "examples": [
                        {"fi": "Oppilaat ja huoltajat", "sv": "Elever och vårdnadshavare"}
                    ],
                },
                "description": names,
            },
        },
    }


def rendered() -> dict[str, str]:
    """Each editor schema's file name and text."""
    policy = policy_schema()
    schemas: dict[str, Any] = {
        "register.schema.json": register_schema(policy),
        "shared.schema.json": shared_schema(policy),
    }
    return {name: json.dumps(s, indent=2, ensure_ascii=False) + "\n" for name, s in schemas.items()}


def main() -> None:
    for name, text in rendered().items():
        (SCHEMA_DIR / name).write_text(text, "utf-8")


if __name__ == "__main__":
    main()
