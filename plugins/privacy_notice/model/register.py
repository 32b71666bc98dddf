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
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from privacy_notice.diagnostics import YamlPath
from privacy_notice.model.gdpr import EU_EEA, SECTIONS

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

D = TypeVar("D", bound="DataclassInstance")


# Model objects are compared through their values (see diff.py).
@dataclass(frozen=True)
class Text:
    """A text in every published language; ``fallbacks`` lists languages shown untranslated,
    ``path`` is where it stands in the document (what its placeholders refer to)."""

    values: Mapping[str, str]
    fallbacks: frozenset[str] = frozenset()
    path: YamlPath = ()

    def __getitem__(self, lang: str) -> str:
        return self.values[lang]


class Markdown(Text):
    """A text written in Markdown."""


@dataclass(frozen=True)
class Address:
    street: Text
    postal_code: str
    city: Text
    country: str


@dataclass(frozen=True)
class Identifier:
    scheme: str
    value: str
    country: str | None = None


@dataclass(frozen=True)
class Organisation:
    name: str
    identifiers: tuple[Identifier, ...] = ()
    address: Address | None = None
    email: str | None = None
    telephone: str | None = None


@dataclass(frozen=True)
class Contact:
    description: Text
    email: str
    name: str | None = None
    telephone: str | None = None


@dataclass(frozen=True)
class Notice:
    title: Text
    updated: str
    material: bool
    basis: Text | None = None
    effective: str | None = None
    summary: Text | None = None
    # The announced effective date of an earlier version that this one replaced before it
    # took effect (see effective.py).
    supersedes_announced: str | None = None


@dataclass(frozen=True)
class DataProtectionOfficer:
    name: str | None = None
    email: str | None = None
    telephone: str | None = None
    address: Address | None = None
    statement: Markdown | None = None


@dataclass(frozen=True)
class JointController:
    id: str
    organisation: Organisation
    arrangement: Markdown
    purposes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Controller:
    title: Text
    name: str
    identifiers: tuple[Identifier, ...] = ()
    visiting_address: Address | None = None
    postal_address: Address | None = None
    email: str | None = None
    telephone: str | None = None
    website: str | None = None
    register_contact: Contact | None = None
    data_protection_officer: DataProtectionOfficer | None = None
    representative: Organisation | None = None
    joint_controllers: tuple[JointController, ...] = ()


@dataclass(frozen=True)
class RegisterInfo:
    title: Text
    name: Text
    data_subjects: Markdown | None = None
    introduction: Markdown | None = None


@dataclass(frozen=True)
class Group:
    id: str
    name: Text
    description: Markdown | None = None


@dataclass(frozen=True)
class DataSubjects:
    title: Text
    groups: tuple[Group, ...]
    description: Markdown | None = None


@dataclass(frozen=True)
class SpecialCategory:
    category: str
    condition: str
    law: Text | None = None


@dataclass(frozen=True)
class DataField:
    id: str
    name: Text
    purposes: tuple[str, ...]
    purpose: Markdown | None = None
    sources: tuple[str, ...] = ()
    data_subjects: tuple[str, ...] = ()
    special_category: SpecialCategory | None = None
    dpv: str | None = None  # a DPV 2.2 personal data category (dpv_terms.py)


@dataclass(frozen=True)
class PersonalData:
    title: Text
    fields: tuple[DataField, ...]
    definition: Markdown | None = None
    introduction: Text | None = None
    provision: Markdown | None = None


@dataclass(frozen=True)
class Channel:
    id: str
    name: Text


@dataclass(frozen=True)
class Sources:
    title: Text
    from_data_subject: bool
    description: Markdown | None = None
    channels: tuple[Channel, ...] = ()
    other_sources: Markdown | None = None


@dataclass(frozen=True)
class Measure:
    id: str
    name: Text


@dataclass(frozen=True)
class Protection:
    title: Text
    statement: Markdown | None = None
    measures_intro: Text | None = None
    measures: tuple[Measure, ...] = ()
    access_principles: Markdown | None = None


@dataclass(frozen=True)
class Extension:
    period: str
    condition: Markdown


@dataclass(frozen=True)
class RetentionRule:
    id: str
    name: Text
    text: Markdown | None = None
    data_fields: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    period: str | None = None
    starts: str | None = None
    until: str | None = None
    law: Text | None = None
    extension: Extension | None = None


@dataclass(frozen=True)
class Retention:
    title: Text
    rules: tuple[RetentionRule, ...]
    principles: Markdown | None = None


@dataclass(frozen=True)
class Access:
    title: Text
    principles: Markdown | None = None
    persons: Markdown | None = None
    measures: Markdown | None = None


@dataclass(frozen=True)
class ProcessingLocations:
    title: Text
    usual_countries: tuple[str, ...]
    other_eu_eea: bool
    third_countries: str
    text: Markdown | None = None
    safeguards: tuple[str, ...] = ()


@dataclass(frozen=True)
class AutomatedDecisionMaking:
    title: Text
    decisions: bool
    profiling: bool
    text: Markdown | None = None
    logic: Markdown | None = None
    consequences: Markdown | None = None


@dataclass(frozen=True)
class Transfer:
    mechanism: str
    countries: tuple[str, ...] = ()
    derogation: str | None = None
    reference: Text | None = None
    copy: Markdown | None = None


