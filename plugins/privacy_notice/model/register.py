"""The register as typed, frozen dataclasses, built from a register document.

The register document (the published JSON) is the canonical form; this model is how
templates and the semantic diff read it. Field names follow the document's keys, so one
generic builder, driven by the type hints, constructs every class.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields, is_dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from privacy_notice.diagnostics import YamlPath
from privacy_notice.model.derive import derived
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
class Name(Text):
    """A name: the same in every language (written as plain text), or ``translated``
    through the catalogs like a text (written as ``{translate: …}``: an authority's
    official name in each language, a role)."""

    translated: bool = False


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
    name: Name
    identifiers: tuple[Identifier, ...] = ()
    address: Address | None = None
    email: str | None = None
    telephone: str | None = None


@dataclass(frozen=True)
class Contact:
    description: Text
    email: str
    name: Name | None = None
    telephone: str | None = None
    title: Text | None = None


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
    name: Name | None = None
    email: str | None = None
    telephone: str | None = None
    address: Address | None = None
    statement: Markdown | None = None
    title: Text | None = None


@dataclass(frozen=True)
class JointController:
    id: str
    organisation: Organisation
    arrangement: Markdown
    purposes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Controller:
    title: Text
    name: Name
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
    public_authority: bool | None = None


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
    children: bool | None = None  # the group includes children (Art. 8, 12(1))
    guardians: Markdown | None = None


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
class Provision:
    """Whether providing data is required, and what follows if it is not (Art. 13(2)(e))."""

    requirement: str  # statutory, contractual, contract-prerequisite, voluntary
    consequences: Markdown | None = None


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
    provision: Provision | None = None
    confidential_under: Text | None = None  # the law that makes it secret


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
class Provider:
    """A named source of data other than the data subjects (Art. 14(2)(f))."""

    id: str
    name: Text
    public: bool
    data_fields: tuple[str, ...] = ()
    description: Markdown | None = None


@dataclass(frozen=True)
class Sources:
    title: Text
    from_data_subject: bool
    description: Markdown | None = None
    channels: tuple[Channel, ...] = ()
    other_sources: Markdown | None = None
    providers: tuple[Provider, ...] = ()

    @property
    def received(self) -> bool | str:
        """What the notice says of where data comes from: True (all of it from the data
        subjects), "and-others" (from them and from the other sources it names: true
        beside other sources never reads "all"), False (some from others)."""
        if self.from_data_subject and (self.other_sources or self.providers):
            return "and-others"
        return self.from_data_subject


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
    purposes: tuple[str, ...] = ()  # the purposes it keeps data for (none: not stated)
    start_event: Text | None = None  # when the period starts, where no code of starts says


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
    # the joint controller (controller.joint_controllers) this recipient is; its name and
    # role come from there (see derive.py)
    joint_controller: str | None = None

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
    direct_marketing: bool | None = None  # objection at any time (Art. 21(2))
    provision: Provision | None = None


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
class Restriction:
    """A law that restricts a right (Art. 23), and how."""

    law: Text
    text: Markdown | None = None


@dataclass(frozen=True)
class Right:
    id: str
    right: str
    text: Markdown | None = None  # may be left out where it does not apply
    purposes: tuple[str, ...] = ()  # where the notice says which purposes it applies to
    does_not_apply: Markdown | None = None  # why not
    restrictions: tuple[Restriction, ...] = ()


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

    # Look-ups by id and by reference, indexed once per register: the pages, the exports and
    # the comparison of versions ask them for every item, and a notice may have thousands.

    @cached_property
    def _lists(self) -> dict[str, tuple[Item, ...]]:
        return {
            "purpose": self.purposes.items,
            "field": self.personal_data.fields,
            "channel": self.sources.channels if self.sources else (),
            "group": self.data_subjects.groups if self.data_subjects else (),
        }

    @cached_property
    def _ids(self) -> dict[str, Index]:
        return {kind: _index(items, ("id",)) for kind, items in self._lists.items()}

    @cached_property
    def _field_references(self) -> Index:
        return _index(self.personal_data.fields, tuple(_FIELD_REFERENCES.values()))

    @cached_property
    def _rule_references(self) -> Index:
        return _index(self.retention.rules, ("data_fields", "channels", "purposes"))

    @cached_property
    def _recipient_references(self) -> Index:
        return _index(self.recipients.categories, ("purposes", "data_fields"))

    def item(self, kind: str, item_id: str) -> Item | None:
        """The item ``item_id`` that a reference of ``kind`` (purpose, field, channel, group)
        names, or None."""
        positions = self._ids[kind].get(("id", item_id))
        return self._lists[kind][positions[0]] if positions else None

    def fields_for(self, kind: str, item_id: str) -> tuple[DataField, ...]:
        """The data fields that refer to the purpose, channel or group ``item_id``."""
        wanted = [(_FIELD_REFERENCES[kind], item_id)]
        return _at(self.personal_data.fields, self._field_references, wanted)

    def purposes_of(self, field: DataField) -> tuple[Purpose, ...]:
        """The purposes ``field`` refers to, in the notice's order."""
        wanted = [("id", purpose) for purpose in field.purposes]
        return _at(self.purposes.items, self._ids["purpose"], wanted)

    def rules_for(
        self, fields: Iterable[str], channels: Iterable[str], purposes: Iterable[str] = ()
    ) -> tuple[RetentionRule, ...]:
        """The retention rules that name one of the data ``fields``, ``channels`` or
        ``purposes`` (ids), and those that name none of them (they keep all data), in the
        notice's order: the candidates, which callers hold to their own rule of what a
        storage rule covers."""
        wanted = [
            None,
            *(("data_fields", f) for f in fields),
            *(("channels", c) for c in channels),
            *(("purposes", p) for p in purposes),
        ]
        return _at(self.retention.rules, self._rule_references, wanted)

    def recipients_for(
        self, purposes: Iterable[str], fields: Iterable[str]
    ) -> tuple[RecipientCategory, ...]:
        """The recipient categories that name one of ``purposes`` or data ``fields`` (ids),
        and those that name neither (they receive all data), in the notice's order."""
        wanted = [None, *(("purposes", p) for p in purposes), *(("data_fields", f) for f in fields)]
        return _at(self.recipients.categories, self._recipient_references, wanted)


