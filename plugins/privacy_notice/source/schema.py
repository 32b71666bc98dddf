"""The JSON Schemas: the policy source, the published register document derived from it,
and a schema-guided walk that finds every translatable text.

The policy schema marks translatable strings with ``$ref: #/$defs/text`` or
``#/$defs/markdown``. That one fact drives extraction, translation, coverage checks
and the published schema, so no list of "text fields" is kept anywhere else.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from privacy_notice.diagnostics import YamlPath
from privacy_notice.source.migrate import CURRENT_VERSION

TEXT_KINDS = ("text", "markdown")
# Review notes for the legal team, not part of the notice: never published, and changing
# them does not make a new version.
# The locales choose how dates are written: presentation, not a statement of the notice.
# What only the record of processing activities says (security measures, the internal
# owner: see exports/records.py) is the organisation's own, never the public's.
NOT_PUBLISHED = ("reviewed_warnings", "locales", "records")
# Published values that the notice page does not state (dotted paths): how the document is
# written (its schema version, the order of its sections) and whether a change was
# material (the version history says that). Every other value is on the page.
# (A field's DPV category classifies it for machines: it is in the JSON-LD, not on the page.)
NOT_ON_PAGE = (
    *NOT_PUBLISHED,
    "schema_version",
    "section_order",
    "notice.material",
    "personal_data.fields.*.dpv",
    # By their names, which shared.yaml's directory gives (see model/directory.py).
    "unit",
    "concerns",
)

Schema = dict[str, Any]
# The package's folder: a path, not importlib.resources (its readers cost a build ~0.8 ms to
# import, and the package is always installed as files: editor_schemas.py reads it so too).
PACKAGE = Path(__file__).resolve().parents[1]  # privacy_notice/, with schema/


def schema_file(version: int = CURRENT_VERSION) -> str:
    """The package-relative file of the policy schema of ``version``: the current one is
    ``schema/policy.schema.json`` (editors point at it), older ones are kept, frozen, as
    ``schema/v<N>/policy.schema.json`` to check the snapshots released under them."""
    if version == CURRENT_VERSION:
        return "schema/policy.schema.json"
    return f"schema/v{version}/policy.schema.json"


@cache
def policy_schema(version: int = CURRENT_VERSION) -> Schema:
    """The schema of ``policy.yaml`` of ``version`` (shipped with the package)."""
    text = (PACKAGE / schema_file(version)).read_text("utf-8")
    schema: Schema = json.loads(text)
    return schema


def _definition(schema: Schema, sub: Schema) -> tuple[Schema, str | None]:
    """Follow local ``$ref`` chains; return the target and the text kind, if it is one."""
    while "$ref" in sub:
        name = sub["$ref"].rsplit("/", 1)[-1]
        if name in TEXT_KINDS:
            return schema["$defs"][name], name
        sub = schema["$defs"][name]
    return sub, None


def iter_texts(data: Any, schema: Schema | None = None) -> Iterator[tuple[YamlPath, str, str]]:
    """Yield ``(path, text, kind)`` for every translatable string in ``data``.

    Works on both policy data (texts are strings) and register documents
    (texts are ``{lang: string}``; the source-language string is not yielded).
    """
    schema = schema or policy_schema()

    def walk(sub: Schema, value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, str, str]]:
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


def map_texts(
    data: Any, function: Callable[[YamlPath, str], Any], schema: Schema | None = None
) -> Any:
    """A copy of ``data`` with every translatable string replaced by ``function(path, text)``."""
    result = copy.deepcopy(data)
    for path, text, _kind in iter_texts(data, schema):
        parent = result
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = function(path, text)
    return result


# A name (``$defs/name``) is plain text, the same in every language, or ``{translate: …}``,
# a text; the register document publishes a translated one as a text, ``{lang: name}``.
NAME_DEFINITION = "name"


def published_names(document: Any, schema: Schema | None = None) -> Any:
    """``document`` (a register document, texts translated) with each translated name
    ``{translate: {lang: …}}`` published as the text ``{lang: …}`` itself."""
    schema = schema or policy_schema()

    def walk(sub: Schema, value: Any) -> Any:
        while "$ref" in sub:
            name = sub["$ref"].rsplit("/", 1)[-1]
            if name == NAME_DEFINITION:
                return value["translate"] if isinstance(value, dict) else value
            if name in TEXT_KINDS:
                return value
            sub = schema["$defs"][name]
        if isinstance(value, dict):
            properties = sub.get("properties", {})
            return {
                key: walk(properties[key], item) if key in properties else item
                for key, item in value.items()
            }
        if isinstance(value, list) and isinstance(sub.get("items"), dict):
            return [walk(sub["items"], item) for item in value]
        return value

    return walk(schema, document)


# Beside a text in the policy schema: the placeholders it may use ("x-placeholders":
# ["period"]). What each stands for is stated once, in placeholders.py.
PLACEHOLDERS_KEYWORD = "x-placeholders"


def placeholders_at(path: YamlPath) -> frozenset[str]:
    """The placeholders the text at ``path`` may use, as the schema declares them."""
    return _placeholders_at(tuple(0 if isinstance(key, int) else key for key in path))


@cache
def _placeholders_at(pattern: YamlPath) -> frozenset[str]:
    schema = policy_schema()
    sub: Schema = schema
    for key in pattern:
        sub, _kind = _definition(schema, sub)
        sub = (
            sub.get("items", {}) if isinstance(key, int) else sub.get("properties", {}).get(key, {})
        )
    return frozenset(sub.get(PLACEHOLDERS_KEYWORD, ()))


def declared_placeholders(schema: Schema | None = None) -> frozenset[str]:
    """Every placeholder name the schema declares, anywhere."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            found.update(value.get(PLACEHOLDERS_KEYWORD, ()))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(schema or policy_schema())
    return frozenset(found)


