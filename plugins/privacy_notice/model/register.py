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
from privacy_notice.model.data import (
    Channel,
    DataField,
    DataSubjects,
    Group,
    PersonalData,
    Provider,
    Provision,
    RegisterInfo,
    Sources,
    SpecialCategory,
)
from privacy_notice.model.derive import derived
from privacy_notice.model.gdpr import SECTIONS
from privacy_notice.model.notice import (
    AdditionalSection,
    Complaints,
    Notice,
    Response,
    Restriction,
    Right,
    Rights,
    Updates,
)
from privacy_notice.model.parties import (
    Address,
    Contact,
    Controller,
    DataProtectionOfficer,
    Identifier,
    JointController,
    Organisation,
    SupervisoryAuthority,
)
from privacy_notice.model.processing import (
    Access,
    AutomatedDecisionMaking,
    Cookie,
    Cookies,
    Extension,
    LegalBasis,
    Measure,
    ProcessingLocations,
    Protection,
    Purpose,
    Purposes,
    RecipientCategory,
    Recipients,
    Retention,
    RetentionRule,
    Transfer,
)
from privacy_notice.model.values import (
    Markdown,
    Name,
    Text,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

D = TypeVar("D", bound="DataclassInstance")


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


# The model's classes, importable from here as from the module that defines each.
__all__ = [
    "Access",
    "AdditionalSection",
    "Address",
    "AutomatedDecisionMaking",
    "Channel",
    "Complaints",
    "Contact",
    "Controller",
    "Cookie",
    "Cookies",
    "DataField",
    "DataProtectionOfficer",
    "DataSubjects",
    "Extension",
    "Group",
    "Identifier",
    "Item",
    "JointController",
    "LegalBasis",
    "Markdown",
    "Measure",
    "Name",
    "Notice",
    "Organisation",
    "PersonalData",
    "ProcessingLocations",
    "Protection",
    "Provider",
    "Provision",
    "Purpose",
    "Purposes",
    "RecipientCategory",
    "Recipients",
    "Register",
    "RegisterInfo",
    "Response",
    "Restriction",
    "Retention",
    "RetentionRule",
    "Right",
    "Rights",
    "Sources",
    "SpecialCategory",
    "SupervisoryAuthority",
    "Text",
    "Transfer",
    "Updates",
    "register_from_document",
]