Item = Purpose | DataField | Channel | Group
# Where items name ids: (key, id) -> the positions of the items whose ``key`` is or lists
# that id, in order; None -> the items that name no id under any of the keys indexed.
Index = dict[tuple[str, str] | None, list[int]]
T = TypeVar("T")
# What a data field's references to each kind of item are called.
_FIELD_REFERENCES = {"purpose": "purposes", "channel": "sources", "group": "data_subjects"}


def _index(items: Sequence[Any], keys: tuple[str, ...]) -> Index:
    """The index of the ids that ``items`` name under ``keys`` (see :data:`Index`)."""
    found: Index = {}
    for position, item in enumerate(items):
        named = False
        for key in keys:
            value = getattr(item, key)
            for item_id in dict.fromkeys((value,) if isinstance(value, str) else value):
                found.setdefault((key, item_id), []).append(position)
                named = True
        if not named:
            found.setdefault(None, []).append(position)
    return found


def _at(
    items: Sequence[T], index: Index, wanted: Iterable[tuple[str, str] | None]
) -> tuple[T, ...]:
    """The items that ``index`` gives for any of the ``wanted`` keys, each once, in order."""
    positions = {position for key in wanted for position in index.get(key, ())}
    return tuple(items[position] for position in sorted(positions))


def register_from_document(
    document: Mapping[str, Any], fallbacks: frozenset[tuple[YamlPath, str]] = frozenset()
) -> Register:
    """Build the model of a register document (see :mod:`.schema` for its shape), with what
    it states once and refers to filled in where it is referred to (:mod:`.derive`)."""
    shown: dict[YamlPath, set[str]] = {}
    for path, lang in fallbacks:
        shown.setdefault(path, set()).add(lang)
    grouped = {path: frozenset(langs) for path, langs in shown.items()}
    build = _Builder(tuple(document.get("languages") or ()), grouped)
    return build.instance(Register, derived(document), ())


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@dataclass(frozen=True)
class _Builder:
    languages: tuple[str, ...]  # a name written once is the same in each of them
    # The languages shown untranslated (fallbacks), by the path of the text.
    fallbacks: Mapping[YamlPath, frozenset[str]]

    def instance(self, cls: type[D], value: Mapping[str, Any], path: YamlPath) -> D:
        arguments = {}
        for spec in fields(cls):
            if spec.name not in value:
                if spec.default is MISSING:
                    where = ".".join(map(str, path)) or "document"
                    raise ValueError(f"{where}: '{spec.name}' missing")
                continue
            arguments[spec.name] = self.convert(
                _hints(cls)[spec.name], value[spec.name], (*path, spec.name)
            )
        return cls(**arguments)

    def convert(self, hint: Any, value: Any, path: YamlPath) -> Any:
        if value is None:
            return None
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
            return self.convert(hint, value, path)
        if origin is tuple:
            item_hint = typing.get_args(hint)[0]
            return tuple(self.convert(item_hint, item, (*path, i)) for i, item in enumerate(value))
        if isinstance(hint, type) and issubclass(hint, Name):
            if isinstance(value, str):  # as written, in every language
                return Name({lang: value for lang in self.languages}, path=path)
            # translated: a fallback is recorded at its text, {translate: …}
            return Name(dict(value), self.shown((*path, "translate")), path, translated=True)
        if isinstance(hint, type) and issubclass(hint, Text):
            return hint(dict(value), self.shown(path), path)
        if isinstance(hint, type) and is_dataclass(hint):
            return self.instance(hint, value, path)
        return value

    def shown(self, path: YamlPath) -> frozenset[str]:
        """The languages in which the text at ``path`` is shown untranslated."""
        return self.fallbacks.get(path, frozenset())
