"""The rules a JSON Schema cannot state: identifiers' check digits, languages Babel knows,
unique ids, references between items, placeholders, dates in order, the order of
sections; and those the law implies between values (:mod:`.law_checks`).

They are written defensively: the data may not have passed the schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from privacy_notice.diagnostics import Diagnostic, did_you_mean
from privacy_notice.model.dpv_terms import check_categories
from privacy_notice.model.gdpr import SECTIONS
from privacy_notice.model.identifiers import identifier_problem
from privacy_notice.model.placeholders import SOURCES, case_problem, value_path
from privacy_notice.model.texts import placeholder_uses, placeholders
from privacy_notice.source.law_checks import law_checks
from privacy_notice.source.loaded import Loaded, items_at, value_at
from privacy_notice.source.locales import known_locale, language_hint
from privacy_notice.source.schema import iter_texts, placeholders_at

# (list holding references, key of the reference list, list of targets, what they are)
_REFERENCES = (
    (("personal_data", "fields"), "purposes", ("purposes", "items"), "purpose"),
    (("personal_data", "fields"), "sources", ("sources", "channels"), "channel"),
    (("personal_data", "fields"), "data_subjects", ("data_subjects", "groups"), "group"),
    (("retention", "rules"), "data_fields", ("personal_data", "fields"), "data field"),
    (("retention", "rules"), "channels", ("sources", "channels"), "channel"),
    (("retention", "rules"), "purposes", ("purposes", "items"), "purpose"),
    (("recipients", "categories"), "purposes", ("purposes", "items"), "purpose"),
    (("recipients", "categories"), "data_fields", ("personal_data", "fields"), "data field"),
    (("cookies", "items"), "purposes", ("purposes", "items"), "purpose"),
    (("controller", "joint_controllers"), "purposes", ("purposes", "items"), "purpose"),
    (("sources", "providers"), "data_fields", ("personal_data", "fields"), "data field"),
    (("rights", "items"), "purposes", ("purposes", "items"), "purpose"),
)

_ID_LISTS = (
    ("personal_data", "fields"),
    ("data_subjects", "groups"),
    ("sources", "channels"),
    ("sources", "providers"),
    ("protection", "measures"),
    ("retention", "rules"),
    ("recipients", "categories"),
    ("purposes", "items"),
    ("cookies", "items"),
    ("rights", "items"),
    ("controller", "joint_controllers"),
    ("additional_sections",),
)


def domain_checks(loaded: Loaded) -> list[Diagnostic]:
    data = loaded.data
    found: list[Diagnostic] = []
    found += _check_identifiers(loaded, data)
    found += _check_languages(loaded, data)
    found += law_checks(loaded)  # legal bases, special categories, transfers…
    found += _check_dates(loaded, data)
    found += check_categories(loaded)  # personal_data.fields[].dpv against DPV 2.2
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
    found += _check_section_order(loaded, data, ids[("additional_sections",)])
    return found


def _check_identifiers(loaded: Loaded, data: Any) -> list[Diagnostic]:
    found = []
    for holder in (("controller",), ("controller", "representative")):
        for index, item in items_at(data, (*holder, "identifiers")):
            scheme, value = item.get("scheme"), item.get("value")
            if isinstance(scheme, str) and isinstance(value, str):
                problem = identifier_problem(scheme, value)
                if problem:
                    path = (*holder, "identifiers", index, "value")
                    found.append(loaded.diagnostic(path, f"'{value}' {problem}"))
    return found


def check_languages(loaded: Loaded) -> list[Diagnostic]:
    """The languages alone, for commands that need nothing else (``translations``)."""
    source, languages = loaded.data.get("source_language"), loaded.data.get("languages")
    if not isinstance(source, str) or not (
        isinstance(languages, list) and all(isinstance(x, str) for x in languages)
    ):
        return [loaded.diagnostic((), "needs source_language and a list of languages")]
    return _check_languages(loaded, loaded.data)


def _check_languages(loaded: Loaded, data: Any) -> list[Diagnostic]:

    found = []
    source, languages = value_at(data, ("source_language",)), value_at(data, ("languages",))
    for path, code in [(("source_language",), source)] + [
        (("languages", i), lang)
        for i, lang in enumerate(languages if isinstance(languages, list) else [])
    ]:
        if isinstance(code, str) and not known_locale(code):
            found.append(
                loaded.diagnostic(
                    path,
                    f"'{code}' is not a language Babel knows" + language_hint(code),
                )
            )
    if isinstance(source, str) and isinstance(languages, list) and source not in languages:
        found.append(
            loaded.diagnostic(("languages",), f"must include the source language '{source}'")
        )
    locales = value_at(data, ("locales",))
    for lang, locale in (locales or {}).items() if isinstance(locales, dict) else ():
        if isinstance(languages, list) and lang not in languages:
            found.append(
                loaded.diagnostic(
                    ("locales", lang),
                    f"'{lang}' is not a published language (languages)",
                    at_key=True,
                )
            )
        elif isinstance(locale, str) and not known_locale(locale):
            found.append(
                loaded.diagnostic(
                    ("locales", lang), f"'{locale}' is not a locale Babel knows (e.g. sv_FI, en_GB)"
                )
            )
        elif isinstance(locale, str) and locale.split("_")[0] != lang:
            found.append(
                loaded.diagnostic(
                    ("locales", lang), f"'{locale}' is not a locale of the language '{lang}'"
                )
            )
    return found


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
                    f"the effective date {effective} is before the update date {updated} "
                    "(carried over from an earlier version?): remove notice.effective or set "
                    f"it to a date on or after {updated}",
                )
            ]
    except (TypeError, ValueError):
        pass  # the schema reports malformed dates
    return []


def _check_unique_ids(
    loaded: Loaded, list_path: tuple[str, ...], found: list[Diagnostic]
) -> set[str]:
    seen: dict[str, int] = {}
    for index, item in items_at(loaded.data, list_path):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            first = loaded.mark((*list_path, seen[item_id], "id"))
            at = f"{first.file}:{first.line}" if first.file else f"line {first.line}"
            found.append(
                loaded.diagnostic(
                    (*list_path, index, "id"),
                    f"duplicate id '{item_id}' (first used at {at}): ids must be unique "
                    "in this list",
                )
            )
        else:
            seen[item_id] = index
    return set(seen)


def _dangling(ref: str, what: str, target: tuple[str, ...], known: set[str]) -> str:
    return f"no {what} has the id '{ref}' (in {'.'.join(target)})" + did_you_mean(
        ref, sorted(known)
    )


def _check_placeholders(loaded: Loaded) -> list[Diagnostic]:
    found = []
    source = value_at(loaded.data, ("source_language",))
    for path, text, _kind in iter_texts(loaded.data):
        allowed = placeholders_at(path)
        used = placeholders(text)
        for name, case in sorted(placeholder_uses(text), key=str):
            if name in allowed and isinstance(source, str):
                problem = case_problem(name, case, source)
                found += [loaded.diagnostic(path, problem)] if problem else []
        for name in sorted(used - allowed):
            hint = (
                f"this text may use {', '.join('{' + a + '}' for a in sorted(allowed))}"
                if allowed
                else "this text cannot use placeholders; write the value out"
            )
            found.append(loaded.diagnostic(path, f"unknown placeholder {{{name}}}: {hint}"))
        for name in sorted(used & allowed & SOURCES.keys()):
            where = value_path(path, name)
            if value_at(loaded.data, where) in (None, [], ""):
                found.append(
                    loaded.diagnostic(
                        path,
                        f"{{{name}}} stands for {'.'.join(map(str, where))}, which is not "
                        "stated: state it, or write the text without it",
                    )
                )
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


def _check_section_order(loaded: Loaded, data: Any, additional: set[str]) -> list[Diagnostic]:
    found = []
    for index, section in items_at(data, ("additional_sections",)):
        if isinstance(section.get("id"), str) and section["id"].replace("-", "_") in SECTIONS:
            found.append(
                loaded.diagnostic(
                    ("additional_sections", index, "id"),
                    f"'{section['id']}' is the name of a section of the notice: choose another id",
                )
            )
    order = value_at(data, ("section_order",))
    known = [key for key in SECTIONS if isinstance(value_at(data, (key,)), dict)]
    known += sorted(additional)
    for index, key in enumerate(order if isinstance(order, list) else []):
        if isinstance(key, str) and key not in known:
            found.append(
                loaded.diagnostic(
                    ("section_order", index),
                    f"the notice has no section '{key}'" + did_you_mean(key, known),
                )
            )
    return found
