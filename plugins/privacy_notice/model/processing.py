"""How the data is processed: purposes and their legal bases, protection and access,
storage rules, where the data is processed, recipients and their transfers, automated
decisions and profiling, cookies.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_notice.model.data import Provision
from privacy_notice.model.gdpr import EU_EEA
from privacy_notice.model.values import Markdown, Text


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