@dataclass(frozen=True)
class RecipientCategory:
    id: str
    name: Text
    role: str
    description: Markdown | None = None
    countries: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    data_fields: tuple[str, ...] = ()
    transfers: tuple[Transfer, ...] = ()

    @property
    def third_countries(self) -> tuple[str, ...]:
        return tuple(c for c in self.countries if c not in EU_EEA)

    def transfer_countries(self, transfer: Transfer) -> tuple[str, ...]:
        """The countries ``transfer`` goes to (all third countries when it names none)."""
        return transfer.countries or self.third_countries


@dataclass(frozen=True)
class Recipients:
    title: Text
    categories: tuple[RecipientCategory, ...]
    introduction: Markdown | None = None
    safeguards: Markdown | None = None


@dataclass(frozen=True)
class LegalBasis:
    basis: str
    law: Text | None = None
    interest: Markdown | None = None


@dataclass(frozen=True)
class Purpose:
    id: str
    description: Markdown
    name: Text | None = None
    legal_bases: tuple[LegalBasis, ...] = ()


@dataclass(frozen=True)
class Purposes:
    title: Text
    items: tuple[Purpose, ...]


@dataclass(frozen=True)
class Cookie:
    id: str
    category: str
    provider: str
    purpose: Text
    duration: str
    consent: bool
    name: str | None = None
    purposes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cookies:
    title: Text
    items: tuple[Cookie, ...]
    introduction: Markdown | None = None


@dataclass(frozen=True)
class Right:
    id: str
    right: str
    text: Markdown


@dataclass(frozen=True)
class Response:
    time: str
    text: Markdown
    extension: str | None = None


@dataclass(frozen=True)
class Rights:
    title: Text
    items: tuple[Right, ...]
    contact: str | None = None
    introduction: Markdown | None = None
    response: Response | None = None
    list_heading: Text | None = None


@dataclass(frozen=True)
class SupervisoryAuthority:
    name: Text
    country: str
    website: str
    address: Address | None = None
    email: str | None = None
    telephone: str | None = None


@dataclass(frozen=True)
class Complaints:
    title: Text
    supervisory_authority: SupervisoryAuthority
    contact: str | None = None
    text: Markdown | None = None


@dataclass(frozen=True)
class Updates:
    title: Text
    text: Markdown


@dataclass(frozen=True)
class AdditionalSection:
    id: str
    title: Text
    text: Markdown


@dataclass(frozen=True)
class Register:
    source_language: str
    languages: tuple[str, ...]
    notice: Notice
    controller: Controller
    personal_data: PersonalData
    purposes: Purposes
    recipients: Recipients
    retention: Retention
    automated_decision_making: AutomatedDecisionMaking
    rights: Rights
    complaints: Complaints
    schema_version: int = 2
    register: RegisterInfo | None = None
    data_subjects: DataSubjects | None = None
    sources: Sources | None = None
    protection: Protection | None = None
    access: Access | None = None
    processing_locations: ProcessingLocations | None = None
    cookies: Cookies | None = None
    updates: Updates | None = None
    additional_sections: tuple[AdditionalSection, ...] = ()
    section_order: tuple[str, ...] = ()
    # Its place in the organisation's directory (shared.yaml, see directory.py): the unit
    # that keeps it and the groups of people it concerns, by id.
    unit: str | None = None
    concerns: tuple[str, ...] = ()

    def section(self, key: str) -> Any:
        """The section with ``key``: a built-in one, or an additional one by its id."""
        if key in SECTIONS:
            return getattr(self, key)
        return next((s for s in self.additional_sections if s.id == key), None)

    def section_keys(self) -> tuple[str, ...]:
        """The keys of the sections this notice has, in the order it reads."""
        present = [key for key in SECTIONS if getattr(self, key) is not None]
        present += [section.id for section in self.additional_sections]
        chosen = [key for key in self.section_order if key in present]
        return tuple(chosen + [key for key in present if key not in chosen])

    def item(self, kind: str, item_id: str) -> Purpose | DataField | Channel | Group | None:
        """The item ``item_id`` that a reference of ``kind`` (purpose, field, channel, group)
        names, or None."""
        lists: dict[str, tuple[Purpose | DataField | Channel | Group, ...]] = {
            "purpose": self.purposes.items,
            "field": self.personal_data.fields,
            "channel": self.sources.channels if self.sources else (),
            "group": self.data_subjects.groups if self.data_subjects else (),
        }
        return next((item for item in lists[kind] if item.id == item_id), None)

    def fields_for(self, kind: str, item_id: str) -> tuple[DataField, ...]:
        """The data fields that refer to the purpose, channel or group ``item_id``."""
        key = {"purpose": "purposes", "channel": "sources", "group": "data_subjects"}[kind]
        return tuple(f for f in self.personal_data.fields if item_id in getattr(f, key))


def register_from_document(
    document: Mapping[str, Any], fallbacks: frozenset[tuple[YamlPath, str]] = frozenset()
) -> Register:
    """Build the model of a register document (see :mod:`.schema` for its shape)."""
    return _build(Register, document, (), fallbacks)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(
    cls: type[D],
    value: Mapping[str, Any],
    path: YamlPath,
    fallbacks: frozenset[tuple[YamlPath, str]],
) -> D:
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


def _convert(
    hint: Any, value: Any, path: YamlPath, fallbacks: frozenset[tuple[YamlPath, str]]
) -> Any:
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
        return hint(dict(value), shown, path)
    if isinstance(hint, type) and is_dataclass(hint):
        return _build(hint, value, path, fallbacks)
    return value
