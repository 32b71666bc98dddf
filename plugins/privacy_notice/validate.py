"""Validate a loaded policy: JSON Schema, then the rules a schema cannot express.

Every problem becomes one :class:`Diagnostic` at the line and column it was written,
worded as advice to a person editing YAML, not as a validator's internals.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .cache import ValidationCache
from .diagnostics import Diagnostic, Path, PolicyError, display, errors
from .lint import lint
from .load import Loaded, load_policy_text, read_source
from .schema import Schema, iter_texts, policy_schema
from .texts import placeholders

_TYPE_NAMES = {
    "object": "a mapping (key: value lines)",
    "array": "a list ('- ' items)",
    "string": "text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "nothing",
}

# Which placeholders each kind of text may use, by the key that holds it.
_PLACEHOLDERS_BY_PATH = (
    (("retention", "rules", "*", "text"), {"period"}),
    (("retention", "rules", "*", "extension", "condition"), {"period"}),
    (("protection", "measures_intro"), {"measures"}),
    (("rights", "items", "*", "text"), {"response_time", "extension"}),
    (("rights", "response", "text"), {"response_time", "extension"}),
)

# (list holding references, key of the reference list, list of targets, what they are)
_REFERENCES = (
    (("personal_data", "fields"), "purposes", ("purposes", "items"), "purpose"),
    (("personal_data", "fields"), "sources", ("sources", "channels"), "channel"),
    (("retention", "rules"), "data_fields", ("personal_data", "fields"), "data field"),
    (("retention", "rules"), "channels", ("sources", "channels"), "channel"),
)

_ID_LISTS = (
    ("personal_data", "fields"),
    ("sources", "channels"),
    ("protection", "measures"),
    ("retention", "rules"),
    ("recipients", "categories"),
    ("purposes", "items"),
    ("rights", "items"),
)


if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def check_policy(
    path: os.PathLike[str] | str, cache: ValidationCache | None = None, strict: bool = False
) -> tuple[Loaded, list[Diagnostic]]:
    """Load and validate a policy file; raise on errors, return it with its warnings
    (the GDPR completeness check of :mod:`.lint`; with ``strict``, they are errors).

    With a ``cache``, a file whose bytes already passed the schema skips that pass (the
    rules beyond the schema always run).
    """
    name = display(path)
    raw = read_source(path, name)
    loaded = load_policy_text(raw, name)
    key = ValidationCache.key("policy", raw)
    if cache is not None and cache.known(key):
        found = sorted(set(domain_checks(loaded)))
    else:
        found = validate(loaded)
    if errors(found):
        raise PolicyError(found)
    if cache is not None:
        cache.remember(key)
    found = sorted(found + lint(loaded))
    if strict and found:
        raise PolicyError([replace(d, severity="error") for d in found])
    return loaded, found


def validate(loaded: Loaded, schema: Schema | None = None) -> list[Diagnostic]:
    """All problems of a loaded policy, in file order."""
    from jsonschema import Draft202012Validator, FormatChecker  # see cache.py: it is slow

    schema = schema or policy_schema()
    validator = Draft202012Validator(schema, format_checker=FormatChecker(formats=("date",)))
    found = [d for error in validator.iter_errors(loaded.data) for d in _describe(loaded, error)]
    found += domain_checks(loaded)
    return sorted(set(found))


def _value_text(loaded: Loaded, path: Path, value: Any) -> str:
    source = loaded.scalars.get(path)
    return repr(source if source is not None else value)


def _describe(loaded: Loaded, error: ValidationError) -> Iterator[Diagnostic]:
    path: Path = tuple(error.absolute_path)
    value, keyword, sub = error.instance, error.validator, error.schema
    if keyword == "required":
        missing = [
            k for k in error.validator_value if not isinstance(value, dict) or k not in value
        ]
        for key in missing:
            what = "section" if not path else "key"
            yield loaded.diagnostic(path, f"missing required {what} '{key}'", at_key=True)
    elif keyword == "additionalProperties":
        allowed = list(sub.get("properties", {}))
        for key in value:
            if key not in allowed:
                yield loaded.diagnostic((*path, key), _unknown_key(key, allowed), at_key=True)
    elif keyword == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        message = (
            f"expected {' or '.join(_TYPE_NAMES[t] for t in expected)}, "
            f"found {_describe_value(value)}"
        )
        source = loaded.scalars.get(path)
        if "string" in expected and source is not None:
            message += f': write it in quotes, "{source}"'
        yield loaded.diagnostic(path, message)
    elif keyword == "pattern" and "patternErrorMessage" in sub:
        yield loaded.diagnostic(
            path, f"{_value_text(loaded, path, value)} {sub['patternErrorMessage']}"
        )
    elif keyword == "format" and error.validator_value == "date":
        yield loaded.diagnostic(
            path,
            f"{_value_text(loaded, path, value)} is not a valid date (YYYY-MM-DD, e.g. 2019-10-23)",
        )
    elif keyword == "enum":
        options = error.validator_value
        hint = _did_you_mean(str(value), [str(o) for o in options])
        if "errorMessage" in sub:
            message = f"{_value_text(loaded, path, value)} {sub['errorMessage']}"
        elif len(options) > 12:
            what = sub.get("title", "value").lower()
            message = f"{_value_text(loaded, path, value)} is not a valid {what}"
            message += f" ({sub['description']})" if "description" in sub else ""
        else:
            message = f"{_value_text(loaded, path, value)} is not one of: " + ", ".join(
                str(o) for o in options
            )
        message += hint
        yield loaded.diagnostic(path, message)
    elif keyword == "minLength":
        yield loaded.diagnostic(path, "must not be empty")
    elif keyword == "minItems":
        yield loaded.diagnostic(path, f"must list at least {error.validator_value} item(s)")
    elif keyword == "uniqueItems":
        yield loaded.diagnostic(path, "lists the same item more than once")
    else:
        yield loaded.diagnostic(path, error.message)


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _did_you_mean(word: str, options: list[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest option, or nothing."""
    import difflib  # only on the way to an error message

    close = difflib.get_close_matches(word, options, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _unknown_key(key: str, allowed: list[str]) -> str:
    return f"unknown key '{key}'" + (
        _did_you_mean(key, allowed) or f"; allowed here: {', '.join(allowed)}"
    )


# --- rules beyond the schema -------------------------------------------------------------


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _items(data: Any, path: tuple[str, ...]) -> list[tuple[int, dict]]:
    value = _get(data, path)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def business_id_valid(business_id: str) -> bool:
    """The Finnish Business ID check digit (weights 7, 9, 10, 5, 8, 4, 2; modulus 11)."""
    digits, _, check = business_id.partition("-")
    if len(digits) != 7 or not digits.isdigit() or len(check) != 1 or not check.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return False
    return int(check) == (0 if remainder == 0 else 11 - remainder)


def domain_checks(loaded: Loaded) -> list[Diagnostic]:
    data = loaded.data
    found: list[Diagnostic] = []
    found += _check_business_id(loaded, data)
    found += _check_languages(loaded, data)
    found += _check_dates(loaded, data)
    ids = {}
    for list_path in _ID_LISTS:
        ids[list_path] = _check_unique_ids(loaded, list_path, found)
    for holder, key, target, what in _REFERENCES:
        known = ids[target]
        for index, item in _items(data, holder):
            refs = item.get(key)
            for ref_index, ref in enumerate(refs if isinstance(refs, list) else []):
                if isinstance(ref, str) and ref not in known:
                    path = (*holder, index, key, ref_index)
                    found.append(loaded.diagnostic(path, _dangling(ref, what, target, known)))
    found += _check_placeholders(loaded)
    return found


def _check_business_id(loaded: Loaded, data: Any) -> list[Diagnostic]:
    value = _get(data, ("controller", "business_id"))
    if (
        isinstance(value, str)
        and len(value) == 9
        and value[7] == "-"
        and not business_id_valid(value)
    ):
        return [
            loaded.diagnostic(
                ("controller", "business_id"),
                f"'{value}' has a wrong check digit: check the Business ID "
                "against the Finnish Trade Register (ytj.fi)",
            )
        ]
    return []


def _check_languages(loaded: Loaded, data: Any) -> list[Diagnostic]:
    source, languages = _get(data, ("source_language",)), _get(data, ("languages",))
    if isinstance(source, str) and isinstance(languages, list) and source not in languages:
        return [loaded.diagnostic(("languages",), f"must include the source language '{source}'")]
    return []


def _check_dates(loaded: Loaded, data: Any) -> list[Diagnostic]:
    updated, effective = _get(data, ("notice", "updated")), _get(data, ("notice", "effective"))
    try:
        if effective and dt.date.fromisoformat(effective) < dt.date.fromisoformat(updated):
            return [
                loaded.diagnostic(
                    ("notice", "effective"),
                    f"the effective date {effective} is before the update date {updated}",
                )
            ]
    except (TypeError, ValueError):
        pass  # the schema reports malformed dates
    return []


def _check_unique_ids(loaded: Loaded, list_path: tuple[str, ...], found: list) -> set[str]:
    seen: dict[str, int] = {}
    for index, item in _items(loaded.data, list_path):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            first = loaded.mark((*list_path, seen[item_id], "id"))
            found.append(
                loaded.diagnostic(
                    (*list_path, index, "id"),
                    f"duplicate id '{item_id}' (first used at line "
                    f"{first.line}): ids must be unique in this list",
                )
            )
        else:
            seen[item_id] = index
    return set(seen)


def _dangling(ref: str, what: str, target: tuple[str, ...], known: set[str]) -> str:
    return f"no {what} has the id '{ref}' (in {'.'.join(target)})" + _did_you_mean(
        ref, sorted(known)
    )


def _matches(pattern: tuple[str, ...], path: Path) -> bool:
    return len(pattern) == len(path) and all(
        p in ("*", q) for p, q in zip(pattern, path, strict=True)
    )


def _check_placeholders(loaded: Loaded) -> list[Diagnostic]:
    found = []
    for path, text, _kind in iter_texts(loaded.data):
        allowed = next(
            (names for pattern, names in _PLACEHOLDERS_BY_PATH if _matches(pattern, path)), set()
        )
        for name in sorted(placeholders(text) - allowed):
            hint = (
                f"this text may use {', '.join('{' + a + '}' for a in sorted(allowed))}"
                if allowed
                else "this text cannot use placeholders; write the value out"
            )
            found.append(loaded.diagnostic(path, f"unknown placeholder {{{name}}}: {hint}"))
    for index, rule in _items(loaded.data, ("retention", "rules")):
        for sub, text_key in (((), "text"), (("extension",), "condition")):
            holder = _get(rule, sub) if sub else rule
            if (
                isinstance(holder, dict)
                and isinstance(holder.get("period"), str)
                and isinstance(holder.get(text_key), str)
                and "period" not in placeholders(holder[text_key])
            ):
                path = ("retention", "rules", index, *sub, text_key)
                found.append(
                    loaded.diagnostic(
                        path,
                        f"the period {holder['period']} is not "
                        "stated: write {period} where the text gives it",
                    )
                )
    intro = _get(loaded.data, ("protection", "measures_intro"))
    if isinstance(intro, str) and "measures" not in placeholders(intro):
        found.append(
            loaded.diagnostic(
                ("protection", "measures_intro"), "write {measures} where the measures are listed"
            )
        )
    return found
