"""Who the notice is about and whom it names: the controller with its addresses,
identifiers and contacts, its data protection officer, representative and joint
controllers, and the supervisory authority.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_notice.model.values import Markdown, Name, Text


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
class SupervisoryAuthority:
    name: Text
    country: str
    website: str
    address: Address | None = None
    email: str | None = None
    telephone: str | None = None
