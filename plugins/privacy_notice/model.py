"""The register as typed, frozen dataclasses, built from a register document.

The register document (the published JSON) is the canonical form; this model is how
templates and the semantic diff read it. Field names follow the document's keys, so one
generic builder, driven by the type hints, constructs every class.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields, is_dataclass
from functools import cache, partial
from typing import Any

from .diagnostics import Path

# Model objects are compared through their values (see diff.py), never with ==; not
# generating __eq__ and __repr__ for thirty classes halves the time to create them.
frozen = partial(dataclass, frozen=True, eq=False, repr=False)

# The sections of a notice, in the order the notice reads.
SECTIONS = (
    "controller",
    "register",
    "personal_data",
    "sources",
    "protection",
    "retention",
    "access",
    "processing_locations",
    "automated_decision_making",
    "recipients",
    "purposes",
    "rights",
    "complaints",
    "updates",
)


@frozen
class Text:
    """A text in every published language; ``fallbacks`` lists languages shown untranslated."""

    values: Mapping[str, str]
    fallbacks: frozenset[str] = frozenset()

    def __getitem__(self, lang: str) -> str:
        return self.values[lang]


class Markdown(Text):
    """A text written in Markdown."""


@frozen
class Address:
    street: Text
    postal_code: str
    city: Text
    country: str


@frozen
class Contact:
    description: Text
    email: str


@frozen
class Notice:
    title: Text
    updated: str
    material: bool
    basis: Text
    effective: str | None = None
    summary: Text | None = None


@frozen
class DataProtectionOfficer:
    email: str | None = None
    statement: Markdown | None = None


@frozen
class Controller:
    title: Text
    name: str
    business_id: str
    visiting_address: Address
    register_contact: Contact
    data_protection_officer: DataProtectionOfficer | None = None


@frozen
class RegisterInfo:
    title: Text
    name: Text
    data_subjects: Markdown
    introduction: Markdown


@frozen
class DataField:
    id: str
    name: Text
    purposes: tuple[str, ...]
    purpose: Markdown
    sources: tuple[str, ...] = ()


@frozen
class PersonalData:
    title: Text
    definition: Markdown
    introduction: Text
    fields: tuple[DataField, ...]
    provision: Markdown | None = None


@frozen
class Channel:
    id: str
    name: Text


@frozen
class Sources:
    title: Text
    description: Markdown
    from_data_subject: bool
    channels: tuple[Channel, ...]
    other_sources: Markdown | None = None


@frozen
class Measure:
    id: str
    name: Text


@frozen
class Protection:
    title: Text
    statement: Markdown
    measures_intro: Text
    measures: tuple[Measure, ...]
    access_principles: Markdown


@frozen
class Extension:
    period: str
    condition: Markdown


@frozen
class RetentionRule:
    id: str
    name: Text
    text: Markdown
    data_fields: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    period: str | None = None
    extension: Extension | None = None


@frozen
class Retention:
    title: Text
    principles: Markdown
    rules: tuple[RetentionRule, ...]


@frozen
class Access:
    title: Text
    principles: Markdown
    persons: Markdown
    measures: Markdown


@frozen
class ProcessingLocations:
    title: Text
    usual_countries: tuple[str, ...]
    other_eu_eea: bool
    third_countries: str
    text: Markdown
    safeguards: tuple[str, ...] = ()


@frozen
class AutomatedDecisionMaking:
    title: Text
    used: bool
    text: Markdown


@frozen
class RecipientCategory:
    id: str
    name: Text
    role: str
    description: Markdown | None = None


@frozen
class Recipients:
    title: Text
    introduction: Markdown
    categories: tuple[RecipientCategory, ...]
    safeguards: Markdown


@frozen
class Purpose:
    id: str
    description: Markdown
    legal_basis: str | None = None
    legitimate_interest: Markdown | None = None


@frozen
class Purposes:
    title: Text
    items: tuple[Purpose, ...]


@frozen
class Right:
    id: str
    right: str
    text: Markdown


@frozen
class Response:
    time: str
    extension: str
    text: Markdown


@frozen
class Rights:
    title: Text
    contact: str
    introduction: Markdown
    items: tuple[Right, ...]
    response: Response
    list_heading: Text | None = None


@frozen
class SupervisoryAuthority:
    name: Text
    country: str
    website: str


@frozen
class Complaints:
    title: Text
    contact: str
    text: Markdown
    supervisory_authority: SupervisoryAuthority


@frozen
class Updates:
    title: Text
    text: Markdown


@frozen
class Register:
    source_language: str
    languages: tuple[str, ...]
    notice: Notice
    controller: Controller
    register: RegisterInfo
    personal_data: PersonalData
    sources: Sources
    protection: Protection
    retention: Retention
    access: Access
    processing_locations: ProcessingLocations
    automated_decision_making: AutomatedDecisionMaking
    recipients: Recipients
    purposes: Purposes
    rights: Rights
    complaints: Complaints
    updates: Updates

    def section(self, key: str) -> Any:
        return getattr(self, key)

    def placeholders(self, lang: str) -> dict[str, str]:
        """The values that ``{response_time}`` and ``{extension}`` stand for, in ``lang``."""
        from .localize import format_duration

        response = self.rights.response
        return {
            "response_time": format_duration(response.time, lang),
            "extension": format_duration(response.extension, lang),
        }


def register_from_document(
    document: Mapping[str, Any], fallbacks: frozenset[tuple[Path, str]] = frozenset()
) -> Register:
    """Build the model of a register document (see :mod:`.schema` for its shape)."""
    return _build(Register, document, (), fallbacks)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(
    cls: type, value: Mapping[str, Any], path: Path, fallbacks: frozenset[tuple[Path, str]]
) -> Any:
    arguments = {}
    for spec in fields(cls):
        if spec.name not in value:
            if spec.default is MISSING:
                raise ValueError(f"{'.'.join(map(str, path)) or 'document'}: '{spec.name}' missing")
            continue
        arguments[spec.name] = _convert(
            _hints(cls)[spec.name], value[spec.name], (*path, spec.name), fallbacks
        )
    return cls(**arguments)


def _convert(hint: Any, value: Any, path: Path, fallbacks: frozenset[tuple[Path, str]]) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        return _convert(hint, value, path, fallbacks)
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        return tuple(
            _convert(item_hint, item, (*path, i), fallbacks) for i, item in enumerate(value)
        )
    if isinstance(hint, type) and issubclass(hint, Text):
        shown = frozenset(lang for (where, lang) in fallbacks if where == path)
        return hint(dict(value), shown)
    if is_dataclass(hint):
        return _build(hint, value, path, fallbacks)
    return value
