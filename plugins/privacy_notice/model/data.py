"""What is processed and whose: the register's name and data subjects (their groups),
the personal data fields with their special categories and whether providing them is
required, and where the data comes from (channels, named sources).
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_notice.model.values import Markdown, Text


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