def register_schema_path(version: int = CURRENT_VERSION) -> str:
    """Where the site publishes the register schema of ``version``."""
    return f"api/schema/{version}/register.schema.json"


@cache
def register_schema_for(languages: Sequence[str] | None, version: int = CURRENT_VERSION) -> Schema:
    """The schema of the published register document: the policy schema with every text
    an object holding the text in each published language (with ``languages`` None, in
    any languages: the schema of a version, whatever languages its documents have)."""
    # A JSON round trip copies plain JSON data several times faster than deepcopy.
    schema: Schema = json.loads(json.dumps(policy_schema(version)))
    schema["$id"] = f"https://privacy-notice.example/{register_schema_path(version)}"
    schema["title"] = f"Register document (published privacy notice), schema version {version}"
    schema["description"] = (
        "The register of personal data that a privacy notice describes, as published: every "
        "text is given in each published language. {period}, {response_time}, {extension} and "
        "{measures} in a text stand for the values stated next to it."
    )
    for key in NOT_PUBLISHED:
        schema["properties"].pop(key, None)
    if NAME_DEFINITION in schema["$defs"]:  # not in the schema of version 1
        schema["$defs"][NAME_DEFINITION] = {
            "title": schema["$defs"][NAME_DEFINITION]["title"],
            "description": "A name: a string, the same in every language, or a text given "
            "in every published language (a name the notice translates).",
            "anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/text"}],
        }
    for kind in TEXT_KINDS:
        plain = schema["$defs"][kind]
        text: Schema = {
            "title": plain["title"],
            "description": f"{plain['description']} Given in every published language.",
            "type": "object",
        }
        if languages is None:
            text["minProperties"] = 1
            text["propertyNames"] = {"pattern": "^[a-z]{2,3}$"}
            text["additionalProperties"] = {"type": "string", "minLength": 1}
        else:
            text["additionalProperties"] = False
            text["required"] = list(languages)
            text["properties"] = {lang: {"type": "string", "minLength": 1} for lang in languages}
        schema["$defs"][kind] = text
    return schema


# What may stand beside a "$ref" for it to be written out in its place: annotations, which
# check nothing.
_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "x-placeholders"})


def written_out(schema: Schema) -> Schema:
    """``schema`` with each reference to its ``$defs`` replaced by the definition itself
    (where the reference stands beside annotations only, and is not recursive): the same
    checks, the same messages, in about two thirds of the time, as jsonschema resolves a
    reference anew each time it meets it. What the checks use; never published."""
    definitions = schema.get("$defs", {})
    done: dict[str, Any] = {}  # each definition written out once, then shared

    def out(node: Any, following: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [out(item, following) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref", "")
        name = ref.removeprefix("#/$defs/")
        if name != ref and name not in following and set(node) - {"$ref"} <= _ANNOTATIONS:
            if name not in done:
                done[name] = out(definitions[name], following | {name})
            return done[name]
        return {key: out(value, following) for key, value in node.items()}

    written: Schema = out(schema, frozenset())
    return written


@cache
def policy_checks(version: int = CURRENT_VERSION) -> Schema:
    """:func:`policy_schema` written out (see :func:`written_out`), to check with."""
    return written_out(policy_schema(version))


@cache
def register_checks(languages: Sequence[str] | None, version: int = CURRENT_VERSION) -> Schema:
    """:func:`register_schema_for` written out (see :func:`written_out`), to check with."""
    return written_out(register_schema_for(languages, version))
