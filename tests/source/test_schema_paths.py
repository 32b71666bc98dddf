"""Every place in policy.yaml that a check names exists in the schema.

The rules, the completeness check, the release checks and the semantic diff name places
as tuples of keys (``("retention", "rules")``). A schema rename that one of them missed
would switch that check off without a word; this test reads every such tuple in their
source and resolves it in the schema.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from privacy_notice.history import change, diff, release_rules
from privacy_notice.model import placeholders
from privacy_notice.model.placeholders import SOURCES
from privacy_notice.source import lint, rules
from privacy_notice.source.schema import PLACEHOLDERS_KEYWORD, policy_schema

MODULES = (rules, lint, release_rules, diff, change, placeholders)
ANY = None  # an index or key the code computes: any array item or property
SOME = "**"  # keys the code splices in (``*sub``): none, or any one
# Functions that take a path relative to an item (``items_at(purpose, ("legal_bases",))``).
RELATIVE = {"items_at", "value_at"}

Key = str | None


def _keys(node: ast.expr) -> tuple[Key, ...] | None:
    """The keys of a tuple literal that can be a path: strings, computed parts (names,
    subscripts) as ANY, spliced ones as SOME; None for any other tuple."""
    if not isinstance(node, ast.Tuple) or not node.elts:
        return None
    keys: list[Key] = []
    for element in node.elts:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            keys.append(ANY if element.value == "*" else element.value)
        elif isinstance(element, ast.Starred):
            keys.append(SOME)
        elif isinstance(element, ast.Name | ast.Subscript | ast.Attribute):
            keys.append(ANY)
        else:
            return None
    return tuple(keys) if isinstance(keys[0], str) else None  # (index, ...) is not a path


def named_paths(module: ModuleType) -> Iterator[tuple[str, tuple[Key, ...], bool]]:
    """``(where, keys, relative)`` for every tuple in ``module`` that names a place."""
    tree = ast.parse(inspect.getsource(module))
    relative: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in RELATIVE:
            first = node.args[0] if node.args else None
            absolute = isinstance(first, ast.Name) and first.id == "data"
            absolute |= isinstance(first, ast.Attribute) and first.attr == "data"
            if len(node.args) > 1 and not absolute:
                relative.add(id(node.args[1]))
    for node in ast.walk(tree):
        keys = _keys(node) if isinstance(node, ast.expr) else None
        if keys is None:
            continue
        where = f"{module.__name__}:{node.lineno}"
        if keys[0] == SOME:  # (*path, "transfers"): below some place, so relative
            yield where, keys[1:], True
        else:
            yield where, keys, id(node) in relative


def _options(schema: dict[str, Any], sub: Any) -> Iterator[dict[str, Any]]:
    """``sub`` and what it stands for through $ref and anyOf/oneOf/allOf."""
    if not isinstance(sub, dict):
        return
    if "$ref" in sub:
        yield from _options(schema, schema["$defs"][sub["$ref"].rsplit("/", 1)[-1]])
        return
    yield sub
    for keyword in ("anyOf", "oneOf", "allOf"):
        for option in sub.get(keyword, []):
            yield from _options(schema, option)


def _children(schema: dict[str, Any], sub: Any, key: Key) -> list[Any]:
    found = []
    for option in _options(schema, sub):
        if key is ANY:
            if isinstance(option.get("items"), dict):
                found.append(option["items"])
            if isinstance(option.get("additionalProperties"), dict):
                found.append(option["additionalProperties"])
            found += option.get("properties", {}).values()
        elif key in option.get("properties", {}):
            found.append(option["properties"][key])
    return found


def resolves(schema: dict[str, Any], start: Any, keys: tuple[Key, ...]) -> bool:
    level = [start]
    for key in keys:
        if key == SOME:  # nothing spliced in, or any one key
            level += [child for sub in level for child in _children(schema, sub, ANY)]
            continue
        level = [child for sub in level for child in _children(schema, sub, key)]
        if not level:
            return False
    return True


def _every_node(schema: dict[str, Any]) -> list[Any]:
    found: list[Any] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            found.append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(schema)
    return found


SCHEMA = policy_schema()
TOP = set(SCHEMA["properties"])
CASES = [case for module in MODULES for case in named_paths(module) if case[2] or case[1][0] in TOP]


@pytest.mark.parametrize(("where", "keys", "relative"), CASES, ids=[c[0] for c in CASES])
def test_every_named_path_is_in_the_schema(where: str, keys: tuple[Key, ...], relative: bool):
    starts = _every_node(SCHEMA) if relative else [SCHEMA]
    assert any(resolves(SCHEMA, start, keys) for start in starts), (
        f"{where}: {keys} is not a place in policy.schema.json"
    )


def test_the_semantic_diff_names_lists_of_the_schema():
    """The diff names its lists by (section, attribute): the model's names, which are
    the document's keys."""
    for section, attribute, *_rest in diff._LISTS:
        assert resolves(SCHEMA, SCHEMA, (section, attribute, ANY)), (section, attribute)


def test_the_keys_the_rules_read_in_items_are_in_the_schema():
    for holder, key, targets, _what in rules._REFERENCES:
        assert resolves(SCHEMA, SCHEMA, (*holder, ANY, key)), (holder, key)
        assert resolves(SCHEMA, SCHEMA, (*targets, ANY, "id")), targets
    for key in lint.CONTROLLER_CONTACTS:
        assert resolves(SCHEMA, SCHEMA, ("controller", key)), key


def test_the_paths_are_found_and_a_wrong_one_fails():
    """The scan reaches the checks' tables and inline paths; a misspelt key fails."""
    found = {keys for _where, keys, _relative in CASES}
    assert ("notice", "effective") in found  # an inline value_at(data, ...)
    assert ("purposes", "items") in found  # an inline items_at(data, ...)
    assert ("notice", "material") in found  # release_rules
    assert not resolves(SCHEMA, SCHEMA, ("retention", "rule"))


def _declaring_texts(sub: Any, path: tuple[Key, ...] = ()) -> Iterator[tuple[tuple[Key, ...], Any]]:
    """``(path, names)`` for every text the schema gives ``x-placeholders``."""
    for option in _options(SCHEMA, sub):
        if PLACEHOLDERS_KEYWORD in sub:
            yield path, sub[PLACEHOLDERS_KEYWORD]
        for key, child in option.get("properties", {}).items():
            yield from _declaring_texts(child, (*path, key))
        if isinstance(option.get("items"), dict):
            yield from _declaring_texts(option["items"], (*path, ANY))


def test_placeholders_are_declared_in_the_schema_and_their_values_are_in_it():
    """The schema says which text may use which placeholder; placeholders.SOURCES says
    where each value is stated: the same names, and every value a place of the schema."""
    declared = dict(_declaring_texts(SCHEMA))
    assert len(declared) >= 5
    assert {n for names in declared.values() for n in names} == set(SOURCES)
    for path, names in declared.items():
        for name in names:
            source = SOURCES[name]
            where = (*path[:-1], *source.path) if source.relative else source.path
            assert resolves(SCHEMA, SCHEMA, where), (path, name, where)
