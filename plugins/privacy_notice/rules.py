"""The rules a JSON Schema cannot state: the Business ID check digit, unique ids,
references between items, placeholders, dates in order, the source language published.

They run on every build (even when the schema pass is cached, see cache.py) and are
written defensively: the data may not have passed the schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .diagnostics import Diagnostic, Path, did_you_mean
from .load import Loaded
from .schema import iter_texts
from .texts import placeholders

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


def value_at(data: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path``, or None where the data does not have that shape."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def items_at(data: Any, path: tuple[str, ...]) -> list[tuple[int, dict]]:
    """``(index, item)`` for the mappings in the list at ``path`` (none if it is not one)."""
    value = value_at(data, path)
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
        for index, item in items_at(data, holder):
            refs = item.get(key)
            for ref_index, ref in enumerate(refs if isinstance(refs, list) else []):
                if isinstance(ref, str) and ref not in known:
                    path = (*holder, index, key, ref_index)
                    found.append(loaded.diagnostic(path, _dangling(ref, what, target, known)))
    found += _check_placeholders(loaded)
    return found


def _check_business_id(loaded: Loaded, data: Any) -> list[Diagnostic]:
    value = value_at(data, ("controller", "business_id"))
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
    source, languages = value_at(data, ("source_language",)), value_at(data, ("languages",))
    if isinstance(source, str) and isinstance(languages, list) and source not in languages:
        return [loaded.diagnostic(("languages",), f"must include the source language '{source}'")]
    return []


def _check_dates(loaded: Loaded, data: Any) -> list[Diagnostic]:
    updated, effective = (
        value_at(data, ("notice", "updated")),
        value_at(data, ("notice", "effective")),
    )
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
    for index, item in items_at(loaded.data, list_path):
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
    return f"no {what} has the id '{ref}' (in {'.'.join(target)})" + did_you_mean(
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
    for index, rule in items_at(loaded.data, ("retention", "rules")):
        for sub, text_key in (((), "text"), (("extension",), "condition")):
            holder = value_at(rule, sub) if sub else rule
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
    intro = value_at(loaded.data, ("protection", "measures_intro"))
    if isinstance(intro, str) and "measures" not in placeholders(intro):
        found.append(
            loaded.diagnostic(
                ("protection", "measures_intro"), "write {measures} where the measures are listed"
            )
        )
    return found
