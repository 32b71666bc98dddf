"""``shared.yaml``'s directory (``units:``, ``groups:``) checked, and a register's
references to it (``unit``, ``concerns``) checked against it: see
:mod:`privacy_notice.model.directory`.

A name is given in every language, as a mapping (``fi: Oppilaat ja huoltajat``): a unit's
or a group's name is the organisation's own wording, not a text of one register, so it is
written once beside the others rather than translated register by register.
"""

from __future__ import annotations

import re
from typing import Any

from privacy_notice.diagnostics import Diagnostic, did_you_mean
from privacy_notice.model.directory import EMPTY, Directory, directory_from
from privacy_notice.source.loaded import Loaded

DIRECTORY_KEYS = ("units", "groups")
# What a register says of itself in the directory (top-level keys of policy.yaml).
REFERENCES = {"unit": "units", "concerns": "groups"}
NAMED_BY = {listed: key for key, listed in REFERENCES.items()}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_EXAMPLE = {"units": "education", "groups": "pupils-and-guardians"}


def directory_problems(loaded: Loaded) -> list[Diagnostic]:
    """The problems of ``shared.yaml``'s ``units`` and ``groups``."""
    found: list[Diagnostic] = []
    for key in DIRECTORY_KEYS:
        items = loaded.data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            message = f"expected a list of {key}, each with an id and a name in every language"
            found.append(loaded.diagnostic((key,), message))
            continue
        seen: set[str] = set()
        for index, item in enumerate(items):
            found += _entry_problems(loaded, (key, index), item, key, seen)
    return found


def _entry_problems(
    loaded: Loaded, path: tuple[str | int, ...], item: Any, key: str, seen: set[str]
) -> list[Diagnostic]:
    if not isinstance(item, dict):
        message = f"expected a mapping: id: {_EXAMPLE[key]} and name: {{fi: …, sv: …}}"
        return [loaded.diagnostic(path, message)]
    found = [
        loaded.diagnostic((*path, name), f"unknown key{did_you_mean(name, ['id', 'name'])}")
        for name in item
        if name not in ("id", "name", "description")
    ]
    ident = item.get("id")
    if not (isinstance(ident, str) and _ID.match(ident)):
        message = (
            f"write an id of lower-case letters, digits and single hyphens, e.g. "
            f"{_EXAMPLE[key]} (it becomes part of a URL)"
        )
        found.append(loaded.diagnostic((*path, "id") if "id" in item else path, message))
    elif ident in seen:
        found.append(loaded.diagnostic((*path, "id"), f"a second {key[:-1]} '{ident}': ids differ"))
    else:
        seen.add(ident)
    for name in ("name", "description"):
        if name in item or name == "name":
            found += _languages_problems(loaded, (*path, name), item.get(name))
    return found


def _languages_problems(
    loaded: Loaded, path: tuple[str | int, ...], value: Any
) -> list[Diagnostic]:
    if not isinstance(value, dict) or not value:
        message = "write it in every language, e.g. {fi: Oppilaat, sv: Elever, en: Pupils}"
        return [loaded.diagnostic(path, message)]
    return [
        loaded.diagnostic((*path, lang), "write a language code and a text, e.g. fi: Oppilaat")
        for lang, text in value.items()
        if not (isinstance(lang, str) and _LANG.match(lang) and isinstance(text, str) and text)
    ]


def directory_of(shared: Loaded | None) -> Directory:
    """The directory of a checked ``shared.yaml`` (empty without one)."""
    if shared is None:
        return EMPTY
    language = shared.data.get("source_language")
    return directory_from(shared.data, language if isinstance(language, str) else "")


def reference_problems(loaded: Loaded, shared: Loaded | None) -> list[Diagnostic]:
    """A register's ``unit`` and ``concerns`` that name nothing of ``shared.yaml``, or a
    unit or group with no name in a language the register publishes."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    if not any(key in data for key in REFERENCES):
        return []
    directory = directory_of(shared)
    languages = [lang for lang in data.get("languages") or () if isinstance(lang, str)]
    found = []
    for key, listed in REFERENCES.items():
        value = data.get(key)
        named = [(p, v) for p, v in _ids(key, value) if isinstance(v, str)]
        known = [e.id for e in (directory.units if listed == "units" else directory.groups)]
        for path, ident in named:
            entry = directory.unit(ident) if listed == "units" else directory.group(ident)
            if entry is None:
                found.append(loaded.diagnostic(path, _unknown(ident, listed, known, shared)))
                continue
            missing = [lang for lang in languages if lang not in entry.name.values]
            if missing and shared is not None:
                where = shared.mark((listed, known.index(ident), "name"))
                message = (
                    f"the {listed[:-1]} '{ident}' has no name in {', '.join(missing)} "
                    f"({shared.file}:{where.line}): add it there, as this register "
                    "is published in that language"
                )
                found.append(loaded.diagnostic(path, message))
    return found


def _ids(key: str, value: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    if key == "unit":
        return [((key,), value)] if value is not None else []
    return [((key, i), v) for i, v in enumerate(value)] if isinstance(value, list) else []


def _unknown(ident: str, listed: str, known: list[str], shared: Loaded | None) -> str:
    if shared is None:
        return (
            f"no {listed} are declared: add a shared.yaml beside registers/ with "
            f"'{listed}: [{{id: {ident}, name: {{…}}}}]'"
        )
    hint = did_you_mean(ident, known) or f"; its {listed}: {', '.join(known) or 'none'}"
    return f"no {listed[:-1]} '{ident}' in {shared.file}{hint}"
