"""The JSON Schemas: the policy source, the published register document derived from it,
and a schema-guided walk that finds every translatable text.

The policy schema marks translatable strings with ``$ref: #/$defs/text`` or
``#/$defs/markdown``. That one fact drives extraction, translation, coverage checks
and the published schema, so no list of "text fields" is kept anywhere else.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from typing import Any

from .diagnostics import Path

TEXT_KINDS = ("text", "markdown")
# Review notes for the legal team, not part of the notice: never published, and changing
# them does not make a new version.
NOT_PUBLISHED = ("reviewed_warnings",)
REGISTER_SCHEMA_ID = "https://privacy-notice.example/schema/register.schema.json"

Schema = dict[str, Any]


@cache
def policy_schema() -> Schema:
    """The schema of ``policy.yaml`` (shipped with the package)."""
    text = resources.files(__package__).joinpath("schema/policy.schema.json").read_text("utf-8")
    return json.loads(text)


def _definition(schema: Schema, sub: Schema) -> tuple[Schema, str | None]:
    """Follow local ``$ref`` chains; return the target and the text kind, if it is one."""
    while "$ref" in sub:
        name = sub["$ref"].rsplit("/", 1)[-1]
        if name in TEXT_KINDS:
            return schema["$defs"][name], name
        sub = schema["$defs"][name]
    return sub, None


def iter_texts(data: Any, schema: Schema | None = None) -> Iterator[tuple[Path, str, str]]:
    """Yield ``(path, text, kind)`` for every translatable string in ``data``.

    Works on both policy data (texts are strings) and register documents
    (texts are ``{lang: string}``; the source-language string is not yielded).
    """
    schema = schema or policy_schema()

    def walk(sub: Schema, value: Any, path: Path) -> Iterator[tuple[Path, str, str]]:
        sub, kind = _definition(schema, sub)
        if kind is not None:
            if isinstance(value, str):
                yield path, value, kind
            return
        if isinstance(value, dict):
            properties = sub.get("properties", {})
            for key, item in value.items():
                if key in properties:
                    yield from walk(properties[key], item, (*path, key))
        elif isinstance(value, list) and isinstance(sub.get("items"), dict):
            for index, item in enumerate(value):
                yield from walk(sub["items"], item, (*path, index))

    yield from walk(schema, data, ())


def map_texts(data: Any, function, schema: Schema | None = None) -> Any:
    """A copy of ``data`` with every translatable string replaced by ``function(path, text)``."""
    result = copy.deepcopy(data)
    for path, text, _kind in iter_texts(data, schema):
        parent = result
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = function(path, text)
    return result


@cache
def register_schema_for(languages: Sequence[str]) -> Schema:
    """The schema of the published register document: the policy schema with every text
    an object holding the text in each published language."""
    schema = copy.deepcopy(policy_schema())
    schema["$id"] = REGISTER_SCHEMA_ID
    schema["title"] = "Register document (published privacy notice)"
    schema["description"] = (
        "The register of personal data that a privacy notice describes, as published: every "
        "text is given in each published language. {period}, {response_time}, {extension} and "
        "{measures} in a text stand for the values stated next to it."
    )
    for key in NOT_PUBLISHED:
        del schema["properties"][key]
    for kind in TEXT_KINDS:
        plain = schema["$defs"][kind]
        schema["$defs"][kind] = {
            "title": plain["title"],
            "description": f"{plain['description']} Given in every published language.",
            "type": "object",
            "additionalProperties": False,
            "required": list(languages),
            "properties": {lang: {"type": "string", "minLength": 1} for lang in languages},
        }
    return schema
